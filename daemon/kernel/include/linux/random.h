/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/random.h>: the kernel's random numbers (from getrandom). */
#ifndef _KPLAY_LINUX_RANDOM_H
#define _KPLAY_LINUX_RANDOM_H

#include "linux/types.h"

#ifdef __cplusplus
extern "C" {
#endif

void get_random_bytes(void *buf, size_t len);
u32 get_random_u32(void);
u64 get_random_u64(void);

#ifdef __cplusplus
}
#endif

#define get_random_int() get_random_u32()
#define prandom_u32() get_random_u32()

#endif
