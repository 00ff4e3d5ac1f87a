#!/usr/bin/env bash
# Mount-level test of the platform bus controls kplay adds (a real x86 kernel
# has no device for an example driver, and a scenario cannot suspend it):
# adding a matching device runs probe; the power state control runs the
# driver's PM callbacks; unloading runs remove.
. "$(dirname "$0")/lib.sh"

"$KPLAY" up --root "$ROOT" >/dev/null
kp insmod "$PLUGINS/devicemodel.so" || fail "insmod devicemodel"
D=devicemodel_example
[ -d "$ROOT/sys/bus/platform/drivers/$D" ] && echo "ok: driver directory" || fail "no driver directory"
[ ! -e "$ROOT/sys/bus/platform/devices/$D" ] && echo "ok: no device yet" || fail "a device exists already"

kp dmesg -C
echo "$D" >"$ROOT/sys/kernel/kplay/platform/add"
expect_contains "probe runs for an added device" "$D $D: probe: serial 1" "$(kp dmesg --notime)"
expect_eq "the device is bound" "$D" "$(basename "$(readlink "$ROOT/sys/bus/platform/devices/$D/driver")")"

kp dmesg -C
echo suspend >"$ROOT/sys/kernel/kplay/power/state"
echo resume >"$ROOT/sys/kernel/kplay/power/state"
log=$(kp dmesg --notime)
expect_contains "suspend callback" "$D $D: suspend: going to sleep" "$log"
expect_contains "resume callback" "$D $D: resume: awake again" "$log"
out=$( (echo hibernate-now >"$ROOT/sys/kernel/kplay/power/state") 2>&1)
expect_contains "an unknown PM transition is refused" "Invalid argument" "$out"

kp dmesg -C
echo "$D" >"$ROOT/sys/bus/platform/drivers/$D/unbind"
expect_contains "unbind runs remove" "$D $D: remove: serial 1" "$(kp dmesg --notime)"
out=$( (echo nosuch >"$ROOT/sys/bus/platform/drivers/$D/bind") 2>&1)
expect_contains "bind of an unknown device" "No such device" "$out"
expect_status "rmmod devicemodel" 0 kp rmmod devicemodel
[ ! -e "$ROOT/sys/bus/platform/drivers/$D" ] && echo "ok: driver directory removed" || fail "driver directory left"

# A '/' cannot be part of a sysfs name: the kernel's kobject naming makes it '!'.
echo "kplay/slash" >"$ROOT/sys/kernel/kplay/platform/add"
[ -d "$ROOT/sys/devices/platform/kplay!slash" ] && echo "ok: '/' in a device name becomes '!'" ||
	fail "no devices/platform/kplay!slash"
t_done
