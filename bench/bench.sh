#!/usr/bin/env bash
# Benchmark (run on demand, not a test): kplay's file operations against the
# FUSE floor (bench/fuse_floor.c, a minimal libfuse3 server with no
# emulation) and the kernel, all measured in the same run, interleaved, as
# medians of BENCH_REPS repetitions of BENCH_SECS seconds each.
#   bench/bench.sh [BUILD_DIR]
# Targets (the "Speed and robustness" issue): kplay costs <= 1.15x the floor
# per operation, streams >= 0.9x the floor's throughput, and `kplay up` plus
# insmod of every build/plugins/*.so takes < 300 ms. Prints its rows in the
# table format of bench/lib.sh (bench/run.sh gathers every benchmark's rows).
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
	rm -f "$shm" "${records_shm:-}"
	rm -rf --one-file-system "$work" 2>/dev/null
}
floor_pids=()
trap cleanup EXIT

. "$top/bench/lib.sh"
say() { echo "bench: $*" >&2; }

# --- build: the floor server, the load generators, the bench device ---
inc=-I$top/tests/modules/bench_dev
gcc -O2 -Wall $inc -o "$work/fuse_floor" "$top/bench/fuse_floor.c" $(pkg-config --cflags --libs fuse3)
gcc -O2 -Wall $inc -o "$work/load" "$top/bench/load.c"
gcc -O2 -Wall -o "$work/poll_latency" "$top/bench/poll_latency.c"
"$K" build "$top/tests/modules/bench_dev" --out "$work/mods" >/dev/null
"$K" build "$top/tests/modules/waitq" --out "$work/mods" >/dev/null
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
"$K" insmod --root "$root" "$work/mods/waitq.so"
head -c $((64 << 20)) /dev/zero >"$shm"
# The kernel's copy of the seq_file's bytes, in tmpfs; kplay must give the same.
records_shm=$(mktemp /dev/shm/kplay-bench-records.XXXXXX)
cat "$floor/records" >"$records_shm"
cat "$root/proc/bench_records" | cmp -s - "$records_shm" || { say "/proc/bench_records differs from the floor's copy"; rm -f "$records_shm"; exit 1; }
say "kernel $(uname -r), $(nproc) CPU(s); $reps repetitions of ${secs}s; this takes about a minute"

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run_interleaved VAR CMD-TEMPLATE TARGET...: each repetition runs every
# target once, in turn, so drift on this noisy machine hits all alike; the
# medians land in med[VAR.index]. In the template, @ is the target and %S
# the seconds to run (a short warm-up run first: threads, dentries).
declare -A med cpu
# The server behind a target: kplay's daemon, the floor (or its mix twin), none for the kernel.
server_pid() {
	case "$1" in
	"$root"/*) cat "$root/.kplay/daemon.pid" ;;
	"$floor_mix"/*) echo "${floor_pids[1]}" ;;
	"$floor"/*) echo "${floor_pids[0]}" ;;
	esac
}
# CPU time a process has used (all its threads, live and gone), in clock ticks.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
tck=$(getconf CLK_TCK)
# cpu[VAR.index]: the server's CPU microseconds per unit of work, over the
# timed runs. The unit is what the load generator prints a rate of (one
# operation, one MB), or one run when UNIT=run (the seq_file's cat).
UNIT=rate
run_interleaved() {
	local var=$1 tmpl=$2
	shift 2
	local -a targets=("$@") all=() used=() done_units=()
	local i r pid t0 t1 w0 out
	for i in "${!targets[@]}"; do
		all[i]="" used[i]=0 done_units[i]=0
		local cmd=${tmpl//@/${targets[i]}}
		${cmd//%S/0.1} >/dev/null
	done
	for ((r = 0; r < reps; r++)); do
		for i in "${!targets[@]}"; do
			local cmd=${tmpl//@/${targets[i]}}
			pid=$(server_pid "${targets[i]}")
			[ -n "$pid" ] && t0=$(ticks "$pid")
			w0=$EPOCHREALTIME
			out=$(${cmd//%S/$secs})
			all[i]+=" $out"
			if [ -n "$pid" ]; then
				t1=$(ticks "$pid")
				used[i]=$((used[i] + t1 - t0))
				done_units[i]=$(awk -v u="$UNIT" -v d="${done_units[i]}" -v o="$out" -v a="${w0/,/.}" -v b="${EPOCHREALTIME/,/.}" \
					'BEGIN { print d + (u == "run" ? 1 : o * (b - a)) }')
			fi
		done
	done
	for i in "${!targets[@]}"; do
		med[$var.$i]=$(median <<<"${all[i]}")
		cpu[$var.$i]=$(awk -v t="${used[i]}" -v hz="$tck" -v n="${done_units[i]}" 'BEGIN { print (n > 0 ? t / hz * 1e6 / n : 0) }')
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
say "streaming writes"
run_interleaved w4k "$L wstream @ 4096 $small_bytes" "$shm" "$floor/stream" "$root/dev/bench_dev"
run_interleaved w1m "$L wstream @ 1048576 $big_bytes" "$shm" "$floor/stream" "$root/dev/bench_dev"
say "a seq_file of 100k records read with cat"
# Milliseconds for one cat to /dev/null.
cat_ms() {
	local t0 us
	t0=$(date +%s%N)
	cat "$1" >/dev/null
	us=$((($(date +%s%N) - t0) / 1000))
	printf '%d.%03d\n' $((us / 1000)) $((us % 1000))
}
UNIT=run run_interleaved records "cat_ms @" "$records_shm" "$floor/records" "$root/proc/bench_records"
say "poll wake-up latency"
pl_k="" pl_f="" pl_p=""
for ((r = 0; r < reps; r++)); do
	read -r a b c < <("$work/poll_latency" "$root/proc/waitq" 100 "$floor/waitq")
	pl_k+=" $a" pl_f+=" $b" pl_p+=" $c"
done

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
bench_header
bench_row op "open+read+close, 1 client (27-byte file)" "${med[orc1.2]}" "${med[orc1.1]}" "${med[orc1.0]}"
bench_row op "open+read+close, 2 clients (27-byte file)" "${med[orc2.2]}" "${med[orc2.1]}" "${med[orc2.0]}"
bench_row diag "  same, 1 client, floor with kplay's mix [1]" "${med[orc1.2]}" "${med[orc1.3]}" "${med[orc1.0]}"
bench_row op "ioctl _IOR 8 bytes round trip" "${med[ioctl.2]}" "${med[ioctl.1]}" "${med[ioctl.0]}"
bench_row mb "streaming read bs=4k ($((small_bytes >> 20)) MiB)" "${med[s4k.2]}" "${med[s4k.1]}" "${med[s4k.0]}"
bench_row mb "streaming read bs=1M ($((big_bytes >> 20)) MiB)" "${med[s1m.2]}" "${med[s1m.1]}" "${med[s1m.0]}"
bench_row mb "streaming write bs=4k ($((small_bytes >> 20)) MiB)" "${med[w4k.2]}" "${med[w4k.1]}" "${med[w4k.0]}"
bench_row mb "streaming write bs=1M ($((big_bytes >> 20)) MiB)" "${med[w1m.2]}" "${med[w1m.1]}" "${med[w1m.0]}"
bench_row ms "cat of a seq_file, 100k records ($(($(stat -c %s "$records_shm") >> 10)) KiB)" "${med[records.2]}" "${med[records.1]}" "${med[records.0]}"
bench_row us "poll wake-up latency (write to POLLIN)" "$(median <<<"$pl_k")" "$(median <<<"$pl_f")" "$(median <<<"$pl_p")"
# Diagnosis: the servers' CPU per unit of work, which the machine's load
# does not stretch as it stretches wall-clock time (ticks of 1/CLK_TCK s).
cpu_row() {
	bench_raw "  server CPU $1" "$(printf '%.1f us' "$2")" "$(printf '%.1f us' "$3")" - \
		"$(awk -v k="$2" -v f="$3" 'BEGIN { printf "%.2f", (f > 0 ? k / f : 0) }')" "(diagnosis)" -
}
cpu_row "per open+read+close, 1 client" "${cpu[orc1.2]}" "${cpu[orc1.1]}"
cpu_row "per ioctl" "${cpu[ioctl.2]}" "${cpu[ioctl.1]}"
cpu_row "per MB read, bs=4k" "${cpu[s4k.2]}" "${cpu[s4k.1]}"
cpu_row "per MB read, bs=1M" "${cpu[s1m.2]}" "${cpu[s1m.1]}"
cpu_row "per MB written, bs=4k" "${cpu[w4k.2]}" "${cpu[w4k.1]}"
cpu_row "per MB written, bs=1M" "${cpu[w1m.2]}" "${cpu[w1m.1]}"
cpu_row "per cat of the seq_file" "${cpu[records.2]}" "${cpu[records.1]}"
each=$(median <<<"$t_each")
load=$(median <<<"$t_load")
bench_raw "kplay up + insmod x${#plugins[@]} ($failed refused)" "$each ms" - - - "< 300 ms" "$(awk -v e="$each" 'BEGIN { print (e < 300 ? "yes" : "NO") }')"
bench_raw "kplay up --load ($loaded of ${#plugins[@]} loaded, one command)" "$load ms" - - - "< 300 ms" "$(awk -v e="$load" 'BEGIN { print (e < 300 ? "yes" : "NO") }')"
echo
echo "baseline: bench/fuse_floor.c, a minimal libfuse3 server (attr cached, no FLUSH handler); kernel: /proc/version,"
echo "FIONREAD on a pipe, a tmpfs file (streams, the seq_file's bytes), a pipe (poll). kplay: procfs1's /proc/helloworld,"
echo "tests/modules/bench_dev's /dev/bench_dev and /proc/bench_records, tests/modules/waitq's /proc/waitq."
echo "Medians of $reps; $(nproc) CPU(s). ratio: kplay/floor, time per operation or throughput as the target says."
echo "[1] fuse_floor --attr-timeout 0 --flush: a GETATTR before each open and a FLUSH at each close, as kplay asks for."
