#!/usr/bin/env bash
# Record the bring-up's checksums (docs/performance.md) into tests/data: the host's, from
# tests/host/test_checksum.c's layouts, and the kernel's, from QEMU boots with bootmem_checksum.
# Only from a tree whose bring-up results are the reference: a change that is meant to leave
# them alone must be checked against the recorded values, not re-record them.
set -eu
cd "$(dirname "$0")/.."
make -s build/host/test_checksum kernel
rev=$(git rev-parse --short HEAD)
{
	echo "# The bring-up's checksums (tests/host/test_checksum.c): scenario, extra bootargs (- for none),"
	echo "# memmap, page tables, free lists. Recorded at $rev by scripts/record-checksums.sh."
	BOOTMEM_CHECKSUM_RECORD=1 build/host/test_checksum 2>/dev/null | grep -E '^[a-z0-9-]+ [^ ]+ [0-9a-f]{16} '
} > tests/data/bootmem-checksums.txt
{
	echo "# The kernel's checksums (bootmem_checksum, printed without the image's own footprint, see"
	echo "# docs/performance.md): scenario, extra bootargs (- for none), memmap, page tables, free lists."
	echo "# Recorded at $rev by scripts/record-checksums.sh; checked by tests/qemu/run.sh."
	# With the command lines tests/qemu/run.sh checks them on: the results depend on the
	# line's length (it is in the blob's /chosen, and so in the unflattened tree memblock holds).
	DEBUG="earlycon=pl011,0x9000000 console=ttyAMA0 memblock=debug loglevel=8 ignore_loglevel mminit_loglevel=4 nokaslr"
	for c in virt-1g: virt-1g:rodata=off virt-4g: numa: mem-gaps: rpi4b-4g:; do
		n=${c%%:*} e=${c#*:} dts=tests/scenarios/${c%%:*}.dts
		if [ -n "$e" ]; then
			args="$e bootmem_checksum poweroff"
		else
			grep -q '^// machine: raspi3b' "$dts" && dbg=${DEBUG/0x9000000/0x3f201000} || dbg=$DEBUG
			st=selftest
			grep -qE '^// qemu: .*-m ([5-9]|[1-9][0-9])G' "$dts" && st=
			args="$dbg $st ptdump debug_invariants bootmem_checksum poweroff"
		fi
		./run-qemu.sh --no-build --dtb "$dts" --append "$args" 2>&1 |
			tr -d '\r' | sed -n "s/.*bootmem: checksum memmap \([0-9a-f]*\) page tables \([0-9a-f]*\) free lists \([0-9a-f]*\).*/$n ${e:--} \1 \2 \3/p"
	done
} > tests/data/bootmem-checksums-kernel.txt
wc -l tests/data/bootmem-checksums.txt tests/data/bootmem-checksums-kernel.txt
