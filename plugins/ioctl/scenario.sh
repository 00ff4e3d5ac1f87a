# ioctl: a device driven only by ioctl, with a value private to each open
# file (kmalloc in open, kfree in release) and a number they all share.
load ioctl
klog
run grep -c ' ioctl_test$' $PROC/devices
run stat -c '%n: %F, mode %a, %U:%G' $DEV/ioctl_test
run ./ioctl_client $DEV/ioctl_test
# No read handler: read() fails with EINVAL.
run cat $DEV/ioctl_test
klog
unload ioctl
klog
run ls $DEV/ioctl_test
