// SPDX-License-Identifier: GPL-2.0
/*
 * dma: the two kinds of DMA memory a driver uses, on a platform device the
 * module creates for itself (there is no hardware: nothing reads or writes
 * the buffers but the CPU, so this shows the API and its rules, not a
 * transfer).
 *
 *   coherent   dmam_alloc_coherent(): a buffer that CPU and device both
 *              see at all times, for descriptors and rings. Managed (devm):
 *              it is freed when the device unbinds, after remove has run.
 *   streaming  dma_map_single() of ordinary kmalloc memory, for one
 *              transfer: between map and unmap the buffer belongs to the
 *              device and the CPU must not touch it. The direction says
 *              which way the data goes (DMA_TO_DEVICE, DMA_FROM_DEVICE);
 *              dma_mapping_error() is the only valid test of a mapping.
 *
 * First the device asks for 64-bit DMA addresses with
 * dma_set_mask_and_coherent(); a platform device starts with 32-bit masks.
 *
 * Bus addresses and CPU addresses differ from boot to boot (and between
 * machines), so the log shows only what does not: sizes, masks, checks.
 *
 * The device (id 0, so it is named "dma_example.0") is registered before
 * the driver: dev_info() on it says "platform dma_example.0:" while it has
 * no driver, and "dma_example dma_example.0:" once bound.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/printk.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/types.h>
#include <linux/version.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Coherent and streaming DMA on a platform device");

#define DRIVER_NAME "dma_example"
#define COHERENT_SIZE SZ_4K
#define STREAM_SIZE 256

static struct platform_device *dma_pdev;

/* A byte pattern that differs from one offset to the next. */
static void fill_pattern(u8 *buf, size_t len, u8 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (u8)(seed + i * 7);
}

/* How many bytes of buf hold the pattern. */
static size_t count_pattern(const u8 *buf, size_t len, u8 seed)
{
	size_t i, good = 0;

	for (i = 0; i < len; i++)
		if (buf[i] == (u8)(seed + i * 7))
			good++;
	return good;
}

static size_t count_zero(const u8 *buf, size_t len)
{
	size_t i, zero = 0;

	for (i = 0; i < len; i++)
		if (!buf[i])
			zero++;
	return zero;
}

/* Runs when devres unwinds, in reverse order of registration. */
static void dma_example_devres_note(void *arg)
{
	struct device *dev = arg;

	dev_info(dev, "devres: coherent buffer freed, last managed resource released\n");
}

static int dma_example_coherent(struct device *dev)
{
	dma_addr_t handle;
	u8 *buf;
	size_t n;
	int ret;

	/* Registered first, so it runs after the buffer has been freed. */
	ret = devm_add_action_or_reset(dev, dma_example_devres_note, dev);
	if (ret)
		return ret;

	buf = dmam_alloc_coherent(dev, COHERENT_SIZE, &handle, GFP_KERNEL);
	if (!buf) {
		dev_err(dev, "coherent: cannot allocate %d bytes\n", COHERENT_SIZE);
		return -ENOMEM;
	}
	n = count_zero(buf, COHERENT_SIZE);
	dev_info(dev, "coherent: %d bytes allocated, %zu zeroed, page aligned: %s\n",
		 COHERENT_SIZE, n, PAGE_ALIGNED(buf) ? "yes" : "no");

	fill_pattern(buf, COHERENT_SIZE, 0x11);
	n = count_pattern(buf, COHERENT_SIZE, 0x11);
	dev_info(dev, "coherent: pattern written, %zu of %d bytes check\n",
		 n, COHERENT_SIZE);
	return n == COHERENT_SIZE ? 0 : -EIO;
}

