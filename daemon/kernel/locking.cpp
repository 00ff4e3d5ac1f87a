// Locks (mirrors the behaviour of kernel/locking/): mutexes sleep on a
// futex, spinlocks and rwlocks spin (yielding, as a preemptible kernel lets
// other tasks run). All are real locks between real threads.
#include "kernel/ksyms.h"
#include "kernel/oops.h"
#include "kernel/task.h"

#include "linux/mutex.h"
#include "linux/sched.h"
#include "linux/spinlock.h"

#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

namespace {

void futex_wait(int *addr, int val)
{
	kplay::note_sleeping(true);
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, nullptr, nullptr, 0);
	kplay::note_sleeping(false);
}

void futex_wake(int *addr, int n)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, n, nullptr, nullptr, 0);
}

int cmpxchg(int *p, int old, int val)
{
	__atomic_compare_exchange_n(p, &old, val, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
	return old;
}

void spin_wait()
{
	sched_yield();
}

} // namespace

extern "C" {

void __mutex_init(struct mutex *lock, const char *, void *)
{
	lock->state = 0;
	lock->owner = 0;
}

// Drepper's three-state futex mutex: 0 free, 1 held, 2 held with waiters.
void mutex_lock(struct mutex *lock)
{
	kplay::might_sleep_check("kernel/locking/mutex.c:283");
	int c = cmpxchg(&lock->state, 0, 1);
	if (c != 0) {
		if (c != 2)
			c = __atomic_exchange_n(&lock->state, 2, __ATOMIC_ACQUIRE);
		while (c != 0) {
			futex_wait(&lock->state, 2);
			c = __atomic_exchange_n(&lock->state, 2, __ATOMIC_ACQUIRE);
		}
	}
	lock->owner = static_cast<int>(gettid());
}

// Sleeps on the lock's futex in short slices so a signal to the caller can
// end the wait with -EINTR, as mutex_lock_interruptible does.
static int mutex_lock_signalled(struct mutex *lock, bool (*pending)())
{
	kplay::might_sleep_check("kernel/locking/mutex.c:964");
	for (;;) {
		if (cmpxchg(&lock->state, 0, 1) == 0 || (__atomic_exchange_n(&lock->state, 2, __ATOMIC_ACQUIRE) == 0)) {
			lock->owner = static_cast<int>(gettid());
			return 0;
		}
		if (pending())
			return -EINTR;
		timespec slice{0, 20 * 1000 * 1000};
		syscall(SYS_futex, &lock->state, FUTEX_WAIT_PRIVATE, 2, &slice, nullptr, 0);
	}
}

int mutex_lock_interruptible(struct mutex *lock)
{
	return mutex_lock_signalled(lock, [] { return kplay_signal_pending(get_current()) != 0; });
}

int mutex_lock_killable(struct mutex *lock)
{
	return mutex_lock_signalled(lock, [] { return kplay_fatal_signal_pending(get_current()) != 0; });
}

int mutex_trylock(struct mutex *lock)
{
	if (cmpxchg(&lock->state, 0, 1) != 0)
		return 0;
	lock->owner = static_cast<int>(gettid());
	return 1;
}

void mutex_unlock(struct mutex *lock)
{
	lock->owner = 0;
	if (__atomic_fetch_sub(&lock->state, 1, __ATOMIC_RELEASE) != 1) {
		__atomic_store_n(&lock->state, 0, __ATOMIC_RELEASE);
		futex_wake(&lock->state, 1);
	}
}

bool mutex_is_locked(struct mutex *lock)
{
	return __atomic_load_n(&lock->state, __ATOMIC_RELAXED) != 0;
}

void mutex_destroy(struct mutex *) {}

void spin_lock(spinlock_t *lock)
{
	while (cmpxchg(&lock->locked, 0, 1) != 0)
		spin_wait();
	++kplay::atomic_depth();
}

int spin_trylock(spinlock_t *lock)
{
	if (cmpxchg(&lock->locked, 0, 1) != 0)
		return 0;
	++kplay::atomic_depth();
	return 1;
}

void spin_unlock(spinlock_t *lock)
{
	--kplay::atomic_depth();
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

void read_lock(rwlock_t *lock)
{
	for (;;) {
		int c = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);
		if (c >= 0 && cmpxchg(&lock->cnt, c, c + 1) == c) {
			++kplay::atomic_depth();
			return;
		}
		spin_wait();
	}
}

void read_unlock(rwlock_t *lock)
{
	--kplay::atomic_depth();
	__atomic_fetch_sub(&lock->cnt, 1, __ATOMIC_RELEASE);
}

void write_lock(rwlock_t *lock)
{
	while (cmpxchg(&lock->cnt, 0, -1) != 0)
		spin_wait();
	++kplay::atomic_depth();
}

int write_trylock(rwlock_t *lock)
{
	if (cmpxchg(&lock->cnt, 0, -1) != 0)
		return 0;
	++kplay::atomic_depth();
	return 1;
}

void write_unlock(rwlock_t *lock)
{
	--kplay::atomic_depth();
	__atomic_store_n(&lock->cnt, 0, __ATOMIC_RELEASE);
}

} // extern "C"

