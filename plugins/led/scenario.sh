# led: an LED on GPIO 4 behind /dev/gpio_led.
# The real VM has no GPIO controller: gpio_request answers -EPROBE_DEFER
# and the load fails with -517. On kplay the simulated chip has the line;
# the block below (its lines marked "hw| ") runs only where the module
# loaded: it switches the LED through the device and watches the line.
gpio() { "$KPLAY" gpio --root "$KPLAY_ROOT" "$@"; }

load led
klog
if [ -d $SYS/module/led ]; then
	L=$SYS/kernel/kplay/gpio/gpio4
	run cat $L/direction $L/value
	run cat $DEV/gpio_led
	write 1 $DEV/gpio_led
	run cat $L/value $DEV/gpio_led
	run gpio get 4
	run gpio list
	write 0 $DEV/gpio_led
	run cat $L/value $DEV/gpio_led
	write x $DEV/gpio_led
	# The chip drives an output line: the outside cannot.
	write 0 $L/value
	write 1 $DEV/gpio_led
	klog
	unload led
	klog
	run cat $L/value
	run gpio list
fi 2>&1 | sed 's/^/hw| /'
unload led
run ls $DEV/gpio_led
