// Block devices with blk-mq (mirrors block/genhd.c, block/blk-mq.c and the
// block device file of block/fops.c). register_blkdev keeps the majors of
// /proc/devices; a disk added with add_disk becomes ROOT/dev/<name>, a
// regular file in the FUSE mount (see DESIGN.md) whose reads and writes are
// turned into requests for the driver's queue_rq, as the page cache would
// issue them: whole 512-byte sectors, a partial sector read before it is
// written (read-modify-write), at most 128 KiB per request. The caller waits
// until the driver ends each request with blk_mq_end_request. Sizes and
// errors follow blkdev_read_iter/blkdev_write_iter: a read at or past the
// end returns 0, a write there fails with ENOSPC, one crossing it is short.
// ROOT/sys/block/<name> and /proc/partitions describe the disk.
#include "kernel/block.h"

#include "kernel/init.h"
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/oops.h"
#include "kernel/sysfs.h"
#include "kernel/task.h"
#include "vfs/tree.h"

#include "linux/blk-mq.h"
#include "linux/err.h"
#include "linux/module.h"

#include <fcntl.h>
#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

extern "C" {
unsigned long _copy_to_user(void *to, const void *from, unsigned long n);
}

namespace kplay {
namespace {

constexpr unsigned kMajorHash = 255; // BLKDEV_MAJOR_HASH_SIZE
constexpr unsigned kMaxMajor = 512;  // BLKDEV_MAJOR_MAX
constexpr size_t kSector = 512;
constexpr size_t kPage = 4096;
constexpr size_t kMaxRequestBytes = 128 * 1024;
constexpr int kEnoioctlcmd = 515;

struct MajorName {
	unsigned major;
	std::string name;
};

std::mutex g_majors_mu;
std::vector<MajorName> g_majors;

// A request's completion: blk_mq_end_request wakes the submitter.
struct RqState {
	std::mutex mu;
	std::condition_variable cv;
	bool done = false;
	blk_status_t status = BLK_STS_OK;
};

// A tag set's requests, allocated once with the driver's cmd_size behind
// each (init_request runs for each, as blk_mq_alloc_rqs does).
struct TagSetRec {
	std::vector<struct request *> rqs;
	std::vector<bool> busy;
	std::mutex mu;
	std::condition_variable cv;
};

TagSetRec *set_rec(struct blk_mq_tag_set *set) { return static_cast<TagSetRec *>(set->kplay); }

struct DiskRec {
	struct gendisk *disk = nullptr;
	struct request_queue queue {};
	struct blk_mq_hw_ctx hctx {};
	struct block_device part0 {};
	std::mutex mu;               // disk state below
	std::condition_variable idle; // inflight reached 0
	int inflight = 0;
	bool added = false;
	bool dead = false;           // del_gendisk ran: I/O fails
	std::mutex dispatch_mu;      // one queue_rq at a time (one hardware queue)
	std::shared_ptr<vfs::Node> node, sysdir, blocklink, classlink;
};

std::mutex g_disks_mu;
std::vector<std::shared_ptr<DiskRec>> g_disks; // added disks, in add order

std::shared_ptr<DiskRec> rec_of(struct gendisk *disk)
{
	return disk && disk->kplay ? *static_cast<std::shared_ptr<DiskRec> *>(disk->kplay) : nullptr;
}

unsigned long long capacity_bytes(const DiskRec &d)
{
	return d.disk ? static_cast<unsigned long long>(d.disk->kplay_capacity) * kSector : 0;
}

int status_errno(blk_status_t s)
{
	switch (s) {
	case BLK_STS_OK:
		return 0;
	case BLK_STS_NOTSUPP:
		return -EOPNOTSUPP;
	case BLK_STS_TIMEOUT:
		return -ETIMEDOUT;
	case BLK_STS_NOSPC:
		return -ENOSPC;
	case BLK_STS_AGAIN:
		return -EAGAIN;
	default:
		return -EIO;
	}
}

// Runs one request of at most kMaxRequestBytes through the driver: a bio of
// page-bounded segments over buf, queue_rq, then the wait for its end.
// Busy answers (BLK_STS_RESOURCE, BLK_STS_DEV_RESOURCE) are retried as
// blk-mq reruns the queue.
int run_request(DiskRec &d, enum req_op op, uint64_t sector, char *buf, size_t bytes, vfs::Request &r)
{
	struct blk_mq_tag_set *set = d.queue.tag_set;
	TagSetRec *ts = set_rec(set);
	std::vector<struct bio_vec> vecs;
	for (size_t done = 0; done < bytes;) {
		uintptr_t a = reinterpret_cast<uintptr_t>(buf) + done;
		size_t off = a & (kPage - 1);
		size_t len = std::min(bytes - done, kPage - off);
		vecs.push_back({reinterpret_cast<struct page *>(a - off), static_cast<unsigned>(len),
				static_cast<unsigned>(off)});
		done += len;
	}
	struct bio bio {};
	bio.bi_opf = op;
	bio.bi_iter.bi_sector = sector;
	bio.bi_iter.bi_size = static_cast<unsigned>(bytes);
	bio.bi_vcnt = static_cast<unsigned short>(vecs.size());
	bio.bi_io_vec = vecs.data();

	size_t tag;
	{
		std::unique_lock lk(ts->mu);
		auto free_tag = [&] { return std::find(ts->busy.begin(), ts->busy.end(), false) != ts->busy.end(); };
		ts->cv.wait(lk, free_tag);
		tag = static_cast<size_t>(std::find(ts->busy.begin(), ts->busy.end(), false) - ts->busy.begin());
		ts->busy[tag] = true;
	}
	struct request *rq = ts->rqs[tag];
	// On the heap: a request given up on (below) may still be ended later.
	auto *statep = new RqState;
	RqState &state = *statep;
	rq->q = &d.queue;
	rq->mq_hctx = &d.hctx;
	rq->cmd_flags = op;
	rq->tag = static_cast<int>(tag);
	rq->__data_len = static_cast<unsigned>(bytes);
	rq->__sector = sector;
	rq->bio = rq->biotail = &bio;
	rq->kplay = &state;

	int err = 0;
	for (int attempt = 0;; ++attempt) {
		blk_status_t st = BLK_STS_OK;
		struct blk_mq_queue_data bd = {rq, true};
		bool ok;
		{
			std::lock_guard lk(d.dispatch_mu);
			ok = oops_guard([&] { st = set->ops->queue_rq(&d.hctx, &bd); });
		}
		if (!ok) {
			// The driver oopsed: the task is killed; the request never ends.
			if (r.pid > 0)
				::kill(r.pid, SIGKILL);
			err = -EIO;
			break;
		}
		if ((st == BLK_STS_RESOURCE || st == BLK_STS_DEV_RESOURCE) && attempt < 1000) {
			std::this_thread::sleep_for(std::chrono::milliseconds(3));
			continue;
		}
		if (st != BLK_STS_OK) {
			err = status_errno(st); // blk-mq ends the request with the status
			break;
		}
		// The caller waits uninterruptibly, as for I/O in the kernel (D
		// state), but a fatal signal or a stopping daemon gives up: the
		// request keeps its tag and (leaked) completion state, so a late
		// blk_mq_end_request is harmless; its bio is taken away.
		std::unique_lock lk(state.mu);
		while (!state.done) {
			state.cv.wait_for(lk, std::chrono::milliseconds(100));
			if (!state.done && kplay_fatal_signal_pending(&current_task()->task)) {
				_printk(KPLAY_KERN_WARNING "blk-mq: %s: a request was not ended; its caller gives up\n",
					d.disk ? d.disk->disk_name : "?");
				rq->bio = rq->biotail = nullptr;
				return -EIO;
			}
		}
		err = status_errno(state.status);
		break;
	}
	rq->kplay = nullptr;
	rq->bio = rq->biotail = nullptr;
	delete statep;
	{
		std::lock_guard lk(ts->mu);
		ts->busy[tag] = false;
	}
	ts->cv.notify_one();
	return err;
}

// Sector-aligned transfer of any length, split into requests.
int transfer(DiskRec &d, enum req_op op, uint64_t pos, char *buf, size_t bytes, vfs::Request &r)
{
	for (size_t done = 0; done < bytes;) {
		size_t n = std::min(bytes - done, kMaxRequestBytes);
		int err = run_request(d, op, (pos + done) / kSector, buf + done, n, r);
		if (err)
			return err;
		done += n;
	}
	return 0;
}

struct Bounce {
	char *p;
	explicit Bounce(size_t n) : p(static_cast<char *>(std::aligned_alloc(kPage, (n + kPage - 1) / kPage * kPage))) {}
	~Bounce() { std::free(p); }
	Bounce(const Bounce &) = delete;
	Bounce &operator=(const Bounce &) = delete;
};

// The per-open state: the mode the driver's open saw.
struct BlockOpen {
	fmode_t mode = 0;
	bool opened = false;
};

// ROOT/dev/<disk>.
class BlockNode : public vfs::FileOps {
public:
	explicit BlockNode(std::shared_ptr<DiskRec> d) : d_(std::move(d)) {}

