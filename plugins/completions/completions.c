// SPDX-License-Identifier: GPL-2.0
/*
 * completions: one thread waits for another.
 *
 * Two kernel threads are started, the flywheel first, then the crank. The
 * flywheel may only spin once the crank has been turned, so it waits on
 * the crank's completion before it logs anything; whichever thread the
 * scheduler runs first, "crank" is always logged before "flywheel".
 *
 * Module init waits for both completions before it returns. The crank's
 * completion has two waiters (the flywheel and init), so the crank signals
 * it with complete_all(): complete() would wake only one of them.
 *
 * Then init reuses a completion (reinit_completion) that nobody completes
 * and waits for it with a timeout, which expires.
 *
 * Signalling its completion is each thread's last act before it returns:
 * once init has seen both completions, nothing of the module runs in the
 * threads any more but their final return.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Two kernel threads ordered by completions");

static struct {
	struct completion crank_turned;
	struct completion flywheel_spinning;
} machine;

static int crank_fn(void *unused)
{
	pr_info("%s: turning the crank\n", current->comm);
	/* Two waiters: the flywheel thread and module init. */
	complete_all(&machine.crank_turned);
	return 0;
}

static int flywheel_fn(void *unused)
{
	wait_for_completion(&machine.crank_turned);
	pr_info("%s: the crank turned, the flywheel spins\n", current->comm);
	complete(&machine.flywheel_spinning);
	return 0;
}

static int __init completions_init(void)
{
	struct task_struct *flywheel, *crank;

	init_completion(&machine.crank_turned);
	init_completion(&machine.flywheel_spinning);

	pr_info("starting the flywheel thread, then the crank thread\n");
	flywheel = kthread_run(flywheel_fn, NULL, "flywheel");
	if (IS_ERR(flywheel))
		return PTR_ERR(flywheel);

	crank = kthread_create(crank_fn, NULL, "crank");
	if (IS_ERR(crank)) {
		/* Let the flywheel finish before the module goes away. */
		complete_all(&machine.crank_turned);
		wait_for_completion(&machine.flywheel_spinning);
		return PTR_ERR(crank);
	}
	wake_up_process(crank);

	wait_for_completion(&machine.crank_turned);
	wait_for_completion(&machine.flywheel_spinning);
	pr_info("init: the crank turned and the flywheel spins\n");

	/*
	 * A completion counts its complete() calls. Once reinitialised it is
	 * "not done" again; nobody completes it now, so a wait with a
	 * timeout returns 0 when the time is up.
	 */
	reinit_completion(&machine.flywheel_spinning);
	if (!wait_for_completion_timeout(&machine.flywheel_spinning,
					 msecs_to_jiffies(20)))
		pr_info("init: after reinit_completion, the wait times out\n");
	return 0;
}

static void __exit completions_exit(void)
{
	pr_info("exit\n");
}

module_init(completions_init);
module_exit(completions_exit);
