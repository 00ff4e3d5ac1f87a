// SPDX-License-Identifier: GPL-2.0
/*
 * waitq: /proc/waitq for the sleeping tests. A read sleeps until a write
 * bumps the generation (wait_event_interruptible), or fails with -EAGAIN
 * under O_NONBLOCK; poll reports EPOLLIN once the generation moved past
 * what this open file last read. Writing "all" wakes every sleeper;
 * writing "bug" sleeps with a spinlock held (kplay must report it).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/spinlock.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(waitq_queue);
static atomic_t generation = ATOMIC_INIT(0);
static atomic_t interrupted = ATOMIC_INIT(0);
static struct proc_dir_entry *entry;
static DEFINE_SPINLOCK(waitq_lock);

static int waitq_open(struct inode *inode, struct file *file)
{
	int *seen = kmalloc(sizeof(*seen), GFP_KERNEL);

	if (!seen)
		return -ENOMEM;
	*seen = atomic_read(&generation);
	file->private_data = seen;
	return 0;
}

static int waitq_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static ssize_t waitq_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	int *seen = file->private_data;
	char msg[32];
	int n;

	if (atomic_read(&generation) == *seen) {
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(waitq_queue, atomic_read(&generation) != *seen)) {
			atomic_inc(&interrupted);
			pr_info("a reader was interrupted\n");
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

static ssize_t waitq_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	char cmd[8] = {};

	if (copy_from_user(cmd, buf, min(len, sizeof(cmd) - 1)))
		return -EFAULT;
	if (!strncmp(cmd, "bug", 3)) {
		/* Deliberately wrong: sleeping with a spinlock held. */
		spin_lock(&waitq_lock);
		msleep(1);
		spin_unlock(&waitq_lock);
		return len;
	}
	atomic_inc(&generation);
	if (!strncmp(cmd, "all", 3))
		wake_up_interruptible_all(&waitq_queue);
	else
		wake_up_interruptible(&waitq_queue);
	return len;
}

static __poll_t waitq_poll(struct file *file, poll_table *wait)
{
	int *seen = file->private_data;

	poll_wait(file, &waitq_queue, wait);
	if (atomic_read(&generation) != *seen)
		return EPOLLIN | EPOLLRDNORM;
	return EPOLLOUT | EPOLLWRNORM;
}

static const struct proc_ops waitq_ops = {
	.proc_open = waitq_open,
	.proc_read = waitq_read,
	.proc_write = waitq_write,
	.proc_poll = waitq_poll,
	.proc_release = waitq_release,
};

static int __init waitq_init(void)
{
	entry = proc_create("waitq", 0666, NULL, &waitq_ops);
	return entry ? 0 : -ENOMEM;
}

static void __exit waitq_exit(void)
{
	proc_remove(entry);
	pr_info("%d reader(s) were interrupted\n", atomic_read(&interrupted));
}

module_init(waitq_init);
module_exit(waitq_exit);
MODULE_LICENSE("GPL");
