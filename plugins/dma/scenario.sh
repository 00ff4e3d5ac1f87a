# dma: the module registers its own platform device, dma_example.0, then
# its driver; probe sets 64-bit DMA masks, allocates a managed coherent
# buffer and maps a kmalloc buffer for DMA both ways. Only sizes, masks and
# checks are logged: DMA and CPU addresses change from boot to boot.
D=$SYS/bus/platform/drivers/dma_example
P=$SYS/bus/platform/devices/dma_example.0

load dma
klog
run ls $D
run ls $P
run readlink -f $P $P/driver
run cat $P/modalias $P/uevent

# Unloading unbinds (remove, then devres frees the buffer) and removes the
# device.
unload dma
klog
run ls $D $P
