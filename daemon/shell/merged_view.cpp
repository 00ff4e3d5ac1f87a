// MergedView: the host's tree and the playground's as one (see merged_view.h).
#define FUSE_USE_VERSION 314
#include "shell/merged_view.h"
#include "fuse/dirlist.h"

#include <fuse_lowlevel.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace kplay::shell {

// Directories: the root, and names that are directories on both sides.
// Links: everything else. Placeholders: the hidden mount points at the root.
// Self/ThreadSelf: /proc/self and /proc/thread-self. Fresh: a node just made
// by mknod, shown once with the type mknod asked for.
enum Kind { Dir, Link, Placeholder, Self, ThreadSelf, Fresh };

struct MergedView::Node {
	uint64_t ino = 0;
	std::string rel; // path below the view's root; "" for the root
	int kind = Dir;
	std::string target; // for links
	struct stat st{};
	uint64_t nlookup = 0;
	bool pinned = false; // never forgotten (the root, placeholders, self)
};

struct MergedView::Entry {
	int kind = Link;
	std::string target;
	struct stat st{};
	bool playground = false; // the playground has the name (never cached)
};

namespace {

// Host-only names are cached by the kernel for a second (pids, /proc/meminfo,
// /dev/null); names the playground has are looked up again on every walk.
constexpr double kHostTimeout = 1.0;
constexpr double kPinnedTimeout = 365.0 * 86400;

MergedView &view_of(fuse_req_t req) { return *static_cast<MergedView *>(fuse_req_userdata(req)); }

std::string join(const std::string &dir, const std::string &name) { return dir.empty() ? name : dir + "/" + name; }

std::string read_link_at(int dirfd, const std::string &path)
{
	std::string buf(4096, '\0');
	ssize_t n = ::readlinkat(dirfd, path.c_str(), buf.data(), buf.size());
	if (n < 0)
		return {};
	buf.resize(static_cast<size_t>(n));
	return buf;
}

// Names and d_types of a directory; DT_UNKNOWN is resolved with fstatat.
std::map<std::string, unsigned char> read_dir(int dirfd, const std::string &path)
{
	std::map<std::string, unsigned char> out;
	int fd = ::openat(dirfd, path.empty() ? "." : path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return out;
	DIR *d = ::fdopendir(fd);
	if (!d) {
		::close(fd);
		return out;
	}
	while (dirent *de = ::readdir(d)) {
		std::string name = de->d_name;
		if (name == "." || name == "..")
			continue;
		unsigned char type = de->d_type;
		if (type == DT_UNKNOWN) {
			struct stat st;
			if (::fstatat(::dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
				type = S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
		}
		out.emplace(std::move(name), type);
	}
	::closedir(d);
	return out;
}

pid_t tgid_of(int procfd, pid_t tid)
{
	std::string path = std::to_string(tid) + "/status";
	int fd = ::openat(procfd, path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char buf[1024];
	ssize_t n = ::read(fd, buf, sizeof buf - 1);
	::close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	const char *p = std::strstr(buf, "\nTgid:");
	return p ? static_cast<pid_t>(std::atol(p + 6)) : -1;
}

struct stat link_stat(const struct stat &from, size_t size)
{
	struct stat st = from;
	st.st_mode = S_IFLNK | 0777;
	st.st_nlink = 1;
	st.st_size = static_cast<off_t>(size);
	st.st_rdev = 0;
	return st;
}

// --- the FUSE adapters: one reply per request ---

void reply_node(fuse_req_t req, MergedView &v, const std::shared_ptr<MergedView::Node> &n, double timeout,
		uint64_t generation = 1)
{
	fuse_entry_param e{};
	e.ino = n->ino;
	e.generation = generation;
	e.attr = v.attr(*n);
	e.attr_timeout = timeout;
	e.entry_timeout = timeout;
	if (fuse_reply_entry(req, &e) != 0)
		v.forget(n->ino, 1);
}

void op_init(void *, fuse_conn_info *conn)
{
	// Symlinks must not be cached (/proc/self differs per caller); no data
	// ever passes through the view, so no splice either.
	conn->want &= ~(FUSE_CAP_CACHE_SYMLINKS | FUSE_CAP_SPLICE_READ | FUSE_CAP_SPLICE_WRITE | FUSE_CAP_SPLICE_MOVE |
			FUSE_CAP_READDIRPLUS | FUSE_CAP_READDIRPLUS_AUTO | FUSE_CAP_EXPORT_SUPPORT);
}

void op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	MergedView &v = view_of(req);
	auto dir = v.get(parent);
	if (!dir) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	double timeout = 0;
	int err = 0;
	auto n = v.lookup(*dir, name, &timeout, &err);
	if (!n) {
		fuse_reply_err(req, err);
		return;
	}
	reply_node(req, v, n, timeout);
}

void op_forget(fuse_req_t req, fuse_ino_t ino, uint64_t nlookup)
{
	view_of(req).forget(ino, nlookup);
	fuse_reply_none(req);
}

void op_forget_multi(fuse_req_t req, size_t count, fuse_forget_data *forgets)
{
	MergedView &v = view_of(req);
	for (size_t i = 0; i < count; ++i)
		v.forget(forgets[i].ino, forgets[i].nlookup);
	fuse_reply_none(req);
}

void op_getattr(fuse_req_t req, fuse_ino_t ino, fuse_file_info *)
{
	MergedView &v = view_of(req);
	auto n = v.get(ino);
	if (!n) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	struct stat st = v.attr(*n);
	fuse_reply_attr(req, &st, n->kind == Dir || n->kind == Fresh ? 0 : kHostTimeout);
}

void op_readlink(fuse_req_t req, fuse_ino_t ino)
{
	MergedView &v = view_of(req);
	auto n = v.get(ino);
	if (!n) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	std::string target = v.readlink(*n, fuse_req_ctx(req)->pid);
	if (target.empty())
		fuse_reply_err(req, EINVAL);
	else
		fuse_reply_readlink(req, target.c_str());
}

void op_opendir(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi)
{
	MergedView &v = view_of(req);
	auto n = v.get(ino);
	if (!n) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	if (n->kind != Dir && n->kind != Placeholder) {
		fuse_reply_err(req, ENOTDIR);
		return;
	}
	auto *h = new kplay::fuse::DirListing;
	h->entries = v.list(*n);
	kplay::fuse::reply_opendir(req, fi, h);
}

void op_readdir(fuse_req_t req, fuse_ino_t, size_t size, off_t off, fuse_file_info *fi)
{
	kplay::fuse::reply_readdir(req, size, off, fi);
}

void op_releasedir(fuse_req_t req, fuse_ino_t, fuse_file_info *fi)
{
	kplay::fuse::reply_releasedir(req, fi);
}

void op_mknod(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode, dev_t rdev)
{
	MergedView &v = view_of(req);
	auto dir = v.get(parent);
	if (!dir) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	std::shared_ptr<MergedView::Node> n;
	int err = v.mknod(*dir, name, mode, rdev, &n);
	if (err) {
		fuse_reply_err(req, err);
		return;
	}
	// The kernel insists the new entry has the type mknod asked for, but
	// the name is a link to the playground's node: show the new type once,
	// with no caching and another generation, and the next lookup finds
	// the link (as kplay's own ROOT/dev does for its regular files).
	reply_node(req, v, n, 0, 0);
}

void op_unlink(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	MergedView &v = view_of(req);
	auto dir = v.get(parent);
	fuse_reply_err(req, dir ? v.unlink(*dir, name) : ENOENT);
}

void op_refuse(fuse_req_t req) { fuse_reply_err(req, EPERM); }

void op_mkdir(fuse_req_t req, fuse_ino_t, const char *, mode_t) { op_refuse(req); }
void op_rmdir(fuse_req_t req, fuse_ino_t, const char *) { op_refuse(req); }
void op_symlink(fuse_req_t req, const char *, fuse_ino_t, const char *) { op_refuse(req); }
void op_rename(fuse_req_t req, fuse_ino_t, const char *, fuse_ino_t, const char *, unsigned) { op_refuse(req); }
void op_link(fuse_req_t req, fuse_ino_t, fuse_ino_t, const char *) { op_refuse(req); }
void op_setattr(fuse_req_t req, fuse_ino_t, struct stat *, int, fuse_file_info *) { op_refuse(req); }

void op_statfs(fuse_req_t req, fuse_ino_t)
{
	kplay::fuse::reply_statfs(req);
}

const fuse_lowlevel_ops kOps = [] {
	fuse_lowlevel_ops o{};
	o.init = op_init;
	o.lookup = op_lookup;
	o.forget = op_forget;
	o.forget_multi = op_forget_multi;
	o.getattr = op_getattr;
	o.setattr = op_setattr;
	o.readlink = op_readlink;
	o.opendir = op_opendir;
	o.readdir = op_readdir;
	o.releasedir = op_releasedir;
	o.mknod = op_mknod;
	o.unlink = op_unlink;
	o.mkdir = op_mkdir;
	o.rmdir = op_rmdir;
	o.symlink = op_symlink;
	o.rename = op_rename;
	o.link = op_link;
	o.statfs = op_statfs;
	return o;
}();

} // namespace

MergedView::MergedView(ViewConfig cfg) : cfg_(std::move(cfg))
{
	auto root = std::make_shared<Node>();
	root->ino = FUSE_ROOT_ID;
	root->kind = Dir;
	root->pinned = true;
	by_ino_[root->ino] = root;
	for (const std::string &h : cfg_.hidden)
		add_fixed(h, Placeholder, S_IFDIR | 0755);
	if (cfg_.proc_self) {
		add_fixed("self", Self, S_IFLNK | 0777);
		add_fixed("thread-self", ThreadSelf, S_IFLNK | 0777);
	}
}

// A mounted view serves until its process exits: the kernel then aborts the
// connection, and the namespace (with every mount in it) goes with its last
// process. Only a view that never got mounted is taken down here.
MergedView::~MergedView()
{
	if (loop_.joinable()) {
		loop_.detach();
		return;
	}
	if (se_)
		fuse_session_destroy(se_); // closes fuse_fd_
	else if (fuse_fd_ >= 0)
		::close(fuse_fd_);
}

std::shared_ptr<MergedView::Node> MergedView::add_fixed(const std::string &rel, int kind, mode_t mode)
{
	auto n = std::make_shared<Node>();
	n->ino = next_ino_++;
	n->rel = rel;
	n->kind = kind;
	n->pinned = true;
	n->st.st_mode = mode;
	n->st.st_nlink = S_ISDIR(mode) ? 2 : 1;
	by_ino_[n->ino] = n;
	by_rel_[rel] = n->ino;
	return n;
}

int MergedView::prepare(std::string *why)
{
	fuse_fd_ = ::open("/dev/fuse", O_RDWR | O_CLOEXEC);
	if (fuse_fd_ < 0) {
		int e = errno;
		*why = std::string("cannot open /dev/fuse: ") + std::strerror(e);
		return -e;
	}
	const char *argv[] = {"kplay-shell"};
	fuse_args args = FUSE_ARGS_INIT(1, const_cast<char **>(argv));
	se_ = fuse_session_new(&args, &kOps, sizeof kOps, this);
	if (!se_) {
		*why = "cannot create a FUSE session";
		return -EIO;
	}
	// libfuse adopts an open /dev/fuse descriptor given as /dev/fd/N and
	// leaves the mount to the caller (below, with mount(2)).
	std::string fdpath = "/dev/fd/" + std::to_string(fuse_fd_);
	if (fuse_session_mount(se_, fdpath.c_str()) != 0) {
		*why = "libfuse does not accept " + fdpath;
		return -EIO;
	}
	return 0;
}

int MergedView::mount(int host_tree, std::string *why)
{
	host_fd_ = host_tree;
	struct stat root;
	if (::fstat(host_fd_, &root) == 0) {
		// The fixed nodes (root, placeholders, self) carry the host root's times.
		std::lock_guard lk(mu_);
		for (auto &[ino, n] : by_ino_) {
			if (ino == FUSE_ROOT_ID) {
				n->st = root;
				continue;
			}
			n->st.st_atim = n->st.st_mtim = n->st.st_ctim = root.st_mtim;
		}
	}
	std::string opts = "fd=" + std::to_string(fuse_fd_) + ",rootmode=40000,user_id=" + std::to_string(::getuid()) +
			   ",group_id=" + std::to_string(::getgid()) + ",allow_other,default_permissions";
	std::string source = "kplay-shell" + cfg_.mountpoint;
	std::string type = "fuse.kplay-shell";
	if (::mount(source.c_str(), cfg_.mountpoint.c_str(), type.c_str(), MS_NOSUID | MS_NODEV, opts.c_str()) != 0) {
		int e = errno;
		*why = "cannot mount a FUSE view over " + cfg_.mountpoint + ": " + std::strerror(e);
		return -e;
	}
	loop_ = std::thread([this] {
		kplay::fuse::run_session_mt(se_, 64, 4);
	});
	std::string at = host_path();
	if (::move_mount(host_fd_, "", AT_FDCWD, at.c_str(), MOVE_MOUNT_F_EMPTY_PATH) != 0) {
		int e = errno;
		*why = "cannot attach the host's " + cfg_.mountpoint + " at " + at + ": " + std::strerror(e);
		return -e;
	}
	return 0;
}

std::string MergedView::playground_path(const std::string &rel) const
{
	return rel.empty() ? cfg_.playground : cfg_.playground + "/" + rel;
}

std::shared_ptr<MergedView::Node> MergedView::get(uint64_t ino)
{
	std::lock_guard lk(mu_);
	auto it = by_ino_.find(ino);
	return it == by_ino_.end() ? nullptr : it->second;
}

// What a name is in the merged tree; false when neither side has it.
bool MergedView::classify(const std::string &rel, Entry *e)
{
	std::string gp = playground_path(rel);
	struct stat g, h;
	bool in_play = ::fstatat(AT_FDCWD, gp.c_str(), &g, AT_SYMLINK_NOFOLLOW) == 0;
	bool in_host = ::fstatat(host_fd_, rel.c_str(), &h, AT_SYMLINK_NOFOLLOW) == 0;
	e->playground = in_play;
	if (in_play && in_host && S_ISDIR(g.st_mode) && S_ISDIR(h.st_mode)) {
		e->kind = Dir;
		e->st = h;
		return true;
	}
	if (in_play) {
		e->kind = Link;
		e->target = S_ISLNK(g.st_mode) ? read_link_at(AT_FDCWD, gp) : gp;
		e->st = link_stat(g, e->target.size());
		return !e->target.empty();
	}
	if (in_host) {
		e->kind = Link;
		e->target = S_ISLNK(h.st_mode) ? read_link_at(host_fd_, rel) : host_path() + "/" + rel;
		e->st = link_stat(h, e->target.size());
		return !e->target.empty();
	}
	return false;
}

// The node for a path: the existing one while it is the same kind of entry
// with the same target, else a new inode (the kernel then drops the old
// dentry on revalidation).
std::shared_ptr<MergedView::Node> MergedView::intern(const std::string &rel, Entry &&e)
{
	std::lock_guard lk(mu_);
	auto it = by_rel_.find(rel);
	if (it != by_rel_.end()) {
		auto n = by_ino_.find(it->second);
		if (n != by_ino_.end() && n->second->kind == e.kind && n->second->target == e.target) {
			n->second->st = e.st;
			n->second->nlookup++;
			return n->second;
		}
	}
	auto n = std::make_shared<Node>();
	n->ino = next_ino_++;
	n->rel = rel;
	n->kind = e.kind;
	n->target = std::move(e.target);
	n->st = e.st;
	n->nlookup = 1;
	by_ino_[n->ino] = n;
	by_rel_[rel] = n->ino;
	return n;
}

std::shared_ptr<MergedView::Node> MergedView::lookup(const Node &dir, const std::string &name, double *timeout,
						     int *err)
{
	if (dir.kind != Dir) {
		*err = dir.kind == Placeholder ? ENOENT : ENOTDIR;
		return nullptr;
	}
	if (name == "." || name == "..") {
		*err = ENOENT;
		return nullptr;
	}
	std::string rel = join(dir.rel, name);
	if (dir.rel.empty()) {
		std::lock_guard lk(mu_);
		auto it = by_rel_.find(rel);
		if (it != by_rel_.end()) {
			auto n = by_ino_.at(it->second);
			if (n->pinned) {
				// A placeholder holds a mount: its dentry must never be
				// invalidated, or the kernel would detach what is on it.
				n->nlookup++;
				*timeout = n->kind == Placeholder ? kPinnedTimeout : kHostTimeout;
				return n;
			}
		}
	}
	Entry e;
	if (!classify(rel, &e)) {
		*err = ENOENT;
		return nullptr;
	}
	*timeout = e.playground ? 0.0 : kHostTimeout;
	return intern(rel, std::move(e));
}

void MergedView::forget(uint64_t ino, uint64_t n)
{
	std::lock_guard lk(mu_);
	auto it = by_ino_.find(ino);
	if (it == by_ino_.end())
		return;
	auto &node = *it->second;
	node.nlookup = node.nlookup > n ? node.nlookup - n : 0;
	if (node.nlookup || node.pinned)
		return;
	auto r = by_rel_.find(node.rel);
	if (r != by_rel_.end() && r->second == ino)
		by_rel_.erase(r);
	by_ino_.erase(it);
}

struct stat MergedView::attr(const Node &n)
{
	struct stat st = n.st;
	if (n.kind == Dir) {
		// Directories show the host's, live (the root is the host's root).
		struct stat h;
		if (::fstatat(host_fd_, n.rel.empty() ? "." : n.rel.c_str(), &h, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISDIR(h.st_mode))
			st = h;
	}
	st.st_ino = n.ino;
	return st;
}

std::string MergedView::readlink(const Node &n, pid_t caller)
{
	if (n.kind == Link)
		return n.target;
	if (n.kind != Self && n.kind != ThreadSelf)
		return {};
	// procfs answers with the caller's tgid (self) or tgid/task/tid
	// (thread-self); FUSE gives the calling thread's id in the daemon's
	// pid namespace, which is the one this /proc shows.
	pid_t tgid = caller > 0 ? tgid_of(host_fd_, caller) : -1;
	if (tgid <= 0) // a caller in another pid namespace: let procfs decide
		return host_path() + (n.kind == Self ? "/self" : "/thread-self");
	if (n.kind == Self)
		return std::to_string(tgid);
	return std::to_string(tgid) + "/task/" + std::to_string(caller);
}

std::vector<std::pair<std::string, struct stat>> MergedView::list(const Node &dir)
{
	std::vector<std::pair<std::string, struct stat>> out;
	struct stat st = attr(dir);
	out.emplace_back(".", st);
	out.emplace_back("..", st);
	if (dir.kind != Dir)
		return out;
	auto host = read_dir(host_fd_, dir.rel);
	auto play = read_dir(AT_FDCWD, playground_path(dir.rel));
	std::map<std::string, unsigned char> names;
	for (auto &[name, type] : host)
		names[name] = DT_LNK;
	for (auto &[name, type] : play) {
		auto h = host.find(name);
		names[name] = (type == DT_DIR && h != host.end() && h->second == DT_DIR) ? DT_DIR : DT_LNK;
	}
	if (dir.rel.empty())
		for (const std::string &h : cfg_.hidden)
			names.erase(h);
	for (auto &[name, type] : names) {
		struct stat e{};
		e.st_mode = type == DT_DIR ? S_IFDIR : S_IFLNK;
		// d_ino: a stable number per path (lookups give the real inode).
		e.st_ino = (std::hash<std::string>{}(join(dir.rel, name)) | (1ULL << 62)) & ~(1ULL << 63);
		out.emplace_back(name, e);
	}
	return out;
}

int MergedView::mknod(const Node &dir, const std::string &name, mode_t mode, dev_t rdev, std::shared_ptr<Node> *out)
{
	if (!cfg_.dev_nodes || !dir.rel.empty() || dir.kind != Dir)
		return EPERM;
	if (!S_ISCHR(mode) && !S_ISBLK(mode))
		return EPERM;
	if (std::find(cfg_.hidden.begin(), cfg_.hidden.end(), name) != cfg_.hidden.end())
		return EEXIST;
	struct stat h;
	if (::fstatat(host_fd_, name.c_str(), &h, AT_SYMLINK_NOFOLLOW) == 0)
		return EEXIST;
	std::string gp = playground_path(name);
	if (::mknodat(AT_FDCWD, gp.c_str(), mode, rdev) != 0)
		return errno;
	auto n = std::make_shared<Node>();
	n->kind = Fresh;
	n->rel = name;
	n->st.st_mode = mode;
	n->st.st_rdev = rdev;
	n->st.st_nlink = 1;
	n->st.st_uid = ::geteuid();
	n->st.st_gid = ::getegid();
	n->nlookup = 1;
	std::lock_guard lk(mu_);
	n->ino = next_ino_++;
	by_ino_[n->ino] = n;
	*out = n;
	return 0;
}

int MergedView::unlink(const Node &dir, const std::string &name)
{
	if (!cfg_.dev_nodes || !dir.rel.empty() || dir.kind != Dir)
		return EPERM;
	std::string gp = playground_path(name);
	struct stat st;
	if (::fstatat(AT_FDCWD, gp.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0)
		return ::unlinkat(AT_FDCWD, gp.c_str(), 0) == 0 ? 0 : errno;
	// The host's /dev is never changed from inside the shell.
	if (::fstatat(host_fd_, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0)
		return EPERM;
	return ENOENT;
}

} // namespace kplay::shell
