#!/usr/bin/env bash
# Mount-level test of `kplay run` / `kplay shell`: the guide's own command
# lines, with the paths exactly as the guide prints them (/proc/helloworld,
# /sys/kernel/mymodule/myvariable, /dev/char_dev ...), including clients
# whose /dev path is compiled in; the host's /proc, /sys and /dev still work
# in there; entries come and go with the modules; the host is untouched.
# Writes the guide's transcript to $GUIDE_TRANSCRIPT when that is set.
. "$(dirname "$0")/lib.sh"

"$KPLAY" up --root "$ROOT" >/dev/null || { fail "kplay up"; t_done; }
chmod 755 "$ROOT" # the unprivileged part below runs as nobody

# Everything here must leave the host's /proc, /sys and /dev mounts as they
# were (other tests may mount their own roots meanwhile).
host_mounts() { awk '$5 ~ "^/(proc|sys|dev)(/|$)" || $0 ~ /kplay-shell/ { print $5, $9 }' /proc/self/mountinfo | sort; }
before=$(host_mounts)

# --- the guide's command lines, run as printed in `kplay run` ---
# Each line is echoed as "$ line" and run by bash inside the namespace, in
# the directory holding the built examples (hello-1.so answers hello-1.ko).
LINES=$ROOT/guide-lines
cat >"$LINES" <<'GUIDE'
sudo lsmod | grep hello
sudo modinfo hello-1.ko
sudo insmod hello-1.ko
sudo lsmod | grep hello
sudo cat /proc/modules
sudo rmmod hello_1
dmesg | tail -n 2
modinfo hello-4.ko
sudo insmod chardev.ko
cat /proc/devices
cat /dev/chardev
echo "hi" > /dev/chardev
cat /proc/helloworld
sudo insmod procfs1.ko
cat /proc/helloworld
ls -l /sys
ls /sys/kernel/mymodule
sudo insmod hello-sysfs.ko
sudo lsmod | grep hello_sysfs
cat /sys/kernel/mymodule/myvariable
echo "32" > /sys/kernel/mymodule/myvariable
cat /sys/kernel/mymodule/myvariable
sudo rmmod hello_sysfs
ls /sys/kernel/mymodule
sudo insmod chardev2.ko
mknod /dev/char_dev c 100 0
./ioctl
rm /dev/char_dev
sudo insmod ioctl.ko
./ioctl_client
sudo insmod sleep.ko
./cat_nonblock /proc/sleep
exec 3</proc/sleep
./cat_nonblock /proc/sleep
exec 3<&-
./cat_nonblock /proc/sleep
sudo rmmod sleep
GUIDE
RUNNER=$ROOT/guide-runner
cat >"$RUNNER" <<'SH'
while IFS= read -r line; do
	printf '$ %s\n' "$line"
	eval "$line" 2>&1
done <"$1"
SH
transcript=$(cd "$PLUGINS" && "$KPLAY" run --root "$ROOT" -- bash "$RUNNER" "$LINES" 2>&1)
expect_eq "kplay run of the guide's lines (exit status)" 0 "$?"
if [ -n "${GUIDE_TRANSCRIPT:-}" ]; then
	printf '%s\n' "$transcript" >"$GUIDE_TRANSCRIPT"
fi
# out_of LINE [N]: the output of the guide line in the transcript (of its
# N-th run when it is run more than once).
out_of() {
	awk -v cmd="\$ $1" -v want="${2:-0}" '
		$0 == cmd { n++; on = (want == 0 || n == want); next }
		/^\$ / { on = 0 }
		on' <<<"$transcript"
}
expect_eq "sudo lsmod | grep hello: nothing before insmod" "" "$(out_of 'sudo lsmod | grep hello' 1)"
expect_contains "sudo insmod hello-1.ko, then lsmod" "hello_1" "$(out_of 'sudo lsmod | grep hello' 2)"
expect_contains "sudo cat /proc/modules is the playground's" "hello_1 " "$(out_of 'sudo cat /proc/modules')"
expect_contains "dmesg is the playground's ring" "hello-1" "$(out_of 'dmesg | tail -n 2')"
expect_contains "sudo modinfo hello-1.ko" "name:           hello_1" "$(out_of 'sudo modinfo hello-1.ko')"
expect_contains "modinfo hello-4.ko" "name:           hello_4" "$(out_of 'modinfo hello-4.ko')"
expect_contains "/proc/devices lists chardev" " chardev" "$(out_of 'cat /proc/devices')"
expect_contains "cat /dev/chardev" "Opened 1 time(s) so far" "$(out_of 'cat /dev/chardev')"
expect_contains "echo hi > /dev/chardev is refused by the module" "Invalid argument" "$(out_of 'echo "hi" > /dev/chardev')"
expect_contains "no /proc/helloworld before procfs1" "No such file or directory" "$(out_of 'cat /proc/helloworld' 1)"
expect_contains "cat /proc/helloworld once procfs1 is loaded" "world" "$(out_of 'cat /proc/helloworld' 2)"
expect_contains "ls -l /sys shows the host's sysfs" "kernel" "$(out_of 'ls -l /sys')"
expect_contains "sudo lsmod | grep hello_sysfs" "hello_sysfs" "$(out_of 'sudo lsmod | grep hello_sysfs')"
expect_contains "no /sys/kernel/mymodule before hello-sysfs" "No such file or directory" \
	"$(out_of 'ls /sys/kernel/mymodule' 1)"
