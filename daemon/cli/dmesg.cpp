// kplay dmesg: the printk ring as util-linux dmesg prints it.
#include "cli/common.h"
#include "kernel/printk.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace kplay::cli {

int cmd_dmesg(const std::string &root, bool read_clear, bool clear, bool follow, bool notime)
{
	int fd = connect_daemon(root);
	if (fd < 0)
		return no_daemon(root);
	std::vector<std::string> words{"dmesg"};
	if (clear)
		words.push_back("clear");
	if (read_clear)
		words.push_back("read-clear");
	if (follow)
		words.push_back("follow");
	auto rc = call_daemon(fd, words, [&](const proto::Frame &f) {
		if (f.type != 'L')
			return;
		LogRecord r;
		std::istringstream in(f.payload);
		std::string seq, ts, level, facility;
		std::getline(in, seq, '\t');
		std::getline(in, ts, '\t');
		std::getline(in, level, '\t');
		std::getline(in, facility, '\t');
		std::getline(in, r.text, '\0');
		r.seq = std::strtoull(seq.c_str(), nullptr, 10);
		r.ts_usec = std::strtoull(ts.c_str(), nullptr, 10);
		r.level = std::atoi(level.c_str());
		std::string line = format_dmesg_line(r, !notime);
		std::fwrite(line.data(), 1, line.size(), stdout);
		if (follow)
			std::fflush(stdout);
	});
	::close(fd);
	if (!rc && !follow)
		return no_daemon(root);
	return 0;
}

} // namespace kplay::cli
