// Character devices (see chrdev.h).
#include "kernel/chrdev.h"

#include "kernel/block.h"

#include "kernel/fs/file.h"
#include "kernel/kapi.h"
#include "kernel/ksyms.h"

#include "linux/cdev.h"
#include "linux/fs.h"
#include "linux/kdev_t.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <set>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

namespace kplay {
namespace {

constexpr unsigned kMaxMajor = 512;     // CHRDEV_MAJOR_MAX
constexpr unsigned kDynStart = 254;     // dynamic majors: 254 down to 234,
constexpr unsigned kDynEnd = 234;       // then 511 down to 384
constexpr unsigned kDynExtStart = 511;
constexpr unsigned kDynExtEnd = 384;
constexpr unsigned kMinorMask = (1u << 20) - 1;
constexpr unsigned kHashSize = 255;     // CHRDEV_MAJOR_HASH_SIZE

// One registered range of device numbers (struct char_device_struct).
struct Region {
	unsigned major;
	unsigned baseminor;
	unsigned count;
	std::string name;
	struct cdev *cdev = nullptr; // the cdev register_chrdev made itself
};

// One cdev_add'ed range (the kernel's cdev_map).
struct CdevRange {
	unsigned long first;
	unsigned count;
	struct cdev *cdev;
};

std::mutex g_mu;
std::vector<Region> g_regions;
std::vector<CdevRange> g_cdevs;
std::atomic<ChrdevObserver *> g_observer{nullptr};
std::atomic<bool> g_avoid_host{false};

// The majors of the host kernel's character devices (its /proc/devices),
// less those kplay registered there itself (g_regions has them).
std::set<unsigned> host_majors_locked()
{
	std::set<unsigned> out;
	if (!g_avoid_host.load())
		return out;
	std::FILE *f = std::fopen("/proc/devices", "r");
	if (!f)
		return out;
	char line[256];
	bool chr = false;
	while (std::fgets(line, sizeof line, f)) {
		if (std::strncmp(line, "Character devices:", 18) == 0) {
			chr = true;
			continue;
		}
		if (line[0] == '\n' || std::strncmp(line, "Block devices:", 14) == 0)
			chr = false;
		unsigned m;
		if (chr && std::sscanf(line, "%u", &m) == 1)
			out.insert(m);
	}
	std::fclose(f);
	for (const Region &r : g_regions)
		out.erase(r.major);
	return out;
}

bool overlaps(const Region &r, unsigned major, unsigned baseminor, unsigned count)
{
	if (r.major != major)
		return false;
	unsigned long a0 = r.baseminor, a1 = a0 + r.count, b0 = baseminor, b1 = b0 + count;
	return a0 < b1 && b0 < a1;
}

// find_dynamic_major: the kernel's table has 255 hash buckets (major % 255);
// 254..234 must have an empty bucket, 511..384 only an unused major.
unsigned find_dynamic_major_locked()
{
	std::set<unsigned> host = host_majors_locked();
	auto bucket_used = [&host](unsigned m) {
		for (const Region &r : g_regions)
			if (r.major % kHashSize == m)
				return true;
		for (unsigned h : host)
			if (h % kHashSize == m)
				return true;
		return false;
	};
	auto used = [&host](unsigned m) {
		for (const Region &r : g_regions)
			if (r.major == m)
				return true;
		return host.count(m) != 0;
	};
	for (unsigned m = kDynStart; m >= kDynEnd; --m)
		if (!bucket_used(m))
			return m;
	for (unsigned m = kDynExtStart; m >= kDynExtEnd; --m)
		if (!used(m))
			return m;
	return 0;
}

// __register_chrdev_region: 0 as major asks for a dynamic one.
int register_region(unsigned major, unsigned baseminor, unsigned count, const char *name)
{
	std::lock_guard lk(g_mu);
	if (major >= kMaxMajor) {
		_printk(KPLAY_KERN_ERR "CHRDEV \"%s\" major requested (%u) is greater than the maximum (%u)\n", name, major,
			kMaxMajor - 1);
		return -EINVAL;
	}
	if (baseminor > kMinorMask || count > kMinorMask + 1 - baseminor) {
		_printk(KPLAY_KERN_ERR "CHRDEV \"%s\" minor range requested (%u-%u) is out of range of maximum range (%u-%u) for a single major\n",
			name, baseminor, baseminor + count - 1, 0, kMinorMask);
		return -EINVAL;
	}
	if (major == 0) {
		major = find_dynamic_major_locked();
		if (!major) {
			_printk(KPLAY_KERN_ERR "CHRDEV \"%s\" dynamic allocation region is full\n", name);
			return -EBUSY;
		}
	} else if (host_majors_locked().count(major)) {
		return -EBUSY; // a host driver has it: CUSE could not register it
	}
	for (const Region &r : g_regions)
		if (overlaps(r, major, baseminor, count))
			return -EBUSY;
	g_regions.push_back({major, baseminor, count, name ? name : "", nullptr});
	return static_cast<int>(major);
}

struct cdev *unregister_region(unsigned major, unsigned baseminor, unsigned count)
{
	std::lock_guard lk(g_mu);
	for (auto it = g_regions.begin(); it != g_regions.end(); ++it) {
		if (it->major == major && it->baseminor == baseminor && it->count == count) {
			struct cdev *c = it->cdev;
			g_regions.erase(it);
			return c;
		}
	}
	return nullptr;
}

struct cdev *lookup_cdev(unsigned long dev)
{
	std::lock_guard lk(g_mu);
	for (const CdevRange &r : g_cdevs)
		if (dev >= r.first && dev < r.first + r.count)
			return r.cdev;
	return nullptr;
}

// A node in ROOT/dev: binds to whatever cdev serves its number at open.
class DevNodeOps : public KernelFileOps {
public:
	DevNodeOps(unsigned int devt, mode_t mode)
	{
		inode_.inode.i_rdev = devt;
		inode_.inode.i_mode = static_cast<umode_t>(0020000 | (mode & 07777));
	}

protected:
	int bind(KOps *ops) override
	{
		struct cdev *c = lookup_cdev(inode_.inode.i_rdev);
		if (!c || !c->ops)
			return -ENXIO;
		inode_.inode.i_cdev = c;
		const struct file_operations *fo = c->ops;
		ops->owner = fo->owner;
		ops->cdev_owner = c->owner;
		ops->open = fo->open;
		ops->read = fo->read;
		ops->write = fo->write;
		ops->ioctl = fo->unlocked_ioctl;
		ops->release = fo->release;
		ops->llseek = fo->llseek;
		ops->poll = fo->poll;
		ops->fops = fo;
		ops->identity = fo;
		ops->no_read = -EINVAL;
		ops->no_write = -EINVAL;
		ops->seekable = fo->llseek != nullptr && fo->llseek != no_llseek;
		return 0;
	}
};

} // namespace

std::shared_ptr<vfs::Node> devtmpfs_create_node(const std::string &name, unsigned int devt, mode_t mode, int *err)
{
	vfs::Tree &dev = vfs::dev_tree();
	std::string dir, base = name;
	if (auto slash = name.rfind('/'); slash != std::string::npos) {
		dir = name.substr(0, slash);
		base = name.substr(slash + 1);
	}
	auto parent = dir.empty() ? dev.root() : dev.make_dirs(dir);
	auto n = dev.add_file(parent, base, mode & 07777, std::make_shared<DevNodeOps>(devt, mode), err);
	if (n)
		if (ChrdevObserver *obs = g_observer.load())
			obs->node_added(name, MAJOR(devt), MINOR(devt), mode);
	return n;
}

void devtmpfs_delete_node(const std::string &name)
{
	if (auto n = vfs::dev_tree().resolve(name))
		vfs::dev_tree().remove(n);
	if (ChrdevObserver *obs = g_observer.load())
		obs->node_removed(name);
}

void chrdev_set_observer(ChrdevObserver *obs) { g_observer.store(obs); }

void chrdev_avoid_host_majors(bool on) { g_avoid_host.store(on); }

std::shared_ptr<vfs::Node> chrdev_device_node(const std::string &name, unsigned major, unsigned minor, mode_t mode)
{
	return vfs::Node::detached(name, 0020000 | (mode & 07777),
				   std::make_shared<DevNodeOps>(MKDEV(major, minor), mode));
}

std::string proc_devices_text()
{
	// chrdev_show: one line per registered range, by major, then by minor.
	std::vector<Region> regions;
	{
		std::lock_guard lk(g_mu);
		regions = g_regions;
	}
	std::stable_sort(regions.begin(), regions.end(), [](const Region &a, const Region &b) {
		return a.major != b.major ? a.major < b.major : a.baseminor < b.baseminor;
	});
	std::string out = "Character devices:\n";
	for (const Region &r : regions) {
		char line[96];
		std::snprintf(line, sizeof line, "%3u %s\n", r.major, r.name.c_str());
		out += line;
	}
	out += "\nBlock devices:\n";
	out += proc_block_devices_text();
	return out;
}

void chrdev_init()
{
	vfs::proc_tree().add_file(vfs::proc_tree().root(), "devices", 0444,
				  std::make_shared<vfs::SnapshotFile>(proc_devices_text));
	// mknod ROOT/dev/x c MAJOR MINOR, as the guide tells users to do.
	vfs::dev_tree().set_mknod_handler([](const std::shared_ptr<vfs::Node> &dir, const std::string &name, mode_t mode,
					     dev_t rdev, int *err) -> std::shared_ptr<vfs::Node> {
		if ((mode & 0170000) != 0020000) {
			*err = -EPERM; // only character nodes make sense here
			return nullptr;
		}
		// The userspace dev_t encoding (glibc's gnu_dev_major/minor).
		unsigned ma = static_cast<unsigned>(((rdev >> 32) & 0xfffff000u) | ((rdev >> 8) & 0xfffu));
		unsigned mi = static_cast<unsigned>(((rdev >> 12) & 0xffffff00u) | (rdev & 0xffu));
		return vfs::dev_tree().add_file(dir, name, mode & 07777, std::make_shared<DevNodeOps>(MKDEV(ma, mi), mode),
						err);
	});
}

} // namespace kplay

