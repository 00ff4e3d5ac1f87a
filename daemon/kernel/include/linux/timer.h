/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/timer.h>: timers run on kplay's softirq thread, in expiry order. */
#ifndef _KPLAY_LINUX_TIMER_H
#define _KPLAY_LINUX_TIMER_H

#include "linux/types.h"
#include "linux/jiffies.h"
#include "linux/container_of.h"

struct timer_list {
	struct hlist_node entry;
	unsigned long expires;
	void (*function)(struct timer_list *);
	u32 flags;
	void *kplay;
};

#define TIMER_DEFERRABLE 0x00080000
#define TIMER_PINNED 0x00100000
#define TIMER_IRQSAFE 0x00200000

#ifdef __cplusplus
extern "C" {
#endif

void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags,
		    const char *name, void *key);
void add_timer(struct timer_list *timer);
int mod_timer(struct timer_list *timer, unsigned long expires);
int timer_reduce(struct timer_list *timer, unsigned long expires);
int del_timer(struct timer_list *timer);
int del_timer_sync(struct timer_list *timer);
int timer_pending_kplay(const struct timer_list *timer);

#ifdef __cplusplus
}
#endif

#define timer_setup(timer, callback, flags) init_timer_key((timer), (callback), (flags), #timer, (void *)0)
#define DEFINE_TIMER(_name, _function) struct timer_list _name = { .function = (_function) }
#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, __typeof__(*var), timer_fieldname)

static inline int timer_pending(const struct timer_list *timer)
{
	return timer_pending_kplay(timer);
}

#endif
