// SPDX-License-Identifier: GPL-2.0
/*
 * race: two kernel threads count to 100000 each on one shared counter. With
 * locked=0 (the default) the increments are a data race, the bug KCSAN finds
 * in a kernel and ThreadSanitizer finds in kplay's TSan build; with locked=1
 * a spinlock orders them and nothing is reported. The total is printed at
 * rmmod (less than 200000 when increments were lost).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/spinlock.h>

static int locked;
module_param(locked, int, 0444);

static DEFINE_SPINLOCK(lock);
static unsigned long counter;
static struct task_struct *threads[2];
static struct completion done[2];
/* Both threads wait here until both run, so their increments overlap (a
 * thread that finished before the other started would be ordered before it
 * by the thread start itself, and there would be no race to find). */
static atomic_t ready = ATOMIC_INIT(0);

static int counter_thread(void *data)
{
	struct completion *finished = data;
	int i;

	atomic_inc(&ready);
	while (atomic_read(&ready) < 2)
		cpu_relax();
	for (i = 0; i < 100000; i++) {
		if (locked) {
			spin_lock(&lock);
			counter++;
			spin_unlock(&lock);
		} else {
			counter++;
		}
	}
	complete(finished);
	while (!kthread_should_stop())
		msleep(10);
	return 0;
}

static int __init race_init(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		init_completion(&done[i]);
		threads[i] = kthread_run(counter_thread, &done[i], "race/%d", i);
		if (IS_ERR(threads[i])) {
			while (--i >= 0)
				kthread_stop(threads[i]);
			return -ENOMEM;
		}
	}
	return 0;
}

static void __exit race_exit(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		wait_for_completion(&done[i]);
		kthread_stop(threads[i]);
	}
	pr_info("counter = %lu\n", counter);
}

module_init(race_init);
module_exit(race_exit);
MODULE_LICENSE("GPL");
