// Unit tests for kernel/module/elf_file.cpp and image.cpp: reading a plugin's
// ELF image (errors, .modinfo) and mapping/relocating it against a resolver,
// with the unknown-symbol failure insmod reports.
#include "kernel/module/elf_file.h"
#include "kernel/module/image.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

std::string plugin(const char *name) { return std::string(KPLAY_PLUGIN_DIR) + "/" + name; }

std::vector<char> read_bytes(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::optional<kplay::ElfFile> open_plugin(const char *name)
{
	int err = 0;
	std::string why;
	auto elf = kplay::ElfFile::open(plugin(name), &err, &why);
	if (!elf)
		ADD_FAILURE() << plugin(name) << ": " << why << " (" << err << ")";
	return elf;
}

// Any address will do: the plugin's code is never run here.
int g_dummy_target;

TEST(ElfFile, MissingFileIsEnoent)
{
	int err = 0;
	std::string why;
	auto elf = kplay::ElfFile::open(plugin("no-such-plugin.so"), &err, &why);
	EXPECT_FALSE(elf.has_value());
	EXPECT_EQ(err, -ENOENT);
	EXPECT_FALSE(why.empty());
}

TEST(ElfFile, GarbageIsEnoexec)
{
	int err = 0;
	std::string why;
	std::vector<char> junk(512, 'z');
	EXPECT_FALSE(kplay::ElfFile::parse(junk, &err, &why).has_value());
	EXPECT_EQ(err, -ENOEXEC);
	EXPECT_FALSE(why.empty());

	err = 0;
	EXPECT_FALSE(kplay::ElfFile::parse({}, &err, &why).has_value());
	EXPECT_EQ(err, -ENOEXEC);
}

TEST(ElfFile, TruncatedHeaderIsEnoexec)
{
	std::vector<char> bytes = read_bytes(plugin("hello-1.so"));
	ASSERT_GT(bytes.size(), sizeof(Elf64_Ehdr));
	bytes.resize(sizeof(Elf64_Ehdr) - 1);
	int err = 0;
	std::string why;
	EXPECT_FALSE(kplay::ElfFile::parse(bytes, &err, &why).has_value());
	EXPECT_EQ(err, -ENOEXEC);
}

TEST(ElfFile, TruncatedSectionTableIsEnoexec)
{
	std::vector<char> bytes = read_bytes(plugin("hello-1.so"));
	ASSERT_GT(bytes.size(), 4096u);
	// The section headers sit at the end of the file.
	bytes.resize(bytes.size() - 8);
	int err = 0;
	std::string why;
	EXPECT_FALSE(kplay::ElfFile::parse(bytes, &err, &why).has_value());
	EXPECT_EQ(err, -ENOEXEC);
}

TEST(ElfFile, RelocatableObjectIsRefusedWithAHint)
{
	std::vector<char> bytes = read_bytes(plugin("hello-1.so"));
	ASSERT_GE(bytes.size(), sizeof(Elf64_Ehdr));
	auto *eh = reinterpret_cast<Elf64_Ehdr *>(bytes.data());
	eh->e_type = ET_REL;
	int err = 0;
	std::string why;
	EXPECT_FALSE(kplay::ElfFile::parse(bytes, &err, &why).has_value());
	EXPECT_EQ(err, -ENOEXEC);
	EXPECT_NE(why.find(".ko"), std::string::npos) << why;
}

TEST(ElfFile, WrongMachineIsEnoexec)
{
	std::vector<char> bytes = read_bytes(plugin("hello-1.so"));
	ASSERT_GE(bytes.size(), sizeof(Elf64_Ehdr));
	reinterpret_cast<Elf64_Ehdr *>(bytes.data())->e_machine = EM_AARCH64;
	int err = 0;
	std::string why;
	EXPECT_FALSE(kplay::ElfFile::parse(bytes, &err, &why).has_value());
	EXPECT_EQ(err, -ENOEXEC);
}

TEST(ElfFile, ParsesARealPlugin)
{
	std::vector<char> bytes = read_bytes(plugin("hello-1.so"));
	int err = 0;
	std::string why;
	auto elf = kplay::ElfFile::parse(bytes, &err, &why);
	ASSERT_TRUE(elf.has_value()) << why;
	EXPECT_EQ(elf->header().e_type, ET_DYN);
	EXPECT_NE(elf->section(".modinfo"), nullptr);
	EXPECT_NE(elf->section(".gnu.linkonce.this_module"), nullptr);
	EXPECT_EQ(elf->section(".no-such-section"), nullptr);
	const Elf64_Shdr *sh = elf->section(".modinfo");
	ASSERT_NE(sh, nullptr);
	EXPECT_EQ(elf->section_name(*sh), ".modinfo");
	EXPECT_FALSE(elf->program_headers().empty());
}

TEST(ElfFile, ModinfoOfHello4)
{
	auto opened = open_plugin("hello-4.so");
	ASSERT_TRUE(opened.has_value());
	const kplay::ElfFile &elf = *opened;
	auto info = elf.modinfo();
	auto has = [&](const std::string &k, const std::string &v) {
		return std::find(info.begin(), info.end(), std::pair<std::string, std::string>{k, v}) != info.end();
	};
	EXPECT_TRUE(has("license", "GPL"));
	EXPECT_TRUE(has("author", "The kplay authors"));
	EXPECT_TRUE(has("description", "A module that documents itself"));
	EXPECT_TRUE(has("name", "hello_4"));
	auto vermagic = elf.modinfo_value("vermagic");
	ASSERT_TRUE(vermagic.has_value());
	EXPECT_EQ(vermagic->rfind("6.1", 0), 0u) << *vermagic;
	EXPECT_EQ(elf.modinfo_value("license"), "GPL");
	EXPECT_FALSE(elf.modinfo_value("nosuchtag").has_value());
	for (auto &[k, v] : info)
		EXPECT_FALSE(k.empty()) << "=" << v;
}

TEST(ModuleImage, LoadsWhenEverySymbolResolves)
{
	std::set<std::string> asked;
	kplay::SymbolResolver resolve = [&](std::string_view name) {
		asked.emplace(name);
		return kplay::ResolvedSymbol{&g_dummy_target, true};
	};
	auto elf = open_plugin("hello-1.so");
	ASSERT_TRUE(elf.has_value());
	auto img = kplay::ModuleImage::load(std::move(*elf), resolve);
	ASSERT_TRUE(img.has_value()) << img.error().why;
	EXPECT_TRUE(asked.count("_printk"));

	auto [addr, size] = img->section(".gnu.linkonce.this_module");
	ASSERT_NE(addr, nullptr);
	EXPECT_GT(size, 0u);
	EXPECT_TRUE(img->contains(reinterpret_cast<uintptr_t>(addr)));
	EXPECT_TRUE(img->contains(reinterpret_cast<uintptr_t>(addr) + size - 1));
	// __this_module is the struct module in that section.
	EXPECT_EQ(img->symbol("__this_module"), addr);

	void *init = img->symbol("init_module");
	ASSERT_NE(init, nullptr);
	EXPECT_TRUE(img->contains(reinterpret_cast<uintptr_t>(init)));
	EXPECT_EQ(img->describe(reinterpret_cast<uintptr_t>(init)).rfind("init_module+0x0/", 0), 0u)
		<< img->describe(reinterpret_cast<uintptr_t>(init));
	EXPECT_EQ(img->symbol("no_such_symbol"), nullptr);
	EXPECT_EQ(img->section(".no-such-section").first, nullptr);
	EXPECT_GT(img->size(), 0u);
}

TEST(ModuleImage, MovedImageKeepsItsMapping)
{
	kplay::SymbolResolver resolve = [](std::string_view) { return kplay::ResolvedSymbol{&g_dummy_target, true}; };
	auto elf = open_plugin("hello-1.so");
	ASSERT_TRUE(elf.has_value());
	auto img = kplay::ModuleImage::load(std::move(*elf), resolve);
	ASSERT_TRUE(img.has_value()) << img.error().why;
	void *sec = img->section(".gnu.linkonce.this_module").first;
	kplay::ModuleImage moved = std::move(*img);
	EXPECT_EQ(moved.section(".gnu.linkonce.this_module").first, sec);
	EXPECT_TRUE(moved.contains(reinterpret_cast<uintptr_t>(sec)));
}

TEST(ModuleImage, UnknownSymbolsFailWithEnoentAndAreListed)
{
	kplay::SymbolResolver resolve = [](std::string_view) { return kplay::ResolvedSymbol{}; };
	auto elf = open_plugin("hello-1.so");
	ASSERT_TRUE(elf.has_value());
	auto img = kplay::ModuleImage::load(std::move(*elf), resolve);
	ASSERT_FALSE(img.has_value());
	EXPECT_EQ(img.error().err, -ENOENT);
	const auto &unknown = img.error().unknown_symbols;
	EXPECT_NE(std::find(unknown.begin(), unknown.end(), "_printk"), unknown.end());
	// Each unknown symbol is named once.
	std::set<std::string> distinct(unknown.begin(), unknown.end());
	EXPECT_EQ(distinct.size(), unknown.size());
}

TEST(ModuleImage, OnlyTheMissingSymbolsAreListed)
{
	kplay::SymbolResolver resolve = [](std::string_view name) {
		if (name == "_printk")
			return kplay::ResolvedSymbol{};
		return kplay::ResolvedSymbol{&g_dummy_target, true};
	};
	auto elf = open_plugin("hello-4.so");
	ASSERT_TRUE(elf.has_value());
	auto img = kplay::ModuleImage::load(std::move(*elf), resolve);
	ASSERT_FALSE(img.has_value());
	EXPECT_EQ(img.error().err, -ENOENT);
	EXPECT_EQ(img.error().unknown_symbols, std::vector<std::string>{"_printk"});
}

} // namespace
