// The in-memory file trees kplay serves (dev, proc, sys): nodes with inode
// numbers that are never reused, modes, and for regular files the FileOps
// that give them behaviour. The kernel-API layer builds the trees (sysfs,
// procfs, device nodes); the FUSE adapters serve them without knowing any
// module. A removed node lives on while the FUSE kernel side still holds a
// lookup on it, so fstat on a file opened before rmmod keeps working.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kplay::vfs {

class Node;
class OpenFile;

/// One call from a process, as the FUSE request describes it.
class Request {
public:
	pid_t pid = 0;
	uid_t uid = 0;
	gid_t gid = 0;
	int flags = 0; // the file's current f_flags (O_NONBLOCK after fcntl included)

	/// True once the caller was interrupted by a signal (FUSE INTERRUPT).
	[[nodiscard]] bool interrupted() const { return interrupted_.load(); }
	/// Runs fn when the request is interrupted (at once if it already was);
	/// sleepers use it to wake up. Cleared by the returned guard's destructor.
	void set_interrupt_hook(std::function<void()> fn);
	void clear_interrupt_hook();
	/// Called by the transport when the caller is interrupted.
	void interrupt();

private:
	std::atomic<bool> interrupted_{false};
	std::mutex mu_;
	std::function<void()> hook_;
};

/// Behaviour of a regular file. Every method returns a negative errno on
/// failure, as kernel file operations do.
class FileOps {
public:
	virtual ~FileOps() = default;
	virtual int open(OpenFile &, Request &) { return 0; }
	virtual ssize_t read(OpenFile &, Request &, char *, size_t, off_t) { return -22; }
	virtual ssize_t write(OpenFile &, Request &, const char *, size_t, off_t) { return -22; }
	virtual long ioctl(OpenFile &, Request &, unsigned int, unsigned long, void *, size_t) { return -25; }
	virtual void release(OpenFile &) {}
	/// poll(): the ready events (POLLIN ...) or a negative errno. With a
	/// notify function, the file must call it when its readiness may have
	/// changed (the FUSE poll notification).
	virtual int poll(OpenFile &, Request &, std::function<void()> notify)
	{
		(void)notify;
		return 0x145; // DEFAULT_POLLMASK: EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM
	}
	/// st_size shown by stat (ls -l).
	[[nodiscard]] virtual off_t size() const { return 0; }
};

/// Per-open state of a regular file (one per open(), shared by dup/fork).
class OpenFile {
public:
	explicit OpenFile(std::shared_ptr<Node> n, int fl) : node(std::move(n)), flags(fl) {}
	std::shared_ptr<Node> node;
	int flags;
	off_t pos = 0;
	/// Set by open: lseek and pread must fail with ESPIPE (a kernel file
	/// without llseek, or one that called nonseekable_open).
	bool nonseekable = false;
	/// Handler-owned state (a snapshot buffer, a log reader position, ...).
	std::shared_ptr<void> data;
	/// Transport-owned state (the FUSE poll handle).
	std::shared_ptr<void> transport;
	std::mutex mu; // serialises handlers that keep state in data
};

class Node : public std::enable_shared_from_this<Node> {
public:
	Node(uint64_t ino, std::string name, mode_t mode) : ino_(ino), name_(std::move(name)), mode_(mode) {}

	[[nodiscard]] uint64_t ino() const { return ino_; }
	[[nodiscard]] const std::string &name() const { return name_; }
	[[nodiscard]] mode_t mode() const { return mode_; }
	[[nodiscard]] bool is_dir() const { return (mode_ & 0170000) == 0040000; }
	[[nodiscard]] bool is_symlink() const { return (mode_ & 0170000) == 0120000; }
	[[nodiscard]] uid_t uid() const { return uid_; }
	[[nodiscard]] gid_t gid() const { return gid_; }
	[[nodiscard]] const std::shared_ptr<FileOps> &ops() const { return ops_; }
	[[nodiscard]] const std::string &link_target() const { return target_; }
	[[nodiscard]] bool removed() const { return removed_.load(); }
	[[nodiscard]] std::shared_ptr<Node> parent() const { return parent_.lock(); }
	[[nodiscard]] int64_t mtime_ns() const { return mtime_ns_; }

	/// A file node in no tree (ino 0): what a CUSE device opens, where the
	/// host kernel's own device node stands for it.
	static std::shared_ptr<Node> detached(std::string name, mode_t mode, std::shared_ptr<FileOps> ops)
	{
		auto n = std::make_shared<Node>(0, std::move(name), mode);
		n->ops_ = std::move(ops);
		return n;
	}

	void set_owner(uid_t u, gid_t g) { uid_ = u; gid_ = g; }
	void set_mode(mode_t m) { mode_ = m; }

private:
	friend class Tree;
	uint64_t ino_;
	std::string name_;
	mode_t mode_;
	uid_t uid_ = 0;
	gid_t gid_ = 0;
	int64_t mtime_ns_ = 0;
	std::shared_ptr<FileOps> ops_;
	std::string target_;
	std::weak_ptr<Node> parent_;
	std::map<std::string, std::shared_ptr<Node>, std::less<>> children_;
	std::atomic<bool> removed_{false};
	bool user_made_ = false; // created by mknod, so a user may unlink it
	uint64_t nlookup_ = 0; // guarded by the tree's lock
};

