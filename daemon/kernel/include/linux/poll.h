/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/poll.h>: poll_wait registers the poller on a wait
 * queue; a wake_up on that queue sends the FUSE poll notification, so poll(),
 * select() and epoll in the caller return.
 */
#ifndef _KPLAY_LINUX_POLL_H
#define _KPLAY_LINUX_POLL_H

#include "linux/types.h"
#include "linux/wait.h"
#include "linux/fs.h"

#define EPOLLIN 0x00000001
#define EPOLLPRI 0x00000002
#define EPOLLOUT 0x00000004
#define EPOLLERR 0x00000008
#define EPOLLHUP 0x00000010
#define EPOLLNVAL 0x00000020
#define EPOLLRDNORM 0x00000040
#define EPOLLRDBAND 0x00000080
#define EPOLLWRNORM 0x00000100
#define EPOLLWRBAND 0x00000200
#define EPOLLMSG 0x00000400
#define EPOLLRDHUP 0x00002000

#define POLLIN EPOLLIN
#define POLLPRI EPOLLPRI
#define POLLOUT EPOLLOUT
#define POLLERR EPOLLERR
#define POLLHUP EPOLLHUP
#define POLLNVAL EPOLLNVAL
#define POLLRDNORM EPOLLRDNORM
#define POLLRDBAND EPOLLRDBAND
#define POLLWRNORM EPOLLWRNORM
#define POLLWRBAND EPOLLWRBAND

struct poll_table_struct;
typedef void (*poll_queue_proc)(struct file *, struct wait_queue_head *, struct poll_table_struct *);

typedef struct poll_table_struct {
	poll_queue_proc _qproc;
	__poll_t _key;
} poll_table;

static inline void poll_wait(struct file *filp, struct wait_queue_head *wait_address, poll_table *p)
{
	if (p && p->_qproc && wait_address)
		p->_qproc(filp, wait_address, p);
}

static inline bool poll_does_not_wait(const poll_table *p)
{
	return p == NULL || p->_qproc == NULL;
}

#endif
