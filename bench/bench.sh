#!/usr/bin/env bash
# Benchmark (run on demand, not a test): kplay's file operations against the
# FUSE floor (bench/fuse_floor.c, a minimal libfuse3 server with no
# emulation) and the kernel, all measured in the same run, interleaved, as
# medians of BENCH_REPS repetitions of BENCH_SECS seconds each.
#   bench/bench.sh [BUILD_DIR]
# Targets (the "Speed and robustness" issue): kplay costs <= 1.15x the floor
# per operation, streams >= 0.9x the floor's throughput, and `kplay up` plus
# insmod of every build/plugins/*.so takes < 300 ms.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
K=$build/kplay
reps=${BENCH_REPS:-5}
secs=${BENCH_SECS:-1}
small_bytes=$((128 << 20)) # streamed at bs=4k
big_bytes=$((2 << 30))     # streamed at bs=1M

work=$(mktemp -d /tmp/kplay-bench.XXXXXX)
root=$work/root
floor=$work/floor         # the floor as it is best served
floor_mix=$work/floor-mix # the floor with kplay's request mix, for diagnosis
shm=$(mktemp /dev/shm/kplay-bench.XXXXXX)
# Never remove files through a live mount: bring every root down, unmount
# what is left (lazily), and only then delete, without crossing mounts.
cleanup() {
	set +e # every step runs, whatever failed before
	local r m pid
	for r in "$root" "$work"/startup-*; do
		[ -d "$r/.kplay" ] || continue
		pid=$(cat "$r/.kplay/daemon.pid" 2>/dev/null || true)
		"$K" down --root "$r" >/dev/null 2>&1 || { [ -n "$pid" ] && kill "$pid" 2>/dev/null; }
	done
	for m in "$floor" "$floor_mix"; do
		mountpoint -q "$m" && { fusermount3 -u "$m" 2>/dev/null || umount "$m" 2>/dev/null; }
	done
	for pid in "${floor_pids[@]}"; do
		kill "$pid" 2>/dev/null # already gone when its mount went
		wait "$pid" 2>/dev/null
	done
	awk -v w="$work/" 'index($2, w) == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r m; do
		umount -l "$m" 2>/dev/null
	done
	rm -f "$shm"
	rm -rf --one-file-system "$work" 2>/dev/null
}
floor_pids=()
trap cleanup EXIT

say() { echo "bench: $*" >&2; }

# --- build: the floor server, the load generators, the bench device ---
inc=-I$top/tests/modules/bench_dev
gcc -O2 -Wall $inc -o "$work/fuse_floor" "$top/bench/fuse_floor.c" $(pkg-config --cflags --libs fuse3)
gcc -O2 -Wall $inc -o "$work/load" "$top/bench/load.c"
"$K" build "$top/tests/modules/bench_dev" --out "$work/mods" >/dev/null
L=$work/load

