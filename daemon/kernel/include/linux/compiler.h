/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/compiler.h>: attributes and hints modules use. */
#ifndef _KPLAY_LINUX_COMPILER_H
#define _KPLAY_LINUX_COMPILER_H

#include "linux/compiler_types.h"

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define barrier() __asm__ __volatile__("" : : : "memory")

#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)                                   \
	do {                                                 \
		*(volatile __typeof__(x) *)&(x) = (val);     \
	} while (0)

#endif
