// Shared pieces of the kplay CLI (see common.h).
#include "cli/common.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#ifndef KPLAY_SOURCE_SDK
#define KPLAY_SOURCE_SDK ""
#endif

namespace kplay::cli {

std::string resolve_root(const std::string &flag)
{
	std::string r = flag;
	if (r.empty()) {
		const char *env = std::getenv("KPLAY_ROOT");
		r = env && *env ? env : "mountpoints";
	}
	std::error_code ec;
	auto abs = std::filesystem::weakly_canonical(std::filesystem::absolute(r, ec), ec);
	std::string s = abs.string();
	while (s.size() > 1 && s.back() == '/')
		s.pop_back();
	return s;
}

int connect_daemon(const std::string &root)
{
	std::string path = proto::socket_path(root);
	sockaddr_un addr{};
	addr.sun_family = AF_UNIX;
	if (path.size() >= sizeof addr.sun_path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
	int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
		int e = errno;
		::close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

std::optional<int> call_daemon(int fd, const std::vector<std::string> &words,
			       const std::function<void(const proto::Frame &)> &on_frame)
{
	if (!proto::send_request(fd, words))
		return std::nullopt;
	for (;;) {
		auto f = proto::recv_frame(fd);
		if (!f)
			return std::nullopt;
		if (f->type == 'X')
			return std::atoi(f->payload.c_str());
		on_frame(*f);
	}
}

std::optional<long> ping_daemon(const std::string &root, int *err)
{
	if (err)
		*err = ECONNREFUSED;
	int fd = connect_daemon(root);
	if (fd < 0) {
		if (err)
			*err = errno;
		return std::nullopt;
	}
	long pid = 0;
	auto rc = call_daemon(fd, {"ping"}, [&](const proto::Frame &f) {
		if (f.type == 'O')
			pid = std::atol(f.payload.c_str());
	});
	::close(fd);
	if (!rc || *rc != 0)
		return std::nullopt;
	return pid;
}

// mountinfo escapes space, tab, newline and backslash as octal.
static std::string unescape_mountinfo(const std::string &s)
{
	std::string out;
	for (size_t i = 0; i < s.size(); ++i) {
		if (s[i] == '\\' && i + 3 < s.size()) {
			int v = (s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0');
			out += static_cast<char>(v);
			i += 3;
		} else {
			out += s[i];
		}
	}
	return out;
}

std::vector<std::string> mounts_under(const std::string &root)
{
	std::vector<std::string> out;
	std::ifstream in("/proc/self/mountinfo");
	std::string line;
	while (std::getline(in, line)) {
		std::istringstream ls(line);
		std::string id, parent, devno, rootfld, mnt;
		ls >> id >> parent >> devno >> rootfld >> mnt;
		mnt = unescape_mountinfo(mnt);
		for (const char *d : {"/dev", "/proc", "/sys"})
			if (mnt == root + d)
				out.push_back(mnt);
	}
	return out;
}

int no_daemon(const std::string &root)
{
	if (errno == EACCES || errno == EPERM) {
		std::fprintf(stderr, "kplay: the daemon at %s belongs to another user\n", root.c_str());
		return 1;
	}
	std::fprintf(stderr, "kplay: no daemon is running at %s (start one with `kplay up --root %s`)\n", root.c_str(),
		     root.c_str());
	return 1;
}

const char *mod_strerror(int err)
{
	switch (err) {
	case ENOEXEC: return "Invalid module format";
	case ENOENT: return "Unknown symbol in module";
	case ESRCH: return "Module has wrong symbol version";
	case EINVAL: return "Invalid parameters";
	default: return std::strerror(err);
	}
}

std::string sdk_dir()
{
	namespace fs = std::filesystem;
	if (const char *env = std::getenv("KPLAY_SDK"); env && *env)
		return env;
	std::error_code ec;
	fs::path exe = fs::read_symlink("/proc/self/exe", ec);
	if (!ec) {
		fs::path installed = exe.parent_path().parent_path() / "share" / "kplay";
		if (fs::exists(installed / "include" / "linux" / "module.h"))
			return installed.string();
	}
	return KPLAY_SOURCE_SDK;
}

std::string read_small(const std::string &path)
{
	std::ifstream in(path);
	std::string s;
	std::getline(in, s);
	return s;
}

} // namespace kplay::cli
