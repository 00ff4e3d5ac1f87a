// `current` (see task.h).
#include "kernel/task.h"

#include "kernel/ksyms.h"
#include "kernel/kapi.h"
#include "vfs/tree.h"

#include "linux/interrupt.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

namespace kplay {
namespace {

thread_local kplay_task *t_task = nullptr;

void set_comm(kplay_task &t, const std::string &comm)
{
	size_t n = std::min(comm.size(), sizeof t.task.comm - 1);
	std::memcpy(t.task.comm, comm.data(), n);
	t.task.comm[n] = '\0';
}

// comm and tgid of a caller's thread, from /proc (read once, when first used).
void load_caller_identity(kplay_task &t)
{
	t.comm_loaded = true;
	std::string base = "/proc/" + std::to_string(t.task.pid);
	if (FILE *f = std::fopen((base + "/comm").c_str(), "r")) {
		char buf[64] = {};
		if (std::fgets(buf, sizeof buf, f)) {
			buf[std::strcspn(buf, "\n")] = '\0';
			set_comm(t, buf);
		}
		std::fclose(f);
	}
	if (FILE *f = std::fopen((base + "/status").c_str(), "r")) {
		char line[256];
		while (std::fgets(line, sizeof line, f))
			if (std::strncmp(line, "Tgid:", 5) == 0)
				t.task.tgid = static_cast<pid_t>(std::atoi(line + 5));
		std::fclose(f);
	}
}

// The pending signals of a caller thread (SigPnd | ShdPnd in /proc/<tid>/status).
uint64_t pending_signals(pid_t tid)
{
	uint64_t mask = 0;
	std::string path = "/proc/" + std::to_string(tid) + "/status";
	if (FILE *f = std::fopen(path.c_str(), "r")) {
		char line[256];
		while (std::fgets(line, sizeof line, f))
			if (std::strncmp(line, "SigPnd:", 7) == 0 || std::strncmp(line, "ShdPnd:", 7) == 0)
				mask |= std::strtoull(line + 7, nullptr, 16);
		std::fclose(f);
	}
	return mask;
}

void futex_wake_all(unsigned int *addr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, INT32_MAX, nullptr, nullptr, 0);
}

// signal_wake_up: the task learns about the signal and leaves an
// interruptible (or, for SIGKILL, killable) sleep.
void deliver_interrupt(kplay_task *t)
{
	uint64_t mask = pending_signals(t->caller);
	constexpr uint64_t kSigInt = 1ULL << (2 - 1), kSigKill = 1ULL << (9 - 1);
	if (!mask)
		mask = kSigInt; // already consumed by the time we looked: some signal
	__atomic_fetch_or(&t->task.pending.signal.sig[0], mask, __ATOMIC_SEQ_CST);
	if (mask & kSigKill)
		t->fatal.store(true);
	t->sigpending.store(true);
	unsigned int st = __atomic_load_n(&t->task.__state, __ATOMIC_SEQ_CST);
	bool wake = (st & TASK_INTERRUPTIBLE) || ((st & TASK_WAKEKILL) && t->fatal.load());
	if (wake) {
		__atomic_store_n(&t->task.__state, TASK_RUNNING, __ATOMIC_SEQ_CST);
		futex_wake_all(&t->task.__state);
	}
}

// The task of a daemon thread that serves no process (init of a module
// loaded by `kplay up --load`, the control socket): the daemon itself.
kplay_task *daemon_task()
{
	thread_local kplay_task *t = [] {
		auto *k = new kplay_task;
		k->task.pid = static_cast<pid_t>(gettid());
		k->task.tgid = getpid();
		set_comm(*k, "kplay");
		k->creds.uid = k->creds.euid = k->creds.suid = k->creds.fsuid = kuid_t{getuid()};
		k->creds.gid = k->creds.egid = k->creds.sgid = k->creds.fsgid = kgid_t{getgid()};
		k->task.cred = k->task.real_cred = &k->creds;
		k->task.kplay = k;
		return k;
	}();
	return t;
}

} // namespace

TaskScope::TaskScope(pid_t pid, uid_t uid, gid_t gid, vfs::Request *req, const char *comm) : task_(new kplay_task)
{
	kplay_task *t = task_;
	t->caller = pid;
	t->task.pid = pid;
	t->task.tgid = pid;
	t->comm_loaded = false;
	t->creds.uid = t->creds.euid = t->creds.suid = t->creds.fsuid = kuid_t{uid};
	t->creds.gid = t->creds.egid = t->creds.sgid = t->creds.fsgid = kgid_t{gid};
	t->task.cred = t->task.real_cred = &t->creds;
	t->task.kplay = t;
	t->request = req;
	if (comm) {
		load_caller_identity(*t);
		set_comm(*t, comm);
	}
	t->prev = t_task;
	t_task = t;
	if (req)
		req->set_interrupt_hook([t] { deliver_interrupt(t); });
}

TaskScope::~TaskScope()
{
	if (task_->request)
		task_->request->clear_interrupt_hook();
	t_task = task_->prev;
	delete task_;
}

void TaskScope::add_buffer(const void *addr, size_t len, bool writable)
{
	task_->buffers.push_back({reinterpret_cast<uintptr_t>(addr), len, writable});
}

void TaskScope::clear_unwritten(size_t n)
{
	if (task_->buffers.empty())
		return;
	UserBuffer &b = task_->buffers.front();
	n = std::min(n, b.len);
	auto *p = reinterpret_cast<char *>(b.addr);
	if (b.lo >= b.hi) {
		std::memset(p, 0, n);
		return;
	}
	if (b.lo > 0)
		std::memset(p, 0, std::min(b.lo, n));
	if (b.hi < n)
		std::memset(p + b.hi, 0, n - b.hi);
}

void set_thread_task(kplay_task *t) { t_task = t; }

kplay_task *new_kernel_task(const std::string &comm)
{
	auto *k = new kplay_task;
	k->task.pid = 0; // set by the thread itself
	k->task.tgid = getpid();
	set_comm(*k, comm);
	k->task.cred = k->task.real_cred = &k->creds; // root, as kernel threads are
	k->task.kplay = k;
	return k;
}

int &atomic_depth()
{
	thread_local int depth = 0;
	return depth;
}

pid_t current_caller_pid() { return t_task ? t_task->caller : 0; }

const std::vector<UserBuffer> &current_buffers()
{
	static const std::vector<UserBuffer> none;
	return t_task ? t_task->buffers : none;
}

kplay_task *current_task()
{
	kplay_task *t = t_task ? t_task : daemon_task();
	if (!t->comm_loaded)
		load_caller_identity(*t);
	return t;
}

void might_sleep_check(const char *where)
{
	bool hardirq = in_hardirq_kplay();
	bool softirq = in_softirq_kplay();
	int depth = atomic_depth();
	if (!depth && !softirq && !hardirq)
		return;
	struct task_struct *t = &current_task()->task;
	// preempt_count: HARDIRQ_OFFSET (0x10000) in a hard handler, SOFTIRQ_OFFSET in a softirq.
	int count = hardirq ? 0x10000 + depth : softirq ? 0x100 + depth : depth;
	_printk(KPLAY_KERN_ERR "BUG: sleeping function called from invalid context at %s\n", where);
	_printk(KPLAY_KERN_ERR "in_atomic(): 1, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s\n", hardirq ? 1 : 0,
		t->pid, t->comm);
	_printk(KPLAY_KERN_ERR "preempt_count: %x, expected: 0\n", count);
}

} // namespace kplay

extern "C" struct task_struct *get_current(void)
{
	return &kplay::current_task()->task;
}

KPLAY_EXPORT(get_current);
