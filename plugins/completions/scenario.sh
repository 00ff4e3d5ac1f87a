# completions: the flywheel thread starts first but waits for the crank
# thread's completion; module init waits for both. The log order is fixed
# by the completions, not by the scheduler.
load completions
klog
unload completions
klog
