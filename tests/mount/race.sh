#!/usr/bin/env bash
# Mount-level test: insmod/rmmod racing with open files. Client processes
# (bench/stress.c --race) open, read, write and close the files of chardev,
# procfs1 and sleep while a loop loads and unloads those modules as fast as
# it can. Allowed: ENOENT/ENODEV from open (the file or module is going),
# EIO from a read of a proc file removed while open (as the kernel's
# proc_reg_read), EBUSY from chardev's open, "in use" from rmmod (or EAGAIN:
# a file was opened between rmmod's refcnt check and delete_module, as with
# kmod on a real kernel) and "File exists" from insmod of a module still loaded. Anything else, a wrong
# content, a hung client, an oops or a dead daemon fails the test.
. "$(dirname "$0")/lib.sh"

N=${KPLAY_RACE_CLIENTS:-30}
SECS=${KPLAY_RACE_SECS:-8}
MODS=(chardev procfs1 sleep)
gcc -O2 -Wall -o "$ROOT/stress" "$(dirname "$0")/../../bench/stress.c" || fail "cannot build bench/stress.c"
"$KPLAY" up --root "$ROOT" >/dev/null
pid=$(cat "$ROOT/.kplay/daemon.pid")

# sleep's waiters hold the module while they wait, so it gets two clients of
# its own (with more, one is always waiting and rmmod never wins).
( "$ROOT/stress" "$SECS" "$N" --race chardev:"$ROOT/dev/chardev" proc:"$ROOT/proc/helloworld" &
  "$ROOT/stress" "$SECS" 2 --race sleep:"$ROOT/proc/sleep" &
  fails=0
  for _ in 1 2; do wait -n || fails=$((fails + 1)); done
  exit "$fails" ) >"$ROOT/stress.out" 2>&1 &
clients=$!

# The loader: until the clients are done, each module in turn is loaded if
# absent and unloaded if present.
declare -A loads unloads
bad=0
while kill -0 "$clients" 2>/dev/null; do
	for m in "${MODS[@]}"; do
		if grep -q "^$m " "$ROOT/proc/modules"; then
			if out=$(kp rmmod "$m" 2>&1); then
				# Counted only while the clients still run: unloads after are no race.
				kill -0 "$clients" 2>/dev/null && unloads[$m]=$((${unloads[$m]:-0} + 1))
			elif [[ "$out" != *"is in use"* && "$out" != *"Resource temporarily unavailable"* ]]; then
				bad=$((bad + 1))
				echo "unexpected rmmod $m: $out"
			fi
		else
			if out=$(kp insmod "$PLUGINS/$m.so" 2>&1); then
				loads[$m]=$((${loads[$m]:-0} + 1))
			elif [[ "$out" != *"File exists"* ]]; then
				bad=$((bad + 1))
				echo "unexpected insmod $m: $out"
			fi
		fi
	done
done
wait "$clients"
rc=$?
cat "$ROOT/stress.out"
for m in "${MODS[@]}"; do echo "$m: loaded ${loads[$m]:-0} times, unloaded ${unloads[$m]:-0} times while the clients ran"; done
expect_eq "clients: no unexpected error, hang or crash" 0 "$rc"
expect_eq "insmod/rmmod: no unexpected failure" 0 "$bad"
for m in "${MODS[@]}"; do
	[ "${unloads[$m]:-0}" -ge 1 ] && echo "ok: $m was unloaded under load" || fail "$m was never unloaded while the clients ran"
done
for f in dev/chardev proc/helloworld proc/sleep; do
	ops=$(sed -nE "s|^target $ROOT/$f: ([0-9]+) operations|\1|p" "$ROOT/stress.out")
	[ "${ops:-0}" -gt 0 ] && echo "ok: $ops operations on /$f" || fail "no operation succeeded on /$f"
done
[ -d "/proc/$pid" ] && echo "ok: the daemon survived" || fail "the daemon died"
log=$(kp dmesg --notime)
[[ "$log" == *"Oops"* || "$log" == *"BUG:"* ]] && fail "the kernel log reports a bug: $(grep -m3 -E 'Oops|BUG:' <<<"$log")" || echo "ok: no oops or BUG in the log"
# Everything still works once the race is over.
for m in "${MODS[@]}"; do
	grep -q "^$m " "$ROOT/proc/modules" || kp insmod "$PLUGINS/$m.so"
done
expect_eq "procfs1 reads after the race" "Hello from procfs1, world!" "$(cat "$ROOT/proc/helloworld")"
expect_contains "chardev reads after the race" "hello from chardev!" "$(cat "$ROOT/dev/chardev")"
for m in "${MODS[@]}"; do expect_status "rmmod $m at the end" 0 kp rmmod "$m"; done

t_done
