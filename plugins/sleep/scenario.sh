# sleep: /proc/sleep may be open in one process at a time. Other openers
# sleep until it is closed; a signal makes their open fail, and with
# O_NONBLOCK they get EAGAIN instead of sleeping.

# Wait (at most ~10 s) until the module's reference count is $1: a sleeping
# opener holds one reference, so this tells when it has gone to sleep.
wait_refcnt() {
	local i
	for i in $(seq 200); do
		[ "$(<"$SYS/module/sleep/refcnt")" = "$1" ] && return 0
		sleep 0.05
	done
	echo "refcnt did not reach $1"
}

load sleep
klog
run cat $PROC/sleep
write 'a short message' $PROC/sleep
run ./cat_nonblock $PROC/sleep
klog

# fd 3 holds the file open (and the module): a non-blocking open gets EAGAIN.
exec 3<$PROC/sleep
run cat $SYS/module/sleep/refcnt
run ./cat_nonblock $PROC/sleep
klog

# A plain cat sleeps in open() until fd 3 is closed, then reads the file.
# (3<&-: the sleeper must not inherit fd 3, or it would wait for itself.)
out=$(mktemp)
cat $PROC/sleep >"$out" 2>&1 3<&- &
wait_refcnt 2
run cat $SYS/module/sleep/refcnt
exec 3<&-
wait $!
echo "[background cat exited with $?]"
cat "$out"
rm -f "$out"
klog

# SIGINT wakes a sleeping opener: its open fails and cat dies of the signal
# (timeout reports 124). The module drops the sleeper's reference.
exec 3<$PROC/sleep
run timeout -s INT 1 cat $PROC/sleep 3<&-
run cat $SYS/module/sleep/refcnt
klog

# Open, the file holds the module.
unload sleep
exec 3<&-
unload sleep
klog
run ls $PROC/sleep
