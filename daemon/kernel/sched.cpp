// Sleeping and waking (mirrors kernel/sched/core.c, wait.c, completion.c,
// kernel/time/timer.c's sleeping helpers and kernel/kthread.c): a task's
// __state is the futex word it sleeps on; waking sets it to TASK_RUNNING.
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/oops.h"
#include "kernel/task.h"
#include "kernel/vsprintf.h"

#include "linux/completion.h"
#include "linux/delay.h"
#include "linux/jiffies.h"
#include "linux/kthread.h"
#include "linux/sched.h"
#include "linux/wait.h"

#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <mutex>
#include <set>
#include <cstdarg>
#include <ctime>

namespace {

constexpr int kErestartsys = 512;

uint64_t mono_ns()
{
	timespec ts{};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return uint64_t(ts.tv_sec) * 1000000000ULL + uint64_t(ts.tv_nsec);
}

const uint64_t g_boot_ns = mono_ns();

// Busy-wait time asked for on this thread (kplay::thread_delay_ns).
thread_local uint64_t t_delayed_ns = 0;

void futex_wait(unsigned int *addr, unsigned int val, const timespec *rel)
{
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, rel, nullptr, 0);
}

void futex_wake(unsigned int *addr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, INT32_MAX, nullptr, nullptr, 0);
}

// Tasks asleep right now, so a stopping daemon can wake the callers' ones.
std::mutex g_sleepers_mu;
std::set<kplay_task *> g_sleepers;
std::atomic<bool> g_shutting_down{false};
std::mutex g_kthreads_mu;
std::set<kplay_task *> g_kthreads; // created and not yet stopped

struct Asleep {
	kplay_task *t;
	explicit Asleep(kplay_task *task) : t(task)
	{
		std::lock_guard lk(g_sleepers_mu);
		g_sleepers.insert(t);
	}
	~Asleep()
	{
		std::lock_guard lk(g_sleepers_mu);
		g_sleepers.erase(t);
	}
};

bool interruptible_and_signalled(kplay_task *t, unsigned int state)
{
	return signal_pending_state(state, &t->task);
}

// Sleeps until woken, a signal ends an interruptible sleep, or deadline_ns.
// Returns false when the deadline passed.
bool sleep_until(kplay_task *t, uint64_t deadline_ns)
{
	Asleep asleep(t);
	kplay::note_sleeping(true);
	struct Woken {
		~Woken() { kplay::note_sleeping(false); }
	} woken;
	for (;;) {
		unsigned int st = __atomic_load_n(&t->task.__state, __ATOMIC_SEQ_CST);
		if (st == TASK_RUNNING)
			return true;
		if (interruptible_and_signalled(t, st)) {
			__atomic_store_n(&t->task.__state, TASK_RUNNING, __ATOMIC_SEQ_CST);
			return true;
		}
		if (deadline_ns) {
			uint64_t now = mono_ns();
			if (now >= deadline_ns) {
				__atomic_store_n(&t->task.__state, TASK_RUNNING, __ATOMIC_SEQ_CST);
				return false;
			}
			uint64_t left = deadline_ns - now;
			timespec rel{static_cast<time_t>(left / 1000000000ULL), static_cast<long>(left % 1000000000ULL)};
			futex_wait(&t->task.__state, st, &rel);
		} else {
			futex_wait(&t->task.__state, st, nullptr);
		}
	}
}

} // namespace

