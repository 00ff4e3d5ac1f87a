// SPDX-License-Identifier: GPL-2.0
/*
 * syscall_probe.c - a kprobe pre-handler on __x64_sys_openat: counts the
 * openat calls it sees and logs those of the command named by `watch`.
 * With poke_table=1 it instead stores into sys_call_table without lifting
 * CR0.WP, which must oops (the table is read-only).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kprobes.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/syscalls.h>

static int hits;
module_param(hits, int, 0444);
MODULE_PARM_DESC(hits, "openat calls seen");

static char *watch = "";
module_param(watch, charp, 0444);
MODULE_PARM_DESC(watch, "log the openat calls of this command");

static bool poke_table;
module_param(poke_table, bool, 0444);
MODULE_PARM_DESC(poke_table, "write to sys_call_table with CR0.WP set");

static int before_openat(struct kprobe *p, struct pt_regs *regs)
{
	/* At the entry of __x64_sys_openat, di is the system call's pt_regs. */
	const struct pt_regs *sys = (const struct pt_regs *)regs->di;

	hits++;
	if (watch[0] && !strcmp(current->comm, watch))
		pr_info("openat by %s, flags %#lx\n", current->comm, sys->dx);
	return 0;
}

static struct kprobe probe = {
	.symbol_name = "__x64_sys_openat",
	.pre_handler = before_openat,
};

static unsigned long lookup(const char *name)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long (*fn)(const char *);

	if (register_kprobe(&kp) < 0)
		return 0;
	fn = (unsigned long (*)(const char *))kp.addr;
	unregister_kprobe(&kp);
	return fn(name);
}

static int __init syscall_probe_init(void)
{
	int ret;

	if (poke_table) {
		unsigned long *table = (unsigned long *)lookup("sys_call_table");

		if (!table)
			return -ENOENT;
		/* volatile: a store of the same value must not be optimised away */
		*(volatile unsigned long *)&table[__NR_openat] = table[__NR_openat];
		pr_info("the table took a write with WP set\n");
		return 0;
	}
	ret = register_kprobe(&probe);
	if (ret < 0) {
		pr_err("register_kprobe: %d\n", ret);
		return ret;
	}
	pr_info("probe on %s\n", probe.symbol_name);
	return 0;
}

static void __exit syscall_probe_exit(void)
{
	if (!poke_table)
		unregister_kprobe(&probe);
}

module_init(syscall_probe_init);
module_exit(syscall_probe_exit);

MODULE_LICENSE("GPL");
