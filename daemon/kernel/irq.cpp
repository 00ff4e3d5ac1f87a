// Interrupts (mirrors kernel/irq/manage.c, chip.c, handle.c and proc.c for
// the simulated GPIO chip's lines): request_threaded_irq/free_irq with the
// kernel's rules, edge detection by trigger type, hard handlers on one
// hard-IRQ thread (CPU0's interrupt context: in_irq() is true and sleeping
// is reported), IRQ_WAKE_THREAD waking a per-action "irq/N-name" kernel
// thread, and ROOT/proc/interrupts.
#include "kernel/irq.h"

#include "kernel/init.h"
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/oops.h"
#include "kernel/task.h"
#include "vfs/tree.h"

#include "linux/interrupt.h"
#include "linux/irq.h"
#include "linux/kthread.h"
#include "linux/sched.h"

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

extern "C" void kplay_warn(const char *file, int line, const void *caller, const char *msg); // linux/bug.h

namespace kplay {
namespace {

constexpr unsigned kGpioLines = 640; // the chip's size (gpio.cpp)

struct Action {
	irq_handler_t handler = nullptr;
	irq_handler_t thread_fn = nullptr;
	unsigned long flags = 0;
	std::string name;
	const char *devname = nullptr; // the caller's string, which free_irq returns
	void *dev_id = nullptr;
	unsigned irq = 0;
	struct task_struct *thread = nullptr;
	std::atomic<bool> runthread{false}; // IRQTF_RUNTHREAD
};

struct Desc {
	unsigned irq = 0;
	unsigned hwirq = 0;
	unsigned type = IRQ_TYPE_NONE; // trigger type set by request_irq's flags
	unsigned long count = 0;        // kstat_irqs (one CPU)
	std::vector<std::shared_ptr<Action>> actions;
	bool in_progress = false; // IRQD_IRQ_INPROGRESS: hard handlers running
};

struct Edge {
	unsigned irq;
	uint64_t seq;
};

struct Irqs {
	std::mutex mu;
	std::condition_variable cv;
	std::map<unsigned, Desc> descs; // mapped IRQs, by number
	std::deque<Edge> pending;
	uint64_t queued = 0, done = 0;
	std::thread thread;
	bool started = false;
};

thread_local bool t_hardirq = false;

// Never destroyed: the detached hard-IRQ thread waits on it until exit.
Irqs &irqs()
{
	static Irqs *s = new Irqs;
	return *s;
}

irqreturn_t default_primary_handler(int, void *)
{
	return IRQ_WAKE_THREAD;
}

// The per-action thread (kernel/irq/manage.c: irq_thread): sleeps until the
// hard handler asks for it, then runs thread_fn in process context.
int irq_thread(void *data)
{
	auto *a = static_cast<Action *>(data);
	for (;;) {
		set_current_state_kplay(TASK_INTERRUPTIBLE);
		if (kthread_should_stop()) {
			set_current_state_kplay(TASK_RUNNING);
			return 0;
		}
		if (!a->runthread.exchange(false)) {
			schedule();
			continue;
		}
		set_current_state_kplay(TASK_RUNNING);
		// An oops in thread_fn is reported; the thread goes on serving.
		(void)oops_guard([a] { a->thread_fn(static_cast<int>(a->irq), a->dev_id); });
	}
}

// Runs the hard handlers of one edge (handle_edge_irq + handle_irq_event).
void handle_edge(Irqs &s, std::unique_lock<std::mutex> &lk, unsigned irq)
{
	auto it = s.descs.find(irq);
	if (it == s.descs.end() || it->second.actions.empty())
		return;
	Desc &d = it->second;
	d.count++;
	d.in_progress = true;
	std::vector<std::shared_ptr<Action>> actions = d.actions;
	lk.unlock();
	for (const auto &a : actions) {
		irqreturn_t ret = IRQ_NONE;
		(void)oops_guard([&] { ret = a->handler(static_cast<int>(irq), a->dev_id); });
		if (ret & IRQ_WAKE_THREAD) {
			if (!a->thread_fn) {
				_printk(KPLAY_KERN_WARNING
					"IRQ %u device %s returned IRQ_WAKE_THREAD but no thread function available.",
					irq, a->name.c_str());
				continue;
			}
			a->runthread.store(true);
			wake_up_process(a->thread);
		}
	}
	// irq_exit: the tasklets the handlers raised run now, after them.
	softirq_irq_exit();
	lk.lock();
	d.in_progress = false;
}

void hardirq_loop(Irqs &s)
{
	kplay_task *t = new_kernel_task("swapper/0"); // the interrupted idle task
	set_thread_task(t);
	t_hardirq = true;
	std::unique_lock lk(s.mu);
	for (;;) {
		s.cv.wait(lk, [&] { return !s.pending.empty(); });
		Edge e = s.pending.front();
		s.pending.pop_front();
		handle_edge(s, lk, e.irq);
		s.done = e.seq;
		s.cv.notify_all();
	}
}

void ensure_started(Irqs &s)
{
	if (s.started)
		return;
	s.started = true;
	s.thread = std::thread([&s] { hardirq_loop(s); });
	s.thread.detach();
}

bool edge_matches(unsigned type, bool rising)
{
	return rising ? (type & IRQ_TYPE_EDGE_RISING) : (type & IRQ_TYPE_EDGE_FALLING);
}

// Takes an action off its IRQ once no hard handler runs, then stops its
// thread (after a thread_fn in progress ends). Caller holds lk.
std::shared_ptr<Action> detach_action(Irqs &s, std::unique_lock<std::mutex> &lk, Desc &d, size_t i)
{
	std::shared_ptr<Action> a = d.actions[i];
	d.actions.erase(d.actions.begin() + static_cast<long>(i));
	if (!t_hardirq)
		s.cv.wait(lk, [&] { return !d.in_progress; });
	if (d.actions.empty()) {
		d.type = IRQ_TYPE_NONE;
		gpio_unlock_as_irq(d.hwirq);
	}
	if (a->thread) {
		lk.unlock();
		kthread_stop(a->thread);
		lk.lock();
	}
	return a;
}

std::string proc_interrupts_text()
{
	Irqs &s = irqs();
	std::lock_guard lk(s.mu);
	// kernel/irq/proc.c: show_interrupts, one CPU column.
	int prec = 3;
	for (unsigned j = 1000; prec < 10 && j <= kGpioIrqBase + kGpioLines; ++prec)
		j *= 10;
	char buf[256];
	std::snprintf(buf, sizeof buf, "%*s%s\n", prec + 8, "", "CPU0       ");
	std::string out = buf;
	for (const auto &[irq, d] : s.descs) {
		if (d.actions.empty() && !d.count)
			continue;
		std::snprintf(buf, sizeof buf, "%*u: %10lu  %8s %*u-%-8s", prec, irq, d.count, "kplay-gpio", prec, d.hwirq,
			      "edge");
		out += buf;
		for (size_t i = 0; i < d.actions.size(); ++i)
			out += (i ? ", " : "  ") + d.actions[i]->name;
		out += '\n';
	}
	return out;
}

} // namespace

int irq_map_gpio_line(unsigned hwirq)
{
	Irqs &s = irqs();
	std::lock_guard lk(s.mu);
	unsigned irq = kGpioIrqBase + hwirq;
	Desc &d = s.descs[irq];
	d.irq = irq;
	d.hwirq = hwirq;
	return static_cast<int>(irq);
}

void irq_gpio_edge(unsigned hwirq, bool rising)
{
	Irqs &s = irqs();
	std::unique_lock lk(s.mu);
	auto it = s.descs.find(kGpioIrqBase + hwirq);
	if (it == s.descs.end() || it->second.actions.empty() || !edge_matches(it->second.type, rising))
		return;
	ensure_started(s);
	uint64_t seq = ++s.queued;
	s.pending.push_back({it->first, seq});
	s.cv.notify_all();
	if (t_hardirq)
		return; // a handler driving a line: its edge runs after it
	// A handler that never returns must not hang the writer (the kernel
	// would hang the CPU): give up waiting after 5 s.
	s.cv.wait_for(lk, std::chrono::seconds(5), [&] { return s.done >= seq; });
}

int irq_drop_module(uintptr_t lo, uintptr_t hi)
{
	auto in = [&](const void *f) {
		auto a = reinterpret_cast<uintptr_t>(f);
		return a >= lo && a < hi;
	};
	Irqs &s = irqs();
	std::unique_lock lk(s.mu);
	int n = 0;
	for (auto &[irq, d] : s.descs) {
		for (size_t i = 0; i < d.actions.size();) {
			const Action &a = *d.actions[i];
			if (in(reinterpret_cast<const void *>(a.handler)) || in(reinterpret_cast<const void *>(a.thread_fn))) {
				(void)detach_action(s, lk, d, i);
				++n;
			} else {
				++i;
			}
		}
	}
	return n;
}

void irq_init()
{
	vfs::proc_tree().add_file(vfs::proc_tree().root(), "interrupts", 0444,
				  std::make_shared<vfs::SnapshotFile>(proc_interrupts_text));
}

} // namespace kplay

