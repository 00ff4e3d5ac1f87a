// Sanitizer builds (see sanitizer.h). The sanitizer runtimes write their
// reports to stderr, which is a pipe; a reader thread copies all of it to the daemon log
// and turns each finished report into the kernel's format in the printk
// ring: KASAN for AddressSanitizer, UBSAN for UndefinedBehaviorSanitizer,
// KCSAN for ThreadSanitizer. The runtime cannot name code in modules (it
// knows only what dl_iterate_phdr lists, and kplay maps modules itself), so
// each frame in a module is rewritten as the kernel prints it,
// `func+0xoff/0xsize [module]`, followed by the source line from the
// plugin's DWARF (addr2line).
#include "kernel/sanitizer.h"

#include "kernel/init.h"
#include "kernel/kapi.h"
#include "kernel/module/module.h"
#include "kernel/task.h"
#include "kernel/vsprintf.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define KPLAY_SANITIZER 1
#include <sanitizer/common_interface_defs.h>
#endif
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace kplay {

const char *sanitizer_build()
{
#if defined(__SANITIZE_ADDRESS__)
	return "address";
#elif defined(__SANITIZE_THREAD__)
	return "thread";
#else
	return "";
#endif
}

const void *sanitizer_runtime_symbol(std::string_view name)
{
#ifdef KPLAY_SANITIZER
	static const char *const prefixes[] = {"__asan_", "__ubsan_", "__tsan_", "__sanitizer_"};
	for (const char *p : prefixes) {
		if (name.starts_with(p)) {
			std::string n(name);
			return dlsym(RTLD_DEFAULT, n.c_str());
		}
	}
#else
	(void)name;
#endif
	return nullptr;
}

#ifndef KPLAY_SANITIZER

void sanitizer_init() {}
void kasan_report_invalid_free(const void *, uintptr_t) {}

#else

namespace {

int g_report_wfd = -1; // the runtimes write their reports here
int g_report_rfd = -1;
int g_log_fd = 2;      // the daemon log: the raw reports
std::atomic<bool> g_busy{false};

struct TaskId {
	int pid = 0;
	std::string comm;
	// The kmalloc object the bad address is in or just past, looked up
	// while the report is made (the module may free it right after).
	uintptr_t obj = 0;
	size_t size = 0, room = 0;
};
// The task each report was for, noted on the reporting thread (ASan build).
std::mutex g_tasks_mu;
std::deque<TaskId> g_tasks;

void write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = ::write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= static_cast<size_t>(w);
	}
}

bool starts_with(const std::string &s, const char *p) { return s.rfind(p, 0) == 0; }

std::string trim(const std::string &s)
{
	size_t a = s.find_first_not_of(" \t");
	return a == std::string::npos ? std::string() : s.substr(a);
}

// The first hex number after position `from` ("0x..." form).
bool hex_after(const std::string &s, const char *marker, uintptr_t *out)
{
	size_t p = s.find(marker);
	if (p == std::string::npos)
		return false;
	p = s.find("0x", p);
	if (p == std::string::npos)
		return false;
	*out = std::strtoull(s.c_str() + p, nullptr, 16);
	return true;
}

// The source line of a module address, from the plugin's DWARF.
std::string source_line(const std::string &path, uint64_t vaddr)
{
	static std::mutex mu;
	static std::map<std::pair<std::string, uint64_t>, std::string> cache;
	std::lock_guard lk(mu);
	auto key = std::make_pair(path, vaddr);
	if (auto it = cache.find(key); it != cache.end())
		return it->second;
	std::string out;
	if (path.find('\'') == std::string::npos) {
		char cmd[4200];
		// -i: an inlined helper's line, then the line it was inlined at
		// in the module's own function.
		std::snprintf(cmd, sizeof cmd, "addr2line -i -e '%s' 0x%" PRIx64 " 2>/dev/null", path.c_str(), vaddr);
		if (FILE *f = popen(cmd, "r")) {
			std::vector<std::string> lines;
			char line[1024];
			while (std::fgets(line, sizeof line, f)) {
				std::string l = line;
				l = l.substr(0, l.find_first_of("\n"));
				if (size_t d = l.find(" (discriminator"); d != std::string::npos)
					l.resize(d);
				if (!starts_with(l, "??"))
					lines.push_back(l);
			}
			pclose(f);
			if (!lines.empty())
				out = lines.front();
			if (lines.size() > 1)
				out += " (inlined into " + lines.back() + ")";
		}
	}
	cache[key] = out;
	return out;
}

