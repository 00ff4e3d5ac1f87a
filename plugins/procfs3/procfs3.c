// SPDX-License-Identifier: GPL-2.0
/*
 * procfs3: a /proc file with open and release handlers, an owner and a
 * size of its own.
 *
 * /proc/buffer2k holds up to 2 KiB, written and read like a small file:
 * the writes made through one open file are stored one after the other
 * from offset 0; writing past 2 KiB fails with ENOSPC.
 *
 * The entry belongs to root (proc_set_user) and reports a size of 80
 * bytes to stat() (proc_set_size), whatever it holds.
 *
 * Open takes a reference on the module and release drops it, so the
 * module cannot be removed while somebody has the file open.
 *
 * Access rule: everybody may read, only root (effective uid 0) may write.
 * Older kernels let a module give its /proc entry its own
 * inode_operations with a .permission check. On 6.1, struct proc_dir_entry
 * is private to fs/proc and proc_create() always installs procfs's own
 * inode_operations, so the rule is checked in proc_open instead. The mode
 * is 0666 so that the rule below, not the permission bits, is what turns
 * non-root writers away.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("/proc file with open/release, owner, size, access rule");

#define PROCFS_MAX_SIZE 2048
#define PROCFS_NAME "buffer2k"
#define PROCFS_REPORTED_SIZE 80

static struct proc_dir_entry *entry;
static char procfs_buffer[PROCFS_MAX_SIZE];
static size_t procfs_buffer_size;

static ssize_t procfs_read(struct file *file, char __user *buf, size_t len,
			   loff_t *offset)
{
	return simple_read_from_buffer(buf, len, offset, procfs_buffer,
				       procfs_buffer_size);
}

static ssize_t procfs_write(struct file *file, const char __user *buf,
			    size_t len, loff_t *offset)
{
	ssize_t ret;

	/* A write at offset 0 starts the content afresh. */
	if (*offset == 0)
		procfs_buffer_size = 0;
	ret = simple_write_to_buffer(procfs_buffer, PROCFS_MAX_SIZE, offset,
				     buf, len);
	if (ret == 0 && len)
		return -ENOSPC;
	if (ret > 0 && *offset > procfs_buffer_size)
		procfs_buffer_size = *offset;
	pr_info("write: %zd of %zu bytes, now %zu bytes\n", ret, len,
		procfs_buffer_size);
	return ret;
}

static int procfs_open(struct inode *inode, struct file *file)
{
	bool writing = (file->f_flags & O_ACCMODE) != O_RDONLY;

	if (writing && !uid_eq(current_euid(), GLOBAL_ROOT_UID)) {
		pr_info("open for writing refused: not root\n");
		return -EACCES;
	}
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	return 0;
}

static int procfs_release(struct inode *inode, struct file *file)
{
	module_put(THIS_MODULE);
	return 0;
}

static const struct proc_ops procfs_ops = {
	.proc_open = procfs_open,
	.proc_read = procfs_read,
	.proc_write = procfs_write,
	.proc_release = procfs_release,
};

static int __init procfs3_init(void)
{
	entry = proc_create(PROCFS_NAME, 0666, NULL, &procfs_ops);
	if (!entry) {
		pr_alert("could not create /proc/%s\n", PROCFS_NAME);
		return -ENOMEM;
	}
	proc_set_size(entry, PROCFS_REPORTED_SIZE);
	proc_set_user(entry, GLOBAL_ROOT_UID, GLOBAL_ROOT_GID);
	pr_info("/proc/%s created\n", PROCFS_NAME);
	return 0;
}

static void __exit procfs3_exit(void)
{
	remove_proc_entry(PROCFS_NAME, NULL);
	pr_info("/proc/%s removed\n", PROCFS_NAME);
}

module_init(procfs3_init);
module_exit(procfs3_exit);
