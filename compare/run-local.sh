#!/usr/bin/env bash
# Runs `kplay compare` scenarios on this machine, the way
# compare/realvm/run-real.sh runs them in a QEMU guest:
#   --world play  against one kplay root (the playground side; needs --kplay)
#   --world real  against the host's own kernel (`kplay compare --real host`:
#                 root, module loading allowed, real .ko files in M/)
# Usage: run-local.sh --world play|real [--kplay BIN] --work WORKDIR --out OUTDIR
#                     [--harness FILE] [--scenario-timeout S]
#   WORKDIR/M/ holds NAME.ko (on the play side: plugins under .ko names) and
#   clients, WORKDIR/scenarios/NAME.sh the scenarios; OUTDIR/NAME.out and
#   NAME.rc are written.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
world=play kplay="" work="" out="" harness="$here/harness.sh" timeout_s=60
while [ $# -gt 0 ]; do
	case "$1" in
	--world) world=$2; shift 2 ;;
	--kplay) kplay=$2; shift 2 ;;
	--work) work=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--harness) harness=$2; shift 2 ;;
	--scenario-timeout) timeout_s=$2; shift 2 ;;
	-h|--help) sed -n '2,12p' "$0"; exit 0 ;;
	*) echo "run-local.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -d "$work/M" ] && [ -d "$work/scenarios" ] && [ -n "$out" ] || {
	echo "run-local.sh: need --work (with M/ and scenarios/) and --out" >&2
	exit 2
}
mkdir -p "$out"

case "$world" in
play)
	kplay=$(realpath "$kplay" 2>/dev/null || true)
	[ -x "$kplay" ] || { echo "run-local.sh: --world play needs --kplay BIN" >&2; exit 2; }
	root=$(mktemp -d /tmp/kplay-play.XXXXXX)
	# Other users reach the trees as they reach /dev, /proc and /sys.
	chmod 755 "$root"
	cleanup() {
		"$kplay" down --root "$root" >/dev/null 2>&1 || true
		rm -rf "$root"
	}
	trap cleanup EXIT
	"$kplay" up --root "$root" >/dev/null
	env_world=(KPLAY_WORLD=play KPLAY="$kplay" KPLAY_ROOT="$root" DEV="$root/dev" PROC="$root/proc" SYS="$root/sys")
	clear_log() { "$kplay" dmesg --root "$root" --clear; }
	loaded() { "$kplay" lsmod --root "$root" | awk 'NR > 1 { print $1 }'; }
	unload_quietly() { "$kplay" rmmod --root "$root" "$1" >/dev/null 2>&1 || true; }
	;;
real)
	[ "$(id -u)" -eq 0 ] || { echo "run-local.sh: --world real needs root (insmod)" >&2; exit 2; }
	if [ "$(cat /proc/sys/kernel/modules_disabled 2>/dev/null || echo 0)" != 0 ]; then
		echo "run-local.sh: this kernel refuses module loading (kernel.modules_disabled=1)" >&2
		exit 2
	fi
	env_world=(KPLAY_WORLD=real DEV=/dev PROC=/proc SYS=/sys)
	before=$(awk '{ print $1 }' /proc/modules)
	clear_log() { dmesg -C; }
	# Only modules this run loaded are ever unloaded.
	loaded() { awk '{ print $1 }' /proc/modules | grep -vxF "$before" || true; }
	unload_quietly() { rmmod "$1" >/dev/null 2>&1 || true; }
	;;
*)
	echo "run-local.sh: --world must be play or real" >&2
	exit 2
	;;
esac

for s in "$work"/scenarios/*.sh; do
	name=$(basename "$s" .sh)
	clear_log
	rc=0
	# The same environment as the QEMU guest's runner (LC_ALL=C picks
	# coreutils' quote characters, $0 is "bash").
	( cd "$work/M" && env -i PATH="$PATH" HOME=/root TERM=dumb LC_ALL=C "${env_world[@]}" M="$work/M" \
		timeout -k 5 "$timeout_s" bash -c 'source "$1"; source "$2"' bash "$harness" "$s" \
		</dev/null >"$out/$name.out" 2>&1 ) || rc=$?
	if [ "$rc" -eq 124 ]; then echo timeout >"$out/$name.rc"; else echo "$rc" >"$out/$name.rc"; fi
	# A scenario that leaves modules loaded would leak into the next one.
	for m in $(loaded); do
		unload_quietly "$m"
	done
done
