// SPDX-License-Identifier: GPL-2.0
/*
 * devicemodel: a platform driver, the device model's standard shape for a
 * driver: the bus matches it with devices, calls probe when one binds and
 * remove when it unbinds, and calls its power-management callbacks when the
 * system sleeps, hibernates or powers off.
 *
 * The driver is named "devicemodel_example". On an ordinary PC nothing
 * declares a device of that name, so registering the driver only creates
 *   /sys/bus/platform/drivers/devicemodel_example/
 * and probe never runs. Load with self_device=1 and the module registers a
 * matching device itself (platform_device_register_simple, no id, so the
 * device is named exactly like the driver): the bus binds the two at once,
 * probe runs inside the init function, and
 *   /sys/bus/platform/devices/devicemodel_example
 * appears, with a link of the same name in the driver's directory. On
 * unload the device goes first, so remove runs before the driver leaves.
 *
 * probe keeps per-device state in a devm_kzalloc'ed struct: it is freed by
 * the device model when the device unbinds, after remove has run, so
 * neither remove nor the exit function frees it. platform_set_drvdata
 * hangs it on the device; remove and the PM callbacks get it back.
 *
 * dev_info() prefixes messages with the driver name and the device name:
 *   devicemodel_example devicemodel_example: probe: ...
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/version.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A platform driver with probe, remove and PM callbacks");

#define DRIVER_NAME "devicemodel_example"

static bool self_device;
module_param(self_device, bool, 0444);
MODULE_PARM_DESC(self_device,
		 "Register a matching platform device too, so probe runs (default N)");

/* What the driver remembers about one bound device. */
struct devicemodel_data {
	unsigned int serial;	/* the how-many-th probe of this module */
	unsigned int sleeps;	/* suspend/freeze/poweroff calls so far */
	bool asleep;
};

static unsigned int probes;
static struct platform_device *own_device;

static int devicemodel_probe(struct platform_device *pdev)
{
	struct devicemodel_data *data;

	/* Tied to the device: freed automatically once it unbinds. */
	data = devm_kzalloc(&pdev->dev, sizeof(*data), GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	data->serial = ++probes;
	platform_set_drvdata(pdev, data);

	dev_info(&pdev->dev, "probe: serial %u, private data attached\n",
		 data->serial);
	return 0;
}

static void devicemodel_unbind(struct platform_device *pdev)
{
	struct devicemodel_data *data = platform_get_drvdata(pdev);

	dev_info(&pdev->dev, "remove: serial %u, %u sleep(s), %s\n",
		 data->serial, data->sleeps, data->asleep ? "asleep" : "awake");
}

/* .remove returns void from 6.11 on; 6.1 still wants an int. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
static void devicemodel_remove(struct platform_device *pdev)
{
	devicemodel_unbind(pdev);
}
#else
static int devicemodel_remove(struct platform_device *pdev)
{
	devicemodel_unbind(pdev);
	return 0;
}
#endif

/*
 * Power management. The PM core calls these with the struct device, whose
 * driver data is what probe set with platform_set_drvdata.
 *   suspend / resume     suspend to RAM (and to idle)
 *   freeze / thaw        around writing the hibernation image
 *   poweroff / restore   hibernation: before power-off, and after the
 *                        image has been read back at the next boot
 */
static int devicemodel_sleep(struct device *dev, const char *how)
{
	struct devicemodel_data *data = dev_get_drvdata(dev);

	data->sleeps++;
	data->asleep = true;
	dev_info(dev, "%s: going to sleep (%u)\n", how, data->sleeps);
	return 0;
}

static int devicemodel_wake(struct device *dev, const char *how)
{
	struct devicemodel_data *data = dev_get_drvdata(dev);

	data->asleep = false;
	dev_info(dev, "%s: awake again\n", how);
	return 0;
}

static int devicemodel_suspend(struct device *dev)
{
	return devicemodel_sleep(dev, "suspend");
}

static int devicemodel_resume(struct device *dev)
{
	return devicemodel_wake(dev, "resume");
}

static int devicemodel_freeze(struct device *dev)
{
	return devicemodel_sleep(dev, "freeze");
}

static int devicemodel_thaw(struct device *dev)
{
	return devicemodel_wake(dev, "thaw");
}

static int devicemodel_poweroff(struct device *dev)
{
	return devicemodel_sleep(dev, "poweroff");
}

static int devicemodel_restore(struct device *dev)
{
	return devicemodel_wake(dev, "restore");
}

static const struct dev_pm_ops devicemodel_pm_ops = {
	.suspend = devicemodel_suspend,
	.resume = devicemodel_resume,
	.freeze = devicemodel_freeze,
	.thaw = devicemodel_thaw,
	.poweroff = devicemodel_poweroff,
	.restore = devicemodel_restore,
};

static struct platform_driver devicemodel_driver = {
	.driver = {
		.name = DRIVER_NAME,
		.pm = &devicemodel_pm_ops,
	},
	.probe = devicemodel_probe,
	.remove = devicemodel_remove,
};

static int __init devicemodel_init(void)
{
	int ret;

	ret = platform_driver_register(&devicemodel_driver);
	if (ret) {
		pr_err("cannot register driver %s: %d\n", DRIVER_NAME, ret);
		return ret;
	}
	pr_info("driver %s registered\n", DRIVER_NAME);

	if (!self_device)
		return 0;

	/*
	 * The driver is already there, so the bus binds the new device to it
	 * and calls probe before this returns.
	 */
	own_device = platform_device_register_simple(DRIVER_NAME, PLATFORM_DEVID_NONE,
						     NULL, 0);
	if (IS_ERR(own_device)) {
		ret = PTR_ERR(own_device);
		pr_err("cannot register device %s: %d\n", DRIVER_NAME, ret);
		platform_driver_unregister(&devicemodel_driver);
		return ret;
	}
	pr_info("device %s registered, %s\n", dev_name(&own_device->dev),
		own_device->dev.driver ? "bound" : "not bound");
	return 0;
}

static void __exit devicemodel_exit(void)
{
	/* Device first: remove runs while the driver is still registered. */
	if (own_device) {
		platform_device_unregister(own_device);
		own_device = NULL;
		pr_info("device %s unregistered\n", DRIVER_NAME);
	}
	platform_driver_unregister(&devicemodel_driver);
	pr_info("driver %s unregistered, %u probe(s) in all\n", DRIVER_NAME, probes);
}

module_init(devicemodel_init);
module_exit(devicemodel_exit);
