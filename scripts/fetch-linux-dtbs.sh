#!/usr/bin/env bash
# fetch-linux-dtbs.sh CACHE_DIR: Debian bookworm's arm64 Linux 6.1 package (its device trees)
# unpacked into CACHE_DIR, with apt as the oracle fetches it; prints the DTB directory.
# Idempotent: a CACHE_DIR that holds them already is reused. Needs the arm64 architecture in
# dpkg (scripts/setup.sh adds it) and apt's lists; nothing of it goes into git.
set -euo pipefail
CACHE=${1:?usage: fetch-linux-dtbs.sh CACHE_DIR}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
PKG=${LINUX_PKG:-linux-image-6.1.0-50-arm64-unsigned}

found() {
	local d
	d=$(ls -d "$CACHE"/root/usr/lib/linux-image-*/ 2>/dev/null | head -1)
	[ -n "$d" ] && [ -n "$(find "$d" -name '*.dtb' -print -quit)" ] && echo "${d%/}"
}
if d=$(found); then
	echo "$d"
	exit 0
fi
cd "$CACHE"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	echo "fetch-linux-dtbs: dpkg has no arm64 architecture (run scripts/setup.sh)" >&2
	exit 1
fi
if ! apt-cache policy "$PKG:arm64" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
	PKG=$( (apt-cache search '^linux-image-6\.1\.0-[0-9]+-arm64-unsigned$' || true) |
		awk '{print $1}' | sort -V | tail -1)
	[ -n "$PKG" ] || { echo "fetch-linux-dtbs: no linux-image-6.1.0-*-arm64-unsigned (apt-get update?)" >&2; exit 1; }
fi
if ! ls "${PKG}"_*_arm64.deb >/dev/null 2>&1; then
	apt-get download "$PKG:arm64" > download.log 2>&1 || { cat download.log >&2; exit 1; }
fi
DEB=$(ls "${PKG}"_*_arm64.deb | sort -V | tail -1)
# Only the device trees (the package is mostly modules): about 10 MB instead of 450.
rm -rf root && mkdir root
dpkg-deb --fsys-tarfile "$DEB" | tar -x -C root --wildcards './usr/lib/linux-image-*/*.dtb'
basename "$DEB" .deb > VERSION
rm -f "$DEB" download.log
found || { echo "fetch-linux-dtbs: no DTBs in $PKG" >&2; exit 1; }
