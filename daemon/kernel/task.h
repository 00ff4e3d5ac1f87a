// `current`: the task a kernel call runs for. During a file operation it is
// the calling process (pid, tgid, comm, credentials from the FUSE request);
// in the daemon's own threads (insmod runs init there) it describes the
// process that asked, or the daemon itself.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <vector>

struct task_struct;

namespace kplay {

/// A user memory range the current call may copy to/from directly: the
/// buffer of the read()/write() being served.
struct UserBuffer {
	uintptr_t addr;
	size_t len;
	bool writable;
};

/// Makes the calling process `current` on this thread for the scope's life.
class TaskScope {
public:
	TaskScope(pid_t pid, uid_t uid, gid_t gid);
	TaskScope(const TaskScope &) = delete;
	TaskScope &operator=(const TaskScope &) = delete;
	~TaskScope();

	/// Registers the request buffer that __user pointers may point into.
	void add_buffer(const void *addr, size_t len, bool writable);

	struct State; // the task and its credentials (task.cpp)

private:
	State *prev_;
};

/// The caller's pid for user-memory access (0 outside a request).
pid_t current_caller_pid();
/// Buffers of the current request.
const std::vector<UserBuffer> &current_buffers();

} // namespace kplay
