# procfs2: /proc/buffer1k keeps what the last write() sent, up to 1 KiB.
load procfs2
klog
run ls -l --time-style=+ $PROC/buffer1k
run cat $PROC/buffer1k
write 'kept in a 1 KiB buffer' $PROC/buffer1k
run cat $PROC/buffer1k
# 1500 bytes in one write(): 1024 are taken, dd writes the other 476,
# which replace them.
run sh -c "yes 0123456789abcde | head -c 1500 | dd of=$PROC/buffer1k bs=1500 iflag=fullblock conv=notrunc status=none"
run wc -c $PROC/buffer1k
run tail -n 2 $PROC/buffer1k
echo
klog

# Without open/release handlers nothing holds the module: rmmod succeeds
# while the file is open, and procfs then fails reads on the stale file.
exec 3<$PROC/buffer1k
unload procfs2
run bash -c 'cat <&3'
exec 3<&-
klog
run ls $PROC/buffer1k
