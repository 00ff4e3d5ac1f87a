// kprobes (mirrors kernel/kprobes.c: register_kprobe, unregister_kprobe).
// A probe is placed on a symbol (+ offset) or an address; symbols resolve
// through kallsyms, so the well-known way to find kallsyms_lookup_name
// (register a probe on it, read kp.addr, unregister) works. kplay cannot
// patch code: handlers run only at its instrumented points, the entries of
// the system calls it dispatches (syscalls.cpp). A probe anywhere else is
// accepted and never fires; the daemon log says so.
#include "kernel/syscalls.h"

#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/oops.h"
#include "kernel/task.h"

#include "linux/kprobes.h"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <algorithm>
#include <shared_mutex>
#include <string>
#include <vector>

namespace kplay {
namespace {

std::shared_mutex g_mu; // handlers run under the shared lock; unregister waits for them
std::vector<struct kprobe *> g_probes;

// The functions whose entry kplay instruments.
bool instrumented(unsigned long addr)
{
	for (const char *name : {"__x64_sys_openat", "__x64_sys_open"})
		if (kallsyms_address(name) == addr)
			return true;
	return false;
}

} // namespace

bool kprobes_fire(const void *addr, const struct pt_regs *sysregs)
{
	bool alive = true;
	std::shared_lock lk(g_mu);
	for (struct kprobe *p : g_probes) {
		if (p->addr != addr || (p->flags & KPROBE_FLAG_DISABLED))
			continue;
		// What the handler sees at a function's entry on x86-64: the
		// first argument in di, ip just past the probe's int3.
		struct pt_regs regs {};
		regs.di = reinterpret_cast<unsigned long>(sysregs);
		regs.ip = reinterpret_cast<unsigned long>(addr) + 1;
		regs.orig_ax = ~0UL;
		// Handlers run with preemption disabled: they must not sleep.
		// A handler that oopses is reported here, so the lock is let go;
		// the caller then ends the task.
		int depth = atomic_depth()++;
		alive = oops_guard([&] {
			if (p->pre_handler)
				(void)p->pre_handler(p, &regs);
			if (p->post_handler)
				p->post_handler(p, &regs, 0);
		});
		atomic_depth() = depth;
		if (!alive)
			break;
	}
	return alive;
}

} // namespace kplay

extern "C" {

int register_kprobe(struct kprobe *p)
{
	if (!p)
		return -EINVAL;
	// _kprobe_addr: a symbol or an address, not both.
	if (p->symbol_name && p->addr)
		return -EINVAL;
	unsigned long addr = reinterpret_cast<unsigned long>(p->addr);
	if (p->symbol_name) {
		addr = kplay::kallsyms_address(p->symbol_name);
		if (!addr)
			return -ENOENT;
	}
	if (!addr)
		return -EINVAL;
	addr += p->offset;
	std::unique_lock lk(kplay::g_mu);
	if (std::find(kplay::g_probes.begin(), kplay::g_probes.end(), p) != kplay::g_probes.end())
		return -EINVAL; // already registered
	p->addr = reinterpret_cast<kprobe_opcode_t *>(addr);
	p->flags &= KPROBE_FLAG_DISABLED;
	p->nmissed = 0;
	kplay::g_probes.push_back(p);
	if (!kplay::instrumented(addr)) {
		std::string where = p->symbol_name ? fmt::format("{}+{:#x}", p->symbol_name, p->offset)
						   : fmt::format("{:#x}", addr);
		spdlog::info("kprobe at {}: registered, but kplay fires handlers only at the entry of the system calls "
			     "it dispatches (__x64_sys_openat, __x64_sys_open)",
			     where);
	}
	return 0;
}

void unregister_kprobe(struct kprobe *p)
{
	if (!p)
		return;
	std::unique_lock lk(kplay::g_mu);
	auto it = std::find(kplay::g_probes.begin(), kplay::g_probes.end(), p);
	if (it != kplay::g_probes.end())
		kplay::g_probes.erase(it);
}

int register_kprobes(struct kprobe **kps, int num)
{
	if (num <= 0)
		return -EINVAL;
	for (int i = 0; i < num; ++i) {
		int ret = register_kprobe(kps[i]);
		if (ret < 0) {
			while (--i >= 0)
				unregister_kprobe(kps[i]);
			return ret;
		}
	}
	return 0;
}

void unregister_kprobes(struct kprobe **kps, int num)
{
	for (int i = 0; i < num; ++i)
		unregister_kprobe(kps[i]);
}

int disable_kprobe(struct kprobe *p)
{
	std::unique_lock lk(kplay::g_mu);
	if (std::find(kplay::g_probes.begin(), kplay::g_probes.end(), p) == kplay::g_probes.end())
		return -EINVAL;
	p->flags |= KPROBE_FLAG_DISABLED;
	return 0;
}

int enable_kprobe(struct kprobe *p)
{
	std::unique_lock lk(kplay::g_mu);
	if (std::find(kplay::g_probes.begin(), kplay::g_probes.end(), p) == kplay::g_probes.end())
		return -EINVAL;
	p->flags &= ~KPROBE_FLAG_DISABLED;
	return 0;
}

} // extern "C"

KPLAY_EXPORT_GPL(register_kprobe);
KPLAY_EXPORT_GPL(unregister_kprobe);
KPLAY_EXPORT_GPL(register_kprobes);
KPLAY_EXPORT_GPL(unregister_kprobes);
KPLAY_EXPORT_GPL(disable_kprobe);
KPLAY_EXPORT_GPL(enable_kprobe);
