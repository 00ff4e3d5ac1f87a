/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <asm/syscall.h> (x86-64): the system call table's entry
 * type. sys_call_table itself is not exported (as on the real 6.1); its
 * address is found through kallsyms. */
#ifndef _KPLAY_ASM_SYSCALL_H
#define _KPLAY_ASM_SYSCALL_H

#include "asm/ptrace.h"
#include "asm/unistd.h"

typedef long (*sys_call_ptr_t)(const struct pt_regs *);
extern const sys_call_ptr_t sys_call_table[];

#endif
