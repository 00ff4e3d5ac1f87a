// SPDX-License-Identifier: GPL-2.0
/*
 * bh_threaded: a threaded interrupt as the bottom half. request_threaded_irq
 * takes two functions: the hard handler, run in interrupt context, answers
 * IRQ_WAKE_THREAD; the kernel then wakes the IRQ's own kernel thread
 * ("irq/N-name"), which runs the thread function in process context, where
 * sleeping is allowed. Button 1 (GPIO 17) uses both; button 2 (GPIO 18)
 * passes no hard handler at all, which needs IRQF_ONESHOT. The LED is on
 * GPIO 4. Without a GPIO controller for these lines the requests fail with
 * -EPROBE_DEFER (-517), and so does the load.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/gpio.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("GPIO interrupts with threaded handlers as bottom halves");

static struct gpio leds[] = { { 4, GPIOF_OUT_INIT_LOW, "LED 1" } };

static struct gpio buttons[] = {
	{ 17, GPIOF_IN, "Button 1" },
	{ 18, GPIOF_IN, "Button 2" },
};

static int button_irqs[ARRAY_SIZE(buttons)] = { -1, -1 };

static irqreturn_t button_hard(int irq, void *data)
{
	pr_info("hard handler: button 1 (in_irq %d), waking the thread\n", !!in_irq());
	return IRQ_WAKE_THREAD;
}

static irqreturn_t button_thread(int irq, void *data)
{
	unsigned int i = (uintptr_t)data;

	/* Process context: sleeping is fine here. */
	msleep(10);
	gpio_set_value(leds[0].gpio, i == 0);
	pr_info("thread %s: button %u, LED %s (in_irq %d)\n", current->comm, i + 1,
		i == 0 ? "on" : "off", !!in_irq());
	return IRQ_HANDLED;
}

static int __init bh_threaded_init(void)
{
	unsigned int i;
	int ret;

	ret = gpio_request_array(leds, ARRAY_SIZE(leds));
	if (ret) {
		pr_err("cannot request the LED GPIO: %d\n", ret);
		return ret;
	}
	ret = gpio_request_array(buttons, ARRAY_SIZE(buttons));
	if (ret) {
		pr_err("cannot request the button GPIOs: %d\n", ret);
		goto free_leds;
	}
	for (i = 0; i < ARRAY_SIZE(buttons); i++) {
		ret = gpio_to_irq(buttons[i].gpio);
		if (ret < 0)
			goto free_irqs;
		button_irqs[i] = ret;
		if (i == 0)
			ret = request_threaded_irq(button_irqs[i], button_hard, button_thread,
						   IRQF_TRIGGER_RISING, "bh_threaded#b1",
						   (void *)(uintptr_t)i);
		else
			ret = request_threaded_irq(button_irqs[i], NULL, button_thread,
						   IRQF_TRIGGER_RISING | IRQF_ONESHOT,
						   "bh_threaded#b2", (void *)(uintptr_t)i);
		if (ret) {
			pr_err("cannot request IRQ %d: %d\n", button_irqs[i], ret);
			button_irqs[i] = -1;
			goto free_irqs;
		}
	}
	pr_info("threaded IRQs for GPIO %u and %u, LED on GPIO %u\n", buttons[0].gpio,
		buttons[1].gpio, leds[0].gpio);
	return 0;

free_irqs:
	for (i = 0; i < ARRAY_SIZE(buttons); i++)
		if (button_irqs[i] >= 0)
			free_irq(button_irqs[i], (void *)(uintptr_t)i);
	gpio_free_array(buttons, ARRAY_SIZE(buttons));
free_leds:
	gpio_free_array(leds, ARRAY_SIZE(leds));
	return ret;
}

static void __exit bh_threaded_exit(void)
{
	unsigned int i;

	/* free_irq waits for a running thread function and stops the thread. */
	for (i = 0; i < ARRAY_SIZE(buttons); i++)
		free_irq(button_irqs[i], (void *)(uintptr_t)i);
	gpio_set_value(leds[0].gpio, 0);
	gpio_free_array(leds, ARRAY_SIZE(leds));
	gpio_free_array(buttons, ARRAY_SIZE(buttons));
	pr_info("unloaded\n");
}

module_init(bh_threaded_init);
module_exit(bh_threaded_exit);
