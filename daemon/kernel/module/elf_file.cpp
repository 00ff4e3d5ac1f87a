// ElfFile: bounds-checked reading of a plugin's ELF image.
#include "kernel/module/elf_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace kplay {

std::optional<ElfFile> ElfFile::open(const std::string &path, int *error, std::string *why)
{
	std::ifstream in(path, std::ios::binary);
	if (!in) {
		*error = -errno;
		*why = std::strerror(errno);
		return std::nullopt;
	}
	std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	return parse(std::move(bytes), error, why);
}

std::optional<ElfFile> ElfFile::parse(std::vector<char> bytes, int *error, std::string *why)
{
	auto fail = [&](const char *msg) -> std::optional<ElfFile> {
		*error = -ENOEXEC;
		*why = msg;
		return std::nullopt;
	};
	if (bytes.size() < sizeof(Elf64_Ehdr) || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0)
		return fail("not an ELF file");
	const auto *eh = reinterpret_cast<const Elf64_Ehdr *>(bytes.data());
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_X86_64)
		return fail("not an x86-64 ELF file");
	if (eh->e_type == ET_REL)
		return fail("a kernel object (.ko) built by kbuild, not a kplay plugin: build it with `kplay build`");
	if (eh->e_type != ET_DYN)
		return fail("not a kplay plugin (ELF shared object)");
	const uint64_t size = bytes.size();
	if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff > size ||
	    uint64_t(eh->e_shnum) * sizeof(Elf64_Shdr) > size - eh->e_shoff || eh->e_shstrndx >= eh->e_shnum)
		return fail("corrupt section headers");
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > size ||
	    uint64_t(eh->e_phnum) * sizeof(Elf64_Phdr) > size - eh->e_phoff)
		return fail("corrupt program headers");
	const auto *sh = reinterpret_cast<const Elf64_Shdr *>(bytes.data() + eh->e_shoff);
	for (unsigned i = 0; i < eh->e_shnum; ++i) {
		if (sh[i].sh_type != SHT_NOBITS && (sh[i].sh_offset > size || sh[i].sh_size > size - sh[i].sh_offset))
			return fail("section outside the file");
	}
	const auto *ph = reinterpret_cast<const Elf64_Phdr *>(bytes.data() + eh->e_phoff);
	for (unsigned i = 0; i < eh->e_phnum; ++i) {
		if (ph[i].p_type == PT_LOAD &&
		    (ph[i].p_offset > size || ph[i].p_filesz > size - ph[i].p_offset || ph[i].p_filesz > ph[i].p_memsz))
			return fail("segment outside the file");
	}
	return ElfFile(std::move(bytes));
}

std::vector<const Elf64_Shdr *> ElfFile::sections() const
{
	std::vector<const Elf64_Shdr *> v;
	const auto *sh = reinterpret_cast<const Elf64_Shdr *>(bytes_.data() + header().e_shoff);
	for (unsigned i = 0; i < header().e_shnum; ++i)
		v.push_back(&sh[i]);
	return v;
}

std::vector<const Elf64_Phdr *> ElfFile::program_headers() const
{
	std::vector<const Elf64_Phdr *> v;
	const auto *ph = reinterpret_cast<const Elf64_Phdr *>(bytes_.data() + header().e_phoff);
	for (unsigned i = 0; i < header().e_phnum; ++i)
		v.push_back(&ph[i]);
	return v;
}

std::string_view ElfFile::contents(const Elf64_Shdr &sh) const
{
	if (sh.sh_type == SHT_NOBITS)
		return {};
	return {bytes_.data() + sh.sh_offset, sh.sh_size};
}

std::string_view ElfFile::section_name(const Elf64_Shdr &sh) const
{
	const auto *shs = reinterpret_cast<const Elf64_Shdr *>(bytes_.data() + header().e_shoff) + header().e_shstrndx;
	std::string_view strtab = contents(*shs);
	if (sh.sh_name >= strtab.size())
		return {};
	std::string_view rest = strtab.substr(sh.sh_name);
	return rest.substr(0, rest.find('\0'));
}

const Elf64_Shdr *ElfFile::section(std::string_view name) const
{
	for (const Elf64_Shdr *sh : sections())
		if (section_name(*sh) == name)
			return sh;
	return nullptr;
}

std::vector<std::pair<std::string, std::string>> ElfFile::modinfo() const
{
	std::vector<std::pair<std::string, std::string>> out;
	const Elf64_Shdr *sh = section(".modinfo");
	if (!sh)
		return out;
	std::string_view data = contents(*sh);
	size_t pos = 0;
	while (pos < data.size()) {
		size_t end = data.find('\0', pos);
		if (end == std::string_view::npos)
			end = data.size();
		std::string_view entry = data.substr(pos, end - pos);
		pos = end + 1;
		if (entry.empty())
			continue; // alignment padding between entries
		size_t eq = entry.find('=');
		if (eq == std::string_view::npos)
			continue;
		out.emplace_back(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
	}
	return out;
}

std::optional<std::string> ElfFile::modinfo_value(std::string_view tag) const
{
	for (auto &[k, v] : modinfo())
		if (k == tag)
			return v;
	return std::nullopt;
}

} // namespace kplay
