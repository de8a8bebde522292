#!/usr/bin/env bash
# QEMU boot tests: the default boot, every scenario against Linux 6.1's report (and with
# linux=6.12 against Linux 6.12's, tests/expected-6.12, where there is one), the Pi,
# EL2/EL3 entry, CPUs, bad DTBs, deliberate faults and the monitor. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=${OUT:-$ROOT/build/qemu-tests}
mkdir -p "$OUT"
DEBUG="earlycon=pl011,0x9000000 console=ttyAMA0 memblock=debug loglevel=8 ignore_loglevel mminit_loglevel=4 nokaslr"
. tests/qemu/lib.sh

# check_checksums NAME EXTRA LOG: the memmap, page tables and free lists the kernel printed
# (bootmem_checksum) equal those recorded before the bring-up was made faster, if recorded.
SUMS=tests/data/bootmem-checksums-kernel.txt
check_checksums() {
	local want got label=$1
	[ "$2" = - ] || label="$1 $2"
	want=$(awk -v n="$1" -v e="$2" '{ sub(/\r$/, "") } $1 == n && $2 == e { print $3, $4, $5 }' "$SUMS")
	[ -n "$want" ] || return 0
	got=$(sed -n 's/.*bootmem: checksum memmap \([0-9a-f]*\) page tables \([0-9a-f]*\) free lists \([0-9a-f]*\).*/\1 \2 \3/p' "$3" | tr -d '\r')
	if [ "$got" = "$want" ]; then
		ok "$label: memmap, page tables and free lists as recorded ($SUMS)"
	else
		echo "got [$got], recorded [$want]" > "$3.sums"
		bad "$label: bring-up checksums differ from the recorded ones" "$3.sums"
	fi
}

make -s kernel || { echo "FAIL build"; echo "0 passed, 1 failed"; exit 1; }

# 1. The default boot: QEMU's own DTB through -kernel.
if boot default 0 --append poweroff &&
   expect default "$OUT/default.log" 'Booting bootmem' 'DTB at 0x0000000048000000' \
	'Machine model: linux,dummy-virt' 'bootmem: DT memory \[mem 0x0000000040000000-0x000000007fffffff\]' \
	'Memory: [0-9]+K/1048576K available' 'buddy allocator ready' 'reboot: Power down' \
	'bootmem: console: pl011 at MMIO 0x9000000 \(stdout-path /pl011@9000000\); Linux has no early console'; then
	if grep -qa 'printk: bootconsole\|earlycon:' "$OUT/default.log"; then
		bad "default boot: an early console line without earlycon" "$OUT/default.log"
	else
		ok "default boot (QEMU -kernel, 1 GiB; no earlycon: bootmem's console, no Linux line)"
	fi
fi

# 1b. The image stands for Linux's: the header declares Debian 6.1's image_size, memblock reserves
# that footprint from _stext (Linux's reserved[0x0] on virt 1 GiB), kernel_size= sets another.
isz=$(python3 -c "import struct,sys; print(hex(struct.unpack_from('<Q', open(sys.argv[1],'rb').read(64), 16)[0]))" build/Image)
if [ "$isz" = 0x2010000 ]; then
	ok "Image header image_size = 0x2010000 (Debian's Linux 6.1 Image)"
else
	bad "Image header image_size = $isz, want 0x2010000"
fi
if boot footprint 0 --append "memblock=debug poweroff" &&
   expect footprint "$OUT/footprint.log" \
	'reserved\[0x0\]	\[0x0000000040210000-0x000000004220afff\], 0x0000000001ffb000 bytes flags: 0x0' \
	'bootmem: kernel image footprint \[mem 0x0000000040200000-0x000000004220ffff\]: image_size 0x2010000' \
	"bootmem: bootmem's own image uses 0x[0-9a-f]+ bytes of it"; then
	ok "the kernel reserves Linux's footprint [0x40210000-0x4220afff] after paging_init"
