// FuseMount: the FUSE low-level adapters (see mount.h).
#define FUSE_USE_VERSION 314
#include "fuse/mount.h"
#include "fuse/dirlist.h"
#include "fuse/file_calls.h"

#include <fuse_lowlevel.h>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cerrno>
#include <mutex>
#include <cstdio>
#include <cstring>
#include <vector>

namespace kplay::fuse {
namespace {

constexpr double kEntryTimeout = 1.0;
// Attributes change only through setattr (whose reply updates the cache) or
// right after an entry is created (proc_set_size/proc_set_user in init), so
// the kernel may cache them: a GETATTR per open costs more than the open.
constexpr double kAttrTimeout = 1.0;

vfs::Tree &tree_of(fuse_req_t req) { return static_cast<FuseMount *>(fuse_req_userdata(req))->tree(); }

void fill_stat(const vfs::Node &n, struct stat *st)
{
	std::memset(st, 0, sizeof *st);
	st->st_ino = n.ino();
	st->st_mode = n.mode();
	st->st_nlink = n.is_dir() ? 2 : 1;
	st->st_uid = n.uid();
	st->st_gid = n.gid();
	st->st_blksize = 4096;
	if (n.is_symlink())
		st->st_size = static_cast<off_t>(n.link_target().size());
	else if (n.ops())
		st->st_size = n.ops()->size();
	int64_t ns = n.mtime_ns();
	st->st_mtim.tv_sec = st->st_atim.tv_sec = st->st_ctim.tv_sec = ns / 1000000000;
	st->st_mtim.tv_nsec = st->st_atim.tv_nsec = st->st_ctim.tv_nsec = ns % 1000000000;
}

void reply_entry(fuse_req_t req, vfs::Tree &tree, const std::shared_ptr<vfs::Node> &n)
{
	fuse_entry_param e{};
	e.ino = n->ino();
	e.generation = 1;
	e.attr_timeout = kAttrTimeout;
	e.entry_timeout = kEntryTimeout;
	fill_stat(*n, &e.attr);
	tree.ref(n->ino(), 1);
	if (fuse_reply_entry(req, &e) != 0)
		tree.forget(n->ino(), 1); // the kernel did not take the reference
}

void op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	vfs::Tree &tree = tree_of(req);
	auto dir = tree.get(parent);
	if (!dir || !dir->is_dir()) {
		fuse_reply_err(req, ENOTDIR);
		return;
	}
	auto n = tree.child(*dir, name);
	if (!n) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	reply_entry(req, tree, n);
}

void op_forget(fuse_req_t req, fuse_ino_t ino, uint64_t nlookup)
{
	tree_of(req).forget(ino, nlookup);
	fuse_reply_none(req);
}

void op_forget_multi(fuse_req_t req, size_t count, fuse_forget_data *forgets)
{
	vfs::Tree &tree = tree_of(req);
	for (size_t i = 0; i < count; ++i)
		tree.forget(forgets[i].ino, forgets[i].nlookup);
	fuse_reply_none(req);
}

void op_getattr(fuse_req_t req, fuse_ino_t ino, fuse_file_info *)
{
	auto n = tree_of(req).get(ino);
	if (!n) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	struct stat st;
	fill_stat(*n, &st);
	fuse_reply_attr(req, &st, kAttrTimeout);
}

void op_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int to_set, fuse_file_info *)
{
	auto n = tree_of(req).get(ino);
	if (!n) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	// O_TRUNC on a generated file is accepted and changes nothing, as on
	// sysfs and procfs; ownership and mode changes are root's, as in sysfs.
	if (to_set & (FUSE_SET_ATTR_MODE | FUSE_SET_ATTR_UID | FUSE_SET_ATTR_GID)) {
		if (fuse_req_ctx(req)->uid != 0) {
			fuse_reply_err(req, EPERM);
			return;
		}
		if (to_set & FUSE_SET_ATTR_MODE)
			n->set_mode((n->mode() & S_IFMT) | (attr->st_mode & 07777));
		if (to_set & (FUSE_SET_ATTR_UID | FUSE_SET_ATTR_GID))
			n->set_owner((to_set & FUSE_SET_ATTR_UID) ? attr->st_uid : n->uid(),
				     (to_set & FUSE_SET_ATTR_GID) ? attr->st_gid : n->gid());
	}
	struct stat st;
	fill_stat(*n, &st);
	fuse_reply_attr(req, &st, kAttrTimeout);
}

