// SPDX-License-Identifier: GPL-2.0
/*
 * hello-4: documenting a module. MODULE_LICENSE, MODULE_AUTHOR and
 * MODULE_DESCRIPTION land in the .modinfo section, where modinfo(8) (or
 * `kplay modinfo`) reads them without loading the module.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The kplay authors");
MODULE_DESCRIPTION("A module that documents itself");

static int __init hello4_init(void)
{
	pr_info("hello-4: documented module loaded\n");
	return 0;
}

static void __exit hello4_exit(void)
{
	pr_info("hello-4: documented module unloaded\n");
}

module_init(hello4_init);
module_exit(hello4_exit);
