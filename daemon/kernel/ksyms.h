// The kernel symbol table: every function and object the kernel-API layer
// exports to modules, as the kernel's __ksymtab does. A module can link only
// against names listed here (or exported by another loaded module); anything
// else fails the load with "Unknown symbol", as insmod does on a real kernel.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace kplay {

struct KernelSymbol {
	const char *name;
	const void *addr;
	bool gpl_only;
};

/// Looks up a symbol of the emulated kernel itself (not of modules).
[[nodiscard]] const KernelSymbol *find_core_symbol(std::string_view name);

/// All core symbols, sorted by name (for /proc/kallsyms and tests).
[[nodiscard]] std::vector<const KernelSymbol *> core_symbols();

/// kallsyms: an exported core symbol, or one of the few internal symbols
/// the emulated kernel names without exporting them (KPLAY_KALLSYMS:
/// kallsyms_lookup_name, sys_call_table, __x64_sys_*). 0 when unknown.
[[nodiscard]] unsigned long kallsyms_address(std::string_view name);

} // namespace kplay

// Registers a symbol in the kplay_ksymtab section; the table is read at run
// time through the linker's __start_/__stop_ symbols, so every subsystem file
// lists its own exports beside their definitions.
// The explicit alignment keeps the compiler from padding entries apart (it
// may align larger objects to 16 or 32 bytes), so the section is an array.
#define KPLAY_EXPORT_NAMED(symname, address, gpl)                                                        \
	[[gnu::used, gnu::section("kplay_ksymtab"), gnu::aligned(8)]] static const ::kplay::KernelSymbol \
		__kplay_ksym_##symname = {#symname, reinterpret_cast<const void *>(address), gpl}

#define KPLAY_EXPORT(sym) KPLAY_EXPORT_NAMED(sym, &sym, false)
#define KPLAY_EXPORT_GPL(sym) KPLAY_EXPORT_NAMED(sym, &sym, true)

// An internal symbol: visible to kallsyms_lookup_name and kprobes, never
// linkable by a module (as sys_call_table on 6.1).
#define KPLAY_KALLSYMS_NAMED(symname, address)                                                           \
	[[gnu::used, gnu::section("kplay_kallsyms"), gnu::aligned(8)]] static const ::kplay::KernelSymbol \
		__kplay_kallsym_##symname = {#symname, reinterpret_cast<const void *>(address), false}
#define KPLAY_KALLSYMS(sym) KPLAY_KALLSYMS_NAMED(sym, &sym)
