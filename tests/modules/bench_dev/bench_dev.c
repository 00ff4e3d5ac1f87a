// SPDX-License-Identifier: GPL-2.0
/*
 * bench_dev: a character device for the benchmarks. /dev/bench_dev reads
 * as an endless stream of a fixed byte pattern (like /dev/zero, a page at a
 * time), takes any write (copied in and dropped, like /dev/null after
 * one copy) and answers one _IOR ioctl with an 8-byte counter.
 * /proc/bench_records is a seq_file of BENCH_RECORDS short records. Any
 * number of openers; nothing is logged on the fast paths, so what a benchmark
 * measures is the file-operation path, not the module.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/version.h>

#include "bench_dev.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("An endless pattern device with one _IOR ioctl, for benchmarks");

#define DEVICE_NAME "bench_dev"
#define PATTERN_SIZE 4096

static int major;
static struct class *cls;
static char pattern[PATTERN_SIZE];
static atomic_t ioctls = ATOMIC_INIT(0);

/* Fills the caller's buffer with the pattern, a page at a time. */
static ssize_t bench_dev_read(struct file *file, char __user *buf, size_t len,
			      loff_t *offset)
{
	size_t done = 0;

	while (done < len) {
		size_t chunk = min_t(size_t, len - done, PATTERN_SIZE);

		if (copy_to_user(buf + done, pattern, chunk))
			return done ? done : -EFAULT;
		done += chunk;
	}
	*offset += done;
	return done;
}

/*
 * Copies the caller's data in, a page at a time, and drops it (concurrent
 * writers share the scratch page: nothing reads it).
 */
static char scratch[PATTERN_SIZE];

static ssize_t bench_dev_write(struct file *file, const char __user *buf,
			       size_t len, loff_t *offset)
{
	size_t done = 0;

	while (done < len) {
		size_t chunk = min_t(size_t, len - done, sizeof(scratch));

		if (copy_from_user(scratch, buf + done, chunk))
			return done ? done : -EFAULT;
		done += chunk;
	}
	*offset += done;
	return done;
}

static long bench_dev_ioctl(struct file *file, unsigned int cmd,
			    unsigned long arg)
{
	unsigned long long count;

	if (cmd != BENCH_DEV_GET_COUNT)
		return -ENOTTY;
	count = atomic_inc_return(&ioctls);
	if (copy_to_user((void __user *)arg, &count, sizeof(count)))
		return -EFAULT;
	return 0;
}

static const struct file_operations bench_dev_fops = {
	.owner = THIS_MODULE,
	.read = bench_dev_read,
	.write = bench_dev_write,
	.unlocked_ioctl = bench_dev_ioctl,
};

/* /proc/bench_records: the position is the record number. */
static void *records_start(struct seq_file *s, loff_t *pos)
{
	return *pos < BENCH_RECORDS ? pos : NULL;
}

static void *records_next(struct seq_file *s, void *v, loff_t *pos)
{
	++*pos;
	return *pos < BENCH_RECORDS ? pos : NULL;
}

static void records_stop(struct seq_file *s, void *v)
{
}

static int records_show(struct seq_file *s, void *v)
{
	seq_printf(s, BENCH_RECORD_FMT, *(loff_t *)v, BENCH_RECORDS);
	return 0;
}

static const struct seq_operations records_seq_ops = {
	.start = records_start,
	.next = records_next,
	.stop = records_stop,
	.show = records_show,
};

static int records_open(struct inode *inode, struct file *file)
{
	return seq_open(file, &records_seq_ops);
}

static const struct proc_ops records_proc_ops = {
	.proc_open = records_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = seq_release,
};

static int __init bench_dev_init(void)
{
	struct device *dev;
	int i;

	for (i = 0; i < PATTERN_SIZE; i++)
		pattern[i] = 'a' + i % 26;
	major = register_chrdev(0, DEVICE_NAME, &bench_dev_fops);
	if (major < 0)
		return major;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	cls = class_create(DEVICE_NAME);
#else
	cls = class_create(THIS_MODULE, DEVICE_NAME);
#endif
	if (IS_ERR(cls)) {
		unregister_chrdev(major, DEVICE_NAME);
		return PTR_ERR(cls);
	}
	dev = device_create(cls, NULL, MKDEV(major, 0), NULL, DEVICE_NAME);
	if (IS_ERR(dev)) {
		class_destroy(cls);
		unregister_chrdev(major, DEVICE_NAME);
		return PTR_ERR(dev);
	}
	if (!proc_create("bench_records", 0444, NULL, &records_proc_ops)) {
		device_destroy(cls, MKDEV(major, 0));
		class_destroy(cls);
		unregister_chrdev(major, DEVICE_NAME);
		return -ENOMEM;
	}
	pr_info("/dev/%s ready\n", DEVICE_NAME);
	return 0;
}

static void __exit bench_dev_exit(void)
{
	remove_proc_entry("bench_records", NULL);
	device_destroy(cls, MKDEV(major, 0));
	class_destroy(cls);
	unregister_chrdev(major, DEVICE_NAME);
	pr_info("%d ioctl(s) served\n", atomic_read(&ioctls));
}

module_init(bench_dev_init);
module_exit(bench_dev_exit);
