// System call tracing for `kplay run`: the command's open and openat are
// trapped with a seccomp user-notification filter and dispatched by the
// daemon through its emulated sys_call_table (kernel/syscalls.h), so a
// module that replaces a table entry, or puts a kprobe on __x64_sys_openat,
// sees the calls of processes run this way.
//
// The child installs the filter just before exec and hands the listener to
// this process, which serves each notification on a thread of its own: it
// asks the daemon (control command "syscall"), does the opens the daemon's
// entries ask for on the caller's behalf (installing the fd in the caller
// with SECCOMP_IOCTL_NOTIF_ADDFD), and answers with the entry's result --
// or lets the caller make the call itself when the table holds kplay's own
// entry. When the daemon is gone, the trapped calls fail with EIO.
#pragma once

#include <linux/filter.h>

#include <string>
#include <vector>

namespace kplay::cli {

class SyscallTrace {
public:
	/// Before fork: the filter and the socket pair the listener travels on.
	bool prepare(std::string *why);
	/// In the child, between fork and exec (async-signal-safe only):
	/// installs the filter and sends the listener. A failure is reported
	/// to the parent, and the child goes on untraced.
	void in_child();
	/// In the parent after fork: takes the listener and serves it on a
	/// thread. host_proc is an fd on the host's procfs (/proc/PID/... of the
	/// callers); root is the daemon's root. False with *why empty when the
	/// child is traced already (by an enclosing kplay run's listener).
	bool serve(const std::string &root, int host_proc, std::string *why);
	/// Before exit: stop taking calls and finish those in flight (the
	/// opens made for callers go through this process's own views).
	void finish();

private:
	std::vector<sock_filter> filter_;
	sock_fprog prog_{};
	int sv_[2] = {-1, -1};
	void *server_ = nullptr; // cli/trace.cpp's Server, alive until exit
};

} // namespace kplay::cli
