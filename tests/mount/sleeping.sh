#!/usr/bin/env bash
# Mount-level test of sleeping: a reader blocks in read and is woken by a
# writer; a signal interrupts a blocked reader (EINTR); O_NONBLOCK gives
# EAGAIN; poll() wakes on a write; many blocked readers all complete after
# one wake_up_all; `kplay down` with blocked callers returns and leaves no mount;
# `kill -9` of the daemon with blocked callers: they get an error at once
# (ECONNABORTED: the FUSE connection was aborted) and no mount is left (auto_unmount).
. "$(dirname "$0")/lib.sh"

MODS=$ROOT/mods
"$KPLAY" build "$(dirname "$0")/../modules/waitq" --out "$MODS" >/dev/null || fail "cannot build the waitq test module"
"$KPLAY" up --root "$ROOT" >/dev/null
kp insmod "$MODS/waitq.so" || fail "insmod waitq"
W=$ROOT/proc/waitq

# --- a blocked reader is woken by a writer ---
exec 5<"$W"
mkfifo "$ROOT/out"
( dd bs=64 count=1 status=none <&5 >"$ROOT/out" ) &
reader=$!
# Nothing was written yet: the reader can only be sleeping in the module.
echo one >"$W"
got=$(timeout 10 cat "$ROOT/out")
wait "$reader"
expect_eq "the writer woke the reader" "generation 1" "$got"
exec 5<&-

# --- O_NONBLOCK: EAGAIN instead of sleeping ---
out=$(dd if="$W" iflag=nonblock bs=64 count=1 status=none 2>&1)
expect_contains "O_NONBLOCK read" "Resource temporarily unavailable" "$out"

# --- a signal interrupts a blocked reader: EINTR, promptly ---
start=$(date +%s%N)
out=$(timeout -s INT 1 dd if="$W" bs=64 count=1 status=none 2>&1)
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_eq "interrupted reader ends through timeout's signal" 124 "$rc"
[ "$ms" -lt 3000 ] && echo "ok: interrupted within ${ms} ms" || fail "interrupt took ${ms} ms"
# A handler with SA_RESTART: the kernel would restart the read; FUSE returns EINTR.
cat >"$ROOT/sigint.c" <<'C'
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static void on_alarm(int s) { (void)s; }
int main(int argc, char **argv)
{
	struct sigaction sa;
	char buf[64];
	int fd = open(argv[1], O_RDONLY);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL); /* no SA_RESTART */
	alarm(1);
	if (read(fd, buf, sizeof(buf)) < 0)
		printf("read: %s\n", strerror(errno));
	return 0;
}
C
gcc -O2 -o "$ROOT/sigint" "$ROOT/sigint.c"
expect_eq "a handled signal gives EINTR" "read: Interrupted system call" "$("$ROOT/sigint" "$W")"
expect_contains "the module saw the interruption" "a reader was interrupted" "$(kp dmesg)"

# --- poll() returns when a write makes the file readable ---
cat >"$ROOT/poller.c" <<'C'
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	struct pollfd p = { .fd = open(argv[1], O_RDONLY), .events = POLLIN };
	struct timespec a, b;
	int n = poll(&p, 1, 0);
	printf("before: %d\n", n);
	fflush(stdout);
	if (fork() == 0) {
		int w = open(argv[1], O_WRONLY);
		usleep(100000);
		clock_gettime(CLOCK_MONOTONIC, &a);
		write(w, "x", 1);
		_exit(0);
	}
	n = poll(&p, 1, 5000);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("after: %d revents %s\n", n, (p.revents & POLLIN) ? "POLLIN" : "none");
	return 0;
}
C
gcc -O2 -o "$ROOT/poller" "$ROOT/poller.c"
out=$("$ROOT/poller" "$W")
expect_contains "poll says not readable before the write" "before: 0" "$out"
expect_contains "poll wakes with POLLIN after the write" "after: 1 revents POLLIN" "$out"

