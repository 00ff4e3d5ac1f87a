// SPDX-License-Identifier: GPL-2.0
/*
 * hello-1: the smallest module there is. It uses the old-style entry points:
 * the kernel calls init_module() at insmod and cleanup_module() at rmmod.
 */
#include <linux/module.h> /* every module needs it */
#include <linux/printk.h> /* pr_info() */

int init_module(void)
{
	pr_info("hello-1: module loaded, saying hello\n");

	/* Any non-zero value here means init failed and the module is not loaded. */
	return 0;
}

void cleanup_module(void)
{
	pr_info("hello-1: module unloading, saying goodbye\n");
}

MODULE_LICENSE("GPL");
