// The device tree (mirrors drivers/of/base.c, property.c, device.c,
// platform.c and overlay.c, the parts a platform driver meets): the live
// tree of device_node objects, property readers, compatible matching, and
// platform devices made for new nodes.
//
// kplay starts with an empty tree (an x86 machine has none). A .dtb, or an
// overlay built with dtc (/plugin/; fragments with target-path, or
// &{/path}), is loaded by writing its path to ROOT/sys/kernel/kplay/dt/load
// (`kplay dt load FILE` does it, compiling a .dts first). Its nodes join
// the tree; each new node with "compatible" and an "okay" status that sits
// under the root or a "simple-bus" becomes a platform device named as
// of_device_make_bus_id names it, with dev.of_node set, and every platform
// driver whose of_match_table matches binds to it. Nodes are never removed.
#include "kernel/init.h"
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/of/fdt.h"
#include "kernel/sysfs.h"
#include "vfs/tree.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <strings.h>
#include <vector>

#define class kplay_class
#include "linux/device.h"
#include "linux/of.h"
#include "linux/of_device.h"
#include "linux/platform_device.h"
#undef class

namespace kplay {
namespace {

constexpr unsigned long kPopulated = 1, kPopulatedBus = 2;

std::recursive_mutex g_of_mu;
struct device_node *g_root = nullptr;

vfs::Tree &sys() { return vfs::sys_tree(); }

std::string node_path(const struct device_node *np)
{
	if (!np->parent)
		return "/";
	std::string p;
	for (const struct device_node *n = np; n->parent; n = n->parent)
		p = "/" + std::string(n->full_name) + p;
	return p;
}

struct device_node *new_node(struct device_node *parent, const std::string &full)
{
	auto *np = static_cast<struct device_node *>(calloc(1, sizeof(struct device_node)));
	np->full_name = strdup(full.empty() ? "/" : full.c_str());
	std::string base = full.substr(0, full.find('@'));
	np->name = strdup(base.c_str());
	np->parent = parent;
	if (parent) {
		struct device_node **link = &parent->child;
		while (*link)
			link = &(*link)->sibling;
		*link = np;
	}
	return np;
}

void set_prop(struct device_node *np, const std::string &name, const std::string &value)
{
	struct property *pp = nullptr;
	for (struct property *p = np->properties; p; p = p->next)
		if (name == p->name)
			pp = p;
	void *v = malloc(value.size() + 1); // never NULL, also for empty properties
	std::memcpy(v, value.data(), value.size());
	static_cast<char *>(v)[value.size()] = 0;
	if (pp) {
		pp->value = v; // the old value may still be referenced by a driver: kept
		pp->length = static_cast<int>(value.size());
	} else {
		pp = static_cast<struct property *>(calloc(1, sizeof(struct property)));
		pp->name = strdup(name.c_str());
		pp->value = v;
		pp->length = static_cast<int>(value.size());
		struct property **link = &np->properties;
		while (*link)
			link = &(*link)->next;
		*link = pp;
	}
	if ((name == "phandle" || name == "linux,phandle") && value.size() == 4)
		np->phandle = be32_to_cpup(static_cast<const __be32 *>(v));
}

// ROOT/sys/firmware/devicetree/base: a directory per node, a file per
// property holding its raw bytes (as the kernel's of_node sysfs does).
std::shared_ptr<vfs::Node> fw_dir(struct device_node *np)
{
	if (!np->parent)
		return sys().make_dirs("firmware/devicetree/base");
	auto parent = fw_dir(np->parent);
	if (auto d = sys().child(*parent, np->full_name))
		return d;
	auto d = sys().add_dir(parent, np->full_name, 0755);
	sysfs_add_attr(d, "name", 0444, [np](std::string *o) {
		*o = std::string(np->name) + '\0';
		return static_cast<ssize_t>(o->size());
	}, nullptr);
	return d;
}

void fw_prop(struct device_node *np, struct property *pp)
{
	auto dir = fw_dir(np);
	if (sys().child(*dir, pp->name))
		return;
	sysfs_add_attr(dir, pp->name, 0444, [pp](std::string *o) {
		o->assign(static_cast<const char *>(pp->value), static_cast<size_t>(pp->length));
		return static_cast<ssize_t>(o->size());
	}, nullptr);
}

struct device_node *find_child(struct device_node *np, const std::string &full)
{
	for (struct device_node *c = np->child; c; c = c->sibling)
		if (full == c->full_name)
			return c;
	return nullptr;
}

// Merges an FDT node into a live node; new nodes are appended to *added.
void merge(struct device_node *np, const fdt::Node &src, std::vector<struct device_node *> *added)
{
	for (const auto &p : src.props) {
		if (p.name == "name" && np->parent)
			continue;
		set_prop(np, p.name, p.value);
	}
	for (const auto &c : src.children) {
		struct device_node *child = find_child(np, c.name);
		if (!child) {
			child = new_node(np, c.name);
			added->push_back(child);
		}
		merge(child, c, added);
	}
}

struct device_node *find_by_path(const std::string &path)
{
	if (path.empty() || path[0] != '/')
		return nullptr;
	struct device_node *np = g_root;
	std::stringstream ss(path.substr(1));
	std::string comp;
	while (np && std::getline(ss, comp, '/')) {
		if (comp.empty())
			continue;
		struct device_node *next = nullptr;
		for (struct device_node *c = np->child; c && !next; c = c->sibling) {
			std::string full = c->full_name;
			if (full == comp || (comp.find('@') == std::string::npos && std::string(c->name) == comp))
				next = c;
		}
		np = next;
	}
	return np;
}

const fdt::Property *fdt_prop(const fdt::Node &n, const char *name)
{
	for (const auto &p : n.props)
		if (p.name == name)
			return &p;
	return nullptr;
}

int compat_score(const struct device_node *np, const char *compat, const char *type, const char *name)
{
	int score = 0;
	if (compat && compat[0]) {
		int len = 0;
		const char *cp = static_cast<const char *>(of_get_property(np, "compatible", &len));
		int index = 0;
		for (const char *end = cp ? cp + len : nullptr; cp && cp < end; cp += std::strlen(cp) + 1, ++index) {
			if (strcasecmp(cp, compat) == 0) {
				score = INT_MAX / 2 - (index << 2);
				break;
			}
		}
		if (!score)
			return 0;
	}
	if (type && type[0]) {
		const char *t = static_cast<const char *>(of_get_property(np, "device_type", nullptr));
		if (!t || std::strcmp(t, type) != 0)
			return 0;
		score += 2;
	}
	if (name && name[0]) {
		if (std::strcmp(np->name, name) != 0)
			return 0;
		score++;
	}
	return score;
}

// of_device_make_bus_id: "<address>.<name>" when reg translates to a CPU
// address (each ancestor's ranges empty), else the node names joined by ':'.
std::string bus_id(struct device_node *np)
{
	std::string id;
	for (struct device_node *n = np; n->parent; n = n->parent) {
		int len = 0;
		const auto *reg = static_cast<const __be32 *>(of_get_property(n, "reg", &len));
		bool translatable = reg != nullptr;
		for (struct device_node *a = n->parent; translatable && a->parent; a = a->parent) {
			int rl = -1;
			translatable = of_get_property(a, "ranges", &rl) && rl == 0;
		}
		if (translatable) {
			u32 cells = 2;
			if (n->parent)
				(void)of_property_read_u32(n->parent, "#address-cells", &cells);
			if (cells >= 1 && cells <= 2 && len >= static_cast<int>(cells * 4)) {
				unsigned long long addr = 0;
				for (u32 i = 0; i < cells; ++i)
					addr = (addr << 32) | be32_to_cpup(reg + i);
				char b[32];
				std::snprintf(b, sizeof b, "%llx", addr);
				return std::string(b) + "." + n->name + (id.empty() ? "" : ":" + id);
			}
		}
		id = id.empty() ? std::string(n->full_name) : std::string(n->full_name) + ":" + id;
	}
	return id;
}

std::vector<std::string> compatibles(const struct device_node *np)
{
	std::vector<std::string> out;
	int len = 0;
	const char *p = static_cast<const char *>(of_get_property(np, "compatible", &len));
	for (const char *end = p ? p + len : nullptr; p && p < end; p += strnlen(p, static_cast<size_t>(end - p)) + 1)
		out.emplace_back(p, strnlen(p, static_cast<size_t>(end - p)));
	return out;
}

// of_modalias: "of:N<name>T<device_type>C<compatible>..." (spaces as '_').
std::string of_modalias(const struct device_node *np)
{
	const char *type = static_cast<const char *>(of_get_property(np, "device_type", nullptr));
	std::string m = std::string("of:N") + np->name + "T" + (type ? type : "(null)");
	for (std::string c : compatibles(np)) {
		std::replace(c.begin(), c.end(), ' ', '_');
		m += "C" + c;
	}
	return m;
}

// A device made from a node reports it (drivers/of/device.c): the modalias
// and the OF_ variables of its uevent replace the platform ones.
void of_uevent_attrs(const std::shared_ptr<vfs::Node> &dir, struct platform_device *pdev)
{
	for (const char *n : {"modalias", "uevent"})
		if (auto f = sys().child(*dir, n))
			sys().remove(f);
	struct device_node *np = pdev->dev.of_node;
	sysfs_add_attr(dir, "modalias", 0444, [np](std::string *o) {
		*o = of_modalias(np) + "\n";
		return static_cast<ssize_t>(o->size());
	}, nullptr);
	sysfs_add_attr(dir, "uevent", 0644, [pdev, np](std::string *o) {
		std::string u;
		if (pdev->dev.driver)
			u += std::string("DRIVER=") + pdev->dev.driver->name + "\n";
		u += std::string("OF_NAME=") + np->name + "\nOF_FULLNAME=" + node_path(np) + "\n";
		if (const char *type = static_cast<const char *>(of_get_property(np, "device_type", nullptr)))
			u += std::string("OF_TYPE=") + type + "\n";
		auto compat = compatibles(np);
		for (size_t i = 0; i < compat.size(); ++i)
			u += "OF_COMPATIBLE_" + std::to_string(i) + "=" + compat[i] + "\n";
		u += "OF_COMPATIBLE_N=" + std::to_string(compat.size()) + "\nMODALIAS=" + of_modalias(np) + "\n";
		*o = std::move(u);
		return static_cast<ssize_t>(o->size());
	}, [](const char *, size_t len) { return static_cast<ssize_t>(len); });
}

bool is_bus(const struct device_node *np)
{
	return np && (!np->parent || of_device_is_compatible(np, "simple-bus") || of_device_is_compatible(np, "simple-mfd"));
}

// of_platform_notify for added nodes: a platform device for each new node
// with a compatible under a populated bus.
void populate(struct device_node *np)
{
	if (np->_flags & kPopulated)
		return;
	if (!is_bus(np->parent) || !(np->parent->_flags & kPopulatedBus) || !of_get_property(np, "compatible", nullptr) ||
	    !of_device_is_available(np))
		return;
	np->_flags |= kPopulated;
	std::string name = bus_id(np);
	struct platform_device *pdev = platform_device_alloc(strdup(name.c_str()), PLATFORM_DEVID_NONE);
	if (!pdev)
		return;
	pdev->dev.of_node = of_node_get(np);
	if (int err = platform_device_add(pdev); err) {
		_printk(KPLAY_KERN_ERR "kplay: dt: cannot add a platform device for %s (error %d)\n",
			node_path(np).c_str(), err);
		platform_device_put(pdev);
		return;
	}
	if (auto dir = sys().resolve("devices/platform/" + name)) {
		sys().add_symlink(dir, "of_node", "../../../firmware/devicetree/base" + node_path(np));
		of_uevent_attrs(dir, pdev);
	}
	if (is_bus(np)) {
		np->_flags |= kPopulatedBus;
		for (struct device_node *c = np->child; c; c = c->sibling)
			populate(c);
	}
}

void expose(struct device_node *np)
{
	(void)fw_dir(np);
	for (struct property *pp = np->properties; pp; pp = pp->next)
		fw_prop(np, pp);
	for (struct device_node *c = np->child; c; c = c->sibling)
		expose(c);
}

// Loads a .dtb (a whole tree, merged at /) or an overlay (fragments applied
// at their target-path). Returns 0 or a negative errno, with *why.
int load_blob(const std::string &blob, std::string *why)
{
	fdt::Node root;
	if (!fdt::parse(blob, &root, why))
		return -EINVAL;
	std::lock_guard lk(g_of_mu);
	std::vector<struct device_node *> added;
	bool overlay = false;
	for (const auto &c : root.children) {
		const fdt::Node *ov = nullptr;
		for (const auto &cc : c.children)
			if (cc.name == "__overlay__")
				ov = &cc;
		if (!ov)
			continue;
		overlay = true;
		const fdt::Property *tp = fdt_prop(c, "target-path");
		if (!tp) {
			*why = c.name + ": only target-path fragments (or &{/path}) are supported, not target = <&label>";
			return -EINVAL;
		}
		std::string path(tp->value.c_str());
		struct device_node *target = find_by_path(path);
		if (!target) {
			*why = c.name + ": target-path " + path + " is not in the tree";
			return -ENODEV;
		}
		merge(target, *ov, &added);
	}
	if (!overlay) {
		fdt::Node plain = root;
		std::erase_if(plain.children, [](const fdt::Node &n) { return n.name.rfind("__", 0) == 0; });
		merge(g_root, plain, &added);
	}
	expose(g_root);
	for (struct device_node *np : added)
		populate(np);
	return 0;
}

} // namespace

void of_init()
{
	g_root = new_node(nullptr, "");
	g_root->_flags |= kPopulatedBus;
	auto ctl = sys().make_dirs("kernel/kplay/dt");
	// kplay's control: write the path of a .dtb or overlay to load it
	// (optionally a second line: the source's name for messages).
	sysfs_add_attr(ctl, "load", 0200, nullptr, [](const char *buf, size_t len) -> ssize_t {
		std::string text(buf, strnlen(buf, len));
		std::string path = text.substr(0, text.find('\n'));
		std::string source = text.find('\n') == std::string::npos ? "" : text.substr(text.find('\n') + 1);
		while (!source.empty() && (source.back() == '\n' || source.back() == ' '))
			source.pop_back();
		while (!path.empty() && path.back() == ' ')
			path.pop_back();
		if (source.empty() || source.find('\n') != std::string::npos)
			source = path;
		std::ifstream in(path, std::ios::binary);
		if (path.empty() || !in)
			return -ENOENT;
		std::string blob((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
		if (blob.size() > (16u << 20))
			return -EFBIG;
		std::string why;
		int err = load_blob(blob, &why);
		if (err) {
			_printk(KPLAY_KERN_ERR "kplay: dt: %s: %s\n", source.c_str(), why.c_str());
			return err;
		}
		return static_cast<ssize_t>(len);
	});
}

} // namespace kplay

extern "C" {

struct device_node *of_node_get(struct device_node *node) { return node; }
void of_node_put(struct device_node *) {}

struct property *of_find_property(const struct device_node *np, const char *name, int *lenp)
{
	if (!np || !name)
		return nullptr;
	std::lock_guard lk(kplay::g_of_mu);
	for (struct property *pp = np->properties; pp; pp = pp->next) {
		if (std::strcmp(pp->name, name) == 0) {
			if (lenp)
				*lenp = pp->length;
			return pp;
		}
	}
	return nullptr;
}

const void *of_get_property(const struct device_node *np, const char *name, int *lenp)
{
	struct property *pp = of_find_property(np, name, lenp);
	return pp ? pp->value : nullptr;
}

} // extern "C"

namespace {

// of_find_property_value_of_size: the value, or -EINVAL (absent),
// -ENODATA (no value), -EOVERFLOW (too short or too long).
const void *value_of_size(const struct device_node *np, const char *name, size_t min, size_t max, size_t *len,
			  int *err)
{
	struct property *prop = of_find_property(np, name, nullptr);
	if (!prop) {
		*err = -EINVAL;
		return nullptr;
	}
	if (!prop->value) {
		*err = -ENODATA;
		return nullptr;
	}
	auto plen = static_cast<size_t>(prop->length);
	if (plen < min || (max && plen > max)) {
		*err = -EOVERFLOW;
		return nullptr;
	}
	if (len)
		*len = plen;
	*err = 0;
	return prop->value;
}

template <typename T> T read_be(const unsigned char *p)
{
	T v = 0;
	for (size_t i = 0; i < sizeof(T); ++i)
		v = static_cast<T>((v << 8) | p[i]);
	return v;
}

template <typename T>
int read_array(const struct device_node *np, const char *name, T *out, size_t sz_min, size_t sz_max)
{
	size_t sz = 0;
	int err;
	const void *val = value_of_size(np, name, sz_min * sizeof(T), sz_max * sizeof(T), &sz, &err);
	if (!val)
		return err;
	size_t count = sz_max ? sz / sizeof(T) : sz_min;
	auto *p = static_cast<const unsigned char *>(val);
	for (size_t i = 0; i < count; ++i)
		out[i] = read_be<T>(p + i * sizeof(T));
	return static_cast<int>(count);
}

} // namespace

extern "C" {

int of_property_read_variable_u8_array(const struct device_node *np, const char *propname, u8 *out, size_t sz_min,
				       size_t sz_max)
{
	return read_array<u8>(np, propname, out, sz_min, sz_max);
}

int of_property_read_variable_u16_array(const struct device_node *np, const char *propname, u16 *out,
					size_t sz_min, size_t sz_max)
{
	return read_array<u16>(np, propname, out, sz_min, sz_max);
}

int of_property_read_variable_u32_array(const struct device_node *np, const char *propname, u32 *out,
					size_t sz_min, size_t sz_max)
{
	return read_array<u32>(np, propname, out, sz_min, sz_max);
}

int of_property_read_variable_u64_array(const struct device_node *np, const char *propname, u64 *out,
					size_t sz_min, size_t sz_max)
{
	return read_array<u64>(np, propname, out, sz_min, sz_max);
}

int of_property_read_u32_index(const struct device_node *np, const char *propname, u32 index, u32 *out_value)
{
	int err;
	const void *val = value_of_size(np, propname, (static_cast<size_t>(index) + 1) * 4, 0, nullptr, &err);
	if (!val)
		return err;
	*out_value = read_be<u32>(static_cast<const unsigned char *>(val) + static_cast<size_t>(index) * 4);
	return 0;
}

int of_property_read_u64(const struct device_node *np, const char *propname, u64 *out_value)
{
	int err;
	const void *val = value_of_size(np, propname, 8, 0, nullptr, &err);
	if (!val)
		return err;
	*out_value = read_be<u64>(static_cast<const unsigned char *>(val));
	return 0;
}

int of_property_read_string(const struct device_node *np, const char *propname, const char **out_string)
{
	struct property *prop = of_find_property(np, propname, nullptr);
	if (!prop)
		return -EINVAL;
	if (!prop->length)
		return -ENODATA;
	if (strnlen(static_cast<const char *>(prop->value), static_cast<size_t>(prop->length)) >=
	    static_cast<size_t>(prop->length))
		return -EILSEQ;
	*out_string = static_cast<const char *>(prop->value);
	return 0;
}

int of_property_read_string_helper(const struct device_node *np, const char *propname, const char **out_strs,
				   size_t sz, int skip)
{
	struct property *prop = of_find_property(np, propname, nullptr);
	if (!prop)
		return -EINVAL;
	if (!prop->value)
		return -ENODATA;
	const char *p = static_cast<const char *>(prop->value);
	const char *end = p + prop->length;
	int i = 0;
	for (; p < end && (!out_strs || static_cast<size_t>(i) < static_cast<size_t>(skip) + sz); ++i) {
		size_t l = strnlen(p, static_cast<size_t>(end - p)) + 1;
		if (p + l > end)
			return -EILSEQ;
		if (out_strs && i >= skip)
			*out_strs++ = p;
		p += l;
	}
	i -= skip;
	return i <= 0 ? -ENODATA : i;
}

int of_property_match_string(const struct device_node *np, const char *propname, const char *string)
{
	struct property *prop = of_find_property(np, propname, nullptr);
	if (!prop)
		return -EINVAL;
	if (!prop->value)
		return -ENODATA;
	const char *p = static_cast<const char *>(prop->value);
	const char *end = p + prop->length;
	for (int i = 0; p < end; ++i) {
		size_t l = strnlen(p, static_cast<size_t>(end - p)) + 1;
		if (p + l > end)
			return -EILSEQ;
		if (std::strcmp(string, p) == 0)
			return i;
		p += l;
	}
	return -ENODATA;
}

int of_property_count_elems_of_size(const struct device_node *np, const char *propname, int elem_size)
{
	struct property *prop = of_find_property(np, propname, nullptr);
	if (!prop)
		return -EINVAL;
	if (!prop->value)
		return -ENODATA;
	if (elem_size <= 0 || prop->length % elem_size != 0) {
		_printk(KPLAY_KERN_ERR "size of %s in node %s is not a multiple of %d\n", propname,
			kplay::node_path(np).c_str(), elem_size);
		return -EINVAL;
	}
	return prop->length / elem_size;
}

int of_device_is_compatible(const struct device_node *device, const char *compat)
{
	return device ? kplay::compat_score(device, compat, nullptr, nullptr) : 0;
}

bool of_device_is_available(const struct device_node *device)
{
	if (!device)
		return false;
	int len = 0;
	const char *status = static_cast<const char *>(of_get_property(device, "status", &len));
	if (!status)
		return true;
	return len > 0 && (std::strcmp(status, "okay") == 0 || std::strcmp(status, "ok") == 0);
}

struct device_node *of_get_parent(const struct device_node *node)
{
	return node ? node->parent : nullptr;
}

struct device_node *of_get_next_child(const struct device_node *node, struct device_node *prev)
{
	if (!node)
		return nullptr;
	std::lock_guard lk(kplay::g_of_mu);
	return prev ? prev->sibling : node->child;
}

struct device_node *of_get_next_available_child(const struct device_node *node, struct device_node *prev)
{
	struct device_node *c = of_get_next_child(node, prev);
	while (c && !of_device_is_available(c))
		c = of_get_next_child(node, c);
	return c;
}

struct device_node *of_get_child_by_name(const struct device_node *node, const char *name)
{
	for (struct device_node *c = of_get_next_child(node, nullptr); c; c = of_get_next_child(node, c)) {
		const char *full = c->full_name;
		size_t len = std::strcspn(full, "@");
		if (std::strlen(name) == len && std::strncmp(full, name, len) == 0)
			return c;
	}
	return nullptr;
}

struct device_node *of_find_node_by_path(const char *path)
{
	std::lock_guard lk(kplay::g_of_mu);
	return path ? kplay::find_by_path(path) : nullptr;
}

struct device_node *of_find_compatible_node(struct device_node *from, const char *type, const char *compat)
{
	std::lock_guard lk(kplay::g_of_mu);
	// All nodes in depth-first order (the kernel's allnodes list).
	std::vector<struct device_node *> all;
	std::function<void(struct device_node *)> walk = [&](struct device_node *n) {
		all.push_back(n);
		for (struct device_node *c = n->child; c; c = c->sibling)
			walk(c);
	};
	walk(kplay::g_root);
	bool started = from == nullptr;
	for (struct device_node *n : all) {
		if (!started) {
			started = n == from;
			continue;
		}
		if (kplay::compat_score(n, compat, type, nullptr))
			return n;
	}
	return nullptr;
}

const struct of_device_id *of_match_node(const struct of_device_id *matches, const struct device_node *node)
{
	if (!matches || !node)
		return nullptr;
	const struct of_device_id *best = nullptr;
	int best_score = 0;
	for (; matches->name[0] || matches->type[0] || matches->compatible[0]; ++matches) {
		int score = kplay::compat_score(node, matches->compatible, matches->type, matches->name);
		if (score > best_score) {
			best = matches;
			best_score = score;
		}
	}
	return best;
}

const struct of_device_id *of_match_device(const struct of_device_id *matches, const struct device *dev)
{
	if (!matches || !dev || !dev->of_node)
		return nullptr;
	return of_match_node(matches, dev->of_node);
}

const void *of_device_get_match_data(const struct device *dev)
{
	if (!dev || !dev->driver)
		return nullptr;
	const struct of_device_id *match = of_match_device(dev->driver->of_match_table, dev);
	return match ? match->data : nullptr;
}

} // extern "C"

KPLAY_EXPORT(of_node_get);
KPLAY_EXPORT(of_node_put);
KPLAY_EXPORT(of_find_property);
KPLAY_EXPORT(of_get_property);
KPLAY_EXPORT(of_property_read_variable_u8_array);
KPLAY_EXPORT(of_property_read_variable_u16_array);
KPLAY_EXPORT(of_property_read_variable_u32_array);
KPLAY_EXPORT(of_property_read_variable_u64_array);
KPLAY_EXPORT(of_property_read_u32_index);
KPLAY_EXPORT(of_property_read_u64);
KPLAY_EXPORT(of_property_read_string);
KPLAY_EXPORT(of_property_read_string_helper);
KPLAY_EXPORT(of_property_match_string);
KPLAY_EXPORT(of_property_count_elems_of_size);
KPLAY_EXPORT(of_device_is_compatible);
KPLAY_EXPORT(of_device_is_available);
KPLAY_EXPORT(of_get_parent);
KPLAY_EXPORT(of_get_next_child);
KPLAY_EXPORT(of_get_next_available_child);
KPLAY_EXPORT(of_get_child_by_name);
KPLAY_EXPORT(of_find_node_by_path);
KPLAY_EXPORT(of_find_compatible_node);
KPLAY_EXPORT(of_match_node);
KPLAY_EXPORT(of_match_device);
KPLAY_EXPORT(of_device_get_match_data);
