# vmalloc_slab: kmalloc and friends, a kmem_cache with a constructor, whole
# pages and vmalloc, each checked and freed in the init function.
load vmalloc_slab
klog
unload vmalloc_slab
klog
