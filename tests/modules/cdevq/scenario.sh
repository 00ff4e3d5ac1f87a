# cdevq: blocking read, O_NONBLOCK, poll and signals on a character device
# (real on the kernel and with CUSE, a regular file with FUSE).
# Waits for "a reader is asleep" watch the module's sleepers parameter.
asleep() {
	until [ "$(cat $SYS/module/cdevq/parameters/sleepers)" = "$1" ]; do
		sleep 0.05
	done
}
load cdevq
klog
# O_NONBLOCK with nothing new: EAGAIN.
run dd if=$DEV/cdevq iflag=nonblock bs=64 count=1 status=none
# A blocking reader sleeps until a write wakes it.
dd if=$DEV/cdevq bs=64 count=1 status=none >reader.out 2>&1 &
reader=$!
asleep 1
write go $DEV/cdevq
wait $reader
echo "reader exit $?"
cat reader.out
# poll (select with a zero timeout): readable only after a write.
exec 3<$DEV/cdevq
run bash -c 'read -t 0 <&3 && echo readable || echo not readable'
write go $DEV/cdevq
run bash -c 'read -t 0 <&3 && echo readable || echo not readable'
run bash -c 'dd bs=64 count=1 status=none <&3'
exec 3<&-
# A signal ends a sleeping reader; the module sees the interruption.
dd if=$DEV/cdevq bs=64 count=1 status=none >reader.out 2>&1 &
reader=$!
asleep 1
kill -TERM $reader
wait $reader
echo "reader exit $?"
asleep 0
run cat $SYS/module/cdevq/refcnt
unload cdevq
klog
run ls $DEV/cdevq