struct Frame {
	bool in_module = false;
	uintptr_t addr = 0;
	std::string text; // as the kernel prints a call-trace line, without the leading space
};

// A frame line of any runtime: "#3 0x7f.. in func file:line" (ASan, UBSan),
// "#3 func file:line (binary+0x..)" or "#3 <null> <null> (0x7f..)" (TSan).
bool parse_frame(const std::string &line, Frame *f)
{
	std::string t = trim(line);
	if (t.size() < 2 || t[0] != '#' || !std::isdigit(static_cast<unsigned char>(t[1])))
		return false;
	size_t sp = t.find(' ');
	std::string rest = sp == std::string::npos ? "" : t.substr(sp + 1);
	// Any absolute address in a module makes it a module frame.
	for (size_t p = rest.find("0x"); p != std::string::npos; p = rest.find("0x", p + 2)) {
		if (p > 0 && rest[p - 1] == '+')
			continue; // an offset in a binary the runtime knows
		uintptr_t a = std::strtoull(rest.c_str() + p, nullptr, 16);
		auto m = module_address(a);
		if (!m)
			continue;
		f->in_module = true;
		f->addr = a;
		// Return addresses (every frame but the faulting one in practice)
		// point after the call: look the line up one byte earlier.
		std::string src = source_line(m->path, m->vaddr ? m->vaddr - 1 : 0);
		f->text = (m->where.empty() ? "0x" + std::to_string(m->vaddr) : m->where) + " [" + m->module + "]";
		if (!src.empty())
			f->text += " " + src;
		return true;
	}
	// A frame the runtime symbolised itself: "0x55.. in func file:line".
	if (starts_with(rest, "0x")) {
		size_t in = rest.find(" in ");
		rest = in == std::string::npos ? rest : rest.substr(in + 4);
	}
	f->text = rest;
	return true;
}

// A call trace as the kernel shows it: the frames up to the last one in a
// module (the rest is the daemon's own machinery, in the daemon log).
void print_trace(const std::vector<Frame> &frames)
{
	size_t last = frames.size();
	for (size_t i = 0; i < frames.size(); ++i)
		if (frames[i].in_module)
			last = i;
	size_t n = last == frames.size() ? std::min<size_t>(frames.size(), 4) : last + 1;
	for (size_t i = 0; i < n; ++i)
		_printk(KPLAY_KERN_ERR " %s\n", frames[i].text.c_str());
	if (n < frames.size())
		_printk(KPLAY_KERN_ERR " ... %zu more frame(s) in kplay (the daemon log has the full report)\n",
			frames.size() - n);
}

const Frame *first_module_frame(const std::vector<Frame> &frames)
{
	for (const Frame &f : frames)
		if (f.in_module)
			return &f;
	return frames.empty() ? nullptr : &frames.front();
}

// The report as blocks: text lines and the frames that follow each.
struct Block {
	std::string head;
	std::vector<Frame> frames;
};

std::vector<Block> split(const std::vector<std::string> &lines)
{
	std::vector<Block> out;
	for (const std::string &l : lines) {
		Frame f;
		if (parse_frame(l, &f)) {
			if (out.empty())
				out.push_back({});
			out.back().frames.push_back(std::move(f));
		} else {
			out.push_back({l, {}});
		}
	}
	return out;
}

std::string task_line(const TaskId &t, bool bad)
{
	char b[256];
	std::snprintf(b, sizeof b, "CPU: 0 PID: %d Comm: %s Tainted: G    %s      OE      6.1.0-kplay #1", t.pid,
		      t.comm.c_str(), bad ? "B" : " ");
	return b;
}

const char *kasan_type(const std::string &asan_type, bool in_kmalloc_object)
{
	if (asan_type == "heap-buffer-overflow" || (asan_type == "use-after-poison" && in_kmalloc_object))
		return "slab-out-of-bounds";
	if (asan_type == "heap-use-after-free")
		return "use-after-free";
	if (asan_type == "global-buffer-overflow")
		return "global-out-of-bounds";
	if (asan_type == "stack-buffer-overflow" || asan_type == "stack-buffer-underflow")
		return "stack-out-of-bounds";
	return nullptr;
}

