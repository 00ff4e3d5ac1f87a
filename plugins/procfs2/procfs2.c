// SPDX-License-Identifier: GPL-2.0
/*
 * procfs2: a /proc file that can be written as well as read.
 * /proc/buffer1k keeps what the last write() sent, up to 1 KiB; reading
 * returns it.
 *
 * A write() larger than the buffer stores its first 1 KiB and returns that
 * count; as with any short write, the caller (dd, a shell's echo) then
 * writes the rest, which replaces the buffer again.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A /proc file holding up to 1 KiB of user data");

#define PROCFS_MAX_SIZE 1024
#define PROCFS_NAME "buffer1k"

static struct proc_dir_entry *entry;
static char procfs_buffer[PROCFS_MAX_SIZE];
static size_t procfs_buffer_size;

static ssize_t procfile_read(struct file *file, char __user *buf, size_t len,
			     loff_t *offset)
{
	return simple_read_from_buffer(buf, len, offset, procfs_buffer,
				       procfs_buffer_size);
}

/* Each write replaces the buffer, whatever the file offset. */
static ssize_t procfile_write(struct file *file, const char __user *buf,
			      size_t len, loff_t *offset)
{
	size_t n = min_t(size_t, len, PROCFS_MAX_SIZE);

	if (copy_from_user(procfs_buffer, buf, n))
		return -EFAULT;
	procfs_buffer_size = n;
	*offset += n;
	pr_info("write: stored %zu of %zu bytes\n", n, len);
	return n;
}

static const struct proc_ops procfile_ops = {
	.proc_read = procfile_read,
	.proc_write = procfile_write,
};

static int __init procfs2_init(void)
{
	entry = proc_create(PROCFS_NAME, 0644, NULL, &procfile_ops);
	if (!entry) {
		pr_alert("could not create /proc/%s\n", PROCFS_NAME);
		return -ENOMEM;
	}
	pr_info("/proc/%s created\n", PROCFS_NAME);
	return 0;
}

static void __exit procfs2_exit(void)
{
	proc_remove(entry);
	pr_info("/proc/%s removed\n", PROCFS_NAME);
}

module_init(procfs2_init);
module_exit(procfs2_exit);
