// The kplay daemon (see daemon.h).
#include "core/daemon.h"

#include "core/protocol.h"
#include "fuse/cuse.h"
#include "fuse/mount.h"
#include "kernel/chrdev.h"
#include "kernel/init.h"
#include "kernel/task.h"
#include "kernel/oops.h"
#include "kernel/sanitizer.h"
#include "kernel/module/module.h"
#include "kernel/printk.h"
#include "kernel/syscalls.h"
#include "kernel/params.h"
#include "vfs/tree.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <thread>

namespace kplay {
namespace {

std::mutex g_stop_mu;
std::condition_variable g_stop_cv;
bool g_stop = false;

void request_stop()
{
	std::lock_guard lk(g_stop_mu);
	g_stop = true;
	g_stop_cv.notify_all();
}

bool peer_gone(int fd)
{
	pollfd p{fd, POLLRDHUP, 0};
	return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR));
}

std::string record_frame(const LogRecord &r)
{
	return std::to_string(r.seq) + "\t" + std::to_string(r.ts_usec) + "\t" + std::to_string(r.level) + "\t" +
	       std::to_string(r.facility) + "\t" + r.text;
}

void serve_dmesg(int fd, const std::vector<std::string> &w)
{
	bool clear = false, read_clear = false, follow = false;
	for (size_t i = 1; i < w.size(); ++i) {
		clear |= w[i] == "clear";
		read_clear |= w[i] == "read-clear";
		follow |= w[i] == "follow";
	}
	LogRing &ring = log_ring();
	if (clear) {
		ring.clear();
		proto::send_frame(fd, 'X', "0");
		return;
	}
	uint64_t next;
	auto recs = ring.read_from(ring.clear_seq(), &next);
	for (const LogRecord &r : recs)
		if (!proto::send_frame(fd, 'L', record_frame(r)))
			return;
	if (read_clear)
		ring.clear();
	while (follow) {
		ring.wait_for(next, std::chrono::milliseconds(200), [fd] { return peer_gone(fd); });
		if (peer_gone(fd))
			return;
		{
			std::lock_guard lk(g_stop_mu);
			if (g_stop)
				break;
		}
		uint64_t from = next;
		for (const LogRecord &r : ring.read_from(from, &next))
			if (!proto::send_frame(fd, 'L', record_frame(r)))
				return;
	}
	proto::send_frame(fd, 'X', "0");
}

// The process side of a dispatched system call: `kplay run`, at the other
// end of the connection, does the real work in the caller's world. A request
// is a 'C' frame ("openat\tDIRFD\tFLAGS\tMODE\tPATH"), the answer an 'R'
// frame (the result); a connection that fails answers -EIO.
class RemoteHost : public SyscallHost {
public:
	explicit RemoteHost(int fd) : fd_(fd) {}

	long openat(int dirfd, const std::string &path, int flags, unsigned mode) override
	{
		std::string req = "openat\t" + std::to_string(dirfd) + "\t" + std::to_string(flags) + "\t" +
				  std::to_string(mode) + "\t" + path;
		if (!proto::send_frame(fd_, 'C', req))
			return -EIO;
		auto f = proto::recv_frame(fd_);
		if (!f || f->type != 'R')
			return -EIO;
		char *end = nullptr;
		long v = std::strtol(f->payload.c_str(), &end, 10);
		return end && *end == '\0' && !f->payload.empty() ? v : -EIO;
	}

private:
	int fd_;
};

// "syscall TID NR A0..A5": one trapped system call of a process run by
// `kplay run`, dispatched through the emulated sys_call_table. The reply is
// 'X' with the result, or "pass" (the caller makes the call itself), after
// a 'K' frame when module code oopsed and the caller was killed.
void serve_syscall(int fd, const std::vector<std::string> &w)
{
	if (w.size() != 9) {
		proto::send_frame(fd, 'X', std::to_string(-EINVAL));
		return;
	}
	unsigned long v[8];
	for (size_t i = 0; i < 8; ++i) {
		char *end = nullptr;
		errno = 0;
		v[i] = std::strtoul(w[1 + i].c_str(), &end, 10);
		if (errno || !end || *end || w[1 + i].empty()) {
			proto::send_frame(fd, 'X', std::to_string(-EINVAL));
			return;
		}
	}
	RemoteHost host(fd);
	SyscallOutcome out = dispatch_syscall(static_cast<pid_t>(v[0]), static_cast<int>(v[1]), v + 2, host);
	if (out.killed)
		proto::send_frame(fd, 'K', "oops in system call");
	proto::send_frame(fd, 'X', out.pass ? std::string("pass") : std::to_string(out.ret));
}

