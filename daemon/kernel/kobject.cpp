// kobjects and their sysfs files (mirrors lib/kobject.c and fs/sysfs/file.c):
// a kobject is a directory under ROOT/sys, an attribute a KernfsAttr whose
// show/store go through the kobject's sysfs_ops with a PAGE_SIZE buffer.
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/sysfs.h"
#include "kernel/vsprintf.h"
#include "vfs/tree.h"

#include "linux/kobject.h"
#include "linux/sysfs.h"

#include <cerrno>
#include <cstdarg>
#include <algorithm>
#include <cstring>
#include <mutex>
#include <vector>

namespace kplay {
namespace {

std::shared_ptr<vfs::Node> *dir_of(struct kobject *kobj)
{
	return static_cast<std::shared_ptr<vfs::Node> *>(kobj->kplay);
}

std::shared_ptr<vfs::Node> parent_dir(struct kobject *parent)
{
	if (parent && parent->kplay)
		return *dir_of(parent);
	return vfs::sys_tree().root();
}

// kobj_attr_show/kobj_attr_store: the kobj_attribute wrapped by an attribute.
ssize_t kobj_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	auto *ka = reinterpret_cast<struct kobj_attribute *>(attr);
	return ka->show ? ka->show(kobj, ka, buf) : -EIO;
}

ssize_t kobj_attr_store(struct kobject *kobj, struct attribute *attr, const char *buf, size_t count)
{
	auto *ka = reinterpret_cast<struct kobj_attribute *>(attr);
	return ka->store ? ka->store(kobj, ka, buf, count) : -EIO;
}

void dynamic_kobj_release(struct kobject *kobj)
{
	kfree(kobj);
}

const struct kobj_type dynamic_kobj_ktype = {dynamic_kobj_release, &kobj_sysfs_ops, nullptr};

struct kobject g_kernel_kobj{};
struct kobject g_firmware_kobj{};

// Whether the attribute has a show/store, as sysfs_add_file_mode_ns decides
// which kernfs ops (and so which EACCES rules) the file gets.
void attr_methods(struct kobject *kobj, const struct attribute *attr, bool *has_show, bool *has_store)
{
	const struct sysfs_ops *ops = kobj->ktype ? kobj->ktype->sysfs_ops : &kobj_sysfs_ops;
	*has_show = ops && ops->show;
	*has_store = ops && ops->store;
	if (ops == &kobj_sysfs_ops) {
		auto *ka = reinterpret_cast<const struct kobj_attribute *>(attr);
		*has_show = ka->show != nullptr;
		*has_store = ka->store != nullptr;
	}
}

int add_attr_file(struct kobject *kobj, const std::shared_ptr<vfs::Node> &dir, const struct attribute *attr,
		  umode_t mode)
{
	const struct sysfs_ops *ops = kobj->ktype ? kobj->ktype->sysfs_ops : &kobj_sysfs_ops;
	bool has_show, has_store;
	attr_methods(kobj, attr, &has_show, &has_store);
	auto *a = const_cast<struct attribute *>(attr);
	KernfsAttr::Show show;
	KernfsAttr::Store store;
	if (has_show)
		show = [kobj, a, ops](std::string *out) {
			return show_into(out, [&](char *buf) { return ops->show(kobj, a, buf); });
		};
	if (has_store)
		store = [kobj, a, ops](const char *buf, size_t len) -> ssize_t { return ops->store(kobj, a, buf, len); };
	const void *show_addr = nullptr;
	if (ops == &kobj_sysfs_ops)
		show_addr = reinterpret_cast<const void *>(reinterpret_cast<const struct kobj_attribute *>(attr)->show);
	int err = 0;
	auto node = vfs::sys_tree().add_file(dir, attr->name, mode & 07777,
					     std::make_shared<KernfsAttr>(show, store, show_addr), &err);
	if (!node && err == -EEXIST) {
		_printk(KPLAY_KERN_WARNING "sysfs: cannot create duplicate filename '%s'\n", attr->name);
		return -EEXIST;
	}
	return node ? 0 : err;
}

void kobject_attach(struct kobject *kobj, struct kobject *parent, const std::shared_ptr<vfs::Node> &dir)
{
	kobj->parent = parent;
	kobj->kplay = new std::shared_ptr<vfs::Node>(dir);
	kobj->state_in_sysfs = 1;
	if (parent)
		kobject_get(parent);
}

} // namespace

void kobject_subsys_init()
{
	vfs::Tree &sys = vfs::sys_tree();
	for (auto [kobj, name] : {std::pair{&g_kernel_kobj, "kernel"}, std::pair{&g_firmware_kobj, "firmware"}}) {
		kobj->name = name;
		kobj->refcount = 1;
		kobj->state_initialized = 1;
		kobj->kplay = new std::shared_ptr<vfs::Node>(sys.make_dirs(name));
		kobj->state_in_sysfs = 1;
	}
}

} // namespace kplay

