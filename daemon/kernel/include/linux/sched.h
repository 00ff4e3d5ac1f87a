/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/sched.h>: `current` is the process whose system call
 * kplay is serving (pid, tgid, comm, credentials), as in the kernel.
 */
#ifndef _KPLAY_LINUX_SCHED_H
#define _KPLAY_LINUX_SCHED_H

#include "linux/types.h"
#include "linux/uidgid.h"
#include "asm/processor.h"

#define TASK_COMM_LEN 16

/* Task states (6.1 values). */
#define TASK_RUNNING 0x00000000
#define TASK_INTERRUPTIBLE 0x00000001
#define TASK_UNINTERRUPTIBLE 0x00000002
#define __TASK_STOPPED 0x00000004
#define __TASK_TRACED 0x00000008
#define TASK_DEAD 0x00000080
#define TASK_WAKEKILL 0x00000100
#define TASK_NOLOAD 0x00000400
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_IDLE (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)

#define MAX_SCHEDULE_TIMEOUT ((long)(~0UL >> 1))

#ifndef __cplusplus /* the C library has its own _NSIG */
#define _NSIG 64
#define _NSIG_BPW 64
#define _NSIG_WORDS (_NSIG / _NSIG_BPW)
#endif

typedef struct {
	unsigned long sig[1]; /* _NSIG_WORDS on x86-64 */
} sigset_t_kernel;

struct sigpending {
	sigset_t_kernel signal;
};

#ifndef __cplusplus
typedef sigset_t_kernel sigset_t;
#endif

struct kplay_task; /* kplay's side of a task (sleeping, signals) */

struct cred {
	kuid_t uid, euid, suid, fsuid;
	kgid_t gid, egid, sgid, fsgid;
};

struct task_struct {
	unsigned int __state;
	pid_t pid;
	pid_t tgid;
	char comm[TASK_COMM_LEN];
	const struct cred *cred;
	const struct cred *real_cred;
	/* Signals of the process this task serves, as the kernel keeps them. */
	struct sigpending pending;
	sigset_t_kernel blocked;
	struct kplay_task *kplay;
};

#ifdef __cplusplus
extern "C" {
#endif

struct task_struct *get_current(void);
void schedule(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_killable(long timeout);
int wake_up_process(struct task_struct *p);
void set_current_state_kplay(unsigned int state);
int kplay_signal_pending(struct task_struct *p);
int kplay_fatal_signal_pending(struct task_struct *p);
void yield(void);
int cond_resched(void);

#ifdef __cplusplus
}
#endif

#ifndef __cplusplus /* the C++ standard library uses these names */
#define current get_current()
#define __set_current_state(state_value) set_current_state_kplay(state_value)
#define set_current_state(state_value) set_current_state_kplay(state_value)
#endif

static inline int signal_pending(struct task_struct *p)
{
	return kplay_signal_pending(p);
}

static inline int fatal_signal_pending(struct task_struct *p)
{
	return kplay_fatal_signal_pending(p);
}

static inline int signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || fatal_signal_pending(p);
}

static inline pid_t task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_tgid_nr(struct task_struct *tsk)
{
	return tsk->tgid;
}

#endif
