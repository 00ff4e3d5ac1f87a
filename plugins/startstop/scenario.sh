# startstop: one module from two source files (start.c + stop.c).
load startstop
klog
run grep -c '^startstop ' $PROC/modules
unload startstop
klog
