# kbleds: a timer blinks the keyboard LEDs of the foreground console through
# the console tty driver's ioctl (KDSETLED) until the module is unloaded.
# The ledstate client reads the lights with KDGETLED on the console.
#
# A headless real kernel has no tty on its console until someone opens
# /dev/tty1: vc_cons[0].d->port.tty is NULL (the guide's version of this
# module oopses there; this one refuses to load). kplay's console always
# has its tty, as a machine showing a login prompt does.
load kbleds
klog
unload kbleds
klog

# With tty1 open (fd 3) both worlds have a tty on the console.
exec 3<$DEV/tty1
run ./ledstate $DEV/tty1
load kbleds
klog
# The lights go all on and back to the lock flags (all off) every 200 ms.
run ./ledstate $DEV/tty1 7
run ./ledstate $DEV/tty1 0
run ./ledstate $DEV/tty1 7
unload kbleds
klog
run ./ledstate $DEV/tty1
exec 3<&-
