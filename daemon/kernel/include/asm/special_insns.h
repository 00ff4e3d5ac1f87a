/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <asm/special_insns.h>: control register access. The
 * instruction is the real one; kplay's fault handler emulates it against a
 * virtual CR0 (whose WP bit write-protects the system call table), as a
 * kernel running at CPL 0 would execute it. write_cr0 is the kernel's pinned
 * native_write_cr0, which kplay does not provide (a module that needs it
 * fails to load with "Unknown symbol native_write_cr0"). */
#ifndef _KPLAY_ASM_SPECIAL_INSNS_H
#define _KPLAY_ASM_SPECIAL_INSNS_H

#define X86_CR0_PE (1UL << 0)
#define X86_CR0_MP (1UL << 1)
#define X86_CR0_ET (1UL << 4)
#define X86_CR0_NE (1UL << 5)
#define X86_CR0_WP (1UL << 16)
#define X86_CR0_AM (1UL << 18)
#define X86_CR0_PG (1UL << 31)

#ifdef __cplusplus
extern "C" {
#endif

static inline unsigned long read_cr0(void)
{
	unsigned long val;

	asm volatile("mov %%cr0,%0" : "=r"(val) : : "memory");
	return val;
}

void native_write_cr0(unsigned long val);

static inline void write_cr0(unsigned long x)
{
	native_write_cr0(x);
}

#ifdef __cplusplus
}
#endif

#endif
