// Oops isolation (see oops.h). Mirrors what arch/x86/mm/fault.c and
// kernel/panic.c print for a fault in kernel mode, with the module's symbol
// for the faulting instruction.
#include "kernel/oops.h"

#include "kernel/kapi.h"
#include "kernel/module/module.h"
#include "kernel/ksyms.h"
#include "kernel/syscalls.h"
#include "kernel/task.h"
#include "kernel/vsprintf.h"

#include <signal.h>
#include <ucontext.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>
#include <ctime>
#include <pthread.h>
#include <cstdio>
#include <cstring>
#include <string>

namespace kplay {
namespace {

struct Guard {
	sigjmp_buf jb;
	Guard *prev;
};

// A thread running module code, for the soft-lockup watchdog.
struct Running {
	pthread_t thread;
	std::atomic<uint64_t> since_ns;
	std::atomic<bool> sleeping{false};
	std::atomic<uintptr_t> sampled_ip{0};
	bool reported = false;
	pid_t pid = 0;
};

std::mutex g_running_mu;
std::set<Running *> g_running;
thread_local Running *t_running = nullptr;

uint64_t mono_ns()
{
	timespec ts{};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return uint64_t(ts.tv_sec) * 1000000000ULL + uint64_t(ts.tv_nsec);
}

const int kSampleSignal = SIGRTMIN + 2;

void on_sample(int, siginfo_t *, void *uctx)
{
	auto *uc = static_cast<ucontext_t *>(uctx);
	if (t_running)
		t_running->sampled_ip.store(static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]));
}

// watchdog_timer_fn: a task that has run module code for the threshold
// without sleeping is reported, once, with where it is; it keeps running.
void watchdog_loop(int threshold_s)
{
	for (;;) {
		::sleep(1);
		uint64_t now = mono_ns();
		std::lock_guard lk(g_running_mu);
		for (Running *r : g_running) {
			uint64_t since = r->since_ns.load();
			// A task (re)entering module code stores its start without the
			// lock, so it may be later than this pass's clock reading.
			if (!since || since >= now || r->reported || r->sleeping.load())
				continue;
			uint64_t ran = now - since;
			if (ran < uint64_t(threshold_s) * 1000000000ULL)
				continue;
			r->reported = true;
			r->sampled_ip.store(0);
			pthread_kill(r->thread, kSampleSignal);
			for (int i = 0; i < 100 && !r->sampled_ip.load(); ++i)
				::usleep(1000);
			std::string comm = "kworker";
			if (r->pid > 0) {
				if (FILE *f = std::fopen(("/proc/" + std::to_string(r->pid) + "/comm").c_str(), "r")) {
					char b[32] = {};
					if (std::fgets(b, sizeof b, f))
						comm.assign(b, std::strcspn(b, "\n"));
					std::fclose(f);
				}
			}
			_printk(KPLAY_KERN_EMERG "watchdog: BUG: soft lockup - CPU#0 stuck for %llus! [%s:%d]\n",
				static_cast<unsigned long long>(ran / 1000000000ULL), comm.c_str(), r->pid);
			if (uintptr_t ip = r->sampled_ip.load())
				_printk(KPLAY_KERN_WARNING "RIP: 0010:%s\n",
					kernel_format("%pS", reinterpret_cast<void *>(ip)).c_str());
		}
	}
}

thread_local Guard *t_guard = nullptr;
std::atomic<int> g_oopses{0};

// What the handler saw, reported after the jump (outside the handler).
thread_local int t_sig = 0;
thread_local uintptr_t t_addr = 0;
thread_local uintptr_t t_ip = 0;
thread_local bool t_write = false;
thread_local uintptr_t t_bug_caller = 0; // BUG()'s caller, for the module's taint

void on_fault(int sig, siginfo_t *si, void *uctx)
{
	// mov to/from CR0 (a module lifting the write protection): done
	// against the virtual CR0, as the CPU would at CPL 0.
	if (sig == SIGSEGV && emulate_cr_access(uctx))
		return;
	if (!t_guard) {
		// Not in module code: a bug of kplay's own. Die as a program does.
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	auto *uc = static_cast<ucontext_t *>(uctx);
	t_sig = sig;
	t_addr = reinterpret_cast<uintptr_t>(si->si_addr);
	t_ip = static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
	t_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
	siglongjmp(t_guard->jb, 1);
}

void report(int sig, uintptr_t where)
{
	int n = g_oopses.fetch_add(1) + 1;
	module_mark_oopsed(where);
	struct task_struct *t = get_current();
	std::string rip = kernel_format("%pS", reinterpret_cast<void *>(t_ip));
	if (sig == SIGSEGV || sig == SIGBUS) {
		if (t_addr < 4096)
			_printk(KPLAY_KERN_ERR "BUG: kernel NULL pointer dereference, address: %016lx\n",
				static_cast<unsigned long>(t_addr));
		else
			_printk(KPLAY_KERN_ERR "BUG: unable to handle page fault for address: %016lx\n",
				static_cast<unsigned long>(t_addr));
		_printk(KPLAY_KERN_ERR "#PF: supervisor %s access in kernel mode\n", t_write ? "write" : "read");
		_printk(KPLAY_KERN_WARNING "Oops: %04x [#%d] PREEMPT SMP NOPTI\n", t_write ? 2 : 0, n);
	} else if (sig == SIGFPE) {
		_printk(KPLAY_KERN_WARNING "divide error: 0000 [#%d] PREEMPT SMP NOPTI\n", n);
	} else if (sig == SIGILL) {
		_printk(KPLAY_KERN_WARNING "invalid opcode: 0000 [#%d] PREEMPT SMP NOPTI\n", n);
	}
	_printk(KPLAY_KERN_WARNING "CPU: 0 PID: %d Comm: %s Tainted: G      D    OE      6.1.0-kplay #1\n", t->pid,
		t->comm);
	if (sig)
		_printk(KPLAY_KERN_WARNING "RIP: 0010:%s\n", rip.c_str());
	_printk(KPLAY_KERN_WARNING "---[ end trace 0000000000000000 ]---\n");
}

} // namespace

