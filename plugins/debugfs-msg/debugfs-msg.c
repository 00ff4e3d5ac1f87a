// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs-msg: debugfs files with our own file_operations, and a blob.
 *
 *   /sys/kernel/debug/debugfs_msg/message   0644, read and write: holds up
 *        to MSG_SIZE bytes. A write at offset 0 replaces the message, a
 *        write further on extends it; a write past MSG_SIZE is refused
 *        with ENOSPC.
 *   /sys/kernel/debug/debugfs_msg/blob      0444, a fixed binary record
 *        served by debugfs itself (debugfs_create_blob).
 *
 * debugfs keeps the pointer given to debugfs_create_file in the inode;
 * simple_open copies it into file->private_data, where the handlers find
 * their state.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/types.h>
#include <linux/uaccess.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A message file and a blob in debugfs");

#define MSG_SIZE 64

struct message {
	struct mutex lock;	/* serialises readers and writers */
	size_t len;
	char text[MSG_SIZE];
};

static struct message msg = {
	.lock = __MUTEX_INITIALIZER(msg.lock),
};

static ssize_t message_read(struct file *file, char __user *buf, size_t len,
			    loff_t *ppos)
{
	struct message *m = file->private_data;
	ssize_t ret;

	mutex_lock(&m->lock);
	ret = simple_read_from_buffer(buf, len, ppos, m->text, m->len);
	mutex_unlock(&m->lock);
	return ret;
}

static ssize_t message_write(struct file *file, const char __user *buf,
			     size_t len, loff_t *ppos)
{
	struct message *m = file->private_data;
	loff_t start = *ppos;
	ssize_t ret;

	if (start < 0)
		return -EINVAL;
	if (len > MSG_SIZE || start > MSG_SIZE - len) {
		pr_info("write of %zu bytes at offset %lld refused: holds %d bytes\n",
			len, start, MSG_SIZE);
		return -ENOSPC;
	}
	mutex_lock(&m->lock);
	/* A write at offset 0 starts a new message. */
	if (start == 0)
		m->len = 0;
	ret = simple_write_to_buffer(m->text, MSG_SIZE, ppos, buf, len);
	if (ret > 0 && *ppos > m->len)
		m->len = *ppos;
	mutex_unlock(&m->lock);
	if (ret > 0)
		pr_info("write: %zd bytes at offset %lld, message is now %zu bytes\n",
			ret, start, m->len);
	return ret;
}

static const struct file_operations message_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = message_read,
	.write = message_write,
};

/* A small binary record: magic, version, count, a marker. */
static u8 blob_data[] = {
	'K', 'P', 'L', 'Y',	/* magic */
	0x01, 0x00,		/* version 1, little endian */
	0x03, 0x00,		/* three items */
	0x0a, 0x14, 0x1e,	/* the items: 10, 20, 30 */
	0xde, 0xad, 0xbe, 0xef,	/* end marker */
	'\n',
};

static struct debugfs_blob_wrapper blob = {
	.data = blob_data,
	.size = sizeof(blob_data),
};

static struct dentry *dir;

static int __init debugfs_msg_init(void)
{
	static const char hello[] = "Hello from debugfs\n";

	memcpy(msg.text, hello, sizeof(hello) - 1);
	msg.len = sizeof(hello) - 1;

	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(dir)) {
		pr_err("cannot create the debugfs directory: %ld\n", PTR_ERR(dir));
		return PTR_ERR(dir);
	}
	debugfs_create_file("message", 0644, dir, &msg, &message_fops);
	debugfs_create_blob("blob", 0444, dir, &blob);
	pr_info("message of %zu bytes, blob of %lu bytes\n", msg.len, blob.size);
	return 0;
}

static void __exit debugfs_msg_exit(void)
{
	debugfs_remove_recursive(dir);
	pr_info("removed; the message was %zu bytes\n", msg.len);
}

module_init(debugfs_msg_init);
module_exit(debugfs_msg_exit);
