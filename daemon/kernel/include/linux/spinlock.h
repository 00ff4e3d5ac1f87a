/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/spinlock.h> and <linux/rwlock.h>: spinlocks and
 * reader-writer spinlocks. There are no interrupts to disable in userspace,
 * so the _irq/_irqsave/_bh forms take the lock and keep flags unchanged.
 */
#ifndef _KPLAY_LINUX_SPINLOCK_H
#define _KPLAY_LINUX_SPINLOCK_H

#include "linux/types.h"

typedef struct {
	int locked;
} spinlock_t;

typedef struct {
	int cnt; /* readers, or -1 for a writer */
} rwlock_t;

#define __SPIN_LOCK_UNLOCKED(name) { 0 }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define __RW_LOCK_UNLOCKED(name) { 0 }
#define DEFINE_RWLOCK(x) rwlock_t x = __RW_LOCK_UNLOCKED(x)

#ifdef __cplusplus
extern "C" {
#endif

void spin_lock(spinlock_t *lock);
int spin_trylock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
void read_lock(rwlock_t *lock);
void read_unlock(rwlock_t *lock);
void write_lock(rwlock_t *lock);
void write_unlock(rwlock_t *lock);
int write_trylock(rwlock_t *lock);

#ifdef __cplusplus
}
#endif

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->locked = 0;
}

static inline void rwlock_init(rwlock_t *lock)
{
	lock->cnt = 0;
}

static inline int spin_is_locked(spinlock_t *lock)
{
	return __atomic_load_n(&lock->locked, __ATOMIC_RELAXED);
}

#define spin_lock_irq(l) spin_lock(l)
#define spin_unlock_irq(l) spin_unlock(l)
#define spin_lock_bh(l) spin_lock(l)
#define spin_unlock_bh(l) spin_unlock(l)
#define spin_lock_irqsave(l, flags) do { (flags) = 0; spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) do { (void)(flags); spin_unlock(l); } while (0)
#define read_lock_irqsave(l, flags) do { (flags) = 0; read_lock(l); } while (0)
#define read_unlock_irqrestore(l, flags) do { (void)(flags); read_unlock(l); } while (0)
#define write_lock_irqsave(l, flags) do { (flags) = 0; write_lock(l); } while (0)
#define write_unlock_irqrestore(l, flags) do { (void)(flags); write_unlock(l); } while (0)
#define read_lock_irq(l) read_lock(l)
#define read_unlock_irq(l) read_unlock(l)
#define write_lock_irq(l) write_lock(l)
#define write_unlock_irq(l) write_unlock(l)
#define read_lock_bh(l) read_lock(l)
#define read_unlock_bh(l) read_unlock(l)
#define write_lock_bh(l) write_lock(l)
#define write_unlock_bh(l) write_unlock(l)

#endif
