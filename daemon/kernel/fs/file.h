// Kernel files: what turns a vfs node into calls on a module's
// file_operations or proc_ops with a real struct file (fs/open.c,
// fs/read_write.c, fs/ioctl.c in the kernel). One struct file per open(),
// f_flags refreshed on every call, f_pos kept as the module leaves it,
// the caller as `current` and its read/write buffer as user memory.
#pragma once

#include "vfs/tree.h"

#include "linux/fs.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <functional>
#include <string>
#include <vector>

namespace kplay {

/// The operations of one kernel file, from file_operations or proc_ops.
struct KOps {
	struct module *owner = nullptr;
	struct module *cdev_owner = nullptr; // chrdev_open's cdev_get takes a reference too
	int (*open)(struct inode *, struct file *) = nullptr;
	ssize_t (*read)(struct file *, char *, size_t, loff_t *) = nullptr;
	ssize_t (*write)(struct file *, const char *, size_t, loff_t *) = nullptr;
	long (*ioctl)(struct file *, unsigned int, unsigned long) = nullptr;
	int (*release)(struct inode *, struct file *) = nullptr;
	loff_t (*llseek)(struct file *, loff_t, int) = nullptr;
	__poll_t (*poll)(struct file *, struct poll_table_struct *) = nullptr;
	const struct file_operations *fops = nullptr; // becomes file->f_op
	const void *identity = nullptr;               // the module's ops table
	int no_read = -22;                            // errno when read/write are missing
	int no_write = -22;
	bool seekable = true;
};

/// An inode that lives as long as its node (i_private, i_rdev, size, owner).
struct KInode {
	struct inode inode {}; // first: a struct inode * is a KInode *
	void *owner = nullptr; // the subsystem object behind it (a proc entry ...)
};

inline KInode *kinode_of(struct inode *inode) { return reinterpret_cast<KInode *>(inode); }

class KernelFile;

/// Base of the FileOps of char-device nodes and proc entries.
class KernelFileOps : public vfs::FileOps {
public:
	int open(vfs::OpenFile &f, vfs::Request &r) override;
	ssize_t read(vfs::OpenFile &f, vfs::Request &r, char *buf, size_t n, off_t off) override;
	ssize_t write(vfs::OpenFile &f, vfs::Request &r, const char *buf, size_t n, off_t off) override;
	long ioctl(vfs::OpenFile &f, vfs::Request &r, unsigned int cmd, unsigned long arg, void *, size_t) override;
	void release(vfs::OpenFile &f) override;
	int poll(vfs::OpenFile &f, vfs::Request &r, std::function<void()> notify) override;

	KInode &kinode() { return inode_; }

protected:
	ssize_t transfer(vfs::OpenFile &f, vfs::Request &r, char *buf, size_t n, off_t off, bool writing);
	/// Finds the operations for an open (e.g. the cdev of i_rdev); negative errno if none.
	virtual int bind(KOps *ops) = 0;
	/// Entered around every call (procfs: refuses once the entry is removed).
	virtual bool enter() { return true; }
	virtual void leave() {}
	/// The call's error when enter() refuses.
	virtual int gone_error() const { return -5; }
	/// An open file is registered for rundown (procfs calls release on removal).
	virtual void opened(KernelFile *) {}
	virtual void closed(KernelFile *) {}

	KInode inode_;
};

/// Per-open state (struct file and kplay's bookkeeping around it).
class KernelFile {
public:
	struct file file {};
	struct dentry dentry {};
	std::string name;
	KOps ops;
	KernelFileOps *owner_ops = nullptr;
	std::mutex mu;          // f_pos snapshot/commit and release
	off_t fuse_next = 0;    // where the FUSE side expects the next sequential read
	std::atomic<int> inflight{0};
	bool released = false;  // release already ran (proc rundown)
	bool dead = false;      // its module is gone: calls fail with EIO
	struct PollEntry;
	std::vector<std::unique_ptr<PollEntry>> poll_entries; // our places on module wait queues
	std::mutex notify_mu;                                 // guards poll_notify (taken under wait-queue locks)
	std::function<void()> poll_notify;                    // the poller's FUSE notification
	void drop_poll_entries();

	/// Runs the module's release once; false if it already ran.
	bool run_release();
};

/// After a module's exit: files still open on its operations can no longer
/// call into it; later calls fail with EIO and release is skipped.
void kernel_files_module_gone(uintptr_t lo, uintptr_t hi);

} // namespace kplay