void install_oops_handler()
{
	struct sigaction ss{};
	ss.sa_sigaction = on_sample;
	ss.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&ss.sa_mask);
	sigaction(kSampleSignal, &ss, nullptr);
	int threshold = 20; // the kernel's soft-lockup threshold: 2 * watchdog_thresh
	if (const char *env = std::getenv("KPLAY_SOFTLOCKUP_SECS"))
		threshold = std::max(1, std::atoi(env));
	std::thread(watchdog_loop, threshold).detach();

	struct sigaction sa{};
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL})
		sigaction(sig, &sa, nullptr);
}

// The outermost guard on a thread marks it as running module code. Each
// thread registers once; a call only stamps the time (the watchdog reads the
// task's name only when it has something to report).
struct RunningScope {
	Running *r = nullptr;
	RunningScope()
	{
		thread_local Running *mine = [] {
			auto *n = new Running;
			n->thread = pthread_self();
			n->since_ns.store(0);
			std::lock_guard lk(g_running_mu);
			g_running.insert(n);
			return n;
		}();
		if (t_running)
			return;
		r = mine;
		r->pid = current_caller_pid();
		r->reported = false;
		r->sleeping.store(false);
		r->since_ns.store(mono_ns());
		t_running = r;
	}
	~RunningScope()
	{
		if (!r)
			return;
		r->since_ns.store(0); // idle: not in module code
		t_running = nullptr;
	}
};

bool oops_guard(const std::function<void()> &fn)
{
	RunningScope running;
	Guard g;
	g.prev = t_guard;
	// The handlers mask nothing (SA_NODEFER), so the signal mask needs no saving.
	if (sigsetjmp(g.jb, 0)) {
		t_guard = g.prev;
		report(t_sig, t_sig ? t_ip : t_bug_caller);
		t_sig = 0;
		return false;
	}
	t_guard = &g;
	fn();
	t_guard = g.prev;
	return true;
}

void oops_unwind_from(uintptr_t caller)
{
	t_bug_caller = caller;
	oops_unwind();
}

void oops_unwind()
{
	if (!t_guard) {
		_printk(KPLAY_KERN_ERR "kplay: BUG() outside module code\n");
		abort();
	}
	t_sig = 0;
	siglongjmp(t_guard->jb, 1);
}

int oops_count() { return g_oopses.load(); }

void note_sleeping(bool sleeping)
{
	Running *r = t_running;
	if (!r)
		return;
	r->sleeping.store(sleeping);
	if (!sleeping)
		r->since_ns.store(mono_ns()); // a task that slept is not locked up
}

} // namespace kplay

extern "C" {

// BUG(): "kernel BUG at file:line!", then an invalid-opcode oops.
void kplay_bug(const char *file, int line)
{
	_printk(KPLAY_KERN_EMERG "kernel BUG at %s:%d!\n", file, line);
	_printk(KPLAY_KERN_WARNING "invalid opcode: 0000 [#%d] PREEMPT SMP NOPTI\n", kplay::oops_count() + 1);
	kplay::oops_unwind_from(reinterpret_cast<uintptr_t>(__builtin_return_address(0)));
}

// WARN(): the report, and the module goes on.
void kplay_warn(const char *file, int line, const void *caller, const char *msg)
{
	struct task_struct *t = get_current();
	if (msg && *msg)
		_printk("%s", msg);
	_printk(KPLAY_KERN_WARNING "WARNING: CPU: 0 PID: %d at %s:%d %s\n", t->pid, file, line,
		kplay::kernel_format("%pS", caller).c_str());
	_printk(KPLAY_KERN_WARNING "---[ end trace 0000000000000000 ]---\n");
}

} // extern "C"

KPLAY_EXPORT(kplay_bug);
KPLAY_EXPORT(kplay_warn);