extern "C" {

int register_chrdev_region(__kernel_dev_t from, unsigned count, const char *name)
{
	// May span several majors, as the kernel allows.
	__kernel_dev_t to = from + count, n;
	for (__kernel_dev_t cur = from; cur < to; cur = n) {
		n = MKDEV(MAJOR(cur) + 1, 0);
		if (n > to)
			n = to;
		int r = kplay::register_region(MAJOR(cur), MINOR(cur), n - cur, name);
		if (r < 0) {
			for (__kernel_dev_t undo = from; undo < cur; undo = MKDEV(MAJOR(undo) + 1, 0))
				kplay::unregister_region(MAJOR(undo), MINOR(undo),
							 std::min<__kernel_dev_t>(MKDEV(MAJOR(undo) + 1, 0), to) - undo);
			return r;
		}
	}
	return 0;
}

int alloc_chrdev_region(__kernel_dev_t *dev, unsigned baseminor, unsigned count, const char *name)
{
	int r = kplay::register_region(0, baseminor, count, name);
	if (r < 0)
		return r;
	*dev = MKDEV(static_cast<unsigned>(r), baseminor);
	return 0;
}

void unregister_chrdev_region(__kernel_dev_t from, unsigned count)
{
	__kernel_dev_t to = from + count, n;
	for (__kernel_dev_t cur = from; cur < to; cur = n) {
		n = MKDEV(MAJOR(cur) + 1, 0);
		if (n > to)
			n = to;
		kplay::unregister_region(MAJOR(cur), MINOR(cur), n - cur);
	}
}

void cdev_init(struct cdev *cdev, const struct file_operations *fops)
{
	std::memset(cdev, 0, sizeof *cdev);
	cdev->ops = fops;
}

struct cdev *cdev_alloc(void)
{
	auto *c = static_cast<struct cdev *>(__kmalloc(sizeof(struct cdev), 0x100u));
	return c;
}

int cdev_add(struct cdev *p, __kernel_dev_t dev, unsigned count)
{
	if (!count)
		return -EINVAL;
	p->dev = dev;
	p->count = count;
	std::string name;
	{
		std::lock_guard lk(kplay::g_mu);
		kplay::g_cdevs.push_back({dev, count, p});
		// The name /proc/devices shows for this number, if a region has it.
		for (const kplay::Region &r : kplay::g_regions)
			if (r.major == MAJOR(dev) && MINOR(dev) >= r.baseminor && MINOR(dev) - r.baseminor < r.count)
				name = r.name;
	}
	if (kplay::ChrdevObserver *obs = kplay::g_observer.load())
		obs->cdev_added(MAJOR(dev), MINOR(dev), count, name);
	return 0;
}

void cdev_del(struct cdev *p)
{
	bool found = false;
	{
		std::lock_guard lk(kplay::g_mu);
		for (auto it = kplay::g_cdevs.begin(); it != kplay::g_cdevs.end(); ++it) {
			if (it->cdev == p) {
				kplay::g_cdevs.erase(it);
				found = true;
				break;
			}
		}
	}
	if (found)
		if (kplay::ChrdevObserver *obs = kplay::g_observer.load())
			obs->cdev_removed(MAJOR(p->dev), MINOR(p->dev), p->count);
}

int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count, const char *name,
		      const struct file_operations *fops)
{
	int r = kplay::register_region(major, baseminor, count, name);
	if (r < 0)
		return r;
	unsigned m = static_cast<unsigned>(r);
	auto *c = static_cast<struct cdev *>(__kmalloc(sizeof(struct cdev), 0x100u));
	c->owner = fops ? fops->owner : nullptr;
	c->ops = fops;
	cdev_add(c, MKDEV(m, baseminor), count);
	{
		std::lock_guard lk(kplay::g_mu);
		for (kplay::Region &reg : kplay::g_regions)
			if (reg.major == m && reg.baseminor == baseminor && reg.count == count)
				reg.cdev = c;
	}
	return major ? 0 : r;
}

void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count, const char *)
{
	struct cdev *c = kplay::unregister_region(major, baseminor, count);
	if (c) {
		cdev_del(c);
		kfree(c);
	}
}

} // extern "C"

KPLAY_EXPORT(register_chrdev_region);
KPLAY_EXPORT(alloc_chrdev_region);
KPLAY_EXPORT(unregister_chrdev_region);
KPLAY_EXPORT(cdev_init);
KPLAY_EXPORT(cdev_alloc);
KPLAY_EXPORT(cdev_add);
KPLAY_EXPORT(cdev_del);
KPLAY_EXPORT(__register_chrdev);
KPLAY_EXPORT(__unregister_chrdev);
