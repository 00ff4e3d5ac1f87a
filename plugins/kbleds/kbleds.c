// SPDX-License-Identifier: GPL-2.0
/*
 * kbleds.c - blink the keyboard LEDs of the foreground console until the
 * module is unloaded: a timer calls the console tty driver's ioctl with
 * KDSETLED, alternating "all lights on" and "lights follow the lock keys".
 */
#define pr_fmt(fmt) "kbleds: " fmt

#include <linux/init.h>
#include <linux/kd.h> /* KDSETLED */
#include <linux/module.h>
#include <linux/timer.h>
#include <linux/tty.h> /* struct tty_struct */
#include <linux/vt.h> /* MAX_NR_CONSOLES */
#include <linux/vt_kern.h> /* fg_console */
#include <linux/console_struct.h> /* vc_cons */

MODULE_DESCRIPTION("Blink the keyboard LEDs until unloaded");
MODULE_LICENSE("GPL");

#define BLINK_DELAY (HZ / 5)
#define ALL_LEDS_ON 0x07
#define RESTORE_LEDS 0xFF /* not a light pattern: back to the lock flags */

static struct timer_list blink_timer;
static struct tty_struct *console_tty;
static unsigned long led_status;

static int set_leds(unsigned long leds)
{
	return console_tty->driver->ops->ioctl(console_tty, KDSETLED, leds);
}

static void blink(struct timer_list *unused)
{
	led_status = led_status == ALL_LEDS_ON ? RESTORE_LEDS : ALL_LEDS_ON;
	set_leds(led_status);
	mod_timer(&blink_timer, jiffies + BLINK_DELAY);
}

static int __init kbleds_init(void)
{
	int i;

	pr_info("loading\n");
	pr_info("fgconsole is %d\n", fg_console);
	for (i = 0; i < MAX_NR_CONSOLES; i++) {
		struct vc_data *vc = vc_cons[i].d;

		if (!vc)
			break;
		pr_info("console[%i/%i] #%i, tty %s\n", i, MAX_NR_CONSOLES,
			vc->vc_num, vc->port.tty ? vc->port.tty->name : "(none)");
	}
	pr_info("finished scanning consoles\n");

	/*
	 * The guide's version dereferences the tty without looking: on a
	 * machine whose console nobody has opened (a headless VM) it is NULL.
	 */
	console_tty = vc_cons[fg_console].d ? vc_cons[fg_console].d->port.tty : NULL;
	if (!console_tty) {
		pr_err("the foreground console has no tty open\n");
		return -ENODEV;
	}
	pr_info("tty driver %s\n", console_tty->driver->name);

	timer_setup(&blink_timer, blink, 0);
	mod_timer(&blink_timer, jiffies + BLINK_DELAY);
	return 0;
}

static void __exit kbleds_cleanup(void)
{
	pr_info("unloading...\n");
	del_timer_sync(&blink_timer);
	set_leds(RESTORE_LEDS);
}

module_init(kbleds_init);
module_exit(kbleds_cleanup);
