/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/kprobes.h>. A probe is registered on a symbol
 * (symbol_name + offset) or an address; kplay resolves any kallsyms name,
 * but its handlers run only at kplay's instrumented points: the entry of
 * each system call it dispatches (__x64_sys_openat ...), with regs->di
 * pointing at the system call's own pt_regs, as on x86-64. */
#ifndef _KPLAY_LINUX_KPROBES_H
#define _KPLAY_LINUX_KPROBES_H

#include "linux/types.h"
#include "linux/list.h"
#include "asm/ptrace.h"

struct kprobe;

typedef int (*kprobe_pre_handler_t)(struct kprobe *, struct pt_regs *);
typedef void (*kprobe_post_handler_t)(struct kprobe *, struct pt_regs *, unsigned long flags);

typedef int kprobe_opcode_t;

#ifdef __cplusplus
extern "C" {
#endif

struct kprobe {
	struct hlist_node hlist;
	struct list_head list;
	unsigned long nmissed;
	kprobe_opcode_t *addr;
	const char *symbol_name;
	unsigned int offset;
	kprobe_pre_handler_t pre_handler;
	kprobe_post_handler_t post_handler;
	kprobe_opcode_t opcode;
	u32 flags;
};

#define KPROBE_FLAG_GONE 1
#define KPROBE_FLAG_DISABLED 2

int register_kprobe(struct kprobe *p);
void unregister_kprobe(struct kprobe *p);
int register_kprobes(struct kprobe **kps, int num);
void unregister_kprobes(struct kprobe **kps, int num);
int disable_kprobe(struct kprobe *kp);
int enable_kprobe(struct kprobe *kp);

#ifdef __cplusplus
}
#endif

#endif
