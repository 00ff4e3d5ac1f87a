// SPDX-License-Identifier: GPL-2.0
/*
 * procfs4: /proc files built with seq_file.
 *
 * /proc/iter walks a sequence with the seq_operations iterator:
 * start() is called with the position to resume from, show() prints one
 * record, next() moves to the following one, stop() ends a pass. seq_file
 * calls them as many times as the readers' buffers need, and takes care
 * of offsets, partial records and lseek.
 *
 * The guide's iterator never ends: its counter keeps growing from one read
 * to the next. This one yields a finite sequence of ITER_RECORDS records
 * (record n shows counter n), so that `cat /proc/iter` terminates.
 *
 * /proc/iter_single is the other way to use seq_file: single_open() with
 * one show() that prints the whole file at once (here about 5 KB, more
 * than seq_file's first one-page buffer, which it then grows).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("seq_file iterators in /proc");

#define ITER_NAME "iter"
#define SINGLE_NAME "iter_single"
#define ITER_RECORDS 300
#define SINGLE_LINES 100

/*
 * The record at *pos, or NULL past the end. The position itself is the
 * counter, so the iterator holds no state between reads.
 */
static void *iter_start(struct seq_file *s, loff_t *pos)
{
	if (*pos >= ITER_RECORDS)
		return NULL;
	return pos;
}

static void *iter_next(struct seq_file *s, void *v, loff_t *pos)
{
	(*pos)++;
	if (*pos >= ITER_RECORDS)
		return NULL;
	return pos;
}

static void iter_stop(struct seq_file *s, void *v)
{
	/* Nothing was allocated or locked in start(). */
}

static int iter_show(struct seq_file *s, void *v)
{
	loff_t n = *(loff_t *)v;

	seq_printf(s, "counter value %3lld\n", n);
	return 0;
}

static const struct seq_operations iter_seq_ops = {
	.start = iter_start,
	.next = iter_next,
	.stop = iter_stop,
	.show = iter_show,
};

static int iter_open(struct inode *inode, struct file *file)
{
	return seq_open(file, &iter_seq_ops);
}

static const struct proc_ops iter_proc_ops = {
	.proc_open = iter_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = seq_release,
};

/* The whole of /proc/iter_single in one call: 5361 bytes. */
static int single_show(struct seq_file *s, void *v)
{
	int i;

	seq_puts(s, "# iter_single: one show() call prints all of this file\n");
	for (i = 1; i <= SINGLE_LINES; i++) {
		seq_printf(s, "line %03d of %d: seq_file grows its buffer as needed",
			   i, SINGLE_LINES);
		seq_putc(s, '\n');
	}
	seq_puts(s, "# end\n");
	return 0;
}

static int single_proc_open(struct inode *inode, struct file *file)
{
	return single_open(file, single_show, NULL);
}

static const struct proc_ops single_proc_ops = {
	.proc_open = single_proc_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init procfs4_init(void)
{
	if (!proc_create(ITER_NAME, 0444, NULL, &iter_proc_ops))
		return -ENOMEM;
	if (!proc_create(SINGLE_NAME, 0444, NULL, &single_proc_ops)) {
		remove_proc_entry(ITER_NAME, NULL);
		return -ENOMEM;
	}
	pr_info("/proc/%s and /proc/%s created\n", ITER_NAME, SINGLE_NAME);
	return 0;
}

static void __exit procfs4_exit(void)
{
	remove_proc_entry(SINGLE_NAME, NULL);
	remove_proc_entry(ITER_NAME, NULL);
	pr_info("/proc/%s and /proc/%s removed\n", ITER_NAME, SINGLE_NAME);
}

module_init(procfs4_init);
module_exit(procfs4_exit);
