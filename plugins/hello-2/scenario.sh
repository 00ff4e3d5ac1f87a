# hello-2: the module's messages at load and unload, its /proc/modules line,
# and kmod's errors for a second load and a second unload.
load hello-2
klog
run grep -c '^hello_2 ' $PROC/modules
load hello-2
unload hello-2
klog
unload hello-2
run grep -c '^hello_2 ' $PROC/modules