/// What changed, for the transport's cache invalidation.
struct Change {
	enum Kind { Added, Removed, Changed } kind;
	uint64_t parent_ino;
	uint64_t ino;
	std::string name;
};

class Tree {
public:
	explicit Tree(std::string name);
	Tree(const Tree &) = delete;
	Tree &operator=(const Tree &) = delete;

	[[nodiscard]] const std::string &name() const { return name_; }
	[[nodiscard]] std::shared_ptr<Node> root() const { return root_; }

	/// A node by inode number, also one already removed but still looked up.
	[[nodiscard]] std::shared_ptr<Node> get(uint64_t ino) const;
	[[nodiscard]] std::shared_ptr<Node> child(const Node &dir, std::string_view name) const;
	/// Node at a '/'-separated path relative to the root, or nullptr.
	[[nodiscard]] std::shared_ptr<Node> resolve(std::string_view path) const;
	/// Children of a directory, sorted by name.
	[[nodiscard]] std::vector<std::shared_ptr<Node>> list(const Node &dir) const;

	/// Creation; each returns nullptr with *err = -EEXIST/-ENOENT/-ENOTDIR.
	std::shared_ptr<Node> add_dir(const std::shared_ptr<Node> &dir, std::string_view name, mode_t perm, int *err = nullptr);
	std::shared_ptr<Node> add_file(const std::shared_ptr<Node> &dir, std::string_view name, mode_t perm,
				       std::shared_ptr<FileOps> ops, int *err = nullptr);
	std::shared_ptr<Node> add_symlink(const std::shared_ptr<Node> &dir, std::string_view name, std::string target,
					  int *err = nullptr);
	/// Creates missing directories along path (mode 0755), like mkdir -p.
	std::shared_ptr<Node> make_dirs(std::string_view path);
	/// Unlinks a node and everything below it.
	void remove(const std::shared_ptr<Node> &node);
	/// Tells the transport a node's attributes changed (size, mode, owner)
	/// outside a setattr, so cached attributes are dropped.
	void touch(const std::shared_ptr<Node> &node);

	/// FUSE lookup counting: a removed node is dropped when it reaches zero.
	void ref(uint64_t ino, uint64_t n);
	void forget(uint64_t ino, uint64_t n);

	/// The transport's listener, called after the change, outside the lock.
	void set_listener(std::function<void(const Change &)> fn);

	/// What mknod in this tree does (ROOT/dev binds a node to a device
	/// number); without a handler mknod fails with EPERM.
	using MknodFn = std::function<std::shared_ptr<Node>(const std::shared_ptr<Node> &dir, const std::string &name,
							    mode_t mode, dev_t rdev, int *err)>;
	void set_mknod_handler(MknodFn fn);
	std::shared_ptr<Node> mknod(const std::shared_ptr<Node> &dir, const std::string &name, mode_t mode, dev_t rdev,
				    int *err);
	/// unlink/rmdir by a user: allowed only for nodes made by mknod.
	int unlink(const std::shared_ptr<Node> &dir, const std::string &name);

private:
	std::shared_ptr<Node> attach(const std::shared_ptr<Node> &dir, std::string_view name, std::shared_ptr<Node> node,
				     int *err);
	void notify(const Change &c);

	std::string name_;
	mutable std::shared_mutex mu_;
	std::shared_ptr<Node> root_;
	std::unordered_map<uint64_t, std::shared_ptr<Node>> inodes_;
	uint64_t next_ino_ = 2;
	std::mutex listener_mu_;
	std::function<void(const Change &)> listener_;
	MknodFn mknod_;
};

/// While alive on a thread, tree changes made on it are not reported to the
/// listener: the transport's own MKNOD/UNLINK handlers change the tree while
/// the kernel holds the directory locked, and must not invalidate it then.
class QuietChanges {
public:
	QuietChanges();
	~QuietChanges();
	QuietChanges(const QuietChanges &) = delete;
	QuietChanges &operator=(const QuietChanges &) = delete;
};

/// The three trees of this daemon, one per mounted root (kernel-global, like
/// the kernel's devtmpfs, procfs and sysfs superblocks).
Tree &dev_tree();
Tree &proc_tree();
Tree &sys_tree();

/// The read side shared by text files made on demand: a read at offset 0
/// (or the first read) calls fill to make a snapshot kept in f.data; every
/// read is served from it. fill returns a negative errno or >= 0.
ssize_t read_snapshot(OpenFile &f, char *buf, size_t n, off_t off, const std::function<ssize_t(std::string *)> &fill);

/// A text file whose contents are produced on a read at offset 0 and then
/// served from that snapshot for the rest of the open (seq_file's single_open
/// behaviour, which procfs text files and sysfs attributes share).
class SnapshotFile : public FileOps {
public:
	explicit SnapshotFile(std::function<std::string()> gen) : gen_(std::move(gen)) {}
	ssize_t read(OpenFile &f, Request &r, char *buf, size_t n, off_t off) override;

private:
	std::function<std::string()> gen_;
};

} // namespace kplay::vfs
