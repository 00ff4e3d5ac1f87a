// ModuleImage: a plugin mapped into the daemon and relocated against the
// kernel symbol table, the way kernel/module/main.c lays out and relocates a
// .ko. No libc dynamic linking is involved: a plugin sees only the symbols the
// resolver hands it, so an unimplemented kernel function is an unknown symbol.
#pragma once

#include "kernel/module/elf_file.h"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kplay {

/// What the resolver found for an undefined symbol.
struct ResolvedSymbol {
	const void *addr = nullptr;
	bool found = false;
};

using SymbolResolver = std::function<ResolvedSymbol(std::string_view name)>;

struct LoadError {
	int err;                                 // negative errno, as load_module returns
	std::vector<std::string> unknown_symbols; // for -ENOENT
	std::string why;                         // for other failures
};

class ModuleImage {
public:
	ModuleImage(const ModuleImage &) = delete;
	ModuleImage &operator=(const ModuleImage &) = delete;
	ModuleImage(ModuleImage &&other) noexcept;
	ModuleImage &operator=(ModuleImage &&other) noexcept;
	~ModuleImage();

	/// Maps and relocates; returns every unknown symbol, not just the first.
	[[nodiscard]] static std::expected<ModuleImage, LoadError> load(ElfFile elf, const SymbolResolver &resolve);

	/// Run-time address and size of a named section, or {nullptr, 0}.
	[[nodiscard]] std::pair<void *, size_t> section(std::string_view name) const;
	/// The functions listed in .init_array or .fini_array (constructors the
	/// compiler emits, e.g. the sanitizers' registration of the module's globals).
	[[nodiscard]] std::vector<void (*)()> function_array(std::string_view name) const;
	/// Address of a symbol the plugin defines (dynamic or static symbol table).
	[[nodiscard]] void *symbol(std::string_view name) const;
	/// "func+0x1c/0x40" for an address inside the image, as %pS prints it.
	[[nodiscard]] std::string describe(uintptr_t addr) const;
	[[nodiscard]] bool contains(uintptr_t addr) const { return addr >= base_ && addr < base_ + span_; }
	[[nodiscard]] size_t size() const { return span_; }
	[[nodiscard]] uintptr_t base() const { return base_; }
	[[nodiscard]] const ElfFile &elf() const { return elf_; }

private:
	explicit ModuleImage(ElfFile elf) : elf_(std::move(elf)) {}
	void unmap();
	ElfFile elf_;
	uintptr_t base_ = 0; // load bias: run-time address = base_ + vaddr
	void *mapping_ = nullptr;
	size_t span_ = 0;
};

} // namespace kplay
