# dht11: a DHT11 sensor on GPIO 575, read by bit-banging; `cat /dev/dht11`
# takes a measurement.
# The real VM has no GPIO controller: gpio_request answers -EPROBE_DEFER
# and the load fails with -517. On kplay the simulated chip has a DHT11 on
# line 575 that answers the start signal with the sensor's timing; the block
# below (its lines marked "hw| ") sets what it measures and reads it.
gpio() { "$KPLAY" gpio --root "$KPLAY_ROOT" "$@"; }

load dht11
klog
if [ -d $SYS/module/dht11 ]; then
	G=$SYS/kernel/kplay/gpio
	run cat $G/dht11
	run cat $DEV/dht11
	write '31 24' $G/dht11
	run cat $DEV/dht11
	run gpio dht11 58 21.5
	run cat $DEV/dht11
	run dd if=$DEV/dht11 bs=5 status=none
	run gpio list
	# No sensor on the wire: nobody answers the start signal.
	run gpio dht11 off
	run cat $DEV/dht11
	klog
	run gpio dht11 on
	run cat $DEV/dht11
	unload dht11
	klog
fi 2>&1 | sed 's/^/hw| /'
unload dht11
