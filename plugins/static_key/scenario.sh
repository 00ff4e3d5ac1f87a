# static_key: a false-by-default key switched through /proc/static_key,
# and a true-by-default key switched off by a parameter at load.
load static_key
klog
run cat $PROC/static_key
write 1 $PROC/static_key
run cat $PROC/static_key
# Enabling it again changes nothing.
write on $PROC/static_key
write n $PROC/static_key
run cat $PROC/static_key
write maybe $PROC/static_key
klog
unload static_key
load static_key fast=0
run cat $PROC/static_key
unload static_key
klog
