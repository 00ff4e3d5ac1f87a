# procfs3: /proc/buffer2k, owned by root, with a reported size of 80,
# open/release holding a module reference, and the guide's access rule:
# everybody may read, only root may write.
load procfs3
klog
run stat -c '%n: %s bytes, mode %a, %U:%G' $PROC/buffer2k
write 'only root may write this' $PROC/buffer2k
run cat $PROC/buffer2k
# wc -c believes the size stat() reports, not what read() returns.
run wc -c $PROC/buffer2k
run setpriv --reuid=65534 --regid=65534 --clear-groups cat $PROC/buffer2k
run setpriv --reuid=65534 --regid=65534 --clear-groups dd of=$PROC/buffer2k conv=notrunc status=none
# 3000 bytes: 2048 fit, the rest gets ENOSPC.
run sh -c "yes 0123456789abcde | head -c 3000 | dd of=$PROC/buffer2k bs=3000 iflag=fullblock conv=notrunc status=none"
run wc -c $PROC/buffer2k
run sh -c "cat $PROC/buffer2k | wc -c"
klog

# An open file holds the module.
exec 3<$PROC/buffer2k
run cat $SYS/module/procfs3/refcnt
unload procfs3
exec 3<&-
run cat $SYS/module/procfs3/refcnt
unload procfs3
klog
