# kthread: a kernel thread logs "tick N" about every 100 ms until rmmod
# stops it. How many ticks it logs depends on timing, so the transcript
# shows the other lines, says whether ticks were seen and masks the count.

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
no_ticks() { grep -v '^kthread: tick [0-9]*$' | sed -E 's/[0-9]+ ticks/N ticks/; s/returned [0-9]+/returned N/'; }

load kthread
log=$(klog_until '^kthread: tick 3$')
no_ticks <<<"$log"
grep -q '^kthread: tick 3$' <<<"$log" && echo "[the thread ticks]"
unload kthread
klog | no_ticks
# Stopped: nothing ticks any more.
sleep 0.3
klog | grep -q tick && echo "[still ticking]" || echo "[no tick after rmmod]"
