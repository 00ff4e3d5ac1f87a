# devicetree: a platform driver matched through the device tree. Loading it
# registers the driver; the devices come from an overlay (kplay-demo.dts):
# two sensor nodes with "compatible" strings from the driver's
# of_match_table (probe runs for each and prints what the node says) and a
# disabled one (no device). x86 has no device tree and Debian's kernel takes
# no overlays, so on the real kernel the driver only waits (see
# expected-differences).
D=$SYS/bus/platform/drivers/kplay_dt_demo

load devicetree
klog
run ls $D

dtload kplay-demo.dts
klog
run ls $D
run ls $SYS/bus/platform/devices/kplay-sensor/of_node/
run cat $SYS/bus/platform/devices/kplay-sensor/uevent

# Unbinding by hand runs remove; binding again runs probe.
write kplay-sensor $D/unbind
klog
write kplay-sensor $D/bind
klog

# rmmod unbinds every device (remove runs); the nodes stay in the tree.
unload devicetree
klog
run ls $SYS/bus/platform/devices/kplay-sensor/
