/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/debugfs.h>: debugfs under ROOT/sys/kernel/debug.
 * The value files format and parse as fs/debugfs/file.c does ("%llu\n",
 * "0x%08llx\n", "Y\n"), and the read-only variants refuse writes with EACCES.
 */
#ifndef _KPLAY_LINUX_DEBUGFS_H
#define _KPLAY_LINUX_DEBUGFS_H

#include "linux/fs.h"
#include "linux/types.h"

struct debugfs_blob_wrapper {
	void *data;
	unsigned long size;
};

#ifdef __cplusplus
extern "C" {
#endif

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent);
struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent, void *data,
				   const struct file_operations *fops);
void debugfs_create_u8(const char *name, umode_t mode, struct dentry *parent, u8 *value);
void debugfs_create_u16(const char *name, umode_t mode, struct dentry *parent, u16 *value);
void debugfs_create_u32(const char *name, umode_t mode, struct dentry *parent, u32 *value);
void debugfs_create_u64(const char *name, umode_t mode, struct dentry *parent, u64 *value);
void debugfs_create_x8(const char *name, umode_t mode, struct dentry *parent, u8 *value);
void debugfs_create_x16(const char *name, umode_t mode, struct dentry *parent, u16 *value);
void debugfs_create_x32(const char *name, umode_t mode, struct dentry *parent, u32 *value);
void debugfs_create_x64(const char *name, umode_t mode, struct dentry *parent, u64 *value);
void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent, bool *value);
struct dentry *debugfs_create_blob(const char *name, umode_t mode, struct dentry *parent,
				   struct debugfs_blob_wrapper *blob);
void debugfs_remove(struct dentry *dentry);
bool debugfs_initialized(void);

#ifdef __cplusplus
}
#endif

#define debugfs_remove_recursive debugfs_remove

#endif
