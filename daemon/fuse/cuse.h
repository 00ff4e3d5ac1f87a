// CuseDevices: the CUSE transport. Every character device a module serves
// (a cdev_add'ed range, register_chrdev included) becomes a real character
// device of the host kernel through /dev/cuse, one CUSE session per device
// number, so that ioctls are unrestricted and the host's /proc/devices lists
// it; device_create's nodes become real nodes (mknod) in a host directory.
// The file calls are the FUSE mount's (file_calls.h) on the same
// KernelFileOps: only the transport differs.
#pragma once

#include "kernel/chrdev.h"

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace kplay::fuse {

/// Empty when /dev/cuse can be used; otherwise why not ("CUSE not
/// available: /dev/cuse missing (modprobe cuse)").
std::string cuse_unavailable();

class CuseSession;

class CuseDevices : public ChrdevObserver {
public:
	/// dev_dir: where device_create's nodes are made (the host's /dev by default).
	explicit CuseDevices(std::string dev_dir);
	~CuseDevices() override;
	CuseDevices(const CuseDevices &) = delete;
	CuseDevices &operator=(const CuseDevices &) = delete;

	/// Stops every session and removes the nodes this daemon made.
	void shutdown();

	void cdev_added(unsigned major, unsigned baseminor, unsigned count, const std::string &name) override;
	void cdev_removed(unsigned major, unsigned baseminor, unsigned count) override;
	void node_added(const std::string &path, unsigned major, unsigned minor, mode_t mode) override;
	void node_removed(const std::string &path) override;

	/// True when this daemon made a node at /dev-relative path (so the node
	/// CUSE's own devtmpfs entry would clash with is ours to keep).
	bool owns_node(const std::string &dev_path);

private:
	struct Range {
		unsigned major, baseminor, count;
		std::string name;
	};
	struct NodeRec {
		unsigned major, minor;
		mode_t mode;
	};
	void start_session(unsigned major, unsigned minor, const std::string &devname);

	std::string dev_dir_;
	std::mutex mu_; // guards the maps; sessions start and stop outside it
	std::vector<Range> ranges_;
	std::map<std::string, NodeRec> nodes_;         // device_create'd, by path
	std::map<unsigned long, std::unique_ptr<CuseSession>> sessions_; // by major << 20 | minor
	std::set<std::string> made_dirs_;
};

} // namespace kplay::fuse
