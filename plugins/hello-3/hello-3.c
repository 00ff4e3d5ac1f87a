// SPDX-License-Identifier: GPL-2.0
/*
 * hello-3: __init, __initdata and __exit. For a built-in driver the kernel
 * frees init code and data after boot; for a loadable module they only mark
 * sections, but the habit is the same.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int answer __initdata = 42;

static int __init hello3_init(void)
{
	pr_info("hello-3: init reads init-only data: %d\n", answer);
	return 0;
}

static void __exit hello3_exit(void)
{
	pr_info("hello-3: exit\n");
}

module_init(hello3_init);
module_exit(hello3_exit);

MODULE_LICENSE("GPL");
