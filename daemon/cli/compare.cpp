// kplay compare: builds each example twice (plugin and real .ko), runs its
// scenarios on kplay and on a real kernel (Debian's, under QEMU, or the
// host's), normalises and diffs the transcripts, and reports per example.
#include "cli/common.h"
#include "cli/process.h"
#include "compare/transcript.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#ifndef KPLAY_SOURCE_ROOT
#define KPLAY_SOURCE_ROOT ""
#endif

namespace kplay::cli {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path &p)
{
	std::ifstream in(p, std::ios::binary);
	std::stringstream ss;
	ss << in.rdbuf();
	return ss.str();
}

void write_file(const fs::path &p, const std::string &s)
{
	std::ofstream out(p, std::ios::binary);
	out << s;
}

// The installed data (share/kplay) or the source tree this kplay was built from.
fs::path data_root()
{
	if (const char *env = std::getenv("KPLAY_DATA"); env && *env)
		return env;
	std::error_code ec;
	fs::path exe = fs::read_symlink("/proc/self/exe", ec);
	fs::path installed = exe.parent_path().parent_path() / "share" / "kplay";
	if (!ec && fs::exists(installed / "compare" / "harness.sh"))
		return installed;
	return KPLAY_SOURCE_ROOT;
}

std::string default_kernel()
{
	std::vector<std::string> found;
	std::error_code ec;
	for (auto &e : fs::directory_iterator("/lib/modules", ec)) {
		std::string v = e.path().filename().string();
		if (fs::exists(e.path() / "build" / "Makefile") && fs::exists("/boot/vmlinuz-" + v))
			found.push_back(v);
	}
	if (found.empty())
		return {};
	std::sort(found.begin(), found.end(), [](const std::string &a, const std::string &b) {
		return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end()) ? true : false;
	});
	return found.back();
}

struct Example {
	std::string name;
	fs::path dir;
	bool plugin_ok = false;
	bool ko_ok = false;
	std::string build_log;
	std::vector<std::string> scenarios; // scenario ids in the work dirs
	std::vector<compare::Expectation> expect;
	std::vector<compare::Expectation> expect_fuse, expect_cuse; // those for each transport
};

// One scenario, compared with the real kernel's transcript: kplay with its
// FUSE trees (on this host) and, with --cuse, kplay in the guest with its
// character devices served through CUSE.
struct Column {
	std::vector<compare::DiffLine> lines;
	compare::DiffSummary summary;
};
struct ScenarioResult {
	std::string id;
	Column fuse, cuse;
};

// Userspace clients: .c files with a main() that no module lists as an object.
std::vector<fs::path> client_sources(const fs::path &dir)
{
	std::string q;
	std::vector<fs::path> out;
	std::string mk = read_file(dir / "Makefile") + read_file(dir / "Kbuild");
	std::error_code ec;
	for (auto &e : fs::directory_iterator(dir, ec)) {
		if (e.path().extension() != ".c")
			continue;
		std::string stem = e.path().stem().string();
		if (mk.find(stem + ".o") != std::string::npos)
			continue;
		static const std::regex main_re(R"(\bint\s+main\s*\()");
		if (std::regex_search(read_file(e.path()), main_re))
			out.push_back(e.path());
	}
	return out;
}

} // namespace

