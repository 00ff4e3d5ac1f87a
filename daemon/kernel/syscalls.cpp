// The emulated system call table (see syscalls.h).
#include "kernel/syscalls.h"

#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/oops.h"
#include "kernel/task.h"

#include "asm/ptrace.h"
#include "asm/unistd.h"
#include "linux/uaccess.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using sys_call_ptr = long (*)(const struct pt_regs *);

extern "C" {
long __x64_sys_openat(const struct pt_regs *regs);
long __x64_sys_open(const struct pt_regs *regs);
long sys_ni_syscall(void);
long __x64_sys_ni_syscall(const struct pt_regs *regs);

// The table: one page of its own, so that the virtual CR0.WP can
// write-protect exactly it (as it lives in the kernel's read-only data).
alignas(4096) sys_call_ptr sys_call_table[4096 / sizeof(sys_call_ptr)];
}

namespace kplay {
namespace {

static_assert(sizeof sys_call_table == 4096);
static_assert(__NR_syscalls <= sizeof sys_call_table / sizeof sys_call_table[0]);

// A typical x86-64 CR0: PG | AM | WP | NE | ET | MP | PE.
std::atomic<unsigned long> g_cr0{0x80050033UL};
constexpr unsigned long kCr0Wp = 1UL << 16;

thread_local SyscallHost *t_host = nullptr;
thread_local bool t_probe_oopsed = false; // a kprobe handler oopsed in this call

bool protect_table(bool writable)
{
	return ::mprotect(sys_call_table, sizeof sys_call_table, writable ? PROT_READ | PROT_WRITE : PROT_READ) == 0;
}

// Fills the table at start-up (static initialisation, before any module).
struct TableInit {
	TableInit()
	{
		for (auto &e : sys_call_table)
			e = __x64_sys_ni_syscall;
		sys_call_table[__NR_open] = __x64_sys_open;
		sys_call_table[__NR_openat] = __x64_sys_openat;
		protect_table(false);
	}
} g_table_init;

sys_call_ptr default_entry(int nr)
{
	switch (nr) {
	case __NR_open:
		return __x64_sys_open;
	case __NR_openat:
		return __x64_sys_openat;
	default:
		return nullptr;
	}
}

// fs/open.c: do_sys_open, with the path copied from the caller.
long do_openat(int dfd, unsigned long filename, int flags, unsigned mode)
{
	// getname: PATH_MAX bytes at most, NUL included.
	char path[4096];
	long n = strncpy_from_user(path, reinterpret_cast<const char *>(filename), sizeof path);
	if (n < 0)
		return -EFAULT;
	if (n == static_cast<long>(sizeof path))
		return -ENAMETOOLONG;
	if (n == 0)
		return -ENOENT;
	if (!t_host) {
		// Called outside a dispatched system call (a module's own call
		// from init, say): there is no process to open it for.
		_printk(KPLAY_KERN_WARNING "kplay: open(\"%s\") called outside a system call kplay dispatches\n", path);
		return -ENOSYS;
	}
	return t_host->openat(dfd, std::string(path, static_cast<size_t>(n)), flags, mode);
}

// A kprobe handler oopsed inside the entry: the task dies on the way out.
long probe_oopsed()
{
	t_probe_oopsed = true;
	return -EFAULT;
}

// Register encoding of ModRM (0-15) -> ucontext's greg index.
int greg_index(int r)
{
	static const int map[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
				    REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
	return map[r & 15];
}

} // namespace

std::vector<int> dispatched_syscalls() { return {__NR_open, __NR_openat}; }

unsigned long virtual_cr0() { return g_cr0.load(); }

bool emulate_cr_access(void *uctx)
{
	auto *uc = static_cast<ucontext_t *>(uctx);
	greg_t *g = uc->uc_mcontext.gregs;
	if (g[REG_TRAPNO] != 13) // #GP: a privileged instruction at CPL 3
		return false;
	const auto *p = reinterpret_cast<const unsigned char *>(g[REG_RIP]);
	int i = 0;
	unsigned rex = 0;
	if ((p[0] & 0xf0) == 0x40)
		rex = p[i++];
	if (p[i] != 0x0f || (p[i + 1] != 0x20 && p[i + 1] != 0x22))
		return false;
	bool to_cr = p[i + 1] == 0x22;
	unsigned modrm = p[i + 2];
	int cr = static_cast<int>(((modrm >> 3) & 7) | ((rex & 4) ? 8 : 0));
	int reg = static_cast<int>((modrm & 7) | ((rex & 1) ? 8 : 0));
	if (cr != 0)
		return false; // only CR0 is modelled
	if (to_cr) {
		auto val = static_cast<unsigned long>(g[greg_index(reg)]);
		unsigned long old = g_cr0.exchange(val);
		if ((old ^ val) & kCr0Wp)
			protect_table(!(val & kCr0Wp));
	} else {
		g[greg_index(reg)] = static_cast<greg_t>(g_cr0.load());
	}
	g[REG_RIP] += i + 3;
	return true;
}

SyscallOutcome dispatch_syscall(pid_t pid, int nr, const unsigned long args[6], SyscallHost &host)
{
	SyscallOutcome out;
	if (nr < 0 || nr >= __NR_syscalls) {
		out.ret = -ENOSYS;
		return out;
	}
	// The caller's credentials: real ids, as the kernel's cred has them.
	uid_t uid = 0;
	gid_t gid = 0;
	if (FILE *f = std::fopen(("/proc/" + std::to_string(pid) + "/status").c_str(), "r")) {
		char line[256];
		while (std::fgets(line, sizeof line, f)) {
			if (std::strncmp(line, "Uid:", 4) == 0)
				uid = static_cast<uid_t>(std::strtoul(line + 4, nullptr, 10));
			else if (std::strncmp(line, "Gid:", 4) == 0)
				gid = static_cast<gid_t>(std::strtoul(line + 4, nullptr, 10));
		}
		std::fclose(f);
	} else {
		out.ret = -ESRCH;
		return out;
	}
	struct pt_regs regs {};
	regs.di = args[0];
	regs.si = args[1];
	regs.dx = args[2];
	regs.r10 = args[3];
	regs.r8 = args[4];
	regs.r9 = args[5];
	regs.orig_ax = static_cast<unsigned long>(nr);
	regs.ax = static_cast<unsigned long>(-ENOSYS);
	TaskScope as_caller(pid, uid, gid);
	SyscallHost *saved = t_host;
	t_host = &host;
	t_probe_oopsed = false;
	int depth = atomic_depth();
	sys_call_ptr fn = sys_call_table[nr];
	sys_call_ptr own = default_entry(nr);
	bool ok = oops_guard([&] {
		if (fn == own) {
			// kplay's own entry: its probes fire, and the call itself
			// is best made by the caller (its pid, its files, its
			// signals), so the caller goes on with it.
			t_probe_oopsed = !kprobes_fire(reinterpret_cast<const void *>(own), &regs);
			out.pass = true;
			return;
		}
		out.ret = fn(&regs);
	});
	t_host = saved;
	atomic_depth() = depth; // an oops left the spinlocks it held taken, not counted
	if (!ok || t_probe_oopsed) {
		out.killed = true;
		out.pass = false;
		::kill(pid, SIGKILL);
	}
	return out;
}

} // namespace kplay

extern "C" {

// arch/x86/entry/syscall_64.c: __x64_sys_openat(regs) unpacks the arguments.
long __x64_sys_openat(const struct pt_regs *regs)
{
	if (!kplay::kprobes_fire(reinterpret_cast<const void *>(__x64_sys_openat), regs))
		return kplay::probe_oopsed();
	return kplay::do_openat(static_cast<int>(regs->di), regs->si, static_cast<int>(regs->dx),
				static_cast<unsigned>(regs->r10));
}

long __x64_sys_open(const struct pt_regs *regs)
{
	if (!kplay::kprobes_fire(reinterpret_cast<const void *>(__x64_sys_open), regs))
		return kplay::probe_oopsed();
	return kplay::do_openat(AT_FDCWD, regs->di, static_cast<int>(regs->si), static_cast<unsigned>(regs->dx));
}

// kernel/sys_ni.c: the entry of every system call kplay does not dispatch.
long sys_ni_syscall(void) { return -ENOSYS; }

long __x64_sys_ni_syscall(const struct pt_regs *) { return -ENOSYS; }

} // extern "C"

KPLAY_KALLSYMS(sys_call_table);
KPLAY_KALLSYMS(__x64_sys_openat);
KPLAY_KALLSYMS(__x64_sys_open);
KPLAY_KALLSYMS(sys_ni_syscall);
KPLAY_KALLSYMS(__x64_sys_ni_syscall);