extern "C" {

unsigned long kplay_jiffies(void)
{
	return INITIAL_JIFFIES + static_cast<unsigned long>((mono_ns() - g_boot_ns) / (1000000000ULL / HZ));
}

u64 get_jiffies_64(void)
{
	return kplay_jiffies();
}

unsigned long msecs_to_jiffies(const unsigned int m)
{
	return (static_cast<unsigned long>(m) + (1000 / HZ) - 1) / (1000 / HZ);
}

unsigned long usecs_to_jiffies(const unsigned int u)
{
	return (static_cast<unsigned long>(u) + (1000000 / HZ) - 1) / (1000000 / HZ);
}

unsigned int jiffies_to_msecs(const unsigned long j)
{
	return static_cast<unsigned int>(j * (1000 / HZ));
}

unsigned int jiffies_to_usecs(const unsigned long j)
{
	return static_cast<unsigned int>(j * (1000000 / HZ));
}

void set_current_state_kplay(unsigned int state)
{
	__atomic_store_n(&kplay::current_task()->task.__state, state, __ATOMIC_SEQ_CST);
}

// A stopping daemon acts as if every caller got SIGKILL.
int kplay_signal_pending(struct task_struct *p)
{
	return p->kplay && (p->kplay->sigpending.load() || (g_shutting_down.load() && p->kplay->request));
}

int kplay_fatal_signal_pending(struct task_struct *p)
{
	return p->kplay &&
	       ((p->kplay->sigpending.load() && p->kplay->fatal.load()) || (g_shutting_down.load() && p->kplay->request));
}

void schedule(void)
{
	kplay::might_sleep_check("kernel/sched/core.c:6566");
	kplay_task *t = kplay::current_task();
	sleep_until(t, 0);
}

long schedule_timeout(long timeout)
{
	kplay::might_sleep_check("kernel/time/timer.c:1923");
	kplay_task *t = kplay::current_task();
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		sleep_until(t, 0);
		return timeout;
	}
	if (timeout < 0) {
		_printk(KPLAY_KERN_ERR "schedule_timeout: wrong timeout value %lx\n", static_cast<unsigned long>(timeout));
		__atomic_store_n(&t->task.__state, TASK_RUNNING, __ATOMIC_SEQ_CST);
		return 0;
	}
	unsigned long start = kplay_jiffies();
	uint64_t deadline = mono_ns() + static_cast<uint64_t>(timeout) * (1000000000ULL / HZ);
	if (!sleep_until(t, deadline))
		return 0;
	long left = timeout - static_cast<long>(kplay_jiffies() - start);
	return left < 0 ? 0 : left;
}

