// SPDX-License-Identifier: GPL-2.0
/*
 * procfs1: the "hello world" of /proc. Reading /proc/helloworld returns one
 * line of text, then end of file.
 *
 * Only proc_read is given: the file has no write handler (writing it fails
 * with EIO) and no lseek handler (on 6.1 such a proc file is not seekable:
 * lseek fails with ESPIPE, so dd skips by reading).
 * Every read is logged with the size the caller asked for and the offset,
 * to show how *offset drives the end of file.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A read-only /proc file");

#define PROCFS_NAME "helloworld"

static const char greeting[] = "Hello from procfs1, world!\n";

static struct proc_dir_entry *entry;

static ssize_t procfile_read(struct file *file, char __user *buf, size_t len,
			     loff_t *offset)
{
	size_t size = sizeof(greeting) - 1;
	size_t n;

	pr_info("read: %zu bytes asked at offset %lld\n", len, *offset);
	/* Past the end: returning 0 is what ends cat's loop. */
	if (*offset >= size)
		return 0;
	n = min(len, size - (size_t)*offset);
	if (copy_to_user(buf, greeting + *offset, n))
		return -EFAULT;
	*offset += n;
	return n;
}

static const struct proc_ops procfile_ops = {
	.proc_read = procfile_read,
};

static int __init procfs1_init(void)
{
	entry = proc_create(PROCFS_NAME, 0644, NULL, &procfile_ops);
	if (!entry) {
		pr_alert("could not create /proc/%s\n", PROCFS_NAME);
		return -ENOMEM;
	}
	pr_info("/proc/%s created\n", PROCFS_NAME);
	return 0;
}

static void __exit procfs1_exit(void)
{
	proc_remove(entry);
	pr_info("/proc/%s removed\n", PROCFS_NAME);
}

module_init(procfs1_init);
module_exit(procfs1_exit);
