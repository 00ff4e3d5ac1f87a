/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ioctl_test.h: the commands of the ioctl example's device, shared by the
 * module (ioctl.c) and the userspace client (ioctl_client.c).
 */
#ifndef IOCTL_TEST_H
#define IOCTL_TEST_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define IOCTL_TEST_DEVICE "ioctl_test"

/* The argument of IOCTL_VALSET and IOCTL_VALGET. */
struct ioctl_arg {
	__u32 val;
};

#define IOCTL_TEST_MAGIC 0xB7

/* Set / get the value private to this open file. */
#define IOCTL_VALSET _IOW(IOCTL_TEST_MAGIC, 0, struct ioctl_arg)
#define IOCTL_VALGET _IOR(IOCTL_TEST_MAGIC, 1, struct ioctl_arg)

/* Set / get a number shared by every open file; arg points to an int. */
#define IOCTL_VALSET_NUM _IOW(IOCTL_TEST_MAGIC, 2, int)
#define IOCTL_VALGET_NUM _IOR(IOCTL_TEST_MAGIC, 3, int)

#endif /* IOCTL_TEST_H */
