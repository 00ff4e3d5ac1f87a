// kplay up / kplay down: starting and stopping the daemon of a root.
#include "cli/common.h"
#include "core/daemon.h"
#include "fuse/cuse.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

namespace kplay::cli {
namespace {

// Mounts left by a daemon that died without unmounting ("Transport endpoint
// is not connected"): detach them so the root can be used again.
bool clean_stale_mounts(const std::string &root)
{
	bool ok = true;
	for (const std::string &m : mounts_under(root)) {
		if (::umount2(m.c_str(), MNT_DETACH) == 0) {
			std::fprintf(stderr, "kplay: removed a stale mount at %s\n", m.c_str());
		} else {
			std::fprintf(stderr, "kplay: cannot remove the stale mount at %s: %s\n", m.c_str(),
				     std::strerror(errno));
			ok = false;
		}
	}
	return ok;
}

// The daemon's pid from ROOT/.kplay/pid when that process still runs kplay.
pid_t live_daemon_pid(const std::string &root)
{
	long pid = std::atol(read_small(proto::pid_path(root)).c_str());
	if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) != 0)
		return 0;
	return read_small("/proc/" + std::to_string(pid) + "/comm").starts_with("kplay") ? static_cast<pid_t>(pid) : 0;
}

bool wait_unmounted(const std::string &root, std::chrono::seconds limit)
{
	auto deadline = std::chrono::steady_clock::now() + limit;
	while (!mounts_under(root).empty() && std::chrono::steady_clock::now() < deadline)
		std::this_thread::sleep_for(std::chrono::milliseconds(5));
	return mounts_under(root).empty();
}

} // namespace

int cmd_up(const std::string &root, bool foreground, const std::vector<std::string> &load, const std::string &cuse,
	   const std::string &cuse_dev)
{
	DaemonOptions base;
	base.root = root;
	if (cuse == "on") {
		if (std::string no = fuse::cuse_unavailable(); !no.empty()) {
			std::fprintf(stderr, "kplay: %s\n", no.c_str());
			return 1;
		}
		base.cuse = DaemonOptions::Cuse::On;
	} else if (cuse == "auto") {
		base.cuse = DaemonOptions::Cuse::Auto;
	}
	base.cuse_dev = cuse_dev;
	if (auto pid = ping_daemon(root)) {
		std::fprintf(stderr, "kplay: already up at %s (daemon pid %ld)\n", root.c_str(), *pid);
		return 1;
	}
	if (::access("/dev/fuse", R_OK | W_OK) != 0) {
		std::fprintf(stderr, "kplay: /dev/fuse is not usable (%s): kplay needs FUSE\n", std::strerror(errno));
		return 1;
	}
	if (!clean_stale_mounts(root))
		return 1;
	std::error_code ec;
	std::filesystem::create_directories(root, ec);
	if (ec) {
		std::fprintf(stderr, "kplay: cannot create %s: %s\n", root.c_str(), ec.message().c_str());
		return 1;
	}

	if (foreground) {
		if (!load.empty())
			std::fprintf(stderr, "kplay: --load is ignored with --foreground; use kplay insmod\n");
		DaemonOptions o = base;
		o.foreground = true;
		return run_daemon(o);
	}

	int pipefd[2];
	if (::pipe2(pipefd, O_CLOEXEC) != 0) {
		std::perror("kplay: pipe");
		return 1;
	}
	pid_t child = ::fork();
	if (child < 0) {
		std::perror("kplay: fork");
		return 1;
	}
	if (child == 0) {
		::close(pipefd[0]);
		::setsid();
		int devnull = ::open("/dev/null", O_RDWR);
		std::filesystem::create_directories(proto::state_dir(root), ec);
		int logfd = ::open(proto::log_path(root).c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		::dup2(devnull, 0);
		::dup2(logfd >= 0 ? logfd : devnull, 1);
		::dup2(logfd >= 0 ? logfd : devnull, 2);
		if (devnull > 2)
			::close(devnull);
		if (logfd > 2)
			::close(logfd);
		DaemonOptions o = base;
		o.ready_fd = pipefd[1];
		std::_Exit(run_daemon(o));
	}
	::close(pipefd[1]);
	std::string msg;
	char buf[256];
	ssize_t n;
	while ((n = ::read(pipefd[0], buf, sizeof buf)) > 0)
		msg.append(buf, static_cast<size_t>(n));
	::close(pipefd[0]);
	while (!msg.empty() && msg.back() == '\n')
		msg.pop_back();
	if (msg.rfind("OK ", 0) != 0) {
		if (msg.rfind("ERR ", 0) == 0)
			msg = msg.substr(4);
		else if (msg.empty())
			msg = "the daemon exited during start-up; see " + proto::log_path(root);
		std::fprintf(stderr, "kplay: cannot start at %s: %s\n", root.c_str(), msg.c_str());
		::waitpid(child, nullptr, WNOHANG);
		return 1;
	}
	std::printf("kplay: up at %s (daemon pid %s; log %s)\n", root.c_str(), msg.substr(3).c_str(),
		    proto::log_path(root).c_str());
	std::fflush(stdout);
	int rc = 0;
	for (const std::string &f : load)
		if (cmd_insmod(root, f, {}) != 0)
			rc = 1;
	return rc;
}

int cmd_down(const std::string &root)
{
	int fd = connect_daemon(root);
	if (fd < 0) {
		if (!mounts_under(root).empty()) {
			// A daemon that still runs but does not answer (its socket
			// removed by hand, say) is stopped as by SIGTERM: it runs every
			// module's exit and unmounts. Only then are mounts stale.
			if (pid_t pid = live_daemon_pid(root); pid > 0 && ::kill(pid, SIGTERM) == 0) {
				std::fprintf(stderr, "kplay: daemon %d at %s does not answer; sent it SIGTERM\n",
					     static_cast<int>(pid), root.c_str());
				if (wait_unmounted(root, std::chrono::seconds(10)))
					return 0;
			}
			std::fprintf(stderr, "kplay: no daemon answers at %s, but its trees are mounted\n", root.c_str());
			return clean_stale_mounts(root) ? 0 : 1;
		}
		return no_daemon(root);
	}
	if (!proto::send_request(fd, {"down"})) {
		::close(fd);
		return no_daemon(root);
	}
	// The daemon closes the connection by exiting, after unloading and unmounting.
	while (proto::recv_frame(fd)) {
	}
	::close(fd);
	wait_unmounted(root, std::chrono::seconds(10));
	auto left = mounts_under(root);
	if (!left.empty()) {
		std::fprintf(stderr, "kplay: the daemon stopped but %s is still mounted\n", left.front().c_str());
		return 1;
	}
	return 0;
}

} // namespace kplay::cli