const char *kRule = "==================================================================";

void emit_asan(const std::vector<std::string> &lines, const TaskId &task)
{
	std::string type;
	uintptr_t bad = 0;
	std::string access;
	for (const std::string &l : lines) {
		if (size_t p = l.find("ERROR: AddressSanitizer: "); p != std::string::npos && type.empty()) {
			type = l.substr(p + 25);
			type = type.substr(0, type.find(' '));
			hex_after(l, " on address ", &bad);
		} else if (access.empty() && (starts_with(l, "READ of size ") || starts_with(l, "WRITE of size "))) {
			access = l;
		}
	}
	// The object: the live kmalloc object holding the address, else the
	// region ASan names ("... of N-byte region [0xA,0xB)").
	uintptr_t obj = task.obj;
	size_t objsize = task.size, room = task.room;
	bool in_obj = obj != 0;
	if (!in_obj) {
		for (const std::string &l : lines) {
			uintptr_t a;
			if (l.find("-byte region [") != std::string::npos && hex_after(l, "region [", &a) &&
			    kmalloc_object_of(a, &obj, &objsize, &room) && obj == a) {
				in_obj = true;
				break;
			}
		}
	}
	std::vector<Block> blocks = split(lines);
	const Frame *where = nullptr;
	for (const Block &b : blocks)
		if (!b.frames.empty()) {
			where = first_module_frame(b.frames);
			break;
		}
	bool tainted = where && where->in_module && !module_mark_bad_access(where->addr).empty();
	const char *ktype = kasan_type(type, in_obj);
	_printk(KPLAY_KERN_ERR "%s\n", kRule);
	_printk(KPLAY_KERN_ERR "BUG: KASAN: %s in %s\n", ktype ? ktype : type.c_str(),
		where ? where->text.substr(0, where->text.find(' ', where->text.find(']'))).c_str() : "?");
	if (!access.empty()) {
		// "WRITE of size 1 at 0x... thread T3" -> "Write of size 1 at addr ... by task sh/123"
		std::string rw = starts_with(access, "WRITE") ? "Write" : "Read";
		unsigned size = 0;
		std::sscanf(access.c_str() + access.find("of size ") + 8, "%u", &size);
		_printk(KPLAY_KERN_ERR "%s of size %u at addr %016" PRIxPTR " by task %s/%d\n", rw.c_str(), size, bad,
			task.comm.c_str(), task.pid);
	}
	_printk(KPLAY_KERN_ERR "\n");
	_printk(KPLAY_KERN_ERR "%s\n", task_line(task, tainted).c_str());
	// The rest of ASan's report, as KASAN words it; the creation stacks of
	// the daemon's threads and the shadow dump stay in the daemon log.
	bool skip = false;
	for (const Block &b : blocks) {
		std::string h = trim(b.head);
		if (starts_with(h, "Shadow bytes around"))
			break;
		if (starts_with(h, "Thread T")) {
			skip = true;
			continue;
		}
		if (h.find("ERROR: AddressSanitizer") != std::string::npos || starts_with(h, "READ of size") ||
		    starts_with(h, "WRITE of size") || starts_with(h, "SUMMARY:") || starts_with(h, "====")) {
			if (!b.frames.empty()) {
				_printk(KPLAY_KERN_ERR "Call Trace:\n");
				print_trace(b.frames);
			}
			skip = false;
			continue;
		}
		if (h.empty()) {
			skip = false;
			continue;
		}
		if (skip)
			continue;
		if (starts_with(h, "allocated by thread") || starts_with(h, "previously allocated by thread"))
			h = "Allocated by " + h.substr(h.find("thread")).substr(0, h.substr(h.find("thread")).find(" here")) + ":";
		else if (starts_with(h, "freed by thread"))
			h = "Freed by " + h.substr(h.find("thread")).substr(0, h.substr(h.find("thread")).find(" here")) + ":";
		if (h.find("-byte region [") != std::string::npos && in_obj) {
			_printk(KPLAY_KERN_ERR "\n");
			_printk(KPLAY_KERN_ERR "The buggy address belongs to the object at %016" PRIxPTR "\n", obj);
			_printk(KPLAY_KERN_ERR " which belongs to the cache kmalloc-%zu of size %zu\n", room, room);
			if (bad >= obj + objsize)
				_printk(KPLAY_KERN_ERR "The buggy address is located %zu bytes to the right of\n",
					static_cast<size_t>(bad - obj - objsize));
			else
				_printk(KPLAY_KERN_ERR "The buggy address is located %zu bytes inside of\n",
					static_cast<size_t>(bad - obj));
			_printk(KPLAY_KERN_ERR " %zu-byte region [%016" PRIxPTR ", %016" PRIxPTR ")\n", objsize, obj,
				obj + objsize);
			continue;
		}
		_printk(KPLAY_KERN_ERR "\n");
		_printk(KPLAY_KERN_ERR "%s\n", h.c_str());
		if (!b.frames.empty())
			print_trace(b.frames);
	}
	_printk(KPLAY_KERN_ERR "%s\n", kRule);
}

