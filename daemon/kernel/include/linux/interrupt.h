/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/interrupt.h>: tasklets (run in order on kplay's
 * softirq thread) and interrupt handlers (request_irq and friends; the
 * handlers run on kplay's hard-IRQ thread, thread_fn on "irq/N-name").
 */
#ifndef _KPLAY_LINUX_INTERRUPT_H
#define _KPLAY_LINUX_INTERRUPT_H

#include "linux/types.h"
#include "linux/atomic.h"
#include "linux/container_of.h"
#include "linux/irqreturn.h"

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
bool in_softirq_kplay(void);
bool in_hardirq_kplay(void);

typedef irqreturn_t (*irq_handler_t)(int, void *);

int request_threaded_irq(unsigned int irq, irq_handler_t handler, irq_handler_t thread_fn, unsigned long flags,
			 const char *name, void *dev);
const void *free_irq(unsigned int irq, void *dev_id);
void synchronize_irq(unsigned int irq);

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

static inline int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags, const char *name,
			      void *dev)
{
	return request_threaded_irq(irq, handler, (irq_handler_t)0, flags, name, dev);
}

/* Flags of request_irq (include/linux/interrupt.h, 6.1 values). */
#define IRQF_TRIGGER_NONE 0x00000000
#define IRQF_TRIGGER_RISING 0x00000001
#define IRQF_TRIGGER_FALLING 0x00000002
#define IRQF_TRIGGER_HIGH 0x00000004
#define IRQF_TRIGGER_LOW 0x00000008
#define IRQF_TRIGGER_MASK (IRQF_TRIGGER_HIGH | IRQF_TRIGGER_LOW | IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING)
#define IRQF_TRIGGER_PROBE 0x00000010
#define IRQF_SHARED 0x00000080
#define IRQF_PROBE_SHARED 0x00000100
#define __IRQF_TIMER 0x00000200
#define IRQF_PERCPU 0x00000400
#define IRQF_NOBALANCING 0x00000800
#define IRQF_IRQPOLL 0x00001000
#define IRQF_ONESHOT 0x00002000
#define IRQF_NO_SUSPEND 0x00004000
#define IRQF_FORCE_RESUME 0x00008000
#define IRQF_NO_THREAD 0x00010000
#define IRQF_EARLY_RESUME 0x00020000
#define IRQF_COND_SUSPEND 0x00040000
#define IRQF_NO_AUTOEN 0x00080000
#define IRQF_NO_DEBUG 0x00100000

#define in_interrupt() in_interrupt_kplay()
#define in_softirq() in_softirq_kplay()
#define in_irq() in_hardirq_kplay()
#define in_hardirq() in_hardirq_kplay()
#define in_serving_softirq() in_softirq_kplay()
#define in_task() (!in_interrupt_kplay())

#endif
