// The controlling terminal of `current` (what drivers/tty gives
// get_current_tty()): the tty device the calling process has open as its
// controlling terminal, found from /proc/<pid>/stat's tty_nr and its fds.
#include "kernel/ksyms.h"
#include "kernel/task.h"

#include "linux/tty.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

namespace {

struct TtyState {
	tty_struct tty{};
	int fd = -1;
};

int tty_write(struct tty_struct *tty, const unsigned char *buf, int count)
{
	auto *s = static_cast<TtyState *>(tty->kplay);
	ssize_t n = ::write(s->fd, buf, static_cast<size_t>(count));
	return n < 0 ? -errno : static_cast<int>(n);
}

unsigned int tty_write_room(struct tty_struct *) { return 4096; }

const tty_operations g_ops = {.write = tty_write, .write_room = tty_write_room, .ioctl = nullptr};
tty_driver g_driver = {.name = "kplay-pty", .ops = &g_ops, .driver_name = nullptr, .major = 0, .minor_start = 0, .name_base = 0};

// tty_nr from /proc/<pid>/stat: the 7th field, after the ")" of comm.
long controlling_tty_nr(pid_t pid)
{
	std::string path = "/proc/" + std::to_string(pid) + "/stat";
	FILE *f = std::fopen(path.c_str(), "r");
	if (!f)
		return 0;
	char buf[1024] = {};
	size_t n = std::fread(buf, 1, sizeof buf - 1, f);
	std::fclose(f);
	buf[n] = '\0';
	const char *p = std::strrchr(buf, ')');
	if (!p)
		return 0;
	char state;
	int ppid, pgrp, session;
	long tty_nr = 0;
	if (std::sscanf(p + 1, " %c %d %d %d %ld", &state, &ppid, &pgrp, &session, &tty_nr) != 5)
		return 0;
	return tty_nr;
}

} // namespace

extern "C" struct tty_struct *get_current_tty(void)
{
	pid_t pid = kplay::current_caller_pid();
	if (pid <= 0)
		return nullptr;
	long nr = controlling_tty_nr(pid);
	if (!nr)
		return nullptr; // no controlling terminal: silent, as on a real kernel
	// The terminal is one of the caller's open files with that device number.
	for (int fd : {0, 1, 2}) {
		std::string link = "/proc/" + std::to_string(pid) + "/fd/" + std::to_string(fd);
		struct stat st;
		if (::stat(link.c_str(), &st) != 0 || !S_ISCHR(st.st_mode))
			continue;
		unsigned ma = major(st.st_rdev), mi = minor(st.st_rdev);
		if (static_cast<long>((mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12)) != nr)
			continue;
		int tfd = ::open(link.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (tfd < 0)
			continue;
		// One tty_struct per caller thread, kept for the call's duration.
		thread_local TtyState state;
		if (state.fd >= 0)
			::close(state.fd);
		state.fd = tfd;
		state.tty.driver = &g_driver;
		state.tty.ops = &g_ops;
		state.tty.kplay = &state;
		std::snprintf(state.tty.name, sizeof state.tty.name, "tty%ld", nr);
		return &state.tty;
	}
	return nullptr;
}

// get_current_tty takes a reference; kplay's tty lives with the calling thread.
extern "C" void tty_kref_put(struct tty_struct *) {}

KPLAY_EXPORT(get_current_tty);
KPLAY_EXPORT(tty_kref_put);
