#!/usr/bin/env bash
# The DTB fuzzer (tests/fuzz/fuzz_dtb.c): replay every regression input, then fuzz from the seed
# corpus (every DTB in tests/); the same for bootmem-layout --efi-memmap's reader
# (tests/fuzz/fuzz_efi_memmap.c). In `make test` the run is repeatable: a fixed seed, a fixed
# number of inputs (FUZZ_RUNS, 1000) and a fresh corpus, so the same inputs run every time and CI
# cannot fail by chance; exploring is `make fuzz` (`--long`: FUZZ_SECONDS, 60 s, random seed).
# Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
B=build/fuzz
SECS=120
LIMIT="-seed=1 -runs=${FUZZ_RUNS:-1000}"
if [ "${1:-}" = --long ]; then
	SECS=${FUZZ_SECONDS:-60}
	LIMIT=
fi
pass=0 fail=0
make -s $B/fuzz_dtb > $B.make.log 2>&1 || { cat $B.make.log; echo "fuzz: 0 passed, 1 failed"; exit 1; }
[ -n "$LIMIT" ] && rm -rf $B/corpus $B/seeds	# the repeatable run: the seeds alone, every time
mkdir -p $B/seeds $B/corpus $B/artifacts
for f in tests/scenarios/*.dts tests/linux-proc/dt-test.dts; do
	dtc -q -I dts -O dtb -o "$B/seeds/$(basename "$f" .dts).dtb" "$f"
done
for f in tests/fuzz/seeds/*.dts; do
	dtc -q -I dts -O dtb -o "$B/seeds/seed-$(basename "$f" .dts).dtb" "$f"
done
cp tests/data/*.dtb tests/fuzz/regressions/* $B/seeds/ 2>/dev/null
# The hostile corpus (tests/hostile/gen.py): its raw blobs as they are, its trees compiled.
rm -rf $B/hostile
python3 tests/hostile/gen.py $B/hostile > /dev/null || { echo "FAIL hostile seeds"; echo "fuzz: 0 passed, 1 failed"; exit 1; }
for f in $B/hostile/*.dtb; do cp "$f" "$B/seeds/hostile-$(basename "$f")"; done
for f in $B/hostile/*.dts; do
	dtc -q -I dts -O dtb -o "$B/seeds/hostile-$(basename "$f" .dts).dtb" "$f" 2>/dev/null
done
python3 tests/fuzz/gen-efi-seeds.py $B/seeds	# UEFI hand-overs: /chosen points into the input

# 1. Every input that once crashed must now run clean.
for f in tests/fuzz/regressions/*; do
	[ -f "$f" ] || continue
	if $B/fuzz_dtb "$f" > $B/replay.log 2>&1; then
		pass=$((pass + 1)); echo "ok   fuzz regression $(basename "$f")"
	else
		fail=$((fail + 1)); echo "FAIL fuzz regression $(basename "$f")"; tail -20 $B/replay.log
	fi
done

# 2. A bounded run: any crash is a failure, its input is kept in build/fuzz/artifacts.
rm -f $B/artifacts/crash-* $B/artifacts/leak-* $B/artifacts/timeout-* $B/artifacts/oom-*
$B/fuzz_dtb $LIMIT -max_total_time="$SECS" -timeout=25 -rss_limit_mb=2048 -max_len=65536 \
	-artifact_prefix=$B/artifacts/ -print_final_stats=1 $B/corpus $B/seeds > $B/fuzz.log 2>&1
st=$?
execs=$(grep -a 'stat::number_of_executed_units' $B/fuzz.log | awk '{print $2}')
if [ "$st" = 0 ]; then
	pass=$((pass + 1)); echo "ok   fuzz_dtb: ${execs:-?} executions (${LIMIT:-random seed, ${SECS} s}), no crash"
else
	fail=$((fail + 1)); echo "FAIL fuzz_dtb (exit $st): see $B/fuzz.log, input in $B/artifacts/"
	grep -a -m5 'ERROR\|runtime error\|invariant\|SUMMARY' $B/fuzz.log
fi
# 3. bootmem-layout --efi-memmap's reader (tests/fuzz/fuzz_efi_memmap.c): its regressions, then
# a bounded run from Linux's firmware reports and a JSON map.
E=$B/efi-memmap
make -s $B/fuzz_efi_memmap > $B.make.log 2>&1 || { cat $B.make.log; fail=$((fail + 1)); echo "FAIL build fuzz_efi_memmap"; }
if [ -x $B/fuzz_efi_memmap ]; then
	for f in tests/fuzz/regressions-efi-memmap/*; do
		if $B/fuzz_efi_memmap "$f" > $B/replay.log 2>&1; then
			pass=$((pass + 1)); echo "ok   fuzz_efi_memmap regression $(basename "$f")"
		else
			fail=$((fail + 1)); echo "FAIL fuzz_efi_memmap regression $(basename "$f")"; tail -20 $B/replay.log
		fi
	done
	[ -n "$LIMIT" ] && rm -rf $E
	mkdir -p $E/seeds $E/corpus $E/artifacts
	# 6.1's and 6.12's logs (6.12's list the Memory Attributes table's entries)
	for f in tests/expected-firmware*/edk2/*.txt tests/expected-firmware*/uboot-efi/*.txt; do
		d=$(dirname "$f")
		cp "$f" "$E/seeds/$(basename "$(dirname "$d")")-$(basename "$d")-$(basename "$f")"
	done
	printf '{"vendor": "Test", "revision": "2.80", "desc_size": 48, "dtb": "0x7e200000", "memmap": [{"type": "Conventional", "start": "0x40000000", "end": "0x7bffffff", "attr": ["WB"]}, {"type": "Runtime Data", "start": "0x7ff00000", "pages": 256, "attr": ["RUN", "WB"]}, {"type": 11, "start": "0x4000000", "end": "0x7ffffff", "attr": "0x8000000000000002"}]}' > $E/seeds/map.json
	rm -f $E/artifacts/*
	$B/fuzz_efi_memmap $LIMIT -max_total_time="$SECS" -timeout=25 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix=$E/artifacts/ -print_final_stats=1 $E/corpus $E/seeds > $E.log 2>&1
	st=$?
	execs=$(grep -a 'stat::number_of_executed_units' $E.log | awk '{print $2}')
	if [ "$st" = 0 ]; then
		pass=$((pass + 1)); echo "ok   fuzz_efi_memmap: ${execs:-?} executions (${LIMIT:-random seed, ${SECS} s}), no crash"
	else
		fail=$((fail + 1)); echo "FAIL fuzz_efi_memmap (exit $st): see $E.log, input in $E/artifacts/"
		grep -a -m5 'ERROR\|runtime error\|efi_fw:\|SUMMARY' $E.log
	fi
fi
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ]