extern "C" {

bool in_hardirq_kplay(void)
{
	return kplay::t_hardirq;
}

int request_threaded_irq(unsigned int irq, irq_handler_t handler, irq_handler_t thread_fn, unsigned long flags,
			 const char *name, void *dev)
{
	using namespace kplay;
	if ((flags & IRQF_SHARED) && !dev)
		return -EINVAL;
	if (!handler && !thread_fn)
		return -EINVAL;
	Irqs &s = irqs();
	std::unique_lock lk(s.mu);
	auto it = s.descs.find(irq);
	if (it == s.descs.end())
		return -EINVAL; // no descriptor: not a mapped interrupt
	Desc &d = it->second;
	if (!handler) {
		handler = default_primary_handler;
		if (!(flags & IRQF_ONESHOT)) {
			_printk(KPLAY_KERN_ERR "genirq: Threaded irq requested with handler=NULL and !ONESHOT for %s (irq %u)\n",
				name ? name : "(null)", irq);
			return -EINVAL;
		}
	}
	if (!d.actions.empty()) {
		const Action &old = *d.actions.front();
		unsigned long new_type = flags & IRQF_TRIGGER_MASK;
		bool mismatch = !(old.flags & flags & IRQF_SHARED) ||
				(new_type && new_type != (old.flags & IRQF_TRIGGER_MASK)) ||
				((old.flags ^ flags) & IRQF_ONESHOT);
		if (mismatch) {
			if (!(flags & IRQF_PROBE_SHARED))
				_printk(KPLAY_KERN_ERR "genirq: Flags mismatch irq %u. %08lx (%s) vs. %08lx (%s)\n", irq, flags,
					name ? name : "(null)", old.flags, old.name.c_str());
			return -EBUSY;
		}
	} else {
		// irq_request_resources -> gpiochip_reqres_irq: the line must be an input.
		if (int err = gpio_lock_as_irq(d.hwirq)) {
			_printk(KPLAY_KERN_ERR "genirq: Failed to request resources for %s (irq %u) on irqchip kplay-gpio\n",
				name ? name : "(null)", irq);
			return err;
		}
		if (flags & IRQF_TRIGGER_MASK)
			d.type = static_cast<unsigned>(flags & IRQF_TRIGGER_MASK);
	}
	auto a = std::make_shared<Action>();
	a->handler = handler;
	a->thread_fn = thread_fn;
	a->flags = flags;
	a->name = name ? name : "(null)";
	a->devname = name;
	a->dev_id = dev;
	a->irq = irq;
	if (thread_fn) {
		lk.unlock();
		char comm[64];
		std::snprintf(comm, sizeof comm, "irq/%u-%s", irq, a->name.c_str());
		a->thread = kthread_create_on_node(irq_thread, a.get(), -1, "%s", comm);
		wake_up_process(a->thread);
		lk.lock();
	}
	d.actions.push_back(std::move(a));
	return 0;
}

const void *free_irq(unsigned int irq, void *dev_id)
{
	using namespace kplay;
	Irqs &s = irqs();
	std::unique_lock lk(s.mu);
	auto it = s.descs.find(irq);
	if (it != s.descs.end()) {
		Desc &d = it->second;
		for (size_t i = 0; i < d.actions.size(); ++i) {
			if (d.actions[i]->dev_id != dev_id)
				continue;
			return detach_action(s, lk, d, i)->devname;
		}
	}
	lk.unlock();
	char msg[64];
	std::snprintf(msg, sizeof msg, "Trying to free already-free IRQ %u\n", irq);
	kplay_warn("kernel/irq/manage.c", 1893, __builtin_return_address(0), msg);
	return nullptr;
}

void synchronize_irq(unsigned int irq)
{
	using namespace kplay;
	Irqs &s = irqs();
	std::unique_lock lk(s.mu);
	auto it = s.descs.find(irq);
	if (it == s.descs.end() || t_hardirq)
		return;
	s.cv.wait(lk, [&] { return !it->second.in_progress; });
}

} // extern "C"

KPLAY_EXPORT(in_hardirq_kplay);
KPLAY_EXPORT(request_threaded_irq);
KPLAY_EXPORT(free_irq);
KPLAY_EXPORT(synchronize_irq);
