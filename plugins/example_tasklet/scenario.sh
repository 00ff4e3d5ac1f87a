# example_tasklet: init schedules a tasklet that runs later in softirq
# context and busy-waits 50 ms; exit kills it.

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

load example_tasklet
klog_until 'tasklet ends'
unload example_tasklet
klog
