// FuseMount: serves one vfs::Tree at a mountpoint with the libfuse low-level
// API, multi-threaded. Each operation is a thin adapter: request -> call on
// the tree's node or its FileOps -> one reply (the file calls are shared with
// the CUSE transport: file_calls.h). Regular files are direct_io so
// every read()/write() reaches the handler once with the caller's size and
// offset, as a kernel file operation would.
#pragma once

#include "vfs/tree.h"

#include <memory>
#include <string>
#include <thread>

struct fuse_session;

namespace kplay::fuse {

class FuseMount {
public:
	FuseMount(vfs::Tree &tree, std::string mountpoint);
	FuseMount(const FuseMount &) = delete;
	FuseMount &operator=(const FuseMount &) = delete;
	~FuseMount();

	/// Mounts and starts serving; returns 0 or a negative errno with *why set.
	int start(std::string *why);
	/// Unmounts and joins the serving threads. Idempotent.
	void stop();

	[[nodiscard]] vfs::Tree &tree() { return tree_; }
	[[nodiscard]] fuse_session *session() { return se_; }

private:
	vfs::Tree &tree_;
	std::string mountpoint_;
	fuse_session *se_ = nullptr;
	std::thread loop_;
	bool mounted_ = false;
	int wake_fd_ = -1; // the mountpoint, to send one last request at stop
};

} // namespace kplay::fuse
