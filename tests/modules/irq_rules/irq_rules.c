// SPDX-License-Identifier: GPL-2.0
/*
 * irq_rules: a test-only module for the IRQ core's rules, on the simulated
 * GPIO chip's lines 20-23 (tests/mount/gpio.sh reads its log):
 *   - request_irq on a busy, unshared IRQ: -EBUSY; shared without dev_id,
 *     no handler at all, handler NULL without IRQF_ONESHOT, an IRQ number
 *     nobody mapped, a line set as output: -EINVAL;
 *   - two handlers sharing one IRQ both run;
 *   - the falling-edge handler on line 20 sleeps, allocates with GFP_KERNEL
 *     and takes a mutex in hard-IRQ context (each is reported), then
 *     allocates with GFP_ATOMIC (fine);
 *   - at exit free_irq returns the name given to request_irq, a second
 *     free_irq of the same IRQ warns; with leak=1 one handler stays
 *     requested (kplay frees it and says so).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/gpio.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>

MODULE_LICENSE("GPL");

static int leak;
module_param(leak, int, 0444);

static struct gpio lines[] = {
	{ 20, GPIOF_IN, "rules-sleepy" },
	{ 21, GPIOF_IN, "rules-free" },
	{ 22, GPIOF_IN, "rules-shared" },
	{ 23, GPIOF_OUT_INIT_LOW, "rules-out" },
};

static int irq20, irq21, irq22, irq23;
static int dev_a, dev_b, dev_s1, dev_s2;
static DEFINE_MUTEX(rules_mutex);

static irqreturn_t sleepy_isr(int irq, void *dev)
{
	void *p;

	pr_info("sleepy: in_irq %d in_interrupt %d\n", !!in_irq(), !!in_interrupt());
	msleep(1);
	p = kmalloc(32, GFP_KERNEL);
	kfree(p);
	mutex_lock(&rules_mutex);
	mutex_unlock(&rules_mutex);
	p = kmalloc(32, GFP_ATOMIC);
	kfree(p);
	pr_info("sleepy: done\n");
	return IRQ_HANDLED;
}

static irqreturn_t shared_isr(int irq, void *dev)
{
	pr_info("shared: handler %d\n", dev == &dev_s1 ? 1 : 2);
	return IRQ_HANDLED;
}

static irqreturn_t thread_fn(int irq, void *dev)
{
	return IRQ_HANDLED;
}

static int __init irq_rules_init(void)
{
	int ret;

	ret = gpio_request_array(lines, ARRAY_SIZE(lines));
	if (ret)
		return ret;
	pr_info("busy line: %d\n", gpio_request(20, "again"));
	pr_info("line without chip: %d\n", gpio_request(700, "nochip"));
	pr_info("invalid number: to_irq %d\n", gpio_to_irq(5000));
	irq20 = gpio_to_irq(20);
	irq21 = gpio_to_irq(21);
	irq22 = gpio_to_irq(22);
	irq23 = gpio_to_irq(23);
	pr_info("irqs: %d %d %d %d\n", irq20, irq21, irq22, irq23);

	pr_info("sleepy: %d\n", request_irq(irq20, sleepy_isr, IRQF_TRIGGER_FALLING, "sleepy", &dev_a));
	pr_info("second on unshared: %d\n",
		request_irq(irq20, sleepy_isr, IRQF_TRIGGER_FALLING, "second", &dev_b));
	pr_info("shared without dev_id: %d\n",
		request_irq(irq21, shared_isr, IRQF_SHARED, "nodev", NULL));
	pr_info("no handler: %d\n", request_threaded_irq(irq21, NULL, NULL, 0, "none", &dev_b));
	pr_info("NULL handler without ONESHOT: %d\n",
		request_threaded_irq(irq21, NULL, thread_fn, IRQF_TRIGGER_RISING, "nooneshot", &dev_b));
	pr_info("unmapped irq: %d\n", request_irq(1000, shared_isr, 0, "unmapped", &dev_b));
	pr_info("output line: %d\n",
		request_irq(irq23, shared_isr, IRQF_TRIGGER_RISING, "output", &dev_b));
	pr_info("free: %d\n", request_irq(irq21, shared_isr, IRQF_TRIGGER_RISING, "tofree", &dev_b));
	pr_info("shared 1: %d\n", request_irq(irq22, shared_isr, IRQF_SHARED | IRQF_TRIGGER_RISING,
					      "shared1", &dev_s1));
	pr_info("shared 2: %d\n", request_irq(irq22, shared_isr, IRQF_SHARED | IRQF_TRIGGER_RISING,
					      "shared2", &dev_s2));
	return 0;
}

static void __exit irq_rules_exit(void)
{
	pr_info("free_irq returned %s\n", (const char *)free_irq(irq21, &dev_b));
	pr_info("free_irq again returned %s\n", free_irq(irq21, &dev_b) ? "a name" : "NULL");
	free_irq(irq20, &dev_a);
	free_irq(irq22, &dev_s1);
	if (!leak)
		free_irq(irq22, &dev_s2);
	gpio_free_array(lines, ARRAY_SIZE(lines));
}

module_init(irq_rules_init);
module_exit(irq_rules_exit);
