// SPDX-License-Identifier: GPL-2.0
/*
 * dht11: a DHT11 humidity and temperature sensor on GPIO 575, read by
 * bit-banging its one-wire protocol; `cat /dev/dht11` takes a measurement.
 *
 * The host holds the line low for at least 18 ms, then releases it (the
 * pull-up raises it) and listens. The sensor answers 80 us low, 80 us high,
 * then sends 40 bits, each 50 us low followed by a high pulse of 26-28 us
 * (a 0) or 70 us (a 1): humidity, its tenths, temperature, its tenths, and
 * a checksum byte. The driver finds each high pulse's start by polling the
 * line in 1 us steps and samples it 40 us later: still high means a 1.
 * A frame whose checksum is wrong is read again, up to 3 times.
 *
 * Without a GPIO controller for line 575 the request fails with
 * -EPROBE_DEFER (-517), and so does the load.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/gpio.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/version.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("DHT11 sensor on a GPIO line, read through /dev/dht11");

#define DEVICE_NAME "dht11"
#define DHT11_GPIO 575
#define TRIES 3

static int major;
static struct class *cls;
static DEFINE_MUTEX(dht11_lock); /* one exchange on the wire at a time */

/* Microseconds until the line reads `level`, or -1 after max_us. */
static int wait_for_level(int level, int max_us)
{
	int us;

	for (us = 0; gpio_get_value(DHT11_GPIO) != level; us++) {
		if (us >= max_us)
			return -1;
		udelay(1);
	}
	return us;
}

static int dht11_exchange(u8 data[5])
{
	int i;

	/* Start signal: low for 20 ms, then let the pull-up take the line. */
	gpio_direction_output(DHT11_GPIO, 0);
	msleep(20);
	gpio_direction_input(DHT11_GPIO);

	/* The answer: low, high, then the first bit's low. */
	if (wait_for_level(0, 100) < 0 || wait_for_level(1, 100) < 0 ||
	    wait_for_level(0, 100) < 0)
		return -ETIMEDOUT;

	memset(data, 0, 5);
	for (i = 0; i < 40; i++) {
		if (wait_for_level(1, 80) < 0)
			return -EIO;
		udelay(40);
		if (gpio_get_value(DHT11_GPIO)) {
			data[i / 8] |= 0x80 >> (i % 8);
			if (wait_for_level(0, 80) < 0)
				return -EIO;
		}
	}
	if (((data[0] + data[1] + data[2] + data[3]) & 0xff) != data[4])
		return -EIO;
	return 0;
}

static int dht11_measure(char *buf, size_t size)
{
	u8 data[5];
	int tries, ret = -EIO;

	for (tries = 0; tries < TRIES; tries++) {
		ret = dht11_exchange(data);
		if (ret != -EIO)
			break;
		msleep(10);
	}
	if (ret == -ETIMEDOUT) {
		pr_err("no answer from the sensor on GPIO %d\n", DHT11_GPIO);
		return ret;
	}
	if (ret) {
		pr_err("bad frame from the sensor %d times\n", TRIES);
		return ret;
	}
	return scnprintf(buf, size, "humidity: %u.%u %%\ntemperature: %u.%u C\n",
			 data[0], data[1], data[2], data[3]);
}

static int dht11_open(struct inode *inode, struct file *file)
{
	file->private_data = kzalloc(64, GFP_KERNEL);
	return file->private_data ? 0 : -ENOMEM;
}

static int dht11_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static ssize_t dht11_read(struct file *file, char __user *ubuf, size_t len, loff_t *off)
{
	char *text = file->private_data;
	int n;

	/* A read from the start takes a new measurement. */
	if (*off == 0) {
		if (mutex_lock_interruptible(&dht11_lock))
			return -ERESTARTSYS;
		n = dht11_measure(text, 64);
		mutex_unlock(&dht11_lock);
		if (n < 0) {
			text[0] = '\0';
			return n;
		}
	}
	return simple_read_from_buffer(ubuf, len, off, text, strlen(text));
}

static const struct file_operations dht11_fops = {
	.owner = THIS_MODULE,
	.open = dht11_open,
	.release = dht11_release,
	.read = dht11_read,
};

static int __init dht11_init(void)
{
	struct device *dev;
	int ret;

	ret = gpio_request(DHT11_GPIO, "dht11");
	if (ret) {
		pr_err("cannot request GPIO %d: %d\n", DHT11_GPIO, ret);
		return ret;
	}
	gpio_direction_input(DHT11_GPIO);

	major = register_chrdev(0, DEVICE_NAME, &dht11_fops);
	if (major < 0) {
		ret = major;
		goto free_gpio;
	}
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	cls = class_create(DEVICE_NAME);
#else
	cls = class_create(THIS_MODULE, DEVICE_NAME);
#endif
	if (IS_ERR(cls)) {
		ret = PTR_ERR(cls);
		goto unregister;
	}
	dev = device_create(cls, NULL, MKDEV(major, 0), NULL, DEVICE_NAME);
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		goto destroy_class;
	}
	pr_info("sensor on GPIO %d, read it from /dev/%s\n", DHT11_GPIO, DEVICE_NAME);
	return 0;

destroy_class:
	class_destroy(cls);
unregister:
	unregister_chrdev(major, DEVICE_NAME);
free_gpio:
	gpio_free(DHT11_GPIO);
	return ret;
}

static void __exit dht11_exit(void)
{
	device_destroy(cls, MKDEV(major, 0));
	class_destroy(cls);
	unregister_chrdev(major, DEVICE_NAME);
	gpio_free(DHT11_GPIO);
	pr_info("unloaded\n");
}

module_init(dht11_init);
module_exit(dht11_exit);
