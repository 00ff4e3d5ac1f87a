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
#include "linux/gfp.h"

struct module;
struct device;
struct device_driver;
struct bus_type;
struct dev_pm_ops;
struct device_node;
struct of_device_id;

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
	void *platform_data;
	struct device_driver *driver;
	const struct bus_type *bus;
	u64 *dma_mask;
	u64 coherent_dma_mask;
	void (*release)(struct device *dev);
	struct device_node *of_node; /* its device-tree node, if any */
	void *kplay;
};

struct device_driver {
	const char *name;
	const struct bus_type *bus;
	struct module *owner;
	const struct dev_pm_ops *pm;
	const struct of_device_id *of_match_table;
	int (*probe)(struct device *dev);
	int (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	void *kplay;
};

struct bus_type {
	const char *name;
};

/* The power-management callbacks of a driver (include/linux/pm.h). */
struct dev_pm_ops {
	int (*prepare)(struct device *dev);
	void (*complete)(struct device *dev);
	int (*suspend)(struct device *dev);
	int (*resume)(struct device *dev);
	int (*freeze)(struct device *dev);
	int (*thaw)(struct device *dev);
	int (*poweroff)(struct device *dev);
	int (*restore)(struct device *dev);
	int (*runtime_suspend)(struct device *dev);
	int (*runtime_resume)(struct device *dev);
	int (*runtime_idle)(struct device *dev);
};

#define SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \
	.suspend = suspend_fn, .resume = resume_fn, .freeze = suspend_fn, .thaw = resume_fn, \
	.poweroff = suspend_fn, .restore = resume_fn,
#define SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn) \
	const struct dev_pm_ops name = { SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) }
#define DEFINE_SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn) SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn)
#define pm_sleep_ptr(_ptr) (_ptr)
#define pm_ptr(_ptr) (_ptr)

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
const char *dev_driver_string(const struct device *dev);
__printf(3, 4) void _dev_printk_kplay(const char *level, const struct device *dev, const char *fmt, ...);
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp);
void devm_kfree(struct device *dev, const void *p);
int devm_add_action(struct device *dev, void (*action)(void *), void *data);
int devm_add_action_or_reset(struct device *dev, void (*action)(void *), void *data);

#ifdef __cplusplus
}
#endif

#define dev_emerg(dev, fmt, ...) _dev_printk_kplay(KERN_EMERG, dev, fmt, ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...) _dev_printk_kplay(KERN_ALERT, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...) _dev_printk_kplay(KERN_CRIT, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) _dev_printk_kplay(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) _dev_printk_kplay(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) _dev_printk_kplay(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) _dev_printk_kplay(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#ifdef DEBUG
#define dev_dbg(dev, fmt, ...) _dev_printk_kplay(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)
#else
#define dev_dbg(dev, fmt, ...) ({ if (0) _dev_printk_kplay(KERN_DEBUG, dev, fmt, ##__VA_ARGS__); })
#endif

static inline void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size, gfp | __GFP_ZERO);
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

#endif
