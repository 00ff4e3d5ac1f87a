// SPDX-License-Identifier: GPL-2.0
/*
 * hello-6: module parameters with callbacks (module_param_cb).
 *
 * module_param() lets the kernel parse and store a value on its own;
 * module_param_cb() hands the text to our own kernel_param_ops instead, so
 * the module can check it, refuse it, or act on it. The callbacks run for
 * values given on the insmod command line (before the init function) and
 * for writes to /sys/module/hello_6/parameters/<name> later on.
 *
 *   level  0644  an int from 0 to 7; anything else is refused with EINVAL.
 *                Stored by param_set_int and shown by param_get_int.
 *   reset  0200  an "action" parameter: writing a true value (1, y, on)
 *                puts level back to its default. It has no get callback,
 *                so reading it fails even for root.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Module parameters with set/get callbacks");

#define LEVEL_DEFAULT 3
#define LEVEL_MAX 7

static int level = LEVEL_DEFAULT;

static int level_set(const char *val, const struct kernel_param *kp)
{
	int old = *(int *)kp->arg;
	int new;
	int ret;

	/* Check first, so that a refused value leaves the old one in place. */
	ret = kstrtoint(val, 0, &new);
	if (ret)
		return ret;
	if (new < 0 || new > LEVEL_MAX) {
		pr_info("level %d refused: must be 0 to %d\n", new, LEVEL_MAX);
		return -EINVAL;
	}
	/* param_set_int parses the same text again and stores it. */
	ret = param_set_int(val, kp);
	if (ret)
		return ret;
	pr_info("level changed from %d to %d\n", old, *(int *)kp->arg);
	return 0;
}

static const struct kernel_param_ops level_ops = {
	.set = level_set,
	.get = param_get_int,
};

module_param_cb(level, &level_ops, &level, 0644);
MODULE_PARM_DESC(level, "Verbosity level, 0 to 7 (default 3)");

static int reset_set(const char *val, const struct kernel_param *kp)
{
	bool doit;
	int ret;

	ret = kstrtobool(val, &doit);
	if (ret)
		return ret;
	if (!doit) {
		pr_info("reset: nothing to do\n");
		return 0;
	}
	pr_info("reset: level %d back to %d\n", level, LEVEL_DEFAULT);
	level = LEVEL_DEFAULT;
	return 0;
}

/* No .get: the value cannot be read back. */
static const struct kernel_param_ops reset_ops = {
	.set = reset_set,
};

module_param_cb(reset, &reset_ops, NULL, 0200);
MODULE_PARM_DESC(reset, "Write 1 to put level back to its default");

static int __init hello6_init(void)
{
	pr_info("init: level is %d\n", level);
	return 0;
}

static void __exit hello6_exit(void)
{
	pr_info("exit: level was %d\n", level);
}

module_init(hello6_init);
module_exit(hello6_exit);
