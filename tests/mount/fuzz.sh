#!/usr/bin/env bash
# Mount-level robustness test: tests/fuzz/fuzz_files.c runs a short, seeded
# sequence of random file operations (random flags, sizes, offsets, ioctl
# commands and pointers) on every file of the file examples; the daemon must
# neither crash nor leave a call hanging, and must still answer afterwards.
# FUZZ_OPS, FUZZ_SEED and FUZZ_ARGS (extra fuzzer options) override the run.
. "$(dirname "$0")/lib.sh"

ops=${FUZZ_OPS:-50000}
seed=${FUZZ_SEED:-1}
fuzzer=$ROOT.fuzz_files
cleanup_fuzzer() { rm -f "$fuzzer"; }
trap 'cleanup_fuzzer; t_cleanup' EXIT
gcc -O2 -Wall -o "$fuzzer" "$(dirname "$0")/../fuzz/fuzz_files.c" || {
	fail "cannot build the fuzzer"
	t_done
}

expect_status "up" 0 "$KPLAY" up --root "$ROOT"
daemon=$(cat "$ROOT/.kplay/daemon.pid")
for m in chardev chardev2 ioctl procfs1 procfs2 procfs3 procfs4 hello-sysfs debugfs-vars debugfs-msg sleep static_key; do
	expect_status "insmod $m" 0 kp insmod "$PLUGINS/$m.so"
done
expect_status "mknod ROOT/dev/char_dev c 100 0 (chardev2's node)" 0 mknod "$ROOT/dev/char_dev" c 100 0

# The fuzzer's own watchdog fails a call that hangs for 5 s; timeout is the
# last resort should the fuzzer itself wedge.
out=$(timeout 120 "$fuzzer" "$ROOT" --seed "$seed" --ops "$ops" --kplay "$KPLAY" ${FUZZ_ARGS:-} 2>&1)
rc=$?
echo "$out"
expect_eq "fuzz run of $ops ops (seed $seed): no crash, no hang, daemon answers" 0 "$rc"
expect_contains "every operation ran" "$ops ops in" "$out"
state=$(awk '{ print $3 }' "/proc/$daemon/stat" 2>/dev/null)
[[ "$state" =~ ^[RSD]$ ]] && echo "ok: daemon pid $daemon alive (state $state)" || fail "daemon pid $daemon is gone (state [$state])"
expect_eq "the loaded modules are all still there" 12 "$(kp lsmod | tail -n +2 | wc -l)"
expect_contains "proc still serves" "Hello from procfs1, world!" "$(cat "$ROOT/proc/helloworld" 2>&1)"
# A sanitizer build (README "Sanitizers") reports bad accesses and goes on:
# a report is a failure here too.
reports=$(grep -a -c -E "ERROR: AddressSanitizer|WARNING: ThreadSanitizer|runtime error:" "$ROOT/.kplay/daemon.log")
expect_eq "no sanitizer report in the daemon log" 0 "$reports"
[ "$reports" -eq 0 ] || grep -a -m3 -A12 -E "ERROR: AddressSanitizer|WARNING: ThreadSanitizer|runtime error:" "$ROOT/.kplay/daemon.log"
expect_status "down" 0 "$KPLAY" down --root "$ROOT"

t_done