expect_eq "cat /sys/kernel/mymodule/myvariable" 0 "$(out_of 'cat /sys/kernel/mymodule/myvariable' 1)"
expect_eq "echo \"32\" > /sys/kernel/mymodule/myvariable" "" "$(out_of 'echo "32" > /sys/kernel/mymodule/myvariable')"
expect_eq "cat /sys/kernel/mymodule/myvariable after echo" 32 "$(out_of 'cat /sys/kernel/mymodule/myvariable' 2)"
expect_contains "/sys/kernel/mymodule goes with rmmod" "No such file or directory" "$(out_of 'ls /sys/kernel/mymodule' 2)"
expect_eq "mknod /dev/char_dev c 100 0" "" "$(out_of 'mknod /dev/char_dev c 100 0')"
expect_contains "./ioctl opens its compiled-in /dev/char_dev" "get_msg: Greetings from ioctl.c, by IOCTL_SET_MSG" \
	"$(out_of './ioctl')"
expect_eq "rm /dev/char_dev" "" "$(out_of 'rm /dev/char_dev')"
expect_contains "./ioctl_client opens its compiled-in /dev/ioctl_test" "fd1: IOCTL_VALGET -> 4660" \
	"$(out_of './ioctl_client')"
expect_contains "cat_nonblock /proc/sleep" "Last message" "$(out_of './cat_nonblock /proc/sleep' 1)"
expect_contains "cat_nonblock while /proc/sleep is open" "busy" "$(out_of './cat_nonblock /proc/sleep' 2)"
expect_contains "cat_nonblock once it is closed" "Last message" "$(out_of './cat_nonblock /proc/sleep' 3)"

# --- the host's own entries still work next to the playground's ---
cat >"$ROOT/host-checks" <<'SH'
read -r pid rest </proc/self/stat; [ "$pid" = "$$" ] && echo "self-is-me"
(cd /proc/self && [ "$(/bin/pwd -P)" = "/proc/.kplay-host/$BASHPID" ] && echo "self-is-procfs")
grep -q '^MemTotal:' /proc/meminfo && echo "meminfo"
tr '\0' ' ' </proc/$$/cmdline | grep -q host-checks && echo "pid-dir"
[ -d /sys/kernel/mm ] && echo "sys-kernel-mm"
echo x >/dev/null && echo "dev-null"
[ "$(head -c 3 /dev/zero | od -An -tx1 | tr -d ' ')" = 000000 ] && echo "dev-zero"
ls /dev | grep -qx null && ls /dev | grep -qx chardev && echo "dev-lists-both"
ls /proc | grep -qx 1 && ls /proc | grep -qx helloworld && echo "proc-lists-both"
[ "$(ls /sys/module | wc -l)" -gt 1 ] && ls /sys/module | grep -qx procfs1 && echo "sys-module-lists-both"
cat /proc/self/mountinfo | grep -q ' /proc .* fuse.kplay-shell ' && echo "private-mount"
echo "env KPLAY_SHELL=$KPLAY_SHELL"
SH
out=$("$KPLAY" run --root "$ROOT" -- bash "$ROOT/host-checks" 2>&1)
for w in self-is-me self-is-procfs meminfo pid-dir sys-kernel-mm dev-null dev-zero dev-lists-both proc-lists-both \
	sys-module-lists-both private-mount "env KPLAY_SHELL=$ROOT"; do
	expect_contains "host entry: $w" "$w" "$out"
done

