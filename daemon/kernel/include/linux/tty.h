/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/tty.h> (what print_string uses): the controlling
 * terminal of `current`, written through tty->driver->ops->write.
 */
#ifndef _KPLAY_LINUX_TTY_H
#define _KPLAY_LINUX_TTY_H

#include "linux/types.h"

struct tty_struct;

struct tty_operations {
	int (*write)(struct tty_struct *tty, const unsigned char *buf, int count);
	unsigned int (*write_room)(struct tty_struct *tty);
};

struct tty_driver {
	const char *name;
	const struct tty_operations *ops;
};

struct tty_struct {
	struct tty_driver *driver;
	const struct tty_operations *ops;
	char name[64];
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