KPLAY_EXPORT(__mutex_init);
KPLAY_EXPORT(mutex_lock);
KPLAY_EXPORT(mutex_lock_interruptible);
KPLAY_EXPORT(mutex_lock_killable);
KPLAY_EXPORT(mutex_trylock);
KPLAY_EXPORT(mutex_unlock);
KPLAY_EXPORT(mutex_is_locked);
KPLAY_EXPORT(mutex_destroy);
KPLAY_EXPORT(spin_lock);
KPLAY_EXPORT(spin_trylock);
KPLAY_EXPORT(spin_unlock);
KPLAY_EXPORT(read_lock);
KPLAY_EXPORT(read_unlock);
KPLAY_EXPORT(write_lock);
KPLAY_EXPORT(write_trylock);
KPLAY_EXPORT(write_unlock);

// ---- semaphores (kernel/locking/semaphore.c) and refcount warnings ----

#include "kernel/kapi.h"

#include "linux/refcount.h"
#include "linux/semaphore.h"

namespace {

// __down_common: sleep on the semaphore's queue until up() gives us the count.
int down_common(struct semaphore *sem, unsigned int state, long timeout)
{
	for (;;) {
		spin_lock(&sem->lock);
		if (sem->count > 0) {
			sem->count--;
			spin_unlock(&sem->lock);
			return 0;
		}
		spin_unlock(&sem->lock);
		struct wait_queue_entry e;
		init_wait_entry(&e, WQ_FLAG_EXCLUSIVE);
		if (prepare_to_wait_event(&sem->wait, &e, static_cast<int>(state))) {
			finish_wait(&sem->wait, &e);
			return -EINTR;
		}
		spin_lock(&sem->lock);
		bool avail = sem->count > 0;
		spin_unlock(&sem->lock);
		if (!avail) {
			timeout = schedule_timeout(timeout);
			if (!timeout) {
				finish_wait(&sem->wait, &e);
				return -ETIME;
			}
		}
		finish_wait(&sem->wait, &e);
	}
}

} // namespace

extern "C" {

void down(struct semaphore *sem)
{
	down_common(sem, TASK_UNINTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT);
}

int down_interruptible(struct semaphore *sem)
{
	return down_common(sem, TASK_INTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT);
}

int down_killable(struct semaphore *sem)
{
	return down_common(sem, TASK_KILLABLE, MAX_SCHEDULE_TIMEOUT);
}

int down_timeout(struct semaphore *sem, long timeout)
{
	return down_common(sem, TASK_UNINTERRUPTIBLE, timeout);
}

// Returns 0 when the semaphore was taken, 1 when it was not (sic, as the kernel).
int down_trylock(struct semaphore *sem)
{
	spin_lock(&sem->lock);
	int busy = sem->count == 0;
	if (!busy)
		sem->count--;
	spin_unlock(&sem->lock);
	return busy;
}

void up(struct semaphore *sem)
{
	spin_lock(&sem->lock);
	sem->count++;
	spin_unlock(&sem->lock);
	__wake_up(&sem->wait, TASK_NORMAL, 1, nullptr);
}

void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	atomic_set(&r->refs, REFCOUNT_SATURATED);
	static const char *const what[] = {"saturated; leaking memory", "saturated; leaking memory",
					   "addition on 0; use-after-free", "underflow; use-after-free",
					   "decrement hit 0; leaking memory"};
	_printk(KPLAY_KERN_WARNING "refcount_t: %s.\n", what[t]);
}

} // extern "C"

KPLAY_EXPORT(down);
KPLAY_EXPORT(down_interruptible);
KPLAY_EXPORT(down_killable);
KPLAY_EXPORT(down_timeout);
KPLAY_EXPORT(down_trylock);
KPLAY_EXPORT(up);
KPLAY_EXPORT(refcount_warn_saturate);
