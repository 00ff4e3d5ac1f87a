// Workqueues (mirrors the semantics of kernel/workqueue.c): each workqueue
// has worker threads ("kworker/..."); a work item is pending from queueing
// until its function starts, may be queued again while it runs, and the
// flush/cancel calls wait for what they must. Delayed work uses a timer.
#include "kernel/init.h"
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/oops.h"
#include "kernel/task.h"
#include "kernel/vsprintf.h"

#include "linux/timer.h"
#include "linux/workqueue.h"

#include <condition_variable>
#include <cstdarg>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct workqueue_struct {
	std::string name;
	std::mutex mu;
	std::condition_variable cv;
	std::deque<struct work_struct *> queue;
	std::vector<struct work_struct *> running;
	std::vector<std::thread> workers;
	unsigned long long queued_seq = 0, done_seq = 0; // for flush_workqueue
	bool stopping = false;
};

namespace kplay {
namespace {

constexpr unsigned long kPending = 1UL;

bool set_pending(struct work_struct *w)
{
	return !(__atomic_fetch_or(&w->data, kPending, __ATOMIC_SEQ_CST) & kPending);
}

void worker_loop(workqueue_struct *wq, int index)
{
	set_thread_task(new_kernel_task("kworker/u4:" + std::to_string(index) + "-" + wq->name));
	std::unique_lock lk(wq->mu);
	for (;;) {
		wq->cv.wait(lk, [wq] { return wq->stopping || !wq->queue.empty(); });
		if (wq->queue.empty())
			return; // stopping and drained
		struct work_struct *w = wq->queue.front();
		wq->queue.pop_front();
		wq->running.push_back(w);
		// The item may be queued again once its function has started.
		__atomic_fetch_and(&w->data, ~kPending, __ATOMIC_SEQ_CST);
		lk.unlock();
		(void)oops_guard([w] { w->func(w); });
		lk.lock();
		wq->running.erase(std::find(wq->running.begin(), wq->running.end(), w));
		wq->done_seq++;
		wq->cv.notify_all();
	}
}

workqueue_struct *make_wq(const std::string &name, int workers)
{
	auto *wq = new workqueue_struct;
	wq->name = name;
	for (int i = 0; i < workers; ++i)
		wq->workers.emplace_back(worker_loop, wq, i);
	return wq;
}

void enqueue(workqueue_struct *wq, struct work_struct *w)
{
	std::lock_guard lk(wq->mu);
	wq->queue.push_back(w);
	wq->queued_seq++;
	wq->cv.notify_all();
}

bool is_queued_or_running(workqueue_struct *wq, struct work_struct *w)
{
	return std::find(wq->queue.begin(), wq->queue.end(), w) != wq->queue.end() ||
	       std::find(wq->running.begin(), wq->running.end(), w) != wq->running.end();
}

std::vector<workqueue_struct *> &all_wqs()
{
	static std::vector<workqueue_struct *> v;
	return v;
}
std::mutex g_all_mu;

workqueue_struct *system_queue(const char *name)
{
	workqueue_struct *wq = make_wq(name, 2);
	std::lock_guard lk(g_all_mu);
	all_wqs().push_back(wq);
	return wq;
}

// The delayed-work timer: queue the work when it fires.
void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dw = from_timer(dw, t, timer);
	enqueue(dw->wq, &dw->work);
}

} // namespace
} // namespace kplay

extern "C" {

// Made by workqueue_init() in the daemon (threads do not survive the
// daemon's fork, so nothing may start them at static-initialisation time).
struct workqueue_struct *system_wq = nullptr;
struct workqueue_struct *system_highpri_wq = nullptr;
struct workqueue_struct *system_long_wq = nullptr;
struct workqueue_struct *system_unbound_wq = nullptr;

void kplay_init_work(struct work_struct *work, work_func_t func)
{
	work->data = 0;
	INIT_LIST_HEAD(&work->entry);
	work->func = func;
}

void kplay_init_delayed_work(struct delayed_work *dwork, work_func_t func)
{
	kplay_init_work(&dwork->work, func);
	init_timer_key(&dwork->timer, kplay::delayed_work_timer_fn, 0, "dwork", nullptr);
	dwork->wq = nullptr;
}

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
{
	va_list ap;
	va_start(ap, max_active);
	std::string name = kplay::kernel_vformat(fmt, ap);
	va_end(ap);
	bool ordered = (flags & __WQ_ORDERED) || max_active == 1;
	struct workqueue_struct *wq = kplay::make_wq(name, ordered ? 1 : 2);
	std::lock_guard lk(kplay::g_all_mu);
	kplay::all_wqs().push_back(wq);
	return wq;
}

void flush_workqueue(struct workqueue_struct *wq)
{
	std::unique_lock lk(wq->mu);
	unsigned long long target = wq->queued_seq;
	wq->cv.wait(lk, [&] { return wq->done_seq >= target; });
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	flush_workqueue(wq);
	{
		std::lock_guard lk(wq->mu);
		wq->stopping = true;
		wq->cv.notify_all();
	}
	for (auto &t : wq->workers)
		t.join();
	{
		std::lock_guard lk(kplay::g_all_mu);
		auto &v = kplay::all_wqs();
		v.erase(std::remove(v.begin(), v.end(), wq), v.end());
	}
	delete wq;
}

bool queue_work_on(int, struct workqueue_struct *wq, struct work_struct *work)
{
	if (!kplay::set_pending(work))
		return false;
	kplay::enqueue(wq, work);
	return true;
}

bool queue_delayed_work_on(int, struct workqueue_struct *wq, struct delayed_work *dwork, unsigned long delay)
{
	if (!kplay::set_pending(&dwork->work))
		return false;
	dwork->wq = wq;
	if (!dwork->timer.function)
		dwork->timer.function = kplay::delayed_work_timer_fn;
	if (delay == 0) {
		kplay::enqueue(wq, &dwork->work);
		return true;
	}
	mod_timer(&dwork->timer, kplay_jiffies() + delay);
	return true;
}

bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork, unsigned long delay)
{
	bool pending = cancel_delayed_work(dwork);
	queue_delayed_work_on(cpu, wq, dwork, delay);
	return pending;
}

