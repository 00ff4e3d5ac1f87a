# bh_threaded: threaded interrupts. Button 1 (GPIO 17) has a hard handler
# that wakes the IRQ's thread; button 2 (GPIO 18) has only a thread
# function (IRQF_ONESHOT). The thread functions sleep, then switch the LED.
# The real VM has no GPIO controller: the requests answer -EPROBE_DEFER and
# the load fails with -517. On kplay the block below (its lines marked
# "hw| ") presses the buttons from the shell and waits for the threads.

# Print the kernel log from now on, until a line matches $1 (at most ~10 s).
klog_until() {
	local log="" i
	for i in $(seq 200); do
		log+=$(klog)$'\n'
		grep -q -- "$1" <<<"$log" && break
		sleep 0.05
	done
	printf '%s' "$log" | sed '/^$/d'
}

load bh_threaded
klog
if [ -d $SYS/module/bh_threaded ]; then
	G=$SYS/kernel/kplay/gpio
	run cat $PROC/interrupts
	write 17 $G/pulse
	klog_until 'thread .*button 1'
	run cat $G/gpio4/value
	write 18 $G/pulse
	klog_until 'thread .*button 2'
	run cat $G/gpio4/value
	unload bh_threaded
	klog
	run cat $PROC/interrupts
fi 2>&1 | sed 's/^/hw| /'
unload bh_threaded
