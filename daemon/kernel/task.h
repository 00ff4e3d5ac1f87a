// Tasks: `current` is the task a kernel call runs for. During a file
// operation it is the calling process (pid, tgid, comm, credentials from the
// FUSE request, and its pending signals when the caller is interrupted); a
// kernel thread, workqueue worker or the softirq thread has a task of its
// own; other daemon threads (insmod running init) get the daemon's task.
// Each task can sleep (schedule) and be woken (wake_up_process) -- it is a
// real thread parked on a futex, as a kernel task is parked in the scheduler.
#pragma once

#include "linux/sched.h"

#include <sys/types.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <climits>
#include <string>
#include <thread>
#include <vector>

namespace kplay {

namespace vfs {
class Request;
}

/// A user memory range the current call may copy to/from directly: the
/// buffer of the read()/write() being served.
struct UserBuffer {
	uintptr_t addr;
	size_t len;
	bool writable;
	// The span copy_to_user/clear_user wrote (offsets), so the rest can be
	// cleared before it reaches the caller.
	size_t lo = SIZE_MAX;
	size_t hi = 0;
};

} // namespace kplay

/// kplay's side of a task_struct.
struct kplay_task {
	struct task_struct task {};
	struct cred creds {};
	pid_t caller = 0;                     // process whose memory __user pointers name
	std::vector<kplay::UserBuffer> buffers; // of the current request
	kplay::vfs::Request *request = nullptr; // the FUSE request served, if any
	std::atomic<bool> sigpending{false};
	std::atomic<bool> fatal{false};
	bool comm_loaded = true;
	// Kernel threads.
	bool is_kthread = false;
	int (*threadfn)(void *) = nullptr;
	void *data = nullptr;
	std::atomic<bool> should_stop{false};
	std::atomic<bool> exited{false};
	std::atomic<bool> parked{false}; // ended by kthread_exit: its thread is parked
	int result = 0;
	std::thread thread;
	kplay_task *prev = nullptr; // the task this one replaced on its thread
};

namespace kplay {

/// Makes the calling process `current` on this thread for the scope's life.
class TaskScope {
public:
	/// comm, when given, names the task as kmod's tool would be named
	/// ("insmod"); otherwise it is read from the caller.
	TaskScope(pid_t pid, uid_t uid, gid_t gid, vfs::Request *req = nullptr, const char *comm = nullptr);
	TaskScope(const TaskScope &) = delete;
	TaskScope &operator=(const TaskScope &) = delete;
	~TaskScope();

	/// Registers the request buffer that __user pointers may point into.
	void add_buffer(const void *addr, size_t len, bool writable);
	/// After a read: zeroes what of the first n bytes of the first buffer
	/// the module did not write (the request buffer is not pre-cleared).
	void clear_unwritten(size_t n);

private:
	kplay_task *task_;
};

/// Installs a daemon-made task (kernel thread, worker) as this thread's current.
void set_thread_task(kplay_task *t);
/// A task for a daemon thread, named like a kernel thread ("kworker/0:1").
kplay_task *new_kernel_task(const std::string &comm);

/// The caller's pid for user-memory access (0 outside a request).
pid_t current_caller_pid();
/// Buffers of the current request.
const std::vector<UserBuffer> &current_buffers();
/// The kplay side of current.
kplay_task *current_task();

/// Spinlocks (and rwlocks) this thread holds: sleeping with one held is a bug.
int &atomic_depth();
/// __might_sleep: reports a sleep in atomic context as the kernel does.
void might_sleep_check(const char *where);

/// The busy-wait time (udelay, ndelay, mdelay) this thread has asked for so
/// far: the clock of a simulated device that answers a bit-banging driver
/// (kernel/gpio.cpp's DHT11), unaffected by how the host schedules threads.
uint64_t thread_delay_ns();

} // namespace kplay
