#!/bin/bash
# Build the .ko files of a Kbuild-style module directory against a packaged
# kernel's headers, without writing anything into the source directory.
set -euo pipefail

RV_PROG=build-ko
RV_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$RV_DIR/lib.sh"

usage() {
	cat <<'EOF'
Usage: build-ko.sh --src DIR --out DIR [--kernel VERSION] [--keep]

Build every module of a Kbuild-style module directory (a Makefile or Kbuild
file with "obj-m += x.o", "x-objs := a.o b.o") against
/lib/modules/VERSION/build, and copy the resulting *.ko files into --out.

The source directory is never written to: its files are copied into a
temporary build directory (leftover build products such as *.o, *.ko, *.mod,
.*.cmd, modules.order and Module.symvers are dropped from the copy) and
kbuild runs there:
    make -C /lib/modules/VERSION/build M=<tmp> modules
The compiler output is printed only when the build fails.

Options:
  --kernel VERSION  kernel to build against (default: the newest
                    /lib/modules/* that has both a build/ directory and
                    /boot/vmlinuz-VERSION)
  --src DIR         module source directory (required)
  --out DIR         where to put the *.ko files (created if missing; required)
  --keep            keep the temporary build directory and print its path
  -h, --help        show this help

Exit status: 0 when the build succeeded and produced at least one .ko;
non-zero otherwise (with the tail of the build log on stderr).
EOF
}

kernel='' src='' out='' keep=0
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) [ $# -ge 2 ] || rv_die "--kernel needs a value"; kernel=$2; shift 2 ;;
	--kernel=*) kernel=${1#*=}; shift ;;
	--src) [ $# -ge 2 ] || rv_die "--src needs a value"; src=$2; shift 2 ;;
	--src=*) src=${1#*=}; shift ;;
	--out) [ $# -ge 2 ] || rv_die "--out needs a value"; out=$2; shift 2 ;;
	--out=*) out=${1#*=}; shift ;;
	--keep) keep=1; shift ;;
	-h | --help) usage; exit 0 ;;
	*) usage >&2; rv_die "unknown argument '$1'" ;;
	esac
done

[ -n "$src" ] || { usage >&2; rv_die "--src DIR is required"; }
[ -n "$out" ] || { usage >&2; rv_die "--out DIR is required"; }
[ -d "$src" ] || rv_die "source directory '$src' does not exist"
if [ ! -f "$src/Makefile" ] && [ ! -f "$src/Kbuild" ]; then
	rv_die "'$src' has neither a Makefile nor a Kbuild file"
fi
if [ -z "$kernel" ]; then
	kernel=$(rv_default_kernel) ||
		rv_die "no kernel found with both /lib/modules/VERSION/build and /boot/vmlinuz-VERSION (install linux-headers-amd64 and linux-image-amd64)"
fi
kdir=/lib/modules/$kernel/build
[ -d "$kdir" ] || rv_die "no kernel headers at $kdir (install linux-headers-$kernel)"
[ -f "$kdir/Makefile" ] || rv_die "$kdir has no Makefile: broken headers package?"
command -v make >/dev/null || rv_die "make is not installed"

src=$(cd "$src" && pwd)
mkdir -p "$out" || rv_die "cannot create output directory '$out'"
out=$(cd "$out" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kplay-build-ko.XXXXXX")
cleanup() {
	if [ "$keep" = 1 ]; then
		rv_note "kept build directory $tmp" >&2
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT

bdir=$tmp/src
mkdir "$bdir"
# Copy the sources, then drop build products a previous in-place build may
# have left, so that kbuild rebuilds everything for this kernel.
cp -a "$src/." "$bdir/"
find "$bdir" \( -name '*.o' -o -name '*.ko' -o -name '*.mod' -o -name '*.mod.c' \
	-o -name '*.mod.o' -o -name '.*.cmd' -o -name '*.o.d' -o -name 'modules.order' \
	-o -name 'Module.symvers' -o -name '*.symvers' -o -name '.tmp_versions' \) \
	-prune -exec rm -rf {} +

log=$tmp/build.log
jobs=$(nproc 2>/dev/null || echo 1)
start=$(rv_now)
if ! make -C "$kdir" M="$bdir" -j"$jobs" modules >"$log" 2>&1; then
	{
		printf '%s: error: build against %s failed; last lines of the build log:\n' "$RV_PROG" "$kdir"
		tail -n 40 "$log" | sed "s#$bdir#<src>#g"
	} >&2
	exit 1
fi

mapfile -t kos < <(cd "$bdir" && find . -name '*.ko' -type f | sed 's#^\./##' | LC_ALL=C sort)
if [ "${#kos[@]}" -eq 0 ]; then
	{
		printf '%s: error: the build succeeded but produced no .ko file (no obj-m in %s?); build log:\n' "$RV_PROG" "$src"
		tail -n 40 "$log"
	} >&2
	exit 1
fi
for ko in "${kos[@]}"; do
	base=${ko##*/}
	cp -f "$bdir/$ko" "$out/$base"
done
# Warnings are not fatal but worth knowing about.
nwarn=$(grep -c 'warning:' "$log" || true)
names=$(printf '%s ' "${kos[@]##*/}")
warn=
[ "${nwarn:-0}" = 0 ] || warn=" ($nwarn compiler warning(s), shown on stderr)"
rv_note "built ${#kos[@]} module(s) for $kernel in $(rv_elapsed "$start") s: ${names% } -> $out$warn"
if [ -n "$warn" ]; then
	grep -A3 'warning:' "$log" | sed "s#$bdir/##g" >&2
fi