	[[nodiscard]] off_t size() const override
	{
		std::lock_guard lk(d_->mu);
		return static_cast<off_t>(capacity_bytes(*d_));
	}

	int open(vfs::OpenFile &f, vfs::Request &r) override
	{
		auto o = std::make_shared<BlockOpen>();
		int acc = f.flags & O_ACCMODE;
		o->mode = (acc != O_WRONLY ? 1u : 0u) | (acc != O_RDONLY ? 2u : 0u) | ((f.flags & O_EXCL) ? 0x80u : 0u);
		struct gendisk *disk;
		{
			std::lock_guard lk(d_->mu);
			if (d_->dead || !d_->disk)
				return -ENXIO;
			disk = d_->disk;
			// blkdev_get: write access to a read-only disk is refused.
			if ((o->mode & 2u) && disk->kplay_read_only)
				return -EACCES;
			d_->inflight++;
		}
		int err = 0;
		struct module *owner = disk->fops ? disk->fops->owner : nullptr;
		if (!try_module_get(owner))
			err = -ENXIO;
		if (!err && disk->fops && disk->fops->open) {
			TaskScope scope(r.pid, r.uid, r.gid, &r);
			if (!oops_guard([&] { err = disk->fops->open(&d_->part0, o->mode); })) {
				if (r.pid > 0)
					::kill(r.pid, SIGKILL);
				err = -EFAULT;
			}
			if (err)
				module_put(owner);
		}
		leave();
		if (err)
			return err;
		o->opened = true;
		f.data = o;
		return 0;
	}

