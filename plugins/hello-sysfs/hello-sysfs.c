// SPDX-License-Identifier: GPL-2.0
/*
 * hello-sysfs: a module variable exposed in sysfs, as
 * /sys/kernel/mymodule/myvariable. Reading the file shows the value;
 * writing a decimal (or 0x-prefixed) integer changes it. Anything else is
 * refused with EINVAL, and numbers outside int's range with ERANGE.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sysfs.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A variable in /sys/kernel/mymodule");

static struct kobject *mymodule;
static int myvariable;

static ssize_t myvariable_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", myvariable);
}

static ssize_t myvariable_store(struct kobject *kobj,
				struct kobj_attribute *attr, const char *buf,
				size_t count)
{
	int value;
	int ret;

	/* kstrtoint accepts one trailing newline, as echo sends. */
	ret = kstrtoint(buf, 0, &value);
	if (ret) {
		pr_info("rejected a write: %d\n", ret);
		return ret;
	}
	myvariable = value;
	pr_info("myvariable set to %d\n", myvariable);
	return count;
}

/* Owner and group may read and write; sysfs refuses world-writable modes. */
static struct kobj_attribute myvariable_attribute =
	__ATTR(myvariable, 0660, myvariable_show, myvariable_store);

static int __init hello_sysfs_init(void)
{
	int ret;

	mymodule = kobject_create_and_add("mymodule", kernel_kobj);
	if (!mymodule)
		return -ENOMEM;

	ret = sysfs_create_file(mymodule, &myvariable_attribute.attr);
	if (ret) {
		pr_err("cannot create /sys/kernel/mymodule/myvariable: %d\n", ret);
		kobject_put(mymodule);
		return ret;
	}
	pr_info("/sys/kernel/mymodule/myvariable created\n");
	return 0;
}

static void __exit hello_sysfs_exit(void)
{
	kobject_put(mymodule);
	pr_info("/sys/kernel/mymodule removed\n");
}

module_init(hello_sysfs_init);
module_exit(hello_sysfs_exit);