extern "C" {

const struct sysfs_ops kobj_sysfs_ops = {kplay::kobj_attr_show, kplay::kobj_attr_store};
struct kobject *kernel_kobj = &kplay::g_kernel_kobj;
struct kobject *firmware_kobj = &kplay::g_firmware_kobj;

void kobject_init(struct kobject *kobj, const struct kobj_type *ktype)
{
	if (!kobj)
		return;
	if (kobj->state_initialized)
		_printk(KPLAY_KERN_ERR "kobject (%p): tried to init an initialized object, something is seriously wrong.\n",
			static_cast<void *>(kobj));
	kobj->ktype = ktype;
	kobj->refcount = 1;
	kobj->state_initialized = 1;
	kobj->state_in_sysfs = 0;
}

static int kobject_add_varg(struct kobject *kobj, struct kobject *parent, const char *fmt, va_list ap)
{
	std::string name = kplay::kernel_vformat(fmt, ap);
	if (name.empty())
		return -EINVAL;
	// As kobject_set_name_vargs: a '/' cannot be part of a sysfs name.
	std::replace(name.begin(), name.end(), '/', '!');
	char *copy = static_cast<char *>(__kmalloc(name.size() + 1, 0));
	std::memcpy(copy, name.c_str(), name.size() + 1);
	kobj->name = copy;
	int err = 0;
	auto dir = kplay::vfs::sys_tree().add_dir(kplay::parent_dir(parent), name, 0755, &err);
	if (!dir) {
		if (err == -EEXIST)
			_printk(KPLAY_KERN_ERR "sysfs: cannot create duplicate filename '%s'\n", name.c_str());
		return err;
	}
	kplay::kobject_attach(kobj, parent, dir);
	if (kobj->ktype && kobj->ktype->default_groups)
		return sysfs_create_groups(kobj, kobj->ktype->default_groups);
	return 0;
}

int kobject_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...)
{
	if (!kobj)
		return -EINVAL;
	if (!kobj->state_initialized) {
		_printk(KPLAY_KERN_ERR "kobject '%s' (%p): tried to add an uninitialized object, something is seriously wrong.\n",
			kobj->name ? kobj->name : "", static_cast<void *>(kobj));
		return -EINVAL;
	}
	va_list ap;
	va_start(ap, fmt);
	int r = kobject_add_varg(kobj, parent, fmt, ap);
	va_end(ap);
	return r;
}

int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype, struct kobject *parent, const char *fmt,
			 ...)
{
	kobject_init(kobj, ktype);
	va_list ap;
	va_start(ap, fmt);
	int r = kobject_add_varg(kobj, parent, fmt, ap);
	va_end(ap);
	return r;
}

struct kobject *kobject_create_and_add(const char *name, struct kobject *parent)
{
	auto *kobj = static_cast<struct kobject *>(__kmalloc(sizeof(struct kobject), 0x100u));
	if (!kobj)
		return nullptr;
	kobject_init(kobj, &kplay::dynamic_kobj_ktype);
	int err = kobject_add(kobj, parent, "%s", name);
	if (err) {
		_printk(KPLAY_KERN_WARNING "%s: kobject_add error: %d\n", "kobject_create_and_add", err);
		kobject_put(kobj);
		return nullptr;
	}
	return kobj;
}

void kobject_del(struct kobject *kobj)
{
	if (!kobj || !kobj->state_in_sysfs)
		return;
	auto *dir = kplay::dir_of(kobj);
	kplay::vfs::sys_tree().remove(*dir);
	delete dir;
	kobj->kplay = nullptr;
	kobj->state_in_sysfs = 0;
	struct kobject *parent = kobj->parent;
	kobj->parent = nullptr;
	kobject_put(parent);
}

struct kobject *kobject_get(struct kobject *kobj)
{
	if (kobj)
		__atomic_add_fetch(&kobj->refcount, 1, __ATOMIC_SEQ_CST);
	return kobj;
}

void kobject_put(struct kobject *kobj)
{
	if (!kobj || kobj == &kplay::g_kernel_kobj || kobj == &kplay::g_firmware_kobj)
		return;
	if (__atomic_sub_fetch(&kobj->refcount, 1, __ATOMIC_SEQ_CST) != 0)
		return;
	// kobject_cleanup: unlink from sysfs, then release; the name goes with it.
	kobject_del(kobj);
	const char *name = kobj->name;
	if (kobj->ktype && kobj->ktype->release)
		kobj->ktype->release(kobj);
	else
		_printk(KPLAY_KERN_ERR "kobject: '%s' (%p): does not have a release() function, it is broken and must be fixed.\n",
			name ? name : "", static_cast<void *>(kobj));
	kfree(name);
}

int sysfs_create_file(struct kobject *kobj, const struct attribute *attr)
{
	if (!kobj || !kobj->kplay || !attr)
		return -EINVAL;
	return kplay::add_attr_file(kobj, *kplay::dir_of(kobj), attr, attr->mode);
}

