/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/device.h> (the parts character drivers use):
 * classes under ROOT/sys/class and devices whose node appears in ROOT/dev, as
 * devtmpfs creates it, with ROOT/sys/class/<class>/<device>/dev = "major:minor".
 */
#ifndef _KPLAY_LINUX_DEVICE_H
#define _KPLAY_LINUX_DEVICE_H

#include "linux/types.h"
#include "linux/kobject.h"
#include "linux/sysfs.h"
#include "linux/kdev_t.h"
#include "linux/printk.h"

struct module;
struct device;

struct class {
	const char *name;
	struct module *owner;
	const struct attribute_group **class_groups;
	const struct attribute_group **dev_groups;
	char *(*devnode)(struct device *dev, umode_t *mode);
	void (*class_release)(struct class *class);
	void *kplay;
};

struct device {
	struct kobject kobj;
	struct device *parent;
	const char *init_name;
	__kernel_dev_t devt;
	struct class *class;
	void *driver_data;
	void (*release)(struct device *dev);
	void *kplay;
};

struct class_attribute {
	struct attribute attr;
	ssize_t (*show)(struct class *class, struct class_attribute *attr, char *buf);
	ssize_t (*store)(struct class *class, struct class_attribute *attr, const char *buf, size_t count);
};

#ifndef __cplusplus
#define CLASS_ATTR_RW(_name) struct class_attribute class_attr_##_name = __ATTR_RW(_name)
#define CLASS_ATTR_RO(_name) struct class_attribute class_attr_##_name = __ATTR_RO(_name)
#define CLASS_ATTR_WO(_name) struct class_attribute class_attr_##_name = __ATTR_WO(_name)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* 6.1 takes the owning module; 6.4 dropped it. */
struct class *class_create(struct module *owner, const char *name);
void class_destroy(struct class *cls);
int class_register(struct class *cls);
void class_unregister(struct class *cls);
int class_create_file(struct class *cls, const struct class_attribute *attr);
void class_remove_file(struct class *cls, const struct class_attribute *attr);
__printf(5, 6) struct device *device_create(struct class *cls, struct device *parent, __kernel_dev_t devt, void *drvdata,
					    const char *fmt, ...);
void device_destroy(struct class *cls, __kernel_dev_t devt);
const char *dev_name(const struct device *dev);

#ifdef __cplusplus
}
#endif

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

#endif
