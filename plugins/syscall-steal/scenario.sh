# syscall-steal: openat replaced in the system call table, spying on uid 0
# (the scenario's user). `traced` runs a command whose system calls go
# through the table (kplay run in the playground); the real 6.1.192 kernel
# dispatches through a switch, so there the hook sees nothing.
load syscall-steal uid=0
klog
traced cat /etc/debian_version
klog
unload syscall_steal
klog
# Restored: the same command is not seen any more.
traced cat /etc/debian_version
klog
