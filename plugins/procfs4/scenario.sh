# procfs4: seq_file. /proc/iter is a 300-record iterator (18 bytes each),
# /proc/iter_single one single_open show() of 5361 bytes. Reads of any size
# and lseek must give the same bytes.
load procfs4
klog
run ls -l --time-style=+ $PROC/iter $PROC/iter_single
run wc -c $PROC/iter $PROC/iter_single
run head -n 3 $PROC/iter
run tail -n 3 $PROC/iter
run head -c 100 $PROC/iter
echo
run dd if=$PROC/iter bs=18 skip=297 status=none
run sh -c "dd if=$PROC/iter bs=1 status=none | cmp - $PROC/iter && echo same"
run sh -c "dd if=$PROC/iter bs=13 status=none | cmp - $PROC/iter && echo same"
run head -n 2 $PROC/iter_single
run tail -n 2 $PROC/iter_single
run sh -c "dd if=$PROC/iter_single bs=100 status=none | cmp - $PROC/iter_single && echo same"
unload procfs4
klog
run ls $PROC/iter
