// kplay net: one command (or the user's shell) inside the network namespace
// where a root's network devices live, as TAP interfaces named like them:
// `kplay net -- ip link set vnet0 up` runs the driver's ndo_open,
// `kplay net -- ping 10.99.0.2` sends frames to its ndo_start_xmit. The
// namespace path is ROOT/sys/kernel/kplay/net/netns (also usable with
// `nsenter --net=PATH`); after the command, kplay net waits until the daemon
// has acted on every link change the command made (ROOT/.../net/sync), so
// messages and state the driver shows are there when it returns.
#include "cli/common.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace kplay::cli {

int cmd_net(const std::string &root, const std::vector<std::string> &command)
{
	const std::string ctl = root + "/sys/kernel/kplay/net/";
	std::ifstream in(ctl + "netns");
	std::string path;
	if (!in || !std::getline(in, path) || path.empty()) {
		if (!ping_daemon(root))
			return no_daemon(root);
		std::fprintf(stderr,
			     "kplay net: no network namespace at %s (kplay needs CAP_SYS_ADMIN and /dev/net/tun for it)\n",
			     root.c_str());
		return 1;
	}
	int nsfd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (nsfd < 0) {
		std::fprintf(stderr, "kplay net: %s: %s\n", path.c_str(), std::strerror(errno));
		return 1;
	}
	std::vector<std::string> argv = command;
	if (argv.empty()) {
		const char *sh = std::getenv("SHELL");
		argv.emplace_back(sh && *sh ? sh : "/bin/sh");
	}
	pid_t pid = ::fork();
	if (pid < 0) {
		std::perror("kplay net: fork");
		return 1;
	}
	if (pid == 0) {
		if (::setns(nsfd, CLONE_NEWNET) != 0) {
			std::fprintf(stderr, "kplay net: setns: %s\n", std::strerror(errno));
			_exit(126);
		}
		std::vector<char *> av;
		for (auto &a : argv)
			av.push_back(a.data());
		av.push_back(nullptr);
		::execvp(av[0], av.data());
		std::fprintf(stderr, "kplay net: %s: %s\n", av[0], std::strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	::close(nsfd);
	int st = 0;
	while (::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
	}
	std::ifstream sync(ctl + "sync");
	std::string ignored;
	(void)std::getline(sync, ignored);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

} // namespace kplay::cli
