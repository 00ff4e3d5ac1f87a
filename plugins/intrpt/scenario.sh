# intrpt: buttons on GPIO 17 and 18 raise interrupts; button 1 lights the
# LED on GPIO 4, button 2 puts it out.
# The real VM has no GPIO controller: gpio_request_array answers
# -EPROBE_DEFER and the load fails with -517. On kplay the simulated chip
# has the lines; the block below (its lines marked "hw| ") runs only where
# the module loaded: it presses the buttons from the shell and watches the
# LED, the handlers' log and /proc/interrupts.
gpio() { "$KPLAY" gpio --root "$KPLAY_ROOT" "$@"; }

load intrpt
klog
if [ -d $SYS/module/intrpt ]; then
	G=$SYS/kernel/kplay/gpio
	run cat $G/lines
	# The counts belong to the interrupts and outlive free_irq: examples
	# run before in the same root may have counted already.
	run cat $PROC/interrupts
	# A press: the line goes high (rising edge: the handler runs) and low.
	write 17 $G/pulse
	klog
	run cat $G/gpio4/value
	write 18 $G/pulse
	klog
	run cat $G/gpio4/value
	run gpio pulse 17
	klog
	run gpio get 4
	# Holding button 2 down, then letting go: only the rising edge counts.
	run gpio set 18 1
	klog
	run gpio set 18 0
	klog
	run gpio get 4
	run cat $PROC/interrupts
	# The LED line is an output: the chip drives it, the outside cannot.
	run gpio set 4 1
	unload intrpt
	klog
	# The counts stay with the interrupts; the handlers' names are gone.
	run cat $PROC/interrupts
	run gpio get 4
fi 2>&1 | sed 's/^/hw| /'
unload intrpt
