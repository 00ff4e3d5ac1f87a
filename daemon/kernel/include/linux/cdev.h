/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/cdev.h>: character devices bound to a range of device numbers. */
#ifndef _KPLAY_LINUX_CDEV_H
#define _KPLAY_LINUX_CDEV_H

#include "linux/fs.h"

struct cdev {
	struct module *owner;
	const struct file_operations *ops;
	__kernel_dev_t dev;
	unsigned int count;
	void *kplay; /* kplay's registration */
};

#ifdef __cplusplus
extern "C" {
#endif

void cdev_init(struct cdev *cdev, const struct file_operations *fops);
struct cdev *cdev_alloc(void);
int cdev_add(struct cdev *p, __kernel_dev_t dev, unsigned count);
void cdev_del(struct cdev *p);

#ifdef __cplusplus
}
#endif

#endif
