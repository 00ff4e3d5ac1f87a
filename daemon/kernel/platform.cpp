// The platform bus and the device-model helpers drivers use (mirrors
// drivers/base/platform.c, dd.c, devres.c, core.c's dev_printk): binding by
// name, probe/remove, devm_ resources released after remove, the sysfs layout
// under ROOT/sys/bus/platform and ROOT/sys/devices/platform, and kplay's own
// controls to add a device and run the PM callbacks.
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/oops.h"
#include "kernel/sysfs.h"
#include "kernel/vsprintf.h"
#include "vfs/tree.h"

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#define class kplay_class
#include "linux/device.h"
#include "linux/dma-mapping.h"
#include "linux/of.h"
#include "linux/platform_device.h"
#undef class
#include "linux/module.h"

namespace kplay {
namespace {

const struct bus_type platform_bus = {"platform"};

struct PDev {
	struct platform_device *pdev;
	std::string name;
	bool ours; // allocated by platform_device_alloc
	std::shared_ptr<vfs::Node> dir;
	struct platform_driver *bound = nullptr;
	bool added = false;
};

struct PDrv {
	struct platform_driver *drv;
	std::shared_ptr<vfs::Node> dir;
};

std::recursive_mutex g_mu;
std::vector<PDev *> g_devs;
std::vector<PDrv *> g_drvs;
// devres: per device, release actions in the order they were added, each
// with the resource it releases (so devm_kfree can take one back).
struct Devres {
	const void *res;
	std::function<void()> release;
};
std::map<const struct device *, std::vector<Devres>> g_devres;
std::map<std::string, int> g_auto_ids;

vfs::Tree &sys() { return vfs::sys_tree(); }

PDev *pdev_of(const struct platform_device *p)
{
	for (PDev *d : g_devs)
		if (d->pdev == p)
			return d;
	return nullptr;
}

void release_devres(const struct device *dev)
{
	auto it = g_devres.find(dev);
	if (it == g_devres.end())
		return;
	auto actions = std::move(it->second);
	g_devres.erase(it);
	for (auto a = actions.rbegin(); a != actions.rend(); ++a)
		a->release();
}

bool matches(struct platform_driver *drv, struct platform_device *pdev)
{
	// platform_match: a device-tree node's compatible first (kernel/of/base.cpp).
	if (pdev->dev.of_node && drv->driver.of_match_table && of_match_node(drv->driver.of_match_table, pdev->dev.of_node))
		return true;
	if (drv->id_table) {
		for (const struct platform_device_id *id = drv->id_table; id->name[0]; ++id) {
			if (std::strcmp(id->name, pdev->name) == 0) {
				pdev->id_entry = id;
				return true;
			}
		}
	}
	return std::strcmp(drv->driver.name, pdev->name) == 0;
}

void link_bound(PDev *d, PDrv *r)
{
	sys().add_symlink(r->dir, d->name, "../../../../devices/platform/" + d->name);
	sys().add_symlink(d->dir, "driver", std::string("../../../bus/platform/drivers/") + r->drv->driver.name);
}

void unlink_bound(PDev *d, PDrv *r)
{
	if (auto l = sys().child(*r->dir, d->name))
		sys().remove(l);
	if (auto l = sys().child(*d->dir, "driver"))
		sys().remove(l);
}

// really_probe: bind, call probe, undo on failure.
void probe(PDev *d, PDrv *r)
{
	struct platform_driver *drv = r->drv;
	d->pdev->dev.driver = &drv->driver;
	d->bound = drv;
	int ret = 0;
	if (drv->probe && !oops_guard([&] { ret = drv->probe(d->pdev); }))
		ret = -EFAULT;
	if (ret) {
		release_devres(&d->pdev->dev);
		d->pdev->dev.driver = nullptr;
		d->bound = nullptr;
		if (ret != -ENODEV && ret != -ENXIO)
			_printk(KPLAY_KERN_WARNING "%s: probe of %s failed with error %d\n", drv->driver.name,
				d->name.c_str(), ret);
		return;
	}
	link_bound(d, r);
}

void remove_bound(PDev *d)
{
	if (!d->bound)
		return;
	struct platform_driver *drv = d->bound;
	for (PDrv *r : g_drvs)
		if (r->drv == drv)
			unlink_bound(d, r);
	if (drv->remove)
		(void)oops_guard([&] { drv->remove(d->pdev); });
	release_devres(&d->pdev->dev);
	d->pdev->dev.driver = nullptr;
	d->bound = nullptr;
}

void attach_device(PDev *d)
{
	for (PDrv *r : g_drvs)
		if (!d->bound && matches(r->drv, d->pdev))
			probe(d, r);
}

std::string device_name(struct platform_device *p)
{
	if (p->id == PLATFORM_DEVID_NONE)
		return p->name;
	if (p->id == PLATFORM_DEVID_AUTO) {
		p->id_auto = true;
		int n = g_auto_ids[p->name]++;
		return std::string(p->name) + "." + std::to_string(n) + ".auto";
	}
	return std::string(p->name) + "." + std::to_string(p->id);
}

ssize_t text(std::string *out, std::string s)
{
	*out = std::move(s);
	return static_cast<ssize_t>(out->size());
}

int run_pm(const std::string &what)
{
	std::lock_guard lk(g_mu);
	for (PDev *d : g_devs) {
		if (!d->bound)
			continue;
		struct platform_driver *drv = d->bound;
		const struct dev_pm_ops *pm = drv->driver.pm;
		struct device *dev = &d->pdev->dev;
		int (*cb)(struct device *) = nullptr;
		if (pm) {
			if (what == "suspend") cb = pm->suspend;
			else if (what == "resume") cb = pm->resume;
			else if (what == "freeze") cb = pm->freeze;
			else if (what == "thaw") cb = pm->thaw;
			else if (what == "poweroff") cb = pm->poweroff;
			else if (what == "restore") cb = pm->restore;
			else return -EINVAL;
			if (cb)
				(void)oops_guard([&] { cb(dev); });
		} else if (what == "suspend" && drv->suspend) {
			(void)oops_guard([&] { drv->suspend(d->pdev, pm_message_t{2}); });
		} else if (what == "resume" && drv->resume) {
			(void)oops_guard([&] { drv->resume(d->pdev); });
		}
	}
	return 0;
}

} // namespace

void platform_bus_init()
{
	sys().make_dirs("bus/platform/devices");
	sys().make_dirs("bus/platform/drivers");
	sys().make_dirs("devices/platform");
	auto ctl = sys().make_dirs("kernel/kplay/platform");
	auto pm = sys().make_dirs("kernel/kplay/power");
	// kplay's controls (not in a real kernel): add/remove a device by name,
	// and run the drivers' PM callbacks as a system sleep would.
	sysfs_add_attr(ctl, "add", 0200, nullptr, [](const char *buf, size_t len) -> ssize_t {
		std::string name(buf, strnlen(buf, len));
		while (!name.empty() && (name.back() == '\n' || name.back() == ' '))
			name.pop_back();
		if (name.empty())
			return -EINVAL;
		struct platform_device *p = platform_device_register_resndata(nullptr, strdup(name.c_str()), -1, nullptr,
									      0, nullptr, 0);
		auto v = reinterpret_cast<intptr_t>(p);
		return v < 0 && v >= -4095 ? static_cast<ssize_t>(v) : static_cast<ssize_t>(len);
	});
	sysfs_add_attr(pm, "state", 0644,
		       [](std::string *out) { return text(out, "suspend resume freeze thaw poweroff restore\n"); },
		       [](const char *buf, size_t len) -> ssize_t {
			       std::string w(buf, strnlen(buf, len));
			       while (!w.empty() && (w.back() == '\n' || w.back() == ' '))
				       w.pop_back();
			       int err = run_pm(w);
			       return err ? err : static_cast<ssize_t>(len);
		       });
}

} // namespace kplay

