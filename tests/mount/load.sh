#!/usr/bin/env bash
# Mount-level load test (short): KPLAY_LOAD_CLIENTS processes (default 200)
# for KPLAY_LOAD_SECS seconds (default 10) against the chardev, procfs1 and
# sleep examples at once (bench/stress.c: one-opener EBUSY is expected, every
# other error, a wrong content or a hung client is not). bench/run.sh runs
# the long form (1000 clients, 60 s). Then the daemon still serves, logged
# no oops, and every module unloads.
. "$(dirname "$0")/lib.sh"

N=${KPLAY_LOAD_CLIENTS:-200}
SECS=${KPLAY_LOAD_SECS:-10}
gcc -O2 -Wall -o "$ROOT/stress" "$(dirname "$0")/../../bench/stress.c" || fail "cannot build bench/stress.c"
"$KPLAY" up --root "$ROOT" >/dev/null
for m in chardev procfs1 sleep; do kp insmod "$PLUGINS/$m.so" || fail "insmod $m"; done
pid=$(cat "$ROOT/.kplay/daemon.pid")

out=$("$ROOT/stress" "$SECS" "$N" chardev:"$ROOT/dev/chardev" proc:"$ROOT/proc/helloworld" sleep:"$ROOT/proc/sleep" 2>&1)
rc=$?
echo "$out"
expect_eq "$N clients for $SECS s: no unexpected error, hang or crash" 0 "$rc"
for f in dev/chardev proc/helloworld proc/sleep; do
	ops=$(sed -nE "s|^target $ROOT/$f: ([0-9]+) operations|\1|p" <<<"$out")
	[ "${ops:-0}" -gt 0 ] && echo "ok: $ops operations on /$f" || fail "no operation succeeded on /$f"
done
[ -d "/proc/$pid" ] && echo "ok: the daemon survived" || fail "the daemon died"
log=$(kp dmesg --notime)
[[ "$log" == *"Oops"* || "$log" == *"BUG:"* ]] && fail "the kernel log reports a bug: $(grep -m3 -E 'Oops|BUG:' <<<"$log")" || echo "ok: no oops or BUG in the log"
expect_eq "the procfs file still reads" "Hello from procfs1, world!" "$(cat "$ROOT/proc/helloworld")"
for m in sleep procfs1 chardev; do expect_status "rmmod $m after the load" 0 kp rmmod "$m"; done

t_done
