// File calls shared by the FUSE and CUSE transports (see file_calls.h).
#include "fuse/file_calls.h"

#include <algorithm>
#include <cerrno>
#include <functional>
#include <mutex>
#include <vector>

namespace kplay::fuse {
namespace {

vfs::OpenFile *file_of(fuse_file_info *fi) { return reinterpret_cast<vfs::OpenFile *>(fi->fh); }

// One poll handle per open file, replaced by each new poll; the file calls
// the notify function when a wait queue it polled is woken.
struct PollHandle {
	std::mutex mu;
	fuse_pollhandle *ph = nullptr;
	~PollHandle()
	{
		if (ph)
			fuse_pollhandle_destroy(ph);
	}
};

} // namespace

int user_errno(long err)
{
	int e = static_cast<int>(-err);
	switch (e) {
	case 512: // ERESTARTSYS
	case 513: // ERESTARTNOINTR
	case 514: // ERESTARTNOHAND
	case 516: // ERESTART_RESTARTBLOCK
		return EINTR;
	case 515: // ENOIOCTLCMD
		return ENOTTY;
	case 524: // ENOTSUPP
		return EOPNOTSUPP;
	default:
		if (e <= 0 || e >= 512)
			return EIO;
		return e;
	}
}

CallScope::CallScope(fuse_req_t q, int flags) : req(q)
{
	const fuse_ctx *ctx = fuse_req_ctx(q);
	r.pid = ctx->pid;
	r.uid = ctx->uid;
	r.gid = ctx->gid;
	r.flags = flags & ~0x8000; // the kernel always adds O_LARGEFILE
	fuse_req_interrupt_func(q, [](fuse_req_t, void *data) { static_cast<vfs::Request *>(data)->interrupt(); }, &r);
}

CallScope::~CallScope() { fuse_req_interrupt_func(req, nullptr, nullptr); }

void serve_open(fuse_req_t req, const std::shared_ptr<vfs::Node> &n, fuse_file_info *fi)
{
	auto *of = new vfs::OpenFile(n, fi->flags & ~0x8000);
	int err;
	{
		CallScope scope(req, fi->flags);
		err = n->ops()->open(*of, scope.r);
	}
	if (err < 0) {
		delete of;
		fuse_reply_err(req, user_errno(err));
		return;
	}
	fi->fh = reinterpret_cast<uint64_t>(of);
	fi->direct_io = 1;
	fi->keep_cache = 0;
	fi->nonseekable = of->nonseekable ? 1 : 0;
	if (fuse_reply_open(req, fi) != 0) {
		// The caller went away before seeing the open: undo it.
		n->ops()->release(*of);
		delete of;
	}
}

void serve_read(fuse_req_t req, size_t size, off_t off, fuse_file_info *fi)
{
	vfs::OpenFile *of = file_of(fi);
	// One buffer per worker, not cleared per request: file handlers write
	// what they return, and kernel files clear what a module did not write.
	thread_local std::vector<char> buf;
	if (buf.size() < size)
		buf.resize(size);
	ssize_t n;
	{
		CallScope scope(req, fi->flags);
		of->flags = scope.r.flags;
		n = of->node->ops()->read(*of, scope.r, buf.data(), size, off);
	}
	if (n < 0)
		fuse_reply_err(req, user_errno(n));
	else
		fuse_reply_buf(req, buf.data(), std::min<size_t>(static_cast<size_t>(n), size));
}

void serve_write(fuse_req_t req, const char *data, size_t size, off_t off, fuse_file_info *fi)
{
	vfs::OpenFile *of = file_of(fi);
	ssize_t n;
	{
		CallScope scope(req, fi->flags);
		of->flags = scope.r.flags;
		n = of->node->ops()->write(*of, scope.r, data, size, off);
	}
	if (n < 0)
		fuse_reply_err(req, user_errno(n));
	else
		fuse_reply_write(req, std::min<size_t>(static_cast<size_t>(n), size));
}

void serve_poll(fuse_req_t req, fuse_file_info *fi, fuse_pollhandle *ph)
{
	vfs::OpenFile *of = file_of(fi);
	std::function<void()> notify;
	if (ph) {
		std::shared_ptr<PollHandle> holder;
		{
			std::lock_guard lk(of->mu);
			holder = std::static_pointer_cast<PollHandle>(of->transport);
			if (!holder) {
				holder = std::make_shared<PollHandle>();
				of->transport = holder;
			}
		}
		{
			std::lock_guard lk(holder->mu);
			if (holder->ph)
				fuse_pollhandle_destroy(holder->ph);
			holder->ph = ph;
		}
		std::weak_ptr<PollHandle> weak = holder;
		notify = [weak] {
			if (auto h = weak.lock()) {
				std::lock_guard lk(h->mu);
				if (h->ph)
					fuse_lowlevel_notify_poll(h->ph);
			}
		};
	}
	int ret;
	{
		CallScope scope(req, fi->flags);
		of->flags = scope.r.flags;
		ret = of->node->ops()->poll(*of, scope.r, std::move(notify));
	}
	if (ret < 0)
		fuse_reply_err(req, user_errno(ret));
	else
		fuse_reply_poll(req, static_cast<unsigned>(ret));
}

void serve_ioctl(fuse_req_t req, unsigned int cmd, void *arg, fuse_file_info *fi, unsigned flags, const void *in,
		 size_t in_size)
{
	// 32-bit callers (compat) and directories have no ioctls here.
	if (flags & (FUSE_IOCTL_COMPAT | FUSE_IOCTL_DIR)) {
		fuse_reply_err(req, ENOTTY);
		return;
	}
	vfs::OpenFile *of = file_of(fi);
	long ret;
	{
		CallScope scope(req, fi->flags);
		of->flags = scope.r.flags;
		ret = of->node->ops()->ioctl(*of, scope.r, cmd, reinterpret_cast<unsigned long>(arg), const_cast<void *>(in),
					     in_size);
	}
	// The module reached the caller's memory itself (copy_to_user on its
	// pid), so the reply carries no data and nothing is copied back over it.
	if (ret < 0)
		fuse_reply_err(req, user_errno(ret));
	else
		fuse_reply_ioctl(req, static_cast<int>(ret), nullptr, 0);
}

void serve_release(fuse_req_t req, fuse_file_info *fi)
{
	vfs::OpenFile *of = file_of(fi);
	of->node->ops()->release(*of);
	delete of;
	fuse_reply_err(req, 0);
}

} // namespace kplay::fuse
