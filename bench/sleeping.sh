#!/usr/bin/env bash
# Benchmark (run on demand, not a test): memory per caller blocked in module
# code, and poll wake-up latency against a pipe measured in the same run.
#   bench/sleeping.sh [BUILD_DIR] [N_BLOCKED]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
n=${2:-1000}
K=$build/kplay
root=$(mktemp -d /tmp/kplay-bench.XXXXXX)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	"$K" down --root "$root" >/dev/null 2>&1 || true
	rm -rf "$root"
}
trap cleanup EXIT
"$K" build "$top/tests/modules/waitq" --out "$root/mods" >/dev/null
gcc -O2 -o "$root/poll_latency" "$top/bench/poll_latency.c"
"$K" up --root "$root" >/dev/null
"$K" insmod --root "$root" "$root/mods/waitq.so"
daemon=$(cat "$root/.kplay/daemon.pid")
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$daemon/status"; }
threads() { awk '/^Threads:/ { print $2 }' "/proc/$daemon/status"; }

"$root/poll_latency" "$root/proc/waitq" 200

before=$(rss)
for _ in $(seq "$n"); do
	dd if="$root/proc/waitq" bs=64 count=1 status=none >/dev/null 2>&1 &
	pids+=($!)
done
# Wait until every reader is asleep in the module: one daemon thread each.
base_threads=$(threads)
for _ in $(seq 3000); do
	[ "$(threads)" -ge $((base_threads + n * 9 / 10)) ] && break
	sleep 0.01
done
after=$(rss)
echo "blocked callers: $n; daemon RSS $before KiB -> $after KiB; $(( (after - before) / n )) KiB per blocked caller (target <= 64 KiB)"
echo all >"$root/proc/waitq"
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
pids=()
