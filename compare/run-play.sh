#!/usr/bin/env bash
# The playground side of `kplay compare`: runs scenarios against one kplay
# root, the way compare/realvm/run-real.sh runs them on a real kernel.
# Usage: run-play.sh --kplay BIN --work WORKDIR --out OUTDIR [--harness FILE] [--scenario-timeout S]
#   WORKDIR/M/ holds NAME.ko (plugins under .ko names) and clients,
#   WORKDIR/scenarios/NAME.sh the scenarios; OUTDIR/NAME.out and NAME.rc are written.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kplay="" work="" out="" harness="$here/harness.sh" timeout_s=60
while [ $# -gt 0 ]; do
	case "$1" in
	--kplay) kplay=$2; shift 2 ;;
	--work) work=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--harness) harness=$2; shift 2 ;;
	--scenario-timeout) timeout_s=$2; shift 2 ;;
	-h|--help) sed -n '2,7p' "$0"; exit 0 ;;
	*) echo "run-play.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
kplay=$(realpath "$kplay" 2>/dev/null || true)
[ -x "$kplay" ] && [ -d "$work/M" ] && [ -d "$work/scenarios" ] && [ -n "$out" ] || {
	echo "run-play.sh: need --kplay, --work (with M/ and scenarios/) and --out" >&2
	exit 2
}
mkdir -p "$out"
root=$(mktemp -d /tmp/kplay-play.XXXXXX)
# Other users reach the trees as they reach /dev, /proc and /sys.
chmod 755 "$root"
cleanup() {
	"$kplay" down --root "$root" >/dev/null 2>&1 || true
	rm -rf "$root"
}
trap cleanup EXIT
"$kplay" up --root "$root" >/dev/null

for s in "$work"/scenarios/*.sh; do
	name=$(basename "$s" .sh)
	"$kplay" dmesg --root "$root" --clear
	rc=0
	# The same environment as the real side's guest runner (LC_ALL=C picks
	# coreutils' quote characters, $0 is "bash").
	( cd "$work/M" && env -i PATH="$PATH" HOME=/root TERM=dumb LC_ALL=C KPLAY_WORLD=play KPLAY="$kplay" \
		KPLAY_ROOT="$root" DEV="$root/dev" PROC="$root/proc" SYS="$root/sys" M="$work/M" \
		timeout -k 5 "$timeout_s" bash -c 'source "$1"; source "$2"' bash "$harness" "$s" \
		</dev/null >"$out/$name.out" 2>&1 ) || rc=$?
	if [ "$rc" -eq 124 ]; then echo timeout >"$out/$name.rc"; else echo "$rc" >"$out/$name.rc"; fi
	# A scenario that leaves modules loaded would leak into the next one.
	for m in $("$kplay" lsmod --root "$root" | awk 'NR > 1 { print $1 }'); do
		"$kplay" rmmod --root "$root" "$m" >/dev/null 2>&1 || true
	done
done