fi
# linux=6.12: Debian 6.12's footprint, reserved whole from _text and given its node.
if boot footprint-612 0 --append "linux=6.12 memblock=debug poweroff" &&
   expect footprint-612 "$OUT/footprint-612.log" 'bootmem: Linux 6.12 arm64 early memory bring-up' \
	'reserved\[0x0\]	\[0x0000000040200000-0x0000000042d2ffff\], 0x0000000002b30000 bytes on node 0 flags: 0x0' \
	'image_size 0x2b30000 \(Debian.s Linux 6.12 Image\), reserved from _text' \
	'Memory: [0-9]+K/1048576K available \(15616K kernel code, 3820K rwdata, 13948K rodata, 9664K init, 938K bss'; then
	ok "linux=6.12 reserves Debian 6.12's footprint [0x40200000-0x42d2ffff] and prints its sections"
fi
if boot kernel-size 0 --append "kernel_size=8M memblock=debug poweroff" &&
   expect kernel-size "$OUT/kernel-size.log" \
	'reserved\[0x0\]	\[0x0000000040210000-0x00000000409fafff\]' 'image_size 0x800000 \(kernel_size=\)'; then
	ok "kernel_size=8M reserves [0x40210000-0x409fafff]"
fi

# 2. Every scenario against Linux 6.1's own report.
for dts in tests/scenarios/*.dts; do
	name=$(basename "$dts" .dts)
	exp=tests/expected/$name.txt
	[ -f "$exp" ] || continue
	dtb="$OUT/$name.dtb"
	dtc -q -I dts -O dtb -p 4096 -o "$dtb" "$dts"
	extra=()
	grep -q '^// machine: raspi3b' "$dts" && DBG=${DEBUG/0x9000000/0x3f201000} || DBG=$DEBUG
	# The self-test writes every free page: on the big layouts QEMU would commit all of it
	# in host memory, so they boot without it (the 1-4 GiB layouts run it).
	st=selftest
	grep -qE '^// qemu: .*-m ([5-9]|[1-9][0-9])G' "$dts" && st=
	if boot "$name" 0 --dtb "$dts" --append "$DBG $st ptdump debug_invariants bootmem_checksum poweroff"; then
		expect "$name" "$OUT/$name.log" 'invariants: after map_mem: .*page tables' \
			'invariants: after free_all: .*buddy' && ok "$name: invariants after every phase"
		check_checksums "$name" - "$OUT/$name.log"
		if python3 scripts/compare-layout.py "$exp" "$OUT/$name.log" "$dtb" > "$OUT/$name.cmp" 2>&1; then
			ok "$name: layout equals Linux 6.1's ($(tail -1 "$OUT/$name.cmp"))"
		else
			bad "$name: layout differs from Linux 6.1's" "$OUT/$name.cmp" 40
		fi
		if grep -qaE '^\[[ 0-9.]+\] +not ok' "$OUT/$name.log"; then
			bad "$name: in-kernel self-tests" "$OUT/$name.log"
		elif grep -qa 'KTAP version 1' "$OUT/$name.log"; then
			ok "$name: in-kernel self-tests ($(grep -ac '^\[.*\] ok ' "$OUT/$name.log") ok)"
		fi
		if python3 scripts/check-ptdump.py "$OUT/$name.log" > "$OUT/$name.ptdump" 2>&1; then
			ok "$name: ptdump maps all memory but no NOMAP range"
		else
			bad "$name: ptdump" "$OUT/$name.ptdump"
		fi
	fi
	# The same tree following Linux 6.12, against 6.12's report (no self-test: the buddy
	# allocator is the same code; the invariants check its free lists after the hand-off).
	exp=tests/expected-6.12/$name.txt
	[ -f "$exp" ] || continue
	if boot "$name-612" 0 --dtb "$dts" --append "linux=6.12 $DBG ptdump debug_invariants poweroff"; then
		expect "$name-612" "$OUT/$name-612.log" 'bootmem: Linux 6.12 arm64' \
			'invariants: after map_mem: .*page tables' 'invariants: after free_all: .*buddy' &&
			ok "$name: linux=6.12: invariants after every phase"
		if python3 scripts/compare-layout.py "$exp" "$OUT/$name-612.log" "$dtb" > "$OUT/$name-612.cmp" 2>&1; then
			ok "$name: linux=6.12: layout equals Linux 6.12's ($(tail -1 "$OUT/$name-612.cmp"))"
		else
			bad "$name: linux=6.12: layout differs from Linux 6.12's" "$OUT/$name-612.cmp" 40
		fi
		if python3 scripts/check-ptdump.py "$OUT/$name-612.log" > "$OUT/$name-612.ptdump" 2>&1; then
			ok "$name: linux=6.12: ptdump maps all memory but no NOMAP range"
		else
			bad "$name: linux=6.12: ptdump" "$OUT/$name-612.ptdump"
		fi
	fi
done

# 2b. Variants: a scenario with more kernel words, and Linux's log for it (tests/linux-log).
# A bare "earlycon" makes Linux look at stdout-path after paging_init; on the Xperia trees
# (stdout-path "framebuffer0", no such alias) it says so, and only then (issue 22).
while read -r name scen words; do
	case "$name" in ''|'#'*) continue ;; esac
	if boot "$name" 0 --dtb "tests/scenarios/$scen.dts" --append "$DEBUG $words poweroff" &&
	   expect "$name" "$OUT/$name.log" 'Memory: ' 'reboot: Power down'; then
		ok "$name: boots"
	fi
done < tests/linux-log/variants
for x in tests/scenarios/xperia-*.dts; do
	name=$(basename "$x" .dts)
	log=$OUT/$name.log
	[ -f "$log" ] || continue
	if grep -qa 'OF: fdt: earlycon' "$log"; then
		bad "$name: earlycon=pl011 printed Linux's stdout-path line" "$log"
	elif expect "$name" "$log" 'earlycon: pl11 at MMIO 0x0000000009000000' \
		'bootmem: stdout-path framebuffer0 not found'; then
		ok "$name: earlycon=pl011 ignores stdout-path \"framebuffer0\" as Linux; bootmem says so itself"
	fi
done
log=$OUT/xperia-nile-voyager+earlycon.log
if [ -f "$log" ] && [ "$(grep -ac 'OF: fdt: earlycon: stdout-path framebuffer0 not found' "$log")" = 1 ] &&
   ! grep -qa 'bootmem: stdout-path framebuffer0' "$log"; then
	ok "xperia-nile-voyager+earlycon: a bare earlycon prints Linux's line once, bootmem does not repeat it"
else
	bad "xperia-nile-voyager+earlycon: Linux's stdout-path line" "$log"
fi

# The block-mapped linear map (rodata=off) as recorded too.
if boot virt-1g-rodata-off 0 --dtb tests/scenarios/virt-1g.dts --append "rodata=off bootmem_checksum poweroff"; then
	check_checksums virt-1g rodata=off "$OUT/virt-1g-rodata-off.log"
fi

# 3. Real boards.
dtc -q -I dtb -O dtb -p 4096 -o "$OUT/imx8mp.dtb" tests/data/imx8mp-evk.dtb
fdtput -t s "$OUT/imx8mp.dtb" /psci method hvc	# the oracle's fixup: no EL3 firmware on virt
if boot board-imx8mp-evk 0 --dtb "$OUT/imx8mp.dtb" -m 6G --append "$DEBUG poweroff"; then
	if python3 scripts/compare-layout.py tests/expected/board-imx8mp-evk.txt "$OUT/board-imx8mp-evk.log" \
		"$OUT/imx8mp.dtb" > "$OUT/imx8mp.cmp" 2>&1; then
		ok "board imx8mp-evk: layout equals Linux 6.1's"
	else
		bad "board imx8mp-evk: layout differs" "$OUT/imx8mp.cmp" 40
	fi
fi
if boot board-imx8mp-evk-612 0 --dtb "$OUT/imx8mp.dtb" -m 6G --append "linux=6.12 $DEBUG poweroff"; then
	if python3 scripts/compare-layout.py tests/expected-6.12/board-imx8mp-evk.txt \
		"$OUT/board-imx8mp-evk-612.log" "$OUT/imx8mp.dtb" > "$OUT/imx8mp-612.cmp" 2>&1; then
		ok "board imx8mp-evk: linux=6.12: layout equals Linux 6.12's"
	else
		bad "board imx8mp-evk: linux=6.12: layout differs" "$OUT/imx8mp-612.cmp" 40
	fi
fi
if boot raspi3b-default 0 --machine raspi3b --append poweroff &&
   expect raspi3b-default "$OUT/raspi3b-default.log" 'Machine model: Raspberry Pi 3 Model B' \
	'bcm2835aux at MMIO 0x3f215040' 'Memory: ' 'buddy allocator ready'; then
	ok "raspi3b: the Pi 3 DTB, mini-UART console, buddy hand-off"
fi

# 4. Entry at EL2 and with secure=on, and other CPUs.
for m in virt,virtualization=on virt,secure=on; do
	if boot "entry-$m" 0 --machine "$m" --append poweroff &&
	   expect "entry-$m" "$OUT/entry-$m.log" 'Memory: ' 'reboot: Power down'; then
		ok "entry with -M $m ($(grep -ao 'Entered at EL[0-3]' "$OUT/entry-$m.log"))"
	fi
done
for cpu in cortex-a53 cortex-a72 max; do
	if boot "cpu-$cpu" 0 --cpu "$cpu" --append poweroff && expect "cpu-$cpu" "$OUT/cpu-$cpu.log" 'Memory: '; then
		ok "boots on -cpu $cpu"
	fi
done

# 4b. The same Image wherever it is loaded: without the Image magic QEMU loads it as a raw
# kernel at RAM base + 0x80000 (0x40080000 on virt, 0x80000 on raspi3b), 2 MiB-unaligned.
cp build/Image "$OUT/Image.raw"
printf '\000\000\000\000' | dd of="$OUT/Image.raw" bs=1 seek=56 conv=notrunc 2>/dev/null
python3 scripts/qemu-runner.py 60 "$OUT/load-40080000.log" -- qemu-system-aarch64 -M virt -cpu cortex-a57 \
	-m 1G -nic none -display none -monitor none -serial stdio -kernel "$OUT/Image.raw" \
	-append poweroff > /dev/null 2>&1 < /dev/null
st=$?
if [ "$st" = 0 ] && expect load-40080000 "$OUT/load-40080000.log" 'image at physical 0x40080000' 'Memory: ' 'Power down'; then
	ok "the Image runs loaded at 0x40080000 (virt)"
elif [ "$st" != 0 ]; then
	bad "load at 0x40080000: exit $st" "$OUT/load-40080000.log"
fi
python3 scripts/qemu-runner.py 60 "$OUT/load-80000.log" -- qemu-system-aarch64 -M raspi3b -m 1G -no-reboot \
	-watchdog-action poweroff -nic none -display none -monitor none -serial stdio -serial null \
	-kernel "$OUT/Image.raw" -dtb tests/data/bcm2837-rpi-3-b.dtb \
	-append "poweroff earlycon=pl011,0x3f201000" > /dev/null 2>&1 < /dev/null
st=$?
if [ "$st" = 0 ] && expect load-80000 "$OUT/load-80000.log" 'image at physical 0x80000' 'Entered at EL2' 'Memory: '; then
	ok "the Image runs loaded at 0x80000 (raspi3b, entered at EL2)"
elif [ "$st" != 0 ]; then
	bad "load at 0x80000: exit $st" "$OUT/load-80000.log"
fi

# 5. Bad device trees and deliberate faults: a clear message and a non-zero exit.
head -c 4096 /dev/urandom > "$OUT/garbage.dtb"
if boot bad-dtb 1 --dtb "$OUT/garbage.dtb" --append poweroff &&
   expect bad-dtb "$OUT/bad-dtb.log" 'invalid device tree blob at physical address' 'Kernel panic - not syncing'; then
	ok "a garbage DTB: clear message, panic, non-zero exit"
fi
python3 scripts/bootstub.py "$OUT/stub0.bin" 0x40200000 0
python3 scripts/qemu-runner.py 30 "$OUT/x0-zero.log" -- qemu-system-aarch64 -M virt -cpu cortex-a57 -m 1G \
	-nic none -display none -monitor none -serial stdio -bios "$OUT/stub0.bin" \
	-device loader,file=build/Image,addr=0x40200000,force-raw=on > /dev/null 2>&1 < /dev/null
st=$?
if [ "$st" = 1 ] && expect x0-zero "$OUT/x0-zero.log" 'no device tree: the boot loader passed x0 = 0'; then
	ok "x0 = 0: clear message on the fallback console, non-zero exit"
elif [ "$st" != 1 ]; then
	bad "x0 = 0: exit $st, want 1" "$OUT/x0-zero.log"
fi
if boot fault-null 1 --append "test_fault=null" &&
   expect fault-null "$OUT/fault-null.log" 'Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000' 'FSC = 0x04: level 0 translation fault' \
	'pc : fault_null\+0x' 'Call trace:' 'run_test_fault' 'Kernel panic - not syncing: Fatal exception'; then
	ok "test_fault=null: decoded data abort naming fault_null, backtrace, panic"
fi
if boot fault-nomap 1 --dtb tests/scenarios/resmem-nomap-inside.dts --append "test_fault=nomap" &&
   expect fault-nomap "$OUT/fault-nomap.log" 'translation fault' 'NOMAP region \[mem 0x0000000050000000-0x0000000050ffffff\]' 'fault_nomap'; then
	ok "test_fault=nomap: a translation fault naming the NOMAP region, not a hang"
fi
if boot fault-stack 1 --append "test_fault=stack" &&
   expect fault-stack "$OUT/fault-stack.log" 'Kernel stack overflow' 'Kernel panic'; then
	ok "test_fault=stack: the guard page catches a stack overflow"
fi

# 5b. An initrd through QEMU's loader (-kernel) and through --dtb (the same placement), and the
# monitor's memblock view naming it and the crash kernel.
head -c 3000000 /dev/zero > "$OUT/initrd.img"
if boot initrd-kernel 0 --initrd "$OUT/initrd.img" --append "memblock=debug poweroff" &&
   expect initrd-kernel "$OUT/initrd-kernel.log" 'DTB at 0x0000000048400000' \
	'bootmem: initrd \[mem 0x48000000-0x482dc6bf\] \(3000000 bytes\)' \
	'memblock_reserve: \[0x0000000048000000-0x00000000482dcfff\] arm64_memblock_init'; then
	ok "--initrd with QEMU's -kernel: at 0x48000000, the DTB after it, reserved in whole pages"
fi
if boot initrd-dtb 0 --dtb tests/scenarios/virt-1g.dts --initrd "$OUT/initrd.img" --append poweroff &&
   expect initrd-dtb "$OUT/initrd-dtb.log" 'DTB at 0x0000000048400000' \
	'bootmem: initrd \[mem 0x48000000-0x482dc6bf\]'; then
	ok "--initrd with --dtb: QEMU's placement, /chosen/linux,initrd-start and -end"
fi
printf 'memblock\npoweroff\n' > "$OUT/monitor-initrd.in"
./run-qemu.sh --no-build --timeout 60 --initrd "$OUT/initrd.img" --append "crashkernel=64M" \
	< "$OUT/monitor-initrd.in" > "$OUT/monitor-initrd.log" 2>&1
st=$?
if [ "$st" = 0 ] && expect monitor-initrd "$OUT/monitor-initrd.log" \
	'crashkernel reserved: 0x0000000076c00000 - 0x000000007ac00000 \(64 MB\)' \
	'reserved\[0x[0-9a-f]+\] holds initrd \[mem 0x0000000048000000-0x00000000482dcfff\]' \
	'holds kernel image \(footprint\) \[mem 0x0000000040210000-' \
	'holds crash kernel \(crashkernel=\) \[mem 0x0000000076c00000-0x000000007abfffff\]' \
	"holds CMA area 'reserved' \[mem 0x000000007ac00000-0x000000007ebfffff\]"; then
	ok "monitor memblock names the initrd, the image, the crash kernel and the CMA area"
elif [ "$st" != 0 ]; then
	bad "monitor with an initrd: exit $st" "$OUT/monitor-initrd.log"
fi
# crashkernel= maps memory with pages (Linux's crash_mem_map, ZONE_DMA defers the reservation):
# with rodata=off only the image's linear alias keeps its blocks.
if boot crash-ptdump 0 --append "rodata=off crashkernel=64M ptdump poweroff" &&
   expect crash-ptdump "$OUT/crash-ptdump.log" \
	'0xffff000001800000-0xffff000040000000 +1000M PTE +RW NX' \
	'0xffff000000400000-0xffff000001800000 +20M PMD +RW NX .*BLK'; then
	ok "crashkernel=: the linear map in pages (but the image alias), as Linux"
fi
# 6.12's map_mem has no crashkernel case: with rodata=off the linear map keeps its blocks.
if boot crash-ptdump-612 0 --append "linux=6.12 rodata=off crashkernel=64M ptdump poweroff" &&
   expect crash-ptdump-612 "$OUT/crash-ptdump-612.log" 'crashkernel reserved: ' \
	'0xffff000002000000-0xffff000040000000 +992M PMD +RW NX .*BLK'; then
	ok "crashkernel= with linux=6.12: the linear map in blocks, as Linux 6.12"
fi
# EDK2's initrd goes through the EFI stub (tests/qemu/firmware-layout.sh); U-Boot's bootefi
# offers none.
if boot initrd-efi 2 --firmware uboot-efi --initrd "$OUT/initrd.img" --append poweroff &&
   expect initrd-efi "$OUT/initrd-efi.log" 'offers an EFI application an initrd .* only from a Boot#### load option'; then
	ok "--initrd through U-Boot's bootefi: refused with a reason (exit 2)"
fi

# 6. The monitor, driven through the serial console.
printf 'help\nbuddyinfo\nzoneinfo\nphys 0x40000000\nalloc 3 dma\nwalk 0xffff000000000000\nfrobnicate\npoweroff\n' > "$OUT/monitor.in"
./run-qemu.sh --no-build --timeout 60 < "$OUT/monitor.in" > "$OUT/monitor.log" 2>&1
st=$?
if [ "$st" = 0 ] && expect monitor "$OUT/monitor.log" 'bootmem> ' 'commands:' 'Node 0, zone +DMA' \
	'memblock.memory +\[mem 0x0000000040000000' 'alloc: order 3 -> pfn' 'walk 0xffff000000000000' \
	'unknown command "frobnicate"'; then
	ok "monitor: help, buddyinfo, zoneinfo, phys, alloc, walk, unknown input, poweroff"
elif [ "$st" != 0 ]; then
	bad "monitor: exit $st" "$OUT/monitor.log"
fi

# 6b. The monitor's free, driven interactively: the PFN to free comes from alloc, the
# reserved one is the DTB's (memblock reserves the blob). A double free and a reserved page get Linux's
# report and "nothing freed" (the page freed once waits on the per-CPU list, not a free list, so
# the second free finds it unallocated, refcount 0); a PFN not aligned to the order is refused
# before the allocator.
monitor_free() {
	local log="$OUT/monitor-free.log" line pfn= dtb= st mpid in to
	: > "$log"
	coproc MON { ./run-qemu.sh --no-build --timeout 60 2>&1; }
	# Our own copies: bash drops the coprocess's descriptors and variables when it ends.
	mpid=$MON_PID
	exec {in}<&"${MON[0]}" {to}>&"${MON[1]}"
	printf 'alloc 0\n' >&"$to"
	while IFS= read -r -t 60 -u "$in" line; do
		line=${line%$'\r'}
		printf '%s\n' "$line" >> "$log"
		[[ $line =~ DTB\ at\ (0x[0-9a-f]+) ]] && dtb=${BASH_REMATCH[1]}
		if [[ $line =~ alloc:\ order\ 0\ -\>\ pfn\ (0x[0-9a-f]+) ]]; then
			pfn=${BASH_REMATCH[1]}
			break
		fi
	done
	if [ -n "$pfn" ] && [ -n "$dtb" ]; then
		printf 'free %s 0\nfree %s 0\nfree %#x 3\nfree %#x 0\npoweroff\n' "$pfn" "$pfn" \
			$((pfn | 1)) $((dtb >> 12)) >&"$to"
	else
		printf 'poweroff\n' >&"$to"
	fi
	while IFS= read -r -t 60 -u "$in" line; do
		printf '%s\n' "${line%$'\r'}" >> "$log"
	done
	wait "$mpid"
	st=$?
	exec {in}<&- {to}>&-
	if [ "$st" != 0 ] || [ -z "$pfn" ]; then
		bad "monitor free: exit $st, pfn '${pfn}'" "$log"
		return
	fi
	local kpfn
	kpfn=$(printf '%#x' $((dtb >> 12)))
	if expect monitor-free "$log" \
		"free: pfn $pfn order 0\$" \
		"BUG: Bad page state in process swapper/0  pfn:0*${pfn#0x}\$" \
		"page dumped because: page is not allocated \\(refcount 0\\): double free or tail page" \
		"free: nothing freed: the allocator refused pfn $pfn order 0 \\(see the report above\\)" \
		"free: pfn $(printf '%#x' $((pfn | 1))) is not aligned to order 3 \\(a multiple of 8 pages\\): refused, nothing freed" \
		"BUG: Bad page state in process swapper/0  pfn:0*${kpfn#0x}\$" \
		"page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag\\(s\\) set" \
		"free: nothing freed: the allocator refused pfn $kpfn order 0"; then
		if [ "$(grep -c "free: pfn $pfn order 0\$" "$log")" = 1 ]; then
			ok "monitor free: freed once; double free, reserved page: nothing freed; misaligned refused"
		else
			bad "monitor free: 'free: pfn $pfn order 0' printed more than once" "$log"
		fi
	fi
}
monitor_free

# 6c. Linux's files at Linux's paths in the monitor, on the device-tree test tree: every command
# of tests/linux-proc/commands.txt (device tree, debugfs memblock, paths that do not exist, a 4101-byte
# property) prints what busybox printed on Linux 6.1; iomem, zoneinfo, buddyinfo and meminfo in
# Linux's formats; Tab completes a path and a command and lists candidates on a second Tab.
{ cat tests/linux-proc/commands.txt
  printf 'cat /proc/iomem\ncat /proc/zoneinfo\ncat /proc/buddyinfo\ncat /proc/meminfo\n'
  printf 'cat /proc/zon\t\nhexd\t-C /proc/device-tree/na\t\nls /proc/device-tree/bootmem-test/d\t\t\npoweroff\n'
} > "$OUT/monitor-files.in"
./run-qemu.sh --no-build --timeout 60 --dtb tests/linux-proc/dt-test.dts \
	--append "earlycon=pl011,0x9000000 console=ttyAMA0 nokaslr" \
	< "$OUT/monitor-files.in" > "$OUT/monitor-files.log" 2>&1
st=$?
if [ "$st" != 0 ]; then
	bad "monitor files: exit $st" "$OUT/monitor-files.log"
elif python3 tests/qemu/check-monitor-files.py "$OUT/monitor-files.log" tests/linux-proc/dt-test.txt \
	tests/linux-proc/commands.txt > "$OUT/monitor-files.cmp" 2>&1; then
	ok "monitor: cat, ls, hexdump -C at Linux's paths as busybox prints them on Linux, Tab completion ($(tail -1 "$OUT/monitor-files.cmp"))"
else
	bad "monitor: Linux's files differ from Linux's" "$OUT/monitor-files.cmp" 40
fi

# 7. gdb: step through the entry code and across the MMU switch.
if tests/qemu/gdb-test.sh > "$OUT/gdb.log" 2>&1; then
	ok "gdb-multiarch: stepi from the first instruction, start_kernel, x0 = DTB, after the MMU"
else
	bad "gdb test" "$OUT/gdb.log" 25
fi

echo "qemu: $pass passed, $fail failed"
[ "$fail" = 0 ]
