# example_rwlock: read/write locks, with and without _irqsave.
load example_rwlock
klog
unload example_rwlock
klog
