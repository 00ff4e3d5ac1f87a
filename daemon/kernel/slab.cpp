// Memory allocation (mirrors mm/slab_common.c, mm/vmalloc.c, mm/page_alloc.c
// semantics): kmalloc with ZERO_SIZE_PTR for size 0, kmem caches listed in
// /proc/slabinfo, whole pages, vmalloc. Every allocation remembers the code
// address that asked for it, so a module that leaves memory allocated at
// rmmod is named in the log (as kmemleak would later report it).
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/init.h"
#include "kernel/sysfs.h"
#include "kernel/vsprintf.h"
#include "kernel/task.h"
#include "kernel/sanitizer.h"
#include "vfs/tree.h"

#include "linux/gfp.h"

#include <malloc.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <functional>
#include <memory>
#include <thread>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

namespace {

constexpr unsigned kGfpZero = 0x100u;
void *const kZeroSizePtr = reinterpret_cast<void *>(16);

bool zero_or_null(const void *p) { return reinterpret_cast<uintptr_t>(p) <= 16; }

// The size of the kmalloc cache (or page block) a request lands in (SLUB):
// what ksize() reports and how far krealloc can grow in place.
size_t kmalloc_size_class(size_t size)
{
	static const size_t classes[] = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};
	for (size_t c : classes)
		if (size <= c)
			return c;
	size_t pages = 4096;
	while (pages < size)
		pages <<= 1;
	return pages;
}


// KASAN's view of a kmalloc object in an ASan build: the bytes past the
// requested size up to the size class are poisoned (an access there is a
// slab-out-of-bounds report, although SLUB has them), ksize() unpoisons them
// (the caller may use them then), and a freed object goes through ASan's
// quarantine, so a use after free is reported.
void poison(const void *p, size_t n)
{
#if defined(__SANITIZE_ADDRESS__)
	if (n)
		ASAN_POISON_MEMORY_REGION(p, n);
#else
	(void)p, (void)n;
#endif
}

void unpoison(const void *p, size_t n)
{
#if defined(__SANITIZE_ADDRESS__)
	ASAN_UNPOISON_MEMORY_REGION(p, n);
#else
	(void)p, (void)n;
#endif
}

struct Alloc {
	size_t size;
	uintptr_t caller;
	size_t room; // bytes really allocated (the size class, or the aligned size)
};

std::mutex g_mu;
std::unordered_map<const void *, Alloc> g_allocs;

void *track(void *p, size_t size, const void *caller, size_t room)
{
	if (p && !zero_or_null(p)) {
		std::lock_guard lk(g_mu);
		g_allocs[p] = {size, reinterpret_cast<uintptr_t>(caller), room};
	}
	return p;
}

// false: p is not a live allocation (a double or invalid free).
bool untrack(const void *p)
{
	std::lock_guard lk(g_mu);
	return g_allocs.erase(p) != 0;
}

void *alloc(size_t size, unsigned flags, const void *caller, size_t align = 0)
{
	if (size == 0)
		return kZeroSizePtr;
	void *p;
	size_t room;
	if (align) {
		room = (size + align - 1) / align * align;
		p = std::aligned_alloc(align, room);
		if (p && (flags & kGfpZero))
			std::memset(p, 0, size);
	} else {
		// Room for the whole size class, so krealloc can grow in place.
		room = kmalloc_size_class(size);
		p = (flags & kGfpZero) ? std::calloc(1, room) : std::malloc(room);
	}
	if (p)
		poison(static_cast<char *>(p) + size, room - size);
	return track(p, size, caller, room);
}

void release(const void *p, const void *caller)
{
	if (zero_or_null(p))
		return;
	if (!untrack(p)) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
		// Handing it to free() would stop the daemon (the sanitizers'
		// double-free report is fatal): reported as KASAN does, and the
		// daemon goes on.
		kplay::kasan_report_invalid_free(p, reinterpret_cast<uintptr_t>(caller));
		return;
#else
		(void)caller;
#endif
	}
	std::free(const_cast<void *>(p));
}

} // namespace