// lib/ubsan.c's report: "UBSAN: <check> in file:line:col", the message.
void emit_ubsan(const std::vector<std::string> &lines, const TaskId &task)
{
	std::string loc, msg;
	for (const std::string &l : lines)
		if (size_t p = l.find(": runtime error: "); p != std::string::npos && loc.empty()) {
			loc = l.substr(0, p);
			msg = l.substr(p + 17);
		}
	const char *check = msg.find("shift") != std::string::npos			  ? "shift-out-of-bounds"
			    : msg.find("out of bounds for type") != std::string::npos ? "array-index-out-of-bounds"
			    : msg.find("not a valid value for type") != std::string::npos ? "invalid-load"
			    : msg.find("variable length array") != std::string::npos	  ? "vla-bound-not-positive"
											  : "undefined-behaviour";
	std::string rule(80, '=');
	_printk(KPLAY_KERN_ERR "%s\n", rule.c_str());
	_printk(KPLAY_KERN_ERR "UBSAN: %s in %s\n", check, loc.c_str());
	_printk(KPLAY_KERN_ERR "%s\n", msg.c_str());
	if (task.pid) // known when the runtime printed a summary
		_printk(KPLAY_KERN_ERR "%s\n", task_line(task, false).c_str());
	for (const Block &b : split(lines))
		if (!b.frames.empty()) {
			_printk(KPLAY_KERN_ERR "Call Trace:\n");
			print_trace(b.frames);
			break;
		}
	_printk(KPLAY_KERN_ERR "%s\n", rule.c_str());
}

// KCSAN's report: "BUG: KCSAN: data-race in f1 / f2", then both accesses.
void emit_tsan(const std::vector<std::string> &lines)
{
	std::vector<Block> blocks = split(lines);
	std::vector<std::string> sites;
	for (const Block &b : blocks) {
		if (b.frames.empty() || sites.size() == 2)
			continue;
		std::string h = trim(b.head);
		if (starts_with(h, "Read of size") || starts_with(h, "Write of size") || starts_with(h, "Previous read") ||
		    starts_with(h, "Previous write") || starts_with(h, "Atomic")) {
			const Frame *f = first_module_frame(b.frames);
			std::string s = f->text;
			if (f->in_module)
				s = s.substr(0, s.find(' ', s.find(']')));
			sites.push_back(s);
		}
	}
	std::string kind = "data-race";
	for (const std::string &l : lines)
		if (size_t p = l.find("WARNING: ThreadSanitizer: "); p != std::string::npos) {
			kind = l.substr(p + 26);
			kind = kind.substr(0, kind.find(" (pid="));
			std::replace(kind.begin(), kind.end(), ' ', '-');
		}
	_printk(KPLAY_KERN_ERR "%s\n", kRule);
	_printk(KPLAY_KERN_ERR "BUG: KCSAN: %s in %s%s%s\n", kind.c_str(), sites.empty() ? "?" : sites[0].c_str(),
		sites.size() > 1 ? " / " : "", sites.size() > 1 ? sites[1].c_str() : "");
	for (const Block &b : blocks) {
		std::string h = trim(b.head);
		if (starts_with(h, "WARNING: ThreadSanitizer") || starts_with(h, "SUMMARY:") || starts_with(h, "===="))
			continue;
		_printk(KPLAY_KERN_ERR "%s\n", h.c_str());
		if (!b.frames.empty())
			print_trace(b.frames);
	}
	_printk(KPLAY_KERN_ERR "%s\n", kRule);
}

