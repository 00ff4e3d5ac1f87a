// SPDX-License-Identifier: GPL-2.0
/*
 * hello-5: module parameters. Values come from the insmod command line
 * (`insmod hello-5.ko myint=7 myintarray=1,2`); parameters with a non-zero
 * mode also appear under /sys/module/hello_5/parameters/.
 */
#include <linux/init.h>
#include <linux/kernel.h> /* ARRAY_SIZE() */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/stat.h>

MODULE_LICENSE("GPL");

static short myshort = 1;
static int myint = 420;
static long mylong = 9999;
static char *mystring = "blah";
static int myintarray[2] = { 420, 420 };
static int arr_argc;

/* Owner and group may read and write myshort; everyone may read myint. */
module_param(myshort, short, S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP);
MODULE_PARM_DESC(myshort, "A short integer");
module_param(myint, int, S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
MODULE_PARM_DESC(myint, "An integer");
module_param(mylong, long, S_IRUSR);
MODULE_PARM_DESC(mylong, "A long integer");
module_param(mystring, charp, 0000);
MODULE_PARM_DESC(mystring, "A character string");

/* arr_argc receives how many elements the command line gave. */
module_param_array(myintarray, int, &arr_argc, 0444);
MODULE_PARM_DESC(myintarray, "An array of integers");

static int __init hello5_init(void)
{
	int i;

	pr_info("hello-5: myshort is a short integer: %hd\n", myshort);
	pr_info("hello-5: myint is an integer: %d\n", myint);
	pr_info("hello-5: mylong is a long integer: %ld\n", mylong);
	pr_info("hello-5: mystring is a string: %s\n", mystring);
	for (i = 0; i < ARRAY_SIZE(myintarray); i++)
		pr_info("hello-5: myintarray[%d] = %d\n", i, myintarray[i]);
	pr_info("hello-5: got %d arguments for myintarray.\n", arr_argc);
	return 0;
}

static void __exit hello5_exit(void)
{
	pr_info("hello-5: goodbye\n");
}

module_init(hello5_init);
module_exit(hello5_exit);
