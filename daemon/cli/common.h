// Shared pieces of the kplay CLI: finding the root, talking to its daemon,
// and reading the mount table.
#pragma once

#include "core/protocol.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kplay::cli {

/// --root, else $KPLAY_ROOT, else ./mountpoints; made absolute (it need not exist).
std::string resolve_root(const std::string &flag);

/// Connects to the daemon of a root; -1 with errno set when none answers.
int connect_daemon(const std::string &root);

/// The pid of the daemon answering at root, if one does; *err (if given)
/// gets the errno of a failed connection.
std::optional<long> ping_daemon(const std::string &root, int *err = nullptr);

/// Sends a request and hands every reply frame but 'X' to on_frame; returns
/// the result of the 'X' frame, or nullopt if the daemon went away.
std::optional<int> call_daemon(int fd, const std::vector<std::string> &words,
			       const std::function<void(const proto::Frame &)> &on_frame);

/// Mount points under root that are currently mounted (from /proc/self/mountinfo).
std::vector<std::string> mounts_under(const std::string &root);

/// Prints "kplay: no daemon is running at ROOT (start it with `kplay up`)".
int no_daemon(const std::string &root);

/// kmod's strerror for module errors (libkmod's mod_strerror).
const char *mod_strerror(int err);

/// Directory holding kplay's SDK (kernel headers, build files).
std::string sdk_dir();
/// The first line of a small file (/proc, /sys, a pid file); "" when it cannot be read.
std::string read_small(const std::string &path);

// Subcommand entry points; each returns the process exit code.
/// cuse: "" (off), "on" or "auto"; cuse_dev: where device nodes go with CUSE.
int cmd_up(const std::string &root, bool foreground, const std::vector<std::string> &load, const std::string &cuse = "",
	   const std::string &cuse_dev = "/dev");
int cmd_down(const std::string &root);
int cmd_insmod(const std::string &root, const std::string &file, const std::vector<std::string> &params);
int cmd_rmmod(const std::string &root, const std::string &name);
int cmd_lsmod(const std::string &root);
int cmd_modinfo(const std::string &file, const std::string &field);
int cmd_dmesg(const std::string &root, bool read_clear, bool clear, bool follow, bool notime);
int cmd_build(const std::string &src, const std::string &out, bool verbose, const std::string &sanitize = {});
/// The sanitizer this kplay was built with ("address", "thread" or "none"): what
/// `kplay build` instruments modules for unless told otherwise.
const char *default_sanitizer();
/// cuse: also run kplay inside the QEMU guest with `kplay up --cuse` (a third column).
int cmd_compare(const std::vector<std::string> &targets, const std::string &real, const std::string &kernel, bool keep,
		const std::string &report, int jobs, int scenario_timeout, bool cuse = false);
/// kplay shell / kplay run: the user's shell, or one command, in a private namespace where the
/// playground's entries are at /dev, /proc and /sys (cli/shell.cpp).
int cmd_shell(const std::string &root);
int cmd_run(const std::string &root, const std::vector<std::string> &command);
/// kplay net: a command in the network namespace of a root's network devices (cli/net.cpp).
int cmd_net(const std::string &root, const std::vector<std::string> &command);
/// kplay dt load: a device tree (.dts or .dtb) given to a root's kernel (cli/dt.cpp).
int cmd_dt_load(const std::string &root, const std::string &file);
/// kplay gpio: the simulated GPIO chip's controls under ROOT/sys/kernel/kplay/gpio (cli/gpio.cpp).
int cmd_gpio(const std::string &root, const std::vector<std::string> &args);

} // namespace kplay::cli
