# example_atomic: atomic_t arithmetic and atomic bit operations, every
# value logged.
load example_atomic
klog
unload example_atomic
klog
