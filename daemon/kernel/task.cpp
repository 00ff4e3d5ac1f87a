// `current` (see task.h).
#include "kernel/task.h"

#include "kernel/ksyms.h"

#include "linux/sched.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

namespace kplay {

struct TaskScope::State {
	task_struct task{};
	cred creds{};
	bool comm_loaded = false;
	pid_t caller = 0;
	std::vector<UserBuffer> buffers;
	State *prev = nullptr;
};

namespace {

thread_local TaskScope::State *t_state = nullptr;

void fill_comm(TaskScope::State &s)
{
	s.comm_loaded = true;
	std::string path = "/proc/" + std::to_string(s.task.pid) + "/comm";
	FILE *f = std::fopen(path.c_str(), "r");
	if (!f)
		return;
	char buf[64] = {};
	if (std::fgets(buf, sizeof buf, f)) {
		buf[std::strcspn(buf, "\n")] = '\0';
		// comm holds at most TASK_COMM_LEN - 1 characters, as in the kernel.
		size_t n = std::min(std::strlen(buf), sizeof s.task.comm - 1);
		std::memcpy(s.task.comm, buf, n);
		s.task.comm[n] = '\0';
	}
	std::fclose(f);
}

// The task of a daemon thread that serves no process (e.g. init of a module
// loaded by `kplay up --load`): the daemon itself.
TaskScope::State &daemon_state()
{
	thread_local TaskScope::State s = [] {
		TaskScope::State st;
		st.task.pid = static_cast<pid_t>(gettid());
		st.task.tgid = getpid();
		std::strncpy(st.task.comm, "kplay", sizeof st.task.comm - 1);
		st.creds.uid = st.creds.euid = st.creds.suid = st.creds.fsuid = kuid_t{getuid()};
		st.creds.gid = st.creds.egid = st.creds.sgid = st.creds.fsgid = kgid_t{getgid()};
		st.comm_loaded = true;
		return st;
	}();
	s.task.cred = s.task.real_cred = &s.creds;
	return s;
}

// The thread group of a caller's thread id, from /proc/<tid>/status.
pid_t tgid_of(pid_t tid)
{
	std::string path = "/proc/" + std::to_string(tid) + "/status";
	FILE *f = std::fopen(path.c_str(), "r");
	if (!f)
		return tid;
	char line[256];
	pid_t tgid = tid;
	while (std::fgets(line, sizeof line, f)) {
		if (std::strncmp(line, "Tgid:", 5) == 0) {
			tgid = static_cast<pid_t>(std::atoi(line + 5));
			break;
		}
	}
	std::fclose(f);
	return tgid;
}

} // namespace

TaskScope::TaskScope(pid_t pid, uid_t uid, gid_t gid) : prev_(t_state)
{
	auto *s = new State;
	s->caller = pid;
	s->task.pid = pid;
	s->task.tgid = pid; // refined lazily with comm
	s->creds.uid = s->creds.euid = s->creds.suid = s->creds.fsuid = kuid_t{uid};
	s->creds.gid = s->creds.egid = s->creds.sgid = s->creds.fsgid = kgid_t{gid};
	s->task.cred = s->task.real_cred = &s->creds;
	s->prev = prev_;
	t_state = s;
}

TaskScope::~TaskScope()
{
	State *s = t_state;
	t_state = prev_;
	delete s;
}

void TaskScope::add_buffer(const void *addr, size_t len, bool writable)
{
	t_state->buffers.push_back({reinterpret_cast<uintptr_t>(addr), len, writable});
}

pid_t current_caller_pid() { return t_state ? t_state->caller : 0; }

const std::vector<UserBuffer> &current_buffers()
{
	static const std::vector<UserBuffer> none;
	return t_state ? t_state->buffers : none;
}

} // namespace kplay

extern "C" struct task_struct *get_current(void)
{
	kplay::TaskScope::State *s = kplay::t_state;
	if (!s)
		return &kplay::daemon_state().task;
	if (!s->comm_loaded) {
		kplay::fill_comm(*s);
		s->task.tgid = kplay::tgid_of(s->task.pid);
	}
	return &s->task;
}

KPLAY_EXPORT(get_current);
