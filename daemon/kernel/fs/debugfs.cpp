// debugfs (mirrors fs/debugfs/inode.c and file.c): directories and files
// under ROOT/sys/kernel/debug; module files use their file_operations, the
// value files are kernel-provided simple attributes.
#include "kernel/fs/file.h"
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/task.h"
#include "vfs/tree.h"

#include "linux/debugfs.h"

#include <fcntl.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <set>

namespace kplay {
namespace {

// A debugfs dentry: the kernel's struct dentry plus the node it names.
struct DebugfsEntry {
	struct dentry dentry {};
	std::string name;
	std::shared_ptr<vfs::Node> node;
};

std::mutex g_mu;
std::set<DebugfsEntry *> g_entries;

std::shared_ptr<vfs::Node> debugfs_root()
{
	static std::shared_ptr<vfs::Node> root = [] {
		auto n = vfs::sys_tree().make_dirs("kernel/debug");
		n->set_mode(0040700);
		return n;
	}();
	return root;
}

DebugfsEntry *entry_of(struct dentry *d) { return reinterpret_cast<DebugfsEntry *>(d); }

std::shared_ptr<vfs::Node> dir_of(struct dentry *parent)
{
	return parent ? entry_of(parent)->node : debugfs_root();
}

struct dentry *make_entry(const char *name, std::shared_ptr<vfs::Node> node)
{
	auto *e = new DebugfsEntry;
	e->name = name;
	e->node = std::move(node);
	e->dentry.d_name.name = reinterpret_cast<const unsigned char *>(e->name.c_str());
	e->dentry.d_name.len = static_cast<u32>(e->name.size());
	std::lock_guard lk(g_mu);
	g_entries.insert(e);
	return &e->dentry;
}

struct dentry *err_ptr(int err) { return reinterpret_cast<struct dentry *>(static_cast<intptr_t>(err)); }

// A file whose operations are the module's (debugfs_create_file).
class DebugfsFileOps : public KernelFileOps {
public:
	DebugfsFileOps(const struct file_operations *fops, void *data, umode_t mode) : fops_(fops)
	{
		inode_.inode.i_private = data;
		inode_.inode.i_mode = mode;
	}

protected:
	int bind(KOps *ops) override
	{
		ops->owner = fops_->owner;
		ops->open = fops_->open;
		ops->read = fops_->read;
		ops->write = fops_->write;
		ops->ioctl = fops_->unlocked_ioctl;
		ops->release = fops_->release;
		ops->llseek = fops_->llseek;
		ops->poll = fops_->poll;
		ops->fops = fops_;
		ops->identity = fops_;
		ops->seekable = fops_->llseek != nullptr && fops_->llseek != no_llseek;
		return 0;
	}

private:
	const struct file_operations *fops_;
};

// A simple attribute (DEFINE_DEBUGFS_ATTRIBUTE): the value printed at open,
// a write parsed with kstrtoull/kstrtobool; no setter means EACCES.
class ValueFile : public vfs::FileOps {
public:
	using Get = std::function<std::string()>;
	using Set = std::function<int(const char *)>;
	/// no_set: write()'s error without a setter (EACCES for read-only
	/// attributes; EINVAL for blobs, which have no write operation at all).
	ValueFile(Get get, Set set, int no_set = -EACCES) : get_(std::move(get)), set_(std::move(set)), no_set_(no_set) {}

	ssize_t read(vfs::OpenFile &f, vfs::Request &, char *buf, size_t n, off_t off) override
	{
		if (off < 0)
			return 0;
		return vfs::read_snapshot(f, buf, n, off, [this](std::string *out) {
			*out = get_();
			return static_cast<ssize_t>(out->size());
		});
	}

	ssize_t write(vfs::OpenFile &f, vfs::Request &, const char *buf, size_t n, off_t) override
	{
		if (!set_)
			return no_set_;
		char tmp[24] = {};
		size_t len = std::min(n, sizeof tmp - 1);
		std::memcpy(tmp, buf, len);
		int err = set_(tmp);
		std::lock_guard lk(f.mu);
		f.data.reset();
		return err ? err : static_cast<ssize_t>(n);
	}

private:
	Get get_;
	Set set_;
	int no_set_;
};

template <typename T>
void create_value(const char *name, umode_t mode, struct dentry *parent, T *value, const char *fmt)
{
	std::string f = fmt;
	ValueFile::Get get = [value, f] {
		char b[40];
		std::snprintf(b, sizeof b, f.c_str(), static_cast<unsigned long long>(*value));
		return std::string(b);
	};
	ValueFile::Set set;
	if (mode & 0222)
		set = [value](const char *s) {
			unsigned long long v;
			int err = kstrtoull(s, 0, &v);
			if (err)
				return err;
			*value = static_cast<T>(v);
			return 0;
		};
	auto node = vfs::sys_tree().add_file(dir_of(parent), name, mode & 07777,
					     std::make_shared<ValueFile>(get, set));
	if (node)
		make_entry(name, node);
}

} // namespace

void debugfs_init()
{
	(void)debugfs_root();
}

} // namespace kplay

