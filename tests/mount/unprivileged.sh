#!/usr/bin/env bash
# Mount-level test of users and permissions.
# 1. An unprivileged user runs the daemon: `kplay up` mounts through
#    fusermount3 (the mounts belong to that user), modules load, files read
#    and write with real tools, and `kplay down` leaves no mount. Without
#    user_allow_other in /etc/fuse.conf, the mounts are the user's alone:
#    any other user, root included, gets EACCES (FUSE's rule).
# 2. A root daemon mounts with allow_other and default_permissions: another
#    user sees the trees, and is held to the modes the modules set (0444
#    reads, 0644 is read-only to others, 0660 and 0600 refuse them).
# Needs root (to create the users, removed at the end), setpriv and
# fusermount3; reports skipped otherwise.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null || ! command -v useradd >/dev/null ||
	! command -v fusermount3 >/dev/null; then
	echo "SKIP: needs root, setpriv, useradd and fusermount3 (creates test users)"
	exit 0
fi
U1=kplay-u1-$$
U2=kplay-u2-$$
UR=$ROOT/user
# The user's daemon goes first (by its own down, or killed), then the root's
# mounts, then the users (userdel refuses while their processes run).
cleanup_all() {
	local pid
	if [ -S "$UR/.kplay/control.sock" ]; then
		as "$U1" "$KPLAY" down --root "$UR" >/dev/null 2>&1
	fi
	pid=$(cat "$UR/.kplay/daemon.pid" 2>/dev/null)
	# Still running (a zombie left by a non-reaping init does not count)?
	if [ -n "$pid" ] && [ "$(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)" != Z ] && kill -0 "$pid" 2>/dev/null; then
		kill -9 "$pid"
		fail "the user's daemon had to be killed"
	fi
	for _ in $(seq 200); do grep -q " $UR/" /proc/self/mountinfo || break; sleep 0.01; done
	t_cleanup
	userdel "$U1" 2>/dev/null
	userdel "$U2" 2>/dev/null
}
trap cleanup_all EXIT
useradd --system --no-create-home --shell /usr/sbin/nologin "$U1" || fail "useradd $U1"
useradd --system --no-create-home --shell /usr/sbin/nologin "$U2" || fail "useradd $U2"
uid1=$(id -u "$U1")
uid2=$(id -u "$U2")
# as USER CMD...: run CMD as USER (own uid, gid and no supplementary groups).
as() {
	local u=$1
	shift
	setpriv --reuid="$u" --regid="$u" --clear-groups --reset-env -- "$@"
}
[ -r "$KPLAY" ] && as "$U1" test -x "$KPLAY" && as "$U1" test -r "$PLUGINS/procfs1.so" ||
	{ echo "SKIP: $KPLAY or $PLUGINS is not readable by other users"; exit 0; }

# --- 1. the daemon as an unprivileged user ---
MODS=$ROOT/mods
"$KPLAY" build "$(dirname "$0")/../modules/waitq" --out "$MODS" >/dev/null || fail "cannot build the waitq test module"
mkdir -p "$UR"
chown "$U1:" "$UR"
chmod 755 "$ROOT"
expect_status "kplay up as $U1" 0 as "$U1" "$KPLAY" up --root "$UR"
mounts=$(grep " $UR/" /proc/self/mountinfo)
expect_eq "three FUSE mounts" 3 "$(grep -c 'fuse.kplay' <<<"$mounts")"
expect_eq "all owned by $U1 (user_id=$uid1)" 3 "$(grep -c "user_id=$uid1," <<<"$mounts")"
expect_eq "daemon runs as $U1" "$uid1" "$(stat -c %u /proc/"$(cat "$UR/.kplay/daemon.pid")")"
if grep -qx user_allow_other /etc/fuse.conf 2>/dev/null; then
	echo "note: user_allow_other is set in /etc/fuse.conf: the user's mounts allow others"
else
	[[ "$(grep -c allow_other <<<"$mounts")" == 0 ]] && echo "ok: no allow_other without user_allow_other" ||
		fail "allow_other asked for without user_allow_other"
	out=$(cat "$UR/proc/modules" 2>&1)
	expect_contains "root is refused on the user's mount (FUSE without allow_other)" "Permission denied" "$out"
fi
expect_status "insmod procfs1 as $U1" 0 as "$U1" "$KPLAY" insmod --root "$UR" "$PLUGINS/procfs1.so"
expect_status "insmod procfs3 as $U1" 0 as "$U1" "$KPLAY" insmod --root "$UR" "$PLUGINS/procfs3.so"
expect_status "insmod waitq as $U1" 0 as "$U1" "$KPLAY" insmod --root "$UR" "$MODS/waitq.so"
expect_eq "cat as $U1" "Hello from procfs1, world!" "$(as "$U1" cat "$UR/proc/helloworld")"
# waitq's file is 0666: the user writes it (the write wakes a reader opened before).
expect_eq "echo to a 0666 file, as $U1" "generation 1" \
	"$(as "$U1" sh -c "exec 3<$UR/proc/waitq; echo x >$UR/proc/waitq && dd bs=64 count=1 status=none <&3")"