void serve_connection(int fd)
{
	// Only the daemon's owner and root may drive it.
	ucred cred{};
	socklen_t len = sizeof cred;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 || (cred.uid != 0 && cred.uid != getuid())) {
		proto::send_frame(fd, 'X', std::to_string(-EPERM));
		::close(fd);
		return;
	}
	auto req = proto::recv_request(fd);
	if (!req || req->empty()) {
		::close(fd);
		return;
	}
	const std::vector<std::string> &w = *req;
	const std::string &cmd = w[0];
	if (cmd != "syscall")
		spdlog::debug("control: {} ({} args) from pid {}", cmd, w.size() - 1, cred.pid);
	if (cmd == "ping") {
		proto::send_frame(fd, 'O', std::to_string(getpid()));
		proto::send_frame(fd, 'X', "0");
	} else if (cmd == "insmod" && w.size() >= 2) {
		std::vector<std::string> params(w.begin() + 2, w.end());
		// init runs in insmod's context: current is the client process.
		LoadOutcome out;
		{
			TaskScope as_insmod(cred.pid, cred.uid, cred.gid, nullptr, "insmod");
			out = load_module(w[1], join_module_args(params));
		}
		if (out.err)
			spdlog::info("insmod {}: error {}{}{}", w[1], out.err, out.why.empty() ? "" : ": ", out.why);
		else
			spdlog::info("insmod {}: loaded", w[1]);
		if (out.killed)
			proto::send_frame(fd, 'K', "oops in init");
		else if (!out.why.empty())
			proto::send_frame(fd, 'D', out.why);
		proto::send_frame(fd, 'X', std::to_string(out.err));
	} else if (cmd == "rmmod" && w.size() == 2) {
		int err;
		{
			TaskScope as_rmmod(cred.pid, cred.uid, cred.gid, nullptr, "rmmod");
			err = delete_module(w[1]);
		}
		spdlog::info("rmmod {}: {}", w[1], err);
		if (err == kTaskKilled) {
			proto::send_frame(fd, 'K', "oops in exit");
			err = -EFAULT;
		}
		proto::send_frame(fd, 'X', std::to_string(err));
	} else if (cmd == "lsmod") {
		for (const ModuleSummary &m : list_modules()) {
			std::string holders;
			for (const std::string &h : m.holders)
				holders += (holders.empty() ? "" : ",") + h;
			proto::send_frame(fd, 'M',
					  m.name + "\t" + std::to_string(m.size) + "\t" + std::to_string(m.refcnt) + "\t" +
						  holders + "\t" + (m.permanent ? "1" : "0") + "\t" + m.state);
		}
		proto::send_frame(fd, 'X', "0");
	} else if (cmd == "dmesg") {
		serve_dmesg(fd, w);
	} else if (cmd == "syscall") {
		serve_syscall(fd, w);
	} else if (cmd == "down") {
		spdlog::info("down requested");
		// The reply is the connection closing when the daemon exits.
		request_stop();
		return; // fd stays open until exit
	} else {
		proto::send_frame(fd, 'X', std::to_string(-EINVAL));
	}
	::close(fd);
}

// The socket listens before the trees are mounted (so a client that sees the
// mounts can connect: it waits in the backlog), and requests are served once
// they are.
class ControlServer {
public:
	int listen(const std::string &path, std::string *why)
	{
		sockaddr_un addr{};
		addr.sun_family = AF_UNIX;
		if (path.size() >= sizeof addr.sun_path) {
			*why = "control socket path too long: " + path;
			return -ENAMETOOLONG;
		}
		std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
		fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd_ < 0) {
			*why = std::strerror(errno);
			return -errno;
		}
		::unlink(path.c_str());
		if (::bind(fd_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(fd_, 64) != 0) {
			int e = errno;
			*why = "cannot listen on " + path + ": " + std::strerror(e);
			::close(fd_);
			fd_ = -1;
			return -e;
		}
		path_ = path;
		return 0;
	}

