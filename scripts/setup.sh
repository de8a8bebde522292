#!/usr/bin/env bash
# Installs every Debian 12 package bootmem needs (cross GCC, QEMU, gdb, dtc, arm64 libfdt,
# the host test framework and fuzzer runtime, the UEFI and U-Boot firmware for QEMU and the
# tools to make a FAT EFI disk image). Idempotent; run as root or with sudo.
set -euo pipefail
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
# libfdt1 by architecture: once libfdt-dev:arm64 brings libfdt1:arm64, a bare "dpkg -s libfdt1"
# is ambiguous and fails, and every run would reinstall.
PKGS="make gcc python3 gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-system-arm
      gdb-multiarch device-tree-compiler libfdt1:$(dpkg --print-architecture) libcmocka-dev
      clang libclang-rt-14-dev qemu-efi-aarch64 u-boot-qemu mtools fdisk dosfstools
      python3-jsonschema"
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
# Without recommended packages: 180 packages instead of 491, 214 MB instead of 495 MB, about
# 2.2-2.7 times faster on a fresh Debian 12, and `make test` passes (measured, see the README).
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	$PKGS libfdt-dev:arm64
echo "setup: done"
