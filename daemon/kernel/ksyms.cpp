// The kernel symbol table (see ksyms.h).
#include "kernel/ksyms.h"

#include <algorithm>
#include <mutex>

extern "C" {
extern const kplay::KernelSymbol __start_kplay_ksymtab[];
extern const kplay::KernelSymbol __stop_kplay_ksymtab[];
extern const kplay::KernelSymbol __start_kplay_kallsyms[];
extern const kplay::KernelSymbol __stop_kplay_kallsyms[];
}

namespace kplay {
namespace {

const std::vector<const KernelSymbol *> &sorted_table()
{
	static const std::vector<const KernelSymbol *> table = [] {
		std::vector<const KernelSymbol *> v;
		for (const KernelSymbol *s = __start_kplay_ksymtab; s < __stop_kplay_ksymtab; ++s)
			v.push_back(s);
		std::sort(v.begin(), v.end(), [](const KernelSymbol *a, const KernelSymbol *b) {
			return std::string_view(a->name) < std::string_view(b->name);
		});
		return v;
	}();
	return table;
}

} // namespace

const KernelSymbol *find_core_symbol(std::string_view name)
{
	const auto &t = sorted_table();
	auto it = std::lower_bound(t.begin(), t.end(), name, [](const KernelSymbol *s, std::string_view n) {
		return std::string_view(s->name) < n;
	});
	if (it == t.end() || std::string_view((*it)->name) != name)
		return nullptr;
	return *it;
}

std::vector<const KernelSymbol *> core_symbols()
{
	return sorted_table();
}

unsigned long kallsyms_address(std::string_view name)
{
	if (const KernelSymbol *s = find_core_symbol(name))
		return reinterpret_cast<unsigned long>(s->addr);
	for (const KernelSymbol *s = __start_kplay_kallsyms; s < __stop_kplay_kallsyms; ++s)
		if (name == s->name)
			return reinterpret_cast<unsigned long>(s->addr);
	return 0;
}

} // namespace kplay

// kernel/kallsyms.c: kallsyms_lookup_name. Not exported since 5.7 (a module
// linking it fails to load); reachable through kprobes, as on the real kernel.
extern "C" unsigned long kallsyms_lookup_name(const char *name)
{
	return name ? kplay::kallsyms_address(name) : 0;
}

KPLAY_KALLSYMS(kallsyms_lookup_name);
