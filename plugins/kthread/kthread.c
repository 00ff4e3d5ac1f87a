// SPDX-License-Identifier: GPL-2.0
/*
 * kthread: a kernel thread that ticks.
 *
 * Module init starts a thread with kthread_run(). The thread logs a
 * counter about every 100 ms (msleep) until kthread_should_stop() says
 * somebody called kthread_stop() on it; it then returns the number of
 * ticks. Module exit calls kthread_stop(), which wakes the thread, waits
 * for it to return and hands back its return value.
 *
 * The thread only returns when asked to: had it returned on its own, the
 * task_struct kthread_stop() is given could already be gone.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A kernel thread that logs a counter until stopped");

static struct task_struct *ticker;

static int ticker_fn(void *unused)
{
	int ticks = 0;

	pr_info("%s: thread started\n", current->comm);
	while (!kthread_should_stop()) {
		ticks++;
		pr_info("tick %d\n", ticks);
		msleep(100);
	}
	pr_info("%s: asked to stop after %d ticks\n", current->comm, ticks);
	return ticks;
}

static int __init kthread_example_init(void)
{
	/* Logged first: the new thread may log before kthread_run returns. */
	pr_info("init: starting the thread\n");
	ticker = kthread_run(ticker_fn, NULL, "kticker");
	if (IS_ERR(ticker)) {
		pr_err("could not start the thread: %ld\n", PTR_ERR(ticker));
		return PTR_ERR(ticker);
	}
	return 0;
}

static void __exit kthread_example_exit(void)
{
	int ticks = kthread_stop(ticker);

	pr_info("exit: thread stopped, it returned %d\n", ticks);
}

module_init(kthread_example_init);
module_exit(kthread_example_exit);
