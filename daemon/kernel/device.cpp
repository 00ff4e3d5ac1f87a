// Classes and devices (the parts of drivers/base/ that character drivers
// use): a class is ROOT/sys/class/<name>; device_create adds
// ROOT/sys/class/<class>/<dev>/ with its "dev" attribute and, when it has a
// device number, the node ROOT/dev/<dev> as devtmpfs would.
#include "kernel/chrdev.h"
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/sysfs.h"
#include "kernel/vsprintf.h"
#include "vfs/tree.h"

#include <cerrno>
#include <cstdarg>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

// linux/device.h names a struct and a field "class", a C++ keyword: the C++
// side spells them kplay_class (same layout, C linkage ignores the name).
#define class kplay_class
#include "linux/device.h"
#undef class
#include "linux/kdev_t.h"

namespace kplay {
namespace {

struct DeviceRec {
	struct device *dev;
	std::string name;
	std::shared_ptr<vfs::Node> dir;
	bool has_node;
};

struct ClassRec {
	std::shared_ptr<vfs::Node> dir;
	std::vector<DeviceRec> devices;
	bool dynamic; // made by class_create: freed by class_destroy
};

std::mutex g_mu;

ClassRec *rec_of(struct kplay_class *cls) { return static_cast<ClassRec *>(cls->kplay); }

std::shared_ptr<vfs::Node> class_root() { return vfs::sys_tree().make_dirs("class"); }

void remove_device(DeviceRec &d)
{
	if (d.has_node)
		devtmpfs_delete_node(d.name);
	vfs::sys_tree().remove(d.dir);
	if (d.dev->release)
		d.dev->release(d.dev);
	free(const_cast<char *>(d.dev->kobj.name));
	kfree(d.dev);
}

} // namespace
} // namespace kplay

