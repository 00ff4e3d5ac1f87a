// SPDX-License-Identifier: GPL-2.0
/*
 * hello-2: the same as hello-1, but the entry and exit functions have names of
 * our choosing, registered with module_init() and module_exit().
 */
#include <linux/init.h>   /* module_init(), module_exit() */
#include <linux/module.h>
#include <linux/printk.h>

static int hello2_start(void)
{
	pr_info("hello-2: started by module_init()\n");
	return 0;
}

static void hello2_stop(void)
{
	pr_info("hello-2: stopped by module_exit()\n");
}

module_init(hello2_start);
module_exit(hello2_stop);

MODULE_LICENSE("GPL");
