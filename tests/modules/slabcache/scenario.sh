# slabcache: /sys/kernel/slab/<cache> of a cache a module made, with three
# objects allocated (SLUB's attributes; kplay models a subset of them).
load slabcache
klog
S=$SYS/kernel/slab/slabcache_rec
run ls $S
for a in aliases align cache_dma cpu_partial destroy_by_rcu hwcache_align min_partial object_size objects \
	objs_per_slab order poison red_zone reclaim_account sanity_checks slab_size slabs store_user \
	total_objects trace usersize; do
	run cat $S/$a
done
unload slabcache
klog
run ls $S
