// kplay build: builds every obj-m module of a Kbuild-style directory as a
// plugin, the way kbuild builds a .ko: each object with the kernel's flags
// against kplay's headers, a generated <mod>.mod.c (modpost's job: name,
// vermagic, __this_module), linked with no C library.
#include "cli/common.h"
#include "cli/process.h"
#include "kernel/module/elf_file.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kplay::cli {
namespace {

namespace fs = std::filesystem;

struct ModuleSpec {
	std::string name;                 // as in obj-m, e.g. hello-1
	std::vector<std::string> objects; // e.g. start.o stop.o
};

std::string c_ident(std::string s)
{
	std::replace(s.begin(), s.end(), '-', '_');
	return s;
}

std::vector<std::string> words(const std::string &s)
{
	std::istringstream in(s);
	std::vector<std::string> out;
	std::string w;
	while (in >> w)
		out.push_back(w);
	return out;
}

// The compiler flags of a kbuild module build that matter here, for a
// position-independent plugin: no C library headers, the kernel's dialect.
std::vector<std::string> cflags(const std::string &sdk, const std::string &src, const std::string &modname,
				const std::string &basename, const std::vector<std::string> &extra)
{
	std::vector<std::string> f = {"-std=gnu11",
				      "-nostdinc",
				      "-I" + sdk + "/include",
				      "-I" + src,
				      "-D__KERNEL__",
				      "-DMODULE",
				      "-DKBUILD_MODNAME=\"" + modname + "\"",
				      "-DKBUILD_BASENAME=\"" + basename + "\"",
				      "-fPIC",
				      "-fno-common",
				      "-fno-strict-aliasing",
				      "-fno-stack-protector",
				      "-fno-plt",
				      "-fno-delete-null-pointer-checks",
				      "-O2",
				      "-g",
				      "-Wall",
				      "-Wundef",
				      "-Werror=implicit-function-declaration",
				      "-Werror=implicit-int",
				      "-Werror=return-type",
				      "-Wstrict-prototypes",
				      "-Wno-sign-compare",
				      "-Wno-pointer-sign",
				      "-Wno-unused-parameter"};
	f.insert(f.end(), extra.begin(), extra.end());
	return f;
}

// The instrumentation of a sanitizer build (README "Sanitizers"): ASan in
// recover mode plus the UBSan checks a 6.1 CONFIG_UBSAN kernel enables by
// default (bounds, shift, bool, enum); or TSan. Frame pointers keep the
// sanitizers' fast unwinder going through module frames.
std::vector<std::string> sanitizer_flags(const std::string &sanitize)
{
	if (sanitize == "address")
		return {"-fsanitize=address", "-fsanitize-recover=address", "-fsanitize=bounds,shift,bool,enum,vla-bound",
			"-fno-omit-frame-pointer"};
	if (sanitize == "thread")
		return {"-fsanitize=thread", "-fno-omit-frame-pointer"};
	return {};
}

} // namespace

const char *default_sanitizer()
{
#if defined(__SANITIZE_ADDRESS__)
	return "address";
#elif defined(__SANITIZE_THREAD__)
	return "thread";
#else
	return "none";
#endif
}

