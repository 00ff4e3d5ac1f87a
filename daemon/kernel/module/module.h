// The module list and the load/unload paths (mirrors kernel/module/main.c:
// load_module, do_init_module, delete_module), plus what the kernel shows
// about modules: /sys/module/<name>/ and /proc/modules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kplay {

/// What load_module reports back to insmod: the errno and, for failures
/// that are not the module's own, a one-line reason for the daemon log.
struct LoadOutcome {
	int err = 0; // 0 or negative errno, as the syscall returns
	std::string why;
	bool killed = false; // init oopsed: the kernel killed insmod
};

/// delete_module's result when exit() oopsed: the kernel killed rmmod.
constexpr int kTaskKilled = -14 - 1000;

/// finit_module: loads a plugin with insmod's argument string.
LoadOutcome load_module(const std::string &path, const std::string &args);

/// delete_module: -ENOENT (not loaded), -EWOULDBLOCK (in use, or used by
/// another module), -EBUSY (has init but no exit), else runs exit and frees.
int delete_module(const std::string &name);

struct ModuleSummary {
	std::string name;
	size_t size = 0;
	int refcnt = 0;
	std::vector<std::string> holders;
	bool permanent = false; // init without exit: cannot be unloaded
	std::string state;      // "Live", "Loading", "Unloading"
	bool oopsed = false;    // taint D: its code oopsed
	bool bad_access = false; // taint B: KASAN reported a bad access in its code
};

/// Loaded modules, most recently loaded first (as lsmod lists them).
std::vector<ModuleSummary> list_modules();

/// Unloads every module in reverse load order (daemon shutdown); modules that
/// cannot be unloaded normally still get their exit called.
void unload_all_modules();

/// Marks the module whose code contains addr as having oopsed (taint D);
/// returns its name, or "" for an address in no module.
std::string module_mark_oopsed(uintptr_t addr);

/// Marks the module whose code contains addr with taint B (a KASAN report
/// in a sanitizer build); returns its name, or "".
std::string module_mark_bad_access(uintptr_t addr);

/// Where an address lies in a loaded module, for sanitizer reports.
struct ModuleAddress {
	std::string module; // name
	std::string path;   // the plugin file it was loaded from
	std::string where;  // "func+0x1c/0x40", or "" without a symbol
	uint64_t vaddr = 0; // the address in the file's terms (for addr2line)
};
std::optional<ModuleAddress> module_address(uintptr_t addr);

/// /proc/modules text, in the kernel's format.
std::string proc_modules_text();

/// Module name from a file name: basename without extension, '-' -> '_'.
std::string module_name_from_path(const std::string &path);

/// Creates /sys/module and the module-related files in the trees.
void module_subsys_init();

} // namespace kplay
