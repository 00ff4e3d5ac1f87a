#!/usr/bin/env bash
# Mount-level test of files with kernel semantics, with real tools: character
# devices (chardev: dynamic major, device_create, one opener, refused writes,
# rmmod while open; chardev2: fixed major, mknod, read/write, ioctl client),
# procfs files (procfs1 read-only, procfs2 read/write, procfs4 seq_file), a
# sysfs attribute (hello-sysfs), and a proc file held open across rmmod.
. "$(dirname "$0")/lib.sh"

expect_status "up" 0 "$KPLAY" up --root "$ROOT"
D=$ROOT/dev
PR=$ROOT/proc
S=$ROOT/sys
for m in chardev chardev2 procfs1 procfs2 procfs4 hello-sysfs; do
	expect_status "insmod $m" 0 kp insmod "$PLUGINS/$m.so"
done
log=$(kp dmesg --notime)

# --- chardev: a dynamic major, its node from device_create ---
major=$(awk '$2 == "chardev" { print $1 }' "$PR/devices")
[[ "$major" =~ ^[0-9]+$ ]] && echo "ok: chardev has a major in /proc/devices ($major)" || fail "no chardev line in /proc/devices: [$(cat "$PR/devices")]"
expect_eq "the first dynamic major is 254, as the kernel hands them out" 254 "$major"
expect_contains "init logs the major" "chardev: got major number $major" "$log"
expect_eq "/proc/devices text" "Character devices:
100 char_dev
$major chardev

Block devices:" "$(cat "$PR/devices")"
expect_eq "class directory" "chardev" "$(ls "$S/class/chardev")"
expect_contains "the device's attributes" "dev" "$(ls "$S/class/chardev/chardev")"
expect_eq "sysfs dev attribute is MAJOR:MINOR" "$major:0" "$(cat "$S/class/chardev/chardev/dev")"
[ -e "$D/chardev" ] && echo "ok: device_create made ROOT/dev/chardev" || fail "ROOT/dev/chardev missing"

out1=$(cat "$D/chardev")
out2=$(cat "$D/chardev")
[[ "$out1" =~ ^Opened\ ([0-9]+)\ time\(s\)\ so\ far\;\ hello\ from\ chardev\!$ ]] && n1=${BASH_REMATCH[1]} || n1=x
[[ "$out2" =~ ^Opened\ ([0-9]+)\ time\(s\)\ so\ far\;\ hello\ from\ chardev\!$ ]] && n2=${BASH_REMATCH[1]} || n2=y
expect_eq "cat shows the open count" "Opened 1 time(s) so far; hello from chardev!" "$out1"
expect_eq "every open counts" "$((n1 + 1))" "$n2"
expect_eq "small reads give the same text" "Opened 3 time(s) so far; hello from chardev!" \
	"$(dd if="$D/chardev" bs=7 status=none)"
err=$( (echo hello >"$D/chardev") 2>&1)
expect_contains "writing is refused" "Invalid argument" "$err"
expect_contains "the refused write is logged" "chardev: this device is read-only, write of 6 bytes refused" "$(kp dmesg --notime)"

# One opener at a time; an open file pins the module.
exec 3<"$D/chardev"
err=$(cat "$D/chardev" 2>&1)
expect_contains "a second opener gets EBUSY" "Device or resource busy" "$err"
# chrdev_open's cdev_get and fops_get, plus the module's own try_module_get.
expect_eq "refcnt while open" 3 "$(cat "$S/module/chardev/refcnt")"
out=$(kp rmmod chardev 2>&1)
rc=$?
expect_eq "rmmod while open" "rmmod: ERROR: Module chardev is in use" "$out"
expect_eq "rmmod while open fails" 1 "$rc"
[ -e "$D/chardev" ] && echo "ok: node still there after refused rmmod" || fail "node gone after refused rmmod"
expect_eq "the open file still reads" "Opened 5 time(s) so far; hello from chardev!" "$(cat <&3)"
exec 3<&-
expect_eq "refcnt after close" 0 "$(cat "$S/module/chardev/refcnt")"
expect_status "rmmod after close" 0 kp rmmod chardev
expect_contains "exit message" "chardev: unregistered" "$(kp dmesg --notime)"
[ ! -e "$D/chardev" ] && echo "ok: device_destroy removed the node" || fail "ROOT/dev/chardev left after rmmod"
[ ! -e "$S/class/chardev" ] && echo "ok: class_destroy removed the class" || fail "class dir left after rmmod"
expect_eq "major released in /proc/devices" "" "$(awk '$2 == "chardev"' "$PR/devices")"

