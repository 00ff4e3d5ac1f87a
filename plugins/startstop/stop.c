// SPDX-License-Identifier: GPL-2.0
/*
 * startstop, part 2 of 2: the exit function, in its own file.
 */
#include <linux/module.h>
#include <linux/printk.h>

void cleanup_module(void)
{
	pr_info("startstop: cleanup lives in stop.c\n");
}
