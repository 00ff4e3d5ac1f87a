// ModuleImage: mapping and relocating a plugin (see image.h).
#include "kernel/module/image.h"

#include <sys/mman.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <map>

namespace kplay {
namespace {

constexpr uintptr_t kPage = 4096;

uintptr_t page_down(uintptr_t v) { return v & ~(kPage - 1); }
uintptr_t page_up(uintptr_t v) { return (v + kPage - 1) & ~(kPage - 1); }

int prot_of(uint32_t pflags)
{
	int prot = 0;
	if (pflags & PF_R)
		prot |= PROT_READ;
	if (pflags & PF_W)
		prot |= PROT_WRITE;
	if (pflags & PF_X)
		prot |= PROT_EXEC;
	return prot;
}

struct DynamicInfo {
	uint64_t symtab = 0, strtab = 0, strsz = 0;
	uint64_t rela = 0, relasz = 0, jmprel = 0, pltrelsz = 0;
	std::vector<uint64_t> needed;
	bool textrel = false;
};

} // namespace

ModuleImage::ModuleImage(ModuleImage &&o) noexcept
	: elf_(std::move(o.elf_)), base_(o.base_), mapping_(o.mapping_), span_(o.span_)
{
	o.mapping_ = nullptr;
	o.span_ = 0;
}

ModuleImage &ModuleImage::operator=(ModuleImage &&o) noexcept
{
	if (this != &o) {
		unmap();
		elf_ = std::move(o.elf_);
		base_ = o.base_;
		mapping_ = o.mapping_;
		span_ = o.span_;
		o.mapping_ = nullptr;
		o.span_ = 0;
	}
	return *this;
}

ModuleImage::~ModuleImage() { unmap(); }

void ModuleImage::unmap()
{
	if (mapping_) {
#if defined(__SANITIZE_ADDRESS__)
		// Redzones of the module's globals must not outlive its memory: the
		// next mapping at this address would report bogus overflows.
		__asan_unpoison_memory_region(mapping_, span_);
#endif
		munmap(mapping_, span_);
	}
	mapping_ = nullptr;
}

std::expected<ModuleImage, LoadError> ModuleImage::load(ElfFile elf, const SymbolResolver &resolve)
{
	auto fail = [](int err, std::string why) { return std::unexpected(LoadError{err, {}, std::move(why)}); };

	uintptr_t lo = UINTPTR_MAX, hi = 0;
	const Elf64_Phdr *dynamic = nullptr;
	for (const Elf64_Phdr *ph : elf.program_headers()) {
		if (ph->p_type == PT_LOAD) {
			lo = std::min<uintptr_t>(lo, page_down(ph->p_vaddr));
			hi = std::max<uintptr_t>(hi, page_up(ph->p_vaddr + ph->p_memsz));
		} else if (ph->p_type == PT_DYNAMIC) {
			dynamic = ph;
		} else if (ph->p_type == PT_TLS) {
			return fail(-ENOEXEC, "thread-local storage is not available to kernel modules");
		}
	}
	if (lo >= hi)
		return fail(-ENOEXEC, "no loadable segment");

	ModuleImage img(std::move(elf));
	img.span_ = hi - lo;
	img.mapping_ = mmap(nullptr, img.span_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (img.mapping_ == MAP_FAILED) {
		img.mapping_ = nullptr;
		return fail(-ENOMEM, "cannot map module memory");
	}
	img.base_ = reinterpret_cast<uintptr_t>(img.mapping_) - lo;
	const char *file = img.elf_.bytes().data();
	for (const Elf64_Phdr *ph : img.elf_.program_headers())
		if (ph->p_type == PT_LOAD)
			std::memcpy(reinterpret_cast<void *>(img.base_ + ph->p_vaddr), file + ph->p_offset, ph->p_filesz);

	auto in_image = [&](uint64_t vaddr, uint64_t len) { return vaddr >= lo && vaddr <= hi && len <= hi - vaddr; };

	DynamicInfo dyn;
	if (dynamic) {
		if (!in_image(dynamic->p_vaddr, dynamic->p_memsz))
			return fail(-ENOEXEC, "corrupt dynamic section");
		const auto *d = reinterpret_cast<const Elf64_Dyn *>(img.base_ + dynamic->p_vaddr);
		for (size_t i = 0; i < dynamic->p_memsz / sizeof(Elf64_Dyn) && d[i].d_tag != DT_NULL; ++i) {
			switch (d[i].d_tag) {
			case DT_SYMTAB: dyn.symtab = d[i].d_un.d_ptr; break;
			case DT_STRTAB: dyn.strtab = d[i].d_un.d_ptr; break;
			case DT_STRSZ: dyn.strsz = d[i].d_un.d_val; break;
			case DT_RELA: dyn.rela = d[i].d_un.d_ptr; break;
			case DT_RELASZ: dyn.relasz = d[i].d_un.d_val; break;
			case DT_JMPREL: dyn.jmprel = d[i].d_un.d_ptr; break;
			case DT_PLTRELSZ: dyn.pltrelsz = d[i].d_un.d_val; break;
			case DT_NEEDED: dyn.needed.push_back(d[i].d_un.d_val); break;
			case DT_TEXTREL: dyn.textrel = true; break;
			case DT_REL: return fail(-ENOEXEC, "REL relocations are not used on x86-64");
			default: break;
			}
		}
	}
	if (!in_image(dyn.strtab, dyn.strsz))
		return fail(-ENOEXEC, "corrupt dynamic string table");
	std::string_view dynstr(reinterpret_cast<const char *>(img.base_ + dyn.strtab), dyn.strsz);
	auto dyn_name = [&](uint64_t off) -> std::string_view {
		if (off >= dynstr.size())
			return {};
		std::string_view s = dynstr.substr(off);
		return s.substr(0, s.find('\0'));
	};
	if (!dyn.needed.empty())
		return fail(-ENOEXEC, "links against a userspace library (" + std::string(dyn_name(dyn.needed.front())) +
					      "); modules may use only kernel symbols");

	size_t nsyms = 0;
	if (const Elf64_Shdr *ds = img.elf_.section(".dynsym"))
		nsyms = ds->sh_size / sizeof(Elf64_Sym);
	if (nsyms && !in_image(dyn.symtab, nsyms * sizeof(Elf64_Sym)))
		return fail(-ENOEXEC, "corrupt dynamic symbol table");
	const auto *syms = reinterpret_cast<const Elf64_Sym *>(img.base_ + dyn.symtab);

	// Resolve every undefined symbol once; collect all the unknown ones so the
	// log names each, as simplify_symbols() does.
	std::map<uint32_t, uint64_t> resolved;
	std::vector<std::string> unknown;
	auto value_of = [&](uint32_t idx) -> uint64_t {
		if (auto it = resolved.find(idx); it != resolved.end())
			return it->second;
		const Elf64_Sym &s = syms[idx];
		uint64_t v = 0;
		if (s.st_shndx != SHN_UNDEF) {
			v = img.base_ + s.st_value;
		} else {
			std::string_view name = dyn_name(s.st_name);
			ResolvedSymbol r = resolve(name);
			if (r.found)
				v = reinterpret_cast<uint64_t>(r.addr);
			else if (ELF64_ST_BIND(s.st_info) != STB_WEAK)
				unknown.emplace_back(name);
		}
		resolved[idx] = v;
		return v;
	};

	auto apply = [&](uint64_t table, uint64_t bytes) -> std::string {
		if (!bytes)
			return {};
		if (!in_image(table, bytes))
			return "corrupt relocation table";
		const auto *rel = reinterpret_cast<const Elf64_Rela *>(img.base_ + table);
		for (size_t i = 0; i < bytes / sizeof(Elf64_Rela); ++i) {
			uint32_t type = ELF64_R_TYPE(rel[i].r_info);
			uint32_t idx = ELF64_R_SYM(rel[i].r_info);
			if (type == R_X86_64_NONE)
				continue;
			if (!in_image(rel[i].r_offset, 8))
				return "relocation outside the module";
			if (idx >= nsyms && idx != 0)
				return "relocation against a missing symbol";
			auto *where = reinterpret_cast<uint64_t *>(img.base_ + rel[i].r_offset);
			switch (type) {
			case R_X86_64_RELATIVE: *where = img.base_ + rel[i].r_addend; break;
			case R_X86_64_64: *where = value_of(idx) + rel[i].r_addend; break;
			case R_X86_64_GLOB_DAT:
			case R_X86_64_JUMP_SLOT: *where = value_of(idx); break;
			default: return "unsupported relocation type " + std::to_string(type);
			}
		}
		return {};
	};
	if (dyn.textrel)
		return fail(-ENOEXEC, "text relocations (build with -fPIC)");
	if (std::string e = apply(dyn.rela, dyn.relasz); !e.empty())
		return fail(-ENOEXEC, e);
	if (std::string e = apply(dyn.jmprel, dyn.pltrelsz); !e.empty())
		return fail(-ENOEXEC, e);
	if (!unknown.empty())
		return std::unexpected(LoadError{-ENOENT, std::move(unknown), {}});

	// Final protections: the union of the segments on each page, then RELRO.
	std::map<uintptr_t, int> page_prot;
	for (const Elf64_Phdr *ph : img.elf_.program_headers()) {
		if (ph->p_type != PT_LOAD)
			continue;
		for (uintptr_t p = page_down(ph->p_vaddr); p < ph->p_vaddr + ph->p_memsz; p += kPage)
			page_prot[p] |= prot_of(ph->p_flags);
	}
	for (const Elf64_Phdr *ph : img.elf_.program_headers()) {
		if (ph->p_type != PT_GNU_RELRO)
			continue;
		for (uintptr_t p = page_down(ph->p_vaddr); p + kPage <= page_up(ph->p_vaddr + ph->p_memsz); p += kPage)
			if (p >= ph->p_vaddr || p + kPage <= ph->p_vaddr + ph->p_memsz)
				page_prot[p] &= ~PROT_WRITE;
	}
	for (auto [page, prot] : page_prot)
		if (mprotect(reinterpret_cast<void *>(img.base_ + page), kPage, prot) != 0)
			return fail(-errno, "mprotect failed");
	return img;
}

std::vector<void (*)()> ModuleImage::function_array(std::string_view name) const
{
	auto [p, size] = section(name);
	std::vector<void (*)()> out;
	const auto *fns = static_cast<void (*const *)()>(p);
	for (size_t i = 0; p && i < size / sizeof(void (*)()); ++i) {
		// -1 and 0 are the old end markers; a pointer outside the image is not
		// the module's code.
		auto a = reinterpret_cast<uintptr_t>(fns[i]);
		if (a != 0 && a != UINTPTR_MAX && contains(a))
			out.push_back(fns[i]);
	}
	return out;
}

std::pair<void *, size_t> ModuleImage::section(std::string_view name) const
{
	const Elf64_Shdr *sh = elf_.section(name);
	if (!sh || !(sh->sh_flags & SHF_ALLOC))
		return {nullptr, 0};
	return {reinterpret_cast<void *>(base_ + sh->sh_addr), sh->sh_size};
}

void *ModuleImage::symbol(std::string_view name) const
{
	for (const char *tab : {".symtab", ".dynsym"}) {
		const Elf64_Shdr *sh = elf_.section(tab);
		if (!sh || sh->sh_link >= elf_.header().e_shnum)
			continue;
		std::string_view strs = elf_.contents(*elf_.sections()[sh->sh_link]);
		std::string_view data = elf_.contents(*sh);
		const auto *syms = reinterpret_cast<const Elf64_Sym *>(data.data());
		for (size_t i = 0; i < data.size() / sizeof(Elf64_Sym); ++i) {
			if (syms[i].st_shndx == SHN_UNDEF || syms[i].st_name >= strs.size())
				continue;
			std::string_view n = strs.substr(syms[i].st_name);
			if (n.substr(0, n.find('\0')) == name)
				return reinterpret_cast<void *>(base_ + syms[i].st_value);
		}
	}
	return nullptr;
}

std::string ModuleImage::describe(uintptr_t addr) const
{
	const Elf64_Shdr *sh = elf_.section(".symtab");
	if (!sh || sh->sh_link >= elf_.header().e_shnum || !contains(addr))
		return {};
	std::string_view strs = elf_.contents(*elf_.sections()[sh->sh_link]);
	std::string_view data = elf_.contents(*sh);
	const auto *syms = reinterpret_cast<const Elf64_Sym *>(data.data());
	const Elf64_Sym *best = nullptr;
	uint64_t off = addr - base_;
	for (size_t i = 0; i < data.size() / sizeof(Elf64_Sym); ++i) {
		const Elf64_Sym &s = syms[i];
		if (ELF64_ST_TYPE(s.st_info) != STT_FUNC || s.st_shndx == SHN_UNDEF || s.st_name >= strs.size())
			continue;
		if (s.st_value <= off && (!best || s.st_value > best->st_value))
			best = &s;
	}
	if (!best)
		return {};
	std::string_view n = strs.substr(best->st_name);
	char buf[64];
	std::snprintf(buf, sizeof buf, "+0x%lx/0x%lx", static_cast<unsigned long>(off - best->st_value),
		      static_cast<unsigned long>(best->st_size));
	return std::string(n.substr(0, n.find('\0'))) + buf;
}

} // namespace kplay
