/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/sysfs.h>. Attribute files follow fs/kernfs/file.c:
 * show fills one PAGE_SIZE buffer when a read starts at offset 0; each
 * write() calls store once with at most PAGE_SIZE bytes, NUL-terminated, and
 * store's return value is write()'s; no show means EACCES on read and no
 * store means EACCES when opening for write, even for root; size is 4096.
 */
#ifndef _KPLAY_LINUX_SYSFS_H
#define _KPLAY_LINUX_SYSFS_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "linux/stringify.h"
#ifndef __cplusplus
#include "linux/moduleparam.h" /* VERIFY_OCTAL_PERMISSIONS */
#endif

struct kobject;
struct module;

struct attribute {
	const char *name;
	umode_t mode;
};

struct attribute_group {
	const char *name;
	umode_t (*is_visible)(struct kobject *, struct attribute *, int);
	struct attribute **attrs;
};

struct sysfs_ops {
	ssize_t (*show)(struct kobject *, struct attribute *, char *);
	ssize_t (*store)(struct kobject *, struct attribute *, const char *, size_t);
};

#ifndef __cplusplus
#define __ATTR(_name, _mode, _show, _store)                                              \
	{                                                                                \
		.attr = { .name = __stringify(_name), .mode = VERIFY_OCTAL_PERMISSIONS(_mode) }, \
		.show = _show, .store = _store,                                          \
	}
#define __ATTR_RO_MODE(_name, _mode)                                                     \
	{                                                                                \
		.attr = { .name = __stringify(_name), .mode = VERIFY_OCTAL_PERMISSIONS(_mode) }, \
		.show = _name##_show,                                                    \
	}
#define __ATTR_RO(_name)                                                                 \
	{                                                                                \
		.attr = { .name = __stringify(_name), .mode = 0444 }, .show = _name##_show,    \
	}
#define __ATTR_WO(_name)                                                                 \
	{                                                                                \
		.attr = { .name = __stringify(_name), .mode = 0200 }, .store = _name##_store,  \
	}
#define __ATTR_RW_MODE(_name, _mode) __ATTR(_name, _mode, _name##_show, _name##_store)
#define __ATTR_RW(_name) __ATTR(_name, 0644, _name##_show, _name##_store)
#define __ATTR_NULL { .attr = { .name = NULL } }

#define ATTRIBUTE_GROUPS(_name)                                                          \
	static const struct attribute_group _name##_group = { .attrs = _name##_attrs };  \
	static const struct attribute_group *_name##_groups[] = { &_name##_group, NULL }
#endif

#ifdef __cplusplus
extern "C" {
#endif

int sysfs_create_file(struct kobject *kobj, const struct attribute *attr);
void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr);
int sysfs_create_files(struct kobject *kobj, const struct attribute *const *attr);
void sysfs_remove_files(struct kobject *kobj, const struct attribute *const *attr);
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp);
void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp);
int sysfs_create_groups(struct kobject *kobj, const struct attribute_group **groups);
void sysfs_remove_groups(struct kobject *kobj, const struct attribute_group **groups);
__printf(2, 3) int sysfs_emit(char *buf, const char *fmt, ...);
__printf(3, 4) int sysfs_emit_at(char *buf, int at, const char *fmt, ...);

#ifdef __cplusplus
}
#endif

#endif
