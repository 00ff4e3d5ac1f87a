// The module list and load/unload (see module.h).
#include "kernel/module/module.h"

#include "kernel/fs/file.h"
#include "kernel/init.h"
#include "kernel/kapi.h"
#include "kernel/oops.h"
#include "kernel/ksyms.h"
#include "kernel/module/image.h"
#include "kernel/params.h"
#include "kernel/sanitizer.h"
#include "kernel/sysfs.h"
#include "kernel/vsprintf.h"
#include "vfs/tree.h"

#include "linux/types.h"
#include "linux/export.h"
#include "linux/module.h"
#include "linux/moduleparam.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <cerrno>
#include <cstring>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

// The loader's per-module bookkeeping; struct module points at it.
struct kplay_module {
	std::string name;
	std::optional<kplay::ModuleImage> image;
	struct module *mod = nullptr;
	std::atomic<int> refcnt{0};
	const kernel_param *kp = nullptr;
	unsigned num_kp = 0;
	const kernel_symbol *syms = nullptr;
	unsigned num_syms = 0;
	std::string license;
	std::set<kplay_module *> uses;    // modules whose symbols this one links to
	std::set<kplay_module *> holders; // modules linking to this one
	bool linked = false;              // holds references on the modules in uses
	std::atomic<bool> oopsed{false};  // its code oopsed: shown as taint D
	std::atomic<bool> bad_access{false}; // KASAN reported a bad access in it: taint B
	std::string path;                 // the plugin file, for source lines in sanitizer reports
	bool ctors_ran = false;           // .init_array ran: .fini_array runs before unmapping
	std::shared_ptr<kplay::vfs::Node> sysfs_dir;
};

