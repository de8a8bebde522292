#!/usr/bin/env bash
# Boot-time benchmark (figures printed, never asserted): QEMU virt with -icount shift=0, so the
# virtual counter advances with instructions and the kernel's own phase timings repeat exactly;
# time from entry to "buddy ready" for 1, 4 and 16 GiB, per phase (memblock, map_mem,
# memmap, free_all), under rodata=full (Linux's default) and rodata=off (block mappings).
set -u
cd "$(dirname "$0")/.."
make -s kernel || exit 1
printf '%-6s %-11s %10s %10s %10s %10s %12s\n' RAM rodata memblock map_mem memmap free_all "ready (us)"
for mem in 1G 4G 16G; do
	for ro in full off; do
		log=$(mktemp)
		./run-qemu.sh --no-build --timeout 300 -m "$mem" --machine virt,dtb-randomness=off \
			--append "poweroff boot_phases rodata=$ro" -- -icount shift=0,sleep=off > "$log" 2>&1
		took() { sed -n "s/.*bootmem:   $1 *ends at *\([0-9]*\) us, took *\([0-9]*\) us.*/\2/p" "$log"; }
		ends=$(sed -n 's/.*bootmem:   free_all *ends at *\([0-9]*\) us.*/\1/p' "$log")
		printf '%-6s %-11s %10s %10s %10s %10s %12s\n' "$mem" "$ro" "$(took memblock)" "$(took map_mem)" \
			"$(took memmap)" "$(took free_all)" "${ends:-?}"
		rm -f "$log"
	done
done
echo "(virtual microseconds: with -icount shift=0 each instruction takes 1 ns of virtual time, so these repeat exactly)"
