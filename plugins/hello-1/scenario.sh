# hello-1: the module's messages at load and unload, its /proc/modules line,
# and kmod's errors for a second load and a second unload.
load hello-1
klog
run grep -c '^hello_1 ' $PROC/modules
load hello-1
unload hello-1
klog
unload hello-1
run grep -c '^hello_1 ' $PROC/modules
