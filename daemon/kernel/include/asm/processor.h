/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <asm/processor.h>: the busy-wait hint. */
#ifndef KPLAY_ASM_PROCESSOR_H
#define KPLAY_ASM_PROCESSOR_H

/* In a spin loop: tell the CPU (x86 PAUSE), and keep the compiler reloading. */
static inline void cpu_relax(void)
{
	__builtin_ia32_pause();
	__asm__ __volatile__("" ::: "memory");
}

#endif
