# SPDX-License-Identifier: GPL-2.0
# What the QEMU test scripts share: their tally (ok, bad), expect and boot. Sourced; the caller
# sets OUT (where logs go) and may set BOOT_ARGS (run-qemu.sh options every boot gets).
pass=0 fail=0
BOOT_ARGS=(${BOOT_ARGS[@]+"${BOOT_ARGS[@]}"})

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2" | tail -${3:-15}; }

# expect NAME LOG PATTERN...: every pattern (grep -E) appears in LOG.
expect() {
	local name=$1 log=$2 p; shift 2
	for p in "$@"; do
		grep -qaE -- "$p" "$log" || { bad "$name: missing /$p/" "$log"; return 1; }
	done
	return 0
}

boot() { # boot NAME EXPECTED_STATUS run-qemu args...
	local name=$1 want=$2 log="$OUT/$1.log"; shift 2
	./run-qemu.sh --no-build ${BOOT_ARGS[@]+"${BOOT_ARGS[@]}"} \
		--timeout ${QEMU_TEST_TIMEOUT:-180} "$@" > "$log" 2>&1 < /dev/null
	local st=$?
	if [ "$st" != "$want" ]; then
		bad "$name: exit $st, want $want" "$log"
		return 1
	fi
	return 0
}