void emit(const std::vector<std::string> &lines)
{
	TaskId task{0, "?"};
	bool summary = std::any_of(lines.begin(), lines.end(), [](const std::string &l) { return starts_with(l, "SUMMARY: "); });
	if (summary) {
		// The summary hook noted the task when this report ended.
		std::lock_guard lk(g_tasks_mu);
		if (!g_tasks.empty()) {
			task = g_tasks.front();
			g_tasks.pop_front();
		}
	}
	bool asan = false, ubsan = false, tsan = false;
	for (const std::string &l : lines) {
		asan |= l.find("ERROR: AddressSanitizer") != std::string::npos;
		tsan |= l.find("WARNING: ThreadSanitizer") != std::string::npos;
		ubsan |= l.find(": runtime error: ") != std::string::npos;
	}
	if (asan)
		emit_asan(lines, task);
	else if (tsan)
		emit_tsan(lines);
	else if (ubsan)
		emit_ubsan(lines, task);
}

bool report_starts(const std::string &l)
{
	return l.find("ERROR: AddressSanitizer") != std::string::npos ||
	       l.find("WARNING: ThreadSanitizer") != std::string::npos ||
	       l.find(": runtime error: ") != std::string::npos;
}

void reader_loop()
{
	std::string pending;
	std::vector<std::string> report;
	char buf[65536];
	for (;;) {
		// A report ends at its SUMMARY line, at the start of the next one,
		// or when the runtime has been quiet for 1.5 s (symbolising the
		// daemon's frames takes a while under load).
		pollfd pfd{g_report_rfd, POLLIN, 0};
		int pr = ::poll(&pfd, 1, report.empty() ? -1 : 1500);
		if (pr == 0) {
			emit(report);
			report.clear();
			continue;
		}
		if (pr < 0 && errno == EINTR)
			continue;
		ssize_t n = ::read(g_report_rfd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			char msg[128];
			int len = std::snprintf(msg, sizeof msg, "kplay: sanitizer report reader stops: read %zd (%s)\n", n,
						std::strerror(errno));
			write_all(g_log_fd, msg, static_cast<size_t>(len));
			return;
		}
		g_busy.store(true);
		write_all(g_log_fd, buf, static_cast<size_t>(n));
		pending.append(buf, static_cast<size_t>(n));
		for (size_t nl; (nl = pending.find('\n')) != std::string::npos;) {
			std::string line = pending.substr(0, nl);
			pending.erase(0, nl + 1);
			bool starts = report_starts(line);
			if (report.empty() && !starts)
				continue; // not a report (the log has it)
			if (starts && !report.empty()) {
				// The previous report had no summary line (UBSan's may not).
				emit(report);
				report.clear();
			}
			report.push_back(std::move(line));
			if (starts_with(report.back(), "SUMMARY: ") || report.size() > 4000) {
				emit(report);
				report.clear();
			}
		}
		g_busy.store(false);
	}
}

// The runtime dies (a report that cannot be recovered from): let the
// reader put what is in the pipe into the log first.
void on_death()
{
	for (int i = 0; i < 2000; ++i) {
		int avail = 0;
		if (ioctl(g_report_rfd, FIONREAD, &avail) == 0 && avail == 0 && !g_busy.load())
			return;
		::usleep(1000);
	}
}

} // namespace

void sanitizer_init()
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0)
		return;
	fcntl(p[1], F_SETPIPE_SZ, 1 << 20); // a report is written whole, before the reader runs
	// High descriptors: the daemon's start-up closes low ones it was handed
	// (the ready pipe), which must not take the report pipe with them.
	g_report_rfd = fcntl(p[0], F_DUPFD_CLOEXEC, 900);
	g_report_wfd = fcntl(p[1], F_DUPFD_CLOEXEC, 900);
	::close(p[0]);
	::close(p[1]);
	if (g_report_rfd < 0 || g_report_wfd < 0)
		return;
	// The runtimes write to stderr (UBSan's, a library of its own, resets its
	// report file to stderr when it first reports): stderr becomes the pipe,
	// and the reader copies everything to the daemon log, which stderr was.
	g_log_fd = fcntl(2, F_DUPFD_CLOEXEC, 900);
	if (g_log_fd < 0 || ::dup2(g_report_wfd, 2) < 0) {
		g_log_fd = 2;
		return;
	}
	__sanitizer_set_death_callback(on_death);
	char msg[128];
	int len = std::snprintf(msg, sizeof msg, "kplay: sanitizer reports (%s) through fds %d/%d, pid %d\n",
				sanitizer_build(), g_report_rfd, g_report_wfd, getpid());
	write_all(g_log_fd, msg, static_cast<size_t>(len));
	std::thread(reader_loop).detach();
}

