/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/semaphore.h>: counting semaphores that sleep on a wait queue. */
#ifndef _KPLAY_LINUX_SEMAPHORE_H
#define _KPLAY_LINUX_SEMAPHORE_H

#include "linux/wait.h"

struct semaphore {
	spinlock_t lock;
	unsigned int count;
	struct wait_queue_head wait;
};

#define __SEMAPHORE_INITIALIZER(name, n) { .lock = __SPIN_LOCK_UNLOCKED((name).lock), .count = n, .wait = __WAIT_QUEUE_HEAD_INITIALIZER((name).wait) }
#define DEFINE_SEMAPHORE(name) struct semaphore name = __SEMAPHORE_INITIALIZER(name, 1)

#ifdef __cplusplus
extern "C" {
#endif

void down(struct semaphore *sem);
int down_interruptible(struct semaphore *sem);
int down_killable(struct semaphore *sem);
int down_trylock(struct semaphore *sem);
int down_timeout(struct semaphore *sem, long jiffies);
void up(struct semaphore *sem);

#ifdef __cplusplus
}
#endif

static inline void sema_init(struct semaphore *sem, int val)
{
	spin_lock_init(&sem->lock);
	sem->count = (unsigned int)val;
	init_waitqueue_head(&sem->wait);
}

#endif