void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr)
{
	if (!kobj || !kobj->kplay || !attr)
		return;
	auto &dir = *kplay::dir_of(kobj);
	if (auto n = kplay::vfs::sys_tree().child(*dir, attr->name))
		kplay::vfs::sys_tree().remove(n);
}

int sysfs_create_files(struct kobject *kobj, const struct attribute *const *attr)
{
	for (int i = 0; attr[i]; i++) {
		int err = sysfs_create_file(kobj, attr[i]);
		if (err) {
			while (--i >= 0)
				sysfs_remove_file(kobj, attr[i]);
			return err;
		}
	}
	return 0;
}

void sysfs_remove_files(struct kobject *kobj, const struct attribute *const *attr)
{
	for (int i = 0; attr[i]; i++)
		sysfs_remove_file(kobj, attr[i]);
}

int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp)
{
	if (!kobj || !kobj->kplay || !grp)
		return -EINVAL;
	std::shared_ptr<kplay::vfs::Node> dir = *kplay::dir_of(kobj);
	if (grp->name) {
		int err = 0;
		dir = kplay::vfs::sys_tree().add_dir(dir, grp->name, 0755, &err);
		if (!dir)
			return err;
	}
	for (int i = 0; grp->attrs && grp->attrs[i]; i++) {
		struct attribute *a = grp->attrs[i];
		umode_t mode = a->mode;
		if (grp->is_visible) {
			mode = grp->is_visible(kobj, a, i);
			if (!mode)
				continue;
		}
		int err = kplay::add_attr_file(kobj, dir, a, mode);
		if (err) {
			sysfs_remove_group(kobj, grp);
			return err;
		}
	}
	return 0;
}

void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp)
{
	if (!kobj || !kobj->kplay || !grp)
		return;
	auto &dir = *kplay::dir_of(kobj);
	if (grp->name) {
		if (auto n = kplay::vfs::sys_tree().child(*dir, grp->name))
			kplay::vfs::sys_tree().remove(n);
		return;
	}
	for (int i = 0; grp->attrs && grp->attrs[i]; i++)
		if (auto n = kplay::vfs::sys_tree().child(*dir, grp->attrs[i]->name))
			kplay::vfs::sys_tree().remove(n);
}

int sysfs_create_groups(struct kobject *kobj, const struct attribute_group **groups)
{
	for (int i = 0; groups && groups[i]; i++) {
		int err = sysfs_create_group(kobj, groups[i]);
		if (err) {
			while (--i >= 0)
				sysfs_remove_group(kobj, groups[i]);
			return err;
		}
	}
	return 0;
}

void sysfs_remove_groups(struct kobject *kobj, const struct attribute_group **groups)
{
	for (int i = 0; groups && groups[i]; i++)
		sysfs_remove_group(kobj, groups[i]);
}

// sysfs_emit: a show's output, which must start at the page's start.
int sysfs_emit(char *buf, const char *fmt, ...)
{
	if (!buf || (reinterpret_cast<uintptr_t>(buf) & 4095)) {
		_printk(KPLAY_KERN_WARNING "invalid sysfs_emit: buf:%p\n", static_cast<void *>(buf));
	}
	va_list ap;
	va_start(ap, fmt);
	std::string s = kplay::kernel_vformat(fmt, ap);
	va_end(ap);
	size_t n = std::min(s.size(), kplay::kPageSize - 1);
	std::memcpy(buf, s.data(), n);
	buf[n] = '\0';
	return static_cast<int>(n);
}

int sysfs_emit_at(char *buf, int at, const char *fmt, ...)
{
	if (at < 0 || static_cast<size_t>(at) >= kplay::kPageSize)
		return 0;
	va_list ap;
	va_start(ap, fmt);
	std::string s = kplay::kernel_vformat(fmt, ap);
	va_end(ap);
	size_t n = std::min(s.size(), kplay::kPageSize - 1 - static_cast<size_t>(at));
	std::memcpy(buf + at, s.data(), n);
	buf[at + n] = '\0';
	return static_cast<int>(n);
}

} // extern "C"

KPLAY_EXPORT(kobj_sysfs_ops);
KPLAY_EXPORT(kernel_kobj);
KPLAY_EXPORT(firmware_kobj);
KPLAY_EXPORT(kobject_init);
KPLAY_EXPORT(kobject_add);
KPLAY_EXPORT(kobject_init_and_add);
KPLAY_EXPORT(kobject_create_and_add);
KPLAY_EXPORT(kobject_del);
KPLAY_EXPORT(kobject_get);
KPLAY_EXPORT(kobject_put);
KPLAY_EXPORT(sysfs_create_file);
KPLAY_EXPORT(sysfs_remove_file);
KPLAY_EXPORT(sysfs_create_files);
KPLAY_EXPORT(sysfs_remove_files);
KPLAY_EXPORT(sysfs_create_group);
KPLAY_EXPORT(sysfs_remove_group);
KPLAY_EXPORT(sysfs_create_groups);
KPLAY_EXPORT(sysfs_remove_groups);
KPLAY_EXPORT(sysfs_emit);
KPLAY_EXPORT(sysfs_emit_at);
