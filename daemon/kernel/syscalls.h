// System calls through an emulated sys_call_table (mirrors the x86-64 entry
// path of arch/x86/entry/common.c: do_syscall_64 -> sys_call_table[nr](regs)).
// Processes run with `kplay run` have their chosen system calls (open,
// openat) trapped by seccomp; each one is dispatched here, in the daemon, for
// the calling process: current is that process, and the entry called is
// whatever the table holds -- kplay's own __x64_sys_openat or a module's
// replacement. The table is write-protected while the virtual CR0.WP is set:
// `mov %reg,%cr0` and `mov %cr0,%reg` in module code are emulated.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

struct pt_regs;

namespace kplay {

/// The real work of a system call, done in the caller's world by the
/// process that traps its calls (`kplay run`).
class SyscallHost {
public:
	virtual ~SyscallHost() = default;
	/// openat(dirfd, path, flags, mode) on the caller's behalf: the fd it
	/// got in the caller, or -errno.
	virtual long openat(int dirfd, const std::string &path, int flags, unsigned mode) = 0;
};

struct SyscallOutcome {
	long ret = 0;
	bool pass = false;   // the table holds kplay's own entry: the caller runs the call itself
	bool killed = false; // module code oopsed: the caller is killed
};

/// The system call numbers kplay dispatches through the table.
std::vector<int> dispatched_syscalls();

/// Dispatches system call nr of thread pid (args as the syscall ABI passes
/// them) through sys_call_table. When the table holds kplay's own entry,
/// its kprobes fire and the outcome is `pass` (nothing to emulate).
SyscallOutcome dispatch_syscall(pid_t pid, int nr, const unsigned long args[6], SyscallHost &host);

/// From the SIGSEGV handler: emulates a `mov` to or from CR0 at the fault's
/// instruction (a #GP in user mode). True when it did and the context now
/// continues after it.
bool emulate_cr_access(void *ucontext);

/// The virtual CR0 (for tests).
unsigned long virtual_cr0();

/// kprobes (kprobes.cpp): fires the probes registered at addr, the entry of
/// an instrumented function, whose first argument is sysregs. False when a
/// handler oopsed (reported): the task is to be ended.
[[nodiscard]] bool kprobes_fire(const void *addr, const struct pt_regs *sysregs);

} // namespace kplay
