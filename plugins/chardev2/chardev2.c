// SPDX-License-Identifier: GPL-2.0
/*
 * chardev2: a character device that keeps a short message. Userspace sets
 * and reads the message with write() and read(), or with the ioctls of
 * chardev2.h (see the client ioctl.c).
 *
 * The major number is fixed (MAJOR_NUM) because the ioctl numbers are
 * built from it. The module makes no device node: create it by hand with
 *	mknod /dev/char_dev c 100 0
 * As in chardev, one process at a time may have the device open.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "chardev2.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A character device with a message set by write or ioctl");

static atomic_t in_use = ATOMIC_INIT(0);

/* Always NUL-terminated; empty until somebody sets it. */
static char message[CHARDEV2_BUF_LEN];

static int chardev2_open(struct inode *inode, struct file *file)
{
	if (atomic_cmpxchg(&in_use, 0, 1) != 0)
		return -EBUSY;
	try_module_get(THIS_MODULE);
	pr_info("open\n");
	return 0;
}

static int chardev2_release(struct inode *inode, struct file *file)
{
	pr_info("release\n");
	atomic_set(&in_use, 0);
	module_put(THIS_MODULE);
	return 0;
}

/* The message from *offset to its terminating NUL, then end of file. */
static ssize_t chardev2_read(struct file *file, char __user *buf, size_t len,
			     loff_t *offset)
{
	size_t msg_len = strlen(message);
	size_t i;

	if (*offset >= msg_len)
		return 0;
	for (i = 0; i < len && *offset + i < msg_len; i++) {
		if (put_user(message[*offset + i], buf + i))
			return -EFAULT;
	}
	*offset += i;
	pr_info("read %zu bytes\n", i);
	return i;
}

/*
 * Every write replaces the whole message. What does not fit is dropped, but
 * the write reports all of it as consumed: a shorter count would make the
 * caller write the rest again, replacing the message with its tail.
 */
static ssize_t chardev2_write(struct file *file, const char __user *buf,
			      size_t len, loff_t *offset)
{
	char tmp[CHARDEV2_BUF_LEN];
	size_t n = min_t(size_t, len, CHARDEV2_BUF_LEN - 1);

	if (copy_from_user(tmp, buf, n))
		return -EFAULT;
	tmp[n] = '\0';
	memcpy(message, tmp, n + 1);
	pr_info("stored %zu of %zu bytes\n", n, len);
	return len;
}

static long chardev2_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	char __user *user_msg = (char __user *)arg;
	char tmp[CHARDEV2_BUF_LEN];
	size_t i;
	char c;

	switch (cmd) {
	case IOCTL_SET_MSG:
		/* Fetch the user's string byte by byte, up to its NUL. */
		for (i = 0; i < CHARDEV2_BUF_LEN - 1; i++) {
			if (get_user(c, user_msg + i))
				return -EFAULT;
			tmp[i] = c;
			if (!c)
				break;
		}
		tmp[i] = '\0';
		memcpy(message, tmp, i + 1);
		pr_info("IOCTL_SET_MSG: message set, %zu bytes\n", i);
		return 0;

	case IOCTL_GET_MSG:
		if (copy_to_user(user_msg, message, strlen(message) + 1))
			return -EFAULT;
		pr_info("IOCTL_GET_MSG\n");
		return 0;

	case IOCTL_GET_NTH_BYTE:
		if (arg >= CHARDEV2_BUF_LEN)
			return -EINVAL;
		return (unsigned char)message[arg];

	default:
		return -ENOTTY;
	}
}

static const struct file_operations chardev2_fops = {
	.owner = THIS_MODULE,
	.open = chardev2_open,
	.release = chardev2_release,
	.read = chardev2_read,
	.write = chardev2_write,
	.unlocked_ioctl = chardev2_ioctl,
};

static int __init chardev2_init(void)
{
	int ret = register_chrdev(MAJOR_NUM, DEVICE_FILE_NAME, &chardev2_fops);

	if (ret < 0) {
		pr_alert("cannot register major %d: %d\n", MAJOR_NUM, ret);
		return ret;
	}
	pr_info("registered major %d; make the node with: mknod %s c %d 0\n",
		MAJOR_NUM, DEVICE_PATH, MAJOR_NUM);
	return 0;
}

static void __exit chardev2_exit(void)
{
	unregister_chrdev(MAJOR_NUM, DEVICE_FILE_NAME);
	pr_info("unregistered major %d\n", MAJOR_NUM);
}

module_init(chardev2_init);
module_exit(chardev2_exit);
