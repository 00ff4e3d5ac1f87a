// The kplay daemon: brings the emulated kernel up, mounts ROOT/dev, ROOT/proc
// and ROOT/sys, serves the control socket, and on `kplay down` or SIGTERM
// wakes sleepers, unmounts, unloads every module and exits.
#pragma once

#include <string>

namespace kplay {

struct DaemonOptions {
	std::string root;      // absolute path of the mount root
	bool foreground = false;
	int ready_fd = -1;     // written "OK <pid>\n" or "ERR <message>\n" once
	/// Character devices also as real host devices through /dev/cuse:
	/// Off; On (fail when CUSE is unusable); Auto (use it when usable,
	/// else serve them through FUSE only and log why).
	enum class Cuse { Off, On, Auto } cuse = Cuse::Off;
	std::string cuse_dev = "/dev"; // where device_create's nodes are made with CUSE
};

/// Runs the daemon until it is told to stop; returns the process exit code.
int run_daemon(const DaemonOptions &opts);

} // namespace kplay
