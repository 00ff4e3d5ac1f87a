# print_string: the module writes to the controlling terminal of insmod
# and rmmod. Scenarios run without one (stdin is /dev/null, no tty), so
# nothing appears on the terminal: the kernel log says why.
run tty
load print_string
unload print_string
klog
