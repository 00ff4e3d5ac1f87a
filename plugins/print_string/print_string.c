// SPDX-License-Identifier: GPL-2.0
/*
 * print_string: write a message to the terminal of the process that loads
 * (or unloads) the module, instead of to the kernel log.
 *
 * get_current_tty() returns the controlling terminal of `current` (here:
 * insmod or rmmod) with a reference taken, or NULL when it has none, as
 * for a daemon or a script started with setsid. The tty driver's write
 * operation puts the bytes straight on the terminal, past the line
 * discipline, so "\n" is not turned into "\r\n": the module sends both.
 *
 * The kernel log says only whether there was a terminal, so that it reads
 * the same wherever the module is loaded from.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Print to the loader's terminal");

static void print_string(const char *when, const char *str)
{
	struct tty_struct *tty = get_current_tty();

	if (!tty) {
		pr_info("%s: no controlling terminal, nothing printed\n", when);
		return;
	}
	/* A tty driver need not have a write operation (a console may not). */
	if (tty->driver->ops->write) {
		tty->driver->ops->write(tty, (const u8 *)str, strlen(str));
		tty->driver->ops->write(tty, (const u8 *)"\r\n", 2);
		pr_info("%s: message written to the terminal\n", when);
	} else {
		pr_info("%s: the terminal cannot be written to\n", when);
	}
	tty_kref_put(tty);
}

static int __init print_string_init(void)
{
	print_string("init", "The module has been inserted.  Hello world!");
	return 0;
}

static void __exit print_string_exit(void)
{
	print_string("exit", "The module has been removed.  Farewell world!");
}

module_init(print_string_init);
module_exit(print_string_exit);
