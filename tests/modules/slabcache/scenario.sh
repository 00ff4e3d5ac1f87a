# slabcache: /sys/kernel/slab/<cache> of a cache a module made, with three
# objects allocated (SLUB's attributes; kplay models a subset of them).
load slabcache
klog
S=$SYS/kernel/slab/slabcache_rec
run ls $S
for a in aliases align cache_dma destroy_by_rcu hwcache_align object_size objects objs_per_slab order \
	reclaim_account slab_size slabs total_objects usersize; do
	run cat $S/$a
done
unload slabcache
klog
run ls $S
