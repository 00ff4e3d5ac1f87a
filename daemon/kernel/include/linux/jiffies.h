/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/jiffies.h>. HZ is Debian's CONFIG_HZ (250); jiffies
 * count from kplay's boot, starting 5 minutes before the wrap as the kernel's
 * INITIAL_JIFFIES does, so wrap bugs show up.
 */
#ifndef _KPLAY_LINUX_JIFFIES_H
#define _KPLAY_LINUX_JIFFIES_H

#include "linux/types.h"

#define HZ 250
#define USER_HZ 100
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))
#define MAX_JIFFY_OFFSET ((long)((~0UL >> 1) >> 1) - 1)

#ifdef __cplusplus
extern "C" {
#endif

unsigned long kplay_jiffies(void);
u64 get_jiffies_64(void);
unsigned long msecs_to_jiffies(const unsigned int m);
unsigned long usecs_to_jiffies(const unsigned int u);
unsigned int jiffies_to_msecs(const unsigned long j);
unsigned int jiffies_to_usecs(const unsigned long j);

#ifdef __cplusplus
}
#endif

#define jiffies kplay_jiffies()
#define jiffies_64 get_jiffies_64()

#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)

#endif
