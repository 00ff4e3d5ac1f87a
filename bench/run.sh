#!/usr/bin/env bash
# Every benchmark in one run, one table: figure | kplay | baseline | kernel |
# ratio | target | met?. Run on demand (not a test); takes several minutes.
#   bench/run.sh [BUILD_DIR]
# Environment: BENCH_SKIP="qemu load ..." leaves parts out (parts: ops, rss,
# loop, qemu, load); BENCH_LOAD_CLIENTS / BENCH_LOAD_SECS (default 1000, 60);
# BENCH_REPS / BENCH_SECS as bench/bench.sh takes them.
#   ops   bench/bench.sh: per-operation costs, streams, seq_file, poll, start-up
#   rss   bench/sleeping.sh: RSS per blocked caller with 1,000 and 10,000 blocked
#   loop  bench/loop.sh: the edit -> build -> insmod -> cat loop (qemu: its QEMU side)
#   load  bench/stress.c: 1,000 clients for 60 s against chardev, procfs1 and sleep
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
K=$build/kplay
. "$top/bench/lib.sh"
skip=" ${BENCH_SKIP:-} "
out=$(mktemp -d /tmp/kplay-bench-run.XXXXXX)
trap 'rm -rf "$out"' EXIT
failed=()

# part NAME CMD...: runs one benchmark script, keeps its rows and notes.
part() {
	local name=$1
	shift
	[[ "$skip" == *" $name "* ]] && { echo "bench: $name skipped (BENCH_SKIP)" >&2; return; }
	echo "bench: --- $name ---" >&2
	if ! "$@" >"$out/$name"; then
		failed+=("$name")
		echo "bench: $name FAILED" >&2
	fi
}

# The long load test: the clients' own summary becomes a row.
load_part() {
	local n=${BENCH_LOAD_CLIENTS:-1000} secs=${BENCH_LOAD_SECS:-60}
	local w root rc line
	w=$(mktemp -d /tmp/kplay-bench-load.XXXXXX)
	root=$w/root
	mkdir -p "$root"
	gcc -O2 -Wall -o "$w/stress" "$top/bench/stress.c" || return 1
	"$K" up --root "$root" >/dev/null || return 1
	for m in chardev procfs1 sleep; do "$K" insmod --root "$root" "$build/plugins/$m.so"; done
	line=$("$w/stress" "$secs" "$n" chardev:"$root/dev/chardev" proc:"$root/proc/helloworld" sleep:"$root/proc/sleep")
	rc=$?
	"$K" down --root "$root" >/dev/null
	grep -q " $root/" /proc/self/mountinfo || rm -rf "$w"
	echo "bench: $line" >&2
	local ops unexp
	ops=$(sed -nE 's/.*: ([0-9]+) operations \(([0-9]+)\/s\).*/\2/p' <<<"$line")
	unexp=$(sed -nE 's/.*unexpected errors ([0-9]+), hung clients ([0-9]+), crashed clients ([0-9]+).*/\1+\2+\3/p' <<<"$line")
	bench_raw "load: $n clients x $secs s (chardev, procfs, sleep)" "${ops:-?} ops/s" - - - "0 unexpected" \
		"$([ "$rc" -eq 0 ] && echo yes || echo NO)"
	bench_raw "  unexpected errors + hung + crashed clients" "${unexp:-?}" - - - "0" "$([ "$rc" -eq 0 ] && echo yes || echo NO)"
	echo
	echo "load: $line"
	return "$rc"
}

date_line="$(date -u '+%Y-%m-%d %H:%M UTC'); $(uname -r); $(nproc) CPU(s), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
part ops bash "$top/bench/bench.sh" "$build"
part rss bash "$top/bench/sleeping.sh" "$build" 1000 10000
if [[ "$skip" == *" qemu "* ]]; then
	echo "bench: loop skipped (the QEMU side is its baseline; BENCH_SKIP has qemu)" >&2
else
	part loop bash "$top/bench/loop.sh" "$build"
fi
part load load_part

echo
echo "kplay benchmarks: $date_line"
echo
bench_header
for f in ops rss loop load; do
	[ -f "$out/$f" ] || continue
	grep '^| ' "$out/$f" | grep -v '^| figure ' || true
done
echo
for f in ops rss loop load; do
	[ -f "$out/$f" ] || continue
	grep -v '^|' "$out/$f" | grep -v '^$' || true
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "FAILED parts: ${failed[*]}"
	exit 1
fi