long schedule_timeout_interruptible(long timeout)
{
	set_current_state_kplay(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_killable(long timeout)
{
	set_current_state_kplay(TASK_KILLABLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	set_current_state_kplay(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned int st = __atomic_load_n(&p->__state, __ATOMIC_SEQ_CST);
	if (!(st & state))
		return 0;
	__atomic_store_n(&p->__state, TASK_RUNNING, __ATOMIC_SEQ_CST);
	futex_wake(&p->__state);
	return 1;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

void yield(void)
{
	sched_yield();
}

int cond_resched(void)
{
	return 0;
}

// ---- wait queues (kernel/sched/wait.c) ----

void __init_waitqueue_head(struct wait_queue_head *wq, const char *, void *)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

int waitqueue_active_kplay(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	e->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock(&wq->lock);
	list_add(&e->entry, &wq->head);
	spin_unlock(&wq->lock);
}

void add_wait_queue_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	e->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock(&wq->lock);
	list_add_tail(&e->entry, &wq->head);
	spin_unlock(&wq->lock);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	spin_lock(&wq->lock);
	list_del(&e->entry);
	spin_unlock(&wq->lock);
}

void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr_exclusive, void *key)
{
	spin_lock(&wq->lock);
	struct list_head *pos, *n;
	for (pos = wq->head.next, n = pos->next; pos != &wq->head; pos = n, n = pos->next) {
		auto *curr = list_entry(pos, struct wait_queue_entry, entry);
		unsigned flags = curr->flags;
		int ret = curr->func(curr, mode, 0, key);
		if (ret < 0)
			break;
		if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
	spin_unlock(&wq->lock);
}

int default_wake_function(struct wait_queue_entry *e, unsigned mode, int, void *)
{
	return wake_up_state(static_cast<struct task_struct *>(e->private_), mode);
}

int autoremove_wake_function(struct wait_queue_entry *e, unsigned mode, int sync, void *key)
{
	int ret = default_wake_function(e, mode, sync, key);
	if (ret)
		list_del_init(&e->entry);
	return ret;
}

void init_wait_entry(struct wait_queue_entry *e, int flags)
{
	e->flags = static_cast<unsigned>(flags);
	e->private_ = get_current();
	e->func = autoremove_wake_function;
	INIT_LIST_HEAD(&e->entry);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *e, int state)
{
	e->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock(&wq->lock);
	if (list_empty(&e->entry))
		list_add(&e->entry, &wq->head);
	set_current_state_kplay(static_cast<unsigned>(state));
	spin_unlock(&wq->lock);
}

void prepare_to_wait_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *e, int state)
{
	e->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock(&wq->lock);
	if (list_empty(&e->entry))
		list_add_tail(&e->entry, &wq->head);
	set_current_state_kplay(static_cast<unsigned>(state));
	spin_unlock(&wq->lock);
}

long prepare_to_wait_event(struct wait_queue_head *wq, struct wait_queue_entry *e, int state)
{
	long ret = 0;
	spin_lock(&wq->lock);
	if (signal_pending_state(static_cast<unsigned>(state), get_current())) {
		// The wait is over: leave the queue now, so a wake-up meant for
		// another sleeper is not wasted on us.
		list_del_init(&e->entry);
		ret = -kErestartsys;
	} else {
		if (list_empty(&e->entry)) {
			if (e->flags & WQ_FLAG_EXCLUSIVE)
				list_add_tail(&e->entry, &wq->head);
			else
				list_add(&e->entry, &wq->head);
		}
		set_current_state_kplay(static_cast<unsigned>(state));
	}
	spin_unlock(&wq->lock);
	return ret;
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	set_current_state_kplay(TASK_RUNNING);
	if (!list_empty(&e->entry)) {
		spin_lock(&wq->lock);
		list_del_init(&e->entry);
		spin_unlock(&wq->lock);
	}
}

// ---- delays ----

void msleep(unsigned int msecs)
{
	long timeout = static_cast<long>(msecs_to_jiffies(msecs)) + 1;
	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}

unsigned long msleep_interruptible(unsigned int msecs)
{
	long timeout = static_cast<long>(msecs_to_jiffies(msecs)) + 1;
	while (timeout && !signal_pending(get_current()))
		timeout = schedule_timeout_interruptible(timeout);
	return jiffies_to_msecs(static_cast<unsigned long>(timeout));
}

void usleep_range_state(unsigned long min, unsigned long, unsigned int state)
{
	kplay_task *t = kplay::current_task();
	__atomic_store_n(&t->task.__state, state, __ATOMIC_SEQ_CST);
	sleep_until(t, mono_ns() + min * 1000ULL);
}

void fsleep(unsigned long usecs)
{
	usleep_range_state(usecs, usecs, TASK_UNINTERRUPTIBLE);
}

// Busy-waits, as udelay does: no sleeping, the CPU stays with the caller.
// The time asked for is also added up per thread: the clock of simulated
// devices that a driver times with udelay (kplay::thread_delay_ns).
void __ndelay(unsigned long nsecs)
{
	uint64_t end = mono_ns() + nsecs;
	while (mono_ns() < end)
		__builtin_ia32_pause();
	t_delayed_ns += nsecs;
}

void __udelay(unsigned long usecs)
{
	__ndelay(usecs * 1000UL);
}

// ---- completions (kernel/sched/completion.c) ----

void complete(struct completion *x)
{
	spin_lock(&x->wait.lock);
	if (x->done != UINT_MAX_COMPLETE)
		x->done++;
	spin_unlock(&x->wait.lock);
	__wake_up(&x->wait, TASK_NORMAL, 1, nullptr);
}

void complete_all(struct completion *x)
{
	spin_lock(&x->wait.lock);
	x->done = UINT_MAX_COMPLETE;
	spin_unlock(&x->wait.lock);
	__wake_up(&x->wait, TASK_NORMAL, 0, nullptr);
}

} // extern "C"

uint64_t kplay::thread_delay_ns()
{
	return t_delayed_ns;
}

namespace {

// do_wait_for_common: returns remaining jiffies (>= 1) on success, 0 on
// timeout, -ERESTARTSYS on a signal for interruptible states.
long wait_for_common(struct completion *x, long timeout, unsigned int state)
{
	for (;;) {
		spin_lock(&x->wait.lock);
		if (x->done) {
			if (x->done != UINT_MAX_COMPLETE)
				x->done--;
			spin_unlock(&x->wait.lock);
			return timeout ? timeout : 1;
		}
		spin_unlock(&x->wait.lock);
		if (!timeout)
			return 0;
		struct wait_queue_entry e;
		init_wait_entry(&e, WQ_FLAG_EXCLUSIVE);
		long sig = prepare_to_wait_event(&x->wait, &e, static_cast<int>(state));
		if (sig) {
			finish_wait(&x->wait, &e);
			return sig;
		}
		spin_lock(&x->wait.lock);
		bool done = x->done != 0;
		spin_unlock(&x->wait.lock);
		if (!done)
			timeout = schedule_timeout(timeout);
		finish_wait(&x->wait, &e);
	}
}

} // namespace

extern "C" {

void wait_for_completion(struct completion *x)
{
	wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}

unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return static_cast<unsigned long>(wait_for_common(x, static_cast<long>(timeout), TASK_UNINTERRUPTIBLE));
}

int wait_for_completion_interruptible(struct completion *x)
{
	long t = wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_INTERRUPTIBLE);
	return t == -kErestartsys ? static_cast<int>(t) : 0;
}

long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout)
{
	return wait_for_common(x, static_cast<long>(timeout), TASK_INTERRUPTIBLE);
}