int cmd_compare(const std::vector<std::string> &targets, const std::string &real, const std::string &kernel_in,
		bool keep, const std::string &report, int jobs, int scenario_timeout, bool cuse)
{
	fs::path data = data_root();
	fs::path harness = data / "compare" / "harness.sh";
	if (!fs::exists(harness)) {
		std::fprintf(stderr, "kplay compare: cannot find kplay's compare scripts under %s (set KPLAY_DATA)\n",
			     data.c_str());
		return 2;
	}
	if (real != "vm" && real != "host") {
		std::fprintf(stderr, "kplay compare: --real must be vm or host\n");
		return 2;
	}
	if (cuse && real != "vm") {
		std::fprintf(stderr, "kplay compare: --cuse runs kplay inside the QEMU guest; it needs --real vm\n");
		return 2;
	}
	std::string kernel = kernel_in.empty() ? default_kernel() : kernel_in;
	if (real == "vm" && kernel.empty()) {
		std::fprintf(stderr, "kplay compare: no Debian kernel with both an image and headers is installed\n"
				     "  (apt-get install linux-image-amd64 linux-headers-amd64)\n");
		return 2;
	}
	if (real == "host") {
		kernel = "";
		struct utsname;
		std::string r;
		run_process({"uname", "-r"}, &r);
		kernel = r.substr(0, r.find('\n'));
		if (!fs::exists("/lib/modules/" + kernel + "/build/Makefile")) {
			std::fprintf(stderr, "kplay compare: --real host needs the headers of the running kernel (%s)\n",
				     kernel.c_str());
			return 2;
		}
	}

	// The examples to compare.
	std::vector<Example> examples;
	std::vector<std::string> names = targets;
	if (names.empty()) {
		std::error_code ec;
		for (auto &e : fs::directory_iterator(data / "plugins", ec))
			if (fs::exists(e.path() / "Makefile"))
				names.push_back(e.path().filename().string());
		std::sort(names.begin(), names.end());
	}
	for (const std::string &t : names) {
		Example ex;
		fs::path p = fs::exists(t) && fs::is_directory(t) ? fs::absolute(t) : data / "plugins" / t;
		if (!fs::exists(p / "Makefile") && !fs::exists(p / "Kbuild")) {
			std::fprintf(stderr, "kplay compare: %s is neither an example nor a module directory\n", t.c_str());
			return 2;
		}
		ex.dir = fs::weakly_canonical(p);
		ex.name = ex.dir.filename().string();
		examples.push_back(std::move(ex));
	}

	char tmpl[] = "/tmp/kplay-compare.XXXXXX";
	if (!::mkdtemp(tmpl)) {
		std::perror("kplay compare: mkdtemp");
		return 2;
	}
	fs::path work = tmpl;
	for (const char *d : {"play/M", "play/scenarios", "real/M", "real/scenarios", "out-play", "out-real", "build"})
		fs::create_directories(work / d);

	std::printf("kplay compare: %zu example(s); real side: %s, kernel %s; work dir %s\n", examples.size(),
		    real == "vm" ? "Debian kernel under QEMU" : "this host's kernel", kernel.c_str(), work.c_str());
	std::fflush(stdout);
	fs::path self = fs::read_symlink("/proc/self/exe");
	// Each example builds twice (plugin, .ko) plus its clients; examples build
	// in parallel, --jobs at a time.
	auto build_one = [&](Example &ex) {
		fs::path pout = work / "build" / ex.name;
		std::string log;
		ex.plugin_ok = run_process({self.string(), "build", ex.dir.string(), "--out", pout.string()}, &log) == 0;
		ex.build_log += log;
		if (ex.plugin_ok) {
			std::error_code ec;
			for (auto &e : fs::directory_iterator(pout, ec))
				if (e.path().extension() == ".so")
					fs::create_symlink(e.path(), work / "play/M" / (e.path().stem().string() + ".ko"), ec);
		}
		log.clear();
		fs::path kout = work / "ko" / ex.name;
		fs::create_directories(kout);
		ex.ko_ok = run_process({(data / "compare/realvm/build-ko.sh").string(), "--kernel", kernel, "--src",
				    ex.dir.string(), "--out", kout.string()},
				   &log) == 0;
		ex.build_log += log;
		std::error_code ec;
		for (auto &e : fs::directory_iterator(kout, ec))
			fs::copy_file(e.path(), work / "real/M" / e.path().filename(), fs::copy_options::overwrite_existing, ec);
		for (const fs::path &c : client_sources(ex.dir)) {
			fs::path bin = work / "clients" / ex.name / c.stem();
			fs::create_directories(bin.parent_path());
			log.clear();
			if (run_process({"gcc", "-static", "-O2", "-Wall", "-o", bin.string(), c.string()}, &log) != 0) {
				ex.build_log += log;
				ex.plugin_ok = ex.ko_ok = false;
				continue;
			}
			fs::copy_file(bin, work / "play/M" / c.stem(), fs::copy_options::overwrite_existing, ec);
			fs::copy_file(bin, work / "real/M" / c.stem(), fs::copy_options::overwrite_existing, ec);
		}
		for (auto &e : fs::directory_iterator(ex.dir, ec)) {
			// Device-tree sources the scenario loads (dtload) go beside the modules.
			if (e.path().extension() == ".dts") {
				fs::copy_file(e.path(), work / "play/M" / e.path().filename(), fs::copy_options::overwrite_existing, ec);
				fs::copy_file(e.path(), work / "real/M" / e.path().filename(), fs::copy_options::overwrite_existing, ec);
			}
			if (e.path().extension() != ".sh")
				continue;
			std::string stem = e.path().stem().string();
			std::string id = stem == "scenario" ? ex.name : ex.name + "--" + stem;
			fs::copy_file(e.path(), work / "play/scenarios" / (id + ".sh"), fs::copy_options::overwrite_existing, ec);
			fs::copy_file(e.path(), work / "real/scenarios" / (id + ".sh"), fs::copy_options::overwrite_existing, ec);
			ex.scenarios.push_back(id);
		}
		std::sort(ex.scenarios.begin(), ex.scenarios.end());
	};
	std::mutex print_mu;
	std::atomic<size_t> next{0}, done{0};
	std::vector<std::thread> workers;
	for (int j = 0; j < std::max(1, jobs); ++j)
		workers.emplace_back([&] {
			for (size_t i; (i = next.fetch_add(1)) < examples.size();) {
				Example &ex = examples[i];
				build_one(ex);
				std::lock_guard lk(print_mu);
				std::printf("[%zu/%zu] %-16s plugin %s, .ko %s, %zu scenario(s)\n", ++done, examples.size(),
					    ex.name.c_str(), ex.plugin_ok ? "ok" : "FAILED", ex.ko_ok ? "ok" : "FAILED",
					    ex.scenarios.size());
				if (!ex.plugin_ok || !ex.ko_ok)
					std::fputs(ex.build_log.c_str(), stderr);
				std::fflush(stdout);
			}
		});
	for (auto &w : workers)
		w.join();
	for (Example &ex : examples) {
		if (!fs::exists(ex.dir / "expected-differences"))
			continue;
		std::string err;
		ex.expect = compare::parse_expectations(read_file(ex.dir / "expected-differences"), &err);
		if (!err.empty()) {
			std::fprintf(stderr, "kplay compare: %s/expected-differences: %s\n", ex.dir.c_str(), err.c_str());
			return 2;
		}
		ex.expect_fuse = compare::for_transport(ex.expect, "fuse");
		ex.expect_cuse = compare::for_transport(ex.expect, "cuse");
	}

	std::printf("running the scenarios on kplay ...\n");
	std::fflush(stdout);
	std::string to = std::to_string(scenario_timeout);
	int rc_play = run_process({(data / "compare/run-local.sh").string(), "--world", "play", "--kplay", self.string(), "--work",
			       (work / "play").string(), "--out", (work / "out-play").string(), "--harness",
			       harness.string(), "--scenario-timeout", to},
			      nullptr);
	std::printf("running the scenarios on %s ...\n", real == "vm" ? ("Linux " + kernel + " in QEMU").c_str()
								       : "this host's kernel");
	std::fflush(stdout);
	int rc_real;
	if (real == "vm") {
		std::vector<std::string> argv = {(data / "compare/realvm/run-real.sh").string(), "--kernel", kernel, "--work",
						 (work / "real").string(), "--out", (work / "out-real").string(), "--harness",
						 harness.string(), "--scenario-timeout", to};
		if (cuse) {
			std::printf("  (and on kplay in the guest, devices through CUSE)\n");
			std::fflush(stdout);
			for (const char *a : {"--cuse-work", "--kplay"})
				argv.emplace_back(a);
			argv.insert(argv.end() - 1, (work / "play").string());
			argv.push_back(self.string());
		}
		rc_real = run_process(argv, nullptr);
	} else
		rc_real = run_process({(data / "compare/run-local.sh").string(), "--world", "real", "--work", (work / "real").string(), "--out",
				   (work / "out-real").string(), "--harness", harness.string(), "--scenario-timeout", to},
				  nullptr);
	if (rc_play != 0)
		std::fprintf(stderr, "kplay compare: the playground run failed (exit %d)\n", rc_play);
	if (rc_real != 0)
		std::fprintf(stderr, "kplay compare: the real-kernel run failed (exit %d)\n", rc_real);

	// Normalise, diff, summarise.
	std::vector<std::pair<std::string, std::string>> paths = {
		{(work / "play").string(), "<work>"}, {(work / "real").string(), "<work>"}, {work.string(), "<work>"}};
	std::map<std::string, std::vector<ScenarioResult>> results;
	bool failed = rc_play != 0 || rc_real != 0;
	for (Example &ex : examples) {
		failed |= !ex.plugin_ok || !ex.ko_ok;
		for (const std::string &id : ex.scenarios) {
			auto side = [&](const char *dir) {
				fs::path out = work / dir / (id + ".out");
				fs::path rc = work / dir / (id + ".rc");
				if (!fs::exists(out))
					return std::string("[scenario did not run]\n");
				std::string rcs = read_file(rc);
				rcs = rcs.substr(0, rcs.find('\n'));
				return read_file(out) + "[scenario exit " + rcs + "]\n";
			};
			ScenarioResult r;
			r.id = id;
			auto real_lines = compare::normalise(side("out-real"), paths);
			r.fuse.lines = compare::diff(real_lines, compare::normalise(side("out-play"), paths), ex.expect_fuse);
			r.fuse.summary = compare::summarise(r.fuse.lines);
			failed |= r.fuse.summary.unexplained > 0;
			if (cuse) {
				r.cuse.lines = compare::diff(real_lines, compare::normalise(side("out-real/cuse"), paths),
							     ex.expect_cuse);
				r.cuse.summary = compare::summarise(r.cuse.lines);
				failed |= r.cuse.summary.unexplained > 0;
			}
			results[ex.name].push_back(std::move(r));
		}
	}

	// One line per example: the real kernel's transcript is the reference;
	// each kplay column says whether its transcript matched it.
	auto verdict = [&](Example &ex, Column ScenarioResult::*col, std::vector<std::string> *reasons) {
		int differing = 0, unexplained = 0;
		for (auto &r : results[ex.name]) {
			const Column &c = r.*col;
			differing += c.summary.differing;
			unexplained += c.summary.unexplained;
			for (auto &why : c.summary.reasons)
				if (std::find(reasons->begin(), reasons->end(), why) == reasons->end())
					reasons->push_back(why);
		}
		if (ex.scenarios.empty())
			return std::string("no scenario");
		if (differing == 0)
			return std::string("identical");
		if (!unexplained)
			return "expected (" + std::to_string(differing) + ")";
		return "NO (" + std::to_string(unexplained) + " of " + std::to_string(differing) + ")";
	};
	if (cuse)
		std::printf("\n%-18s %-12s %-13s %-16s %-16s %s\n", "example", ".ko/plugin", "real kernel", "kplay-FUSE",
			    "kplay-CUSE", "expected differences");
	else
		std::printf("\n%-18s %-12s %-13s %-16s %s\n", "example", ".ko/plugin", "real kernel", "kplay",
			    "expected differences");
	for (Example &ex : examples) {
		std::vector<std::string> reasons;
		std::string builds = std::string(ex.ko_ok ? "yes" : "NO") + "/" + (ex.plugin_ok ? "yes" : "NO");
		std::string fuse_v = verdict(ex, &ScenarioResult::fuse, &reasons);
		std::string cuse_v = cuse ? verdict(ex, &ScenarioResult::cuse, &reasons) : "";
		std::string why;
		for (auto &r : reasons)
			why += (why.empty() ? "" : "; ") + r;
		const char *ref = ex.scenarios.empty() ? "-" : "reference";
		if (cuse)
			std::printf("%-18s %-12s %-13s %-16s %-16s %s\n", ex.name.c_str(), builds.c_str(), ref, fuse_v.c_str(),
				    cuse_v.c_str(), why.empty() ? "-" : why.c_str());
		else
			std::printf("%-18s %-12s %-13s %-16s %s\n", ex.name.c_str(), builds.c_str(), ref, fuse_v.c_str(),
				    why.empty() ? "-" : why.c_str());
	}
	// Unexplained differences are shown in full, as a unified listing.
	for (Example &ex : examples) {
		for (auto &r : results[ex.name]) {
			for (auto [col, label] : {std::pair{&ScenarioResult::fuse, "kplay-FUSE"}, std::pair{&ScenarioResult::cuse, "kplay-CUSE"}}) {
				const Column &c = r.*col;
				if (!c.summary.unexplained)
					continue;
				std::printf("\n--- %s (real kernel)\n+++ %s (%s)\n", r.id.c_str(), r.id.c_str(), cuse ? label : "kplay");
				for (auto &l : c.lines) {
					char mark = l.kind == compare::DiffLine::Same ? ' ' : l.kind == compare::DiffLine::RealOnly ? '-' : '+';
					std::printf("%c%s%s\n", mark, l.text.c_str(), l.expected ? "    [expected]" : "");
				}
			}
		}
	}

	if (!report.empty()) {
		std::ostringstream h;
		h << "<!doctype html><meta charset=utf-8><title>kplay compare</title><style>"
		     "body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;"
		     "vertical-align:top}pre{margin:0}.r{background:#fdd}.p{background:#dfd}.e{background:#ffd}</style>"
		  << "<h1>kplay compare</h1><p>Real side: " << compare::html_escape(real == "vm" ? "QEMU" : "host")
		  << ", kernel " << compare::html_escape(kernel) << "</p><table><tr><th>scenario<th>differing<th>unexplained<th>expected because</tr>";
		std::vector<std::pair<Column ScenarioResult::*, std::string>> cols = {{&ScenarioResult::fuse, "kplay"}};
		if (cuse)
			cols = {{&ScenarioResult::fuse, "kplay-FUSE"}, {&ScenarioResult::cuse, "kplay-CUSE"}};
		for (Example &ex : examples)
			for (auto &r : results[ex.name])
				for (auto &[col, label] : cols) {
					const Column &c = r.*col;
					std::string why;
					for (auto &w : c.summary.reasons)
						why += (why.empty() ? "" : "; ") + w;
					std::string anchor = compare::html_escape(r.id + "-" + label);
					h << "<tr><td><a href='#" << anchor << "'>" << compare::html_escape(r.id) << " ("
					  << compare::html_escape(label) << ")</a><td>" << c.summary.differing << "<td>"
					  << c.summary.unexplained << "<td>" << compare::html_escape(why) << "</tr>";
				}
		h << "</table>";
		for (Example &ex : examples)
			for (auto &r : results[ex.name])
				for (auto &[col, label] : cols) {
					const Column &c = r.*col;
					h << "<h2 id='" << compare::html_escape(r.id + "-" + label) << "'>" << compare::html_escape(r.id)
					  << " (" << compare::html_escape(label) << ")</h2><table><tr><th>real kernel<th>"
					  << compare::html_escape(label) << "</tr>";
					for (auto &l : c.lines) {
						std::string cls = l.expected ? "e" : l.kind == compare::DiffLine::RealOnly ? "r" : "p";
						std::string t = compare::html_escape(l.text);
						if (l.kind == compare::DiffLine::Same)
							h << "<tr><td><pre>" << t << "</pre><td><pre>" << t << "</pre></tr>";
						else if (l.kind == compare::DiffLine::RealOnly)
							h << "<tr><td class=" << cls << "><pre>" << t << "</pre><td></tr>";
						else
							h << "<tr><td><td class=" << cls << "><pre>" << t << "</pre></tr>";
					}
					h << "</table>";
				}
		write_file(report, h.str());
		std::printf("\nreport: %s\n", report.c_str());
	}

	if (keep) {
		std::printf("kept the work dir %s\n", work.c_str());
	} else {
		std::error_code ec;
		fs::remove_all(work, ec);
	}
	std::printf("%s\n", failed ? "kplay compare: FAILED (unexplained differences or build failures)"
				   : "kplay compare: all transcripts agree (up to the expected differences)");
	return failed ? 1 : 0;
}

} // namespace kplay::cli