	void serve() { thread_ = std::thread([this] { accept_loop(); }); }

	void stop()
	{
		if (fd_ < 0)
			return;
		::shutdown(fd_, SHUT_RDWR);
		if (thread_.joinable())
			thread_.join();
		::close(fd_);
		fd_ = -1;
		::unlink(path_.c_str());
	}

private:
	void accept_loop()
	{
		for (;;) {
			int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
			if (c < 0) {
				if (errno == EINTR || errno == ECONNABORTED)
					continue;
				return;
			}
			std::thread([c] { serve_connection(c); }).detach();
		}
	}

	int fd_ = -1;
	std::string path_;
	std::thread thread_;
};

void setup_logging(const DaemonOptions &opts)
{
	std::shared_ptr<spdlog::logger> logger;
	if (opts.foreground)
		logger = spdlog::stderr_color_mt("kplay");
	else
		logger = spdlog::basic_logger_mt("kplay", proto::log_path(opts.root));
	logger->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] %v");
	logger->flush_on(spdlog::level::info);
	spdlog::set_default_logger(logger);
	if (const char *lvl = std::getenv("KPLAY_LOG"))
		spdlog::set_level(spdlog::level::from_str(lvl));
}

void report_ready(int fd, const std::string &msg)
{
	if (fd < 0)
		return;
	std::string line = msg + "\n";
	(void)!::write(fd, line.data(), line.size());
	::close(fd);
}

} // namespace

// An unprivileged daemon's mounts outlive it when it is killed: fusermount3's
// auto_unmount checks the mount as root, and FUSE refuses root on a mount
// without allow_other (libfuse issue #586, fixed in 3.15; Debian 12 has
// 3.14). So a child process that outlives the daemon does it: it waits on a
// pipe and, when that closes without the daemon's "clean stop" byte (the
// daemon died), runs `fusermount3 -u -z` on each mountpoint. Returns the
// write end of the pipe (-1 when none was needed or possible).
static int start_unmount_watcher(const std::vector<std::string> &mountpoints, pid_t *watcher)
{
	if (geteuid() == 0)
		return -1; // root's auto_unmount works
	std::string tool;
	for (const char *d : {"/usr/bin/", "/bin/", "/usr/local/bin/", "/usr/sbin/", "/sbin/"})
		if (::access((std::string(d) + "fusermount3").c_str(), X_OK) == 0) {
			tool = std::string(d) + "fusermount3";
			break;
		}
	int p[2];
	if (tool.empty() || ::pipe2(p, O_CLOEXEC) != 0) {
		spdlog::warn("no unmount watcher (fusermount3 not found or no pipe): a killed daemon leaves its mounts");
		return -1;
	}
	// Everything the child needs is made before fork: it only makes system calls.
	std::vector<std::vector<char *>> argvs;
	for (const std::string &m : mountpoints)
		argvs.push_back({const_cast<char *>(tool.c_str()), const_cast<char *>("-u"), const_cast<char *>("-z"),
				 const_cast<char *>(m.c_str()), nullptr});
	pid_t pid = ::fork();
	if (pid < 0) {
		::close(p[0]);
		::close(p[1]);
		return -1;
	}
	if (pid == 0) {
		// The child holds nothing of the daemon's (above all no /dev/fuse
		// descriptor, which would keep the mounts alive).
		int keep = p[0];
		::close_range(0, static_cast<unsigned>(keep) - 1, 0);
		::close_range(static_cast<unsigned>(keep) + 1, ~0U, 0);
		int null = ::open("/dev/null", O_RDWR);
		::dup2(null, 1);
		::dup2(null, 2);
		::setsid();
		sigset_t none;
		sigemptyset(&none);
		::sigprocmask(SIG_SETMASK, &none, nullptr);
		char c;
		ssize_t n;
		while ((n = ::read(keep, &c, 1)) < 0 && errno == EINTR) {
		}
		if (n == 1)
			::_exit(0); // a clean stop: the daemon unmounted
		for (auto &argv : argvs) {
			pid_t u = ::fork();
			if (u == 0) {
				::execv(argv[0], argv.data());
				::_exit(127);
			}
			if (u > 0)
				::waitpid(u, nullptr, 0);
		}
		::_exit(0);
	}
	::close(p[0]);
	*watcher = pid;
	return p[1];
}