struct kmem_cache {
	std::string name;
	unsigned int size;
	unsigned int align;
	void (*ctor)(void *);
	size_t active = 0;
	unsigned int flags = 0;
	std::shared_ptr<kplay::vfs::Node> sysfs_dir; // /sys/kernel/slab/<name>
};

namespace {

std::mutex g_caches_mu;
std::map<std::string, kmem_cache *> g_caches;

// /proc/slabinfo, version 2.1 columns (the tunables and slab data are not modelled).
std::string slabinfo_text()
{
	std::string out = "slabinfo - version: 2.1\n"
			  "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables "
			  "<limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n";
	std::lock_guard lk(g_caches_mu);
	for (auto &[name, c] : g_caches) {
		char line[256];
		unsigned per = c->size ? static_cast<unsigned>(4096 / c->size) : 0;
		std::snprintf(line, sizeof line, "%-17s %6zu %6zu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6zu %6zu %6u\n",
			      name.c_str(), c->active, c->active, c->size, per ? per : 1, 1, 0, 0, 0,
			      per ? (c->active + per - 1) / per : c->active, per ? (c->active + per - 1) / per : c->active, 0);
		out += line;
	}
	return out;
}

// SLUB's layout of a cache without debugging (mm/slub.c: calculate_sizes,
// calculate_alignment, calculate_order), for /sys/kernel/slab/<name>.
struct SlubLayout {
	unsigned int align;
	unsigned int size; // slab_size: object, free pointer, padding
	unsigned int order;
	unsigned int objs_per_slab;
};

constexpr unsigned kSlabHwcacheAlign = 0x2000u, kSlabCacheDma = 0x4000u, kSlabReclaimAccount = 0x20000u,
		   kSlabTypesafeByRcu = 0x80000u;

SlubLayout slub_layout(unsigned int object_size, unsigned int align, unsigned int flags, bool has_ctor)
{
	constexpr unsigned kPage = 4096, kLine = 64, kMaxOrder = 3;
	SlubLayout l{};
	if (flags & kSlabHwcacheAlign) {
		unsigned ralign = kLine;
		while (object_size <= ralign / 2)
			ralign /= 2;
		align = std::max(align, ralign);
	}
	align = std::max(align, 8u);
	l.align = (align + 7) & ~7u;
	unsigned size = (object_size + 7) & ~7u;
	// The free pointer goes after the object when the object must stay
	// intact while free (a constructor, RCU type safety); else inside it.
	if (has_ctor || (flags & kSlabTypesafeByRcu))
		size += 8;
	size = (size + l.align - 1) / l.align * l.align;
	l.size = size;
	unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
	unsigned fls = 0;
	while ((cpus >> fls) != 0)
		++fls;
	auto slab_order = [&](unsigned min_objects, unsigned fract) {
		unsigned order = 0;
		while ((kPage << order) < min_objects * size)
			++order;
		for (; order <= kMaxOrder; ++order) {
			unsigned slab = kPage << order;
			if (slab % size <= slab / fract)
				break;
		}
		return order;
	};
	unsigned min_objects = std::min(4 * (fls + 1), (kPage << kMaxOrder) / size);
	l.order = kMaxOrder + 1;
	for (; min_objects > 1 && l.order > kMaxOrder; --min_objects)
		for (unsigned fract = 16; fract >= 4 && l.order > kMaxOrder; fract /= 2)
			l.order = slab_order(min_objects, fract);
	if (l.order > kMaxOrder)
		l.order = std::min(slab_order(1, 1), kMaxOrder);
	l.objs_per_slab = (kPage << l.order) / size;
	return l;
}

// A cache's attribute, read by name under the lock (the cache may be
// destroyed while its file is open: then the read fails with ENODEV).
void add_slab_attr(const std::shared_ptr<kplay::vfs::Node> &dir, const std::string &cache, const char *attr,
		   std::function<std::string(const kmem_cache &)> show)
{
	kplay::sysfs_add_attr(dir, attr, 0444,
			      [cache, show](std::string *out) -> ssize_t {
				      std::lock_guard lk(g_caches_mu);
				      auto it = g_caches.find(cache);
				      if (it == g_caches.end())
					      return -ENODEV;
				      *out = show(*it->second);
				      return static_cast<ssize_t>(out->size());
			      },
			      nullptr);
}

// /sys/kernel/slab/<name>: the attributes SLUB shows that kplay models
// (not the per-CPU and partial-slab statistics, nor the shrink and validate
// actions).
void slab_sysfs_add(kmem_cache *c)
{
	auto &sys = kplay::vfs::sys_tree();
	auto top = sys.make_dirs("kernel/slab");
	c->sysfs_dir = sys.add_dir(top, c->name, 0755);
	if (!c->sysfs_dir)
		return;
	auto num = [](unsigned long v) { return std::to_string(v) + "\n"; };
	// show_slab_objects: the total, then per NUMA node when not zero.
	auto per_node = [](unsigned long v) { return std::to_string(v) + (v ? " N0=" + std::to_string(v) : "") + "\n"; };
	auto layout = [](const kmem_cache &k) { return slub_layout(k.size, k.align, k.flags, k.ctor != nullptr); };
	auto slabs = [layout](const kmem_cache &k) {
		unsigned per = layout(k).objs_per_slab;
		return (k.active + per - 1) / per;
	};
	const std::string &n = c->name;
	auto dir = c->sysfs_dir;
	add_slab_attr(dir, n, "aliases", [num](const kmem_cache &) { return num(0); });
	add_slab_attr(dir, n, "align", [num, layout](const kmem_cache &k) { return num(layout(k).align); });
	add_slab_attr(dir, n, "cache_dma", [num](const kmem_cache &k) { return num(!!(k.flags & kSlabCacheDma)); });
	add_slab_attr(dir, n, "ctor", [](const kmem_cache &k) {
		return k.ctor ? kplay::kernel_format("%pS", reinterpret_cast<void *>(k.ctor)) + "\n" : std::string();
	});
	add_slab_attr(dir, n, "destroy_by_rcu",
		      [num](const kmem_cache &k) { return num(!!(k.flags & kSlabTypesafeByRcu)); });
	add_slab_attr(dir, n, "hwcache_align", [num](const kmem_cache &k) { return num(!!(k.flags & kSlabHwcacheAlign)); });
	add_slab_attr(dir, n, "object_size", [num](const kmem_cache &k) { return num(k.size); });
	// SLUB counts the free objects of a CPU's active slab as in use: with
	// every slab active or full, objects == total_objects.
	add_slab_attr(dir, n, "objects", [per_node, slabs, layout](const kmem_cache &k) {
		return per_node(slabs(k) * layout(k).objs_per_slab);
	});
	add_slab_attr(dir, n, "objs_per_slab", [num, layout](const kmem_cache &k) { return num(layout(k).objs_per_slab); });
	add_slab_attr(dir, n, "order", [num, layout](const kmem_cache &k) { return num(layout(k).order); });
	add_slab_attr(dir, n, "reclaim_account",
		      [num](const kmem_cache &k) { return num(!!(k.flags & kSlabReclaimAccount)); });
	add_slab_attr(dir, n, "slab_size", [num, layout](const kmem_cache &k) { return num(layout(k).size); });
	add_slab_attr(dir, n, "slabs", [per_node, slabs](const kmem_cache &k) { return per_node(slabs(k)); });
	add_slab_attr(dir, n, "total_objects", [per_node, slabs, layout](const kmem_cache &k) {
		return per_node(slabs(k) * layout(k).objs_per_slab);
	});
	add_slab_attr(dir, n, "usersize", [num](const kmem_cache &) { return num(0); });
	// kplay runs no SLUB debugging (no slub_debug=): these flags are off.
	for (const char *flag : {"poison", "red_zone", "sanity_checks", "store_user", "trace"})
		add_slab_attr(dir, n, flag, [num](const kmem_cache &) { return num(0); });
	// set_min_partial and set_cpu_partial's defaults for the slab size.
	add_slab_attr(dir, n, "min_partial", [num, layout](const kmem_cache &k) {
		unsigned size = layout(k).size, log = 0;
		while ((size >> (log + 1)) != 0)
			++log;
		return num(std::clamp(log / 2, 5u, 10u));
	});
	add_slab_attr(dir, n, "cpu_partial", [num, layout](const kmem_cache &k) {
		unsigned size = layout(k).size;
		return num(size >= 4096 ? 6 : size >= 1024 ? 24 : size >= 256 ? 52 : 120);
	});
}

} // namespace

