// SPDX-License-Identifier: GPL-2.0
/*
 * intrpt: two buttons and an LED on GPIO lines, as on a single-board
 * computer: buttons on GPIO 17 and 18, the LED on GPIO 4.
 *
 * Each button's line is an input whose rising edge raises an interrupt;
 * the handler runs in hard-IRQ context, so it only flips the LED (button 1
 * lights it, button 2 puts it out) and counts. Change the numbers to your
 * board's. Without a GPIO controller for these lines gpio_request_array
 * fails with -EPROBE_DEFER (-517), and so does the load.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gpio.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Buttons on GPIO interrupts switching an LED");

static struct gpio leds[] = { { 4, GPIOF_OUT_INIT_LOW, "LED 1" } };

static struct gpio buttons[] = {
	{ 17, GPIOF_IN, "Button 1" },	/* lights the LED */
	{ 18, GPIOF_IN, "Button 2" },	/* puts it out */
};

static int button_irqs[ARRAY_SIZE(buttons)] = { -1, -1 };
static unsigned int presses[ARRAY_SIZE(buttons)];

static irqreturn_t button_isr(int irq, void *data)
{
	unsigned int i = (uintptr_t)data;

	presses[i]++;
	gpio_set_value(leds[0].gpio, i == 0);
	pr_info("button %u pressed (irq %d, in_irq %d): LED %s\n", i + 1, irq, !!in_irq(),
		i == 0 ? "on" : "off");
	return IRQ_HANDLED;
}

static int __init intrpt_init(void)
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
		if (ret < 0) {
			pr_err("no IRQ for GPIO %u: %d\n", buttons[i].gpio, ret);
			goto free_irqs;
		}
		button_irqs[i] = ret;
		ret = request_irq(button_irqs[i], button_isr, IRQF_TRIGGER_RISING,
				  i == 0 ? "gpiomod#button1" : "gpiomod#button2",
				  (void *)(uintptr_t)i);
		if (ret) {
			pr_err("cannot request IRQ %d: %d\n", button_irqs[i], ret);
			button_irqs[i] = -1;
			goto free_irqs;
		}
	}
	pr_info("LED on GPIO %u, buttons on GPIO %u and %u\n", leds[0].gpio, buttons[0].gpio,
		buttons[1].gpio);
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

static void __exit intrpt_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(buttons); i++) {
		const char *name = free_irq(button_irqs[i], (void *)(uintptr_t)i);

		pr_info("freed %s after %u press(es)\n", name, presses[i]);
	}
	gpio_set_value(leds[0].gpio, 0);
	gpio_free_array(leds, ARRAY_SIZE(leds));
	gpio_free_array(buttons, ARRAY_SIZE(buttons));
}

module_init(intrpt_init);
module_exit(intrpt_exit);
