// SPDX-License-Identifier: GPL-2.0
/*
 * kasan_test: memory and undefined-behaviour bugs on purpose, for kplay's
 * sanitizer build (what lib/test_kasan.c and lib/test_ubsan.c do for a
 * kernel with KASAN and UBSAN). Each word written to /proc/kasan_test
 * commits one bug:
 *   oob     write one byte past a 10-byte kmalloc object
 *   right   read one byte past the end of its size class (16)
 *   ksize   use the whole object as ksize() reports it (legal: no report)
 *   uaf     read a kmalloc object after kfree
 *   double  kfree the same object twice
 *   global  write past the end of a global array
 *   cache   write past the end of a kmem_cache object
 *   shift   shift an int by 40 bits
 *   index   index past the end of an array inside a struct
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

static struct proc_dir_entry *entry;
static struct kmem_cache *cache;
static volatile int ten = 10, sixteen = 16, forty = 40, five = 5;
static volatile int sink; /* keeps the bad reads */
static volatile char global_array[10];
static volatile struct {
	int a[4];
	int b;
} in_struct;

static noinline void oob_write(void)
{
	char *p = kmalloc(10, GFP_KERNEL);

	if (!p)
		return;
	p[ten] = 'x'; /* one byte past the object */
	kfree(p);
}

static noinline void right_read(void)
{
	char *p = kmalloc(10, GFP_KERNEL);

	if (!p)
		return;
	sink = p[sixteen];
	kfree(p);
}

static noinline void ksize_use(void)
{
	char *p = kmalloc(10, GFP_KERNEL);
	size_t n;

	if (!p)
		return;
	n = ksize(p);
	memset(p, 0, n);
	pr_info("ksize(kmalloc(10)) = %zu, all of it written\n", n);
	kfree(p);
}

static noinline void uaf_read(void)
{
	char *p = kmalloc(32, GFP_KERNEL);

	if (!p)
		return;
	p[0] = 1;
	kfree(p);
	sink = p[0]; /* after kfree */
}

static noinline void double_free(void)
{
	char *p = kmalloc(8, GFP_KERNEL);

	kfree(p);
	kfree(p);
	sink = 0; /* not a tail call: the report names this function */
}

static noinline void global_write(void)
{
	global_array[ten] = 'x';
}

static noinline void cache_write(void)
{
	char *p = kmem_cache_alloc(cache, GFP_KERNEL);

	if (!p)
		return;
	p[ten + 2] = 'x'; /* the objects are 12 bytes: one past */
	kmem_cache_free(cache, p);
}

static noinline int shift(void)
{
	return 1 << forty;
}

static noinline int index_past(void)
{
	return in_struct.a[five];
}

static ssize_t kasan_test_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	char cmd[16] = {};

	if (copy_from_user(cmd, buf, min(len, sizeof(cmd) - 1)))
		return -EFAULT;
	if (!strncmp(cmd, "oob", 3))
		oob_write();
	else if (!strncmp(cmd, "right", 5))
		right_read();
	else if (!strncmp(cmd, "ksize", 5))
		ksize_use();
	else if (!strncmp(cmd, "uaf", 3))
		uaf_read();
	else if (!strncmp(cmd, "double", 6))
		double_free();
	else if (!strncmp(cmd, "global", 6))
		global_write();
	else if (!strncmp(cmd, "cache", 5))
		cache_write();
	else if (!strncmp(cmd, "shift", 5))
		pr_info("1 << 40 = %d\n", shift());
	else if (!strncmp(cmd, "index", 5))
		pr_info("a[5] = %d\n", index_past());
	else
		return -EINVAL;
	return len;
}

static const struct proc_ops kasan_test_ops = {
	.proc_write = kasan_test_write,
};

static int __init kasan_test_init(void)
{
	cache = kmem_cache_create("kasan_test", 12, 0, 0, NULL);
	if (!cache)
		return -ENOMEM;
	entry = proc_create("kasan_test", 0222, NULL, &kasan_test_ops);
	if (!entry) {
		kmem_cache_destroy(cache);
		return -ENOMEM;
	}
	return 0;
}

static void __exit kasan_test_exit(void)
{
	proc_remove(entry);
	kmem_cache_destroy(cache);
}

module_init(kasan_test_init);
module_exit(kasan_test_exit);
MODULE_LICENSE("GPL");
