// SPDX-License-Identifier: GPL-2.0
/*
 * example_rwlock: a read/write lock around a small table.
 *
 * Any number of readers may hold the lock together; a writer holds it
 * alone. The _irqsave forms also disable interrupts on this CPU and keep
 * their previous state in flags, for data that interrupt handlers read or
 * write too; the plain read_lock()/write_lock() are enough when no handler
 * touches it. Like a spinlock, an rwlock must not be held across sleeps.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/spinlock.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Read/write lock example");

static DEFINE_RWLOCK(table_lock);
static int table[4] = { 1, 2, 3, 4 };	/* protected by table_lock */

static int table_sum_irqsave(void)
{
	unsigned long flags;
	unsigned int i;
	int sum = 0;

	read_lock_irqsave(&table_lock, flags);
	for (i = 0; i < ARRAY_SIZE(table); i++)
		sum += table[i];
	read_unlock_irqrestore(&table_lock, flags);
	return sum;
}

static void table_scale_irqsave(int factor)
{
	unsigned long flags;
	unsigned int i;

	write_lock_irqsave(&table_lock, flags);
	for (i = 0; i < ARRAY_SIZE(table); i++)
		table[i] *= factor;
	write_unlock_irqrestore(&table_lock, flags);
}

static int __init example_rwlock_init(void)
{
	int first, last;

	pr_info("init\n");
	pr_info("read_lock_irqsave: sum = %d\n", table_sum_irqsave());
	table_scale_irqsave(10);
	pr_info("write_lock_irqsave: table scaled by 10\n");
	pr_info("read_lock_irqsave: sum = %d\n", table_sum_irqsave());

	/* Two readers at once: a read lock does not exclude other readers. */
	read_lock(&table_lock);
	read_lock(&table_lock);
	first = table[0];
	last = table[ARRAY_SIZE(table) - 1];
	read_unlock(&table_lock);
	read_unlock(&table_lock);
	pr_info("read_lock taken twice: first = %d, last = %d\n", first, last);

	write_lock(&table_lock);
	table[0] = -1;
	write_unlock(&table_lock);
	pr_info("write_lock: first set to -1, sum = %d\n", table_sum_irqsave());
	return 0;
}

static void __exit example_rwlock_exit(void)
{
	pr_info("exit, sum = %d\n", table_sum_irqsave());
}

module_init(example_rwlock_init);
module_exit(example_rwlock_exit);
