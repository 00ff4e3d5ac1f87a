// SPDX-License-Identifier: GPL-2.0
/*
 * vinput.c - a framework for virtual input devices.
 *
 * Modules register kinds of devices with vinput_register(). Writing a kind's
 * name to /sys/class/vinput/export creates an input device of that kind and
 * /dev/vinputN; what is written to /dev/vinputN is handed to the kind's
 * send(), which reports input events. Writing vinputN (or N) to
 * /sys/class/vinput/unexport removes the device again.
 */
#define pr_fmt(fmt) "vinput: " fmt

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/input.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "vinput.h"

MODULE_DESCRIPTION("A framework for virtual input devices");
MODULE_LICENSE("GPL");

#define VINPUT_MAX_DEVICES 32
#define VINPUT_MAX_WRITE 256

static DEFINE_MUTEX(vinput_lock); /* the two lists and the id bitmap */
static LIST_HEAD(vinput_types);
static LIST_HEAD(vinput_devices);
static unsigned long vinput_ids[BITS_TO_LONGS(VINPUT_MAX_DEVICES)];
static dev_t vinput_devt;
static struct cdev vinput_cdev;
static struct class *vinput_class;

static struct vinput_type *find_type(const char *name)
{
	struct vinput_type *t;

	list_for_each_entry(t, &vinput_types, node)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

static struct vinput *find_device(int id)
{
	struct vinput *vi;

