// SPDX-License-Identifier: GPL-2.0
/*
 * slabcache.c - a kmem_cache that lives as long as the module, with three
 * objects allocated from it, so /sys/kernel/slab/slabcache_rec can be read.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>

struct rec {
	u64 key;
	u32 value;
};

static struct kmem_cache *cache;
static struct rec *recs[3];

static void rec_ctor(void *p)
{
	struct rec *r = p;

	r->key = 0;
	r->value = 0;
}

static int __init slabcache_init(void)
{
	int i;

	cache = kmem_cache_create("slabcache_rec", sizeof(struct rec), 0,
				  SLAB_HWCACHE_ALIGN, rec_ctor);
	if (!cache)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(recs); i++) {
		recs[i] = kmem_cache_alloc(cache, GFP_KERNEL);
		if (!recs[i])
			goto fail;
	}
	pr_info("cache of %zu-byte records, %zu allocated\n",
		sizeof(struct rec), ARRAY_SIZE(recs));
	return 0;
fail:
	while (--i >= 0)
		kmem_cache_free(cache, recs[i]);
	kmem_cache_destroy(cache);
	return -ENOMEM;
}

static void __exit slabcache_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(recs); i++)
		kmem_cache_free(cache, recs[i]);
	kmem_cache_destroy(cache);
}

module_init(slabcache_init);
module_exit(slabcache_exit);

MODULE_LICENSE("GPL");
