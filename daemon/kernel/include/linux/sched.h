/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/sched.h>: `current` is the process whose system call
 * kplay is serving (pid, tgid, comm, credentials), as in the kernel.
 */
#ifndef _KPLAY_LINUX_SCHED_H
#define _KPLAY_LINUX_SCHED_H

#include "linux/types.h"
#include "linux/uidgid.h"

#define TASK_COMM_LEN 16

struct cred {
	kuid_t uid, euid, suid, fsuid;
	kgid_t gid, egid, sgid, fsgid;
};

struct task_struct {
	pid_t pid;
	pid_t tgid;
	char comm[TASK_COMM_LEN];
	const struct cred *cred;
	const struct cred *real_cred;
};

#ifdef __cplusplus
extern "C" {
#endif

struct task_struct *get_current(void);

#ifdef __cplusplus
}
#endif

#define current get_current()

static inline pid_t task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_tgid_nr(struct task_struct *tsk)
{
	return tsk->tgid;
}

#endif
