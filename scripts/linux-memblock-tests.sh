#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Builds Linux's own memblock simulator (tools/testing/memblock) against OUR
# mm/memblock.c and include/linux/memblock.h, with the small shim headers in
# tests/linux-memblock-shim/, and runs it: NUMA and non-NUMA builds, each with and
# without movable_node (-m). Linux 6.1's suite runs our memblock following 6.1, Linux
# 6.12's (from linux-source-6.12) our memblock following 6.12. Linux's sources are fetched
# once into a cache under /tmp (LINUX_MEMBLOCK_CACHE) and never copied into the repository.
#
#   scripts/linux-memblock-tests.sh [6.1|6.12]...    (default: both)
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${LINUX_MEMBLOCK_CACHE:-/tmp/linux-memblock-cache}
SHIM=$REPO/tests/linux-memblock-shim
OUT=${LINUX_MEMBLOCK_OUT:-$REPO/build/linux-memblock}
CC=${HOSTCC:-gcc}

# fetch_sources VERSION: linux-source-VERSION's simulator and kselftest.h, once.
fetch_sources()
{
	local v=$1 deb src=$CACHE/linux-source-$1

	if [ -f "$src/tools/testing/memblock/tests/basic_api.c" ] &&
	   [ -f "$src/tools/testing/selftests/kselftest.h" ]; then
		return
	fi
	mkdir -p "$CACHE"
	deb=$(ls "$CACHE"/linux-source-"$v"_*_all.deb /tmp/linux-source-"$v"_*_all.deb 2>/dev/null | head -n1 || true)
	if [ -z "$deb" ]; then
		echo "linux-memblock-tests: downloading linux-source-$v into $CACHE"
		if ! (cd "$CACHE" && apt-get download "linux-source-$v" >/dev/null 2>&1); then
			apt-get update >/dev/null 2>&1 || true
			(cd "$CACHE" && apt-get download "linux-source-$v" >/dev/null)
		fi
		deb=$(ls "$CACHE"/linux-source-"$v"_*_all.deb | head -n1)
	fi
	echo "linux-memblock-tests: extracting tools/testing/memblock from $(basename "$deb")"
	rm -rf "$CACHE/deb"
	dpkg-deb -x "$deb" "$CACHE/deb"
	tar -xJf "$CACHE"/deb/usr/src/linux-source-"$v".tar.xz -C "$CACHE" \
		linux-source-"$v"/tools/testing/memblock \
		linux-source-"$v"/tools/testing/selftests/kselftest.h
	rm -rf "$CACHE/deb"
}

# build VERSION NAME EXTRA_CFLAGS...: the simulator's test files + our memblock.c + the shim,
# our memblock following that VERSION (the shim's linux_version_code).
build()
{
	local v=$1 name=$2 cflags code tests
	local SIM=$CACHE/linux-source-$1/tools/testing/memblock

	shift 2
	code=$((${v%%.*} * 65536 + ${v#*.} * 256))
	mkdir -p "$OUT"
	# Include order: shim first (it replaces kernel-wide pieces), then bootmem's own
	# headers (so <linux/memblock.h> is ours), then the simulator's directory for its
	# "tests/common.h" and <../selftests/kselftest.h>.
	cflags=(-std=gnu11 -O2 -g -Wall -Wno-unused-function
		-fsanitize=address,undefined -fno-sanitize-recover=undefined
		-I"$SHIM" -I"$REPO/include" -I"$SIM"
		-DBOOTMEM_HOST -DCONFIG_PHYS_ADDR_T_64BIT -DSMP_CACHE_BYTES=32
		-DSHIM_LINUX_VERSION=$code "$@")
	# The simulator checks Linux's generic array sizes (128/128), not arm64's 1024/385,
	# and tools/include's SMP_CACHE_BYTES (32, not arm64's 64): our headers let both be set.
	"$CC" "${cflags[@]}" -DINIT_MEMBLOCK_MEMORY_REGIONS=128 \
		-DINIT_MEMBLOCK_RESERVED_REGIONS=128 \
		-c "$REPO/mm/memblock.c" -o "$OUT/$name-memblock.o"
	# 6.12 adds alloc_exact_nid_api.c; every test file the simulator has is built.
	tests=$(ls "$SIM"/tests/*.c)
	"$CC" "${cflags[@]}" -o "$OUT/$name" \
		"$SIM/main.c" $tests "$SHIM/shim.c" "$OUT/$name-memblock.o"
}

passed=0
failed=0
checks=0
run()
{
	local bin=$1 label=$2 log n

	shift 2
	log="$OUT/$label.log"
	if "$OUT/$bin" -v "$@" >"$log" 2>&1; then
		n=$(grep -c ': passed$' "$log" || true)
		checks=$((checks + n))
		if grep -q ': failed$' "$log"; then
			echo "FAIL $label (see $log)"
			failed=$((failed + 1))
		else
			echo "PASS $label ($n checks)"
			passed=$((passed + 1))
		fi
	else
		echo "FAIL $label: exit $? (see $log)"
		grep -m3 ': failed$\|Assertion\|ERROR' "$log" || tail -n 5 "$log"
		failed=$((failed + 1))
	fi
}

# Linux arm64 is built with NUMA and NODES_SHIFT=4: that is the build that matters, the
# non-NUMA one checks the generic paths the same way Linux's default build does.
VERSIONS=("$@")
[ ${#VERSIONS[@]} -gt 0 ] || VERSIONS=(6.1 6.12)
for v in "${VERSIONS[@]}"; do
	case $v in 6.1|6.12) ;; *) echo "linux-memblock-tests: $v: 6.1 or 6.12" >&2; exit 2;; esac
	fetch_sources "$v"
	build "$v" "main-numa-$v" -DCONFIG_NUMA -DCONFIG_NODES_SHIFT=4
	build "$v" "main-uma-$v"
	run "main-numa-$v" "$v-numa"
	run "main-numa-$v" "$v-numa-movable_node" -m
	run "main-uma-$v" "$v-uma"
	run "main-uma-$v" "$v-uma-movable_node" -m
done

echo "linux-memblock-tests: $checks simulator checks passed in $passed runs"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
