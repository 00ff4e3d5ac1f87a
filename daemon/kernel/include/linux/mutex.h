/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/mutex.h>: sleeping locks on futexes (real threads, real contention). */
#ifndef _KPLAY_LINUX_MUTEX_H
#define _KPLAY_LINUX_MUTEX_H

#include "linux/types.h"

struct mutex {
	int state; /* 0 unlocked, 1 locked, 2 locked with waiters */
	int owner; /* thread id of the holder */
};

#define __MUTEX_INITIALIZER(lockname) { 0, 0 }
#define DEFINE_MUTEX(mutexname) struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

#ifdef __cplusplus
extern "C" {
#endif

void __mutex_init(struct mutex *lock, const char *name, void *key);
void mutex_lock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
int mutex_lock_killable(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);
void mutex_destroy(struct mutex *lock);

#ifdef __cplusplus
}
#endif

#define mutex_init(mutex) __mutex_init((mutex), #mutex, (void *)0)

#endif
