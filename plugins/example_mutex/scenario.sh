# example_mutex: mutex_trylock, mutex_is_locked, mutex_lock/unlock in init.
load example_mutex
klog
unload example_mutex
klog
