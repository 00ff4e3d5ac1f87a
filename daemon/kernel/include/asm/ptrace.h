/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <asm/ptrace.h> (x86-64): the registers saved at kernel
 * entry. A system call's arguments are di, si, dx, r10, r8, r9; orig_ax holds
 * its number, ax its result. The field order is the kernel's. */
#ifndef _KPLAY_ASM_PTRACE_H
#define _KPLAY_ASM_PTRACE_H

struct pt_regs {
	unsigned long r15;
	unsigned long r14;
	unsigned long r13;
	unsigned long r12;
	unsigned long bp;
	unsigned long bx;
	unsigned long r11;
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long ax;
	unsigned long cx;
	unsigned long dx;
	unsigned long si;
	unsigned long di;
	unsigned long orig_ax;
	unsigned long ip;
	unsigned long cs;
	unsigned long flags;
	unsigned long sp;
	unsigned long ss;
};

static inline unsigned long instruction_pointer(struct pt_regs *regs)
{
	return regs->ip;
}

static inline unsigned long regs_return_value(struct pt_regs *regs)
{
	return regs->ax;
}

#endif
