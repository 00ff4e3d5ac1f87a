// procfs (mirrors fs/proc/generic.c and fs/proc/inode.c): entries under
// ROOT/proc whose calls go to proc_ops, with procfs's rules -- mode 0 means
// 0444, no proc_read/proc_write is EIO, removal waits for running calls,
// runs release for files still open, and later calls on them fail with EIO.
#include "kernel/fs/file.h"
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "vfs/tree.h"

#include "linux/proc_fs.h"
#include "linux/seq_file.h"

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <set>

namespace kplay {
class ProcFileOps;
}

// One proc entry (the kernel's proc_dir_entry).
struct proc_dir_entry {
	std::string name;
	std::shared_ptr<kplay::vfs::Node> node;
	proc_dir_entry *parent = nullptr;
	const struct proc_ops *proc_ops = nullptr;
	void *data = nullptr;
	// Single/seq helpers made by proc_create_single/proc_create_seq.
	int (*single_show)(struct seq_file *, void *) = nullptr;
	const struct seq_operations *seq_ops = nullptr;
	unsigned int state_size = 0;
	kplay::ProcFileOps *ops = nullptr; // for files

	std::mutex mu;
	std::condition_variable cv;
	int in_use = 0;
	bool removed = false;
	std::set<kplay::KernelFile *> openers;
};

namespace kplay {

class ProcFileOps : public KernelFileOps {
public:
	explicit ProcFileOps(proc_dir_entry *pde) : pde_(pde)
	{
		inode_.inode.i_private = pde->data;
		inode_.owner = pde;
	}

	void set_size(loff_t size) { inode_.inode.i_size = size; }
	[[nodiscard]] off_t size() const override { return static_cast<off_t>(inode_.inode.i_size); }

protected:
	int bind(KOps *ops) override;
	bool enter() override
	{
		std::lock_guard lk(pde_->mu);
		if (pde_->removed)
			return false;
		pde_->in_use++;
		return true;
	}
	void leave() override
	{
		std::lock_guard lk(pde_->mu);
		if (--pde_->in_use == 0)
			pde_->cv.notify_all();
	}
	void opened(KernelFile *kf) override
	{
		std::lock_guard lk(pde_->mu);
		pde_->openers.insert(kf);
	}
	void closed(KernelFile *kf) override
	{
		std::lock_guard lk(pde_->mu);
		pde_->openers.erase(kf);
	}

private:
	proc_dir_entry *pde_;
};

namespace {

std::mutex g_proc_mu; // guards the entry tree (parent/child names)
std::set<proc_dir_entry *> g_entries;


ssize_t seq_read_op(struct file *f, char *b, size_t n, loff_t *p) { return seq_read(f, b, n, p); }
int seq_release_op(struct inode *i, struct file *f) { return seq_release(i, f); }
int single_release_op(struct inode *i, struct file *f) { return single_release(i, f); }
int seq_release_private_op(struct inode *i, struct file *f) { return seq_release_private(i, f); }

proc_dir_entry *find_entry(const std::string &name, proc_dir_entry *parent)
{
	std::lock_guard lk(g_proc_mu);
	for (proc_dir_entry *e : g_entries)
		if (e->parent == parent && e->name == name && !e->removed)
			return e;
	return nullptr;
}

std::shared_ptr<vfs::Node> dir_node(proc_dir_entry *parent)
{
	return parent ? parent->node : vfs::proc_tree().root();
}

// proc_register: the name must be new in its directory.
proc_dir_entry *create(const char *name, umode_t mode, proc_dir_entry *parent, const struct proc_ops *pops, void *data,
		       bool dir)
{
	if (!name || !*name || std::strchr(name, '/')) {
		_printk(KPLAY_KERN_WARNING "proc: name '%s' is invalid (kplay supports one path component)\n",
			name ? name : "");
		return nullptr;
	}
	auto *e = new proc_dir_entry;
	e->name = name;
	e->parent = parent;
	e->proc_ops = pops;
	e->data = data;
	int err = 0;
	if (dir) {
		e->node = vfs::proc_tree().add_dir(dir_node(parent), name, (mode & 07777) ? (mode & 07777) : 0555, &err);
	} else {
		// proc_create: no permission bits means world-readable.
		if ((mode & 0777) == 0)
			mode |= 0444;
		auto ops = std::make_shared<ProcFileOps>(e);
		e->ops = ops.get();
		e->node = vfs::proc_tree().add_file(dir_node(parent), name, mode & 07777, ops, &err);
	}
	if (!e->node) {
		if (err == -EEXIST) {
			std::string parent_name = parent ? parent->name : "";
			_printk(KPLAY_KERN_WARNING "proc_dir_entry '%s/%s' already registered\n", parent_name.c_str(), name);
		}
		delete e;
		return nullptr;
	}
	std::lock_guard lk(g_proc_mu);
	g_entries.insert(e);
	return e;
}

// remove_proc_entry's proc_entry_rundown: wait for running calls, then close
// every file still open (their release runs now, not at the last close).
void rundown_and_remove(proc_dir_entry *e)
{
	std::vector<proc_dir_entry *> victims{e};
	{
		std::lock_guard lk(g_proc_mu);
		for (size_t i = 0; i < victims.size(); ++i)
			for (proc_dir_entry *c : g_entries)
				if (c->parent == victims[i])
					victims.push_back(c);
	}
	for (auto it = victims.rbegin(); it != victims.rend(); ++it) {
		proc_dir_entry *v = *it;
		std::set<KernelFile *> openers;
		{
			std::unique_lock lk(v->mu);
			v->removed = true;
			v->cv.wait(lk, [v] { return v->in_use == 0; });
			openers = v->openers;
		}
		for (KernelFile *kf : openers)
			kf->run_release();
	}
	vfs::proc_tree().remove(e->node);
	// Entries stay allocated: an open file may still point at them.
	std::lock_guard lk(g_proc_mu);
	for (proc_dir_entry *v : victims)
		g_entries.erase(v);
}

int proc_single_open(struct inode *inode, struct file *file)
{
	auto *e = static_cast<proc_dir_entry *>(kinode_of(inode)->owner);
	return single_open(file, e->single_show, e->data);
}

int proc_seq_open(struct inode *inode, struct file *file)
{
	auto *e = static_cast<proc_dir_entry *>(kinode_of(inode)->owner);
	if (e->state_size)
		return seq_open_private(file, e->seq_ops, static_cast<int>(e->state_size));
	return seq_open(file, e->seq_ops);
}

} // namespace

int ProcFileOps::bind(KOps *ops)
{
	const struct proc_ops *p = pde_->proc_ops;
	ops->identity = p;
	ops->no_read = -EIO;
	ops->no_write = -EIO;
	// proc_reg_open (6.1): without proc_lseek the file is not seekable (ESPIPE).
	ops->seekable = true;
	if (pde_->single_show || pde_->seq_ops) {
		ops->open = pde_->single_show ? proc_single_open : proc_seq_open;
		ops->read = seq_read_op;
		ops->release = pde_->single_show ? single_release_op : (pde_->state_size ? seq_release_private_op : seq_release_op);
		ops->identity = pde_->single_show ? reinterpret_cast<const void *>(pde_->single_show)
						  : static_cast<const void *>(pde_->seq_ops);
		return 0;
	}
	if (!p)
		return -EIO;
	ops->open = p->proc_open;
	ops->read = p->proc_read;
	ops->write = p->proc_write;
	ops->ioctl = p->proc_ioctl;
	ops->release = p->proc_release;
	ops->llseek = p->proc_lseek;
	ops->poll = p->proc_poll;
	ops->seekable = p->proc_lseek != nullptr;
	return 0;
}

} // namespace kplay

