// SPDX-License-Identifier: GPL-2.0
/*
 * example_mutex: a kernel mutex, used like a userspace one.
 *
 * Module init takes a statically defined mutex with mutex_trylock() and
 * shows that a second trylock fails while it is held (a mutex is not
 * recursive), then takes and releases it with mutex_lock()/mutex_unlock()
 * around an update of the data it protects. A second mutex, embedded in a
 * structure, is set up at run time with mutex_init().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Mutex example");

static DEFINE_MUTEX(mymutex);

/* A counter and the mutex that protects it, initialised at run time. */
static struct {
	struct mutex lock;
	int value;
} counter;

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

static int __init example_mutex_init(void)
{
	int got;

	pr_info("init\n");
	pr_info("locked at start: %s\n", yes_no(mutex_is_locked(&mymutex)));

	got = mutex_trylock(&mymutex);
	pr_info("first mutex_trylock: %d, locked: %s\n", got,
		yes_no(mutex_is_locked(&mymutex)));
	if (got) {
		/* Held by us: a second attempt fails instead of deadlocking. */
		pr_info("second mutex_trylock while held: %d\n",
			mutex_trylock(&mymutex));
		mutex_unlock(&mymutex);
		pr_info("unlocked, locked: %s\n",
			yes_no(mutex_is_locked(&mymutex)));
	}

	mutex_init(&counter.lock);
	mutex_lock(&counter.lock);
	counter.value += 42;
	pr_info("counter updated under mutex_lock: %d\n", counter.value);
	mutex_unlock(&counter.lock);
	return 0;
}

static void __exit example_mutex_exit(void)
{
	mutex_lock(&counter.lock);
	pr_info("exit, counter is %d\n", counter.value);
	mutex_unlock(&counter.lock);
}

module_init(example_mutex_init);
module_exit(example_mutex_exit);
