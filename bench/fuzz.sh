#!/usr/bin/env bash
# Long fuzz run (on demand, not a test): tests/fuzz/fuzz_files.c with JOBS
# fuzzers in parallel on one root (different seeds), OPS operations in all,
# on every file of the file examples (FUZZ_ALL=1: of every plugin). Reports
# ops/s, the daemon's RSS before and after, and fails on a crash or a hang.
#   bench/fuzz.sh [BUILD_DIR] [OPS] [JOBS]
# FUZZ_SEED (first seed, default 1) and FUZZ_ARGS (extra fuzzer options,
# e.g. --verbose) tune the run.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
ops=${2:-1000000}
jobs=${3:-2}
seed=${FUZZ_SEED:-1}
K=$build/kplay
work=$(mktemp -d /tmp/kplay-fuzz-bench.XXXXXX)
root=$work/root
cleanup() {
	local pid m
	pid=$(cat "$root/.kplay/daemon.pid" 2>/dev/null || true)
	"$K" down --root "$root" >/dev/null 2>&1 || { [ -n "$pid" ] && kill "$pid" 2>/dev/null; } || true
	awk -v w="$work/" 'index($2, w) == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r m; do
		umount -l "$m" 2>/dev/null || true
	done
	rm -rf --one-file-system "$work" 2>/dev/null || true
}
trap cleanup EXIT

gcc -O2 -Wall -o "$work/fuzz_files" "$top/tests/fuzz/fuzz_files.c" || exit 1
mkdir -p "$root"
"$K" up --root "$root" >/dev/null || exit 1
if [ "${FUZZ_ALL:-0}" = 1 ]; then
	mods=("$build"/plugins/*.so)
else
	mods=()
	for m in chardev chardev2 ioctl procfs1 procfs2 procfs3 procfs4 hello-sysfs debugfs-vars debugfs-msg sleep static_key; do
		mods+=("$build/plugins/$m.so")
	done
fi
for so in "${mods[@]}"; do
	"$K" insmod --root "$root" "$so" >/dev/null 2>&1 || echo "fuzz: insmod $(basename "$so") refused (going on)"
done
mknod "$root/dev/char_dev" c 100 0 2>/dev/null || true
daemon=$(cat "$root/.kplay/daemon.pid")
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$daemon/status" 2>/dev/null; }
rss_before=$(rss)

echo "fuzz: $ops ops in $jobs parallel fuzzer(s), seeds $seed..$((seed + jobs - 1)), $("$K" lsmod --root "$root" | tail -n +2 | wc -l) modules loaded"
t0=$(date +%s%N)
pids=()
for ((j = 0; j < jobs; j++)); do
	n=$((ops / jobs + (j < ops % jobs ? 1 : 0)))
	# 50 us per op is far slower than any healthy run: a last resort only.
	timeout $((60 + n / 20000)) "$work/fuzz_files" "$root" --seed $((seed + j)) --ops "$n" --kplay "$K" \
		${FUZZ_ARGS:-} >"$work/out.$j" 2>&1 &
	pids+=($!)
done
failed=0
for ((j = 0; j < jobs; j++)); do
	wait "${pids[j]}"
	rc=$?
	[ "$rc" -ne 0 ] && failed=$((failed + 1))
	echo "--- fuzzer $j (seed $((seed + j))): exit $rc"
	grep -a -v '^  #' "$work/out.$j" | grep -a -E '^[0-9]+ ops in|^errno histogram|FAIL' | cut -c1-300
	[ "$rc" -ne 0 ] && grep -a -A34 'last operations' "$work/out.$j" | cut -c1-300
done
t1=$(date +%s%N)
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
state=$(awk '{ print $3 }' "/proc/$daemon/stat" 2>/dev/null)
echo "---"
echo "fuzz: $ops ops in $secs s: $(awk -v n="$ops" -v s="$secs" 'BEGIN { printf "%.0f", n / s }') ops/s over $jobs fuzzer(s)"
echo "fuzz: daemon pid $daemon state [${state:-gone}], RSS $rss_before KiB -> $(rss) KiB"
# A sanitizer build (README "Sanitizers") reports and goes on: count them.
reports=$(grep -a -c -E "ERROR: AddressSanitizer|WARNING: ThreadSanitizer|runtime error:" "$root/.kplay/daemon.log" 2>/dev/null)
echo "fuzz: sanitizer reports in the daemon log: ${reports:-0}$(ldd "$K" | grep -q -E 'libasan|libtsan' && echo " (sanitizer build)")"
[ "${reports:-0}" -ne 0 ] && grep -a -m3 -A25 -E "ERROR: AddressSanitizer|WARNING: ThreadSanitizer|runtime error:" "$root/.kplay/daemon.log"
if [ "$failed" -ne 0 ] || ! [[ "$state" =~ ^[RSD]$ ]] || [ "${reports:-0}" -ne 0 ]; then
	echo "fuzz: FAIL ($failed fuzzer(s) failed, ${reports:-0} sanitizer report(s))"
	exit 1
fi
echo "fuzz: PASS"
