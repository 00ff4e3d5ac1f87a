/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/interrupt.h> (tasklets): run in order on kplay's softirq thread. */
#ifndef _KPLAY_LINUX_INTERRUPT_H
#define _KPLAY_LINUX_INTERRUPT_H

#include "linux/types.h"
#include "linux/atomic.h"
#include "linux/container_of.h"

struct tasklet_struct {
	struct tasklet_struct *next;
	unsigned long state;
	atomic_t count;
	bool use_callback;
	union {
		void (*func)(unsigned long data);
		void (*callback)(struct tasklet_struct *t);
	};
	unsigned long data;
};

enum {
	TASKLET_STATE_SCHED,
	TASKLET_STATE_RUN,
};

#define DECLARE_TASKLET(name, _callback) \
	struct tasklet_struct name = { .count = ATOMIC_INIT(0), .use_callback = true, .callback = _callback }
#define DECLARE_TASKLET_DISABLED(name, _callback) \
	struct tasklet_struct name = { .count = ATOMIC_INIT(1), .use_callback = true, .callback = _callback }
#define DECLARE_TASKLET_OLD(name, _func) \
	struct tasklet_struct name = { .count = ATOMIC_INIT(0), .func = _func }
#define from_tasklet(var, callback_tasklet, tasklet_fieldname) \
	container_of(callback_tasklet, __typeof__(*var), tasklet_fieldname)

#ifdef __cplusplus
extern "C" {
#endif

void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data);
void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *));
void __tasklet_schedule(struct tasklet_struct *t);
void __tasklet_hi_schedule(struct tasklet_struct *t);
void tasklet_kill(struct tasklet_struct *t);
bool in_interrupt_kplay(void);

#ifdef __cplusplus
}
#endif

static inline void tasklet_schedule(struct tasklet_struct *t)
{
	if (!(__atomic_fetch_or(&t->state, 1UL << TASKLET_STATE_SCHED, __ATOMIC_SEQ_CST) & (1UL << TASKLET_STATE_SCHED)))
		__tasklet_schedule(t);
}

static inline void tasklet_hi_schedule(struct tasklet_struct *t)
{
	if (!(__atomic_fetch_or(&t->state, 1UL << TASKLET_STATE_SCHED, __ATOMIC_SEQ_CST) & (1UL << TASKLET_STATE_SCHED)))
		__tasklet_hi_schedule(t);
}

static inline void tasklet_disable(struct tasklet_struct *t)
{
	atomic_inc(&t->count);
}

static inline void tasklet_enable(struct tasklet_struct *t)
{
	atomic_dec(&t->count);
}

#define in_interrupt() in_interrupt_kplay()
#define in_softirq() in_interrupt_kplay()

#endif
