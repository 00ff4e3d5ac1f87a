/* SPDX-License-Identifier: GPL-2.0 */
/*
 * chardev2.h: the ioctl interface of the chardev2 device, shared by the
 * kernel module (chardev2.c) and the userspace client (ioctl.c).
 *
 * The ioctl numbers are built from the device's major number, which is
 * therefore fixed rather than dynamic: a program that includes this header
 * must agree with the module on it at compile time.
 */
#ifndef CHARDEV2_H
#define CHARDEV2_H

#include <linux/ioctl.h>

/*
 * Unused on Debian 12's 6.1 kernel (see /proc/devices). Make the node with
 *	mknod /dev/char_dev c 100 0
 */
#define MAJOR_NUM 100

/* Size of the device's message buffer, terminating NUL included. */
#define CHARDEV2_BUF_LEN 80

/*
 * Replace the device's message. The argument is a pointer to a
 * NUL-terminated string in the caller's memory.
 */
#define IOCTL_SET_MSG _IOW(MAJOR_NUM, 0, char *)

/*
 * Copy the device's message, NUL-terminated, into the caller's buffer,
 * which must hold CHARDEV2_BUF_LEN bytes.
 */
#define IOCTL_GET_MSG _IOR(MAJOR_NUM, 1, char *)

/*
 * Return byte number arg of the message (arg is passed by value, not as a
 * pointer); -EINVAL past the end of the buffer.
 */
#define IOCTL_GET_NTH_BYTE _IOWR(MAJOR_NUM, 2, int)

#define DEVICE_FILE_NAME "char_dev"
#define DEVICE_PATH "/dev/char_dev"

#endif /* CHARDEV2_H */
