// SPDX-License-Identifier: GPL-2.0
/*
 * oops: a module that crashes on purpose, for kplay's oops isolation test.
 * Reading /proc/oops dereferences NULL; writing "div" divides by zero,
 * writing "bug" hits BUG(), writing "warn" trips WARN_ON and goes on,
 * writing "spin" busy-waits 3 s without sleeping (a soft lockup when the
 * watchdog threshold is lower).
 * With crash_init=1 the init function dereferences NULL.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

static int crash_init;
module_param(crash_init, int, 0444);

static struct proc_dir_entry *entry;
static int *volatile nowhere;
static volatile int zero;

static ssize_t oops_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	return *nowhere;
}

static ssize_t oops_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	char cmd[8] = {};

	if (copy_from_user(cmd, buf, min(len, sizeof(cmd) - 1)))
		return -EFAULT;
	if (!strncmp(cmd, "div", 3))
		return 100 / zero;
	if (!strncmp(cmd, "bug", 3))
		BUG();
	if (!strncmp(cmd, "spin", 4))
		mdelay(3000);
	if (!strncmp(cmd, "warn", 4))
		WARN_ON(len > 0);
	return len;
}

static const struct proc_ops oops_ops = {
	.proc_read = oops_read,
	.proc_write = oops_write,
};

static int __init oops_init(void)
{
	if (crash_init)
		return *nowhere;
	entry = proc_create("oops", 0666, NULL, &oops_ops);
	return entry ? 0 : -ENOMEM;
}

static void __exit oops_exit(void)
{
	proc_remove(entry);
}

module_init(oops_init);
module_exit(oops_exit);
MODULE_LICENSE("GPL");
