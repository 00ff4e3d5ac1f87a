// kplay insmod / rmmod / lsmod / modinfo: the module commands, printing and
// exiting exactly as kmod's tools do so transcripts compare with a real kernel.
#include "cli/common.h"
#include "kernel/module/elf_file.h"
#include "kernel/module/module.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>

namespace kplay::cli {
namespace {

struct ModuleRow {
	std::string name;
	long size = 0;
	int refcnt = 0;
	std::vector<std::string> holders;
};

std::vector<std::string> split(const std::string &s, char sep)
{
	std::vector<std::string> out;
	std::string cur;
	std::istringstream in(s);
	while (std::getline(in, cur, sep))
		out.push_back(cur);
	return out;
}

std::optional<std::vector<ModuleRow>> fetch_modules(const std::string &root)
{
	int fd = connect_daemon(root);
	if (fd < 0)
		return std::nullopt;
	std::vector<ModuleRow> rows;
	auto rc = call_daemon(fd, {"lsmod"}, [&](const proto::Frame &f) {
		if (f.type != 'M')
			return;
		auto fields = split(f.payload, '\t');
		fields.resize(6);
		ModuleRow r;
		r.name = fields[0];
		r.size = std::atol(fields[1].c_str());
		r.refcnt = std::atoi(fields[2].c_str());
		if (!fields[3].empty())
			r.holders = split(fields[3], ',');
		rows.push_back(std::move(r));
	});
	::close(fd);
	if (!rc)
		return std::nullopt;
	return rows;
}

} // namespace

int cmd_insmod(const std::string &root, const std::string &file, const std::vector<std::string> &params)
{
	std::error_code ec;
	if (!std::filesystem::exists(file, ec)) {
		std::fprintf(stderr, "insmod: ERROR: could not load module %s: %s\n", file.c_str(), std::strerror(ENOENT));
		return 1;
	}
	std::string abs = std::filesystem::absolute(file, ec).string();
	int fd = connect_daemon(root);
	if (fd < 0)
		return no_daemon(root);
	std::vector<std::string> words{"insmod", abs};
	words.insert(words.end(), params.begin(), params.end());
	std::string detail;
	bool killed = false;
	auto rc = call_daemon(fd, words, [&](const proto::Frame &f) {
		if (f.type == 'D')
			detail = f.payload;
		killed |= f.type == 'K';
	});
	::close(fd);
	// The module oopsed in init: the kernel kills insmod.
	if (killed)
		::kill(::getpid(), SIGKILL);
	if (!rc) {
		std::fprintf(stderr, "insmod: ERROR: the kplay daemon at %s went away\n", root.c_str());
		return 1;
	}
	if (*rc == 0)
		return 0;
	std::fprintf(stderr, "insmod: ERROR: could not insert module %s: %s\n", file.c_str(), mod_strerror(-*rc));
	if (!detail.empty())
		std::fprintf(stderr, "kplay: %s: %s\n", file.c_str(), detail.c_str());
	return 1;
}

int cmd_rmmod(const std::string &root, const std::string &name_in)
{
	std::string name = module_name_from_path(name_in);
	auto mods = fetch_modules(root);
	if (!mods)
		return no_daemon(root);
	// kmod checks these itself (from sysfs) before calling delete_module.
	const ModuleRow *row = nullptr;
	for (const ModuleRow &r : *mods)
		if (r.name == name)
			row = &r;
	if (!row) {
		std::fprintf(stderr, "rmmod: ERROR: Module %s is not currently loaded\n", name.c_str());
		return 1;
	}
	if (!row->holders.empty()) {
		std::fprintf(stderr, "rmmod: ERROR: Module %s is in use by:", name.c_str());
		for (const std::string &h : row->holders)
			std::fprintf(stderr, " %s", h.c_str());
		std::fprintf(stderr, "\n");
		return 1;
	}
	if (row->refcnt > 0) {
		std::fprintf(stderr, "rmmod: ERROR: Module %s is in use\n", name.c_str());
		return 1;
	}
	int fd = connect_daemon(root);
	if (fd < 0)
		return no_daemon(root);
	bool killed = false;
	auto rc = call_daemon(fd, {"rmmod", name}, [&](const proto::Frame &f) { killed |= f.type == 'K'; });
	::close(fd);
	// The module oopsed in exit: the kernel kills rmmod.
	if (killed)
		::kill(::getpid(), SIGKILL);
	if (!rc)
		return no_daemon(root);
	if (*rc == 0)
		return 0;
	if (*rc == -ENOENT) {
		std::fprintf(stderr, "rmmod: ERROR: Module %s is not currently loaded\n", name.c_str());
		return 1;
	}
	std::fprintf(stderr, "rmmod: ERROR: could not remove module %s: %s\n", name_in.c_str(), std::strerror(-*rc));
	return 1;
}

int cmd_lsmod(const std::string &root)
{
	auto mods = fetch_modules(root);
	if (!mods)
		return no_daemon(root);
	std::printf("Module                  Size  Used by\n");
	for (const ModuleRow &r : *mods) {
		std::printf("%-19s %8ld  %d", r.name.c_str(), r.size, r.refcnt);
		for (size_t i = 0; i < r.holders.size(); ++i)
			std::printf("%c%s", i ? ',' : ' ', r.holders[i].c_str());
		std::printf("\n");
	}
	return 0;
}

int cmd_modinfo(const std::string &file, const std::string &field)
{
	int err = 0;
	std::string why;
	auto elf = ElfFile::open(file, &err, &why);
	if (!elf) {
		if (err == -ENOENT)
			std::fprintf(stderr, "modinfo: ERROR: Module %s not found.\n", file.c_str());
		else
			std::fprintf(stderr, "modinfo: ERROR: could not get modinfo from '%s': %s\n",
				     module_name_from_path(file).c_str(), why.c_str());
		return 1;
	}
	std::error_code ec;
	std::string abs = std::filesystem::absolute(file, ec).string();
	auto info = elf->modinfo();
	if (!field.empty()) {
		if (field == "filename")
			std::printf("%s\n", abs.c_str());
		for (auto &[k, v] : info)
			if (k == field)
				std::printf("%s\n", v.c_str());
		return 0;
	}
	std::printf("%-16s%s\n", "filename:", abs.c_str());
	// parm and parmtype merge into one "parm: name:desc (type)" line per
	// parameter, listed after the other fields and in reverse section order
	// (libkmod prepends each to its list).
	std::vector<std::string> parm_order;
	std::map<std::string, std::pair<std::string, std::string>> parms;
	for (auto &[k, v] : info) {
		if (k == "parm" || k == "parmtype") {
			std::string pname = v.substr(0, v.find(':'));
			std::string rest = v.find(':') == std::string::npos ? "" : v.substr(v.find(':') + 1);
			if (!parms.count(pname))
				parm_order.push_back(pname);
			(k == "parm" ? parms[pname].first : parms[pname].second) = rest;
			continue;
		}
		std::printf("%-16s%s\n", (k + ":").c_str(), v.c_str());
	}
	std::reverse(parm_order.begin(), parm_order.end());
	for (const std::string &p : parm_order) {
		auto &[desc, type] = parms[p];
		if (type.empty())
			std::printf("%-16s%s:%s\n", "parm:", p.c_str(), desc.c_str());
		else
			std::printf("%-16s%s:%s (%s)\n", "parm:", p.c_str(), desc.c_str(), type.c_str());
	}
	return 0;
}

} // namespace kplay::cli
