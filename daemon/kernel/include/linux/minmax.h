/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/minmax.h>: type-checked min/max/clamp. */
#ifndef _KPLAY_LINUX_MINMAX_H
#define _KPLAY_LINUX_MINMAX_H

#define __kp_cmp(x, y, op)                                             \
	({                                                             \
		__typeof__(x) __x = (x);                               \
		__typeof__(y) __y = (y);                               \
		(void)(&__x == &__y);                                  \
		__x op __y ? __x : __y;                                \
	})

#define min(x, y) __kp_cmp(x, y, <)
#define max(x, y) __kp_cmp(x, y, >)
#define min_t(type, x, y) __kp_cmp((type)(x), (type)(y), <)
#define max_t(type, x, y) __kp_cmp((type)(x), (type)(y), >)
#define clamp(val, lo, hi) min((__typeof__(val))max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define swap(a, b)                                 \
	do {                                       \
		__typeof__(a) __tmp = (a);         \
		(a) = (b);                         \
		(b) = __tmp;                       \
	} while (0)

#endif
