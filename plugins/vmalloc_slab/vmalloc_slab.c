// SPDX-License-Identifier: GPL-2.0
/*
 * vmalloc_slab: the kernel's memory allocators, each used once, checked and
 * freed again, all in the init function.
 *
 *   kmalloc/kzalloc/kcalloc/krealloc/kfree  small objects from the slab
 *        allocator's kmalloc caches: physically contiguous, rounded up to
 *        the cache's object size (ksize tells how much is usable).
 *   kmem_cache_create/alloc/free/destroy    a cache of our own for one
 *        kind of object, with a constructor that runs when the cache
 *        fills a new slab, not at every allocation.
 *   __get_free_pages/get_zeroed_page/free_pages/free_page  whole pages,
 *        2^order of them, from the page allocator.
 *   vmalloc/vzalloc/vfree  large areas, virtually contiguous only.
 *
 * The log shows sizes and checks, never addresses, so it reads the same on
 * every run. Everything allocated is freed before init returns.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kmalloc, kmem_cache, page and vmalloc allocations");

/* Is every byte of buf equal to c? */
static bool all_bytes(const void *buf, size_t len, u8 c)
{
	const u8 *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != c)
			return false;
	return true;
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

static int try_kmalloc(void)
{
	char *p, *q;
	u32 *arr;

	p = kmalloc(100, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	memset(p, 'a', 100);
	pr_info("kmalloc(100): usable size %zu\n", ksize(p));

	/* Within the usable size krealloc keeps the same block. */
	q = krealloc(p, 120, GFP_KERNEL);
	if (!q)
		goto fail_p;
	pr_info("krealloc to 120: same block %s, usable size %zu\n",
		yes_no(q == p), ksize(q));
	p = q;
	memset(p + 100, 'b', 20);

	/* Beyond it, a new block with the old contents copied over. */
	q = krealloc(p, 300, GFP_KERNEL);
	if (!q)
		goto fail_p;
	pr_info("krealloc to 300: same block %s, usable size %zu, contents kept %s\n",
		yes_no(q == p), ksize(q),
		yes_no(all_bytes(q, 100, 'a') && all_bytes(q + 100, 20, 'b')));
	kfree(q);

	p = kzalloc(5000, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	pr_info("kzalloc(5000): usable size %zu, zeroed %s\n", ksize(p),
		yes_no(all_bytes(p, 5000, 0)));
	kfree(p);

	arr = kcalloc(10, sizeof(*arr), GFP_KERNEL);
	if (!arr)
		return -ENOMEM;
	pr_info("kcalloc(10, %zu): usable size %zu, zeroed %s\n", sizeof(*arr),
		ksize(arr), yes_no(all_bytes(arr, 10 * sizeof(*arr), 0)));
	kfree(arr);

	/* n * size overflows: kcalloc says no instead of allocating less. */
	arr = kcalloc(SIZE_MAX / 2, sizeof(*arr), GFP_KERNEL);
	pr_info("kcalloc(SIZE_MAX / 2, %zu): %s\n", sizeof(*arr),
		arr ? "allocated?!" : "NULL (overflow)");
	kfree(arr);

	/* kfree(NULL) does nothing, like free(NULL). */
	kfree(NULL);
	return 0;

fail_p:
	kfree(p);
	return -ENOMEM;
}

#define OBJ_MAGIC 0x6b706c79	/* "kply" */

struct item {
	u32 magic;		/* set by the constructor */
	u32 id;
	char name[24];
};

static void item_ctor(void *obj)
{
	struct item *it = obj;

	it->magic = OBJ_MAGIC;
	it->id = 0;
}

static int try_kmem_cache(void)
{
	struct kmem_cache *cache;
	struct item *items[3];
	int i;

	cache = kmem_cache_create("vmalloc_slab_item", sizeof(struct item), 0,
				  SLAB_HWCACHE_ALIGN, item_ctor);
	if (!cache)
		return -ENOMEM;
	pr_info("kmem_cache_create: objects of %zu bytes\n", sizeof(struct item));

	for (i = 0; i < ARRAY_SIZE(items); i++) {
		items[i] = kmem_cache_alloc(cache, GFP_KERNEL);
		if (!items[i])
			break;
		/* The constructor ran before we got the object. */
		pr_info("item %d: constructed %s\n", i,
			yes_no(items[i]->magic == OBJ_MAGIC));
		items[i]->id = i + 1;
		scnprintf(items[i]->name, sizeof(items[i]->name), "item-%d", i + 1);
	}
	/* Free whatever we got, newest first. */
	while (i-- > 0) {
		pr_info("freeing %s (id %u)\n", items[i]->name, items[i]->id);
		kmem_cache_free(cache, items[i]);
	}
	/* Every object must be back in the cache before it is destroyed. */
	kmem_cache_destroy(cache);
	pr_info("kmem_cache_destroy: done\n");
	return 0;
}

static int try_pages(void)
{
	unsigned long pages, zpage;
	const unsigned int order = 2;
	size_t size = PAGE_SIZE << order;

	pages = __get_free_pages(GFP_KERNEL, order);
	if (!pages)
		return -ENOMEM;
	memset((void *)pages, 0x5a, size);
	pr_info("__get_free_pages(order %u): %zu bytes, page aligned %s, filled %s\n",
		order, size, yes_no(pages % PAGE_SIZE == 0),
		yes_no(all_bytes((void *)pages, size, 0x5a)));
	free_pages(pages, order);

	zpage = get_zeroed_page(GFP_KERNEL);
	if (!zpage)
		return -ENOMEM;
	pr_info("get_zeroed_page: %lu bytes, zeroed %s\n", PAGE_SIZE,
		yes_no(all_bytes((void *)zpage, PAGE_SIZE, 0)));
	free_page(zpage);
	return 0;
}

static int try_vmalloc(void)
{
	const size_t size = 4 << 20;	/* 4 MiB: more than kmalloc likes */
	u8 *v;

	v = vmalloc(size);
	if (!v)
		return -ENOMEM;
	memset(v, 0xa5, size);
	pr_info("vmalloc(%zu): filled %s\n", size, yes_no(all_bytes(v, size, 0xa5)));
	vfree(v);

	v = vzalloc(size);
	if (!v)
		return -ENOMEM;
	pr_info("vzalloc(%zu): zeroed %s\n", size, yes_no(all_bytes(v, size, 0)));
	vfree(v);

	/* vfree(NULL) does nothing either. */
	vfree(NULL);
	return 0;
}

static int __init vmalloc_slab_init(void)
{
	int ret;

	ret = try_kmalloc();
	if (!ret)
		ret = try_kmem_cache();
	if (!ret)
		ret = try_pages();
	if (!ret)
		ret = try_vmalloc();
	if (ret)
		pr_err("an allocation failed: %d\n", ret);
	else
		pr_info("all freed\n");
	return ret;
}

static void __exit vmalloc_slab_exit(void)
{
	pr_info("goodbye\n");
}

module_init(vmalloc_slab_init);
module_exit(vmalloc_slab_exit);
