# bottomhalf: button interrupts whose handlers defer work to bottom halves:
# a tasklet for button 1 (GPIO 17), a work item for button 2 (GPIO 18).
# The real VM has no GPIO controller: the requests answer -EPROBE_DEFER and
# the load fails with -517. On kplay the block below (its lines marked
# "hw| ") presses the buttons from the shell and waits for each bottom half.

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

load bottomhalf
klog
if [ -d $SYS/module/bottomhalf ]; then
	G=$SYS/kernel/kplay/gpio
	write 17 $G/pulse
	klog_until 'tasklet:'
	run cat $G/gpio4/value
	write 18 $G/pulse
	klog_until 'work:'
	run cat $G/gpio4/value
	write 17 $G/pulse
	klog_until 'tasklet:'
	run grep bottomhalf $PROC/interrupts
	unload bottomhalf
	klog
fi 2>&1 | sed 's/^/hw| /'
unload bottomhalf
