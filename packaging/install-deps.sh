#!/usr/bin/env bash
# Installs what kplay needs from Debian's packages, only when missing.
#   --build    compiler, CMake, libfuse3, spdlog, CLI11, GoogleTest (default)
#   --compare  also QEMU, busybox-static and Debian's kernel image + headers,
#              for `kplay compare` against the real kernel
set -euo pipefail

want_compare=0
for a in "$@"; do
	case "$a" in
	--build) ;;
	--compare) want_compare=1 ;;
	-h|--help) sed -n '2,5p' "$0"; exit 0 ;;
	*) echo "install-deps.sh: unknown option $a" >&2; exit 2 ;;
	esac
done

pkgs=(build-essential cmake make pkg-config libfuse3-dev fuse3 libspdlog-dev libcli11-dev libgtest-dev
      libssl-dev kmod e2fsprogs)
# Network devices and the device tree: ip and ping drive the vnetloop example
# (both worlds), dtc compiles the devicetree example's overlay.
pkgs+=(iproute2 iputils-ping device-tree-compiler)
if [ "$want_compare" = 1 ]; then
	pkgs+=(qemu-system-x86 busybox-static linux-image-amd64 linux-headers-amd64 cpio xz-utils zstd)
fi

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
	exit 0
fi
echo "install-deps.sh: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