# --- the three worlds ---
mkdir -p "$floor" "$floor_mix" "$root"
# start_floor MOUNTPOINT [OPTION...]: returns once the floor says it serves.
start_floor() {
	local fifo=$work/ready line=
	mkfifo "$fifo"
	"$work/fuse_floor" "$@" >"$fifo" &
	floor_pids+=($!)
	read -r line <"$fifo" || true
	rm -f "$fifo"
	[ "$line" = ready ] || { say "the FUSE floor did not start at $1"; exit 1; }
}
start_floor "$floor"
start_floor "$floor_mix" --attr-timeout 0 --flush
"$K" up --root "$root" >/dev/null
"$K" insmod --root "$root" "$build/plugins/procfs1.so"
"$K" insmod --root "$root" "$work/mods/bench_dev.so"
head -c $((64 << 20)) /dev/zero >"$shm"
say "kernel $(uname -r), $(nproc) CPU(s); $reps repetitions of ${secs}s; this takes about a minute"

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run_interleaved VAR CMD-TEMPLATE TARGET...: each repetition runs every
# target once, in turn, so drift on this noisy machine hits all alike; the
# medians land in med[VAR.index]. In the template, @ is the target and %S
# the seconds to run (a short warm-up run first: threads, dentries).
declare -A med
run_interleaved() {
	local var=$1 tmpl=$2
	shift 2
	local -a targets=("$@") all=()
	local i r
	for i in "${!targets[@]}"; do
		all[i]=""
		local cmd=${tmpl//@/${targets[i]}}
		${cmd//%S/0.1} >/dev/null
	done
	for ((r = 0; r < reps; r++)); do
		for i in "${!targets[@]}"; do
			local cmd=${tmpl//@/${targets[i]}}
			all[i]+=" $(${cmd//%S/$secs})"
		done
	done
	for i in "${!targets[@]}"; do
		med[$var.$i]=$(median <<<"${all[i]}")
	done
}

say "open+read+close, 1 client"
run_interleaved orc1 "$L orc @ %S 1" /proc/version "$floor/version" "$root/proc/helloworld" "$floor_mix/version"
say "open+read+close, 2 clients"
run_interleaved orc2 "$L orc @ %S 2" /proc/version "$floor/version" "$root/proc/helloworld"
say "ioctl round trips"
# The kernel's own: FIONREAD on a pipe ("-").
run_interleaved ioctl "$L ioctl @ %S" - "$floor/stream" "$root/dev/bench_dev"
say "streaming reads"
run_interleaved s4k "$L stream @ 4096 $small_bytes" "$shm" "$floor/stream" "$root/dev/bench_dev"
run_interleaved s1m "$L stream @ 1048576 $big_bytes" "$shm" "$floor/stream" "$root/dev/bench_dev"

# --- start-up: up, then one insmod per plugin; and up --load with them all ---
say "kplay up + insmod of every plugin"
plugins=("$build"/plugins/*.so)
now_ms() { echo $(($(date +%s%N) / 1000000)); }
t_each="" t_load="" failed=0
for ((r = 0; r < reps; r++)); do
	r2=$work/startup-$r
	mkdir -p "$r2"
	t0=$(now_ms)
	"$K" up --root "$r2" >/dev/null
	for so in "${plugins[@]}"; do
		"$K" insmod --root "$r2" "$so" >/dev/null 2>&1 || failed=$((failed + 1))
	done
	t1=$(now_ms)
	"$K" down --root "$r2" >/dev/null
	t_each+=" $((t1 - t0))"
	t0=$(now_ms)
	"$K" up --root "$r2" --load "${plugins[@]}" >/dev/null 2>&1 || true
	t1=$(now_ms)
	loaded=$(($("$K" lsmod --root "$r2" | wc -l) - 1))
	"$K" down --root "$r2" >/dev/null
	t_load+=" $((t1 - t0))"
done
failed=$((failed / reps))

# --- the table ---
# row NAME KIND KERNEL FLOOR KPLAY: KIND "op" takes rates in ops/s and shows
# microseconds per operation (target: kplay/floor <= 1.15); "mb" takes MB/s
# (target: kplay/floor >= 0.9); "diag" is an op row without a target.
row() {
	awk -v name="$1" -v kind="$2" -v k="$3" -v f="$4" -v p="$5" 'BEGIN {
		if (kind == "mb") {
			ratio = p / f
			printf "| %-44s | %10.0f MB/s | %10.0f MB/s | %10.0f MB/s | %11.2f | >= 0.90 %s |\n", name, k, f, p, ratio, (ratio >= 0.9 ? "PASS" : "MISS")
		} else {
			ratio = f / p # time per op, kplay over floor
			verdict = kind == "diag" ? "(diagnosis)" : sprintf("<= 1.15 %s", (ratio <= 1.15 ? "PASS" : "MISS"))
			printf "| %-44s | %9.2f us/op | %9.2f us/op | %9.2f us/op | %11.2f | %s |\n", name, 1e6 / k, 1e6 / f, 1e6 / p, ratio, verdict
		}
	}'
}
echo
echo "| operation                                    |          kernel |      FUSE floor |           kplay | kplay/floor | target |"
echo "|----------------------------------------------|-----------------|-----------------|-----------------|-------------|--------|"
row "open+read+close, 1 client (27-byte file)" op "${med[orc1.0]}" "${med[orc1.1]}" "${med[orc1.2]}"
row "open+read+close, 2 clients (27-byte file)" op "${med[orc2.0]}" "${med[orc2.1]}" "${med[orc2.2]}"
row "  same, 1 client, floor with kplay's mix [1]" diag "${med[orc1.0]}" "${med[orc1.3]}" "${med[orc1.2]}"
row "ioctl _IOR 8 bytes round trip" op "${med[ioctl.0]}" "${med[ioctl.1]}" "${med[ioctl.2]}"
row "streaming read bs=4k ($((small_bytes >> 20)) MiB)" mb "${med[s4k.0]}" "${med[s4k.1]}" "${med[s4k.2]}"
row "streaming read bs=1M ($((big_bytes >> 20)) MiB)" mb "${med[s1m.0]}" "${med[s1m.1]}" "${med[s1m.2]}"
each=$(median <<<"$t_each")
load=$(median <<<"$t_load")
awk -v n="${#plugins[@]}" -v f="$failed" -v e="$each" -v l="$load" -v got="$loaded" 'BEGIN {
	printf "| %-44s | %15s | %15s | %12d ms | %11s | < 300 ms %s |\n", sprintf("kplay up + insmod x%d (%d refused)", n, f), "-", "-", e, "-", (e < 300 ? "PASS" : "MISS")
	printf "| %-44s | %15s | %15s | %12d ms | %11s | %s |\n", sprintf("kplay up --load (%d of %d loaded)", got, n), "-", "-", l, "-", "(one command)"
}'
echo
echo "kernel: /proc/version, a tmpfs file, FIONREAD on a pipe; FUSE floor: bench/fuse_floor.c (attr cached, no FLUSH handler);"
echo "kplay: procfs1's /proc/helloworld, tests/modules/bench_dev's /dev/bench_dev. Medians of $reps; $(nproc) CPU(s)."
echo "kplay/floor: time per operation for us/op rows (target <= 1.15), throughput for MB/s rows (target >= 0.90)."
echo "[1] fuse_floor --attr-timeout 0 --flush: a GETATTR before each open and a FLUSH at each close, as kplay asks for."
