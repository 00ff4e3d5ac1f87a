# procfs1: /proc/helloworld, read-only. The module logs every read with the
# caller's size and offset; the file has no write handler.
load procfs1
klog
run ls -l --time-style=+ $PROC/helloworld
run cat $PROC/helloworld
run dd if=$PROC/helloworld bs=10 status=none
# No proc_lseek: lseek gives ESPIPE on 6.1, so dd skips by reading.
run dd if=$PROC/helloworld bs=7 skip=1 status=none
klog
# No proc_write: EIO, even for root.
write oops $PROC/helloworld
klog
unload procfs1
klog
run cat $PROC/helloworld