	void release(vfs::OpenFile &f) override
	{
		auto o = std::static_pointer_cast<BlockOpen>(f.data);
		if (!o || !o->opened)
			return;
		struct gendisk *disk;
		{
			std::lock_guard lk(d_->mu);
			disk = d_->disk;
		}
		if (!disk)
			return;
		if (disk->fops && disk->fops->release) {
			TaskScope scope(0, 0, 0);
			(void)oops_guard([&] { disk->fops->release(disk, o->mode); });
		}
		module_put(disk->fops ? disk->fops->owner : nullptr);
	}

	ssize_t read(vfs::OpenFile &, vfs::Request &r, char *buf, size_t n, off_t off) override
	{
		if (!enter())
			return -EIO;
		uint64_t size = capacity_bytes(*d_);
		ssize_t ret = 0;
		uint64_t pos = static_cast<uint64_t>(off);
		if (pos < size && n > 0) {
			n = static_cast<size_t>(std::min<uint64_t>(n, size - pos));
			uint64_t first = pos / kSector * kSector;
			uint64_t last = (pos + n + kSector - 1) / kSector * kSector;
			Bounce b(last - first);
			TaskScope scope(r.pid, r.uid, r.gid, &r);
			int err = transfer(*d_, REQ_OP_READ, first, b.p, last - first, r);
			if (err)
				ret = err;
			else {
				std::memcpy(buf, b.p + (pos - first), n);
				ret = static_cast<ssize_t>(n);
			}
		}
		leave();
		return ret;
	}

