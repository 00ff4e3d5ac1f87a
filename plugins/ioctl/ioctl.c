// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl: a character device driven only by ioctl (see ioctl_test.h).
 *
 * Every open file gets its own value, allocated in open and freed in
 * release, guarded by its own reader-writer lock; IOCTL_VALSET and
 * IOCTL_VALGET work on it. IOCTL_VALSET_NUM and IOCTL_VALGET_NUM work on one
 * number shared by all open files. The device has no read or write.
 *
 * The device number comes from alloc_chrdev_region and the node
 * /dev/ioctl_test from device_create.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/version.h>

#include "ioctl_test.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ioctl commands with per-open private data");

/* What file->private_data points to. */
struct ioctl_test_data {
	u32 val;
	rwlock_t lock;
};

static dev_t devno;
static struct cdev ioctl_cdev;
static struct class *cls;

static DEFINE_RWLOCK(num_lock);
static int shared_num;

static int ioctl_test_open(struct inode *inode, struct file *file)
{
	struct ioctl_test_data *data;

	data = kmalloc(sizeof(*data), GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	rwlock_init(&data->lock);
	data->val = 0;
	file->private_data = data;
	return 0;
}

static int ioctl_test_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	file->private_data = NULL;
	return 0;
}

static long ioctl_test_ioctl(struct file *file, unsigned int cmd,
			     unsigned long arg)
{
	struct ioctl_test_data *data = file->private_data;
	struct ioctl_arg __user *uarg = (struct ioctl_arg __user *)arg;
	int __user *unum = (int __user *)arg;
	struct ioctl_arg karg;
	int num;

	switch (cmd) {
	case IOCTL_VALSET:
		if (copy_from_user(&karg, uarg, sizeof(karg)))
			return -EFAULT;
		write_lock(&data->lock);
		data->val = karg.val;
		write_unlock(&data->lock);
		pr_info("IOCTL_VALSET %u\n", karg.val);
		return 0;

	case IOCTL_VALGET:
		read_lock(&data->lock);
		karg.val = data->val;
		read_unlock(&data->lock);
		if (copy_to_user(uarg, &karg, sizeof(karg)))
			return -EFAULT;
		return 0;

	case IOCTL_VALSET_NUM:
		if (get_user(num, unum))
			return -EFAULT;
		write_lock(&num_lock);
		shared_num = num;
		write_unlock(&num_lock);
		pr_info("IOCTL_VALSET_NUM %d\n", num);
		return 0;

	case IOCTL_VALGET_NUM:
		read_lock(&num_lock);
		num = shared_num;
		read_unlock(&num_lock);
		return put_user(num, unum);

	default:
		return -ENOTTY;
	}
}

static const struct file_operations ioctl_test_fops = {
	.owner = THIS_MODULE,
	.open = ioctl_test_open,
	.release = ioctl_test_release,
	.unlocked_ioctl = ioctl_test_ioctl,
};

static int __init ioctl_test_init(void)
{
	struct device *dev;
	int ret;

	ret = alloc_chrdev_region(&devno, 0, 1, IOCTL_TEST_DEVICE);
	if (ret < 0)
		return ret;

	cdev_init(&ioctl_cdev, &ioctl_test_fops);
	ioctl_cdev.owner = THIS_MODULE;
	ret = cdev_add(&ioctl_cdev, devno, 1);
	if (ret < 0)
		goto err_region;

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	cls = class_create(IOCTL_TEST_DEVICE);
#else
	cls = class_create(THIS_MODULE, IOCTL_TEST_DEVICE);
#endif
	if (IS_ERR(cls)) {
		ret = PTR_ERR(cls);
		goto err_cdev;
	}
	dev = device_create(cls, NULL, devno, NULL, IOCTL_TEST_DEVICE);
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		goto err_class;
	}
	pr_info("/dev/%s ready (minor %d)\n", IOCTL_TEST_DEVICE, MINOR(devno));
	return 0;

err_class:
	class_destroy(cls);
err_cdev:
	cdev_del(&ioctl_cdev);
err_region:
	unregister_chrdev_region(devno, 1);
	return ret;
}

static void __exit ioctl_test_exit(void)
{
	device_destroy(cls, devno);
	class_destroy(cls);
	cdev_del(&ioctl_cdev);
	unregister_chrdev_region(devno, 1);
	pr_info("/dev/%s removed\n", IOCTL_TEST_DEVICE);
}

module_init(ioctl_test_init);
module_exit(ioctl_test_exit);