void op_readlink(fuse_req_t req, fuse_ino_t ino)
{
	auto n = tree_of(req).get(ino);
	if (!n || !n->is_symlink()) {
		fuse_reply_err(req, n ? EINVAL : ENOENT);
		return;
	}
	fuse_reply_readlink(req, n->link_target().c_str());
}

void op_opendir(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi)
{
	vfs::Tree &tree = tree_of(req);
	auto n = tree.get(ino);
	if (!n || n->removed()) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	if (!n->is_dir()) {
		fuse_reply_err(req, ENOTDIR);
		return;
	}
	auto *h = new DirListing;
	struct stat st;
	fill_stat(*n, &st);
	h->entries.emplace_back(".", st);
	auto parent = n->parent();
	fill_stat(parent ? *parent : *n, &st);
	h->entries.emplace_back("..", st);
	for (auto &c : tree.list(*n)) {
		fill_stat(*c, &st);
		h->entries.emplace_back(c->name(), st);
	}
	reply_opendir(req, fi, h);
}

void op_readdir(fuse_req_t req, fuse_ino_t, size_t size, off_t off, fuse_file_info *fi)
{
	reply_readdir(req, size, off, fi);
}

void op_releasedir(fuse_req_t req, fuse_ino_t, fuse_file_info *fi)
{
	reply_releasedir(req, fi);
}

void op_open(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi)
{
	auto n = tree_of(req).get(ino);
	if (!n || n->removed()) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	if (n->is_dir()) {
		fuse_reply_err(req, EISDIR);
		return;
	}
	if (!n->ops()) {
		fuse_reply_err(req, ENXIO);
		return;
	}
	// The kernel sends one OPEN per open() and one RELEASE after the last
	// close: the OpenFile is shared by dup'ed and forked descriptors.
	serve_open(req, n, fi);
}

void op_read(fuse_req_t req, fuse_ino_t, size_t size, off_t off, fuse_file_info *fi)
{
	serve_read(req, size, off, fi);
}

void op_write(fuse_req_t req, fuse_ino_t, const char *data, size_t size, off_t off, fuse_file_info *fi)
{
	serve_write(req, data, size, off, fi);
}

void op_poll(fuse_req_t req, fuse_ino_t, fuse_file_info *fi, fuse_pollhandle *ph)
{
	serve_poll(req, fi, ph);
}

void op_mknod(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode, dev_t rdev)
{
	vfs::Tree &tree = tree_of(req);
	auto dir = tree.get(parent);
	if (!dir || !dir->is_dir()) {
		fuse_reply_err(req, ENOTDIR);
		return;
	}
	int err = 0;
	std::shared_ptr<vfs::Node> n;
	{
		vfs::QuietChanges quiet;
		n = tree.mknod(dir, name, mode, rdev, &err);
	}
	if (!n) {
		fuse_reply_err(req, user_errno(err));
		return;
	}
	const fuse_ctx *ctx = fuse_req_ctx(req);
	n->set_owner(ctx->uid, ctx->gid);
	// The kernel insists that the new entry has the type mknod asked for
	// (else EIO), but a character inode in a FUSE mount would open the
	// host's device. So the reply says S_IFCHR with a zero timeout and
	// another generation; the next lookup finds a regular file, the kernel
	// drops the stale inode and from then on the node is the regular file.
	fuse_entry_param e{};
	e.ino = n->ino();
	e.generation = 0;
	e.attr_timeout = 0;
	e.entry_timeout = 0;
	fill_stat(*n, &e.attr);
	e.attr.st_mode = (mode & S_IFMT) | (n->mode() & 07777);
	e.attr.st_rdev = rdev;
	tree.ref(n->ino(), 1);
	if (fuse_reply_entry(req, &e) != 0)
		tree.forget(n->ino(), 1);
}

void op_unlink(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	vfs::Tree &tree = tree_of(req);
	auto dir = tree.get(parent);
	if (!dir) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	int err;
	{
		vfs::QuietChanges quiet;
		err = tree.unlink(dir, name);
	}
	fuse_reply_err(req, -err);
}

// Restricted FUSE ioctls (a regular file cannot be a real device): the kernel
// has already copied _IOC_SIZE bytes in for _IOW, and refuses an _IOW whose
// argument is not a readable address (EFAULT) before asking the daemon.
void op_ioctl(fuse_req_t req, fuse_ino_t, unsigned int cmd, void *arg, fuse_file_info *fi, unsigned flags,
	      const void *in, size_t in_size, size_t)
{
	serve_ioctl(req, cmd, arg, fi, flags, in, in_size);
}

void op_release(fuse_req_t req, fuse_ino_t, fuse_file_info *fi)
{
	serve_release(req, fi);
}