void kasan_report_invalid_free(const void *p, uintptr_t caller)
{
	struct task_struct *t = get_current();
	std::string where = kernel_format("%pS", reinterpret_cast<void *>(caller));
	bool tainted = !module_mark_bad_access(caller).empty();
	_printk(KPLAY_KERN_ERR "%s\n", kRule);
	_printk(KPLAY_KERN_ERR "BUG: KASAN: double-free or invalid-free in %s\n", where.c_str());
	_printk(KPLAY_KERN_ERR "\n");
	_printk(KPLAY_KERN_ERR "%s\n", task_line({t->pid, t->comm}, tainted).c_str());
	if (auto m = module_address(caller)) {
		std::string src = source_line(m->path, m->vaddr ? m->vaddr - 1 : 0);
		_printk(KPLAY_KERN_ERR "Call Trace:\n");
		_printk(KPLAY_KERN_ERR " %s [%s]%s%s\n", m->where.c_str(), m->module.c_str(), src.empty() ? "" : " ",
			src.c_str());
	}
	_printk(KPLAY_KERN_ERR "The object at %016" PRIxPTR " is not allocated (freed before, or never kmalloc'ed); not freed again\n",
		reinterpret_cast<uintptr_t>(p));
	_printk(KPLAY_KERN_ERR "%s\n", kRule);
}

#endif // KPLAY_SANITIZER

} // namespace kplay

#ifdef KPLAY_SANITIZER
extern "C" {

// The runtimes' settings for the daemon (ASAN_OPTIONS etc. still override):
// keep serving after a report (recover mode, as a kernel goes on after
// KASAN), leave faults to kplay's oops handler, unwind with frame pointers
// (module code has no unwind tables the runtime can find), no leak check at
// exit (a module's leaks are reported at rmmod).
__attribute__((visibility("default"), used)) const char *__asan_default_options()
{
	return "halt_on_error=0:detect_leaks=0:fast_unwind_on_fatal=1:handle_segv=0:handle_sigbus=0:"
	       "handle_sigfpe=0:handle_sigill=0:allow_user_segv_handler=1:malloc_context_size=20";
}

__attribute__((visibility("default"), used)) const char *__ubsan_default_options()
{
	return "halt_on_error=0:print_stacktrace=1:fast_unwind_on_fatal=1:handle_segv=0:handle_sigbus=0:"
	       "handle_sigfpe=0:handle_sigill=0";
}

__attribute__((visibility("default"), used)) const char *__tsan_default_options()
{
	return "halt_on_error=0:report_signal_unsafe=0:handle_segv=0:handle_sigbus=0:handle_sigfpe=0:"
	       "handle_sigill=0:allow_user_segv_handler=1";
}

#if defined(__SANITIZE_ADDRESS__)
// Called on the reporting thread at the end of each report: notes the task
// it was for (the reader thread formats the report later), then prints the
// summary line as the runtime would.
__attribute__((visibility("default"), used)) void __sanitizer_report_error_summary(const char *summary)
{
	{
		struct task_struct *t = get_current();
		kplay::TaskId id{t->pid, t->comm};
		if (auto a = reinterpret_cast<uintptr_t>(__asan_get_report_address()))
			kplay::kmalloc_object_of(a, &id.obj, &id.size, &id.room, 64);
		std::lock_guard lk(kplay::g_tasks_mu);
		kplay::g_tasks.push_back(std::move(id));
		if (kplay::g_tasks.size() > 64)
			kplay::g_tasks.pop_front();
	}
	std::string l = std::string(summary) + "\n";
	kplay::write_all(2, l.data(), l.size());
}
#endif

} // extern "C"
#endif
