/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/kthread.h>: kernel threads are real threads with their own `current`. */
#ifndef _KPLAY_LINUX_KTHREAD_H
#define _KPLAY_LINUX_KTHREAD_H

#include "linux/sched.h"
#include "linux/err.h"

struct completion;

#ifdef __cplusplus
extern "C" {
#endif

__printf(4, 5) struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
							 const char namefmt[], ...);
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
__attribute__((noreturn)) void kthread_complete_and_exit(struct completion *comp, long code);
__attribute__((noreturn)) void kthread_exit(long result);
void kthread_bind(struct task_struct *k, unsigned int cpu);

#ifdef __cplusplus
}
#endif

#define NUMA_NO_NODE (-1)
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)

#define kthread_run(threadfn, data, namefmt, ...)                                  \
	({                                                                         \
		struct task_struct *__k = kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
		if (!IS_ERR(__k))                                                  \
			wake_up_process(__k);                                      \
		__k;                                                               \
	})

#endif