# --- chardev2: fixed major 100, node made with mknod ---
expect_eq "chardev2's major" "100 char_dev" "$(grep '^100 ' "$PR/devices")"
expect_status "mknod ROOT/dev/char_dev c 100 0" 0 mknod "$D/char_dev" c 100 0
expect_eq "the node is there" "char_dev" "$(ls "$D" | grep '^char_dev$')"
expect_eq "empty message reads as empty" "" "$(cat "$D/char_dev")"
echo 'a message sent by echo' >"$D/char_dev"
expect_eq "write then read" "a message sent by echo" "$(cat "$D/char_dev")"
kp dmesg -C
out=$("$PLUGINS/ioctl" "$D/char_dev" 2>&1)
rc=$?
expect_eq "ioctl client: set and get" "set_msg: Greetings from ioctl.c, by IOCTL_SET_MSG
get_msg: Greetings from ioctl.c, by IOCTL_SET_MSG" "$(head -2 <<<"$out")"
# Documented FUSE limit: a restricted ioctl copies _IOC_SIZE bytes at a
# by-value _IOWR argument and fails with EFAULT before the module sees it.
expect_eq "get_nth_byte: restricted FUSE ioctl gives EFAULT" "get_nth_byte: 
ioctl(IOCTL_GET_NTH_BYTE): Bad address" "$(tail -n +3 <<<"$out")"
expect_eq "ioctl client exit status" 1 "$rc"
log=$(kp dmesg --notime)
expect_contains "IOCTL_SET_MSG reached the module" "chardev2: IOCTL_SET_MSG: message set, 41 bytes" "$log"
expect_contains "IOCTL_GET_MSG reached the module" "chardev2: IOCTL_GET_MSG" "$log"
expect_eq "the message set by ioctl reads back" "Greetings from ioctl.c, by IOCTL_SET_MSG" "$(cat "$D/char_dev")"
exec 3<"$D/char_dev"
out=$(kp rmmod chardev2 2>&1)
expect_eq "rmmod chardev2 while open" "rmmod: ERROR: Module chardev2 is in use" "$out"
exec 3<&-
expect_status "rmmod chardev2 after close" 0 kp rmmod chardev2
err=$(cat "$D/char_dev" 2>&1)
expect_contains "the node outlives the driver: ENXIO" "No such device or address" "$err"
expect_status "rm the mknod'ed node" 0 rm "$D/char_dev"

# A node for a major nobody registered.
expect_status "mknod c 42 0" 0 mknod "$D/nodev" c 42 0
err=$(cat "$D/nodev" 2>&1)
expect_contains "open of an unused major" "No such device or address" "$err"
err=$( (echo x >"$D/nodev") 2>&1)
expect_contains "write-open of an unused major" "No such device or address" "$err"
rm -f "$D/nodev"

# --- procfs1: read-only /proc/helloworld ---
want="Hello from procfs1, world!"
expect_eq "procfs1 cat" "$want" "$(cat "$PR/helloworld")"
expect_eq "procfs1 dd bs=1 gives the same bytes" "$want" "$(dd if="$PR/helloworld" bs=1 status=none)"
cmp -s <(cat "$PR/helloworld") <(dd if="$PR/helloworld" bs=1 status=none) && echo "ok: cat and dd bs=1 byte-equal" || fail "cat and dd bs=1 differ"
expect_eq "procfs1 size in bytes" 27 "$(cat "$PR/helloworld" | wc -c)"
expect_eq "procfs1 dd skip reads past the start" "procfs1, world!" "$(dd if="$PR/helloworld" bs=11 skip=1 status=none)"
err=$( (echo oops >"$PR/helloworld") 2>&1)
expect_contains "no proc_write: EIO" "Input/output error" "$err"

