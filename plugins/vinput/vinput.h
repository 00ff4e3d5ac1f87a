/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vinput.h - the interface between the vinput framework and the modules
 * that define kinds of virtual input devices (vkbd, ...).
 */
#ifndef VINPUT_H
#define VINPUT_H

#include <linux/input.h>
#include <linux/list.h>

struct vinput;

/* A kind of device: a name to write to /sys/class/vinput/export. */
struct vinput_type {
	const char *name;
	struct module *owner;
	/* declare the capabilities of vi->input before it is registered */
	int (*setup)(struct vinput *vi);
	/* turn what was written to /dev/vinputN into input events */
	int (*send)(struct vinput *vi, const char *buf, size_t len);
	struct list_head node;
};

/* One exported device: /dev/vinputN and its input device. */
struct vinput {
	int id;
	struct vinput_type *type;
	struct input_dev *input;
	struct device *dev;
	struct list_head node;
};

int vinput_register(struct vinput_type *type);
void vinput_unregister(struct vinput_type *type);

#endif
