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
};

/// Runs the daemon until it is told to stop; returns the process exit code.
int run_daemon(const DaemonOptions &opts);

} // namespace kplay
