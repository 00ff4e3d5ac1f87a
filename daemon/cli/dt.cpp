// kplay dt load FILE: gives a device tree (.dtb, or .dts compiled with
// Debian's dtc) or an overlay to a root's kernel, by writing the .dtb's path
// to ROOT/sys/kernel/kplay/dt/load; the daemon reads it, adds its nodes and
// makes platform devices for them (kernel/of/base.cpp). Errors are the
// write's errno, with the reason in the kernel log.
#include "cli/common.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

namespace kplay::cli {

int cmd_dt_load(const std::string &root, const std::string &file)
{
	namespace fs = std::filesystem;
	std::error_code ec;
	fs::path src = fs::absolute(file, ec);
	if (ec || !fs::exists(src)) {
		std::fprintf(stderr, "kplay dt: %s: No such file or directory\n", file.c_str());
		return 1;
	}
	std::string ctl = root + "/sys/kernel/kplay/dt/load";
	if (::access(ctl.c_str(), F_OK) != 0) {
		if (!ping_daemon(root))
			return no_daemon(root);
		std::fprintf(stderr, "kplay dt: %s: %s\n", ctl.c_str(), std::strerror(errno));
		return 1;
	}
	std::string dtb = src.string();
	std::string tmpdir;
	if (src.extension() == ".dts" || src.extension() == ".dtso") {
		char tmpl[] = "/tmp/kplay-dt.XXXXXX";
		if (!::mkdtemp(tmpl)) {
			std::perror("kplay dt: mkdtemp");
			return 1;
		}
		tmpdir = tmpl;
		dtb = tmpdir + "/tree.dtb";
		pid_t pid = ::fork();
		if (pid == 0) {
			::execlp("dtc", "dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", dtb.c_str(), src.c_str(),
				 static_cast<char *>(nullptr));
			std::fprintf(stderr, "kplay dt: dtc: %s (apt-get install device-tree-compiler)\n",
				     std::strerror(errno));
			_exit(127);
		}
		int st = 0;
		while (pid > 0 && ::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
		}
		if (pid < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fs::remove_all(tmpdir, ec);
			if (pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) != 127)
				std::fprintf(stderr, "kplay dt: dtc could not compile %s\n", file.c_str());
			return 1;
		}
	}
	int rc = 0;
	// The blob's path, then the name to use in messages.
	std::string req = dtb + "\n" + file + "\n";
	int fd = ::open(ctl.c_str(), O_WRONLY | O_CLOEXEC);
	if (fd < 0 || ::write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) {
		std::fprintf(stderr, "kplay dt: loading %s: %s (see kplay dmesg)\n", file.c_str(), std::strerror(errno));
		rc = 1;
	}
	if (fd >= 0)
		::close(fd);
	if (!tmpdir.empty())
		fs::remove_all(tmpdir, ec);
	return rc;
}

} // namespace kplay::cli
