# hello-6: module_param_cb. Our set callbacks check every value, on the
# insmod command line and through sysfs; "reset" acts when written.
P=$SYS/module/hello_6/parameters

# A refused value fails the load, before init runs.
load hello-6 level=9
load hello-6 level=five
klog
load hello-6 level=5
klog
run ls -l --time-style=+ $P
run cat $P/level
write 0x2 $P/level
write 8 $P/level
write -1 $P/level
write abc $P/level
run cat $P/level
klog
# An action parameter: no get callback, so no reading, even for root.
write 1 $P/reset
write n $P/reset
write maybe $P/reset
run cat $P/reset
run cat $P/level
klog
unload hello-6
klog
