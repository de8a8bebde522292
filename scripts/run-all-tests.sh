#!/usr/bin/env bash
# `make test`: host unit tests, QEMU boot and conformance tests, the gdb test; one summary line.
set -u
cd "$(dirname "$0")/.."
mkdir -p build
total_pass=0 total_fail=0
run() {
	local log=build/$1.summary
	shift
	"$@" 2>&1 | tee "$log"
	local line
	line=$(grep -aE '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	if [ -z "$line" ]; then
		total_fail=$((total_fail + 1))
		echo "FAIL $* printed no summary"
		return
	fi
	total_pass=$((total_pass + $(echo "$line" | sed -E 's/^(.*[^0-9])?([0-9]+) passed.*/\2/')))
	total_fail=$((total_fail + $(echo "$line" | sed -E 's/^(.*[^0-9])?([0-9]+) failed.*/\2/')))
}
make -s all || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
run host make -s test-host
run host-16k make -s PAGE_SIZE=16K test-host
run qemu tests/qemu/run.sh
run qemu-16k tests/qemu/run-16k.sh
run firmware tests/qemu/firmware.sh
run firmware-layout tests/qemu/firmware-layout.sh
run firmware-16k env PAGE_SIZE=16K tests/qemu/firmware-layout.sh
# After the QEMU boots, so that bootmem-layout is also compared with the kernel's own logs.
run layout tests/host/layout-agreement.sh
run layout-16k tests/host/layout-16k.sh
run boards tests/host/layout-boards.sh
run corpus scripts/layout-corpus.py
# Also after them: bootmem's Linux-prefixed lines against Linux's own logs (tests/linux-log).
run linux-log tests/linux-log/check.sh
run hostile tests/hostile/run.sh
run fuzz tests/fuzz/run-short.sh
echo
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
