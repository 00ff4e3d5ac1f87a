// SPDX-License-Identifier: GPL-2.0
/*
 * led: an LED on GPIO 4 behind a character device, /dev/gpio_led.
 *
 * Writing "1" to the device lights the LED, "0" puts it out; reading tells
 * the LED's state. The GPIO is requested with the legacy integer API and
 * set up as an output, low. On a machine without a GPIO controller for
 * line 4 the request fails with -EPROBE_DEFER (-517), and so does the load.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/gpio.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/uaccess.h>
#include <linux/version.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("An LED on a GPIO line, switched through /dev/gpio_led");

#define DEVICE_NAME "gpio_led"
#define LED_GPIO 4

static int major;
static struct class *cls;

static ssize_t led_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	const char *state = gpio_get_value(LED_GPIO) ? "on\n" : "off\n";

	return simple_read_from_buffer(buf, len, off, state, strlen(state));
}

static ssize_t led_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	char c;

	if (len == 0)
		return 0;
	if (get_user(c, buf))
		return -EFAULT;
	switch (c) {
	case '0':
	case '1':
		gpio_set_value(LED_GPIO, c - '0');
		pr_info("LED %s\n", c == '1' ? "on" : "off");
		return len;
	default:
		pr_err("unknown command '%c': write 0 or 1\n", c);
		return -EINVAL;
	}
}

static const struct file_operations led_fops = {
	.owner = THIS_MODULE,
	.read = led_read,
	.write = led_write,
};

static int __init led_init(void)
{
	struct device *dev;
	int ret;

	ret = gpio_request(LED_GPIO, "led");
	if (ret) {
		pr_err("cannot request GPIO %d: %d\n", LED_GPIO, ret);
		return ret;
	}
	ret = gpio_direction_output(LED_GPIO, 0);
	if (ret) {
		pr_err("cannot make GPIO %d an output: %d\n", LED_GPIO, ret);
		goto free_gpio;
	}

	major = register_chrdev(0, DEVICE_NAME, &led_fops);
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
	pr_info("LED on GPIO %d, switch it with /dev/%s\n", LED_GPIO, DEVICE_NAME);
	return 0;

destroy_class:
	class_destroy(cls);
unregister:
	unregister_chrdev(major, DEVICE_NAME);
free_gpio:
	gpio_free(LED_GPIO);
	return ret;
}

static void __exit led_exit(void)
{
	device_destroy(cls, MKDEV(major, 0));
	class_destroy(cls);
	unregister_chrdev(major, DEVICE_NAME);
	gpio_set_value(LED_GPIO, 0);
	gpio_free(LED_GPIO);
	pr_info("LED off, GPIO %d freed\n", LED_GPIO);
}

module_init(led_init);
module_exit(led_exit);
