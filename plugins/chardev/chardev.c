// SPDX-License-Identifier: GPL-2.0
/*
 * chardev: a read-only character device that tells the reader how many
 * times it has been opened.
 *
 * The major number is chosen by the kernel (register_chrdev with 0) and
 * logged at init; the node /dev/chardev is made by device_create, through
 * the "chardev" class. Only one process may have the device open at a
 * time: a second open fails with -EBUSY until the first one closes it.
 * Writing is refused with -EINVAL.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/uaccess.h>
#include <linux/version.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A character device that counts its openings");

#define DEVICE_NAME "chardev" /* as shown in /proc/devices and /dev */
#define MSG_LEN 80

static int major;
static struct class *cls;

enum {
	DEV_FREE = 0,
	DEV_OPEN = 1,
};

/* Set by open, cleared by release: one opener at a time. */
static atomic_t in_use = ATOMIC_INIT(DEV_FREE);

/* What read returns; rebuilt at every open. */
static char msg[MSG_LEN];
static size_t msg_len;
static int open_count;

static int chardev_open(struct inode *inode, struct file *file)
{
	if (atomic_cmpxchg(&in_use, DEV_FREE, DEV_OPEN) != DEV_FREE)
		return -EBUSY;

	open_count++;
	msg_len = sprintf(msg, "Opened %d time(s) so far; hello from chardev!\n",
			  open_count);
	/*
	 * .owner already pins the module while the file is open (chrdev_open
	 * takes references for the cdev and for the fops); this explicit one
	 * is the use counter the guide describes, dropped in release.
	 */
	try_module_get(THIS_MODULE);
	return 0;
}

static int chardev_release(struct inode *inode, struct file *file)
{
	atomic_set(&in_use, DEV_FREE);
	module_put(THIS_MODULE);
	return 0;
}

/* Hand out what is left of the message past *offset; 0 means end of file. */
static ssize_t chardev_read(struct file *file, char __user *buf, size_t len,
			    loff_t *offset)
{
	size_t left;

	if (*offset >= msg_len)
		return 0;
	left = msg_len - *offset;
	if (len > left)
		len = left;
	if (copy_to_user(buf, msg + *offset, len))
		return -EFAULT;
	*offset += len;
	return len;
}

static ssize_t chardev_write(struct file *file, const char __user *buf,
			     size_t len, loff_t *offset)
{
	pr_alert("this device is read-only, write of %zu bytes refused\n", len);
	return -EINVAL;
}

static const struct file_operations chardev_fops = {
	.owner = THIS_MODULE,
	.open = chardev_open,
	.release = chardev_release,
	.read = chardev_read,
	.write = chardev_write,
};

static int __init chardev_init(void)
{
	struct device *dev;

	major = register_chrdev(0, DEVICE_NAME, &chardev_fops);
	if (major < 0) {
		pr_alert("registering the device failed: %d\n", major);
		return major;
	}
	pr_info("got major number %d\n", major);

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	cls = class_create(DEVICE_NAME);
#else
	cls = class_create(THIS_MODULE, DEVICE_NAME);
#endif
	if (IS_ERR(cls)) {
		unregister_chrdev(major, DEVICE_NAME);
		return PTR_ERR(cls);
	}
	dev = device_create(cls, NULL, MKDEV(major, 0), NULL, DEVICE_NAME);
	if (IS_ERR(dev)) {
		class_destroy(cls);
		unregister_chrdev(major, DEVICE_NAME);
		return PTR_ERR(dev);
	}
	pr_info("device created at /dev/%s\n", DEVICE_NAME);
	return 0;
}

static void __exit chardev_exit(void)
{
	device_destroy(cls, MKDEV(major, 0));
	class_destroy(cls);
	unregister_chrdev(major, DEVICE_NAME);
	pr_info("unregistered\n");
}

module_init(chardev_init);
module_exit(chardev_exit);
