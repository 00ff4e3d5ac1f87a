# primitives: semaphores, refcount_t and kref, as the kernel answers them.
load primitives
klog
unload primitives
klog