extern "C" {

int __platform_driver_register(struct platform_driver *drv, struct module *owner)
{
	std::lock_guard lk(kplay::g_mu);
	drv->driver.owner = owner;
	drv->driver.bus = &kplay::platform_bus;
	int err = 0;
	auto dir = kplay::sys().add_dir(kplay::sys().resolve("bus/platform/drivers"), drv->driver.name, 0755, &err);
	if (!dir) {
		_printk(KPLAY_KERN_ERR "Error: Driver '%s' is already registered, aborting...\n", drv->driver.name);
		return -EBUSY;
	}
	// bind/unbind (drivers/base/bus.c): name a device to probe or remove it.
	auto trim = [](const char *buf, size_t len) {
		std::string w(buf, strnlen(buf, len));
		while (!w.empty() && (w.back() == '\n' || w.back() == ' '))
			w.pop_back();
		return w;
	};
	kplay::sysfs_add_attr(dir, "bind", 0200, nullptr, [drv, trim](const char *buf, size_t len) -> ssize_t {
		std::lock_guard lk2(kplay::g_mu);
		std::string name = trim(buf, len);
		for (kplay::PDev *d : kplay::g_devs) {
			if (!d->added || d->name != name || !kplay::matches(drv, d->pdev))
				continue;
			if (d->bound)
				return -EBUSY;
			for (kplay::PDrv *r : kplay::g_drvs)
				if (r->drv == drv)
					kplay::probe(d, r);
			return d->bound ? static_cast<ssize_t>(len) : -ENODEV;
		}
		return -ENODEV;
	});
	kplay::sysfs_add_attr(dir, "unbind", 0200, nullptr, [drv, trim](const char *buf, size_t len) -> ssize_t {
		std::lock_guard lk2(kplay::g_mu);
		std::string name = trim(buf, len);
		for (kplay::PDev *d : kplay::g_devs) {
			if (d->name == name && d->bound == drv) {
				kplay::remove_bound(d);
				return static_cast<ssize_t>(len);
			}
		}
		return -ENODEV;
	});
	kplay::sysfs_add_attr(dir, "uevent", 0200, nullptr, [](const char *, size_t len) { return ssize_t(len); });
	if (owner)
		kplay::sys().add_symlink(dir, "module", std::string("../../../../module/") + module_name(owner));
	auto *r = new kplay::PDrv{drv, dir};
	kplay::g_drvs.push_back(r);
	for (kplay::PDev *d : kplay::g_devs)
		if (d->added && !d->bound && kplay::matches(drv, d->pdev))
			kplay::probe(d, r);
	return 0;
}

void platform_driver_unregister(struct platform_driver *drv)
{
	std::lock_guard lk(kplay::g_mu);
	for (kplay::PDev *d : kplay::g_devs)
		if (d->bound == drv)
			kplay::remove_bound(d);
	for (auto it = kplay::g_drvs.begin(); it != kplay::g_drvs.end(); ++it) {
		if ((*it)->drv == drv) {
			kplay::sys().remove((*it)->dir);
			delete *it;
			kplay::g_drvs.erase(it);
			break;
		}
	}
}

struct platform_device *platform_device_alloc(const char *name, int id)
{
	auto *p = static_cast<struct platform_device *>(__kmalloc(sizeof(struct platform_device), 0x100u));
	if (!p)
		return nullptr;
	p->name = name;
	p->id = id;
	p->dev.dma_mask = &p->platform_dma_mask;
	p->platform_dma_mask = DMA_BIT_MASK(32);
	p->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	p->dev.bus = &kplay::platform_bus;
	std::lock_guard lk(kplay::g_mu);
	kplay::g_devs.push_back(new kplay::PDev{p, {}, true, nullptr});
	return p;
}

int platform_device_add(struct platform_device *pdev)
{
	std::lock_guard lk(kplay::g_mu);
	kplay::PDev *d = kplay::pdev_of(pdev);
	if (!d) {
		d = new kplay::PDev{pdev, {}, false, nullptr};
		kplay::g_devs.push_back(d);
	}
	d->name = kplay::device_name(pdev);
	// As kobject_set_name_vargs: a '/' cannot be part of a sysfs name.
	std::replace(d->name.begin(), d->name.end(), '/', '!');
	int err = 0;
	d->dir = kplay::sys().add_dir(kplay::sys().resolve("devices/platform"), d->name, 0755, &err);
	if (!d->dir) {
		_printk(KPLAY_KERN_ERR "sysfs: cannot create duplicate filename '/devices/platform/%s'\n", d->name.c_str());
		return -EEXIST;
	}
	pdev->dev.init_name = nullptr;
	pdev->dev.kobj.name = strdup(d->name.c_str());
	pdev->dev.kplay = d;
	auto &t = kplay::sys();
	t.add_dir(d->dir, "power", 0755);
	t.add_symlink(d->dir, "subsystem", "../../../bus/platform");
	std::string modalias = "platform:" + std::string(pdev->name) + "\n";
	kplay::sysfs_add_attr(d->dir, "modalias", 0444, [modalias](std::string *o) { return kplay::text(o, modalias); },
			      nullptr);
	kplay::sysfs_add_attr(d->dir, "driver_override", 0644,
			      [](std::string *o) { return kplay::text(o, "(null)\n"); },
			      [](const char *, size_t len) { return ssize_t(len); });
	kplay::sysfs_add_attr(d->dir, "uevent", 0644,
			      [pdev](std::string *o) {
				      std::string u;
				      if (pdev->dev.driver)
					      u = std::string("DRIVER=") + pdev->dev.driver->name + "\n";
				      return kplay::text(o, u + "MODALIAS=platform:" + pdev->name + "\n");
			      },
			      [](const char *, size_t len) { return ssize_t(len); });
	t.add_symlink(t.resolve("bus/platform/devices"), d->name, "../../../devices/platform/" + d->name);
	d->added = true;
	kplay::attach_device(d);
	return 0;
}

void platform_device_del(struct platform_device *pdev)
{
	std::lock_guard lk(kplay::g_mu);
	kplay::PDev *d = kplay::pdev_of(pdev);
	if (!d || !d->added)
		return;
	kplay::remove_bound(d);
	kplay::release_devres(&pdev->dev);
	if (auto l = kplay::sys().resolve("bus/platform/devices/" + d->name))
		kplay::sys().remove(l);
	kplay::sys().remove(d->dir);
	d->added = false;
}

void platform_device_put(struct platform_device *pdev)
{
	if (!pdev)
		return;
	std::lock_guard lk(kplay::g_mu);
	kplay::PDev *d = kplay::pdev_of(pdev);
	if (!d)
		return;
	kplay::g_devs.erase(std::find(kplay::g_devs.begin(), kplay::g_devs.end(), d));
	bool ours = d->ours;
	delete d;
	if (pdev->dev.release)
		pdev->dev.release(&pdev->dev);
	free(const_cast<char *>(pdev->dev.kobj.name));
	kfree(pdev->dev.platform_data);
	if (ours)
		kfree(pdev);
}

int platform_device_register(struct platform_device *pdev)
{
	pdev->dev.bus = &kplay::platform_bus;
	return platform_device_add(pdev);
}

void platform_device_unregister(struct platform_device *pdev)
{
	platform_device_del(pdev);
	platform_device_put(pdev);
}

int platform_device_add_data(struct platform_device *pdev, const void *data, size_t size)
{
	void *copy = nullptr;
	if (data) {
		copy = __kmalloc(size, 0);
		if (!copy)
			return -ENOMEM;
		std::memcpy(copy, data, size);
	}
	kfree(pdev->dev.platform_data);
	pdev->dev.platform_data = copy;
	return 0;
}

struct platform_device *platform_device_register_resndata(struct device *parent, const char *name, int id,
							  const struct resource *, unsigned int, const void *data,
							  size_t size)
{
	struct platform_device *p = platform_device_alloc(name, id);
	if (!p)
		return static_cast<struct platform_device *>(reinterpret_cast<void *>(static_cast<intptr_t>(-ENOMEM)));
	p->dev.parent = parent;
	int err = platform_device_add_data(p, data, size);
	if (!err)
		err = platform_device_add(p);
	if (err) {
		platform_device_put(p);
		return static_cast<struct platform_device *>(reinterpret_cast<void *>(static_cast<intptr_t>(err)));
	}
	return p;
}

const char *dev_driver_string(const struct device *dev)
{
	if (dev->driver)
		return dev->driver->name;
	if (dev->bus)
		return dev->bus->name;
	return dev->kplay_class ? dev->kplay_class->name : "";
}

void _dev_printk_kplay(const char *level, const struct device *dev, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	std::string msg = kplay::kernel_vformat(fmt, ap);
	va_end(ap);
	_printk("%s%s %s: %s", level, dev_driver_string(dev), dev_name(dev), msg.c_str());
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	void *p = __kmalloc(size, gfp);
	if (!p)
		return nullptr;
	std::lock_guard lk(kplay::g_mu);
	kplay::g_devres[dev].push_back({p, [p] { kfree(p); }});
	return p;
}

void devm_kfree(struct device *dev, const void *p)
{
	std::lock_guard lk(kplay::g_mu);
	// The resource leaves the device's list, or unbind would free it again.
	auto &v = kplay::g_devres[dev];
	auto it = std::find_if(v.begin(), v.end(), [p](const kplay::Devres &d) { return d.res == p; });
	if (it == v.end()) {
		_printk(KPLAY_KERN_WARNING "devm_kfree: %p is not a managed allocation of this device\n", p);
		return;
	}
	v.erase(it);
	kfree(p);
}

int devm_add_action(struct device *dev, void (*action)(void *), void *data)
{
	std::lock_guard lk(kplay::g_mu);
	kplay::g_devres[dev].push_back({data, [action, data] { action(data); }});
	return 0;
}

int devm_add_action_or_reset(struct device *dev, void (*action)(void *), void *data)
{
	int ret = devm_add_action(dev, action, data);
	if (ret)
		action(data);
	return ret;
}

u64 dma_get_mask(struct device *dev)
{
	return dev->dma_mask && *dev->dma_mask ? *dev->dma_mask : DMA_BIT_MASK(32);
}

int dma_set_mask(struct device *dev, u64 mask)
{
	if (dev->dma_mask)
		*dev->dma_mask = mask;
	return 0;
}

int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	dev->coherent_dma_mask = mask;
	return 0;
}

