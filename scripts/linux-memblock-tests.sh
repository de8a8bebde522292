#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Builds Linux 6.1's own memblock simulator (tools/testing/memblock) against OUR
# mm/memblock.c and include/linux/memblock.h, with the small shim headers in
# tests/linux-memblock-shim/, and runs it: NUMA and non-NUMA builds, each with and
# without movable_node (-m). Linux's sources are fetched once into a cache under /tmp
# (LINUX_MEMBLOCK_CACHE) and never copied into the repository.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${LINUX_MEMBLOCK_CACHE:-/tmp/linux-memblock-cache}
SRC=$CACHE/linux-source-6.1
SIM=$SRC/tools/testing/memblock
SHIM=$REPO/tests/linux-memblock-shim
OUT=${LINUX_MEMBLOCK_OUT:-$REPO/build/linux-memblock}
CC=${HOSTCC:-gcc}

fetch_sources()
{
	local deb

	if [ -f "$SIM/tests/basic_api.c" ] && [ -f "$SRC/tools/testing/selftests/kselftest.h" ]; then
		return
	fi
	mkdir -p "$CACHE"
	deb=$(ls "$CACHE"/linux-source-6.1_*_all.deb /tmp/linux-source-6.1_*_all.deb 2>/dev/null | head -n1 || true)
	if [ -z "$deb" ]; then
		echo "linux-memblock-tests: downloading linux-source-6.1 into $CACHE"
		if ! (cd "$CACHE" && apt-get download linux-source-6.1 >/dev/null 2>&1); then
			apt-get update >/dev/null 2>&1 || true
			(cd "$CACHE" && apt-get download linux-source-6.1 >/dev/null)
		fi
		deb=$(ls "$CACHE"/linux-source-6.1_*_all.deb | head -n1)
	fi
	echo "linux-memblock-tests: extracting tools/testing/memblock from $(basename "$deb")"
	rm -rf "$CACHE/deb"
	dpkg-deb -x "$deb" "$CACHE/deb"
	tar -xJf "$CACHE"/deb/usr/src/linux-source-6.1.tar.xz -C "$CACHE" \
		linux-source-6.1/tools/testing/memblock \
		linux-source-6.1/tools/testing/selftests/kselftest.h
	rm -rf "$CACHE/deb"
}

# build NAME EXTRA_CFLAGS...: the simulator's test files + our memblock.c + the shim.
build()
{
	local name=$1 cflags

	shift
	mkdir -p "$OUT"
	# Include order: shim first (it replaces kernel-wide pieces), then bootmem's own
	# headers (so <linux/memblock.h> is ours), then the simulator's directory for its
	# "tests/common.h" and <../selftests/kselftest.h>.
	cflags=(-std=gnu11 -O2 -g -Wall -Wno-unused-function
		-fsanitize=address,undefined -fno-sanitize-recover=undefined
		-I"$SHIM" -I"$REPO/include" -I"$SIM"
		-DBOOTMEM_HOST -DCONFIG_PHYS_ADDR_T_64BIT -DSMP_CACHE_BYTES=32 "$@")
	# The simulator checks Linux's generic array sizes (128/128), not arm64's 1024/385,
	# and tools/include's SMP_CACHE_BYTES (32, not arm64's 64): our headers let both be set.
	"$CC" "${cflags[@]}" -DINIT_MEMBLOCK_MEMORY_REGIONS=128 \
		-DINIT_MEMBLOCK_RESERVED_REGIONS=128 \
		-c "$REPO/mm/memblock.c" -o "$OUT/$name-memblock.o"
	"$CC" "${cflags[@]}" -o "$OUT/$name" \
		"$SIM/main.c" "$SIM"/tests/basic_api.c "$SIM"/tests/alloc_api.c \
		"$SIM"/tests/alloc_helpers_api.c "$SIM"/tests/alloc_nid_api.c \
		"$SIM"/tests/common.c "$SHIM/shim.c" "$OUT/$name-memblock.o"
}

fetch_sources

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

# Linux arm64 6.1 is built with NUMA and NODES_SHIFT=4: that is the build that matters,
# the non-NUMA one checks the generic paths the same way Linux's default build does.
build main-numa -DCONFIG_NUMA -DCONFIG_NODES_SHIFT=4
build main-uma
run main-numa numa
run main-numa numa-movable_node -m
run main-uma uma
run main-uma uma-movable_node -m

echo "linux-memblock-tests: $checks simulator checks passed in $passed runs"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
