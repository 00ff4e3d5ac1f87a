// SPDX-License-Identifier: GPL-2.0
/*
 * example_atomic: atomic arithmetic on an atomic_t and atomic bit
 * operations on an unsigned long.
 *
 * Each operation is one indivisible read-modify-write: another CPU doing
 * the same at the same time cannot make an update get lost. Module init
 * runs a few of them and logs every value; bits are shown in binary, most
 * significant of the low byte first.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Atomic operations example");

/* The low 8 bits of word, as "0b" and eight binary digits. */
static const char *low_byte_bits(unsigned long word, char buf[11])
{
	int i;

	buf[0] = '0';
	buf[1] = 'b';
	for (i = 0; i < 8; i++)
		buf[2 + i] = (word & (1UL << (7 - i))) ? '1' : '0';
	buf[10] = '\0';
	return buf;
}

static void example_atomic_arithmetic(void)
{
	atomic_t counter = ATOMIC_INIT(50);
	atomic_t chg;
	int old;

	pr_info("counter starts at %d\n", atomic_read(&counter));
	atomic_add(12, &counter);
	pr_info("atomic_add(12): %d\n", atomic_read(&counter));
	atomic_sub(2, &counter);
	pr_info("atomic_sub(2): %d\n", atomic_read(&counter));
	atomic_inc(&counter);
	pr_info("atomic_inc: %d\n", atomic_read(&counter));
	atomic_dec(&counter);
	pr_info("atomic_dec: %d\n", atomic_read(&counter));
	pr_info("atomic_inc_return: %d\n", atomic_inc_return(&counter));
	atomic_set(&counter, 7);
	pr_info("atomic_set(7): %d\n", atomic_read(&counter));

	/* Compare and exchange: swap only if the value is the expected one. */
	atomic_set(&chg, 1);
	old = atomic_cmpxchg(&chg, 1, 2);
	pr_info("atomic_cmpxchg(1 -> 2): old %d, now %d\n", old,
		atomic_read(&chg));
	old = atomic_cmpxchg(&chg, 1, 3);
	pr_info("atomic_cmpxchg(1 -> 3): old %d, now %d (unchanged)\n", old,
		atomic_read(&chg));
}

static void example_atomic_bits(void)
{
	unsigned long word = 0;
	char bits[11];
	int was;

	set_bit(3, &word);
	pr_info("set_bit(3): %s\n", low_byte_bits(word, bits));
	set_bit(5, &word);
	pr_info("set_bit(5): %s\n", low_byte_bits(word, bits));
	clear_bit(3, &word);
	pr_info("clear_bit(3): %s\n", low_byte_bits(word, bits));
	change_bit(0, &word);
	pr_info("change_bit(0): %s\n", low_byte_bits(word, bits));
	change_bit(5, &word);
	pr_info("change_bit(5): %s\n", low_byte_bits(word, bits));
	was = test_and_set_bit(7, &word);
	pr_info("test_and_set_bit(7): was %d, %s\n", was,
		low_byte_bits(word, bits));
	was = test_and_set_bit(7, &word);
	pr_info("test_and_set_bit(7) again: was %d, %s\n", was,
		low_byte_bits(word, bits));
	pr_info("test_bit(0) = %d, test_bit(1) = %d, word = %#lx\n",
		test_bit(0, &word), test_bit(1, &word), word);
}

static int __init example_atomic_init(void)
{
	pr_info("init\n");
	example_atomic_arithmetic();
	example_atomic_bits();
	return 0;
}

static void __exit example_atomic_exit(void)
{
	pr_info("exit\n");
}

module_init(example_atomic_init);
module_exit(example_atomic_exit);
