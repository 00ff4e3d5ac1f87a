// kplay gpio: drives and reads the simulated GPIO chip through its control
// files under ROOT/sys/kernel/kplay/gpio (kernel/gpio.cpp), so what the CLI
// does is what `echo` and `cat` on those files do.
#include "cli/common.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace kplay::cli {
namespace {

bool is_number(const std::string &s)
{
	return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

int usage()
{
	std::fprintf(stderr, "usage: kplay gpio [--root DIR] list | get N | set N 0|1 | pulse N | "
			     "dht11 [HUMIDITY TEMPERATURE | on | off]\n");
	return 2;
}

// One write(), as `echo` does; the kernel's errno is the answer.
int write_file(const std::string &path, const std::string &what, const std::string &text)
{
	int fd = ::open(path.c_str(), O_WRONLY);
	int err = 0;
	if (fd < 0) {
		err = errno;
	} else {
		std::string line = text + "\n";
		if (::write(fd, line.data(), line.size()) < 0)
			err = errno;
		::close(fd);
	}
	if (!err)
		return 0;
	std::fprintf(stderr, "kplay gpio: %s: %s\n", what.c_str(), std::strerror(err));
	return 1;
}

int cat_file(const std::string &path, const std::string &what)
{
	int fd = ::open(path.c_str(), O_RDONLY);
	if (fd < 0) {
		std::fprintf(stderr, "kplay gpio: %s: %s\n", what.c_str(), std::strerror(errno));
		return 1;
	}
	char buf[4096];
	ssize_t n;
	while ((n = ::read(fd, buf, sizeof buf)) > 0)
		std::fwrite(buf, 1, static_cast<size_t>(n), stdout);
	::close(fd);
	return 0;
}

} // namespace

int cmd_gpio(const std::string &root, const std::vector<std::string> &args)
{
	if (!ping_daemon(root))
		return no_daemon(root);
	const std::string dir = root + "/sys/kernel/kplay/gpio";
	const std::string &act = args[0];
	size_t n = args.size();
	if (act == "list" && n == 1)
		return cat_file(dir + "/lines", "list");
	if (act == "get" && n == 2 && is_number(args[1]))
		return cat_file(dir + "/gpio" + args[1] + "/value", "gpio " + args[1]);
	if (act == "set" && n == 3 && is_number(args[1]))
		return write_file(dir + "/gpio" + args[1] + "/value", "gpio " + args[1], args[2]);
	if (act == "pulse" && n == 2 && is_number(args[1]))
		return write_file(dir + "/pulse", "gpio " + args[1], args[1]);
	if (act == "dht11" && n == 1)
		return cat_file(dir + "/dht11", "dht11");
	if (act == "dht11" && n == 2)
		return write_file(dir + "/dht11", "dht11", args[1]);
	if (act == "dht11" && n == 3)
		return write_file(dir + "/dht11", "dht11", args[1] + " " + args[2]);
	return usage();
}

} // namespace kplay::cli