namespace kplay {
namespace {

// module_mutex: guards the list; load_lock serialises whole loads/unloads so
// init and exit run one at a time, as in the kernel.
std::mutex g_list_mu;
std::recursive_mutex g_load_lock;
std::list<std::unique_ptr<kplay_module>> g_modules; // load order

constexpr const char *kVermagic = "6.1.0-kplay SMP mod_unload ";

kplay_module *find_locked(const std::string &name)
{
	for (auto &m : g_modules)
		if (m->name == name)
			return m.get();
	return nullptr;
}

bool license_is_gpl_compatible(const std::string &license)
{
	static const char *const ok[] = {"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL",
					 "Dual MPL/GPL"};
	return std::any_of(std::begin(ok), std::end(ok), [&](const char *l) { return license == l; });
}

int unknown_module_param_cb(const char *doing, const char *param, const char *)
{
	_printk(KPLAY_KERN_WARNING "%s: unknown parameter '%s' ignored\n", doing, param);
	return 0;
}

const char *state_name(const kplay_module &m)
{
	switch (m.mod->state) {
	case MODULE_STATE_GOING: return "Unloading";
	case MODULE_STATE_COMING: return "Loading";
	default: return "Live";
	}
}

// /sys/module/<name>/: the module kobject with its standard attributes.
void mod_sysfs_setup(kplay_module *m)
{
	vfs::Tree &sys = vfs::sys_tree();
	auto dir = sys.add_dir(sys.resolve("module"), m->name, 0755);
	m->sysfs_dir = dir;
	if (!dir)
		return;
	sys.add_dir(dir, "holders", 0755);
	sys.add_dir(dir, "notes", 0755);
	sys.add_dir(dir, "sections", 0755);
	auto text = [](std::string s) { return [s](std::string *out) { *out = s; return ssize_t(s.size()); }; };
	sysfs_add_attr(dir, "coresize", 0444, text(std::to_string(m->image->size()) + "\n"), nullptr);
	sysfs_add_attr(dir, "initsize", 0444, text("0\n"), nullptr);
	sysfs_add_attr(dir, "taint", 0444,
		       [m](std::string *out) {
			       *out = std::string(m->bad_access.load() ? "B" : "") + (m->oopsed.load() ? "D" : "") + "OE\n";
			       return ssize_t(out->size());
		       },
		       nullptr);
	sysfs_add_attr(dir, "initstate", 0444,
		       [m](std::string *out) {
			       *out = m->mod->state == MODULE_STATE_GOING ? "going\n"
				      : m->mod->state == MODULE_STATE_COMING ? "coming\n"
									  : "live\n";
			       return ssize_t(out->size());
		       },
		       nullptr);
	sysfs_add_attr(dir, "refcnt", 0444,
		       [m](std::string *out) {
			       *out = std::to_string(m->refcnt.load()) + "\n";
			       return ssize_t(out->size());
		       },
		       nullptr);
	sysfs_add_attr(dir, "uevent", 0200, nullptr, [](const char *, size_t len) { return ssize_t(len); });
	if (auto v = m->image->elf().modinfo_value("version"))
		sysfs_add_attr(dir, "version", 0444, text(*v + "\n"), nullptr);

	// param_sysfs_setup: only parameters with a non-zero perm get a file.
	std::shared_ptr<vfs::Node> pdir;
	for (unsigned i = 0; i < m->num_kp; ++i) {
		const kernel_param *kp = &m->kp[i];
		if (!kp->perm)
			continue;
		if (!pdir)
			pdir = sys.add_dir(dir, "parameters", 0755);
		sysfs_add_attr(
			pdir, kp->name, kp->perm,
			[kp](std::string *out) { return ssize_t(param_attr_show(kp, out)); },
			[kp](const char *buf, size_t len) { return param_attr_store(kp, buf, len); });
	}
}

void mod_sysfs_teardown(kplay_module *m)
{
	if (m->sysfs_dir)
		vfs::sys_tree().remove(m->sysfs_dir);
	m->sysfs_dir.reset();
}

// Holder links: /sys/module/<used>/holders/<user>.
void link_holders(kplay_module *m)
{
	m->linked = true;
	for (kplay_module *used : m->uses) {
		// ref_module: a module using another's symbols pins it.
		used->refcnt.fetch_add(1);
		used->holders.insert(m);
		if (used->sysfs_dir)
			if (auto h = vfs::sys_tree().child(*used->sysfs_dir, "holders"))
				vfs::sys_tree().add_symlink(h, m->name, "../../" + m->name);
	}
}

void unlink_holders(kplay_module *m)
{
	if (!m->linked)
		return;
	m->linked = false;
	for (kplay_module *used : m->uses) {
		used->refcnt.fetch_sub(1);
		used->holders.erase(m);
		if (used->sysfs_dir)
			if (auto h = vfs::sys_tree().child(*used->sysfs_dir, "holders"))
				if (auto link = vfs::sys_tree().child(*h, m->name))
					vfs::sys_tree().remove(link);
	}
}

// Frees a module that is no longer on the list. Files still open on its
// operations (possible only without .owner) are cut off first.
void free_module(std::unique_ptr<kplay_module> m)
{
	bool keep_mapped = false;
	if (m->image) {
		uintptr_t lo = m->image->base(), hi = lo + m->image->size();
		kernel_files_module_gone(lo, hi);
		// A real kernel crashes later when these run in freed memory;
		// kplay drops them and says what the module forgot.
		if (int n = irq_drop_module(lo, hi))
			_printk(KPLAY_KERN_ERR "kplay: %s left %d IRQ handler(s) requested at unload (no free_irq); freed\n",
				m->name.c_str(), n);
		if (int n = softirq_drop_module(lo, hi))
			_printk(KPLAY_KERN_ERR "kplay: %s left %d timer(s)/tasklet(s) pending at unload; dropped\n",
				m->name.c_str(), n);
		if (int n = workqueue_drop_module(lo, hi))
			_printk(KPLAY_KERN_ERR "kplay: %s left %d work item(s) queued at unload; dropped\n", m->name.c_str(), n);
		size_t bytes = 0;
		if (int n = leaked_allocations(lo, hi, &bytes))
			_printk(KPLAY_KERN_WARNING "kplay: %s left %d allocation(s), %zu bytes, unfreed at unload\n",
				m->name.c_str(), n, bytes);
		if (int n = kthreads_of_module(lo, hi)) {
			_printk(KPLAY_KERN_ERR "kplay: %s left %d kernel thread(s) running at unload (never stopped with kthread_stop); its code stays mapped\n",
				m->name.c_str(), n);
			keep_mapped = true;
		}
	}
	// The compiler's destructors (a sanitizer build unregisters the module's
	// globals) run before the memory goes.
	if (m->ctors_ran && !keep_mapped)
		(void)oops_guard([&] {
			for (auto fn : m->image->function_array(".fini_array"))
				fn();
		});
	mod_sysfs_teardown(m.get());
	unlink_holders(m.get());
	destroy_params(m->kp, m->num_kp);
	// Threads still running its code: unmapping would crash the daemon, so
	// the module's memory is deliberately leaked.
	if (keep_mapped)
		(void)m.release();
}

std::string symbolize(uintptr_t addr, bool with_offset)
{
	std::lock_guard lk(g_list_mu);
	for (auto &m : g_modules) {
		if (!m->image->contains(addr))
			continue;
		std::string d = m->image->describe(addr);
		if (d.empty())
			return {};
		if (!with_offset)
			d = d.substr(0, d.find('+'));
		return d + " [" + m->name + "]";
	}
	return {};
}

} // namespace

std::string module_name_from_path(const std::string &path)
{
	std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
	base = base.substr(0, base.find('.'));
	std::replace(base.begin(), base.end(), '-', '_');
	return base;
}

LoadOutcome load_module(const std::string &path, const std::string &args)
{
	std::lock_guard load(g_load_lock);
	int err = 0;
	std::string why;
	std::optional<ElfFile> elf = ElfFile::open(path, &err, &why);
	if (!elf)
		return {err, why};

	std::string name = elf->modinfo_value("name").value_or(module_name_from_path(path));
	if (name.empty() || name.size() >= MODULE_NAME_LEN)
		return {-ENOEXEC, "bad module name"};
	// check_modinfo: the vermagic must be kplay's, as a .ko's must match the kernel's.
	std::string vermagic = elf->modinfo_value("vermagic").value_or("");
	if (vermagic != kVermagic) {
		_printk(KPLAY_KERN_ERR "%s: version magic '%s' should be '%s'\n", name.c_str(), vermagic.c_str(),
			kVermagic);
		return {-ENOEXEC, "version magic mismatch: rebuild with this kplay"};
	}
	{
		std::lock_guard lk(g_list_mu);
		if (find_locked(name))
			return {-EEXIST, {}};
	}
	std::string license = elf->modinfo_value("license").value_or("");
	bool gpl_ok = license_is_gpl_compatible(license);

	auto m = std::make_unique<kplay_module>();
	m->name = name;
	m->license = license;
	{
		std::error_code ec;
		m->path = std::filesystem::absolute(path, ec).string();
	}
	std::vector<std::string> gpl_violations;
	SymbolResolver resolve = [&](std::string_view sym) -> ResolvedSymbol {
		if (const KernelSymbol *ks = find_core_symbol(sym)) {
			if (ks->gpl_only && !gpl_ok) {
				gpl_violations.emplace_back(sym);
				return {};
			}
			return {ks->addr, true};
		}
		std::lock_guard lk(g_list_mu);
		for (auto &other : g_modules) {
			for (unsigned i = 0; i < other->num_syms; ++i) {
				if (sym != other->syms[i].name)
					continue;
				if (other->mod->state == MODULE_STATE_GOING)
					continue;
				m->uses.insert(other.get());
				return {other->syms[i].value, true};
			}
		}
		// A sanitizer build's modules call the sanitizer runtime.
		if (const void *p = sanitizer_runtime_symbol(sym))
			return {p, true};
		return {};
	};
	auto img = ModuleImage::load(std::move(*elf), resolve);
	if (!img) {
		for (const std::string &s : gpl_violations)
			_printk(KPLAY_KERN_ERR "%s: GPL-incompatible module uses GPL-only symbol '%s'\n", name.c_str(),
				s.c_str());
		for (const std::string &s : img.error().unknown_symbols)
			_printk(KPLAY_KERN_WARNING "%s: Unknown symbol %s (err %d)\n", name.c_str(), s.c_str(), -ENOENT);
		if (img.error().err != -ENOENT)
			_printk(KPLAY_KERN_ERR "%s: %s\n", name.c_str(), img.error().why.c_str());
		return {img.error().err, img.error().why};
	}
	m->image.emplace(std::move(*img));

	auto [this_mod, this_size] = m->image->section(".gnu.linkonce.this_module");
	if (!this_mod || this_size < sizeof(struct module)) {
		_printk(KPLAY_KERN_WARNING "%s: No module found in object\n", name.c_str());
		return {-ENOEXEC, "no .gnu.linkonce.this_module section (not built by kplay build?)"};
	}
	m->mod = static_cast<struct module *>(this_mod);
	m->mod->state = MODULE_STATE_COMING;
	m->mod->kplay = m.get();
	auto [kp, kp_size] = m->image->section("__param");
	m->kp = static_cast<const kernel_param *>(kp);
	m->num_kp = kp ? kp_size / sizeof(kernel_param) : 0;
	auto [ks, ks_size] = m->image->section("__ksymtab");
	m->syms = static_cast<const kernel_symbol *>(ks);
	m->num_syms = ks ? ks_size / sizeof(kernel_symbol) : 0;

	kplay_module *raw = m.get();
	{
		std::lock_guard lk(g_list_mu);
		if (find_locked(name))
			return {-EEXIST, {}};
		g_modules.push_back(std::move(m));
	}
	auto unlist = [&]() {
		std::unique_ptr<kplay_module> owned;
		{
			std::lock_guard lk(g_list_mu);
			for (auto it = g_modules.begin(); it != g_modules.end(); ++it) {
				if (it->get() == raw) {
					owned = std::move(*it);
					g_modules.erase(it);
					break;
				}
			}
		}
		free_module(std::move(owned));
	};

	// Parameters are set before init, as the kernel's parse_args in load_module.
	err = parse_args(name.c_str(), args, raw->kp, raw->num_kp, unknown_module_param_cb);
	if (err < 0) {
		unlist();
		return {err, {}};
	}
	mod_sysfs_setup(raw);
	link_holders(raw);

	// do_init_module. An oops in init kills insmod and leaves the module
	// "Loading" for good, as on a real kernel.
	// do_mod_ctors first: the constructors the compiler emitted (a sanitizer
	// build registers the module's globals there).
	int ret = 0;
	if (!oops_guard([&] {
		    raw->ctors_ran = true;
		    for (auto fn : raw->image->function_array(".init_array"))
			    fn();
		    if (raw->mod->init)
			    ret = raw->mod->init();
	    }))
		return {-EFAULT, "oops", true};
	if (ret < 0) {
		raw->mod->state = MODULE_STATE_GOING;
		unlist();
		return {ret, {}};
	}
	if (ret > 0) {
		_printk(KPLAY_KERN_WARNING "do_init_module: '%s'->init suspiciously returned %d, it should follow 0/-E "
					   "convention\ndo_init_module: loading module anyway...\n",
			name.c_str(), ret);
	}
	raw->mod->state = MODULE_STATE_LIVE;
	return {0, {}};
}

int delete_module(const std::string &name_in)
{
	std::lock_guard load(g_load_lock);
	std::string name = module_name_from_path(name_in);
	kplay_module *m;
	{
		std::lock_guard lk(g_list_mu);
		m = find_locked(name);
		if (!m || m->mod->state != MODULE_STATE_LIVE)
			return -ENOENT;
		if (!m->holders.empty())
			return -EWOULDBLOCK;
		// Init without exit: the kernel refuses unless forced.
		if (m->mod->init && !m->mod->exit)
			return -EBUSY;
		if (m->refcnt.load() != 0)
			return -EWOULDBLOCK;
		m->mod->state = MODULE_STATE_GOING;
	}
	// An oops in exit kills rmmod; the module stays, "Unloading".
	if (m->mod->exit && !oops_guard([&] { m->mod->exit(); }))
		return kTaskKilled;
	std::unique_ptr<kplay_module> owned;
	{
		std::lock_guard lk(g_list_mu);
		for (auto it = g_modules.begin(); it != g_modules.end(); ++it) {
			if (it->get() == m) {
				owned = std::move(*it);
				g_modules.erase(it);
				break;
			}
		}
	}
	free_module(std::move(owned));
	return 0;
}

std::vector<ModuleSummary> list_modules()
{
	std::lock_guard lk(g_list_mu);
	std::vector<ModuleSummary> out;
	for (auto it = g_modules.rbegin(); it != g_modules.rend(); ++it) {
		const kplay_module &m = **it;
		ModuleSummary s;
		s.name = m.name;
		s.size = m.image->size();
		s.refcnt = m.refcnt.load();
		for (kplay_module *h : m.holders)
			s.holders.push_back(h->name);
		s.permanent = m.mod->init && !m.mod->exit;
		s.oopsed = m.oopsed.load();
		s.bad_access = m.bad_access.load();
		s.state = state_name(m);
		out.push_back(std::move(s));
	}
	return out;
}

void unload_all_modules()
{
	std::lock_guard load(g_load_lock);
	for (;;) {
		std::unique_ptr<kplay_module> owned;
		{
			std::lock_guard lk(g_list_mu);
			if (g_modules.empty())
				return;
			owned = std::move(g_modules.back());
			g_modules.pop_back();
		}
		owned->mod->state = MODULE_STATE_GOING;
		if (owned->mod->exit)
			(void)oops_guard([&] { owned->mod->exit(); });
		free_module(std::move(owned));
	}
}

std::string proc_modules_text()
{
	std::string out;
	for (const ModuleSummary &s : list_modules()) {
		// m_show + print_unload_info; addresses are hidden (kptr_restrict).
		out += s.name + " " + std::to_string(s.size) + " " + std::to_string(s.refcnt) + " ";
		std::string deps;
		for (const std::string &h : s.holders)
			deps += h + ",";
		if (s.permanent)
			deps += "[permanent],";
		out += deps.empty() ? "-" : deps;
		out += " " + s.state + " 0x0000000000000000 (" + (s.bad_access ? "B" : "") + (s.oopsed ? "D" : "") + "OE)\n";
	}
	return out;
}

std::string module_mark_oopsed(uintptr_t addr)
{
	std::lock_guard lk(g_list_mu);
	for (auto &m : g_modules) {
		if (m->image && m->image->contains(addr)) {
			m->oopsed.store(true);
			return m->name;
		}
	}
	return {};
}

std::optional<ModuleAddress> module_address(uintptr_t addr)
{
	std::lock_guard lk(g_list_mu);
	for (auto &m : g_modules) {
		if (!m->image || !m->image->contains(addr))
			continue;
		return ModuleAddress{m->name, m->path, m->image->describe(addr), addr - m->image->base()};
	}
	return std::nullopt;
}

std::string module_mark_bad_access(uintptr_t addr)
{
	std::lock_guard lk(g_list_mu);
	for (auto &m : g_modules) {
		if (m->image && m->image->contains(addr)) {
			m->bad_access.store(true);
			return m->name;
		}
	}
	return {};
}

void module_subsys_init()
{
	vfs::sys_tree().make_dirs("module");
	vfs::proc_tree().add_file(vfs::proc_tree().root(), "modules", 0444,
				  std::make_shared<vfs::SnapshotFile>(proc_modules_text));
	set_symbolizer(symbolize);
}

} // namespace kplay

// ---- module references (kernel/module/main.c) ----

extern "C" {

bool try_module_get(struct module *module)
{
	if (!module)
		return true;
	if (module->state == MODULE_STATE_GOING)
		return false;
	module->kplay->refcnt.fetch_add(1);
	return true;
}

void __module_get(struct module *module)
{
	if (module)
		module->kplay->refcnt.fetch_add(1);
}

void module_put(struct module *module)
{
	if (module)
		module->kplay->refcnt.fetch_sub(1);
}

int module_refcount(struct module *mod)
{
	return mod ? mod->kplay->refcnt.load() : 0;
}

const char *module_name(const struct module *mod)
{
	return mod ? mod->name : "kernel";
}

} // extern "C"

KPLAY_EXPORT(try_module_get);
KPLAY_EXPORT(__module_get);
KPLAY_EXPORT(module_put);
KPLAY_EXPORT(module_refcount);
KPLAY_EXPORT(module_name);