	ssize_t write(vfs::OpenFile &, vfs::Request &r, const char *buf, size_t n, off_t off) override
	{
		if (n == 0)
			return 0;
		if (!enter())
			return -EIO;
		uint64_t size = capacity_bytes(*d_);
		uint64_t pos = static_cast<uint64_t>(off);
		ssize_t ret;
		if (d_->disk->kplay_read_only) {
			ret = -EPERM; // blkdev_write_iter: bdev_read_only
		} else if (pos >= size) {
			ret = -ENOSPC;
		} else {
			n = static_cast<size_t>(std::min<uint64_t>(n, size - pos));
			uint64_t first = pos / kSector * kSector;
			uint64_t last = (pos + n + kSector - 1) / kSector * kSector;
			Bounce b(last - first);
			TaskScope scope(r.pid, r.uid, r.gid, &r);
			int err = 0;
			// Partial sectors at either end are read first, as the page
			// cache reads a block before changing part of it.
			if (pos != first)
				err = transfer(*d_, REQ_OP_READ, first, b.p, kSector, r);
			uint64_t tail = last - kSector;
			if (!err && (pos + n) % kSector && (tail != first || pos == first))
				err = transfer(*d_, REQ_OP_READ, tail, b.p + (tail - first), kSector, r);
			if (!err) {
				std::memcpy(b.p + (pos - first), buf, n);
				err = transfer(*d_, REQ_OP_WRITE, first, b.p, last - first, r);
			}
			ret = err ? err : static_cast<ssize_t>(n);
		}
		leave();
		return ret;
	}

	long ioctl(vfs::OpenFile &f, vfs::Request &r, unsigned int cmd, unsigned long arg, void *, size_t) override
	{
		if (!enter())
			return -EIO;
		TaskScope scope(r.pid, r.uid, r.gid, &r);
		long ret = generic_ioctl(cmd, arg);
		if (ret == -kEnoioctlcmd) {
			struct gendisk *disk = d_->disk;
			auto o = std::static_pointer_cast<BlockOpen>(f.data);
			ret = -ENOTTY;
			if (disk->fops && disk->fops->ioctl) {
				int v = 0;
				if (!oops_guard([&] { v = disk->fops->ioctl(&d_->part0, o ? o->mode : 0, cmd, arg); })) {
					if (r.pid > 0)
						::kill(r.pid, SIGKILL);
					v = -EFAULT;
				}
				ret = v == -kEnoioctlcmd ? -ENOTTY : v;
			}
		}
		leave();
		return ret;
	}

private:
	bool enter()
	{
		std::lock_guard lk(d_->mu);
		if (d_->dead || !d_->disk)
			return false;
		d_->inflight++;
		return true;
	}

	void leave()
	{
		std::lock_guard lk(d_->mu);
		if (--d_->inflight == 0)
			d_->idle.notify_all();
	}

	template <typename T> long put(unsigned long arg, T v)
	{
		return _copy_to_user(reinterpret_cast<void *>(arg), &v, sizeof v) ? -EFAULT : 0;
	}

	// blkdev_common_ioctl's size queries (block/ioctl.c).
	long generic_ioctl(unsigned int cmd, unsigned long arg)
	{
		struct request_queue *q = &d_->queue;
		uint64_t bytes = capacity_bytes(*d_);
		switch (cmd) {
		case 0x1260: // BLKGETSIZE: sectors, as a long
			return put<unsigned long>(arg, bytes / kSector);
		case 0x80081272: // BLKGETSIZE64
			return put<uint64_t>(arg, bytes);
		case 0x1268: // BLKSSZGET
			return put<int>(arg, static_cast<int>(q->limits.logical_block_size));
		case 0x127b: // BLKPBSZGET
			return put<unsigned int>(arg, q->limits.physical_block_size);
		case 0x125e: // BLKROGET
			return put<int>(arg, d_->disk->kplay_read_only ? 1 : 0);
		case 0x1261: // BLKFLSBUF: nothing is cached
			return 0;
		default:
			return -kEnoioctlcmd;
		}
	}

