/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/tty.h>: the controlling terminal of `current`
 * (print_string writes through tty->driver->ops->write) and the virtual
 * console's tty (kbleds calls tty->driver->ops->ioctl with KDSETLED).
 */
#ifndef _KPLAY_LINUX_TTY_H
#define _KPLAY_LINUX_TTY_H

#include "linux/types.h"

struct tty_struct;

struct tty_operations {
	int (*write)(struct tty_struct *tty, const unsigned char *buf, int count);
	unsigned int (*write_room)(struct tty_struct *tty);
	int (*ioctl)(struct tty_struct *tty, unsigned int cmd, unsigned long arg);
};

struct tty_driver {
	const char *name;
	const struct tty_operations *ops;
	const char *driver_name;
	int major;
	int minor_start;
	int name_base;
};

/* The part of struct tty_port drivers reach (include/linux/tty_port.h). */
struct tty_port {
	struct tty_struct *tty;
};

struct tty_struct {
	struct tty_driver *driver;
	const struct tty_operations *ops;
	char name[64];
	int index;
	void *driver_data;
	void *kplay;
};

#ifdef __cplusplus
extern "C" {
#endif

struct tty_struct *get_current_tty(void);
void tty_kref_put(struct tty_struct *tty);

#ifdef __cplusplus
}
#endif

#endif
