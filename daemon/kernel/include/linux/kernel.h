/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/kernel.h>: the everyday helpers. */
#ifndef _KPLAY_LINUX_KERNEL_H
#define _KPLAY_LINUX_KERNEL_H

#include "linux/stdarg.h"
#include "linux/compiler.h"
#include "linux/types.h"
#include "linux/limits.h"
#include "linux/stddef.h"
#include "linux/build_bug.h"
#include "linux/container_of.h"
#include "linux/array_size.h"
#include "linux/minmax.h"
#include "linux/kstrtox.h"
#include "linux/printk.h"
#include "linux/err.h"

#define ALIGN(x, a) (((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define round_up(x, y) ((((x) - 1) | ((__typeof__(x))((y) - 1))) + 1)
#define round_down(x, y) ((x) & ~((__typeof__(x))((y) - 1)))
#define abs(x)                                                   \
	({                                                       \
		__typeof__(x) __a = (x);                         \
		__a < 0 ? -__a : __a;                            \
	})
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))

#ifdef __cplusplus
extern "C" {
#endif

/* lib/vsprintf.c: the kernel's printf, with its %p extensions. */
__printf(2, 3) int sprintf(char *buf, const char *fmt, ...);
__printf(2, 0) int vsprintf(char *buf, const char *fmt, va_list args);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(2, 3) __malloc char *kasprintf(gfp_t gfp, const char *fmt, ...);
__scanf(2, 3) int sscanf(const char *buf, const char *fmt, ...);

#ifdef __cplusplus
}
#endif

#include "linux/bug.h"

#endif
