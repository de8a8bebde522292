#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bootmem booted through real firmware (run-qemu.sh --firmware edk2|uboot|uboot-efi) on every
# scenario of tests/firmware/scenarios.list, each compared with Linux 6.1 booted the same way
# (tests/expected-firmware/<firmware>/<name>.txt) and again with linux=6.12 against Linux 6.12
# (tests/expected-firmware-6.12) by scripts/compare-layout.py, minus the
# differences tests/firmware/known-differences explains; plus the invariants after every
# phase, ptdump (nothing NOMAP mapped: no runtime services, no flash) and a deliberate touch of
# UEFI runtime-services memory; what the small Image file (--small-image) moves; an initrd
# through the EFI stub. Ends with "N passed, N failed".
# PAGE_SIZE=16K: the 16 KiB build instead (make PAGE_SIZE=16K, run-qemu.sh --page-size 16K),
# every scenario against Debian's arm64-16k Linux 6.12 booted the same way
# (tests/expected-firmware-6.12-16k), and nothing else.
set -u
cd "$(dirname "$0")/../.."
PAGE=${PAGE_SIZE:-4K}
OUT=${OUT:-build/qemu-firmware-layout}
[ "$PAGE" = 16K ] && OUT=${OUT%-16k}-16k
mkdir -p "$OUT"
pass=0 fail=0
# Linux's runs (scripts/linux-firmware.sh) had QEMU put no rng-seed or kaslr-seed in the DT:
# the same machine here, or the unflattened tree counts one more property than Linux's.
MACH=(--machine virt,dtb-randomness=off)
WORDS="efi=debug memblock=debug loglevel=8 ignore_loglevel mminit_loglevel=4 nokaslr earlycon=pl011,0x9000000"
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2" | tail -${3:-15}; }

make -s PAGE_SIZE="$PAGE" kernel || { echo "FAIL build"; echo "0 passed, 1 failed"; exit 1; }
for f in /usr/share/qemu-efi-aarch64/QEMU_EFI.fd /usr/lib/u-boot/qemu_arm64/u-boot.bin; do
	[ -f "$f" ] || { echo "FAIL $f missing (scripts/setup.sh installs it)"; echo "0 passed, 1 failed"; exit 1; }
done

# The cases a firmware/scenario pair is known to differ in (tests/firmware/known-differences).
known() {
	awk -v fw="$1" -v n="$2" '!/^[[:space:]]*(#|$)/ && $1 == fw && $2 == n { print $3 }' \
		tests/firmware/known-differences
}