# procfs3's file is 0666 too, but its open refuses writers whose euid is not
# root: the module sees the caller's own uid.
expect_contains "procfs3 refuses a non-root writer" "Permission denied" \
	"$(as "$U1" sh -c "echo x >$UR/proc/buffer2k" 2>&1)"
expect_contains "as its open says" "open for writing refused: not root" "$(as "$U1" "$KPLAY" dmesg --root "$UR")"
# Files stay root's, with the modes modules set: the user is held to them as
# a non-root user on a real kernel is (procfs1's file is 0644).
expect_eq "files belong to root, mode as set" "644 0" "$(as "$U1" stat -c '%a %u' "$UR/proc/helloworld")"
out=$(as "$U1" sh -c "echo x >$UR/proc/helloworld" 2>&1)
expect_contains "a 0644 root file refuses the user's write" "Permission denied" "$out"
expect_contains "lsmod as $U1" "procfs1" "$(as "$U1" "$KPLAY" lsmod --root "$UR")"
out=$(as "$U2" "$KPLAY" lsmod --root "$UR" 2>&1)
[ $? -ne 0 ] && echo "ok: another user cannot drive $U1's daemon" || fail "$U2 could drive $U1's daemon: $out"
expect_status "kplay down as $U1" 0 as "$U1" "$KPLAY" down --root "$UR"
grep -q " $UR/" /proc/self/mountinfo && { fail "mounts left after the user's down"; umount -l "$UR"/{dev,proc,sys} 2>/dev/null; } ||
	echo "ok: no mount left after the user's down (fusermount3 unmounted)"

# The user's daemon killed: fusermount3 (auto_unmount) still takes the mounts away.
expect_status "kplay up as $U1 again" 0 as "$U1" "$KPLAY" up --root "$UR"
kill -9 "$(cat "$UR/.kplay/daemon.pid")"
for _ in $(seq 500); do grep -q " $UR/" /proc/self/mountinfo || break; sleep 0.01; done
grep -q " $UR/" /proc/self/mountinfo && fail "the user's mounts outlived its killed daemon" ||
	echo "ok: SIGKILL of the user's daemon leaves no mount"

# --- 2. a root daemon (allow_other): another user is held to module modes ---
"$KPLAY" up --root "$ROOT" >/dev/null
expect_eq "root's mounts use allow_other and default_permissions" 3 \
	"$(grep " $ROOT/" /proc/self/mountinfo | grep -c 'allow_other.*default_permissions\|default_permissions.*allow_other')"
for m in procfs1 procfs2 hello-sysfs chardev; do kp insmod "$PLUGINS/$m.so" || fail "insmod $m"; done
expect_eq "0644 proc file: $U2 reads" "Hello from procfs1, world!" "$(as "$U2" cat "$ROOT/proc/helloworld")"
expect_contains "0644 proc file: $U2 cannot write" "Permission denied" \
	"$(as "$U2" sh -c "echo x >$ROOT/proc/buffer1k" 2>&1)"
expect_status "0644 proc file: root writes" 0 sh -c "echo x >$ROOT/proc/buffer1k"
expect_contains "0660 sysfs attribute: $U2 cannot read" "Permission denied" \
	"$(as "$U2" cat "$ROOT/sys/kernel/mymodule/myvariable" 2>&1)"
expect_eq "0660 sysfs attribute: root reads" 0 "$(cat "$ROOT/sys/kernel/mymodule/myvariable")"
expect_eq "device node mode" "600" "$(stat -c %a "$ROOT/dev/chardev")"
expect_contains "0600 device node: $U2 cannot open" "Permission denied" "$(as "$U2" cat "$ROOT/dev/chardev" 2>&1)"
expect_contains "0600 device node: root opens" "hello from chardev!" "$(cat "$ROOT/dev/chardev")"
# A mode changed at run time holds too.
chmod 0666 "$ROOT/dev/chardev"
expect_contains "after chmod 0666: $U2 opens the device" "hello from chardev!" "$(as "$U2" cat "$ROOT/dev/chardev" 2>&1)"
out=$(as "$U2" "$KPLAY" lsmod --root "$ROOT" 2>&1)
[ $? -ne 0 ] && echo "ok: $U2 cannot drive root's daemon" || fail "$U2 could drive root's daemon: $out"

t_done
