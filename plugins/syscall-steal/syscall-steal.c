// SPDX-License-Identifier: GPL-2.0
/*
 * syscall-steal.c - spy on one user's file opens by taking over the openat
 * entry of the system call table, and hand the entry back on unload.
 *
 * Neither sys_call_table nor kallsyms_lookup_name is exported (the latter
 * since 5.7), so the module asks kprobes where kallsyms_lookup_name is, then
 * asks kallsyms_lookup_name for the table. The table is read-only: the
 * write-protect bit of CR0 is lifted around the store with a mov to CR0 of
 * our own, since write_cr0() keeps WP pinned since 5.3.
 *
 * Expect nothing on a current x86-64 kernel: since the branch history
 * injection mitigations (6.9, and backports such as 6.1.8x) system calls
 * are dispatched through a switch statement and the table is never read.
 * The module loads, logs no opens, and unloads cleanly.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kprobes.h>
#include <linux/kallsyms.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/cred.h>
#include <linux/version.h>
#include <asm/special_insns.h>

/* The user whose opens are reported (-1: nobody). */
static int uid = -1;
module_param(uid, int, 0644);
MODULE_PARM_DESC(uid, "the user id to spy on");

typedef long (*syscall_fn_t)(const struct pt_regs *);

static syscall_fn_t *table;
static syscall_fn_t real_openat;

/* openat(dfd, filename, flags, mode): the file name is the second argument. */
static long spy_openat(const struct pt_regs *regs)
{
	char name[256];
	long len;

	if (uid >= 0 && __kuid_val(current_uid()) == (unsigned int)uid) {
		len = strncpy_from_user(name, (const char __user *)regs->si, sizeof(name));
		if (len > 0) {
			name[sizeof(name) - 1] = '\0';
			pr_info("uid %d opens %s\n", uid, name);
		}
	}
	return real_openat(regs);
}

static unsigned long find_symbol(const char *name)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 7, 0)
	typedef unsigned long (*lookup_fn_t)(const char *);
	struct kprobe probe = { .symbol_name = "kallsyms_lookup_name" };
	lookup_fn_t lookup;

	if (register_kprobe(&probe) < 0)
		return 0;
	lookup = (lookup_fn_t)probe.addr;
	unregister_kprobe(&probe);
	return lookup(name);
#else
	return kallsyms_lookup_name(name);
#endif
}

/* mov to CR0 directly: write_cr0() would put WP straight back. */
static inline void set_cr0(unsigned long val)
{
	asm volatile("mov %0,%%cr0" : "+r"(val) : : "memory");
}

static void table_write(int nr, syscall_fn_t fn)
{
	unsigned long cr0 = read_cr0();

	set_cr0(cr0 & ~X86_CR0_WP);
	table[nr] = fn;
	set_cr0(cr0);
}

static int __init steal_init(void)
{
	table = (syscall_fn_t *)find_symbol("sys_call_table");
	if (!table) {
		pr_err("sys_call_table not found\n");
		return -ENOENT;
	}
	real_openat = table[__NR_openat];
	table_write(__NR_openat, spy_openat);
	pr_info("openat replaced, spying on uid %d\n", uid);
	return 0;
}

static void __exit steal_exit(void)
{
	/* Another module may have stacked its own hook on ours: say so. */
	if (table[__NR_openat] != spy_openat)
		pr_alert("openat was replaced again after us; the table may be left inconsistent\n");
	table_write(__NR_openat, real_openat);
	pr_info("openat restored\n");
}

module_init(steal_init);
module_exit(steal_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Replace openat in the system call table to log one user's opens");
