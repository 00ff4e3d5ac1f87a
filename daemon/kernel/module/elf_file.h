// Read-only view of a plugin file's ELF image: sections by name, symbols and
// the .modinfo strings. Used by the loader and by `kplay modinfo`, which
// reads a module without loading it, as kmod's modinfo does.
#pragma once

#include <elf.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kplay {

class ElfFile {
public:
	/// Reads and checks the file; on failure returns nullopt and sets *error
	/// to a negative errno (-ENOENT, -ENOEXEC, ...) and *why to a message.
	[[nodiscard]] static std::optional<ElfFile> open(const std::string &path, int *error, std::string *why);

	/// Parses an in-memory image (tests use this).
	[[nodiscard]] static std::optional<ElfFile> parse(std::vector<char> bytes, int *error, std::string *why);

	[[nodiscard]] const Elf64_Ehdr &header() const { return *reinterpret_cast<const Elf64_Ehdr *>(bytes_.data()); }
	[[nodiscard]] const std::vector<char> &bytes() const { return bytes_; }
	[[nodiscard]] const Elf64_Shdr *section(std::string_view name) const;
	[[nodiscard]] std::string_view section_name(const Elf64_Shdr &sh) const;
	[[nodiscard]] std::vector<const Elf64_Shdr *> sections() const;
	[[nodiscard]] std::vector<const Elf64_Phdr *> program_headers() const;
	/// Contents of a section that occupies file bytes (empty for NOBITS).
	[[nodiscard]] std::string_view contents(const Elf64_Shdr &sh) const;

	/// The "tag=value" strings of .modinfo, in file order.
	[[nodiscard]] std::vector<std::pair<std::string, std::string>> modinfo() const;
	/// The first value of a .modinfo tag, if present.
	[[nodiscard]] std::optional<std::string> modinfo_value(std::string_view tag) const;

private:
	explicit ElfFile(std::vector<char> bytes) : bytes_(std::move(bytes)) {}
	std::vector<char> bytes_;
};

} // namespace kplay
