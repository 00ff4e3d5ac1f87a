/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <asm/unistd.h>: x86-64 system call numbers (a selection
 * of arch/x86/entry/syscalls/syscall_64.tbl; the numbers are the ABI's). */
#ifndef _KPLAY_ASM_UNISTD_H
#define _KPLAY_ASM_UNISTD_H

#define __NR_read 0
#define __NR_write 1
#define __NR_open 2
#define __NR_close 3
#define __NR_stat 4
#define __NR_fstat 5
#define __NR_lstat 6
#define __NR_lseek 8
#define __NR_ioctl 16
#define __NR_access 21
#define __NR_getpid 39
#define __NR_clone 56
#define __NR_fork 57
#define __NR_execve 59
#define __NR_exit 60
#define __NR_kill 62
#define __NR_uname 63
#define __NR_getcwd 79
#define __NR_chdir 80
#define __NR_rename 82
#define __NR_mkdir 83
#define __NR_rmdir 84
#define __NR_creat 85
#define __NR_link 86
#define __NR_unlink 87
#define __NR_symlink 88
#define __NR_readlink 89
#define __NR_chmod 90
#define __NR_getuid 102
#define __NR_getgid 104
#define __NR_geteuid 107
#define __NR_getegid 108
#define __NR_gettid 186
#define __NR_exit_group 231
#define __NR_openat 257
#define __NR_mkdirat 258
#define __NR_unlinkat 263
#define __NR_renameat 264
#define __NR_execveat 322
#define __NR_openat2 437

/* The table's length on 6.1 (the last entry is set_mempolicy_home_node, 450). */
#define __NR_syscalls 451
#define NR_syscalls __NR_syscalls

#endif
