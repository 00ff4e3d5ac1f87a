// The file calls both transports serve the same way: open, read, write,
// poll, ioctl and release of a vfs::OpenFile, with the caller's identity and
// FUSE interrupts turned into a vfs::Request. FuseMount (regular files in the
// mounted trees) and CuseDevice (real character devices through /dev/cuse)
// differ only in how they find the node and which offset they pass; the
// device semantics (KernelFileOps) are the same object either way.
#pragma once

#define FUSE_USE_VERSION 314
#include <fuse_lowlevel.h>

#include "vfs/tree.h"

#include <memory>

namespace kplay::fuse {

/// Kernel-internal codes (ERESTARTSYS ...) mapped to what userspace sees;
/// a FUSE reply with errno >= 512 would hang the caller.
int user_errno(long err);

/// The caller's identity and an interrupt hook, for one request.
struct CallScope {
	vfs::Request r;
	fuse_req_t req;
	CallScope(fuse_req_t q, int flags);
	~CallScope();
	CallScope(const CallScope &) = delete;
	CallScope &operator=(const CallScope &) = delete;
};

/// Offset meaning "wherever the file is" (CUSE sends 0 for every read and
/// write: a character device keeps its own f_pos).
constexpr off_t kFilePosition = -1;

void serve_open(fuse_req_t req, const std::shared_ptr<vfs::Node> &n, fuse_file_info *fi);
void serve_read(fuse_req_t req, size_t size, off_t off, fuse_file_info *fi);
void serve_write(fuse_req_t req, const char *data, size_t size, off_t off, fuse_file_info *fi);
void serve_poll(fuse_req_t req, fuse_file_info *fi, fuse_pollhandle *ph);
/// in/in_size: what a restricted ioctl copied in (nothing for unrestricted
/// ones: the module reaches the caller's memory itself).
void serve_ioctl(fuse_req_t req, unsigned int cmd, void *arg, fuse_file_info *fi, unsigned flags, const void *in,
		 size_t in_size);
void serve_release(fuse_req_t req, fuse_file_info *fi);

} // namespace kplay::fuse
