/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/fs.h>: struct file, struct inode and the file
 * operations of character devices, with the fields modules use, and the
 * character-device registry (fs/char_dev.c). kplay creates one struct file
 * per open() and calls the operations with the caller's size, offset and
 * flags; f_flags is refreshed on every call (O_NONBLOCK set by fcntl shows).
 */
#ifndef _KPLAY_LINUX_FS_H
#define _KPLAY_LINUX_FS_H

#include "linux/compiler.h"
#include "linux/types.h"
#include "linux/kdev_t.h"
#include "linux/uidgid.h"
#ifndef __cplusplus /* the C library supplies these to kplay's C++ side */
#include "linux/stat.h"
#include "linux/errno.h"
#include "linux/string.h"
#endif

struct module;
struct file;
struct inode;
struct cdev;
struct poll_table_struct;
struct seq_file;
struct user_namespace;

#ifndef __cplusplus
/* open flags, as userspace and the kernel share them (x86). */
#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_EXCL 00000200
#define O_NOCTTY 00000400
#define O_TRUNC 00001000
#define O_APPEND 00002000
#define O_NONBLOCK 00004000
#define O_DSYNC 00010000
#define O_DIRECT 00040000
#define O_LARGEFILE 00100000
#define O_DIRECTORY 00200000
#define O_NOFOLLOW 00400000
#define O_CLOEXEC 02000000
#define O_NDELAY O_NONBLOCK

#define FMODE_READ ((fmode_t)0x1)
#define FMODE_WRITE ((fmode_t)0x2)
#define FMODE_LSEEK ((fmode_t)0x4)
#define FMODE_PREAD ((fmode_t)0x8)
#define FMODE_PWRITE ((fmode_t)0x10)

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif /* !__cplusplus */

#define MAX_LFS_FILESIZE ((loff_t)(~0ULL >> 1))

struct qstr {
	u32 len;
	const unsigned char *name;
};

struct dentry {
	struct qstr d_name;
	struct inode *d_inode;
	struct dentry *d_parent;
};

struct path {
	struct dentry *dentry;
};

struct inode {
	umode_t i_mode;
	kuid_t i_uid;
	kgid_t i_gid;
	unsigned long i_ino;
	__kernel_dev_t i_rdev;
	loff_t i_size;
	void *i_private;
	const struct file_operations *i_fop;
	struct cdev *i_cdev;
};

struct file {
	struct path f_path;
	struct inode *f_inode;
	const struct file_operations *f_op;
	unsigned int f_flags;
	fmode_t f_mode;
	loff_t f_pos;
	void *private_data;
	struct kplay_file *kplay; /* kplay's bookkeeping */
};

typedef void *fl_owner_t;

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, fl_owner_t id);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, loff_t, loff_t, int datasync);
};

struct inode_operations {
	int (*permission)(struct user_namespace *, struct inode *, int);
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

static inline unsigned iminor(const struct inode *inode)
{
	return MINOR(inode->i_rdev);
}

static inline unsigned imajor(const struct inode *inode)
{
	return MAJOR(inode->i_rdev);
}

#define MAY_EXEC 0x00000001
#define MAY_WRITE 0x00000002
#define MAY_READ 0x00000004
#define MAY_APPEND 0x00000008
#define MAY_ACCESS 0x00000010
#define MAY_OPEN 0x00000020

#define CHRDEV_MAJOR_MAX 512
#define CHRDEV_MAJOR_DYN_END 234
#define CHRDEV_MAJOR_DYN_EXT_START 511
#define CHRDEV_MAJOR_DYN_EXT_END 384

#ifdef __cplusplus
extern "C" {
#endif

/* fs/char_dev.c */
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count, const char *name,
		      const struct file_operations *fops);
void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count, const char *name);
int register_chrdev_region(__kernel_dev_t from, unsigned count, const char *name);
int alloc_chrdev_region(__kernel_dev_t *dev, unsigned baseminor, unsigned count, const char *name);
void unregister_chrdev_region(__kernel_dev_t from, unsigned count);

/* fs/read_write.c and fs/libfs.c */
loff_t no_llseek(struct file *file, loff_t offset, int whence);
loff_t noop_llseek(struct file *file, loff_t offset, int whence);
loff_t default_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size);
int nonseekable_open(struct inode *inode, struct file *filp);
int stream_open(struct inode *inode, struct file *filp);
int simple_open(struct inode *inode, struct file *file);
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from, size_t available);
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos, const void __user *from, size_t count);

#ifdef __cplusplus
}
#endif

static inline int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	return __register_chrdev(major, 0, 256, name, fops);
}

static inline void unregister_chrdev(unsigned int major, const char *name)
{
	__unregister_chrdev(major, 0, 256, name);
}

#endif
