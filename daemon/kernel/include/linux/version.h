/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <generated/uapi/linux/version.h>. kplay emulates the kernel
 * it compares against: Debian 12's 6.1 series (6.1.192 in 6.1.0-56-amd64).
 */
#ifndef _KPLAY_LINUX_VERSION_H
#define _KPLAY_LINUX_VERSION_H

#define LINUX_VERSION_CODE 393664
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#define LINUX_VERSION_MAJOR 6
#define LINUX_VERSION_PATCHLEVEL 1
#define LINUX_VERSION_SUBLEVEL 192

#endif