	list_for_each_entry(vi, &vinput_devices, node)
		if (vi->id == id)
			return vi;
	return NULL;
}

int vinput_register(struct vinput_type *type)
{
	int err = 0;

	mutex_lock(&vinput_lock);
	if (find_type(type->name)) {
		err = -EEXIST;
	} else {
		list_add_tail(&type->node, &vinput_types);
		pr_info("registered type %s\n", type->name);
	}
	mutex_unlock(&vinput_lock);
	return err;
}
EXPORT_SYMBOL(vinput_register);

void vinput_unregister(struct vinput_type *type)
{
	mutex_lock(&vinput_lock);
	list_del(&type->node);
	pr_info("unregistered type %s\n", type->name);
	mutex_unlock(&vinput_lock);
}
EXPORT_SYMBOL(vinput_unregister);

/* Called with vinput_lock held. */
static void vinput_destroy(struct vinput *vi)
{
	list_del(&vi->node);
	device_destroy(vinput_class, MKDEV(MAJOR(vinput_devt), vi->id));
	input_unregister_device(vi->input);
	clear_bit(vi->id, vinput_ids);
	module_put(vi->type->owner);
	pr_info("vinput%d removed\n", vi->id);
	kfree(vi);
}

static ssize_t export_store(struct class *class, struct class_attribute *attr, const char *buf, size_t len)
{
	char name[32], *n;
	struct vinput_type *type;
	struct vinput *vi;
	int id, err;

	if (!len || len >= sizeof(name))
		return -EINVAL;
	memcpy(name, buf, len);
	name[len] = '\0';
	n = strim(name);

	mutex_lock(&vinput_lock);
	type = find_type(n);
	err = -ENODEV;
	if (!type || !try_module_get(type->owner))
		goto unlock;
	err = -ENOSPC;
	for (id = 0; id < VINPUT_MAX_DEVICES && test_bit(id, vinput_ids); id++)
		;
	if (id >= VINPUT_MAX_DEVICES)
		goto put_type;
	err = -ENOMEM;
	vi = kzalloc(sizeof(*vi), GFP_KERNEL);
	if (!vi)
		goto put_type;
	vi->id = id;
	vi->type = type;
	vi->input = input_allocate_device();
	if (!vi->input)
		goto free_vi;
	vi->input->name = type->name;
	vi->input->phys = "vinput";
	vi->input->id.bustype = BUS_VIRTUAL;
	vi->input->id.vendor = 0x0001;
	vi->input->id.product = id;
	vi->input->id.version = 0x0100;
	err = type->setup(vi);
	if (err)
		goto free_input;
	err = input_register_device(vi->input);
	if (err)
		goto free_input;
	vi->dev = device_create(vinput_class, NULL, MKDEV(MAJOR(vinput_devt), id), vi, "vinput%d", id);
	if (IS_ERR(vi->dev)) {
		err = PTR_ERR(vi->dev);
		input_unregister_device(vi->input);
		goto free_vi;
	}
	set_bit(id, vinput_ids);
	list_add_tail(&vi->node, &vinput_devices);
	mutex_unlock(&vinput_lock);
	pr_info("vinput%d: a %s\n", id, type->name);
	return len;

free_input:
	input_free_device(vi->input);
free_vi:
	kfree(vi);
put_type:
	module_put(type->owner);
unlock:
	mutex_unlock(&vinput_lock);
	return err;
}
static CLASS_ATTR_WO(export);

static ssize_t unexport_store(struct class *class, struct class_attribute *attr, const char *buf, size_t len)
{
	struct vinput *vi;
	int id, err;

	/* "vinputN" or just N */
	if (!strncmp(buf, "vinput", 6))
		buf += 6;
	err = kstrtoint(buf, 10, &id);
	if (err)
		return err;
	mutex_lock(&vinput_lock);
	vi = find_device(id);
	if (vi)
		vinput_destroy(vi);
	mutex_unlock(&vinput_lock);
	return vi ? len : -ENODEV;
}
static CLASS_ATTR_WO(unexport);

static int vinput_open(struct inode *inode, struct file *file)
{
	int err = -ENODEV;

	mutex_lock(&vinput_lock);
	file->private_data = find_device(iminor(inode));
	if (file->private_data)
		err = 0;
	mutex_unlock(&vinput_lock);
	return err;
}

static ssize_t vinput_write(struct file *file, const char __user *ubuf, size_t len, loff_t *off)
{
	char buf[VINPUT_MAX_WRITE];
	struct vinput *vi;
	int err;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';

	mutex_lock(&vinput_lock);
	vi = file->private_data;
	/* the device may have been unexported since open */
	if (find_device(vi->id) != vi) {
		mutex_unlock(&vinput_lock);
		return -ENODEV;
	}
	err = vi->type->send(vi, buf, len);
	mutex_unlock(&vinput_lock);
	return err ? err : len;
}

static const struct file_operations vinput_fops = {
	.owner = THIS_MODULE,
	.open = vinput_open,
	.write = vinput_write,
};

static int __init vinput_init(void)
{
	int err;

	err = alloc_chrdev_region(&vinput_devt, 0, VINPUT_MAX_DEVICES, "vinput");
	if (err)
		return err;
	cdev_init(&vinput_cdev, &vinput_fops);
	vinput_cdev.owner = THIS_MODULE;
	err = cdev_add(&vinput_cdev, vinput_devt, VINPUT_MAX_DEVICES);
	if (err)
		goto unregister;
	vinput_class = class_create(THIS_MODULE, "vinput");
	if (IS_ERR(vinput_class)) {
		err = PTR_ERR(vinput_class);
		goto del_cdev;
	}
	err = class_create_file(vinput_class, &class_attr_export);
	if (err)
		goto destroy_class;
	err = class_create_file(vinput_class, &class_attr_unexport);
	if (err)
		goto remove_export;
	pr_info("loaded\n");
	return 0;

remove_export:
	class_remove_file(vinput_class, &class_attr_export);
destroy_class:
	class_destroy(vinput_class);
del_cdev:
	cdev_del(&vinput_cdev);
unregister:
	unregister_chrdev_region(vinput_devt, VINPUT_MAX_DEVICES);
	return err;
}

static void __exit vinput_exit(void)
{
	/* every exported device holds its type's module, which holds us */
	class_remove_file(vinput_class, &class_attr_unexport);
	class_remove_file(vinput_class, &class_attr_export);
	class_destroy(vinput_class);
	cdev_del(&vinput_cdev);
	unregister_chrdev_region(vinput_devt, VINPUT_MAX_DEVICES);
	pr_info("unloaded\n");
}

module_init(vinput_init);
module_exit(vinput_exit);
