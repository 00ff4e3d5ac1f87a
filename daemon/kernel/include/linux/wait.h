/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/wait.h>: wait queues as in kernel/sched/wait.c.
 * A sleeper is a real thread parked on a futex; an interruptible sleep ends
 * with -ERESTARTSYS when the caller gets a signal (FUSE INTERRUPT), which the
 * caller sees as EINTR.
 */
#ifndef _KPLAY_LINUX_WAIT_H
#define _KPLAY_LINUX_WAIT_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/spinlock.h"
#include "linux/sched.h"

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key);

#define WQ_FLAG_EXCLUSIVE 0x01
#define WQ_FLAG_WOKEN 0x02

struct wait_queue_entry {
	unsigned int flags;
#ifdef __cplusplus /* a C++ keyword: kplay's C++ side spells it private_ */
	void *private_;
#else
	void *private;
#endif
	wait_queue_func_t func;
	struct list_head entry;
};
typedef struct wait_queue_entry wait_queue_entry_t;

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { .lock = __SPIN_LOCK_UNLOCKED(name.lock), .head = { &(name).head, &(name).head } }
#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

#ifdef __cplusplus
extern "C" {
#endif

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name, void *key);
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key);
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
void prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void init_wait_entry(struct wait_queue_entry *wq_entry, int flags);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int sync, void *key);
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key);
int waitqueue_active_kplay(struct wait_queue_head *wq_head);

#ifdef __cplusplus
}
#endif

#define init_waitqueue_head(wq_head) __init_waitqueue_head((wq_head), #wq_head, (void *)0)

static inline int waitqueue_active(struct wait_queue_head *wq_head)
{
	return waitqueue_active_kplay(wq_head);
}

#define DEFINE_WAIT_FUNC(name, function)                                           \
	struct wait_queue_entry name = {                                           \
		.private = get_current(),                                          \
		.func = function,                                                  \
		.entry = LIST_HEAD_INIT((name).entry),                             \
	}
#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)
#define DECLARE_WAITQUEUE(name, tsk)                                               \
	struct wait_queue_entry name = { .private = tsk, .func = default_wake_function, \
					 .entry = { NULL, NULL } }

#define wake_up(x) __wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr) __wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x) __wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_interruptible(x) __wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(x, nr) __wake_up(x, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(x) __wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_poll(x, m) __wake_up(x, TASK_NORMAL, 1, (void *)(unsigned long)(m))
#define wake_up_interruptible_poll(x, m) __wake_up(x, TASK_INTERRUPTIBLE, 1, (void *)(unsigned long)(m))

#define ___wait_is_interruptible(state) ((state) == TASK_INTERRUPTIBLE || (state) == TASK_KILLABLE)

/*
 * The loop of include/linux/wait.h's ___wait_event: queue, re-check the
 * condition, sleep; a pending signal ends an interruptible wait early.
 */
#define ___wait_event(wq_head, condition, state, exclusive, ret, cmd)              \
	({                                                                         \
		struct wait_queue_entry __wq_entry;                                \
		long __ret = ret;                                                  \
		init_wait_entry(&__wq_entry, exclusive ? WQ_FLAG_EXCLUSIVE : 0);   \
		for (;;) {                                                         \
			long __int = prepare_to_wait_event(&(wq_head), &__wq_entry, state); \
			if (condition)                                             \
				break;                                             \
			if (___wait_is_interruptible(state) && __int) {            \
				__ret = __int;                                     \
				break;                                             \
			}                                                          \
			cmd;                                                       \
		}                                                                  \
		finish_wait(&(wq_head), &__wq_entry);                              \
		__ret;                                                             \
	})

#define wait_event(wq_head, condition)                                             \
	do {                                                                       \
		if (condition)                                                     \
			break;                                                     \
		(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, schedule()); \
	} while (0)

#define wait_event_interruptible(wq_head, condition)                               \
	({                                                                         \
		int __ret = 0;                                                     \
		if (!(condition))                                                  \
			__ret = ___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0, schedule()); \
		__ret;                                                             \
	})

#define wait_event_interruptible_exclusive(wq_head, condition)                     \
	({                                                                         \
		int __ret = 0;                                                     \
		if (!(condition))                                                  \
			__ret = ___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 1, 0, schedule()); \
		__ret;                                                             \
	})

#define wait_event_killable(wq_head, condition)                                    \
	({                                                                         \
		int __ret = 0;                                                     \
		if (!(condition))                                                  \
			__ret = ___wait_event(wq_head, condition, TASK_KILLABLE, 0, 0, schedule()); \
		__ret;                                                             \
	})

#define ___wait_cond_timeout(condition)                                            \
	({                                                                         \
		bool __cond = (condition);                                         \
		if (__cond && !__ret)                                              \
			__ret = 1;                                                 \
		__cond || !__ret;                                                  \
	})

#define wait_event_timeout(wq_head, condition, timeout)                            \
	({                                                                         \
		long __ret = timeout;                                              \
		if (!___wait_cond_timeout(condition))                              \
			__ret = ___wait_event(wq_head, ___wait_cond_timeout(condition), \
					      TASK_UNINTERRUPTIBLE, 0, timeout,    \
					      __ret = schedule_timeout(__ret));    \
		__ret;                                                             \
	})

#define wait_event_interruptible_timeout(wq_head, condition, timeout)              \
	({                                                                         \
		long __ret = timeout;                                              \
		if (!___wait_cond_timeout(condition))                              \
			__ret = ___wait_event(wq_head, ___wait_cond_timeout(condition), \
					      TASK_INTERRUPTIBLE, 0, timeout,      \
					      __ret = schedule_timeout(__ret));    \
		__ret;                                                             \
	})

#endif