void op_statfs(fuse_req_t req, fuse_ino_t)
{
	reply_statfs(req);
}

const fuse_lowlevel_ops kOps = [] {
	fuse_lowlevel_ops o{};
	o.lookup = op_lookup;
	o.forget = op_forget;
	o.forget_multi = op_forget_multi;
	o.getattr = op_getattr;
	o.setattr = op_setattr;
	o.readlink = op_readlink;
	o.opendir = op_opendir;
	o.readdir = op_readdir;
	o.releasedir = op_releasedir;
	o.open = op_open;
	o.read = op_read;
	o.write = op_write;
	// No flush: no kernel .flush is emulated, and without a handler the FUSE
	// kernel side stops sending FLUSH on every close.
	o.mknod = op_mknod;
	o.unlink = op_unlink;
	o.ioctl = op_ioctl;
	o.poll = op_poll;
	o.release = op_release;
	o.statfs = op_statfs;
	return o;
}();

bool user_allow_other()
{
	FILE *f = std::fopen("/etc/fuse.conf", "r");
	if (!f)
		return false;
	char line[256];
	bool allowed = false;
	while (std::fgets(line, sizeof line, f))
		if (std::strncmp(line, "user_allow_other", 16) == 0)
			allowed = true;
	std::fclose(f);
	return allowed;
}

} // namespace

FuseMount::FuseMount(vfs::Tree &tree, std::string mountpoint) : tree_(tree), mountpoint_(std::move(mountpoint)) {}

FuseMount::~FuseMount() { stop(); }

int FuseMount::start(std::string *why)
{
	std::string fsname = "-ofsname=kplay-" + tree_.name();
	std::string subtype = "-osubtype=kplay";
	std::vector<const char *> argv = {"kplay", fsname.c_str(), subtype.c_str(), "-odefault_permissions",
					  "-oauto_unmount"};
	// Other users see the trees as they see /proc and /sys; an unprivileged
	// daemon may ask for that only where /etc/fuse.conf allows it.
	if (geteuid() == 0 || user_allow_other())
		argv.push_back("-oallow_other");
	fuse_args args = FUSE_ARGS_INIT(static_cast<int>(argv.size()), const_cast<char **>(argv.data()));
	se_ = fuse_session_new(&args, &kOps, sizeof kOps, this);
	if (!se_) {
		*why = "cannot create a FUSE session";
		return -EIO;
	}
	if (fuse_session_mount(se_, mountpoint_.c_str()) != 0) {
		fuse_session_destroy(se_);
		se_ = nullptr;
		*why = "cannot mount FUSE at " + mountpoint_ + " (is /dev/fuse usable?)";
		return -EIO;
	}
	mounted_ = true;
	wake_fd_ = ::open(mountpoint_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
	tree_.set_listener([this](const vfs::Change &c) {
		if (!se_)
			return;
		if (c.kind == vfs::Change::Changed) {
			fuse_lowlevel_notify_inval_inode(se_, c.ino, -1, 0);
			return;
		}
		if (c.kind == vfs::Change::Removed)
			fuse_lowlevel_notify_delete(se_, c.parent_ino, c.ino, c.name.c_str(), c.name.size());
		else
			fuse_lowlevel_notify_inval_entry(se_, c.parent_ino, c.name.c_str(), c.name.size());
		fuse_lowlevel_notify_inval_inode(se_, c.parent_ino, 0, 0);
	});
	loop_ = std::thread([this] {
		// Module code may sleep in a handler, holding a worker as a kernel
		// task holds its stack: the thread cap must be far above the default 10.
		int rc = run_session_mt(se_, 100000, 8);
		if (rc != 0)
			spdlog::debug("{}: FUSE loop ended with {}", tree_.name(), rc);
	});
	return 0;
}

void FuseMount::stop()
{
	if (!se_)
		return;
	tree_.set_listener(nullptr);
	fuse_session_exit(se_);
	if (mounted_)
		fuse_session_unmount(se_);
	mounted_ = false;
	// While another mount namespace (kplay shell) or an open file keeps the
	// connection alive, the loop waits for a request: one lookup through the
	// kept directory wakes a worker, which sees the session has exited.
	if (wake_fd_ >= 0) {
		struct stat st;
		::fstatat(wake_fd_, ".kplay-stop", &st, AT_SYMLINK_NOFOLLOW);
		::close(wake_fd_);
		wake_fd_ = -1;
	}
	if (loop_.joinable())
		loop_.join();
	fuse_session_destroy(se_);
	se_ = nullptr;
}

} // namespace kplay::fuse
