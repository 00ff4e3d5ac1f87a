// Running a helper program (see process.h).
#include "cli/process.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace kplay::cli {

int run_process(const std::vector<std::string> &argv, std::string *captured)
{
	int p[2] = {-1, -1};
	if (captured && ::pipe(p) != 0)
		return 127;
	pid_t pid = ::fork();
	if (pid < 0)
		return 127;
	if (pid == 0) {
		if (captured) {
			::dup2(p[1], 1);
			::dup2(p[1], 2);
			::close(p[0]);
			::close(p[1]);
		}
		std::vector<char *> args;
		for (const std::string &a : argv)
			args.push_back(const_cast<char *>(a.c_str()));
		args.push_back(nullptr);
		::execvp(args[0], args.data());
		std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
		std::_Exit(127);
	}
	if (captured) {
		::close(p[1]);
		char buf[4096];
		ssize_t n;
		while ((n = ::read(p[0], buf, sizeof buf)) > 0)
			captured->append(buf, static_cast<size_t>(n));
		::close(p[0]);
	}
	int status = 0;
	while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

} // namespace kplay::cli
