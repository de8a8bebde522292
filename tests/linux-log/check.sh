#!/usr/bin/env bash
# bootmem's lines in Linux's words against Linux 6.1's own log (tests/linux-log/NAME.txt) for
# every scenario, board and variant: scripts/check-linux-lines.py on bootmem-layout's log
# (the same tree, load addresses and command line) and on the kernel's QEMU log when
# tests/qemu/run.sh left one; and the kernel booted through EDK2 and U-Boot against Linux
# booted the same way (tests/linux-log/firmware). Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
TOOL=build/host/bootmem-layout
OUT=build/linux-log
mkdir -p "$OUT"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2" | tail -${3:-25}; }

make -s "$TOOL" || { echo "FAIL build"; echo "0 passed, 1 failed"; exit 1; }

# Every scenario with Linux's report needs Linux's log too (tests/linux-log/regen.sh NAME).
for exp in tests/expected/*.txt; do
	name=$(basename "$exp" .txt)
	[ -f "tests/linux-log/$name.txt" ] || bad "$name: no tests/linux-log/$name.txt (tests/linux-log/regen.sh $name)"
done

dtc -q -I dtb -O dtb -p 4096 -o "$OUT/imx8mp.dtb" tests/data/imx8mp-evk.dtb
fdtput -t s "$OUT/imx8mp.dtb" /psci method hvc	# the oracle's fixup: no EL3 firmware on virt
nlogs=0
for linux in tests/linux-log/*.txt; do
	name=$(basename "$linux" .txt)
	nlogs=$((nlogs + 1))
	# The tree: a scenario, a variant of one (tests/linux-log/variants), or the board.
	scen=$name vscen= extra=
	read -r _ vscen extra < <(grep "^$name " tests/linux-log/variants) || true
	[ -n "${vscen:-}" ] && scen=$vscen
	if [ "$name" = board-imx8mp-evk ]; then
		dt=$OUT/imx8mp.dtb
	else
		dt=tests/scenarios/$scen.dts
	fi
	exp=tests/expected/$scen.txt
	if [ ! -f "$dt" ] || [ ! -f "$exp" ]; then
		bad "$name: no tree or report for it ($dt, $exp)"
		continue
	fi
	cmd=$(sed -n 's/^Kernel command line: //p' "$linux")
	place=$(sed -n 's/^# load: Image@\(0x[0-9a-f]*\) DTB@\(0x[0-9a-f]*\).*/\1 \2/p' "$exp")
	kat=${place% *}; dat=${place#* }
	if ! $TOOL --timestamps ${kat:+--kernel-at $kat --dtb-at $dat} --append "$cmd" "$dt" \
		> "$OUT/$name.host.log" 2> "$OUT/$name.host.err"; then
		bad "$name: bootmem-layout failed" "$OUT/$name.host.err"
		continue
	fi
	if python3 scripts/check-linux-lines.py --host "$linux" "$OUT/$name.host.log" > "$OUT/$name.host.cmp"; then
		ok "$name: bootmem-layout's Linux lines are Linux's ($(tail -1 "$OUT/$name.host.cmp"))"
	else
		bad "$name: bootmem-layout prints lines Linux does not" "$OUT/$name.host.cmp"
	fi
	q=build/qemu-tests/$name.log
	if [ ! -f "$q" ]; then
		echo "note $name: no $q (run tests/qemu/run.sh), kernel check skipped"
	elif python3 scripts/check-linux-lines.py "$linux" "$q" > "$OUT/$name.qemu.cmp"; then
		ok "$name: the kernel's Linux lines are Linux's ($(tail -1 "$OUT/$name.qemu.cmp"))"
	else
		bad "$name: the kernel prints lines Linux does not" "$OUT/$name.qemu.cmp"
	fi
done

# Through firmware (tests/linux-log/firmware/FW-NAME.txt, Linux booted by
# scripts/linux-firmware.sh): the kernel's log that tests/qemu/firmware-layout.sh left, with
# the line kinds tests/firmware/known-differences lists for that firmware and tree allowed to
# differ (and required to, while listed).
known() {
	awk -v fw="$1" -v n="$2" '!/^[[:space:]]*(#|$)/ && $1 == fw && $2 == n { print $3 }' \
		tests/firmware/known-differences
}
FWLOG=${FWLOG:-build/qemu-firmware-layout}
LAOUT=${LAOUT:-build/layout-agreement}
nfw=0
for linux in tests/linux-log/firmware/*.txt; do
	name=$(basename "$linux" .txt)
	nfw=$((nfw + 1))
	case $name in
	uboot-efi-*) fw=uboot-efi ;;
	edk2-*) fw=edk2 ;;
	uboot-*) fw=uboot ;;
	*) bad "firmware/$name: no firmware in its name"; continue ;;
	esac
	scen=${name#"$fw"-}
	[ -f "tests/expected-firmware/$fw/$scen.txt" ] ||
		{ bad "firmware/$name: no tests/expected-firmware/$fw/$scen.txt"; continue; }
	# bootmem-layout --efi-memmap on Linux's own map and placement (layout-agreement.sh's
	# log, EDK2 and bootefi): nothing may differ.
	h=$LAOUT/efi-$fw-$scen.log
	if [ "$fw" = uboot ]; then
		:
	elif [ ! -f "$h" ]; then
		echo "note firmware/$name: no $h (run tests/host/layout-agreement.sh), host check skipped"
	elif python3 scripts/check-linux-lines.py --host "$linux" "$h" > "$OUT/fw-$name.host.cmp"; then
		ok "$fw $scen: bootmem-layout --efi-memmap's Linux lines are Linux's ($(tail -1 "$OUT/fw-$name.host.cmp"))"
	else
		bad "$fw $scen: bootmem-layout --efi-memmap prints lines Linux does not" "$OUT/fw-$name.host.cmp"
	fi
	q=$FWLOG/$name.log
	if [ ! -f "$q" ]; then
		echo "note firmware/$name: no $q (run tests/qemu/firmware-layout.sh), skipped"
		continue
	fi
	kd=$(known "$fw" "$scen")
	if python3 scripts/check-linux-lines.py ${kd:+--differ "$kd"} "$linux" "$q" > "$OUT/fw-$name.cmp"; then
		ok "$fw $scen: the kernel's Linux lines are Linux's through $fw ($(tail -1 "$OUT/fw-$name.cmp"))"
	else
		bad "$fw $scen: the kernel prints lines Linux does not through $fw" "$OUT/fw-$name.cmp"
	fi
done
[ "$nfw" -ge 30 ] || bad "only $nfw firmware logs in tests/linux-log/firmware"
# A known difference that is not one (U-Boot bootefi's map equals Linux's) must fail.
q=$FWLOG/uboot-efi-virt-1g.log
if [ -f "$q" ]; then
	if python3 scripts/check-linux-lines.py --differ efi-map tests/linux-log/firmware/uboot-efi-virt-1g.txt \
		"$q" > "$OUT/fw-selftest.cmp"; then
		bad "checker self-test: a stale known difference (efi-map through bootefi) passed" "$OUT/fw-selftest.cmp"
	elif grep -q '^known difference efi-map no longer differs' "$OUT/fw-selftest.cmp"; then
		ok "checker self-test: a stale known difference (efi-map through bootefi) is caught"
	else
		bad "checker self-test: wrong report for a stale known difference" "$OUT/fw-selftest.cmp"
	fi
fi

# The checker itself: a line in Linux's words that Linux does not print must fail it.
linux=tests/linux-log/xperia-nile-voyager.txt
sed 's/^\(\[ *[0-9.]*\] Machine model: .*\)$/\1\n[    0.000000] OF: fdt: earlycon: stdout-path framebuffer0 not found/' \
	"$OUT/xperia-nile-voyager.host.log" > "$OUT/checker-selftest.log"
if [ "$nlogs" -lt 50 ]; then
	bad "only $nlogs Linux logs in tests/linux-log"
elif ! grep -q 'OF: fdt: earlycon' "$OUT/checker-selftest.log"; then
	bad "checker self-test: no log to alter"
elif python3 scripts/check-linux-lines.py --host "$linux" "$OUT/checker-selftest.log" > "$OUT/checker-selftest.cmp"; then
	bad "checker self-test: an OF: fdt: earlycon line Linux does not print passed" "$OUT/checker-selftest.cmp"
elif grep -q "^not in Linux's log: OF: fdt: earlycon: stdout-path framebuffer0 not found" "$OUT/checker-selftest.cmp"; then
	ok "checker self-test: the reported line (OF: fdt: earlycon: ... not found) is caught"
else
	bad "checker self-test: wrong report" "$OUT/checker-selftest.cmp"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
