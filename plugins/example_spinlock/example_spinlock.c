// SPDX-License-Identifier: GPL-2.0
/*
 * example_spinlock: two spinlocks, one defined statically (DEFINE_SPINLOCK)
 * and one initialised at run time (spin_lock_init).
 *
 * The first is taken with spin_lock_irqsave(): interrupts are disabled on
 * this CPU while it is held, and their previous state is kept in flags and
 * given back by spin_lock_irqrestore(), so the code is safe even if an
 * interrupt handler took the same lock. The second is taken with plain
 * spin_lock(), enough when no interrupt handler uses it. Code that holds a
 * spinlock must not sleep, and should be short: other CPUs spin meanwhile.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/spinlock.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Spinlock example");

static DEFINE_SPINLOCK(static_lock);
static spinlock_t dynamic_lock;

static unsigned int events;	/* protected by static_lock */
static unsigned int total;	/* protected by dynamic_lock */

static void example_spinlock_static(void)
{
	unsigned long flags;

	spin_lock_irqsave(&static_lock, flags);
	events++;
	spin_unlock_irqrestore(&static_lock, flags);
	pr_info("static lock: irqsave/irqrestore, events = %u\n", events);
}

static void example_spinlock_dynamic(void)
{
	int i;

	spin_lock_init(&dynamic_lock);
	for (i = 1; i <= 10; i++) {
		spin_lock(&dynamic_lock);
		total += i;
		spin_unlock(&dynamic_lock);
	}
	pr_info("dynamic lock: spin_lock/spin_unlock, total = %u\n", total);
}

static int __init example_spinlock_init(void)
{
	pr_info("init\n");
	example_spinlock_static();
	example_spinlock_dynamic();
	return 0;
}

static void __exit example_spinlock_exit(void)
{
	unsigned long flags;

	spin_lock_irqsave(&static_lock, flags);
	events++;
	spin_unlock_irqrestore(&static_lock, flags);
	pr_info("exit, events = %u\n", events);
}

module_init(example_spinlock_init);
module_exit(example_spinlock_exit);
