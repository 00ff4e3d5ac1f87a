/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/syscalls.h>. On x86-64 every system call has a
 * pt_regs wrapper (__x64_sys_NAME) that the table points at; those are not
 * exported, but kallsyms and kprobes know them. */
#ifndef _KPLAY_LINUX_SYSCALLS_H
#define _KPLAY_LINUX_SYSCALLS_H

#include "linux/types.h"
#include "linux/compiler.h"
#include "asm/ptrace.h"
#include "asm/unistd.h"
#include "asm/syscall.h"

#endif
