// Oops isolation (see oops.h). Mirrors what arch/x86/mm/fault.c and
// kernel/panic.c print for a fault in kernel mode, with the module's symbol
// for the faulting instruction.
#include "kernel/oops.h"

#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/task.h"
#include "kernel/vsprintf.h"

#include <signal.h>
#include <ucontext.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>

namespace kplay {
namespace {

struct Guard {
	sigjmp_buf jb;
	Guard *prev;
};

thread_local Guard *t_guard = nullptr;
std::atomic<int> g_oopses{0};

// What the handler saw, reported after the jump (outside the handler).
thread_local int t_sig = 0;
thread_local uintptr_t t_addr = 0;
thread_local uintptr_t t_ip = 0;
thread_local bool t_write = false;

void on_fault(int sig, siginfo_t *si, void *uctx)
{
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

void report(int sig)
{
	int n = g_oopses.fetch_add(1) + 1;
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
	struct sigaction sa{};
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL})
		sigaction(sig, &sa, nullptr);
}

bool oops_guard(const std::function<void()> &fn)
{
	Guard g;
	g.prev = t_guard;
	if (sigsetjmp(g.jb, 1)) {
		t_guard = g.prev;
		report(t_sig);
		t_sig = 0;
		return false;
	}
	t_guard = &g;
	fn();
	t_guard = g.prev;
	return true;
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

} // namespace kplay

extern "C" {

// BUG(): "kernel BUG at file:line!", then an invalid-opcode oops.
void kplay_bug(const char *file, int line)
{
	_printk(KPLAY_KERN_EMERG "kernel BUG at %s:%d!\n", file, line);
	_printk(KPLAY_KERN_WARNING "invalid opcode: 0000 [#%d] PREEMPT SMP NOPTI\n", kplay::oops_count() + 1);
	kplay::oops_unwind();
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
