# chardev: a read-only device that counts how often it has been opened,
# allows one opener at a time, and gets its node from device_create.
# The major number is dynamic, so it is masked in the log and only counted
# in /proc/devices.
load chardev
klog | sed -E 's/major number [0-9]+/major number N/'
run grep -c ' chardev$' $PROC/devices
run stat -c '%n: %F, mode %a, %U:%G' $DEV/chardev
run ls $SYS/class/chardev
run cat $DEV/chardev
run dd if=$DEV/chardev bs=7 status=none
write hello $DEV/chardev

# While fd 3 holds the device open, a second open gets EBUSY and the
# module cannot be removed.
exec 3<$DEV/chardev
run cat $DEV/chardev
run cat $SYS/module/chardev/refcnt
unload chardev
run bash -c 'cat <&3'
exec 3<&-
run cat $DEV/chardev
klog
unload chardev
klog
run ls $DEV/chardev $SYS/class/chardev
run grep -c ' chardev$' $PROC/devices
