// Kernel files (see file.h).
#include "kernel/fs/file.h"

#include "kernel/kapi.h"
#include "kernel/oops.h"
#include "kernel/task.h"

#include "linux/module.h"
#include "linux/poll.h"
#include "linux/wait.h"

#include <fcntl.h>
#include <signal.h>

#include <cerrno>
#include <condition_variable>
#include <set>
#include <thread>

namespace kplay {
namespace {

constexpr fmode_t kFmodeRead = 0x1, kFmodeWrite = 0x2, kFmodeLseek = 0x4, kFmodePread = 0x8, kFmodePwrite = 0x10;

std::mutex g_open_mu;
std::set<KernelFile *> g_open; // every open kernel file, for module unload

KernelFile *file_of(vfs::OpenFile &f) { return static_cast<KernelFile *>(f.data.get()); }

// After an oops in a file operation the kernel kills the calling task.
long oopsed(const vfs::Request &r)
{
	if (r.pid > 0)
		::kill(r.pid, SIGKILL);
	return -EFAULT;
}

// Keeps a file's module code from being unloaded under a running call.
struct Inflight {
	KernelFile *kf;
	explicit Inflight(KernelFile *k) : kf(k) { kf->inflight.fetch_add(1); }
	~Inflight() { kf->inflight.fetch_sub(1); }
};

} // namespace

// A poller's entry on a wait queue (fs/select.c's poll_table_entry): its wake
// function sends the FUSE poll notification instead of waking a sleeper.
struct KernelFile::PollEntry {
	struct wait_queue_entry wait {};
	struct wait_queue_head *head = nullptr;
	KernelFile *kf = nullptr;
};

namespace {

int poll_wake(struct wait_queue_entry *w, unsigned, int, void *)
{
	auto *e = reinterpret_cast<KernelFile::PollEntry *>(w);
	std::function<void()> notify;
	{
		std::lock_guard lk(e->kf->notify_mu);
		notify = e->kf->poll_notify;
	}
	if (notify)
		notify();
	return 1;
}

struct KPollTable {
	poll_table pt; // first: modules get &pt
	KernelFile *kf;
};

void queue_proc(struct file *, struct wait_queue_head *head, poll_table *p)
{
	auto *t = reinterpret_cast<KPollTable *>(p);
	auto e = std::make_unique<KernelFile::PollEntry>();
	e->head = head;
	e->kf = t->kf;
	INIT_LIST_HEAD(&e->wait.entry);
	e->wait.func = poll_wake;
	e->wait.private_ = nullptr;
	add_wait_queue(head, &e->wait);
	t->kf->poll_entries.push_back(std::move(e));
}

} // namespace

void KernelFile::drop_poll_entries()
{
	if (!dead)
		for (auto &e : poll_entries)
			remove_wait_queue(e->head, &e->wait);
	poll_entries.clear();
}

bool KernelFile::run_release()
{
	std::lock_guard lk(mu);
	if (released || dead)
		return false;
	released = true;
	drop_poll_entries();
	if (ops.release)
		(void)oops_guard([&] { ops.release(file.f_inode, &file); });
	module_put(ops.owner);
	module_put(ops.cdev_owner);
	return true;
}

int KernelFileOps::open(vfs::OpenFile &f, vfs::Request &r)
{
	if (!enter())
		return -ENOENT;
	auto kf = std::make_shared<KernelFile>();
	kf->owner_ops = this;
	kf->name = f.node->name();
	kf->dentry.d_name.name = reinterpret_cast<const unsigned char *>(kf->name.c_str());
	kf->dentry.d_name.len = static_cast<u32>(kf->name.size());
	kf->dentry.d_inode = &inode_.inode;
	kf->file.f_path.dentry = &kf->dentry;
	kf->file.f_inode = &inode_.inode;
	kf->file.f_flags = static_cast<unsigned>(f.flags);
	int acc = f.flags & O_ACCMODE;
	kf->file.f_mode = kFmodeLseek | kFmodePread | kFmodePwrite;
	if (acc == O_RDONLY || acc == O_RDWR)
		kf->file.f_mode |= kFmodeRead;
	if (acc == O_WRONLY || acc == O_RDWR)
		kf->file.f_mode |= kFmodeWrite;
	int err = bind(&kf->ops);
	if (err < 0) {
		leave();
		return err;
	}
	// chrdev_open: cdev_get and fops_get each pin the module.
	if (!try_module_get(kf->ops.cdev_owner)) {
		leave();
		return -ENXIO;
	}
	if (!try_module_get(kf->ops.owner)) {
		module_put(kf->ops.cdev_owner);
		leave();
		return -ENXIO;
	}
	kf->file.f_op = kf->ops.fops;
	if (kf->ops.open) {
		TaskScope scope(r.pid, r.uid, r.gid, &r);
		if (!oops_guard([&] { err = kf->ops.open(&inode_.inode, &kf->file); }))
			err = static_cast<int>(oopsed(r));
		if (err < 0) {
			module_put(kf->ops.owner);
			module_put(kf->ops.cdev_owner);
			leave();
			return err;
		}
	}
	// 6.1 (do_dentry_open): no llseek means not seekable; nonseekable_open clears it too.
	if (!kf->ops.seekable || !(kf->file.f_mode & kFmodeLseek))
		f.nonseekable = true;
	{
		std::lock_guard lk(g_open_mu);
		g_open.insert(kf.get());
	}
	opened(kf.get());
	f.data = kf;
	leave();
	return 0;
}

// vfs_read/vfs_write: one call of the module's read or write with the caller
// as current, its buffer as user memory and *ppos as the module left it.
ssize_t KernelFileOps::transfer(vfs::OpenFile &f, vfs::Request &r, char *buf, size_t n, off_t off, bool writing)
{
	KernelFile *kf = file_of(f);
	if (kf->dead || kf->released || !enter())
		return gone_error();
	Inflight in(kf);
	ssize_t ret;
	{
		TaskScope scope(r.pid, r.uid, r.gid, &r);
		scope.add_buffer(buf, n, !writing);
		loff_t pos;
		{
			std::lock_guard lk(kf->mu);
			kf->file.f_flags = static_cast<unsigned>(r.flags);
			// FUSE advances its own position by what was returned; when the
			// request is where it would be after the last call, the module's
			// *ppos is the truth (lseek/pread give another offset).
			// A negative offset (CUSE) means the file's own position.
			pos = off < 0 || off == kf->fuse_next ? kf->file.f_pos : off;
		}
		if (!(kf->file.f_mode & (writing ? kFmodeWrite : kFmodeRead)))
			ret = -EBADF;
		else if (writing && !kf->ops.write)
			ret = kf->ops.no_write;
		else if (!writing && !kf->ops.read)
			ret = kf->ops.no_read;
		else if (!oops_guard([&] {
				 ret = writing ? kf->ops.write(&kf->file, buf, n, &pos) : kf->ops.read(&kf->file, buf, n, &pos);
			 }))
			ret = oopsed(r);
		if (ret > 0 && !writing)
			scope.clear_unwritten(static_cast<size_t>(ret));
		if (ret >= 0) {
			std::lock_guard lk(kf->mu);
			kf->file.f_pos = pos;
			if (off >= 0)
				kf->fuse_next = off + std::min<ssize_t>(ret, static_cast<ssize_t>(n));
		}
	}
	leave();
	return ret;
}

ssize_t KernelFileOps::read(vfs::OpenFile &f, vfs::Request &r, char *buf, size_t n, off_t off)
{
	return transfer(f, r, buf, n, off, false);
}

ssize_t KernelFileOps::write(vfs::OpenFile &f, vfs::Request &r, const char *buf, size_t n, off_t off)
{
	// The module sees a const __user buffer; it is registered read-only.
	return transfer(f, r, const_cast<char *>(buf), n, off, true);
}

long KernelFileOps::ioctl(vfs::OpenFile &f, vfs::Request &r, unsigned int cmd, unsigned long arg, void *, size_t)
{
	KernelFile *kf = file_of(f);
	if (kf->dead || kf->released || !enter())
		return gone_error();
	Inflight in(kf);
	long ret;
	{
		TaskScope scope(r.pid, r.uid, r.gid, &r);
		kf->file.f_flags = static_cast<unsigned>(r.flags);
		ret = -ENOTTY;
		if (kf->ops.ioctl && !oops_guard([&] { ret = kf->ops.ioctl(&kf->file, cmd, arg); }))
			ret = oopsed(r);
		// The kernel's vfs_ioctl turns -ENOIOCTLCMD into -ENOTTY.
		if (ret == -515)
			ret = -ENOTTY;
	}
	leave();
	return ret;
}

void KernelFileOps::release(vfs::OpenFile &f)
{
	KernelFile *kf = file_of(f);
	if (!kf)
		return;
	{
		std::lock_guard lk(g_open_mu);
		g_open.erase(kf);
	}
	closed(kf);
	TaskScope scope(0, 0, 0);
	kf->run_release();
	f.data.reset();
}

int KernelFileOps::poll(vfs::OpenFile &f, vfs::Request &r, std::function<void()> notify)
{
	KernelFile *kf = file_of(f);
	if (kf->dead || kf->released || !enter())
		return 0x18; // EPOLLERR | EPOLLHUP, as a removed proc entry reports
	Inflight in(kf);
	int ret;
	{
		TaskScope scope(r.pid, r.uid, r.gid, &r);
		if (!kf->ops.poll) {
			ret = 0x145; // DEFAULT_POLLMASK
		} else {
			std::lock_guard lk(kf->mu);
			kf->file.f_flags = static_cast<unsigned>(r.flags);
			// One registration per file: the newest poller replaces the last.
			kf->drop_poll_entries();
			bool want = static_cast<bool>(notify);
			{
				std::lock_guard nl(kf->notify_mu);
				kf->poll_notify = std::move(notify);
			}
			KPollTable table{{want ? queue_proc : nullptr, ~0u}, kf};
			if (!oops_guard([&] { ret = static_cast<int>(kf->ops.poll(&kf->file, &table.pt)); }))
				ret = static_cast<int>(oopsed(r));
		}
	}
	leave();
	return ret;
}

void kernel_files_module_gone(uintptr_t lo, uintptr_t hi)
{
	std::vector<KernelFile *> hit;
	{
		std::lock_guard lk(g_open_mu);
		for (KernelFile *kf : g_open) {
			auto id = reinterpret_cast<uintptr_t>(kf->ops.identity);
			std::lock_guard fl(kf->mu);
			// procfs already ran release for its files when the entry went.
			if (id >= lo && id < hi && !kf->released)
				hit.push_back(kf);
		}
		for (KernelFile *kf : hit) {
			std::lock_guard fl(kf->mu);
			kf->dead = true;
		}
	}
	// Calls already inside the module finish before its memory goes.
	for (KernelFile *kf : hit)
		while (kf->inflight.load() != 0)
			std::this_thread::yield();
	if (!hit.empty())
		_printk(KPLAY_KERN_WARNING "kplay: %zu file(s) were still open on an unloaded module without .owner; "
					   "their later calls fail with EIO\n",
			hit.size());
}

} // namespace kplay