int wait_for_completion_killable(struct completion *x)
{
	long t = wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_KILLABLE);
	return t == -kErestartsys ? static_cast<int>(t) : 0;
}

bool try_wait_for_completion(struct completion *x)
{
	spin_lock(&x->wait.lock);
	bool ret = x->done != 0;
	if (ret && x->done != UINT_MAX_COMPLETE)
		x->done--;
	spin_unlock(&x->wait.lock);
	return ret;
}

bool completion_done(struct completion *x)
{
	spin_lock(&x->wait.lock);
	bool ret = x->done != 0;
	spin_unlock(&x->wait.lock);
	return ret;
}

// ---- kernel threads (kernel/kthread.c) ----

struct task_struct *kthread_create_on_node(int (*threadfn)(void *), void *data, int, const char namefmt[], ...)
{
	va_list ap;
	va_start(ap, namefmt);
	std::string name = kplay::kernel_vformat(namefmt, ap);
	va_end(ap);
	kplay_task *k = kplay::new_kernel_task(name);
	k->is_kthread = true;
	k->threadfn = threadfn;
	k->data = data;
	// A new kthread sleeps until wake_up_process (kthread_run) or kthread_stop.
	k->task.__state = TASK_UNINTERRUPTIBLE;
	DECLARE_COMPLETION(started);
	struct completion *startedp = &started;
	k->thread = std::thread([k, startedp] {
		kplay::set_thread_task(k);
		k->task.pid = static_cast<pid_t>(gettid());
		complete(startedp);
		sleep_until(k, 0);
		int ret = -EINTR;
		// An oops ends the kernel thread, as the kernel kills the task.
		if (!k->should_stop.load() && !kplay::oops_guard([&] { ret = k->threadfn(k->data); }))
			ret = -EFAULT;
		k->result = ret;
		k->exited.store(true);
	});
	wait_for_completion(startedp);
	{
		std::lock_guard lk(g_kthreads_mu);
		g_kthreads.insert(k);
	}
	return &k->task;
}

bool kthread_should_stop(void)
{
	return kplay::current_task()->should_stop.load();
}

int kthread_stop(struct task_struct *tsk)
{
	kplay_task *k = tsk->kplay;
	{
		std::lock_guard lk(g_kthreads_mu);
		g_kthreads.erase(k);
	}
	k->should_stop.store(true);
	wake_up_process(tsk);
	int ret;
	if (k->parked.load()) {
		ret = k->result;
		k->thread.detach(); // parked in kthread_exit, never to run again
		return ret;
	}
	if (k->thread.joinable())
		k->thread.join();
	ret = k->result;
	delete k;
	return ret;
}

void kthread_bind(struct task_struct *, unsigned int) {}

} // extern "C"

