# blkram: a RAM disk on blk-mq. register_blkdev takes a dynamic block major
# (masked here), add_disk makes /dev/blkram0; reads and writes of the node
# reach the module's queue_rq as requests of 512-byte sectors.
load blkram capacity_mb=4
klog
run grep -c ' blkram$' $PROC/devices
run sh -c "grep -E ' blkram0\$' $PROC/partitions | sed -E 's/^ *[0-9]+ /MAJOR /'"
run cat $SYS/block/blkram0/size $SYS/block/blkram0/ro $SYS/block/blkram0/queue/logical_block_size
run stat -c '%n: %F' $DEV/blkram0
run blockdev --getsize64 --getss $DEV/blkram0

# A fresh disk reads as zeros; a write reads back byte for byte, also one
# that is not sector-aligned (the block layer reads the sector first).
head -c 4194304 </dev/zero >/tmp/blkram.zeros
run cmp $DEV/blkram0 /tmp/blkram.zeros
head -c 1048576 /dev/urandom >/tmp/blkram.in
run dd if=/tmp/blkram.in of=$DEV/blkram0 bs=64k seek=16 conv=notrunc,fsync status=none
run cmp -n 1048576 -i 0:1048576 /tmp/blkram.in $DEV/blkram0
printf 'hello, sector' >/tmp/blkram.small
run dd if=/tmp/blkram.small of=$DEV/blkram0 bs=1 seek=1000 conv=notrunc status=none
run sh -c "dd if=$DEV/blkram0 bs=1 skip=995 count=23 status=none | od -An -c"
rm -f /tmp/blkram.in /tmp/blkram.small

# At the end of the disk: a write there fails with ENOSPC, one crossing it
# is short, a read there returns nothing.
run dd if=/tmp/blkram.zeros of=$DEV/blkram0 bs=512 seek=8192 count=1 conv=notrunc status=none
run dd if=/tmp/blkram.zeros of=$DEV/blkram0 bs=1024 seek=4095 count=2 conv=notrunc status=noxfer
run sh -c "dd if=$DEV/blkram0 bs=512 skip=8192 count=1 status=none | wc -c"
rm -f /tmp/blkram.zeros

# A file system on the disk: mke2fs, files written with debugfs, e2fsck.
run mke2fs -q -F -t ext2 -b 1024 -L blkram -U 6f1d5c7e-4c6a-4b8e-9d55-0a2b8d6f3e11 -E root_owner=0:0 $DEV/blkram0
run debugfs -w -R 'mkdir /notes' $DEV/blkram0
printf 'written through blk-mq\n' >/tmp/blkram.note
run debugfs -w -R 'write /tmp/blkram.note /notes/hello.txt' $DEV/blkram0
rm -f /tmp/blkram.note
run debugfs -R 'cat /notes/hello.txt' $DEV/blkram0
run e2fsck -fn $DEV/blkram0
run sh -c "dumpe2fs -h $DEV/blkram0 2>&1 | grep -E '^(Filesystem volume name|Block count|Block size):'"

# While the disk is open the module cannot go; then it takes the disk away.
exec 3<$DEV/blkram0
unload blkram
exec 3<&-
unload blkram
klog
run ls $DEV/blkram0 $SYS/block/blkram0
run grep -c ' blkram$' $PROC/devices