int run_daemon(const DaemonOptions &opts)
{
	namespace fs = std::filesystem;
	std::error_code ec;
	fs::create_directories(proto::state_dir(opts.root), ec);
	for (const char *d : {"dev", "proc", "sys"})
		fs::create_directories(opts.root + "/" + d, ec);

	// Signals are taken by one thread; every other thread has them blocked.
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, nullptr);
	signal(SIGPIPE, SIG_IGN);

	setup_logging(opts);
	spdlog::info("kplay daemon {} starting at {}", getpid(), opts.root);

	kernel_init();
	install_oops_handler(); // a faulting module oopses; the daemon goes on
	sanitizer_init();       // sanitizer builds: reports in the kernel's format

	std::unique_ptr<fuse::CuseDevices> cuse;
	if (opts.cuse != DaemonOptions::Cuse::Off) {
		std::string no = fuse::cuse_unavailable();
		if (no.empty()) {
			chrdev_avoid_host_majors(true);
			cuse = std::make_unique<fuse::CuseDevices>(opts.cuse_dev);
			chrdev_set_observer(cuse.get());
			spdlog::info("CUSE: character devices become host devices; their nodes go to {}", opts.cuse_dev);
		} else if (opts.cuse == DaemonOptions::Cuse::On) {
			spdlog::error("{}", no);
			report_ready(opts.ready_fd, "ERR " + no);
			return 1;
		} else {
			spdlog::info("{}; character devices are served through FUSE only (ROOT/dev)", no);
		}
	}

	std::string why;
	ControlServer control;
	if (control.listen(proto::socket_path(opts.root), &why) != 0) {
		spdlog::error("{}", why);
		report_ready(opts.ready_fd, "ERR " + why);
		return 1;
	}
	std::vector<std::unique_ptr<fuse::FuseMount>> mounts;
	for (vfs::Tree *t : {&vfs::dev_tree(), &vfs::proc_tree(), &vfs::sys_tree()}) {
		auto m = std::make_unique<fuse::FuseMount>(*t, opts.root + "/" + t->name());
		if (m->start(&why) != 0) {
			spdlog::error("{}", why);
			for (auto &x : mounts)
				x->stop();
			control.stop();
			report_ready(opts.ready_fd, "ERR " + why);
			return 1;
		}
		mounts.push_back(std::move(m));
	}
	pid_t watcher = -1;
	int watcher_fd = start_unmount_watcher(
		{opts.root + "/dev", opts.root + "/proc", opts.root + "/sys"}, &watcher);
	control.serve();
	{
		std::ofstream pid(proto::pid_path(opts.root));
		pid << getpid() << "\n";
	}
	std::thread sig_thread([set] {
		int sig = 0;
		while (sigwait(&set, &sig) == 0) {
			spdlog::info("signal {}: stopping", sig);
			request_stop();
			return;
		}
	});
	spdlog::info("serving {}/{{dev,proc,sys}}", opts.root);
	report_ready(opts.ready_fd, "OK " + std::to_string(getpid()));

	{
		std::unique_lock lk(g_stop_mu);
		g_stop_cv.wait(lk, [] { return g_stop; });
	}
	spdlog::info("stopping");
	control.stop();
	log_ring().stop();       // wakes /dev/kmsg readers and dmesg followers
	interrupt_all_callers(); // and callers asleep in modules, as if killed
	for (auto &m : mounts)
		m->stop();
	if (watcher_fd >= 0) {
		// Unmounted already: tell the watcher so, and reap it.
		if (::write(watcher_fd, "x", 1) != 1)
			spdlog::warn("cannot tell the unmount watcher: {}", std::strerror(errno));
		::close(watcher_fd);
		::waitpid(watcher, nullptr, 0);
	}
	kernel_shutdown();
	if (cuse) {
		cuse->shutdown();
		chrdev_set_observer(nullptr);
	}
	::unlink(proto::pid_path(opts.root).c_str());
	// The signal thread may still wait in sigwait: wake it with our own signal.
	pthread_kill(sig_thread.native_handle(), SIGTERM);
	sig_thread.join();
	spdlog::info("stopped");
	spdlog::shutdown();
	return 0;
}

} // namespace kplay