# One scenario through one firmware, following Linux VER (6.1: tests/expected-firmware, 6.12:
# tests/expected-firmware-6.12, booted with linux=6.12 and so with build/Image.linux612-size;
# 6.12-16k: the 16 KiB build against tests/expected-firmware-6.12-16k). Known differences are
# keyed by firmware and scenario, "NAME@VER" but for 6.1.
firmware_case() {
	local fw=$1 name=$2 tree=$3 mem=$4 words=$5 ver=$6 exp log tag key tmo st kd args=()
	if [ "$ver" = 6.1 ]; then
		exp=tests/expected-firmware/$fw/$name.txt tag=$name key=$name
	elif [ "$ver" = 6.12-16k ]; then
		# the 16 KiB build follows 6.12 without being told; console=ttyAMA0 as for 6.12
		exp=tests/expected-firmware-$ver/$fw/$name.txt tag="$name 16K" key=$name@$ver
		words="console=ttyAMA0${words:+ $words}"
		args=(--page-size 16K)
	else
		# console=ttyAMA0: Linux 6.12's words (scripts/linux-firmware.sh, FW_LINUX=6.12)
		exp=tests/expected-firmware-$ver/$fw/$name.txt tag="$name linux=$ver" key=$name@$ver
		words="console=ttyAMA0 linux=$ver${words:+ $words}"
	fi
	log=$OUT/$fw-$key.log		# tests/linux-log/check.sh reads the 6.1 ones
	[ -f "$exp" ] || return 0
	[ "$tree" = - ] || args+=(--dtb "tests/scenarios/$tree")
	# Where the firmware failed with Linux, 25 s show whether it fails with us too.
	tmo=90
	grep -q '^# status: ok' "$exp" || tmo=25
	./run-qemu.sh --no-build --timeout $tmo --firmware "$fw" "${MACH[@]}" ${args[@]+"${args[@]}"} -m "$mem" \
		--append "$WORDS${words:+ $words} ptdump debug_invariants poweroff" \
		> "$log" 2>&1 < /dev/null
	st=$?
	if ! grep -q '^# status: ok' "$exp"; then
		# The firmware itself failed on this tree with Linux: it must fail the same way.
		if grep -qa 'Booting bootmem' "$log"; then
			bad "$fw $tag: Linux's firmware run did not reach the kernel, ours did" "$exp"
		else
			ok "$fw $tag: the firmware fails on this tree as it did with Linux (exit $st)"
		fi
		return 0
	fi
	if [ "$st" != 0 ]; then
		bad "$fw $tag: exit $st, want 0" "$log"
		return 0
	fi
	if grep -qa 'invariants: after memblock: memblock, UEFI map' "$log" ||
	   { [ "$fw" = uboot ] && grep -qa 'invariants: after memblock: memblock ok' "$log"; }; then
		ok "$fw $tag: invariants after every phase"
	else
		bad "$fw $tag: invariants" "$log"
	fi
	if python3 scripts/check-ptdump.py "$log" > "$OUT/$fw-$key.ptdump" 2>&1; then
		ok "$fw $tag: ptdump maps all memory but no NOMAP range"
	else
		bad "$fw $tag: ptdump" "$OUT/$fw-$key.ptdump"
	fi
	kd=$(known "$fw" "$key")
	if python3 scripts/compare-layout.py ${kd:+--expect-differ "$kd"} "$exp" "$log" \
		> "$OUT/$fw-$key.cmp" 2>&1; then
		ok "$fw $tag: layout equals Linux $ver's through $fw${kd:+ (known differences: $kd)} ($(tail -1 "$OUT/$fw-$key.cmp"))"
	else
		bad "$fw $tag: layout differs from Linux $ver's through $fw" "$OUT/$fw-$key.cmp" 40
	fi
}