int cmd_build(const std::string &src_in, const std::string &out_in, bool verbose, const std::string &sanitize_in)
{
	std::string sanitize = sanitize_in.empty() ? default_sanitizer() : sanitize_in;
	std::error_code ec;
	fs::path src = fs::weakly_canonical(fs::absolute(src_in, ec), ec);
	if (!fs::is_directory(src)) {
		std::fprintf(stderr, "kplay build: %s is not a directory\n", src_in.c_str());
		return 1;
	}
	if (!fs::exists(src / "Makefile") && !fs::exists(src / "Kbuild")) {
		std::fprintf(stderr, "kplay build: %s has no Makefile or Kbuild file\n", src.c_str());
		return 1;
	}
	fs::path out = out_in.empty() ? src : fs::absolute(out_in, ec);
	fs::create_directories(out, ec);
	std::string sdk = sdk_dir();
	if (!fs::exists(fs::path(sdk) / "include/linux/module.h")) {
		std::fprintf(stderr, "kplay build: kplay's kernel headers are not at %s (set KPLAY_SDK)\n", sdk.c_str());
		return 1;
	}
	const char *cc_env = std::getenv("CC");
	std::string cc = cc_env && *cc_env ? cc_env : "gcc";

	std::string q;
	int rc = run_process({"make", "-s", "--no-print-directory", "-f", sdk + "/kbuild/query.mk", "src=" + src.string(),
		      "kplay-query"},
		     &q);
	if (rc != 0) {
		std::fprintf(stderr, "kplay build: cannot read %s/Makefile:\n%s", src.c_str(), q.c_str());
		return 1;
	}
	std::vector<ModuleSpec> mods;
	std::vector<std::string> extra;
	std::istringstream qs(q);
	for (std::string line; std::getline(qs, line);) {
		auto tab = line.find('\t');
		std::string kind = line.substr(0, tab);
		std::string rest = tab == std::string::npos ? "" : line.substr(tab + 1);
		if (kind == "ccflags") {
			extra = words(rest);
		} else if (kind == "module") {
			auto t2 = rest.find('\t');
			mods.push_back({rest.substr(0, t2), words(t2 == std::string::npos ? "" : rest.substr(t2 + 1))});
		}
	}
	if (mods.empty()) {
		std::fprintf(stderr, "kplay build: %s defines no obj-m modules\n", src.c_str());
		return 1;
	}

	int failures = 0;
	for (const ModuleSpec &m : mods) {
		std::string modname = c_ident(m.name);
		fs::path objdir = out / ".kplay-obj" / m.name;
		fs::create_directories(objdir, ec);
		std::vector<std::string> objs;
		bool ok = true;
		for (const std::string &o : m.objects) {
			std::string stem = o.substr(0, o.rfind('.'));
			fs::path csrc = src / (stem + ".c");
			if (!fs::exists(csrc)) {
				std::fprintf(stderr, "kplay build: %s: no source %s for %s\n", m.name.c_str(), csrc.c_str(),
					     o.c_str());
				ok = false;
				break;
			}
			fs::path obj = objdir / (fs::path(stem).filename().string() + ".o");
			std::vector<std::string> argv = {cc};
			auto f = cflags(sdk, src.string(), modname, c_ident(fs::path(stem).filename().string()), extra);
			argv.insert(argv.end(), f.begin(), f.end());
			auto sf = sanitizer_flags(sanitize);
			argv.insert(argv.end(), sf.begin(), sf.end());
			argv.insert(argv.end(), {"-c", csrc.string(), "-o", obj.string()});
			std::string log;
			if (verbose)
				std::printf("  CC [M]  %s\n", csrc.c_str());
			int r = run_process(argv, &log);
			std::fputs(log.c_str(), stderr);
			if (r != 0) {
				ok = false;
				break;
			}
			objs.push_back(obj.string());
		}
		if (!ok) {
			std::fprintf(stderr, "kplay build: %s: compilation failed\n", m.name.c_str());
			failures++;
			continue;
		}
		// modpost: the module's identity, as <mod>.mod.c in kbuild.
		fs::path modc = objdir / (m.name + ".mod.c");
		{
			std::ofstream mc(modc);
			mc << "/* Generated by kplay build (kbuild's modpost step). */\n"
			      "#include <linux/module.h>\n"
			      "MODULE_INFO(vermagic, \"6.1.0-kplay SMP mod_unload \");\n"
			      "MODULE_INFO(name, KBUILD_MODNAME);\n"
			      "MODULE_INFO(depends, \"\");\n"
			      "int init_module(void) __attribute__((weak, visibility(\"hidden\")));\n"
			      "void cleanup_module(void) __attribute__((weak, visibility(\"hidden\")));\n"
			      "__visible struct module __this_module __section(\".gnu.linkonce.this_module\") = {\n"
			      "\t.name = KBUILD_MODNAME,\n"
			      "\t.init = init_module,\n"
			      "\t.exit = cleanup_module,\n"
			      "};\n";
		}
		fs::path modo = objdir / (m.name + ".mod.o");
		std::vector<std::string> argv = {cc};
		auto f = cflags(sdk, src.string(), modname, modname, extra);
		argv.insert(argv.end(), f.begin(), f.end());
		argv.insert(argv.end(), {"-c", modc.string(), "-o", modo.string()});
		std::string log;
		if (run_process(argv, &log) != 0) {
			std::fprintf(stderr, "%skplay build: %s: generated %s does not compile\n", log.c_str(), m.name.c_str(),
				     modc.c_str());
			failures++;
			continue;
		}
		fs::path so = out / (m.name + ".so");
		fs::path tmp = out / (m.name + ".so.tmp");
		std::vector<std::string> ld = {cc, "-shared", "-nostdlib", "-Wl,-Bsymbolic", "-Wl,-z,now", "-Wl,-z,relro",
					       "-Wl,--hash-style=gnu", "-Wl,--build-id", "-o", tmp.string()};
		ld.insert(ld.end(), objs.begin(), objs.end());
		ld.push_back(modo.string());
		log.clear();
		if (verbose)
			std::printf("  LD [M]  %s\n", so.c_str());
		if (run_process(ld, &log) != 0) {
			std::fprintf(stderr, "%skplay build: %s: link failed\n", log.c_str(), m.name.c_str());
			failures++;
			continue;
		}
		// modpost refuses a module without a license (6.1: an error).
		int err = 0;
		std::string why;
		auto elf = ElfFile::open(tmp.string(), &err, &why);
		if (!elf || !elf->modinfo_value("license")) {
			std::fprintf(stderr, "ERROR: modpost: missing MODULE_LICENSE() in %s\n",
				     objs.size() == 1 ? objs.front().c_str() : (m.name + ".o").c_str());
			fs::remove(tmp, ec);
			failures++;
			continue;
		}
		fs::rename(tmp, so, ec);
		if (ec) {
			std::fprintf(stderr, "kplay build: cannot write %s: %s\n", so.c_str(), ec.message().c_str());
			failures++;
			continue;
		}
		if (verbose)
			std::printf("  %s -> %s\n", m.name.c_str(), so.c_str());
	}
	return failures ? 1 : 0;
}

} // namespace kplay::cli
