/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/platform_device.h>: the platform bus. Drivers bind
 * to devices of the same name (or in their id_table); probe runs on binding,
 * remove on unbinding, and devm_ resources are released after remove.
 * ROOT/sys/bus/platform/{drivers,devices} and ROOT/sys/devices/platform show
 * them; ROOT/sys/kernel/kplay/platform/add and .../power/state let a user
 * add a device by name and run the PM callbacks (kplay's own controls).
 */
#ifndef _KPLAY_LINUX_PLATFORM_DEVICE_H
#define _KPLAY_LINUX_PLATFORM_DEVICE_H

#include "linux/device.h"
#include "linux/types.h"

#define PLATFORM_DEVID_NONE (-1)
#define PLATFORM_DEVID_AUTO (-2)
#define PLATFORM_NAME_SIZE 20

struct resource;

struct platform_device_id {
	char name[PLATFORM_NAME_SIZE];
	unsigned long driver_data;
};

struct platform_device {
	const char *name;
	int id;
	bool id_auto;
	struct device dev;
	u64 platform_dma_mask;
	u32 num_resources;
	struct resource *resource;
	const struct platform_device_id *id_entry;
};

typedef struct pm_message {
	int event;
} pm_message_t;

struct platform_driver {
	int (*probe)(struct platform_device *);
	int (*remove)(struct platform_device *);
	void (*shutdown)(struct platform_device *);
	int (*suspend)(struct platform_device *, pm_message_t state);
	int (*resume)(struct platform_device *);
	struct device_driver driver;
	const struct platform_device_id *id_table;
};

#define to_platform_device(x) container_of((x), struct platform_device, dev)
#define to_platform_driver(drv) container_of((drv), struct platform_driver, driver)

#ifdef __cplusplus
extern "C" {
#endif

int __platform_driver_register(struct platform_driver *drv, struct module *owner);
void platform_driver_unregister(struct platform_driver *drv);
struct platform_device *platform_device_alloc(const char *name, int id);
int platform_device_add(struct platform_device *pdev);
void platform_device_del(struct platform_device *pdev);
void platform_device_put(struct platform_device *pdev);
int platform_device_register(struct platform_device *pdev);
void platform_device_unregister(struct platform_device *pdev);
struct platform_device *platform_device_register_resndata(struct device *parent, const char *name, int id,
							  const struct resource *res, unsigned int num,
							  const void *data, size_t size);
int platform_device_add_data(struct platform_device *pdev, const void *data, size_t size);

#ifdef __cplusplus
}
#endif

#define platform_driver_register(drv) __platform_driver_register(drv, THIS_MODULE)

static inline struct platform_device *platform_device_register_simple(const char *name, int id,
								      const struct resource *res, unsigned int num)
{
	return platform_device_register_resndata(NULL, name, id, res, num, NULL, 0);
}

static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void platform_set_drvdata(struct platform_device *pdev, void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

#define module_platform_driver(__platform_driver)                                    \
	static int __init __platform_driver##_init(void)                             \
	{                                                                            \
		return platform_driver_register(&(__platform_driver));               \
	}                                                                            \
	module_init(__platform_driver##_init);                                       \
	static void __exit __platform_driver##_exit(void)                            \
	{                                                                            \
		platform_driver_unregister(&(__platform_driver));                    \
	}                                                                            \
	module_exit(__platform_driver##_exit)

#endif