namespace kplay {

int leaked_allocations(uintptr_t lo, uintptr_t hi, size_t *bytes)
{
	std::lock_guard lk(g_mu);
	int n = 0;
	*bytes = 0;
	for (auto &[p, a] : g_allocs) {
		if (a.caller >= lo && a.caller < hi) {
			++n;
			*bytes += a.size;
		}
	}
	return n;
}

bool kmalloc_object_of(uintptr_t addr, uintptr_t *start, size_t *size, size_t *room, size_t slack)
{
	std::lock_guard lk(g_mu);
	for (auto &[p, a] : g_allocs) {
		auto s = reinterpret_cast<uintptr_t>(p);
		if (addr >= s && addr < s + a.room + slack) {
			*start = s;
			*size = a.size;
			*room = a.room;
			return true;
		}
	}
	return false;
}

void slab_init()
{
	vfs::proc_tree().add_file(vfs::proc_tree().root(), "slabinfo", 0400,
				  std::make_shared<vfs::SnapshotFile>(slabinfo_text));
	vfs::sys_tree().make_dirs("kernel/slab");
}

// might_alloc (include/linux/sched/mm.h): an allocation that may reclaim may sleep.
void might_alloc(unsigned int flags)
{
	if (flags & __GFP_DIRECT_RECLAIM)
		might_sleep_check("include/linux/sched/mm.h:274");
}

} // namespace kplay

