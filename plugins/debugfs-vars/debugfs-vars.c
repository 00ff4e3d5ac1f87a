// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs-vars: module variables exported through debugfs with the
 * ready-made helpers (debugfs_create_u8/u16/u32/u64/bool/x32), the same
 * variables also being module parameters. A value written in one place is
 * read back from the other:
 *
 *   /sys/kernel/debug/debugfs_vars/NAME   debugfs, root only (the debugfs
 *                                         root directory is mode 0700)
 *   /sys/module/debugfs_vars/parameters/NAME
 *
 * The helpers store what they parse with a plain assignment: a u8 file
 * takes "300" and keeps 300 & 0xff. A file created without write bits
 * refuses writes, even from root. x32 files print "0x%08x".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/types.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Variables in debugfs, shared with module parameters");

static u8 byte = 8;
module_param(byte, byte, 0644);
MODULE_PARM_DESC(byte, "An 8-bit number (debugfs: u8, 0644)");

static u16 half = 16;
module_param(half, ushort, 0644);
MODULE_PARM_DESC(half, "A 16-bit number (debugfs: u16, 0644)");

static u32 count = 32;
module_param(count, uint, 0644);
MODULE_PARM_DESC(count, "A 32-bit number (debugfs: u32, 0644)");

static u64 total = 64;
module_param(total, ullong, 0644);
MODULE_PARM_DESC(total, "A 64-bit number (debugfs: u64, read-only 0444)");

static bool enabled = true;
module_param(enabled, bool, 0644);
MODULE_PARM_DESC(enabled, "A flag (debugfs: bool, 0644)");

static u32 mask = 0xff;
module_param(mask, hexint, 0644);
MODULE_PARM_DESC(mask, "A bit mask (debugfs: x32, 0600)");

static struct dentry *dir;

static void log_values(const char *when)
{
	pr_info("%s: byte=%u half=%u count=%u total=%llu enabled=%c mask=0x%08x\n",
		when, byte, half, count, total, enabled ? 'Y' : 'N', mask);
}

static int __init debugfs_vars_init(void)
{
	/*
	 * debugfs calls return an error pointer rather than NULL, and the
	 * other debugfs functions accept one and do nothing: there is no need
	 * to check each step. The directory is checked only to tell the user.
	 */
	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir)) {
		pr_err("cannot create the debugfs directory: %ld\n", PTR_ERR(dir));
		return PTR_ERR(dir);
	}
	debugfs_create_u8("byte", 0644, dir, &byte);
	debugfs_create_u16("half", 0644, dir, &half);
	debugfs_create_u32("count", 0644, dir, &count);
	debugfs_create_u64("total", 0444, dir, &total);
	debugfs_create_bool("enabled", 0644, dir, &enabled);
	debugfs_create_x32("mask", 0600, dir, &mask);
	log_values("init");
	return 0;
}

static void __exit debugfs_vars_exit(void)
{
	/* Removes the directory and every file in it. */
	debugfs_remove_recursive(dir);
	log_values("exit");
}

module_init(debugfs_vars_init);
module_exit(debugfs_vars_exit);