# --- many blocked readers all complete after one wake_up_all ---
N=${KPLAY_TEST_READERS:-200}
pids=()
for i in $(seq "$N"); do
	( exec 6<"$W"; dd bs=64 count=1 status=none <&6 >/dev/null ) &
	pids+=($!)
done
# Each reader opened before the wake-up sees a generation change; readers
# that open after it would block, so wait until all have opened the file.
opened=0
for _ in $(seq 1000); do
	opened=0
	for p in "${pids[@]}"; do ls -l /proc/"$p"/fd 2>/dev/null | grep -q waitq && opened=$((opened + 1)); done
	[ "$opened" -eq "$N" ] && break
done
expect_eq "all $N readers have the file open" "$N" "$opened"
echo all >"$W"
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
expect_eq "all $N readers completed without error" 0 "$failed"

# --- sleeping with a spinlock held is reported, as __might_sleep does ---
kp dmesg -C
echo bug >"$W"
log=$(kp dmesg --notime)
expect_contains "sleep in atomic context reported" "BUG: sleeping function called from invalid context at kernel/time/timer.c" "$log"
expect_contains "with the task" "in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid:" "$log"

# --- down with blocked callers returns promptly and leaves no mount ---
( dd if="$W" bs=64 count=1 status=none >/dev/null 2>&1 ) &
blocked=$!
start=$(date +%s%N)
expect_status "down with a blocked reader" 0 "$KPLAY" down --root "$ROOT"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 5000 ] && echo "ok: down took ${ms} ms" || fail "down took ${ms} ms"
wait "$blocked"
grep -q " $ROOT/" /proc/self/mountinfo && fail "mounts left" || echo "ok: no mount left"

# --- kill -9 of the daemon with blocked callers ---
"$KPLAY" up --root "$ROOT" >/dev/null
kp insmod "$MODS/waitq.so" || fail "insmod waitq again"
daemon=$(cat "$ROOT/.kplay/daemon.pid")
futexed() { grep -l futex /proc/"$daemon"/task/*/wchan 2>/dev/null | wc -l; }
base=$(futexed)
pids=()
for i in 1 2 3; do
	( exec 6<"$W"; echo open >"$ROOT/opened.$i"; dd bs=64 count=1 status=none <&6 2>&1 >/dev/null; echo "rc $?" ) >"$ROOT/killed.$i" &
	pids+=($!)
done
# Each reader is asleep in the module once the daemon has a worker in a futex wait per reader.
for _ in $(seq 500); do
	[ "$(futexed)" -ge $((base + 3)) ] && [ -e "$ROOT/opened.3" ] && break
	sleep 0.01
done
start=$(date +%s%N)
kill -9 "$daemon"
for i in 1 2 3; do
	# Bounded wait: a hang here is the failure this checks for.
	for _ in $(seq 500); do kill -0 "${pids[i - 1]}" 2>/dev/null || break; sleep 0.01; done
	if kill -0 "${pids[i - 1]}" 2>/dev/null; then
		fail "blocked reader $i still hangs 5 s after the daemon was killed"
		kill -9 "${pids[i - 1]}"
	fi
	wait "${pids[i - 1]}"
	expect_contains "blocked reader $i gets ECONNABORTED" "Software caused connection abort" "$(cat "$ROOT/killed.$i")"
	expect_contains "and a failed status" "rc 1" "$(cat "$ROOT/killed.$i")"
done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "ok: blocked readers released ${ms} ms after SIGKILL"
for _ in $(seq 500); do grep -q " $ROOT/" /proc/self/mountinfo || break; sleep 0.01; done
grep -q " $ROOT/" /proc/self/mountinfo && fail "mounts left after SIGKILL with blocked callers" || echo "ok: SIGKILL with blocked callers leaves no mount"
expect_status "up again after the crash" 0 "$KPLAY" up --root "$ROOT"

t_done