void *dma_alloc_coherent(struct device *, size_t size, dma_addr_t *dma_handle, gfp_t)
{
	size_t rounded = (size + 4095) / 4096 * 4096;
	void *p = aligned_alloc(4096, rounded ? rounded : 4096);
	if (!p)
		return nullptr;
	std::memset(p, 0, rounded ? rounded : 4096);
	*dma_handle = reinterpret_cast<dma_addr_t>(p);
	return p;
}

void dma_free_coherent(struct device *, size_t, void *cpu_addr, dma_addr_t)
{
	free(cpu_addr);
}

void *dmam_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp)
{
	void *p = dma_alloc_coherent(dev, size, dma_handle, gfp);
	if (p) {
		std::lock_guard lk(kplay::g_mu);
		kplay::g_devres[dev].push_back({p, [p] { free(p); }});
	}
	return p;
}

dma_addr_t dma_map_single_attrs(struct device *, void *ptr, size_t, enum dma_data_direction, unsigned long)
{
	return reinterpret_cast<dma_addr_t>(ptr);
}

void dma_unmap_single_attrs(struct device *, dma_addr_t, size_t, enum dma_data_direction, unsigned long) {}

} // extern "C"

KPLAY_EXPORT(__platform_driver_register);
KPLAY_EXPORT(platform_driver_unregister);
KPLAY_EXPORT(platform_device_alloc);
KPLAY_EXPORT(platform_device_add);
KPLAY_EXPORT(platform_device_del);
KPLAY_EXPORT(platform_device_put);
KPLAY_EXPORT(platform_device_register);
KPLAY_EXPORT(platform_device_unregister);
KPLAY_EXPORT(platform_device_add_data);
KPLAY_EXPORT(platform_device_register_resndata);
KPLAY_EXPORT(dev_driver_string);
KPLAY_EXPORT(_dev_printk_kplay);
KPLAY_EXPORT(devm_kmalloc);
KPLAY_EXPORT(devm_kfree);
KPLAY_EXPORT(devm_add_action);
KPLAY_EXPORT(devm_add_action_or_reset);
KPLAY_EXPORT(dma_get_mask);
KPLAY_EXPORT(dma_set_mask);
KPLAY_EXPORT(dma_set_coherent_mask);
KPLAY_EXPORT(dma_alloc_coherent);
KPLAY_EXPORT(dma_free_coherent);
KPLAY_EXPORT(dmam_alloc_coherent);
KPLAY_EXPORT(dma_map_single_attrs);
KPLAY_EXPORT(dma_unmap_single_attrs);
