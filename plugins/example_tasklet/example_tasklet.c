// SPDX-License-Identifier: GPL-2.0
/*
 * example_tasklet: a tasklet scheduled from module init.
 *
 * tasklet_schedule() only marks the tasklet pending and raises the tasklet
 * softirq; the function runs later, in softirq context, on the CPU that
 * scheduled it: when an interrupt returns, or in that CPU's ksoftirqd
 * thread. It must not sleep, so it waits with mdelay(), a busy loop.
 * Module exit calls tasklet_kill(), which waits until a scheduled tasklet
 * has run and keeps it from being scheduled again.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Tasklet example");

static void example_tasklet_fn(struct tasklet_struct *t)
{
	pr_info("tasklet starts\n");
	mdelay(50);
	pr_info("tasklet ends\n");
}

static DECLARE_TASKLET(example_tasklet, example_tasklet_fn);

static int __init example_tasklet_init(void)
{
	pr_info("init: scheduling the tasklet\n");
	tasklet_schedule(&example_tasklet);
	pr_info("init: tasklet scheduled, init goes on\n");
	return 0;
}

static void __exit example_tasklet_exit(void)
{
	tasklet_kill(&example_tasklet);
	pr_info("exit: tasklet killed\n");
}

module_init(example_tasklet_init);
module_exit(example_tasklet_exit);