extern "C" {

void *__kmalloc(size_t size, unsigned int flags)
{
	kplay::might_alloc(flags);
	return alloc(size, flags, __builtin_return_address(0));
}

void kfree(const void *p)
{
	release(p, __builtin_return_address(0));
}

void kfree_sensitive(const void *p)
{
	if (zero_or_null(p))
		return;
	size_t n = malloc_usable_size(const_cast<void *>(p));
	unpoison(p, n);
	explicit_bzero(const_cast<void *>(p), n);
	release(p, __builtin_return_address(0));
}

} // extern "C"

namespace {

size_t tracked_size(const void *p, size_t *room = nullptr)
{
	std::lock_guard lk(g_mu);
	auto it = g_allocs.find(p);
	size_t n = it == g_allocs.end() ? malloc_usable_size(const_cast<void *>(p)) : it->second.size;
	if (room)
		*room = it == g_allocs.end() ? n : it->second.room;
	return n;
}

} // namespace

extern "C" {

size_t ksize(const void *p)
{
	if (zero_or_null(p))
		return 0;
	// The whole object is the caller's now (KASAN unpoisons it too). An
	// aligned cache object may be smaller than the size class.
	size_t room;
	size_t n = std::min(kmalloc_size_class(tracked_size(p, &room)), room);
	unpoison(p, n);
	return n;
}

void *krealloc(const void *p, size_t new_size, unsigned int flags)
{
	const void *caller = __builtin_return_address(0);
	if (new_size == 0) {
		release(p, caller);
		return kZeroSizePtr;
	}
	if (zero_or_null(p))
		return alloc(new_size, flags, caller);
	// Within the block's size class the block is kept, as SLUB does.
	size_t old = tracked_size(p);
	size_t cls = kmalloc_size_class(old);
	if (new_size <= cls) {
		// KASAN: the object is now new_size bytes long; the rest is poisoned.
		unpoison(p, new_size);
		poison(static_cast<const char *>(p) + new_size, cls - new_size);
		if ((flags & kGfpZero) && new_size > old)
			std::memset(static_cast<char *>(const_cast<void *>(p)) + old, 0, new_size - old);
		track(const_cast<void *>(p), std::max(old, new_size), caller, cls);
		return const_cast<void *>(p);
	}
	void *q = alloc(new_size, flags, caller);
	if (!q)
		return nullptr;
	// The whole old block moves, as __do_krealloc copies ksize() bytes.
	unpoison(p, cls);
	unpoison(q, std::min(cls, new_size));
	std::memcpy(q, p, std::min(cls, new_size));
	poison(static_cast<char *>(q) + new_size, kmalloc_size_class(new_size) - new_size);
	release(p, caller);
	return q;
}

void *vmalloc(unsigned long size)
{
	return alloc(size, 0, __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return alloc(size, kGfpZero, __builtin_return_address(0));
}

void vfree(const void *addr)
{
	release(addr, __builtin_return_address(0));
}

void *kvmalloc_node(size_t size, unsigned int flags, int)
{
	return alloc(size, flags, __builtin_return_address(0));
}

void kvfree(const void *addr)
{
	release(addr, __builtin_return_address(0));
}

unsigned long __get_free_pages(unsigned int gfp_mask, unsigned int order)
{
	return reinterpret_cast<unsigned long>(alloc(4096UL << order, gfp_mask, __builtin_return_address(0), 4096));
}

unsigned long get_zeroed_page(unsigned int gfp_mask)
{
	return reinterpret_cast<unsigned long>(alloc(4096, gfp_mask | kGfpZero, __builtin_return_address(0), 4096));
}

void free_pages(unsigned long addr, unsigned int)
{
	if (addr)
		release(reinterpret_cast<void *>(addr), __builtin_return_address(0));
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align, unsigned int flags,
				     void (*ctor)(void *))
{
	kmem_cache *c;
	{
		std::lock_guard lk(g_caches_mu);
		if (!name || g_caches.count(name)) {
			_printk(KPLAY_KERN_ERR "kmem_cache_create(%s) failed with error -17\n", name ? name : "");
			return nullptr;
		}
		c = new kmem_cache;
		c->name = name;
		c->size = size;
		c->align = align;
		c->ctor = ctor;
		c->flags = flags;
		g_caches[name] = c;
	}
	slab_sysfs_add(c);
	return c;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	if (s->sysfs_dir)
		kplay::vfs::sys_tree().remove(s->sysfs_dir);
	std::lock_guard lk(g_caches_mu);
	if (s->active)
		_printk(KPLAY_KERN_ERR "kmem_cache_destroy %s: Slab cache still has objects when called from %s\n",
			s->name.c_str(), "kmem_cache_destroy");
	g_caches.erase(s->name);
	delete s;
}

void *kmem_cache_alloc(struct kmem_cache *s, unsigned int flags)
{
	kplay::might_alloc(flags);
	void *p = alloc(s->size, flags, __builtin_return_address(0), s->align > 16 ? s->align : 0);
	if (p && s->ctor)
		s->ctor(p);
	if (p) {
		std::lock_guard lk(g_caches_mu);
		s->active++;
	}
	return p;
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	if (!objp)
		return;
	release(objp, __builtin_return_address(0));
	std::lock_guard lk(g_caches_mu);
	s->active--;
}

} // extern "C"

KPLAY_EXPORT(__kmalloc);
KPLAY_EXPORT(kfree);
KPLAY_EXPORT(kfree_sensitive);
KPLAY_EXPORT(ksize);
KPLAY_EXPORT(krealloc);
KPLAY_EXPORT(vmalloc);
KPLAY_EXPORT(vzalloc);
KPLAY_EXPORT(vfree);
KPLAY_EXPORT(kvmalloc_node);
KPLAY_EXPORT(kvfree);
KPLAY_EXPORT(__get_free_pages);
KPLAY_EXPORT(get_zeroed_page);
KPLAY_EXPORT(free_pages);
KPLAY_EXPORT(kmem_cache_create);
KPLAY_EXPORT(kmem_cache_destroy);
KPLAY_EXPORT(kmem_cache_alloc);
KPLAY_EXPORT(kmem_cache_free);
