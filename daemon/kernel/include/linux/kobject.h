/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/kobject.h>: kobjects are directories under ROOT/sys;
 * their attributes are files with kernfs rules (see linux/sysfs.h).
 */
#ifndef _KPLAY_LINUX_KOBJECT_H
#define _KPLAY_LINUX_KOBJECT_H

#include "linux/types.h"
#include "linux/sysfs.h"
#include "linux/list.h"

struct kobject;

struct kobj_type {
	void (*release)(struct kobject *kobj);
	const struct sysfs_ops *sysfs_ops;
	const struct attribute_group **default_groups;
};

struct kobject {
	const char *name;
	struct list_head entry;
	struct kobject *parent;
	const struct kobj_type *ktype;
	int refcount;
	void *kplay; /* the sysfs directory */
	unsigned int state_initialized : 1;
	unsigned int state_in_sysfs : 1;
};

struct kobj_attribute {
	struct attribute attr;
	ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr, const char *buf, size_t count);
};

#ifdef __cplusplus
extern "C" {
#endif

extern struct kobject *kernel_kobj;
extern struct kobject *firmware_kobj;
extern const struct sysfs_ops kobj_sysfs_ops;

struct kobject *kobject_create_and_add(const char *name, struct kobject *parent);
void kobject_init(struct kobject *kobj, const struct kobj_type *ktype);
__printf(3, 4) int kobject_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...);
__printf(4, 5) int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype, struct kobject *parent,
					const char *fmt, ...);
void kobject_del(struct kobject *kobj);
struct kobject *kobject_get(struct kobject *kobj);
void kobject_put(struct kobject *kobj);

#ifdef __cplusplus
}
#endif

static inline const char *kobject_name(const struct kobject *kobj)
{
	return kobj->name;
}

#endif
