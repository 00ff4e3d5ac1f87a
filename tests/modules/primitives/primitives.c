// SPDX-License-Identifier: GPL-2.0
/*
 * primitives: exercises semaphores, refcount_t and kref in init and logs
 * what they return, so `kplay compare` can check them against a real kernel.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/module.h>
#include <linux/refcount.h>
#include <linux/semaphore.h>
#include <linux/slab.h>

struct thing {
	struct kref ref;
	int value;
};

static int released;

static void thing_release(struct kref *ref)
{
	struct thing *t = container_of(ref, struct thing, ref);

	released = t->value;
	kfree(t);
}

static int __init primitives_init(void)
{
	struct semaphore sem;
	refcount_t rc = REFCOUNT_INIT(1);
	struct thing *t;
	int ret;

	sema_init(&sem, 2);
	pr_info("down_trylock: %d %d %d\n", down_trylock(&sem), down_trylock(&sem), down_trylock(&sem));
	up(&sem);
	down(&sem);
	ret = down_timeout(&sem, msecs_to_jiffies(20));
	pr_info("down_timeout on an empty semaphore: %d\n", ret);
	up(&sem);
	pr_info("down_interruptible after up: %d\n", down_interruptible(&sem));

	refcount_inc(&rc);
	pr_info("refcount after inc: %u\n", refcount_read(&rc));
	pr_info("dec_and_test: %d, then %d\n", refcount_dec_and_test(&rc), refcount_dec_and_test(&rc));
	pr_info("inc_not_zero on 0: %d\n", refcount_inc_not_zero(&rc));

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->value = 7;
	kref_init(&t->ref);
	kref_get(&t->ref);
	pr_info("kref_read: %u\n", kref_read(&t->ref));
	ret = kref_put(&t->ref, thing_release);
	pr_info("first kref_put: %d, released %d\n", ret, released);
	ret = kref_put(&t->ref, thing_release);
	pr_info("second kref_put: %d, released %d\n", ret, released);
	return 0;
}

static void __exit primitives_exit(void)
{
	pr_info("exit\n");
}

module_init(primitives_init);
module_exit(primitives_exit);
MODULE_LICENSE("GPL");
