# hello-3: the module's messages at load and unload, its /proc/modules line,
# and kmod's errors for a second load and a second unload.
load hello-3
klog
run grep -c '^hello_3 ' $PROC/modules
load hello-3
unload hello-3
klog
unload hello-3
run grep -c '^hello_3 ' $PROC/modules
