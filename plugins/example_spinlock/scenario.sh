# example_spinlock: spin_lock_irqsave/irqrestore and spin_lock/spin_unlock.
load example_spinlock
klog
unload example_spinlock
klog
