// Timers and tasklets (mirrors kernel/time/timer.c and kernel/softirq.c):
// both run on one "ksoftirqd/0" thread, timers in expiry order, tasklets in
// scheduling order; del_timer_sync and tasklet_kill wait for a running
// callback. Callbacks run in atomic context: they must not sleep.
#include "kernel/irq.h"
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/oops.h"
#include "kernel/task.h"

#include "linux/interrupt.h"
#include "linux/jiffies.h"
#include "linux/timer.h"

#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace kplay {
namespace {

struct Softirq {
	std::mutex mu;
	std::condition_variable cv;
	std::multimap<unsigned long, struct timer_list *> timers; // by expiry (jiffies, wrap-safe enough for 49 days)
	std::deque<struct tasklet_struct *> tasklets;
	struct timer_list *running_timer = nullptr;
	struct tasklet_struct *running_tasklet = nullptr;
	std::thread thread;
	bool started = false;
	thread_local static bool in_softirq;
};
thread_local bool Softirq::in_softirq = false;

Softirq &softirq()
{
	static Softirq s;
	return s;
}

// Tasklets a hard handler scheduled on this (the hard-IRQ) thread.
std::vector<struct tasklet_struct *> &raised_in_hardirq()
{
	thread_local std::vector<struct tasklet_struct *> v;
	return v;
}

long jiffies_until(unsigned long expires)
{
	return static_cast<long>(expires - kplay_jiffies());
}

void run_loop(Softirq &s)
{
	set_thread_task(new_kernel_task("ksoftirqd/0"));
	Softirq::in_softirq = true;
	std::unique_lock lk(s.mu);
	for (;;) {
		if (!s.tasklets.empty()) {
			struct tasklet_struct *t = s.tasklets.front();
			s.tasklets.pop_front();
			s.running_tasklet = t;
			// tasklet_action: clear SCHED before running, so it can reschedule itself.
			__atomic_fetch_and(&t->state, ~(1UL << TASKLET_STATE_SCHED), __ATOMIC_SEQ_CST);
			lk.unlock();
			if (atomic_read(&t->count) == 0) {
				(void)oops_guard([t] {
					if (t->use_callback)
						t->callback(t);
					else
						t->func(t->data);
				});
			}
			lk.lock();
			s.running_tasklet = nullptr;
			s.cv.notify_all();
			continue;
		}
		if (!s.timers.empty()) {
			auto it = s.timers.begin();
			long wait = jiffies_until(it->second->expires);
			if (wait <= 0) {
				struct timer_list *t = it->second;
				s.timers.erase(it);
				t->kplay = nullptr;
				s.running_timer = t;
				lk.unlock();
				(void)oops_guard([t] { t->function(t); });
				lk.lock();
				s.running_timer = nullptr;
				s.cv.notify_all();
				continue;
			}
			s.cv.wait_for(lk, std::chrono::milliseconds(wait * (1000 / HZ)));
			continue;
		}
		s.cv.wait(lk);
	}
}

void ensure_started(Softirq &s)
{
	if (!s.started) {
		s.started = true;
		s.thread = std::thread([&s] { run_loop(s); });
		s.thread.detach();
	}
}

// Removes a pending timer; true if it was pending. Caller holds s.mu.
bool detach_timer(Softirq &s, struct timer_list *timer)
{
	for (auto it = s.timers.begin(); it != s.timers.end(); ++it) {
		if (it->second == timer) {
			s.timers.erase(it);
			timer->kplay = nullptr;
			return true;
		}
	}
	return false;
}

} // namespace
} // namespace kplay

extern "C" {

void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags, const char *,
		    void *)
{
	std::memset(timer, 0, sizeof *timer);
	timer->function = func;
	timer->flags = flags;
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	kplay::Softirq &s = kplay::softirq();
	std::lock_guard lk(s.mu);
	kplay::ensure_started(s);
	bool was_pending = kplay::detach_timer(s, timer);
	timer->expires = expires;
	s.timers.emplace(expires, timer);
	timer->kplay = timer;
	s.cv.notify_all();
	return was_pending;
}

int timer_reduce(struct timer_list *timer, unsigned long expires)
{
	{
		kplay::Softirq &s = kplay::softirq();
		std::lock_guard lk(s.mu);
		if (timer->kplay && time_before_eq(timer->expires, expires))
			return 1;
	}
	return mod_timer(timer, expires);
}

void add_timer(struct timer_list *timer)
{
	if (timer->kplay)
		_printk(KPLAY_KERN_WARNING "add_timer: timer already pending (BUG_ON in the kernel)\n");
	mod_timer(timer, timer->expires);
}

