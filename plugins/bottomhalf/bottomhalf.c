// SPDX-License-Identifier: GPL-2.0
/*
 * bottomhalf: the buttons-and-LED example with bottom halves. The hard
 * handler does only what cannot wait (switch the LED, count the press) and
 * leaves the rest to a bottom half that runs after it returns:
 *   button 1 (GPIO 17): a tasklet, in softirq context (no sleeping either);
 *   button 2 (GPIO 18): a work item, in process context (it may sleep).
 * The LED is on GPIO 4. Without a GPIO controller for these lines the
 * requests fail with -EPROBE_DEFER (-517), and so does the load.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/gpio.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/workqueue.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("GPIO interrupts with a tasklet and a work item as bottom halves");

static struct gpio leds[] = { { 4, GPIOF_OUT_INIT_LOW, "LED 1" } };

static struct gpio buttons[] = {
	{ 17, GPIOF_IN, "Button 1" },
	{ 18, GPIOF_IN, "Button 2" },
};

static int button_irqs[ARRAY_SIZE(buttons)] = { -1, -1 };
static atomic_t presses[ARRAY_SIZE(buttons)];

static void button1_tasklet_fn(struct tasklet_struct *t)
{
	pr_info("tasklet: press %d of button 1 handled (in_softirq %d)\n",
		atomic_read(&presses[0]), !!in_softirq());
}

static DECLARE_TASKLET(button1_tasklet, button1_tasklet_fn);

static void button2_work_fn(struct work_struct *work)
{
	/* Process context: sleeping is allowed here. */
	msleep(10);
	pr_info("work: press %d of button 2 handled after a 10 ms sleep (in_interrupt %d)\n",
		atomic_read(&presses[1]), !!in_interrupt());
}

static DECLARE_WORK(button2_work, button2_work_fn);

static irqreturn_t button_isr(int irq, void *data)
{
	unsigned int i = (uintptr_t)data;

	atomic_inc(&presses[i]);
	gpio_set_value(leds[0].gpio, i == 0);
	pr_info("hard handler: button %u, LED %s\n", i + 1, i == 0 ? "on" : "off");
	if (i == 0)
		tasklet_schedule(&button1_tasklet);
	else
		schedule_work(&button2_work);
	return IRQ_HANDLED;
}

static int __init bottomhalf_init(void)
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
		ret = request_irq(button_irqs[i], button_isr, IRQF_TRIGGER_RISING,
				  i == 0 ? "bottomhalf#button1" : "bottomhalf#button2",
				  (void *)(uintptr_t)i);
		if (ret) {
			pr_err("cannot request IRQ %d: %d\n", button_irqs[i], ret);
			button_irqs[i] = -1;
			goto free_irqs;
		}
	}
	pr_info("buttons on GPIO %u (tasklet) and %u (work), LED on GPIO %u\n",
		buttons[0].gpio, buttons[1].gpio, leds[0].gpio);
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

static void __exit bottomhalf_exit(void)
{
	unsigned int i;

	/* No more interrupts first, then no bottom half left pending. */
	for (i = 0; i < ARRAY_SIZE(buttons); i++)
		free_irq(button_irqs[i], (void *)(uintptr_t)i);
	tasklet_kill(&button1_tasklet);
	cancel_work_sync(&button2_work);
	gpio_set_value(leds[0].gpio, 0);
	gpio_free_array(leds, ARRAY_SIZE(leds));
	gpio_free_array(buttons, ARRAY_SIZE(buttons));
	pr_info("unloaded after %d and %d press(es)\n", atomic_read(&presses[0]),
		atomic_read(&presses[1]));
}

module_init(bottomhalf_init);
module_exit(bottomhalf_exit);
