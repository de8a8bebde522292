#!/usr/bin/env bash
# Boot-time benchmark (figures printed, never asserted): QEMU virt with -icount shift=0, so the
# virtual counter advances one nanosecond per instruction and the kernel's own boot_phases
# repeat exactly. For 1, 4 and 16 GiB, under rodata=full (Linux's default: the linear map in
# 4 KiB pages) and rodata=off (blocks): the instructions of each phase (memblock: from the
# kernel's entry to the end of arm64_memblock_init, the DT scan included; map_mem, memmap,
# free_all), and per unit beside the floor, the stores the result itself takes:
# one per PTE (map_mem), four per 32-byte struct page (memmap), two per page (free_all: the
# flags and the count). See docs/performance.md.
set -u
cd "$(dirname "$0")/.."
make -s kernel || exit 1
printf '%-5s %-6s %9s %5s | %9s %6s %6s | %9s %6s %6s | %9s %6s %6s\n' RAM rodata "memblock" "/1M" \
	"map_mem" "/PTE" "floor" "memmap" "/page" "floor" "free_all" "/page" "floor"
for mem in 1G 4G 16G; do
	pages=$(( ${mem%G} << 18 ))
	for ro in full off; do
		log=$(mktemp)
		./run-qemu.sh --no-build --timeout 300 -m "$mem" --machine virt,dtb-randomness=off \
			--append "poweroff boot_phases rodata=$ro" -- -icount shift=0,sleep=off > "$log" 2>&1
		took() { sed -n "s/.*bootmem:   $1 *ends at *\([0-9]*\) us, took *\([0-9]*\) us.*/\2/p" "$log" | tr -d '\r'; }
		ends() { sed -n "s/.*bootmem:   $1 *ends at *\([0-9]*\) us.*/\1/p" "$log" | tr -d '\r'; }
		mb=$(ends memblock) mm=$(took map_mem) mi=$(took memmap) fa=$(took free_all)
		rm -f "$log"
		if [ -z "$mb" ] || [ -z "$fa" ]; then
			printf '%-5s %-6s no boot_phases in the log\n' "$mem" "$ro"
			continue
		fi
		# us of virtual time = thousands of instructions
		awk -v mem="$mem" -v ro="$ro" -v p="$pages" -v mb="$mb" -v mm="$mm" -v mi="$mi" -v fa="$fa" 'BEGIN {
			ptes = (ro == "full") ? sprintf("%6.1f", mm * 1000 / p) : "blocks";
			pfl = (ro == "full") ? sprintf("%5.1fx", mm * 1000 / p) : "     -";
			printf "%-5s %-6s %8.2fM %4.2fx | %8.2fM %6s %6s | %8.2fM %6.1f %5.1fx | %8.2fM %6.1f %5.1fx\n",
				mem, ro, mb / 1000, mb / 1000, mm / 1000, ptes, pfl, mi / 1000, mi * 1000 / p,
				mi * 1000 / p / 4, fa / 1000, fa * 1000 / p, fa * 1000 / p / 2 }'
	done
done
echo "(instructions under QEMU -icount shift=0: they repeat exactly. Goals for 1 GiB: memblock <= 1 M,"
echo " map_mem <= 10 a PTE, memmap <= 20 a page, free_all <= 8 a page. free_all on 4 GiB and more"
echo " includes zeroing the 64 MiB swiotlb buffer, as Linux's memblock_alloc does.)"
