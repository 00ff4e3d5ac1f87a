// SPDX-License-Identifier: GPL-2.0
/*
 * sched: work queues.
 *
 * Module init allocates a work queue of its own and queues a work item on
 * it; a kernel worker thread ("kworker/...") runs the function in process
 * context, where it may sleep. flush_workqueue() waits until every item
 * queued so far has run, so init logs after the work item.
 *
 * A delayed work item goes to the system work queue and runs delay_ms
 * milliseconds later. Module exit cancels it with cancel_delayed_work_sync(),
 * which says whether it was still pending and, if it was running, waits for
 * it to finish; then the module's own queue is flushed and destroyed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/workqueue.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Work queue and delayed work example");

static unsigned int delay_ms = 100;
module_param(delay_ms, uint, 0444);
MODULE_PARM_DESC(delay_ms, "Delay of the delayed work, in milliseconds");

static struct workqueue_struct *queue;

/* Worker threads are named kworker/...: log only the part before the '/'. */
static int thread_kind_len(void)
{
	const char *slash = strchr(current->comm, '/');

	return slash ? slash - current->comm : strlen(current->comm);
}

static void work_fn(struct work_struct *work)
{
	pr_info("work runs in a %.*s thread\n", thread_kind_len(),
		current->comm);
}

static void delayed_work_fn(struct work_struct *work)
{
	pr_info("delayed work runs in a %.*s thread\n", thread_kind_len(),
		current->comm);
}

static DECLARE_WORK(work, work_fn);
static DECLARE_DELAYED_WORK(delayed_work, delayed_work_fn);

static int __init sched_init(void)
{
	queue = alloc_workqueue("sched_example", 0, 0);
	if (!queue)
		return -ENOMEM;

	pr_info("init: queueing the work\n");
	queue_work(queue, &work);
	flush_workqueue(queue);
	pr_info("init: the work has run\n");

	/* Logged first: the delayed work may run before init logs again. */
	pr_info("init: delayed work to run in %u ms\n", delay_ms);
	schedule_delayed_work(&delayed_work, msecs_to_jiffies(delay_ms));
	return 0;
}

static void __exit sched_exit(void)
{
	if (cancel_delayed_work_sync(&delayed_work))
		pr_info("exit: delayed work cancelled before it ran\n");
	else
		pr_info("exit: delayed work was not pending\n");
	flush_workqueue(queue);
	destroy_workqueue(queue);
	pr_info("exit: work queue destroyed\n");
}

module_init(sched_init);
module_exit(sched_exit);
