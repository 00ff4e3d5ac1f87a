// SPDX-License-Identifier: GPL-2.0
/*
 * cdevq: a character device (/dev/cdevq, dynamic major, device_create)
 * whose read sleeps until a write bumps the generation
 * (wait_event_interruptible), or fails with -EAGAIN under O_NONBLOCK;
 * poll reports EPOLLIN once the generation moved past what this open file
 * last read. The read-only parameter "sleepers" counts readers asleep, so
 * a scenario can wait for one to be asleep before waking or signalling it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(cdevq_queue);
static atomic_t generation = ATOMIC_INIT(0);
static int sleepers;
module_param(sleepers, int, 0444);
MODULE_PARM_DESC(sleepers, "readers asleep in read()");

static dev_t devno;
static struct cdev cdevq_cdev;
static struct class *cls;

static int cdevq_open(struct inode *inode, struct file *file)
{
	int *seen = kmalloc(sizeof(*seen), GFP_KERNEL);

	if (!seen)
		return -ENOMEM;
	*seen = atomic_read(&generation);
	file->private_data = seen;
	return 0;
}

static int cdevq_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static ssize_t cdevq_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	int *seen = file->private_data;
	char msg[32];
	int n, ret;

	if (atomic_read(&generation) == *seen) {
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		WRITE_ONCE(sleepers, READ_ONCE(sleepers) + 1);
		ret = wait_event_interruptible(cdevq_queue, atomic_read(&generation) != *seen);
		WRITE_ONCE(sleepers, READ_ONCE(sleepers) - 1);
		if (ret) {
			pr_info("a reader was interrupted by a signal\n");
			return -ERESTARTSYS;
		}
	}
	*seen = atomic_read(&generation);
	n = snprintf(msg, sizeof(msg), "generation %d\n", *seen);
	if (len < n)
		return -EINVAL;
	if (copy_to_user(buf, msg, n))
		return -EFAULT;
	return n;
}

static ssize_t cdevq_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	atomic_inc(&generation);
	wake_up_interruptible(&cdevq_queue);
	return len;
}

static __poll_t cdevq_poll(struct file *file, poll_table *wait)
{
	int *seen = file->private_data;

	poll_wait(file, &cdevq_queue, wait);
	if (atomic_read(&generation) != *seen)
		return EPOLLIN | EPOLLRDNORM | EPOLLOUT | EPOLLWRNORM;
	return EPOLLOUT | EPOLLWRNORM;
}

static const struct file_operations cdevq_fops = {
	.owner = THIS_MODULE,
	.open = cdevq_open,
	.read = cdevq_read,
	.write = cdevq_write,
	.poll = cdevq_poll,
	.release = cdevq_release,
};

static int __init cdevq_init(void)
{
	struct device *dev;
	int ret;

	ret = alloc_chrdev_region(&devno, 0, 1, "cdevq");
	if (ret < 0)
		return ret;
	cdev_init(&cdevq_cdev, &cdevq_fops);
	cdevq_cdev.owner = THIS_MODULE;
	ret = cdev_add(&cdevq_cdev, devno, 1);
	if (ret < 0)
		goto err_region;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	cls = class_create("cdevq");
#else
	cls = class_create(THIS_MODULE, "cdevq");
#endif
	if (IS_ERR(cls)) {
		ret = PTR_ERR(cls);
		goto err_cdev;
	}
	dev = device_create(cls, NULL, devno, NULL, "cdevq");
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		goto err_class;
	}
	pr_info("ready\n");
	return 0;
err_class:
	class_destroy(cls);
err_cdev:
	cdev_del(&cdevq_cdev);
err_region:
	unregister_chrdev_region(devno, 1);
	return ret;
}

static void __exit cdevq_exit(void)
{
	device_destroy(cls, devno);
	class_destroy(cls);
	cdev_del(&cdevq_cdev);
	unregister_chrdev_region(devno, 1);
	pr_info("gone\n");
}

module_init(cdevq_init);
module_exit(cdevq_exit);
MODULE_LICENSE("GPL");
