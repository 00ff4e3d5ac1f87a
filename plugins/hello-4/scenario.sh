# hello-4: a documented module; what sysfs shows for a module without parameters.
load hello-4
klog
run ls $SYS/module/hello_4
run cat $SYS/module/hello_4/initstate $SYS/module/hello_4/refcnt
unload hello-4
klog
run ls $SYS/module/hello_4
