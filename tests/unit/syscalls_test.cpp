// Unit tests for kernel/syscalls.cpp and kernel/kprobes.cpp: the virtual CR0
// (a real `mov` to/from %cr0 faults in userspace and is emulated by the
// fault handler), the write-protected sys_call_table, kallsyms for the
// names the kernel does not export, kprobes (the kallsyms_lookup_name trick,
// the kernel's error codes, handlers at a dispatched entry), and dispatch
// through a replaced table entry. The "caller" is this test process.

// The C++ library headers come first: kplay's headers may pull in the
// kernel's C headers, whose macros clash with libstdc++.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "kernel/ksyms.h"
#include "kernel/oops.h"
#include "kernel/syscalls.h"

#include "asm/ptrace.h"
#include "asm/unistd.h"
#include "linux/kallsyms.h"
#include "linux/kprobes.h"

namespace {

using entry_t = long (*)(const struct pt_regs *);

void handlers_once()
{
	static bool done = [] {
		kplay::install_oops_handler();
		return true;
	}();
	(void)done;
}

unsigned long read_cr0_insn()
{
	unsigned long v;
	asm volatile("mov %%cr0,%0" : "=r"(v) : : "memory");
	return v;
}

void write_cr0_insn(unsigned long v)
{
	asm volatile("mov %0,%%cr0" : "+r"(v) : : "memory");
}

void write_cr0_r12(unsigned long v)
{
	// A REX-prefixed form (41 0f 22 e4: mov %r12,%cr0).
	register unsigned long r12 asm("r12") = v;
	asm volatile("mov %0,%%cr0" : : "r"(r12) : "memory");
}

entry_t *table() { return reinterpret_cast<entry_t *>(kplay::kallsyms_address("sys_call_table")); }

constexpr unsigned long kWp = 1UL << 16;

TEST(Cr0, MovFromAndToCr0AreEmulated)
{
	handlers_once();
	unsigned long cr0 = read_cr0_insn();
	EXPECT_EQ(cr0, 0x80050033UL); // PG AM WP NE ET MP PE, as on x86-64
	write_cr0_insn(cr0 & ~kWp);
	EXPECT_EQ(read_cr0_insn(), cr0 & ~kWp);
	write_cr0_r12(cr0);
	EXPECT_EQ(kplay::virtual_cr0(), cr0);
}

TEST(Cr0, TheTableIsWritableOnlyWithWpClear)
{
	handlers_once();
	entry_t *t = table();
	ASSERT_NE(t, nullptr);
	entry_t saved = t[__NR_openat];
	unsigned long cr0 = read_cr0_insn();
	ASSERT_TRUE(cr0 & kWp);
	// WP set: the store faults, as a write to read-only kernel memory.
	bool stored = kplay::oops_guard([&] { *reinterpret_cast<entry_t volatile *>(&t[__NR_openat]) = saved; });
	EXPECT_FALSE(stored);
	write_cr0_insn(cr0 & ~kWp);
	stored = kplay::oops_guard([&] { *reinterpret_cast<entry_t volatile *>(&t[__NR_openat]) = saved; });
	write_cr0_insn(cr0);
	EXPECT_TRUE(stored);
	EXPECT_EQ(t[__NR_openat], saved);
}

TEST(Kallsyms, InternalNamesAreKnownButNotExported)
{
	for (const char *name : {"kallsyms_lookup_name", "sys_call_table", "__x64_sys_openat", "__x64_sys_open"}) {
		EXPECT_NE(kplay::kallsyms_address(name), 0UL) << name;
		EXPECT_EQ(kplay::find_core_symbol(name), nullptr) << name << " must not be linkable by modules";
	}
	EXPECT_EQ(kallsyms_lookup_name("printk_no_such_symbol"), 0UL);
	// Exported symbols are in kallsyms too.
	EXPECT_EQ(kallsyms_lookup_name("register_kprobe"), reinterpret_cast<unsigned long>(&register_kprobe));
}

TEST(Kprobes, TheKallsymsLookupNameTrick)
{
	struct kprobe kp {};
	kp.symbol_name = "kallsyms_lookup_name";
	ASSERT_EQ(register_kprobe(&kp), 0);
	auto fn = reinterpret_cast<unsigned long (*)(const char *)>(kp.addr);
	unregister_kprobe(&kp);
	EXPECT_EQ(fn("sys_call_table"), kplay::kallsyms_address("sys_call_table"));
}

TEST(Kprobes, KernelErrorCodes)
{
	struct kprobe unknown {};
	unknown.symbol_name = "no_such_function";
	EXPECT_EQ(register_kprobe(&unknown), -ENOENT);
	struct kprobe both {};
	both.symbol_name = "kallsyms_lookup_name";
	both.addr = reinterpret_cast<kprobe_opcode_t *>(&both);
	EXPECT_EQ(register_kprobe(&both), -EINVAL);
	struct kprobe neither {};
	EXPECT_EQ(register_kprobe(&neither), -EINVAL);
	struct kprobe twice {};
	twice.symbol_name = "__x64_sys_openat";
	ASSERT_EQ(register_kprobe(&twice), 0);
	EXPECT_EQ(register_kprobe(&twice), -EINVAL);
	unregister_kprobe(&twice);
}

// The host side of the test: records the open it is asked for.
class FakeHost : public kplay::SyscallHost {
public:
	long openat(int dirfd, const std::string &path, int flags, unsigned mode) override
	{
		dirfd_ = dirfd;
		path_ = path;
		flags_ = flags;
		mode_ = mode;
		return 42;
	}
	int dirfd_ = 0, flags_ = 0;
	unsigned mode_ = 0;
	std::string path_;
};

int g_hits;
unsigned long g_seen_si;
entry_t g_original;
std::string g_hook_saw;

int count_openat(struct kprobe *, struct pt_regs *regs)
{
	++g_hits;
	g_seen_si = reinterpret_cast<const struct pt_regs *>(regs->di)->si;
	return 0;
}

long hook(const struct pt_regs *regs)
{
	g_hook_saw = reinterpret_cast<const char *>(regs->si);
	return g_original(regs) + 1;
}

TEST(Dispatch, OwnEntryFiresProbesAndPasses)
{
	handlers_once();
	struct kprobe kp {};
	kp.symbol_name = "__x64_sys_openat";
	kp.pre_handler = count_openat;
	ASSERT_EQ(register_kprobe(&kp), 0);
	static const char path[] = "/some/file";
	unsigned long args[6] = {static_cast<unsigned long>(AT_FDCWD), reinterpret_cast<unsigned long>(path), O_RDONLY,
				 0, 0, 0};
	FakeHost host;
	g_hits = 0;
	kplay::SyscallOutcome out = kplay::dispatch_syscall(getpid(), __NR_openat, args, host);
	unregister_kprobe(&kp);
	EXPECT_TRUE(out.pass);
	EXPECT_FALSE(out.killed);
	EXPECT_EQ(g_hits, 1);
	EXPECT_EQ(g_seen_si, args[1]);
	EXPECT_TRUE(host.path_.empty()); // the caller makes the call itself
}

TEST(Dispatch, ReplacedEntryRunsAndItsOriginalOpensThroughTheHost)
{
	handlers_once();
	entry_t *t = table();
	g_original = t[__NR_openat];
	unsigned long cr0 = read_cr0_insn();
	write_cr0_insn(cr0 & ~kWp);
	t[__NR_openat] = hook;
	write_cr0_insn(cr0);
	static const char path[] = "relative/name";
	unsigned long args[6] = {7, reinterpret_cast<unsigned long>(path), O_CREAT | O_WRONLY, 0640, 0, 0};
	FakeHost host;
	kplay::SyscallOutcome out = kplay::dispatch_syscall(getpid(), __NR_openat, args, host);
	write_cr0_insn(cr0 & ~kWp);
	t[__NR_openat] = g_original;
	write_cr0_insn(cr0);
	EXPECT_FALSE(out.pass);
	EXPECT_EQ(out.ret, 43);
	EXPECT_EQ(g_hook_saw, path);
	EXPECT_EQ(host.dirfd_, 7);
	EXPECT_EQ(host.path_, path);
	EXPECT_EQ(host.flags_, O_CREAT | O_WRONLY);
	EXPECT_EQ(host.mode_, 0640u);
	// A number kplay does not dispatch holds sys_ni_syscall.
	EXPECT_EQ(t[__NR_getpid](nullptr), -ENOSYS);
}

} // namespace