# --- procfs2: /proc/buffer1k keeps the last write ---
echo hello >"$PR/buffer1k"
expect_eq "procfs2 write then read" "hello" "$(cat "$PR/buffer1k")"
printf 'second' >"$PR/buffer1k"
expect_eq "each write replaces the buffer" "second" "$(cat "$PR/buffer1k")"
head -c 1500 /dev/zero | tr '\0' 'z' | dd of="$PR/buffer1k" bs=1500 iflag=fullblock conv=notrunc status=none
expect_eq "a 1500-byte write: the 1 KiB buffer holds the last short write" 476 "$(cat "$PR/buffer1k" | wc -c)"

# --- procfs4: seq_file ---
expect_eq "iter size" 5400 "$(wc -c <"$PR/iter")"
expect_eq "iter_single size" 5361 "$(wc -c <"$PR/iter_single")"
cmp -s <(dd if="$PR/iter" bs=13 status=none) <(cat "$PR/iter") && echo "ok: dd bs=13 equals cat" || fail "dd bs=13 differs from cat"
cmp -s <(dd if="$PR/iter" bs=1 status=none) <(cat "$PR/iter") && echo "ok: dd bs=1 equals cat" || fail "dd bs=1 differs from cat"
cmp -s <(dd if="$PR/iter_single" bs=100 status=none) <(cat "$PR/iter_single") && echo "ok: iter_single dd bs=100 equals cat" || fail "iter_single dd bs=100 differs"
cmp -s <(cat "$PR/iter") <(for i in $(seq 0 299); do printf 'counter value %3d\n' "$i"; done) && echo "ok: iter is the 300 records" || fail "iter content"
expect_eq "head -c 100" "$(for i in $(seq 0 5); do printf 'counter value %3d\n' "$i"; done | head -c 100)" "$(head -c 100 "$PR/iter")"
expect_eq "tail -n 3" "counter value 297
counter value 298
counter value 299" "$(tail -n 3 "$PR/iter")"
expect_eq "dd skip (lseek in the middle)" "counter value 297" "$(dd if="$PR/iter" bs=18 skip=297 count=1 status=none)"
expect_eq "iter_single first line" "# iter_single: one show() call prints all of this file" "$(head -n 1 "$PR/iter_single")"
expect_eq "iter_single last lines" "line 100 of 100: seq_file grows its buffer as needed
# end" "$(tail -n 2 "$PR/iter_single")"

# --- hello-sysfs: an int attribute ---
A=$S/kernel/mymodule/myvariable
expect_eq "initial value" 0 "$(cat "$A")"
echo 32 >"$A"
expect_eq "echo 32 then cat" 32 "$(cat "$A")"
err=$( (echo abc >"$A") 2>&1)
expect_contains "a non-number is refused" "Invalid argument" "$err"
expect_eq "a refused write changes nothing" 32 "$(cat "$A")"
expect_eq "sysfs attribute size" 4096 "$(stat -c %s "$A")"
expect_eq "attribute mode" 660 "$(stat -c %a "$A")"

# --- a proc file held open across rmmod of a module without .owner ---
exec 4<"$PR/buffer1k"
expect_status "rmmod procfs2 while its file is open" 0 kp rmmod procfs2
[ ! -e "$PR/buffer1k" ] && echo "ok: proc entry removed" || fail "buffer1k left after rmmod"
err=$(cat <&4 2>&1)
expect_contains "read on the stale file" "Input/output error" "$err"
exec 4<&-

for m in procfs1 procfs4 hello_sysfs; do
	expect_status "rmmod $m" 0 kp rmmod "$m"
done
expect_eq "nothing left loaded" "" "$(kp lsmod | tail -n +2)"
expect_eq "nothing left in /proc/devices" "Character devices:

Block devices:" "$(cat "$PR/devices")"

# --- down ---
expect_status "down" 0 "$KPLAY" down --root "$ROOT"
grep -q " $ROOT/" /proc/self/mountinfo && fail "mounts left after down" || echo "ok: no mounts after down"

t_done