	std::shared_ptr<DiskRec> d_;
};

std::string u32_line(unsigned long long v) { return std::to_string(v) + "\n"; }

void add_ro_attr(const std::shared_ptr<vfs::Node> &dir, const char *name, std::function<std::string()> gen)
{
	sysfs_add_attr(dir, name, 0444, [gen = std::move(gen)](std::string *out) {
		*out = gen();
		return static_cast<ssize_t>(out->size());
	}, nullptr);
}

// ROOT/sys/devices/virtual/block/<name> (what disk_attrs and queue_attrs show).
void add_sysfs(const std::shared_ptr<DiskRec> &d)
{
	vfs::Tree &sys = vfs::sys_tree();
	struct gendisk *disk = d->disk;
	std::string name = disk->disk_name;
	auto dir = sys.add_dir(sys.make_dirs("devices/virtual/block"), name, 0755);
	if (!dir)
		return;
	d->sysdir = dir;
	std::weak_ptr<DiskRec> w = d;
	auto cap = [w] {
		auto r = w.lock();
		if (!r)
			return std::string("0\n");
		std::lock_guard lk(r->mu);
		return u32_line(r->disk ? r->disk->kplay_capacity : 0);
	};
	std::string devstr = std::to_string(disk->major) + ":" + std::to_string(disk->first_minor) + "\n";
	add_ro_attr(dir, "dev", [devstr] { return devstr; });
	add_ro_attr(dir, "size", cap);
	add_ro_attr(dir, "ro", [w] {
		auto r = w.lock();
		return std::string(r && r->disk && r->disk->kplay_read_only ? "1\n" : "0\n");
	});
	add_ro_attr(dir, "removable", [w] {
		auto r = w.lock();
		return std::string(r && r->disk && (r->disk->flags & GENHD_FL_REMOVABLE) ? "1\n" : "0\n");
	});
	add_ro_attr(dir, "range", [minors = disk->minors] { return u32_line(static_cast<unsigned>(minors)); });
	std::string uevent = "MAJOR=" + std::to_string(disk->major) + "\nMINOR=" + std::to_string(disk->first_minor) +
			     "\nDEVNAME=" + name + "\nDEVTYPE=disk\n";
	sysfs_add_attr(dir, "uevent", 0644, [uevent](std::string *out) {
		*out = uevent;
		return static_cast<ssize_t>(out->size());
	}, [](const char *, size_t len) { return static_cast<ssize_t>(len); });
	auto q = sys.add_dir(dir, "queue", 0755);
	auto limit = [w](unsigned queue_limits::*field, unsigned div) {
		return [w, field, div] {
			auto r = w.lock();
			return u32_line(r ? (r->queue.limits.*field) / div : 0);
		};
	};
	add_ro_attr(q, "logical_block_size", limit(&queue_limits::logical_block_size, 1));
	add_ro_attr(q, "hw_sector_size", limit(&queue_limits::logical_block_size, 1));
	add_ro_attr(q, "physical_block_size", limit(&queue_limits::physical_block_size, 1));
	add_ro_attr(q, "max_hw_sectors_kb", limit(&queue_limits::max_hw_sectors, 2));
	add_ro_attr(q, "max_sectors_kb", limit(&queue_limits::max_sectors, 2));
	d->blocklink = sys.add_symlink(sys.make_dirs("block"), name, "../devices/virtual/block/" + name);
	d->classlink = sys.add_symlink(sys.make_dirs("class/block"), name, "../../devices/virtual/block/" + name);
}

// /proc/partitions (block/genhd.c: show_partition).
std::string proc_partitions_text()
{
	std::lock_guard lk(g_disks_mu);
	std::string out;
	for (const auto &d : g_disks) {
		std::lock_guard dl(d->mu);
		if (!d->disk || !d->disk->kplay_capacity || (d->disk->flags & GENHD_FL_HIDDEN))
			continue;
		if (out.empty())
			out = "major minor  #blocks  name\n\n";
		char line[128];
		std::snprintf(line, sizeof line, "%4d  %7d %10llu %s\n", d->disk->major, d->disk->first_minor,
			      static_cast<unsigned long long>(d->disk->kplay_capacity >> 1), d->disk->disk_name);
		out += line;
	}
	return out;
}

} // namespace

std::string proc_block_devices_text()
{
	std::vector<MajorName> v;
	{
		std::lock_guard lk(g_majors_mu);
		v = g_majors;
	}
	std::stable_sort(v.begin(), v.end(), [](const MajorName &a, const MajorName &b) { return a.major < b.major; });
	std::string out;
	for (const MajorName &m : v) {
		char line[96];
		std::snprintf(line, sizeof line, "%3u %s\n", m.major, m.name.c_str());
		out += line;
	}
	return out;
}

void block_init()
{
	vfs::sys_tree().make_dirs("block");
	vfs::sys_tree().make_dirs("class/block");
	vfs::proc_tree().add_file(vfs::proc_tree().root(), "partitions", 0444,
				  std::make_shared<vfs::SnapshotFile>(proc_partitions_text));
}

} // namespace kplay

