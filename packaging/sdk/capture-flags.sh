#!/usr/bin/env bash
# Records the compiler and linker command lines `kplay build` runs for a
# module (through a CC wrapper) and writes them as the SDK's flags, so
# kplay.pc says exactly what kplay build does, with no second copy of the
# flag list. The module's own parts (its sources and objects, -I of its
# directory, KBUILD_MODNAME, KBUILD_BASENAME) are left out; the SDK's include
# directory is written as the pkg-config variable ${includedir}.
#   capture-flags.sh KPLAY SDK_DIR OUT_FILE
# OUT_FILE gets two lines: "cflags=..." and "ldflags=...".
set -euo pipefail

kplay=$1 sdk=$2 out=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/kplay-flags.XXXXXX")
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src" "$work/calls"
printf 'obj-m += flagprobe.o\n' >"$work/src/Makefile"
printf '#include <linux/module.h>\nMODULE_LICENSE("GPL");\n' >"$work/src/flagprobe.c"
cat >"$work/cc" <<SH
#!/bin/sh
# One file per call: its arguments, one a line.
printf '%s\n' "\$@" >"$work/calls/\$\$"
exec ${CC:-gcc} "\$@"
SH
chmod +x "$work/cc"

CC="$work/cc" KPLAY_SDK="$sdk" "$kplay" build "$work/src" --out "$work/out" >/dev/null

cflags="" ldflags=""
for call in "$work"/calls/*; do
	mapfile -t args <"$call"
	if printf '%s\n' "${args[@]}" | grep -qx -- "$work/src/flagprobe.c"; then
		skip=0
		for a in "${args[@]}"; do
			if [ "$skip" = 1 ]; then skip=0; continue; fi
			case "$a" in
			-o) skip=1 ;;
			-c | "$work/src/flagprobe.c" | "-I$work/src" | -DKBUILD_MODNAME=* | -DKBUILD_BASENAME=*) ;;
			"-I$sdk/include") cflags+=" -I\${includedir}" ;;
			*) cflags+=" $a" ;;
			esac
		done
	elif printf '%s\n' "${args[@]}" | grep -qx -- -shared; then
		skip=0
		for a in "${args[@]}"; do
			if [ "$skip" = 1 ]; then skip=0; continue; fi
			case "$a" in
			-o) skip=1 ;;
			*.o) ;;
			*) ldflags+=" $a" ;;
			esac
		done
	fi
done
# shellcheck disable=SC2016 # a literal pkg-config reference
case "$cflags" in
*'-I${includedir}'*) ;;
*) echo "capture-flags.sh: kplay build did not compile against $sdk/include:$cflags" >&2; exit 1 ;;
esac
[ -n "$ldflags" ] || { echo "capture-flags.sh: no link step seen" >&2; exit 1; }
printf 'cflags=%s\nldflags=%s\n' "${cflags# }" "${ldflags# }" >"$out.tmp"
mv "$out.tmp" "$out"
