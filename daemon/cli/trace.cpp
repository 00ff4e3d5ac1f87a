// The seccomp side of `kplay run` (see trace.h).
#include "cli/trace.h"

#include "cli/common.h"
#include "kernel/syscalls.h"

#include <fcntl.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <set>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <thread>

namespace kplay::cli {
namespace {

// What /proc/TID/status says about a caller.
struct Caller {
	pid_t tgid = 0;
	uid_t fsuid = 0;
	gid_t fsgid = 0;
	std::vector<gid_t> groups;
	mode_t umask = 022;
	bool ok = false;
};

Caller read_caller(int procfd, pid_t tid)
{
	Caller c;
	std::string path = std::to_string(tid) + "/status";
	int fd = ::openat(procfd, path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return c;
	std::string text;
	char buf[4096];
	ssize_t n;
	while ((n = ::read(fd, buf, sizeof buf)) > 0)
		text.append(buf, static_cast<size_t>(n));
	::close(fd);
	std::istringstream in(text);
	std::string line;
	while (std::getline(in, line)) {
		std::istringstream ls(line);
		std::string key;
		ls >> key;
		if (key == "Tgid:") {
			ls >> c.tgid;
		} else if (key == "Umask:") {
			std::string v;
			ls >> v;
			c.umask = static_cast<mode_t>(std::strtoul(v.c_str(), nullptr, 8));
		} else if (key == "Uid:" || key == "Gid:") {
			unsigned long id[4] = {};
			ls >> id[0] >> id[1] >> id[2] >> id[3];
			if (key == "Uid:")
				c.fsuid = static_cast<uid_t>(id[3]);
			else
				c.fsgid = static_cast<gid_t>(id[3]);
		} else if (key == "Groups:") {
			gid_t g;
			while (ls >> g)
				c.groups.push_back(g);
		}
	}
	c.ok = c.tgid > 0;
	return c;
}

// Paths that name the caller itself ("self"): resolved against its pid in
// the host's procfs, since this process would otherwise open its own.
bool self_path(const std::string &path, const Caller &c, pid_t tid, std::string *rel)
{
	auto under = [&](const char *prefix, const std::string &to) {
		size_t n = std::strlen(prefix);
		if (path.compare(0, n, prefix) != 0 || (path.size() > n && path[n] != '/'))
			return false;
		*rel = to + path.substr(n);
		return true;
	};
	std::string tg = std::to_string(c.tgid);
	return under("/proc/self", tg) || under("/proc/thread-self", tg + "/task/" + std::to_string(tid)) ||
	       under("/dev/fd", tg + "/fd") || under("/dev/stdin", tg + "/fd/0") || under("/dev/stdout", tg + "/fd/1") ||
	       under("/dev/stderr", tg + "/fd/2");
}

class Server {
public:
	Server(int listener, std::string root, int procfd) : listener_(listener), root_(std::move(root)), procfd_(procfd)
	{
	}

	void loop()
	{
		for (;;) {
			pollfd p{listener_, POLLIN, 0};
			if (::poll(&p, 1, -1) < 0) {
				if (errno == EINTR)
					continue;
				return;
			}
			if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
				return; // every traced process has ended
			seccomp_notif n{};
			if (::ioctl(listener_, SECCOMP_IOCTL_NOTIF_RECV, &n) != 0) {
				if (errno == EINTR || errno == ENOENT)
					continue;
				return;
			}
			// One thread each: an open may sleep in a module for as long
			// as it likes while the other callers go on.
			std::lock_guard lk(mu_);
			if (stopping_)
				return;
			// Registered under the lock it must take to leave the set.
			std::thread t([this, n] {
				serve(n);
				std::lock_guard l(mu_);
				inflight_.erase(pthread_self());
				if (inflight_.empty())
					idle_.notify_all();
			});
			inflight_.insert(t.native_handle());
			t.detach();
		}
	}

	// Before this process exits: no new calls are taken, and the calls in
	// flight are finished while the views (served by this same process)
	// still answer -- a thread of ours left waiting on our own FUSE mount
	// when the process exits could never be woken. Calls that sleep (in a
	// module's open, say) are interrupted with a signal, as the kernel
	// interrupts a killed caller; after `limit` we give up waiting.
	void finish(std::chrono::milliseconds limit)
	{
		std::unique_lock lk(mu_);
		stopping_ = true;
		auto deadline = std::chrono::steady_clock::now() + limit;
		while (!inflight_.empty() && std::chrono::steady_clock::now() < deadline) {
			for (pthread_t t : inflight_)
				pthread_kill(t, SIGURG);
			idle_.wait_for(lk, std::chrono::milliseconds(50));
		}
		if (!inflight_.empty())
			std::fprintf(stderr, "kplay run: %zu traced system call(s) still in progress at exit\n",
				     inflight_.size());
	}

private:
	void reply(uint64_t id, long val, bool pass)
	{
		seccomp_notif_resp r{};
		r.id = id;
		if (pass)
			r.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		else if (val < 0 && val >= -4095)
			r.error = static_cast<int32_t>(val);
		else
			r.val = val;
		(void)::ioctl(listener_, SECCOMP_IOCTL_NOTIF_SEND, &r); // ENOENT: the caller was interrupted
	}

	void daemon_gone()
	{
		if (!warned_.exchange(true))
			std::fprintf(stderr,
				     "kplay run: the daemon at %s does not answer: the traced system calls fail with EIO\n",
				     root_.c_str());
	}

	void serve(const seccomp_notif &n)
	{
		int fd = connect_daemon(root_);
		if (fd < 0) {
			daemon_gone();
			reply(n.id, -EIO, false);
			return;
		}
		std::vector<std::string> words = {"syscall", std::to_string(n.pid), std::to_string(n.data.nr)};
		for (uint64_t a : n.data.args)
			words.push_back(std::to_string(a));
		long result = -EIO;
		bool pass = false, done = false;
		if (proto::send_request(fd, words)) {
			while (auto f = proto::recv_frame(fd)) {
				if (f->type == 'C') {
					long r = open_for(n, f->payload);
					if (!proto::send_frame(fd, 'R', std::to_string(r)))
						break;
				} else if (f->type == 'X') {
					pass = f->payload == "pass";
					if (!pass)
						result = std::strtol(f->payload.c_str(), nullptr, 10);
					done = true;
					break;
				}
				// 'K': module code oopsed; the daemon has killed the caller.
			}
		}
		::close(fd);
		if (!done)
			daemon_gone();
		reply(n.id, result, pass);
	}

	// "openat\tDIRFD\tFLAGS\tMODE\tPATH": the open, done here for the caller
	// (same mount namespace), with its filesystem ids and umask, and the fd
	// installed in it.
	long open_for(const seccomp_notif &n, const std::string &req)
	{
		std::vector<std::string> f;
		size_t pos = 0;
		for (int i = 0; i < 4; ++i) {
			size_t tab = req.find('\t', pos);
			if (tab == std::string::npos)
				return -EINVAL;
			f.push_back(req.substr(pos, tab - pos));
			pos = tab + 1;
		}
		if (f[0] != "openat")
			return -ENOSYS;
		std::string path = req.substr(pos);
		int dirfd = static_cast<int>(std::strtol(f[1].c_str(), nullptr, 10));
		int flags = static_cast<int>(std::strtol(f[2].c_str(), nullptr, 10));
		auto mode = static_cast<mode_t>(std::strtoul(f[3].c_str(), nullptr, 10));
		auto tid = static_cast<pid_t>(n.pid);
		uint64_t id = n.id;
		// The path was read from the caller: is it still the same, waiting, process?
		if (::ioctl(listener_, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) != 0)
			return -ESRCH;
		Caller c = read_caller(procfd_, tid);
		if (!c.ok)
			return -ESRCH;
		int base = AT_FDCWD, owned = -1;
		std::string rel;
		if (self_path(path, c, tid, &rel)) {
			base = procfd_;
		} else if (path[0] == '/') {
			rel = path;
		} else {
			std::string at = std::to_string(tid) + (dirfd == AT_FDCWD ? "/cwd" : "/fd/" + std::to_string(dirfd));
			owned = ::openat(procfd_, at.c_str(), O_PATH | O_CLOEXEC);
			if (owned < 0)
				return dirfd == AT_FDCWD ? -errno : -EBADF;
			base = owned;
			rel = path;
		}
		if (flags & (O_CREAT | O_TMPFILE))
			mode &= ~c.umask;
		// This thread takes the caller's filesystem ids (the kernel's
		// permission checks then are the caller's); it ends with this call.
		if (::geteuid() == 0 && (c.fsuid != 0 || c.fsgid != 0)) {
			if (::syscall(SYS_setgroups, c.groups.size(), c.groups.data()) != 0 ||
			    ::syscall(SYS_setfsgid, c.fsgid) < 0 || ::syscall(SYS_setfsuid, c.fsuid) < 0) {
				if (owned >= 0)
					::close(owned);
				return -EPERM;
			}
		}
		// SECCOMP_IOCTL_NOTIF_ADDFD cannot install an O_PATH file (fget
		// refuses them): such an open becomes a read-only one.
		int how = flags;
		if (how & O_PATH)
			how = (how & (O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) | O_RDONLY;
		int fd = ::openat(base, rel.c_str(), how | O_CLOEXEC | O_NOCTTY, mode);
		int err = errno;
		if (owned >= 0)
			::close(owned);
		if (fd < 0)
			return -err;
		seccomp_notif_addfd add{};
		add.id = n.id;
		add.srcfd = static_cast<uint32_t>(fd);
		add.newfd_flags = static_cast<uint32_t>(flags & O_CLOEXEC);
		long got = ::ioctl(listener_, SECCOMP_IOCTL_NOTIF_ADDFD, &add);
		err = errno;
		::close(fd);
		return got < 0 ? -err : got;
	}

	int listener_;
	std::string root_;
	int procfd_;
	std::mutex mu_;
	std::condition_variable idle_;
	std::set<pthread_t> inflight_;
	bool stopping_ = false;
	std::atomic<bool> warned_{false};
};

} // namespace

bool SyscallTrace::prepare(std::string *why)
{
	auto stmt = [](uint16_t code, uint32_t k) { return sock_filter{code, 0, 0, k}; };
	auto jump = [](uint16_t code, uint32_t k, uint8_t jt, uint8_t jf) { return sock_filter{code, jt, jf, k}; };
	std::vector<int> nrs = dispatched_syscalls();
	filter_.clear();
	filter_.push_back(stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)));
	filter_.push_back(jump(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0));
	filter_.push_back(stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
	filter_.push_back(stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)));
	// nr == nrs[i]: jump to the notify return, which comes after the
	// remaining tests and the allow.
	for (size_t i = 0; i < nrs.size(); ++i)
		filter_.push_back(jump(BPF_JMP | BPF_JEQ | BPF_K, static_cast<uint32_t>(nrs[i]),
				       static_cast<uint8_t>(nrs.size() - i), 0));
	filter_.push_back(stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
	filter_.push_back(stmt(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF));
	prog_.len = static_cast<unsigned short>(filter_.size());
	prog_.filter = filter_.data();
	if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv_) != 0) {
		*why = std::string("socketpair: ") + std::strerror(errno);
		return false;
	}
	return true;
}