extern "C" {

struct proc_dir_entry *proc_create_data(const char *name, umode_t mode, struct proc_dir_entry *parent,
					const struct proc_ops *proc_ops, void *data)
{
	return kplay::create(name, mode, parent, proc_ops, data, false);
}

struct proc_dir_entry *proc_create(const char *name, umode_t mode, struct proc_dir_entry *parent,
				   const struct proc_ops *proc_ops)
{
	return proc_create_data(name, mode, parent, proc_ops, nullptr);
}

struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode, struct proc_dir_entry *parent,
					       int (*show)(struct seq_file *, void *), void *data)
{
	struct proc_dir_entry *e = kplay::create(name, mode, parent, nullptr, data, false);
	if (e)
		e->single_show = show;
	return e;
}

struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode, struct proc_dir_entry *parent,
					       const struct seq_operations *ops, unsigned int state_size, void *data)
{
	struct proc_dir_entry *e = kplay::create(name, mode, parent, nullptr, data, false);
	if (e) {
		e->seq_ops = ops;
		e->state_size = state_size;
	}
	return e;
}

struct proc_dir_entry *proc_mkdir_data(const char *name, umode_t mode, struct proc_dir_entry *parent, void *data)
{
	return kplay::create(name, mode, parent, nullptr, data, true);
}

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	return proc_mkdir_data(name, 0, parent, nullptr);
}

void proc_remove(struct proc_dir_entry *de)
{
	if (de && !de->removed)
		kplay::rundown_and_remove(de);
}

void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *e = kplay::find_entry(name ? name : "", parent);
	if (!e) {
		_printk(KPLAY_KERN_WARNING "remove_proc_entry: %s/%s not found\n", parent ? parent->name.c_str() : "",
			name ? name : "");
		return;
	}
	kplay::rundown_and_remove(e);
}

int remove_proc_subtree(const char *name, struct proc_dir_entry *parent)
{
	struct proc_dir_entry *e = kplay::find_entry(name ? name : "", parent);
	if (!e)
		return -ENOENT;
	kplay::rundown_and_remove(e);
	return 0;
}

void proc_set_size(struct proc_dir_entry *de, loff_t size)
{
	if (de && de->ops) {
		de->ops->set_size(size);
		kplay::vfs::proc_tree().touch(de->node);
	}
}

void proc_set_user(struct proc_dir_entry *de, kuid_t uid, kgid_t gid)
{
	if (de && de->node) {
		de->node->set_owner(uid.val, gid.val);
		kplay::vfs::proc_tree().touch(de->node);
	}
}

void *pde_data(const struct inode *inode)
{
	return inode->i_private;
}

} // extern "C"

KPLAY_EXPORT(proc_create);
KPLAY_EXPORT(proc_create_data);
KPLAY_EXPORT(proc_create_single_data);
KPLAY_EXPORT(proc_create_seq_private);
KPLAY_EXPORT(proc_mkdir);
KPLAY_EXPORT(proc_mkdir_data);
KPLAY_EXPORT(proc_remove);
KPLAY_EXPORT(remove_proc_entry);
KPLAY_EXPORT(remove_proc_subtree);
KPLAY_EXPORT(proc_set_size);
KPLAY_EXPORT(proc_set_user);
KPLAY_EXPORT(pde_data);
