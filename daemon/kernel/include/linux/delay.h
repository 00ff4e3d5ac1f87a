/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/delay.h>: sleeping delays sleep the thread, busy delays spin. */
#ifndef _KPLAY_LINUX_DELAY_H
#define _KPLAY_LINUX_DELAY_H

#include "linux/types.h"
#include "linux/jiffies.h"

#ifdef __cplusplus
extern "C" {
#endif

void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state);
void __udelay(unsigned long usecs);
void __ndelay(unsigned long nsecs);
void fsleep(unsigned long usecs);

#ifdef __cplusplus
}
#endif

static inline void ssleep(unsigned int seconds)
{
	msleep(seconds * 1000);
}

static inline void usleep_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, 0x00000002 /* TASK_UNINTERRUPTIBLE */);
}

#define udelay(n) __udelay(n)
#define ndelay(n) __ndelay(n)
#define mdelay(n) __udelay((unsigned long)(n) * 1000)

#endif