extern "C" {

int class_register(struct kplay_class *cls)
{
	int err = 0;
	auto dir = kplay::vfs::sys_tree().add_dir(kplay::class_root(), cls->name, 0755, &err);
	if (!dir) {
		if (err == -EEXIST)
			_printk(KPLAY_KERN_ERR "sysfs: cannot create duplicate filename '/class/%s'\n", cls->name);
		return err;
	}
	auto *rec = new kplay::ClassRec{dir, {}, false};
	cls->kplay = rec;
	return 0;
}

void class_unregister(struct kplay_class *cls)
{
	if (!cls || !cls->kplay)
		return;
	kplay::ClassRec *rec = kplay::rec_of(cls);
	for (auto &d : rec->devices)
		kplay::remove_device(d);
	kplay::vfs::sys_tree().remove(rec->dir);
	delete rec;
	cls->kplay = nullptr;
	if (cls->class_release)
		cls->class_release(cls);
}

struct kplay_class *class_create(struct module *owner, const char *name)
{
	auto *cls = static_cast<struct kplay_class *>(__kmalloc(sizeof(struct kplay_class), 0x100u));
	if (!cls)
		return static_cast<struct kplay_class *>(reinterpret_cast<void *>(-static_cast<intptr_t>(ENOMEM)));
	cls->name = name;
	cls->owner = owner;
	int err = class_register(cls);
	if (err) {
		kfree(cls);
		return static_cast<struct kplay_class *>(reinterpret_cast<void *>(static_cast<intptr_t>(err)));
	}
	kplay::rec_of(cls)->dynamic = true;
	return cls;
}

void class_destroy(struct kplay_class *cls)
{
	if (!cls || reinterpret_cast<uintptr_t>(cls) >= static_cast<uintptr_t>(-4095))
		return;
	bool dynamic = cls->kplay && kplay::rec_of(cls)->dynamic;
	class_unregister(cls);
	if (dynamic)
		kfree(cls);
}

int class_create_file(struct kplay_class *cls, const struct class_attribute *attr)
{
	if (!cls || !cls->kplay)
		return -EINVAL;
	auto *a = const_cast<struct class_attribute *>(attr);
	kplay::KernfsAttr::Show show;
	kplay::KernfsAttr::Store store;
	if (a->show)
		show = [cls, a](std::string *out) {
			return kplay::show_into(out, [&](char *buf) { return a->show(cls, a, buf); });
		};
	if (a->store)
		store = [cls, a](const char *buf, size_t len) -> ssize_t { return a->store(cls, a, buf, len); };
	return kplay::sysfs_add_attr(kplay::rec_of(cls)->dir, attr->attr.name, attr->attr.mode, show, store) ? 0
														: -EEXIST;
}

void class_remove_file(struct kplay_class *cls, const struct class_attribute *attr)
{
	if (!cls || !cls->kplay)
		return;
	if (auto n = kplay::vfs::sys_tree().child(*kplay::rec_of(cls)->dir, attr->attr.name))
		kplay::vfs::sys_tree().remove(n);
}

struct device *device_create(struct kplay_class *cls, struct device *parent, __kernel_dev_t devt, void *drvdata,
			     const char *fmt, ...)
{
	if (!cls || reinterpret_cast<uintptr_t>(cls) >= static_cast<uintptr_t>(-4095) || !cls->kplay)
		return static_cast<struct device *>(reinterpret_cast<void *>(-static_cast<intptr_t>(ENODEV)));
	va_list ap;
	va_start(ap, fmt);
	std::string name = kplay::kernel_vformat(fmt, ap);
	va_end(ap);
	kplay::ClassRec *rec = kplay::rec_of(cls);
	int err = 0;
	auto dir = kplay::vfs::sys_tree().add_dir(rec->dir, name, 0755, &err);
	if (!dir) {
		if (err == -EEXIST)
			_printk(KPLAY_KERN_ERR "sysfs: cannot create duplicate filename '/class/%s/%s'\n", cls->name,
				name.c_str());
		return static_cast<struct device *>(reinterpret_cast<void *>(static_cast<intptr_t>(err)));
	}
	auto *dev = static_cast<struct device *>(__kmalloc(sizeof(struct device), 0x100u));
	dev->devt = devt;
	dev->kplay_class = cls;
	dev->parent = parent;
	dev->driver_data = drvdata;
	dev->kobj.name = strdup(name.c_str());
	std::string devstr = std::to_string(MAJOR(devt)) + ":" + std::to_string(MINOR(devt)) + "\n";
	bool has_node = MAJOR(devt) != 0;
	if (has_node) {
		kplay::sysfs_add_attr(dir, "dev", 0444, [devstr](std::string *out) {
			*out = devstr;
			return static_cast<ssize_t>(devstr.size());
		}, nullptr);
		std::string uevent = "MAJOR=" + std::to_string(MAJOR(devt)) + "\nMINOR=" + std::to_string(MINOR(devt)) +
				     "\nDEVNAME=" + name + "\n";
		kplay::sysfs_add_attr(dir, "uevent", 0644, [uevent](std::string *out) {
			*out = uevent;
			return static_cast<ssize_t>(uevent.size());
		}, [](const char *, size_t len) { return static_cast<ssize_t>(len); });
		int nerr = 0;
		// devtmpfs: root-owned, 0600 unless the class says otherwise.
		umode_t mode = 0600;
		if (cls->devnode) {
			char *alt = cls->devnode(dev, &mode);
			kfree(alt);
		}
		if (!kplay::devtmpfs_create_node(name, devt, 0020000 | mode, &nerr))
			has_node = false;
	}
	std::lock_guard lk(kplay::g_mu);
	rec->devices.push_back({dev, name, dir, has_node});
	return dev;
}

void device_destroy(struct kplay_class *cls, __kernel_dev_t devt)
{
	if (!cls || !cls->kplay)
		return;
	kplay::ClassRec *rec = kplay::rec_of(cls);
	std::unique_lock lk(kplay::g_mu);
	for (auto it = rec->devices.begin(); it != rec->devices.end(); ++it) {
		if (it->dev->devt == devt) {
			kplay::DeviceRec d = *it;
			rec->devices.erase(it);
			lk.unlock();
			kplay::remove_device(d);
			return;
		}
	}
}

const char *dev_name(const struct device *dev)
{
	if (dev->init_name)
		return dev->init_name;
	return dev->kobj.name ? dev->kobj.name : "";
}

} // extern "C"

KPLAY_EXPORT(class_register);
KPLAY_EXPORT(class_unregister);
KPLAY_EXPORT(class_create);
KPLAY_EXPORT(class_destroy);
KPLAY_EXPORT(class_create_file);
KPLAY_EXPORT(class_remove_file);
KPLAY_EXPORT(device_create);
KPLAY_EXPORT(device_destroy);
KPLAY_EXPORT(dev_name);