VERSIONS="6.1 6.12"
[ "$PAGE" = 16K ] && VERSIONS=6.12-16k
while read -r name tree mem fws words; do
	[ "$words" = - ] && words=
	for ver in $VERSIONS; do
		for fw in ${fws//,/ }; do
			firmware_case "$fw" "$name" "$tree" "$mem" "$words" "$ver"
		done
	done
done < <(grep -vE '^\s*(#|$)' tests/firmware/scenarios.list)
if [ "$PAGE" = 16K ]; then
	echo "firmware-layout (16K): $pass passed, $fail failed"
	[ "$fail" = 0 ]
	exit
fi

# The initrd through EDK2's EFI stub, against Linux's booted the same way
# (tests/expected-firmware/edk2/initrd*.txt): initrd: QEMU's -initrd (1 MiB of zeros: only
# its size places anything), which the stub loads through LoadFile2 on the
# LINUX_EFI_INITRD_MEDIA_GUID device path; initrd-cmdline: initrd=kernel, a file of the volume
# QEMU's EDK2 loaded the image from (its fw_cfg kernel-loader file system, where the file
# "kernel" is the Image); initrd-missing: initrd= naming no file. Each: the stub's console
# lines, the INITRD table, the initrd's reservation and the layout equal Linux's.
truncate -s 0 "$OUT/zero-1M.img" && truncate -s 1M "$OUT/zero-1M.img"
stub_lines() { tr -d '\r' < "$1" | grep -ao 'EFI stub: .*' | awk '!seen[$0]++'; }
for c in "initrd|--initrd $OUT/zero-1M.img|" "initrd-cmdline||initrd=kernel" \
	 "initrd-missing||initrd=/boot/nosuch.img"; do
	IFS='|' read -r name rargs words <<< "$c"
	exp=tests/expected-firmware/edk2/$name.txt
	log=$OUT/edk2-$name.log
	# shellcheck disable=SC2086
	./run-qemu.sh --no-build --timeout 90 --firmware edk2 "${MACH[@]}" $rargs -m 1G \
		--append "$WORDS${words:+ $words} debug_invariants poweroff" > "$log" 2>&1 < /dev/null
	st=$?
	want=$(grep -a '^memblock_reserve: .* arm64_memblock_init$' "$exp" | head -1 | cut -d' ' -f2)
	[ "$name" = initrd-missing ] && want=
	if [ "$st" = 0 ] && stub_lines "$exp" | grep -q 'initrd' &&
	   diff <(stub_lines "$exp") <(stub_lines "$log") > "$OUT/edk2-$name.stub" &&
	   grep -qa "$(grep -o 'INITRD=0x[0-9a-f]*' "$exp" || echo 'efi: ')" "$log" &&
	   { [ -z "$want" ] || grep -qaF "memblock_reserve: $want arm64_memblock_init" "$log"; } &&
	   { [ -n "$want" ] || ! grep -qa 'INITRD=' "$log"; }; then
		ok "edk2 $name: the stub's lines, the INITRD table and the reservation (${want:-none}) as Linux's"
	else
		bad "edk2 $name: exit $st, or not as Linux's (want reservation ${want:-none}); stub lines:" "$OUT/edk2-$name.stub" 20
	fi
	if python3 scripts/compare-layout.py "$exp" "$log" > "$OUT/edk2-$name.cmp" 2>&1; then
		ok "edk2 $name: layout equals Linux 6.1's ($(tail -1 "$OUT/edk2-$name.cmp"))"
	else
		bad "edk2 $name: layout differs from Linux 6.1's" "$OUT/edk2-$name.cmp" 40
	fi
done
# noinitrd: the stub leaves the initrd alone; no table, no reservation.
log=$OUT/edk2-noinitrd.log
./run-qemu.sh --no-build --timeout 90 --firmware edk2 "${MACH[@]}" --initrd "$OUT/zero-1M.img" -m 1G \
	--append "$WORDS noinitrd poweroff" > "$log" 2>&1 < /dev/null
st=$?
if [ "$st" = 0 ] && ! grep -qa 'Loaded initrd\|INITRD=\|bootmem: initrd \[mem' "$log"; then
	ok "edk2 noinitrd: the stub loads no initrd"
else
	bad "edk2 noinitrd: exit $st, or an initrd was loaded" "$log" 20
fi

# The Image file's size is what EDK2 and booti copy: the small file (--small-image) must move
# exactly what depends on it, and nothing else.
for fc in "edk2 cma,efi-map" "uboot cma"; do
	read -r fw kd <<< "$fc"
	log=$OUT/$fw-boot-paths-small.log
	./run-qemu.sh --no-build --timeout 90 --firmware "$fw" "${MACH[@]}" --small-image \
		--dtb tests/scenarios/boot-paths.dts -m 1G --append "$WORDS poweroff" \
		> "$log" 2>&1 < /dev/null
	st=$?
	if [ "$st" = 0 ] && python3 scripts/compare-layout.py --expect-differ "$kd" \
		tests/expected-firmware/$fw/boot-paths.txt "$log" > "$OUT/$fw-boot-paths-small.cmp" 2>&1; then
		ok "$fw boot-paths --small-image: only $kd move ($(grep -a 'cma: Reserved' "$log" | sed 's/.*at //'))"
	else
		bad "$fw boot-paths --small-image: exit $st, or more than $kd moved" "$OUT/$fw-boot-paths-small.cmp" 20
	fi
done

# Runtime-services memory is NOMAP, so never in the linear map: touching it faults, decoded.
log=$OUT/edk2-test-fault.log
./run-qemu.sh --no-build --timeout 60 --firmware edk2 --append "test_fault=efi-runtime" \
	> "$log" 2>&1 < /dev/null
st=$?
if [ "$st" = 1 ] &&
   grep -qa 'test_fault: reading UEFI runtime-services memory \[mem 0x000000007c440000-0x000000007c4bffff\]' "$log" &&
   grep -qaE 'Unable to handle kernel paging request|translation fault' "$log"; then
	ok "edk2: test_fault=efi-runtime faults on runtime-services memory (exit 1)"
else
	bad "edk2: test_fault=efi-runtime: exit $st" "$log" 30
fi
# Without UEFI there is nothing to touch: said, no fault.
log=$OUT/direct-test-fault.log
./run-qemu.sh --no-build --timeout 60 --append "test_fault=efi-runtime poweroff" > "$log" 2>&1 < /dev/null
st=$?
if [ "$st" = 0 ] && grep -qa 'test_fault=efi-runtime: not booted through UEFI' "$log"; then
	ok "direct boot: test_fault=efi-runtime says there is no UEFI"
else
	bad "direct boot: test_fault=efi-runtime: exit $st" "$log"
fi

echo "firmware-layout: $pass passed, $fail failed"
[ "$fail" = 0 ]
