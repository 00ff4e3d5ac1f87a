/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/seq_file.h>. The iteration (start/show/next/stop
 * across reads of any size, buffer growth on overflow, *pos handling, lseek)
 * follows fs/seq_file.c, so reads give the kernel's bytes.
 */
#ifndef _KPLAY_LINUX_SEQ_FILE_H
#define _KPLAY_LINUX_SEQ_FILE_H

#include "linux/types.h"
#include "linux/fs.h"
#include "linux/stdarg.h"

struct seq_operations;

struct seq_file {
	char *buf;
	size_t size;
	size_t from;
	size_t count;
	size_t pad_until;
	loff_t index;
	loff_t read_pos;
	void *lock; /* kplay: the seq_file's mutex */
	const struct seq_operations *op;
	int poll_event;
	const struct file *file;
#ifdef __cplusplus /* a C++ keyword: kplay's C++ side spells it private_ */
	void *private_;
#else
	void *private;
#endif
};

struct seq_operations {
	void *(*start)(struct seq_file *m, loff_t *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, loff_t *pos);
	int (*show)(struct seq_file *m, void *v);
};

#define SEQ_SKIP 1

#ifdef __cplusplus
extern "C" {
#endif

int seq_open(struct file *file, const struct seq_operations *op);
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos);
loff_t seq_lseek(struct file *file, loff_t offset, int whence);
int seq_release(struct inode *inode, struct file *file);
int seq_write(struct seq_file *seq, const void *data, size_t len);
__printf(2, 0) void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_putc(struct seq_file *m, char c);
void seq_puts(struct seq_file *m, const char *s);
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num);
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num);
void seq_pad(struct seq_file *m, char c);
int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data);
int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data, size_t size);
int single_release(struct inode *inode, struct file *file);
void *__seq_open_private(struct file *f, const struct seq_operations *ops, int psize);
int seq_open_private(struct file *f, const struct seq_operations *ops, int psize);
int seq_release_private(struct inode *inode, struct file *file);
struct list_head *seq_list_start(struct list_head *head, loff_t pos);
struct list_head *seq_list_start_head(struct list_head *head, loff_t pos);
struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos);

#ifdef __cplusplus
}
#endif

static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->count == m->size;
}

static inline size_t seq_get_buf(struct seq_file *m, char **bufp)
{
	*bufp = m->count < m->size ? m->buf + m->count : (char *)0;
	return m->size - m->count;
}

#define DEFINE_SEQ_ATTRIBUTE(__name)                                            \
	static int __name##_open(struct inode *inode, struct file *file)        \
	{                                                                       \
		int ret = seq_open(file, &__name##_sops);                       \
		if (!ret && inode->i_private) {                                 \
			struct seq_file *seq_f = file->private_data;            \
			seq_f->private = inode->i_private;                      \
		}                                                               \
		return ret;                                                     \
	}                                                                       \
	static const struct file_operations __name##_fops = {                   \
		.owner = THIS_MODULE,                                           \
		.open = __name##_open,                                          \
		.read = seq_read,                                               \
		.llseek = seq_lseek,                                            \
		.release = seq_release,                                         \
	}

#define DEFINE_SHOW_ATTRIBUTE(__name)                                           \
	static int __name##_open(struct inode *inode, struct file *file)        \
	{                                                                       \
		return single_open(file, __name##_show, inode->i_private);      \
	}                                                                       \
	static const struct file_operations __name##_fops = {                   \
		.owner = THIS_MODULE,                                           \
		.open = __name##_open,                                          \
		.read = seq_read,                                               \
		.llseek = seq_lseek,                                            \
		.release = single_release,                                      \
	}

#endif
