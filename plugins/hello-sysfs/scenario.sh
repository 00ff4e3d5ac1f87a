# hello-sysfs: /sys/kernel/mymodule/myvariable, an int read and written
# through one kobj_attribute.
load hello-sysfs
klog
run ls -l --time-style=+ $SYS/kernel/mymodule
run cat $SYS/kernel/mymodule/myvariable
write 32 $SYS/kernel/mymodule/myvariable
run cat $SYS/kernel/mymodule/myvariable
write 0x10 $SYS/kernel/mymodule/myvariable
write -7 $SYS/kernel/mymodule/myvariable
run cat $SYS/kernel/mymodule/myvariable
# Bad values: store() returns the error, the write fails with it.
write abc $SYS/kernel/mymodule/myvariable
write 99999999999 $SYS/kernel/mymodule/myvariable
run cat $SYS/kernel/mymodule/myvariable
# Mode 0660: others may not even read.
run setpriv --reuid=65534 --regid=65534 --clear-groups cat $SYS/kernel/mymodule/myvariable
klog
unload hello-sysfs
klog
run ls $SYS/kernel/mymodule