int del_timer(struct timer_list *timer)
{
	kplay::Softirq &s = kplay::softirq();
	std::lock_guard lk(s.mu);
	return kplay::detach_timer(s, timer);
}

int del_timer_sync(struct timer_list *timer)
{
	kplay::Softirq &s = kplay::softirq();
	std::unique_lock lk(s.mu);
	int ret = kplay::detach_timer(s, timer);
	s.cv.wait(lk, [&] { return s.running_timer != timer; });
	return ret;
}

int timer_pending_kplay(const struct timer_list *timer)
{
	kplay::Softirq &s = kplay::softirq();
	std::lock_guard lk(s.mu);
	return timer->kplay != nullptr;
}

void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data)
{
	std::memset(t, 0, sizeof *t);
	t->func = func;
	t->use_callback = false;
	t->data = data;
}

void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *))
{
	std::memset(t, 0, sizeof *t);
	t->callback = callback;
	t->use_callback = true;
}

void __tasklet_schedule(struct tasklet_struct *t)
{
	// From a hard handler: raised now, run at irq_exit (softirq_irq_exit).
	if (in_hardirq_kplay()) {
		kplay::raised_in_hardirq().push_back(t);
		return;
	}
	kplay::Softirq &s = kplay::softirq();
	std::lock_guard lk(s.mu);
	kplay::ensure_started(s);
	s.tasklets.push_back(t);
	s.cv.notify_all();
}

void __tasklet_hi_schedule(struct tasklet_struct *t)
{
	if (in_hardirq_kplay()) {
		kplay::raised_in_hardirq().insert(kplay::raised_in_hardirq().begin(), t);
		return;
	}
	kplay::Softirq &s = kplay::softirq();
	std::lock_guard lk(s.mu);
	kplay::ensure_started(s);
	s.tasklets.push_front(t);
	s.cv.notify_all();
}

void tasklet_kill(struct tasklet_struct *t)
{
	kplay::Softirq &s = kplay::softirq();
	std::unique_lock lk(s.mu);
	// Waits for a scheduled run to happen and finish, as the kernel does.
	s.cv.wait(lk, [&] {
		return !(__atomic_load_n(&t->state, __ATOMIC_SEQ_CST) & (1UL << TASKLET_STATE_SCHED)) &&
		       s.running_tasklet != t;
	});
}

bool in_interrupt_kplay(void)
{
	return kplay::Softirq::in_softirq || in_hardirq_kplay();
}

bool in_softirq_kplay(void)
{
	return kplay::Softirq::in_softirq;
}

} // extern "C"

namespace kplay {

void softirq_irq_exit()
{
	std::vector<struct tasklet_struct *> raised;
	raised.swap(raised_in_hardirq());
	if (raised.empty())
		return;
	Softirq &s = softirq();
	std::lock_guard lk(s.mu);
	ensure_started(s);
	for (struct tasklet_struct *t : raised)
		s.tasklets.push_back(t);
	s.cv.notify_all();
}

int softirq_drop_module(uintptr_t lo, uintptr_t hi)
{
	auto in = [&](const void *f) {
		auto a = reinterpret_cast<uintptr_t>(f);
		return a >= lo && a < hi;
	};
	Softirq &s = softirq();
	std::unique_lock lk(s.mu);
	int n = 0;
	for (auto it = s.timers.begin(); it != s.timers.end();) {
		if (in(reinterpret_cast<const void *>(it->second->function)) || in(it->second)) {
			it->second->kplay = nullptr;
			it = s.timers.erase(it);
			++n;
		} else {
			++it;
		}
	}
	for (auto it = s.tasklets.begin(); it != s.tasklets.end();) {
		if (in(*it)) {
			it = s.tasklets.erase(it);
			++n;
		} else {
			++it;
		}
	}
	return n;
}

} // namespace kplay

KPLAY_EXPORT(init_timer_key);
KPLAY_EXPORT(mod_timer);
KPLAY_EXPORT(timer_reduce);
KPLAY_EXPORT(add_timer);
KPLAY_EXPORT(del_timer);
KPLAY_EXPORT(del_timer_sync);
KPLAY_EXPORT(timer_pending_kplay);
KPLAY_EXPORT(tasklet_init);
KPLAY_EXPORT(tasklet_setup);
KPLAY_EXPORT(__tasklet_schedule);
KPLAY_EXPORT(__tasklet_hi_schedule);
KPLAY_EXPORT(tasklet_kill);
KPLAY_EXPORT(in_interrupt_kplay);
KPLAY_EXPORT(in_softirq_kplay);
