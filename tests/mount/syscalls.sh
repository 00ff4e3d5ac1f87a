#!/bin/bash
# Mount-level test of system calls through the emulated sys_call_table:
# `kplay run` traps its command's open/openat and the daemon dispatches them
# through the table, so syscall-steal's hook sees them; kplay's own entry
# opens files for real (errno passes through); rmmod restores the entry; a
# kprobe on __x64_sys_openat fires; a store into the table with CR0.WP set
# oopses without taking the daemon down; a dead daemon gives the traced
# command errors, not a hang.
. "$(dirname "$0")/lib.sh"

MODS=$(mktemp -d /tmp/kplay-syscalls-mods.XXXXXX)
trap 't_cleanup; rm -rf "$MODS"' EXIT
"$KPLAY" build "$(dirname "$0")/../modules/syscall_probe" --out "$MODS" >/dev/null ||
	fail "cannot build the syscall_probe test module"
kp up >/dev/null || fail "kplay up"
traced() { timeout 20 "$KPLAY" run --root "$ROOT" -- "$@"; }

DATA=$MODS/data.txt
echo hello >"$DATA"
me=$(id -u)

# kplay's own entry: the caller makes the call itself.
expect_eq "traced cat reads the file" "hello" "$(traced cat "$DATA")"
out=$(traced cat "$MODS/missing" 2>&1)
expect_contains "ENOENT reaches the traced command" "No such file or directory" "$out"

# syscall-steal replaces openat: its hook runs, the original opens on the caller's behalf.
expect_status "insmod syscall-steal" 0 kp insmod "$PLUGINS/syscall-steal.so" uid="$me"
kp dmesg -C
expect_eq "hooked: cat still reads the file" "hello" "$(traced cat "$DATA")"
log=$(kp dmesg)
expect_contains "the hook saw the open" "syscall_steal: uid $me opens $DATA" "$log"
expect_contains "and the loader's own opens" "syscall_steal: uid $me opens /etc/ld.so.cache" "$log"
out=$(traced cat "$MODS/missing" 2>&1)
expect_contains "hooked: ENOENT passes through" "No such file or directory" "$out"
expect_eq "hooked: a relative path opens in the caller's cwd" "hello" "$(cd "$MODS" && traced cat data.txt)"
expect_eq "hooked: /dev/stdin is the caller's stdin" "hello" "$(traced cat /dev/stdin <"$DATA")"
expect_eq "hooked: /proc/self is the caller" "cat" "$(traced cat /proc/self/comm)"
traced sh -c "umask 077; echo made > '$MODS/created'"
expect_eq "hooked: O_CREAT applies the caller's umask" "600 made" \
	"$(stat -c %a "$MODS/created") $(cat "$MODS/created")"
expect_eq "hooked: dirfd-relative openat (find -exec cat)" "hello" \
	"$(traced find "$MODS" -name data.txt -execdir cat {} \;)"
# kplay run inside kplay run: the enclosing one traces it (its O_PATH open of
# /proc/.kplay-host is made read-only on its behalf); seen once.
kp dmesg -C
expect_eq "hooked: nested kplay run" "hello" "$(traced kplay run --root "$ROOT" -- cat "$DATA")"
expect_eq "the nested command's open is seen once" 1 "$(kp dmesg | grep -c "opens $DATA")"
expect_status "rmmod syscall_steal" 0 kp rmmod syscall_steal
expect_contains "exit restored the entry" "syscall_steal: openat restored" "$(kp dmesg -c)"
traced cat "$DATA" >/dev/null
log=$(kp dmesg)
[[ "$log" != *"opens"* ]] && echo "ok: no hook after rmmod" || fail "the hook still ran after rmmod: $log"

# A kprobe pre-handler on __x64_sys_openat.
expect_status "insmod syscall_probe" 0 kp insmod "$MODS/syscall_probe.so" watch=cat
kp dmesg -C
traced cat "$DATA" >/dev/null
hits=$(cat "$ROOT/sys/module/syscall_probe/parameters/hits")
[ "${hits:-0}" -gt 0 ] && echo "ok: the pre-handler fired ($hits openat calls)" || fail "kprobe hits: [$hits]"
expect_contains "the handler saw current and the syscall's regs" "syscall_probe: openat by cat, flags 0x80000" \
	"$(kp dmesg)"
expect_status "rmmod syscall_probe" 0 kp rmmod syscall_probe

# A store into the table with CR0.WP set: the kernel's oops, insmod killed.
kp dmesg -C
sh -c "'$KPLAY' insmod --root '$ROOT' '$MODS/syscall_probe.so' poke_table=1" 2>/dev/null
expect_eq "insmod writing the read-only table is killed" 137 "$?"
log=$(kp dmesg)
expect_contains "page fault on the table" "BUG: unable to handle page fault for address" "$log"
expect_contains "a write" "#PF: supervisor write access in kernel mode" "$log"
[[ "$log" != *"took a write"* ]] && echo "ok: the store did not happen" || fail "the store went through: $log"
expect_eq "the daemon goes on serving traced commands" "hello" "$(traced cat "$DATA")"

# The daemon dies while a traced command runs: its opens fail, it does not hang.
mkfifo "$MODS/in" "$MODS/out"
traced sh -c "echo ready; read go; cat '$DATA'" <"$MODS/in" >"$MODS/out" 2>&1 &
runner=$!
exec 7>"$MODS/in" 8<"$MODS/out"
read -r ready <&8
expect_eq "the traced command runs" "ready" "$ready"
dpid=$(cat "$ROOT/.kplay/daemon.pid")
kill -9 "$dpid"
tail --pid="$dpid" -f /dev/null # until it is gone
echo go >&7
exec 7>&-
wait "$runner"
st=$?
late=$(cat <&8)
exec 8<&-
[ "$st" -ne 0 ] && [ "$st" -ne 124 ] && echo "ok: the traced command failed (status $st), no hang" ||
	fail "traced command after the daemon died: status $st ($late)"
expect_contains "with EIO" "Input/output error" "$late"
for m in dev proc sys; do umount -l "$ROOT/$m" 2>/dev/null; done
rm -f "$ROOT/.kplay/daemon.pid"

t_done
