// SPDX-License-Identifier: GPL-2.0
/*
 * sleep: /proc/sleep, a file only one process may have open at a time.
 *
 * A second process that opens the file is put to sleep on a wait queue
 * (wait_event_interruptible) until the first one closes it; closing wakes
 * every sleeper and one of them gets the file, the others sleep again.
 * A signal wakes a sleeper too: its open then gives up with EINTR. A caller
 * that opened with O_NONBLOCK is not put to sleep but gets EAGAIN.
 *
 * Reading returns the last message written; a write replaces the message
 * (at most MSG_MAX - 1 bytes are kept, one trailing newline is dropped).
 *
 * The module holds a reference on itself while the file is open and while
 * somebody sleeps waiting for it, so it cannot be removed meanwhile. The
 * sleeper takes its reference only after it found the file busy: seeing
 * the reference count go up tells a test that the opener is now certain
 * to wait.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("/proc/sleep: one opener at a time, the others sleep");

#define PROC_NAME "sleep"
#define MSG_MAX 80

/*
 * The last message written, always NUL-terminated. Only the process that
 * has the file open reads or writes it, so it needs no lock of its own.
 */
static char message[MSG_MAX];

/* 1 while some process has the file open. */
static atomic_t already_open = ATOMIC_INIT(0);

/* Where openers sleep until the file is closed. */
static DECLARE_WAIT_QUEUE_HEAD(waitq);

static struct proc_dir_entry *entry;

static ssize_t sleep_read(struct file *file, char __user *buf, size_t len,
			  loff_t *offset)
{
	char text[MSG_MAX + 32];
	int n;

	n = snprintf(text, sizeof(text), "Last message: %s\n",
		     message[0] ? message : "(none)");
	return simple_read_from_buffer(buf, len, offset, text, n);
}

static ssize_t sleep_write(struct file *file, const char __user *buf,
			   size_t len, loff_t *offset)
{
	char tmp[MSG_MAX];
	size_t n = min_t(size_t, len, MSG_MAX - 1);

	if (copy_from_user(tmp, buf, n))
		return -EFAULT;
	if (n && tmp[n - 1] == '\n')
		n--;
	tmp[n] = '\0';
	memcpy(message, tmp, n + 1);
	pr_info("%s wrote a message of %zu bytes\n", current->comm, n);
	/* All of it counts as consumed, even what did not fit. */
	return len;
}

/* Give the file up and wake everybody waiting for it. */
static void sleep_give_up_file(void)
{
	atomic_set(&already_open, 0);
	wake_up(&waitq);
}

static int sleep_open(struct inode *inode, struct file *file)
{
	int ret;

	/* Free: take it at once. */
	if (atomic_cmpxchg(&already_open, 0, 1) == 0) {
		if (!try_module_get(THIS_MODULE)) {
			sleep_give_up_file();
			return -ENODEV;
		}
		pr_info("opened by %s\n", current->comm);
		return 0;
	}

	/* Busy, and the caller does not want to sleep. */
	if (file->f_flags & O_NONBLOCK) {
		pr_info("%s: busy, O_NONBLOCK: EAGAIN\n", current->comm);
		return -EAGAIN;
	}

	pr_info("%s: busy, going to sleep\n", current->comm);
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;

	/*
	 * Every close wakes all the sleepers; the first to set the flag gets
	 * the file, the others find it taken again and go back to sleep.
	 */
	while (atomic_cmpxchg(&already_open, 0, 1) != 0) {
		ret = wait_event_interruptible(waitq,
					       !atomic_read(&already_open));
		if (ret || signal_pending(current)) {
			pr_info("%s: woken by a signal, open fails with EINTR\n",
				current->comm);
			module_put(THIS_MODULE);
			return -EINTR;
		}
	}
	pr_info("opened by %s after sleeping\n", current->comm);
	return 0;
}

/*
 * Release runs when the last reference to the open file goes, which need
 * not be in the process that opened it (a child may have inherited the
 * descriptor), so it names nobody.
 */
static int sleep_release(struct inode *inode, struct file *file)
{
	pr_info("closed\n");
	sleep_give_up_file();
	module_put(THIS_MODULE);
	return 0;
}

static const struct proc_ops sleep_ops = {
	.proc_open = sleep_open,
	.proc_read = sleep_read,
	.proc_write = sleep_write,
	.proc_release = sleep_release,
};

static int __init sleep_init(void)
{
	entry = proc_create(PROC_NAME, 0644, NULL, &sleep_ops);
	if (!entry) {
		pr_alert("could not create /proc/%s\n", PROC_NAME);
		return -ENOMEM;
	}
	pr_info("/proc/%s created\n", PROC_NAME);
	return 0;
}

static void __exit sleep_exit(void)
{
	proc_remove(entry);
	pr_info("/proc/%s removed\n", PROC_NAME);
}

module_init(sleep_init);
module_exit(sleep_exit);
