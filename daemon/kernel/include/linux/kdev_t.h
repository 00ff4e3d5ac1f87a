/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/kdev_t.h>: the kernel's 12:20 device numbers. */
#ifndef _KPLAY_LINUX_KDEV_T_H
#define _KPLAY_LINUX_KDEV_T_H

#define MINORBITS 20
#define MINORMASK ((1U << MINORBITS) - 1)

#define MAJOR(dev) ((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev) ((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi) (((ma) << MINORBITS) | (mi))

#endif
