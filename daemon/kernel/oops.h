// Oops isolation: a module that faults (NULL dereference, division by zero,
// BUG()) does what the kernel does to the task and no more. Every call into
// module code runs inside a guard; a fault inside it is turned into an
// oops-style report in the log and the guard returns `false`, so the daemon
// and every other module keep serving. The caller then ends the task: a
// process in a system call is killed, as the kernel kills the faulting task.
#pragma once

#include <csetjmp>
#include <cstdint>
#include <functional>

namespace kplay {

/// Installs the SIGSEGV/SIGBUS/SIGFPE/SIGILL handlers (once, at daemon start).
void install_oops_handler();

/// Runs fn; returns false if module code oopsed inside it (the report is
/// already in the log). Keep fn small: C++ destructors inside it do not run
/// after an oops.
bool oops_guard(const std::function<void()> &fn);

/// Ends the guard like an oops: used by BUG() and by faults.
[[noreturn]] void oops_unwind();
/// The same, naming the code address that asked (the module to taint).
[[noreturn]] void oops_unwind_from(uintptr_t caller);

/// Told around every sleep (schedule, futex waits): a task that sleeps is not
/// locked up; the soft-lockup watchdog reports module code that runs for
/// KPLAY_SOFTLOCKUP_SECS (default 20 s) without sleeping.
void note_sleeping(bool sleeping);

/// Number of oopses so far (the kernel's die counter).
int oops_count();

} // namespace kplay
