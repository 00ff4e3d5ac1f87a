# chardev2: a message set by write() or by ioctl, on a fixed major (100)
# whose node is made by hand with mknod, as the guide tells its readers.
load chardev2
klog
run grep '^100 ' $PROC/devices
run mknod $DEV/char_dev c 100 0
run cat $DEV/char_dev
write 'a message sent by echo' $DEV/char_dev
run cat $DEV/char_dev
run ./ioctl $DEV/char_dev
run cat $DEV/char_dev

# One opener at a time; rmmod refuses while the device is open.
exec 3<$DEV/char_dev
run ./ioctl $DEV/char_dev
unload chardev2
exec 3<&-
klog
unload chardev2
klog
# The node outlives the driver: opening it now finds no device.
run ./ioctl $DEV/char_dev
run rm $DEV/char_dev
