#!/usr/bin/env bash
# Runs each host test binary (cmocka, ASan/UBSan) and prints one summary line.
set -u
pass=0 fail=0
for t in "$@"; do
	name=$(basename "$t")
	if "$t" > "$(dirname "$t")/$name.log" 2>&1; then
		pass=$((pass + 1)); echo "ok   host $name ($(grep -aE '^\[  PASSED  \]' "$(dirname "$t")/$name.log" | head -1 | sed 's/\[  PASSED  \] //'))"
	else
		fail=$((fail + 1)); echo "FAIL host $name"; tail -30 "$(dirname "$t")/$name.log" | sed 's/^/     /'
	fi
done
echo "host: $pass passed, $fail failed"
[ "$fail" = 0 ]
