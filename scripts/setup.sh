#!/usr/bin/env bash
# Installs every Debian 12 package bootmem needs (cross GCC, QEMU, gdb, dtc, arm64 libfdt,
# the host test framework and fuzzer runtime). Idempotent; run as root or with sudo.
set -euo pipefail
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
PKGS="make gcc python3 gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-system-arm
      gdb-multiarch device-tree-compiler libfdt1 libcmocka-dev clang libclang-rt-14-dev"
need=0
for p in $PKGS libfdt-dev:arm64; do
	dpkg -s "$p" >/dev/null 2>&1 || need=1
done
if [ "$need" = 0 ]; then
	echo "setup: all packages present"
	exit 0
fi
$SUDO dpkg --add-architecture arm64
$SUDO apt-get update -q
# libfdt-dev is not Multi-Arch: the arm64 one (for the kernel) replaces the amd64 one; host
# tests link the amd64 runtime libfdt.so.1 by its full name with the same headers.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $PKGS libfdt-dev:arm64
echo "setup: done"
