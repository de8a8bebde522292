#!/usr/bin/env bash
# bootmem-layout built with 16 KiB pages (make PAGE_SIZE=16K, build-16k) against Debian's
# arm64-16k Linux 6.12 (tests/expected-6.12-16k) on every scenario it has a report for,
# through scripts/compare-layout.py; --linux 6.1 refused. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
TOOL=build-16k/host/bootmem-layout
OUT=build-16k/layout-16k
mkdir -p "$OUT"
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2" | tail -${3:-25}; }

make -s PAGE_SIZE=16K "$TOOL" || { echo "FAIL build"; echo "0 passed, 1 failed"; exit 1; }

for dts in tests/scenarios/*.dts; do
	name=$(basename "$dts" .dts)
	exp=tests/expected-6.12-16k/$name.txt
	[ -f "$exp" ] || continue
	args=$(sed -n 's|^// bootargs: *||p' "$dts" | head -1)
	place=$(sed -n 's/^# load: Image@\(0x[0-9a-f]*\) DTB@\(0x[0-9a-f]*\).*/\1 \2/p' "$exp")
	kat=${place% *}; dat=${place#* }
	if ! $TOOL --timestamps ${kat:+--kernel-at $kat --dtb-at $dat} \
		--append "${args:+$args }memblock=debug mminit_loglevel=4" "$dts" \
		> "$OUT/$name.log" 2> "$OUT/$name.err"; then
		bad "$name: bootmem-layout (16K) failed" "$OUT/$name.err"
		continue
	fi
	if python3 scripts/compare-layout.py "$exp" "$OUT/$name.log" > "$OUT/$name.cmp" 2>&1; then
		ok "$name: 16K layout equals Linux 6.12-16k's ($(tail -1 "$OUT/$name.cmp"))"
	else
		bad "$name: 16K layout differs from Linux 6.12-16k's" "$OUT/$name.cmp" 40
	fi
done

# Linux 6.1 and --diff-linux make no sense with 16 KiB pages: a usage error naming why.
for args in "--linux 6.1" "--diff-linux"; do
	$TOOL $args tests/scenarios/virt-1g.dts > "$OUT/usage.log" 2>&1
	st=$?
	if [ "$st" = 2 ] && grep -q 'has 16 KiB pages .*Linux 6.12 only' "$OUT/usage.log"; then
		ok "$args: exit 2, Linux 6.12 only with 16 KiB pages"
	else
		bad "$args: exit $st, want 2 and the 16 KiB message" "$OUT/usage.log"
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