extern "C" {

void kthread_exit(long result)
{
	kplay_task *k = kplay::current_task();
	k->result = static_cast<int>(result);
	// The thread cannot return into the module's frames, and unwinding
	// through them is not possible: it parks for good; kthread_stop detaches it.
	k->parked.store(true);
	k->exited.store(true);
	static unsigned int never = 0;
	for (;;)
		futex_wait(&never, 0, nullptr);
}

void kthread_complete_and_exit(struct completion *comp, long code)
{
	if (comp)
		complete(comp);
	kthread_exit(code);
}

} // extern "C"

namespace kplay {

int kthreads_of_module(uintptr_t lo, uintptr_t hi)
{
	std::lock_guard lk(g_kthreads_mu);
	int n = 0;
	for (kplay_task *k : g_kthreads) {
		auto a = reinterpret_cast<uintptr_t>(k->threadfn);
		if (a >= lo && a < hi && !k->exited.load())
			++n;
	}
	return n;
}

void interrupt_all_callers()
{
	g_shutting_down.store(true);
	std::lock_guard lk(g_sleepers_mu);
	for (kplay_task *t : g_sleepers) {
		if (!t->request)
			continue;
		t->sigpending.store(true);
		t->fatal.store(true);
		unsigned int st = __atomic_load_n(&t->task.__state, __ATOMIC_SEQ_CST);
		if (st & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)) {
			__atomic_store_n(&t->task.__state, TASK_RUNNING, __ATOMIC_SEQ_CST);
			futex_wake(&t->task.__state);
		}
	}
}

} // namespace kplay

KPLAY_EXPORT(kplay_jiffies);
KPLAY_EXPORT(get_jiffies_64);
KPLAY_EXPORT(msecs_to_jiffies);
KPLAY_EXPORT(usecs_to_jiffies);
KPLAY_EXPORT(jiffies_to_msecs);
KPLAY_EXPORT(jiffies_to_usecs);
KPLAY_EXPORT(set_current_state_kplay);
KPLAY_EXPORT(kplay_signal_pending);
KPLAY_EXPORT(kplay_fatal_signal_pending);
KPLAY_EXPORT(schedule);
KPLAY_EXPORT(schedule_timeout);
KPLAY_EXPORT(schedule_timeout_interruptible);
KPLAY_EXPORT(schedule_timeout_killable);
KPLAY_EXPORT(schedule_timeout_uninterruptible);
KPLAY_EXPORT(wake_up_process);
KPLAY_EXPORT(yield);
KPLAY_EXPORT(cond_resched);
KPLAY_EXPORT(__init_waitqueue_head);
KPLAY_EXPORT(waitqueue_active_kplay);
KPLAY_EXPORT(add_wait_queue);
KPLAY_EXPORT(add_wait_queue_exclusive);
KPLAY_EXPORT(remove_wait_queue);
KPLAY_EXPORT(__wake_up);
KPLAY_EXPORT(default_wake_function);
KPLAY_EXPORT(autoremove_wake_function);
KPLAY_EXPORT(init_wait_entry);
KPLAY_EXPORT(prepare_to_wait);
KPLAY_EXPORT(prepare_to_wait_exclusive);
KPLAY_EXPORT(prepare_to_wait_event);
KPLAY_EXPORT(finish_wait);
KPLAY_EXPORT(msleep);
KPLAY_EXPORT(msleep_interruptible);
KPLAY_EXPORT(usleep_range_state);
KPLAY_EXPORT(fsleep);
KPLAY_EXPORT(__udelay);
KPLAY_EXPORT(__ndelay);
KPLAY_EXPORT(complete);
KPLAY_EXPORT(complete_all);
KPLAY_EXPORT(wait_for_completion);
KPLAY_EXPORT(wait_for_completion_timeout);
KPLAY_EXPORT(wait_for_completion_interruptible);
KPLAY_EXPORT(wait_for_completion_interruptible_timeout);
KPLAY_EXPORT(wait_for_completion_killable);
KPLAY_EXPORT(try_wait_for_completion);
KPLAY_EXPORT(completion_done);
KPLAY_EXPORT(kthread_create_on_node);
KPLAY_EXPORT(kthread_should_stop);
KPLAY_EXPORT(kthread_stop);
KPLAY_EXPORT(kthread_bind);
KPLAY_EXPORT(kthread_exit);
KPLAY_EXPORT(kthread_complete_and_exit);
