// The in-memory file trees (see tree.h).
#include "vfs/tree.h"

#include <cerrno>
#include <cstring>
#include <ctime>

namespace kplay::vfs {
namespace {

int64_t now_ns()
{
	timespec ts{};
	clock_gettime(CLOCK_REALTIME, &ts);
	return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

thread_local int t_quiet = 0;

void set_err(int *err, int v)
{
	if (err)
		*err = v;
}

} // namespace

void Request::set_interrupt_hook(std::function<void()> fn)
{
	std::function<void()> run_now;
	{
		std::lock_guard lk(mu_);
		hook_ = std::move(fn);
		if (interrupted_.load())
			run_now = hook_;
	}
	if (run_now)
		run_now();
}

void Request::clear_interrupt_hook()
{
	std::lock_guard lk(mu_);
	hook_ = nullptr;
}

void Request::interrupt()
{
	std::function<void()> fn;
	{
		std::lock_guard lk(mu_);
		interrupted_.store(true);
		fn = hook_;
	}
	if (fn)
		fn();
}

Tree::Tree(std::string name) : name_(std::move(name))
{
	root_ = std::make_shared<Node>(1, "", 0040755);
	root_->mtime_ns_ = now_ns();
	root_->nlookup_ = 1;
	inodes_[1] = root_;
}

std::shared_ptr<Node> Tree::get(uint64_t ino) const
{
	std::shared_lock lk(mu_);
	auto it = inodes_.find(ino);
	return it == inodes_.end() ? nullptr : it->second;
}

std::shared_ptr<Node> Tree::child(const Node &dir, std::string_view name) const
{
	std::shared_lock lk(mu_);
	auto it = dir.children_.find(name);
	return it == dir.children_.end() ? nullptr : it->second;
}

std::shared_ptr<Node> Tree::resolve(std::string_view path) const
{
	std::shared_lock lk(mu_);
	std::shared_ptr<Node> n = root_;
	while (!path.empty()) {
		size_t slash = path.find('/');
		std::string_view part = path.substr(0, slash);
		path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
		if (part.empty())
			continue;
		auto it = n->children_.find(part);
		if (it == n->children_.end())
			return nullptr;
		n = it->second;
	}
	return n;
}

std::vector<std::shared_ptr<Node>> Tree::list(const Node &dir) const
{
	std::shared_lock lk(mu_);
	std::vector<std::shared_ptr<Node>> v;
	for (auto &[_, c] : dir.children_)
		v.push_back(c);
	return v;
}

std::shared_ptr<Node> Tree::attach(const std::shared_ptr<Node> &dir, std::string_view name, std::shared_ptr<Node> node,
				   int *err)
{
	Change change{Change::Added, 0, 0, std::string(name)};
	{
		std::unique_lock lk(mu_);
		if (!dir || dir->removed_) {
			set_err(err, -ENOENT);
			return nullptr;
		}
		if (!dir->is_dir()) {
			set_err(err, -ENOTDIR);
			return nullptr;
		}
		if (name.empty() || name.find('/') != std::string_view::npos || name == "." || name == "..") {
			set_err(err, -EINVAL);
			return nullptr;
		}
		// NAME_MAX: a longer name could never be listed through FUSE.
		if (name.size() > 255) {
			set_err(err, -ENAMETOOLONG);
			return nullptr;
		}
		if (dir->children_.count(name)) {
			set_err(err, -EEXIST);
			return nullptr;
		}
		node->ino_ = next_ino_++;
		node->parent_ = dir;
		node->mtime_ns_ = now_ns();
		dir->children_.emplace(std::string(name), node);
		dir->mtime_ns_ = node->mtime_ns_;
		inodes_[node->ino_] = node;
		change.parent_ino = dir->ino_;
		change.ino = node->ino_;
	}
	notify(change);
	set_err(err, 0);
	return node;
}

std::shared_ptr<Node> Tree::add_dir(const std::shared_ptr<Node> &dir, std::string_view name, mode_t perm, int *err)
{
	return attach(dir, name, std::make_shared<Node>(0, std::string(name), 0040000 | (perm & 07777)), err);
}

std::shared_ptr<Node> Tree::add_file(const std::shared_ptr<Node> &dir, std::string_view name, mode_t perm,
				     std::shared_ptr<FileOps> ops, int *err)
{
	auto n = std::make_shared<Node>(0, std::string(name), 0100000 | (perm & 07777));
	n->ops_ = std::move(ops);
	return attach(dir, name, std::move(n), err);
}

std::shared_ptr<Node> Tree::add_symlink(const std::shared_ptr<Node> &dir, std::string_view name, std::string target,
					int *err)
{
	auto n = std::make_shared<Node>(0, std::string(name), 0120777);
	n->target_ = std::move(target);
	return attach(dir, name, std::move(n), err);
}

std::shared_ptr<Node> Tree::make_dirs(std::string_view path)
{
	std::shared_ptr<Node> n = root_;
	while (!path.empty()) {
		size_t slash = path.find('/');
		std::string_view part = path.substr(0, slash);
		path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
		if (part.empty())
			continue;
		std::shared_ptr<Node> next = child(*n, part);
		if (!next) {
			int err = 0;
			next = add_dir(n, part, 0755, &err);
			if (!next && err == -EEXIST)
				next = child(*n, part);
		}
		if (!next)
			return nullptr;
		n = next;
	}
	return n;
}

void Tree::remove(const std::shared_ptr<Node> &node)
{
	std::vector<Change> changes;
	{
		std::unique_lock lk(mu_);
		if (!node || node->removed_ || node == root_)
			return;
		std::shared_ptr<Node> parent = node->parent_.lock();
		// Depth-first, children before their directory, as rmdir needs.
		std::vector<std::shared_ptr<Node>> stack{node}, order;
		while (!stack.empty()) {
			auto n = stack.back();
			stack.pop_back();
			order.push_back(n);
			for (auto &[_, c] : n->children_)
				stack.push_back(c);
		}
		for (auto it = order.rbegin(); it != order.rend(); ++it) {
			auto &n = *it;
			auto p = n->parent_.lock();
			n->removed_ = true;
			if (p)
				changes.push_back({Change::Removed, p->ino_, n->ino_, n->name_});
			if (n->nlookup_ == 0)
				inodes_.erase(n->ino_);
		}
		for (auto &n : order)
			n->children_.clear();
		if (parent) {
			parent->children_.erase(node->name_);
			parent->mtime_ns_ = now_ns();
		}
	}
	// Only the top node needs a kernel notification; its subtree goes with it.
	if (!changes.empty())
		notify(changes.back());
}

void Tree::touch(const std::shared_ptr<Node> &node)
{
	if (node)
		notify({Change::Changed, 0, node->ino(), {}});
}

void Tree::ref(uint64_t ino, uint64_t n)
{
	std::unique_lock lk(mu_);
	auto it = inodes_.find(ino);
	if (it != inodes_.end())
		it->second->nlookup_ += n;
}

void Tree::forget(uint64_t ino, uint64_t n)
{
	std::unique_lock lk(mu_);
	auto it = inodes_.find(ino);
	if (it == inodes_.end() || ino == 1)
		return;
	Node &node = *it->second;
	node.nlookup_ = n >= node.nlookup_ ? 0 : node.nlookup_ - n;
	if (node.nlookup_ == 0 && node.removed_)
		inodes_.erase(it);
}

void Tree::set_listener(std::function<void(const Change &)> fn)
{
	std::lock_guard lk(listener_mu_);
	listener_ = std::move(fn);
}

QuietChanges::QuietChanges() { ++t_quiet; }
QuietChanges::~QuietChanges() { --t_quiet; }

void Tree::notify(const Change &c)
{
	if (t_quiet)
		return;
	std::function<void(const Change &)> fn;
	{
		std::lock_guard lk(listener_mu_);
		fn = listener_;
	}
	if (fn)
		fn(c);
}

void Tree::set_mknod_handler(MknodFn fn)
{
	std::lock_guard lk(listener_mu_);
	mknod_ = std::move(fn);
}

std::shared_ptr<Node> Tree::mknod(const std::shared_ptr<Node> &dir, const std::string &name, mode_t mode, dev_t rdev,
				  int *err)
{
	MknodFn fn;
	{
		std::lock_guard lk(listener_mu_);
		fn = mknod_;
	}
	if (!fn) {
		set_err(err, -EPERM);
		return nullptr;
	}
	auto n = fn(dir, name, mode, rdev, err);
	if (n) {
		std::unique_lock lk(mu_);
		n->user_made_ = true;
	}
	return n;
}

int Tree::unlink(const std::shared_ptr<Node> &dir, const std::string &name)
{
	auto n = child(*dir, name);
	if (!n)
		return -ENOENT;
	if (!n->user_made_)
		return -EPERM;
	remove(n);
	return 0;
}

Tree &dev_tree()
{
	static Tree t("dev");
	return t;
}

Tree &proc_tree()
{
	static Tree t("proc");
	return t;
}

Tree &sys_tree()
{
	static Tree t("sys");
	return t;
}

ssize_t read_snapshot(OpenFile &f, char *buf, size_t n, off_t off, const std::function<ssize_t(std::string *)> &fill)
{
	std::lock_guard lk(f.mu);
	auto snap = std::static_pointer_cast<std::string>(f.data);
	if (!snap || off == 0) {
		auto s = std::make_shared<std::string>();
		ssize_t ret = fill(s.get());
		if (ret < 0)
			return ret;
		snap = s;
		f.data = snap;
	}
	if (off < 0)
		return -EINVAL;
	if (static_cast<size_t>(off) >= snap->size())
		return 0;
	size_t len = std::min(n, snap->size() - static_cast<size_t>(off));
	std::memcpy(buf, snap->data() + off, len);
	return static_cast<ssize_t>(len);
}

ssize_t SnapshotFile::read(OpenFile &f, Request &, char *buf, size_t n, off_t off)
{
	return read_snapshot(f, buf, n, off, [this](std::string *out) {
		*out = gen_();
		return static_cast<ssize_t>(out->size());
	});
}

} // namespace kplay::vfs
