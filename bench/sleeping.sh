#!/usr/bin/env bash
# Benchmark (run on demand, not a test): daemon memory per caller blocked in
# module code (tests/modules/waitq: a read sleeps in wait_event_interruptible
# until a write), for each count of blocked callers given.
#   bench/sleeping.sh [BUILD_DIR] [N_BLOCKED...]    (default: 1000 10000)
# The callers are threads of bench/blockers.c, so the client side stays
# small; each blocked read holds one daemon worker thread, as a sleeping
# task holds its kernel stack. Target: <= 64 KiB RSS per blocked caller.
# Prints rows in the table format of bench/lib.sh.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
shift || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 10000)
K=$build/kplay
. "$top/bench/lib.sh"
work=$(mktemp -d /tmp/kplay-bench-sleep.XXXXXX)
root=$work/root
blockers=
cleanup() {
	set +e
	[ -n "$blockers" ] && kill "$blockers" 2>/dev/null
	"$K" down --root "$root" >/dev/null 2>&1
	wait 2>/dev/null
	grep -q " $root/" /proc/self/mountinfo || rm -rf "$work"
}
trap cleanup EXIT
"$K" build "$top/tests/modules/waitq" --out "$work/mods" >/dev/null
gcc -O2 -Wall -pthread -o "$work/blockers" "$top/bench/blockers.c"
mkdir -p "$root"

rows=()
for n in "${counts[@]}"; do
	# A fresh daemon per count: what the blocked callers add, nothing left from before.
	"$K" up --root "$root" >/dev/null
	"$K" insmod --root "$root" "$work/mods/waitq.so"
	daemon=$(cat "$root/.kplay/daemon.pid")
	rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$daemon/status"; }
	# Daemon threads asleep on a futex: module sleeps (idle FUSE workers wait in /dev/fuse).
	futexed() { grep -l futex /proc/"$daemon"/task/*/wchan 2>/dev/null | wc -l || true; }
	# Warm up: one read blocks and is woken, so the first worker's buffers count in "before".
	"$work/blockers" "$root/proc/waitq" 1 >"$work/out" &
	blockers=$!
	until grep -q opened "$work/out"; do sleep 0.01; done
	echo one >"$root/proc/waitq"
	wait "$blockers"
	blockers=
	base_futexed=$(futexed)
	before=$(rss)
	mkfifo "$work/fifo"
	"$work/blockers" "$root/proc/waitq" "$n" >"$work/fifo" &
	blockers=$!
	exec 7<"$work/fifo"
	read -r line <&7 # "opened N": every caller has the file open
	# Then each read reaches the daemon and sleeps there, one worker each.
	t0=$SECONDS
	while [ "$(futexed)" -lt $((base_futexed + n)) ] && [ $((SECONDS - t0)) -lt 120 ]; do sleep 0.2; done
	asleep=$(($(futexed) - base_futexed))
	after=$(rss)
	echo all >"$root/proc/waitq"
	read -r done_line <&7 || done_line="(no result)"
	exec 7<&-
	rc=0
	wait "$blockers" || rc=$?
	blockers=
	rm -f "$work/fifo"
	"$K" down --root "$root" >/dev/null
	echo "bench: $n blocked ($line; $asleep daemon workers asleep): RSS $before -> $after KiB; $done_line" >&2
	[ "$rc" -eq 0 ] && [ "$asleep" -ge "$n" ] || { echo "bench: the blocked callers did not all sleep and complete" >&2; exit 1; }
	per=$(((after - before) / n))
	rows+=("$(bench_raw "RSS per blocked caller, $n blocked" "$per KiB" - - - "<= 64 KiB" "$([ "$per" -le 64 ] && echo yes || echo NO)")")
done
bench_header
printf '%s\n' "${rows[@]}"
