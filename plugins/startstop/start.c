// SPDX-License-Identifier: GPL-2.0
/*
 * startstop, part 1 of 2: a module built from two source files. This file
 * holds the entry point; stop.c holds the exit. The Makefile joins them with
 * `startstop-objs := start.o stop.o`.
 */
#include <linux/module.h>
#include <linux/printk.h>

int init_module(void)
{
	pr_info("startstop: init lives in start.c\n");
	return 0;
}

MODULE_LICENSE("GPL");