static int dma_example_stream(struct device *dev, enum dma_data_direction dir,
			      const char *what)
{
	dma_addr_t handle;
	u8 *buf;
	size_t n;
	int ret = 0;

	buf = kmalloc(STREAM_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	fill_pattern(buf, STREAM_SIZE, 0xa5);

	handle = dma_map_single(dev, buf, STREAM_SIZE, dir);
	if (dma_mapping_error(dev, handle)) {
		dev_err(dev, "%s: mapping %d bytes failed\n", what, STREAM_SIZE);
		ret = -ENOMEM;
		goto out;
	}
	dev_info(dev, "%s: %d bytes mapped, mapping ok\n", what, STREAM_SIZE);

	/* Here the device would do the transfer; the CPU keeps its hands off. */

	dma_unmap_single(dev, handle, STREAM_SIZE, dir);
	if (dir == DMA_TO_DEVICE) {
		/* The device only read it: the CPU's data is still there. */
		n = count_pattern(buf, STREAM_SIZE, 0xa5);
		dev_info(dev, "%s: unmapped, %zu of %d bytes unchanged\n",
			 what, n, STREAM_SIZE);
		if (n != STREAM_SIZE)
			ret = -EIO;
	} else {
		/* What a device wrote would be readable from here on. */
		dev_info(dev, "%s: unmapped, the buffer is the CPU's again\n", what);
	}
out:
	kfree(buf);
	return ret;
}

static int dma_example_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	int ret;

	dev_info(dev, "probe: default masks: streaming %#llx, coherent %#llx\n",
		 (unsigned long long)dma_get_mask(dev),
		 (unsigned long long)dev->coherent_dma_mask);

	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64));
	if (ret) {
		dev_err(dev, "probe: no 64-bit DMA: %d\n", ret);
		return ret;
	}
	dev_info(dev, "probe: masks now: streaming %#llx, coherent %#llx\n",
		 (unsigned long long)dma_get_mask(dev),
		 (unsigned long long)dev->coherent_dma_mask);

	ret = dma_example_coherent(dev);
	if (ret)
		return ret;
	ret = dma_example_stream(dev, DMA_TO_DEVICE, "to-device");
	if (ret)
		return ret;
	ret = dma_example_stream(dev, DMA_FROM_DEVICE, "from-device");
	if (ret)
		return ret;

	dev_info(dev, "probe: done\n");
	return 0;
}

static void dma_example_unbind(struct platform_device *pdev)
{
	dev_info(&pdev->dev, "remove: the coherent buffer is still allocated\n");
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
static void dma_example_remove(struct platform_device *pdev)
{
	dma_example_unbind(pdev);
}
#else
static int dma_example_remove(struct platform_device *pdev)
{
	dma_example_unbind(pdev);
	return 0;
}
#endif

static struct platform_driver dma_example_driver = {
	.driver = {
		.name = DRIVER_NAME,
	},
	.probe = dma_example_probe,
	.remove = dma_example_remove,
};

static int __init dma_example_init(void)
{
	int ret;

	dma_pdev = platform_device_register_simple(DRIVER_NAME, 0, NULL, 0);
	if (IS_ERR(dma_pdev)) {
		pr_err("cannot register device %s.0: %ld\n", DRIVER_NAME,
		       PTR_ERR(dma_pdev));
		return PTR_ERR(dma_pdev);
	}
	dev_info(&dma_pdev->dev, "device registered, no driver yet\n");

	/* Binds dma_example.0 at once: probe runs before this returns. */
	ret = platform_driver_register(&dma_example_driver);
	if (ret) {
		pr_err("cannot register driver %s: %d\n", DRIVER_NAME, ret);
		goto err_device;
	}
	/* A failed probe does not fail the registration: check the binding. */
	if (!dma_pdev->dev.driver) {
		pr_err("%s was not bound\n", dev_name(&dma_pdev->dev));
		ret = -ENODEV;
		goto err_driver;
	}
	return 0;

err_driver:
	platform_driver_unregister(&dma_example_driver);
err_device:
	platform_device_unregister(dma_pdev);
	return ret;
}

static void __exit dma_example_exit(void)
{
	/* Unbinds the device: remove, then devres frees the coherent buffer. */
	platform_driver_unregister(&dma_example_driver);
	dev_info(&dma_pdev->dev, "driver gone\n");
	platform_device_unregister(dma_pdev);
	pr_info("device %s.0 unregistered\n", DRIVER_NAME);
}

module_init(dma_example_init);
module_exit(dma_example_exit);