using kplay::DiskRec;

extern "C" {

// block/genhd.c: __register_blkdev. Major 0 takes the highest free hash
// slot below 255; names are kept per major for /proc/devices.
int __register_blkdev(unsigned int major, const char *name, void (*)(__kernel_dev_t))
{
	std::lock_guard lk(kplay::g_majors_mu);
	if (major == 0) {
		unsigned index;
		for (index = kplay::kMajorHash - 1; index > 0; index--) {
			bool used = false;
			for (const auto &m : kplay::g_majors)
				if (m.major % kplay::kMajorHash == index)
					used = true;
			if (!used)
				break;
		}
		if (index == 0) {
			_printk("%s: failed to get major for %s\n", "__register_blkdev", name);
			return -EBUSY;
		}
		kplay::g_majors.push_back({index, name ? name : ""});
		return static_cast<int>(index);
	}
	if (major >= kplay::kMaxMajor) {
		_printk(KPLAY_KERN_ERR "%s: major requested (%u) is greater than the maximum (%u) for %s\n",
			"__register_blkdev", major, kplay::kMaxMajor - 1, name);
		return -EINVAL;
	}
	for (const auto &m : kplay::g_majors)
		if (m.major == major) {
			_printk(KPLAY_KERN_ERR "register_blkdev: cannot get major %u for %s\n", major, name);
			return -EBUSY;
		}
	kplay::g_majors.push_back({major, name ? name : ""});
	return 0;
}

void unregister_blkdev(unsigned int major, const char *name)
{
	std::lock_guard lk(kplay::g_majors_mu);
	for (auto it = kplay::g_majors.begin(); it != kplay::g_majors.end(); ++it) {
		if (it->major == major && it->name == (name ? name : "")) {
			kplay::g_majors.erase(it);
			return;
		}
	}
	// WARN_ON: the name does not match the major.
	_printk(KPLAY_KERN_WARNING "unregister_blkdev: major %u not registered as %s\n", major, name ? name : "");
}

int blk_mq_alloc_tag_set(struct blk_mq_tag_set *set)
{
	if (!set->nr_hw_queues || !set->queue_depth || !set->ops || !set->ops->queue_rq)
		return -EINVAL;
	unsigned depth = std::min(set->queue_depth, 256u); // a few requests suffice: callers wait for each
	auto *ts = new kplay::TagSetRec;
	for (unsigned i = 0; i < depth; i++) {
		auto *rq = static_cast<struct request *>(
			__kmalloc(sizeof(struct request) + set->cmd_size, 0x100u /* __GFP_ZERO */));
		if (!rq)
			break;
		rq->tag = static_cast<int>(i);
		if (set->ops->init_request) {
			int err = 0;
			if (!kplay::oops_guard([&] { err = set->ops->init_request(set, rq, 0, 0); }))
				err = -EFAULT;
			if (err) {
				kfree(rq);
				for (struct request *o : ts->rqs) {
					if (set->ops->exit_request)
						set->ops->exit_request(set, o, 0);
					kfree(o);
				}
				delete ts;
				return err;
			}
		}
		ts->rqs.push_back(rq);
	}
	if (ts->rqs.empty()) {
		delete ts;
		return -ENOMEM;
	}
	ts->busy.assign(ts->rqs.size(), false);
	set->kplay = ts;
	return 0;
}

int blk_mq_alloc_sq_tag_set(struct blk_mq_tag_set *set, const struct blk_mq_ops *ops, unsigned int queue_depth,
			    unsigned int set_flags)
{
	std::memset(set, 0, sizeof *set);
	set->ops = ops;
	set->nr_hw_queues = 1;
	set->nr_maps = 1;
	set->queue_depth = queue_depth;
	set->numa_node = -1;
	set->flags = set_flags;
	return blk_mq_alloc_tag_set(set);
}

void blk_mq_free_tag_set(struct blk_mq_tag_set *set)
{
	kplay::TagSetRec *ts = kplay::set_rec(set);
	if (!ts)
		return;
	for (struct request *rq : ts->rqs) {
		if (set->ops->exit_request)
			(void)kplay::oops_guard([&] { set->ops->exit_request(set, rq, 0); });
		kfree(rq);
	}
	delete ts;
	set->kplay = nullptr;
}

struct gendisk *__blk_mq_alloc_disk(struct blk_mq_tag_set *set, void *queuedata, struct lock_class_key *)
{
	if (!set || !kplay::set_rec(set))
		return static_cast<struct gendisk *>(ERR_PTR(-EINVAL));
	auto d = std::make_shared<DiskRec>();
	auto *disk = static_cast<struct gendisk *>(__kmalloc(sizeof(struct gendisk), 0x100u));
	if (!disk)
		return static_cast<struct gendisk *>(ERR_PTR(-ENOMEM));
	d->disk = disk;
	d->queue.queuedata = queuedata;
	d->queue.tag_set = set;
	d->queue.disk = disk;
	d->queue.limits = {512, 512, 255, 255, 128, 65536}; // blk_set_default_limits
	d->hctx.queue = &d->queue;
	d->hctx.queue_num = 0;
	d->hctx.kplay_set = set;
	d->part0.bd_disk = disk;
	disk->queue = &d->queue;
	disk->part0 = &d->part0;
	disk->kplay = new std::shared_ptr<DiskRec>(d);
	if (set->ops->init_hctx) {
		int err = 0;
		if (!kplay::oops_guard([&] { err = set->ops->init_hctx(&d->hctx, set->driver_data, 0); }))
			err = -EFAULT;
		if (err) {
			delete static_cast<std::shared_ptr<DiskRec> *>(disk->kplay);
			kfree(disk);
			return static_cast<struct gendisk *>(ERR_PTR(err));
		}
	}
	return disk;
}

int device_add_disk(struct device *, struct gendisk *disk, const struct attribute_group **)
{
	auto d = kplay::rec_of(disk);
	if (!d || d->added)
		return -EINVAL;
	if (!disk->major || disk->minors < 1 || disk->minors > 256)
		return -EINVAL; // kplay has no extended dynamic devt
	d->part0.bd_dev = MKDEV(static_cast<unsigned>(disk->major), static_cast<unsigned>(disk->first_minor));
	int err = 0;
	// devtmpfs: the node of a disk is root's, mode 0660... 0600 without udev.
	auto node = kplay::vfs::dev_tree().add_file(kplay::vfs::dev_tree().root(), disk->disk_name, 0600,
						    std::make_shared<kplay::BlockNode>(d), &err);
	if (!node)
		return err;
	d->node = node;
	d->added = true;
	kplay::add_sysfs(d);
	std::lock_guard lk(kplay::g_disks_mu);
	kplay::g_disks.push_back(d);
	return 0;
}

void del_gendisk(struct gendisk *disk)
{
	auto d = kplay::rec_of(disk);
	if (!d || !d->added)
		return;
	{
		std::unique_lock lk(d->mu);
		d->dead = true;
		d->idle.wait(lk, [&] { return d->inflight == 0; });
	}
	kplay::vfs::Tree &sys = kplay::vfs::sys_tree();
	for (auto *n : {&d->blocklink, &d->classlink, &d->sysdir})
		if (*n) {
			sys.remove(*n);
			n->reset();
		}
	if (d->node) {
		kplay::vfs::dev_tree().remove(d->node);
		d->node.reset();
	}
	std::lock_guard lk(kplay::g_disks_mu);
	std::erase(kplay::g_disks, d);
	d->added = false;
}

void put_disk(struct gendisk *disk)
{
	if (!disk)
		return;
	auto *holder = static_cast<std::shared_ptr<DiskRec> *>(disk->kplay);
	if (holder) {
		auto d = *holder;
		struct blk_mq_tag_set *set = d->queue.tag_set;
		if (set && set->ops && set->ops->exit_hctx)
			(void)kplay::oops_guard([&] { set->ops->exit_hctx(&d->hctx, 0); });
		std::lock_guard lk(d->mu);
		d->dead = true;
		d->disk = nullptr;
		delete holder;
	}
	kfree(disk);
}

void set_capacity(struct gendisk *disk, sector_t size)
{
	auto d = kplay::rec_of(disk);
	if (d) {
		std::lock_guard lk(d->mu);
		disk->kplay_capacity = size;
	} else {
		disk->kplay_capacity = size;
	}
	if (d && d->node)
		kplay::vfs::dev_tree().touch(d->node);
}

bool set_capacity_and_notify(struct gendisk *disk, sector_t size)
{
	sector_t old = get_capacity(disk);
	set_capacity(disk, size);
	if (old == size || !kplay::rec_of(disk) || !kplay::rec_of(disk)->added)
		return false;
	_printk(KPLAY_KERN_INFO "%s: detected capacity change from %llu to %llu\n", disk->disk_name,
		static_cast<unsigned long long>(old), static_cast<unsigned long long>(size));
	return true;
}

void set_disk_ro(struct gendisk *disk, bool read_only)
{
	disk->kplay_read_only = read_only;
}

void blk_queue_logical_block_size(struct request_queue *q, unsigned int size)
{
	q->limits.logical_block_size = size;
	if (q->limits.physical_block_size < size)
		q->limits.physical_block_size = size;
}

void blk_queue_physical_block_size(struct request_queue *q, unsigned int size)
{
	q->limits.physical_block_size = std::max(size, q->limits.logical_block_size);
}

void blk_queue_max_hw_sectors(struct request_queue *q, unsigned int max_hw_sectors)
{
	q->limits.max_hw_sectors = max_hw_sectors;
	q->limits.max_sectors = std::min(max_hw_sectors, 2560u); // BLK_DEF_MAX_SECTORS
}

void blk_mq_start_request(struct request *) {}

void __blk_mq_end_request(struct request *rq, blk_status_t error)
{
	auto *st = static_cast<kplay::RqState *>(rq->kplay);
	if (!st)
		return;
	{
		std::lock_guard lk(st->mu);
		st->status = error;
		st->done = true;
	}
	st->cv.notify_all();
}

void blk_mq_end_request(struct request *rq, blk_status_t error)
{
	__blk_mq_end_request(rq, error);
}

// Without a softirq hop: the driver's complete callback runs at once.
void blk_mq_complete_request(struct request *rq)
{
	const struct blk_mq_ops *ops = rq->q && rq->q->tag_set ? rq->q->tag_set->ops : nullptr;
	if (ops && ops->complete)
		ops->complete(rq);
	else
		__blk_mq_end_request(rq, BLK_STS_OK);
}

} // extern "C"

KPLAY_EXPORT(__register_blkdev);
KPLAY_EXPORT(unregister_blkdev);
KPLAY_EXPORT(blk_mq_alloc_tag_set);
KPLAY_EXPORT(blk_mq_alloc_sq_tag_set);
KPLAY_EXPORT(blk_mq_free_tag_set);
KPLAY_EXPORT(__blk_mq_alloc_disk);
KPLAY_EXPORT(device_add_disk);
KPLAY_EXPORT(del_gendisk);
KPLAY_EXPORT(put_disk);
KPLAY_EXPORT(set_capacity);
KPLAY_EXPORT(set_capacity_and_notify);
KPLAY_EXPORT(set_disk_ro);
KPLAY_EXPORT(blk_queue_logical_block_size);
KPLAY_EXPORT(blk_queue_physical_block_size);
KPLAY_EXPORT(blk_queue_max_hw_sectors);
KPLAY_EXPORT(blk_mq_start_request);
KPLAY_EXPORT(blk_mq_end_request);
KPLAY_EXPORT(__blk_mq_end_request);
KPLAY_EXPORT(blk_mq_complete_request);