bool flush_work(struct work_struct *work)
{
	std::vector<workqueue_struct *> wqs;
	{
		std::lock_guard lk(kplay::g_all_mu);
		wqs = kplay::all_wqs();
	}
	bool waited = false;
	for (workqueue_struct *wq : wqs) {
		std::unique_lock lk(wq->mu);
		if (kplay::is_queued_or_running(wq, work)) {
			waited = true;
			wq->cv.wait(lk, [&] { return !kplay::is_queued_or_running(wq, work); });
		}
	}
	return waited;
}

bool cancel_work_sync(struct work_struct *work)
{
	bool was_pending = false;
	std::vector<workqueue_struct *> wqs;
	{
		std::lock_guard lk(kplay::g_all_mu);
		wqs = kplay::all_wqs();
	}
	for (workqueue_struct *wq : wqs) {
		std::unique_lock lk(wq->mu);
		auto it = std::find(wq->queue.begin(), wq->queue.end(), work);
		if (it != wq->queue.end()) {
			wq->queue.erase(it);
			wq->done_seq++; // it counts as flushed
			was_pending = true;
			wq->cv.notify_all();
		}
		wq->cv.wait(lk, [&] { return std::find(wq->running.begin(), wq->running.end(), work) == wq->running.end(); });
	}
	__atomic_fetch_and(&work->data, ~kplay::kPending, __ATOMIC_SEQ_CST);
	return was_pending;
}

bool cancel_delayed_work(struct delayed_work *dwork)
{
	bool pending = del_timer(&dwork->timer);
	if (pending)
		__atomic_fetch_and(&dwork->work.data, ~kplay::kPending, __ATOMIC_SEQ_CST);
	else if (dwork->wq) {
		std::lock_guard lk(dwork->wq->mu);
		auto it = std::find(dwork->wq->queue.begin(), dwork->wq->queue.end(), &dwork->work);
		if (it != dwork->wq->queue.end()) {
			dwork->wq->queue.erase(it);
			dwork->wq->done_seq++;
			__atomic_fetch_and(&dwork->work.data, ~kplay::kPending, __ATOMIC_SEQ_CST);
			pending = true;
		}
	}
	return pending;
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	bool pending = del_timer_sync(&dwork->timer);
	if (pending)
		__atomic_fetch_and(&dwork->work.data, ~kplay::kPending, __ATOMIC_SEQ_CST);
	return cancel_work_sync(&dwork->work) || pending;
}

bool flush_delayed_work(struct delayed_work *dwork)
{
	if (del_timer_sync(&dwork->timer) && dwork->wq)
		kplay::enqueue(dwork->wq, &dwork->work);
	return flush_work(&dwork->work);
}

} // extern "C"

namespace kplay {

int workqueue_drop_module(uintptr_t lo, uintptr_t hi)
{
	auto in = [&](const void *f) {
		auto a = reinterpret_cast<uintptr_t>(f);
		return a >= lo && a < hi;
	};
	int n = 0;
	std::lock_guard g(g_all_mu);
	for (workqueue_struct *wq : all_wqs()) {
		std::lock_guard lk(wq->mu);
		for (auto it = wq->queue.begin(); it != wq->queue.end();) {
			if (in(reinterpret_cast<const void *>((*it)->func)) || in(*it)) {
				it = wq->queue.erase(it);
				wq->done_seq++;
				++n;
			} else {
				++it;
			}
		}
		wq->cv.notify_all();
	}
	return n;
}

void workqueue_init()
{
	system_wq = system_queue("events");
	system_highpri_wq = system_queue("events_highpri");
	system_long_wq = system_queue("events_long");
	system_unbound_wq = system_queue("events_unbound");
}

} // namespace kplay

KPLAY_EXPORT(system_wq);
KPLAY_EXPORT(system_highpri_wq);
KPLAY_EXPORT(system_long_wq);
KPLAY_EXPORT(system_unbound_wq);
KPLAY_EXPORT(kplay_init_work);
KPLAY_EXPORT(kplay_init_delayed_work);
KPLAY_EXPORT(alloc_workqueue);
KPLAY_EXPORT(flush_workqueue);
KPLAY_EXPORT(destroy_workqueue);
KPLAY_EXPORT(queue_work_on);
KPLAY_EXPORT(queue_delayed_work_on);
KPLAY_EXPORT(mod_delayed_work_on);
KPLAY_EXPORT(flush_work);
KPLAY_EXPORT(cancel_work_sync);
KPLAY_EXPORT(cancel_delayed_work);
KPLAY_EXPORT(cancel_delayed_work_sync);
KPLAY_EXPORT(flush_delayed_work);
