# sched: a work item on the module's own work queue, then a delayed work
# item on the system work queue; exit cancels the delayed work.

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

# The delayed work runs 100 ms after init; exit then finds nothing pending.
load sched
klog_until 'delayed work runs'
unload sched
klog

# With a delay of a minute, exit cancels the delayed work before it runs.
load sched delay_ms=60000
run cat $SYS/module/sched/parameters/delay_ms
unload sched
klog
