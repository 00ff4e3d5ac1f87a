// SPDX-License-Identifier: GPL-2.0
/*
 * static_key: branches that cost nothing until they are switched.
 *
 * A static key is a boolean read with static_branch_likely() or
 * static_branch_unlikely(). The kernel compiles the test into a no-op (or
 * a jump) and, when the key is switched, patches the code at every place
 * that tests it. Reading a key is free; switching it is slow (it patches
 * code and synchronises all CPUs), so keys suit settings that rarely change.
 *
 *   debug_key  DEFINE_STATIC_KEY_FALSE: off at load, tested with
 *              static_branch_unlikely. Writing 1/0 (y/n, on/off) to
 *              /proc/static_key switches it.
 *   fast_key   DEFINE_STATIC_KEY_TRUE: on at load, tested with
 *              static_branch_likely; the parameter fast=0 switches it off
 *              in the init function.
 *
 * Reading /proc/static_key tells which branch each test took; with the
 * debug key on, every read is also logged.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Static keys switched through /proc/static_key");

#define PROC_NAME "static_key"

static DEFINE_STATIC_KEY_FALSE(debug_key);
static DEFINE_STATIC_KEY_TRUE(fast_key);

static bool fast = true;
module_param(fast, bool, 0444);
MODULE_PARM_DESC(fast, "Start with the fast path key on (default Y)");

static struct proc_dir_entry *entry;

static ssize_t key_read(struct file *file, char __user *buf, size_t len,
			loff_t *ppos)
{
	char text[128];
	int n;

	if (static_branch_unlikely(&debug_key)) {
		pr_info("read at offset %lld: debug branch taken\n", *ppos);
		n = scnprintf(text, sizeof(text),
			      "debug_key: on, unlikely branch taken\n");
	} else {
		n = scnprintf(text, sizeof(text),
			      "debug_key: off, branch skipped\n");
	}
	if (static_branch_likely(&fast_key))
		n += scnprintf(text + n, sizeof(text) - n,
			       "fast_key: on, likely branch taken\n");
	else
		n += scnprintf(text + n, sizeof(text) - n,
			       "fast_key: off, slow branch taken\n");
	return simple_read_from_buffer(buf, len, ppos, text, n);
}

static ssize_t key_write(struct file *file, const char __user *buf,
			 size_t len, loff_t *ppos)
{
	bool was = static_key_enabled(&debug_key);
	char kbuf[8] = { };
	bool on;
	int ret;

	if (len >= sizeof(kbuf))
		return -EINVAL;
	if (copy_from_user(kbuf, buf, len))
		return -EFAULT;
	ret = kstrtobool(kbuf, &on);
	if (ret)
		return ret;
	/* Switching a key to the state it has already is a no-op. */
	if (on)
		static_branch_enable(&debug_key);
	else
		static_branch_disable(&debug_key);
	pr_info("debug_key: %s -> %s\n", was ? "on" : "off",
		static_key_enabled(&debug_key) ? "on" : "off");
	return len;
}

static const struct proc_ops key_ops = {
	.proc_read = key_read,
	.proc_write = key_write,
};

static int __init static_key_init(void)
{
	if (!fast)
		static_branch_disable(&fast_key);

	entry = proc_create(PROC_NAME, 0644, NULL, &key_ops);
	if (!entry) {
		pr_err("cannot create /proc/%s\n", PROC_NAME);
		return -ENOMEM;
	}
	pr_info("/proc/%s created; debug_key %s, fast_key %s\n", PROC_NAME,
		static_key_enabled(&debug_key) ? "on" : "off",
		static_key_enabled(&fast_key) ? "on" : "off");
	return 0;
}

static void __exit static_key_exit(void)
{
	proc_remove(entry);
	pr_info("/proc/%s removed\n", PROC_NAME);
}

module_init(static_key_init);
module_exit(static_key_exit);