# --- entries that modules add or remove from outside show at once inside ---
SYNC=$ROOT/sync
# await FILE: wait (at most 10 s) until FILE exists.
await() { for _ in $(seq 200); do [ -e "$1" ] && return 0; sleep 0.05; done; return 1; }
(
	await "$SYNC.go1" && kp insmod "$PLUGINS/procfs2.so" && touch "$SYNC.done1"
	await "$SYNC.go2" && kp rmmod procfs2 && touch "$SYNC.done2"
) &
out=$("$KPLAY" run --root "$ROOT" -- bash -c "$(declare -f await)"'
	[ -e /proc/buffer1k ] && echo before:present || echo before:absent
	touch '"$SYNC.go1"'; await '"$SYNC.done1"'
	[ -e /proc/buffer1k ] && echo loaded:present || echo loaded:absent
	echo hello-buffer >/proc/buffer1k && cat /proc/buffer1k
	touch '"$SYNC.go2"'; await '"$SYNC.done2"'
	[ -e /proc/buffer1k ] && echo removed:present || echo removed:absent
	ls /proc | grep -c "^buffer1k$"' 2>&1)
wait
expect_eq "a proc entry added and removed by the host while inside" \
	"before:absent loaded:present hello-buffer removed:absent 0" "$(tr '\n' ' ' <<<"$out" | sed 's/ $//')"

# --- the interactive shell: prompt, variable, wrappers first in PATH ---
if command -v script >/dev/null; then
	out=$(printf 'echo "in=$KPLAY_SHELL"\ncommand -v insmod\ncat /proc/helloworld\nexit 5\n' |
		timeout 20 script -qec "'$KPLAY' shell --root '$ROOT'" /dev/null 2>&1)
	expect_contains "shell: the prompt says kplay" "(kplay) " "$out"
	expect_contains "shell: KPLAY_SHELL" "in=$ROOT" "$out"
	expect_contains "shell: insmod is the wrapper" "/dev/.kplay/bin/insmod" "$out"
	expect_contains "shell: the guide's path" "world" "$out"
fi
out=$(echo 'cat /proc/helloworld; exit 4' | "$KPLAY" shell --root "$ROOT" 2>/dev/null)
expect_eq "shell: exit status of the shell" 4 "$?"
expect_contains "shell reading commands from a pipe" "world" "$out"

# --- exit status, leftovers, the host untouched ---
expect_status "run: the command's exit status" 3 "$KPLAY" run --root "$ROOT" -- sh -c 'exit 3'
expect_status "run: command not found" 127 "$KPLAY" run --root "$ROOT" -- no-such-command-kplay
bg=$("$KPLAY" run --root "$ROOT" -- sh -c 'sleep 300 >/dev/null 2>&1 & echo $!' 2>/dev/null)
sleep 0.2
if [ -n "$bg" ] && ! kill -0 "$bg" 2>/dev/null; then
	echo "ok: a background job does not outlive the shell"
else
	fail "background job $bg still runs"
fi
[ ! -e /proc/helloworld ] && echo "ok: the host's /proc has no helloworld" || fail "/proc/helloworld on the host"
[ ! -e /dev/char_dev ] && [ ! -e /dev/chardev ] && echo "ok: the host's /dev is untouched" || fail "host /dev changed"
[ ! -e /sys/kernel/mymodule ] && echo "ok: the host's /sys is untouched" || fail "host /sys changed"
expect_eq "the host's mount table is as before" "$before" "$(host_mounts)"
out=$(cd /tmp && "$KPLAY" run --root /proc/x -- true 2>&1)
expect_contains "a root under /proc is refused" "under /proc" "$out"
out=$(KPLAY_SHELL=/elsewhere "$KPLAY" run --root "$ROOT" -- true 2>&1)
expect_contains "no nesting of another root" "already inside kplay shell for /elsewhere" "$out"

# --- kplay down while a shell is open does not wait for it (as root) ---
"$KPLAY" run --root "$ROOT" -- sleep 3 &
runner=$!
sleep 0.5
start=$(date +%s%N)
expect_status "down while a shell is open" 0 timeout 10 "$KPLAY" down --root "$ROOT"
ms=$((($(date +%s%N) - start) / 1000000))
[ "$ms" -lt 2500 ] && echo "ok: down took ${ms} ms" || fail "down waited ${ms} ms for the shell"
wait "$runner"
"$KPLAY" up --root "$ROOT" >/dev/null && kp insmod "$PLUGINS/procfs1.so"
chmod 755 "$ROOT"

# --- without root: a user namespace, or a clear message ---
if id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
	asnobody() {
		(cd / && setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all env -i PATH=/usr/bin:/bin "$@")
	}
	if ! asnobody test -x "$KPLAY" 2>/dev/null; then
		echo "skip: nobody cannot run $KPLAY"
	elif asnobody unshare --user --mount true 2>/dev/null; then
		out=$(asnobody "$KPLAY" run --root "$ROOT" -- sh -c 'id -u; cat /proc/helloworld
			read -r p r </proc/self/stat; [ "$p" = $$ ] && echo self-ok
			echo x >/dev/null && echo null-ok' 2>&1)
		expect_contains "unprivileged: runs as itself" "65534" "$out"
		expect_contains "unprivileged: the guide's path" "world" "$out"
		expect_contains "unprivileged: /proc/self" "self-ok" "$out"
		expect_contains "unprivileged: /dev/null" "null-ok" "$out"
	else
		out=$(asnobody "$KPLAY" run --root "$ROOT" -- true 2>&1)
		expect_contains "unprivileged without user namespaces: says why" "user namespace" "$out"
	fi
fi

t_done
