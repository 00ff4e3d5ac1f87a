// MergedView: inside the private mount namespace of `kplay shell` / `kplay
// run`, one FUSE mount over /proc, /sys or /dev that shows the host's tree
// and the playground's tree (ROOT/proc, ROOT/sys, ROOT/dev) as one.
//
// The view never carries file data. Each entry is one of:
//   - a directory that exists on both sides (/sys/module, /sys/kernel ...):
//     served by the view, listed as the union of both sides;
//   - a symlink to the side that has the name, the playground first:
//     /proc/helloworld -> ROOT/proc/helloworld, /proc/meminfo ->
//     /proc/.kplay-host/meminfo (the host's own procfs, re-attached below
//     the view). A symlink found on either side is passed on verbatim
//     (/dev/fd -> /proc/self/fd, /proc/mounts -> self/mounts);
//   - /proc/self and /proc/thread-self: symlinks answered per caller with
//     its own pid, as procfs does.
// So every open, read, write, ioctl and poll is done by the kernel on the
// real file - procfs/sysfs/devtmpfs, or kplay's own FUSE trees and their
// module handlers - with the caller's credentials and pid. Lookups are never
// cached negatively, so entries that modules add or remove show at once.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

struct fuse_session;
struct fuse_req;

namespace kplay::shell {

struct ViewConfig {
	std::string mountpoint; // "/proc"
	std::string playground; // "ROOT/proc"
	/// Directories the view answers at its root but does not list; the
	/// first one is where the host's own tree is re-attached.
	std::vector<std::string> hidden = {".kplay-host"};
	bool proc_self = false; // answer self and thread-self per caller
	bool dev_nodes = false; // mknod/rm at the root act on the playground (mknod /dev/char_dev c 100 0)
};

class MergedView {
public:
	explicit MergedView(ViewConfig cfg);
	MergedView(const MergedView &) = delete;
	MergedView &operator=(const MergedView &) = delete;
	~MergedView();

	/// Opens /dev/fuse and creates the session. Call for every view before
	/// the first one is mounted: the /dev view hides /dev/fuse.
	int prepare(std::string *why);
	/// Mounts the view over its mountpoint, starts serving, then re-attaches
	/// host_tree (a detached copy of the host's tree from open_tree) at
	/// mountpoint/hidden[0]. Returns 0 or -errno with *why set.
	int mount(int host_tree, std::string *why);

	/// Where the host's tree is reachable once mounted ("/proc/.kplay-host").
	[[nodiscard]] std::string host_path() const { return cfg_.mountpoint + "/" + cfg_.hidden.front(); }
	/// An fd on the host's tree (valid after mount).
	[[nodiscard]] int host_fd() const { return host_fd_; }

	// The FUSE operations (called by the adapters in merged_view.cpp).
	struct Node;
	struct Entry;
	std::shared_ptr<Node> get(uint64_t ino);
	std::shared_ptr<Node> lookup(const Node &dir, const std::string &name, double *timeout, int *err);
	void forget(uint64_t ino, uint64_t n);
	std::string readlink(const Node &n, pid_t caller);
	std::vector<std::pair<std::string, struct stat>> list(const Node &dir);
	int mknod(const Node &dir, const std::string &name, mode_t mode, dev_t rdev, std::shared_ptr<Node> *out);
	int unlink(const Node &dir, const std::string &name);
	[[nodiscard]] struct stat attr(const Node &n);

private:
	bool classify(const std::string &rel, Entry *e);
	std::shared_ptr<Node> intern(const std::string &rel, Entry &&e);
	std::shared_ptr<Node> add_fixed(const std::string &rel, int kind, mode_t mode);
	std::string playground_path(const std::string &rel) const;

	ViewConfig cfg_;
	int fuse_fd_ = -1;
	int host_fd_ = -1;
	fuse_session *se_ = nullptr;
	std::thread loop_;
	std::mutex mu_;
	std::unordered_map<uint64_t, std::shared_ptr<Node>> by_ino_;
	std::map<std::string, uint64_t> by_rel_;
	uint64_t next_ino_ = 2;
};

} // namespace kplay::shell
