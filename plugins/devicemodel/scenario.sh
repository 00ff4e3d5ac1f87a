# devicemodel: a platform driver. Alone it only appears under the bus's
# drivers: no device of its name exists, so probe never runs. With
# self_device=1 the module registers a matching device itself, the bus binds
# them at once (probe), and unloading unbinds them (remove). The PM
# callbacks need a real suspend, so they are not exercised here.
D=$SYS/bus/platform/drivers/devicemodel_example
P=$SYS/bus/platform/devices/devicemodel_example

# The driver alone.
load devicemodel
klog
run cat $SYS/module/devicemodel/parameters/self_device
run ls $D
run ls $P
unload devicemodel
klog
run ls $D

# The driver and its own device: probe runs inside init.
load devicemodel self_device=1
klog
run cat $SYS/module/devicemodel/parameters/self_device
run ls $D
run ls $P
run readlink -f $P $P/driver $D/devicemodel_example $D/module
run cat $P/modalias $P/driver_override $P/uevent

# Unbinding by hand runs remove; binding again runs probe.
write devicemodel_example $D/unbind
klog
run ls $D
run ls $P
write devicemodel_example $D/bind
write devicemodel_example $D/bind
write nosuch $D/bind
klog
run ls $D

# Unloading removes the device (remove runs), then the driver.
unload devicemodel
klog
run ls $D $P