extern "C" {

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent)
{
	int err = 0;
	auto node = kplay::vfs::sys_tree().add_dir(kplay::dir_of(parent), name, 0755, &err);
	if (!node) {
		_printk(KPLAY_KERN_ERR "debugfs: Directory '%s' with parent '%s' already present!\n", name,
			parent ? kplay::entry_of(parent)->name.c_str() : "/");
		return kplay::err_ptr(err ? err : -EEXIST);
	}
	return kplay::make_entry(name, node);
}

struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent, void *data,
				   const struct file_operations *fops)
{
	if (!(mode & 0170000))
		mode |= 0100000;
	int err = 0;
	auto node = kplay::vfs::sys_tree().add_file(kplay::dir_of(parent), name, mode & 07777,
						    std::make_shared<kplay::DebugfsFileOps>(fops, data, mode), &err);
	if (!node) {
		_printk(KPLAY_KERN_ERR "debugfs: File '%s' in directory '%s' already present!\n", name,
			parent ? kplay::entry_of(parent)->name.c_str() : "/");
		return kplay::err_ptr(err ? err : -EEXIST);
	}
	return kplay::make_entry(name, node);
}

void debugfs_create_u8(const char *name, umode_t mode, struct dentry *parent, u8 *value)
{
	kplay::create_value(name, mode, parent, value, "%llu\n");
}
void debugfs_create_u16(const char *name, umode_t mode, struct dentry *parent, u16 *value)
{
	kplay::create_value(name, mode, parent, value, "%llu\n");
}
void debugfs_create_u32(const char *name, umode_t mode, struct dentry *parent, u32 *value)
{
	kplay::create_value(name, mode, parent, value, "%llu\n");
}
void debugfs_create_u64(const char *name, umode_t mode, struct dentry *parent, u64 *value)
{
	kplay::create_value(name, mode, parent, value, "%llu\n");
}
void debugfs_create_x8(const char *name, umode_t mode, struct dentry *parent, u8 *value)
{
	kplay::create_value(name, mode, parent, value, "0x%02llx\n");
}
void debugfs_create_x16(const char *name, umode_t mode, struct dentry *parent, u16 *value)
{
	kplay::create_value(name, mode, parent, value, "0x%04llx\n");
}
void debugfs_create_x32(const char *name, umode_t mode, struct dentry *parent, u32 *value)
{
	kplay::create_value(name, mode, parent, value, "0x%08llx\n");
}
void debugfs_create_x64(const char *name, umode_t mode, struct dentry *parent, u64 *value)
{
	kplay::create_value(name, mode, parent, value, "0x%016llx\n");
}

void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent, bool *value)
{
	kplay::ValueFile::Get get = [value] { return std::string(*value ? "Y\n" : "N\n"); };
	kplay::ValueFile::Set set;
	if (mode & 0222)
		set = [value](const char *s) { return kstrtobool(s, value); };
	auto node = kplay::vfs::sys_tree().add_file(kplay::dir_of(parent), name, mode & 07777,
						    std::make_shared<kplay::ValueFile>(get, set));
	if (node)
		kplay::make_entry(name, node);
}

struct dentry *debugfs_create_blob(const char *name, umode_t mode, struct dentry *parent,
				   struct debugfs_blob_wrapper *blob)
{
	kplay::ValueFile::Get get = [blob] { return std::string(static_cast<const char *>(blob->data), blob->size); };
	int err = 0;
	// Blobs are read-only in 6.1: no write operation, so write() gives EINVAL.
	auto node = kplay::vfs::sys_tree().add_file(kplay::dir_of(parent), name, mode & 07777,
						    std::make_shared<kplay::ValueFile>(get, nullptr, -EINVAL), &err);
	if (!node)
		return kplay::err_ptr(err ? err : -EEXIST);
	return kplay::make_entry(name, node);
}

void debugfs_remove(struct dentry *dentry)
{
	if (!dentry || reinterpret_cast<uintptr_t>(dentry) >= static_cast<uintptr_t>(-4095))
		return;
	kplay::DebugfsEntry *e = kplay::entry_of(dentry);
	kplay::vfs::sys_tree().remove(e->node);
	std::lock_guard lk(kplay::g_mu);
	// Entries below it go with the subtree; their dentries are freed too.
	for (auto it = kplay::g_entries.begin(); it != kplay::g_entries.end();) {
		if ((*it)->node->removed()) {
			delete *it;
			it = kplay::g_entries.erase(it);
		} else {
			++it;
		}
	}
}

bool debugfs_initialized(void)
{
	return true;
}

} // extern "C"

KPLAY_EXPORT(debugfs_create_dir);
KPLAY_EXPORT(debugfs_create_file);
KPLAY_EXPORT(debugfs_create_u8);
KPLAY_EXPORT(debugfs_create_u16);
KPLAY_EXPORT(debugfs_create_u32);
KPLAY_EXPORT(debugfs_create_u64);
KPLAY_EXPORT(debugfs_create_x8);
KPLAY_EXPORT(debugfs_create_x16);
KPLAY_EXPORT(debugfs_create_x32);
KPLAY_EXPORT(debugfs_create_x64);
KPLAY_EXPORT(debugfs_create_bool);
KPLAY_EXPORT(debugfs_create_blob);
KPLAY_EXPORT(debugfs_remove);
KPLAY_EXPORT(debugfs_initialized);