void SyscallTrace::in_child()
{
	::close(sv_[0]);
	long fd = ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog_);
	if (fd < 0 && errno == EACCES) {
		// Without CAP_SYS_ADMIN a filter needs no_new_privs.
		::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		fd = ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog_);
	}
	int err = fd < 0 ? errno : 0;
	char data[sizeof(int)];
	std::memcpy(data, &err, sizeof err);
	iovec iov{data, sizeof data};
	alignas(cmsghdr) char ctl[CMSG_SPACE(sizeof(int))] = {};
	msghdr msg{};
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (fd >= 0) {
		int lfd = static_cast<int>(fd);
		msg.msg_control = ctl;
		msg.msg_controllen = sizeof ctl;
		cmsghdr *cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		std::memcpy(CMSG_DATA(cm), &lfd, sizeof lfd);
	}
	(void)::sendmsg(sv_[1], &msg, MSG_NOSIGNAL);
	if (fd >= 0)
		::close(static_cast<int>(fd));
	::close(sv_[1]);
}

bool SyscallTrace::serve(const std::string &root, int host_proc, std::string *why)
{
	::close(sv_[1]);
	int err = 0;
	char data[sizeof(int)];
	iovec iov{data, sizeof data};
	alignas(cmsghdr) char ctl[CMSG_SPACE(sizeof(int))] = {};
	msghdr msg{};
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl;
	msg.msg_controllen = sizeof ctl;
	ssize_t got;
	do
		got = ::recvmsg(sv_[0], &msg, MSG_CMSG_CLOEXEC);
	while (got < 0 && errno == EINTR);
	::close(sv_[0]);
	if (got != static_cast<ssize_t>(sizeof data)) {
		*why = "the command ended before its system calls could be trapped";
		return false;
	}
	std::memcpy(&err, data, sizeof err);
	if (err == EBUSY) {
		why->clear(); // traced already, by the listener of an enclosing kplay run
		return false;
	}
	cmsghdr *cm = CMSG_FIRSTHDR(&msg);
	if (err || !cm || cm->cmsg_type != SCM_RIGHTS) {
		*why = std::string("cannot trap system calls with seccomp: ") + std::strerror(err ? err : EINVAL);
		return false;
	}
	int listener;
	std::memcpy(&listener, CMSG_DATA(cm), sizeof listener);
	// The server lives as long as this process.
	// SIGURG (ignored by default) interrupts a call in flight at exit:
	// a handler that does nothing, without SA_RESTART.
	struct sigaction sa{};
	sa.sa_handler = [](int) {};
	::sigaction(SIGURG, &sa, nullptr);
	auto *server = new Server(listener, root, host_proc);
	server_ = server;
	std::thread([server] { server->loop(); }).detach();
	return true;
}

void SyscallTrace::finish()
{
	if (server_)
		static_cast<Server *>(server_)->finish(std::chrono::seconds(3));
}

} // namespace kplay::cli
