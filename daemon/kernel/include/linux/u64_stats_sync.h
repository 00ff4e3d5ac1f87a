/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/u64_stats_sync.h>, as on a 64-bit kernel: a 64-bit
 * load or store cannot tear, so the sync object is empty and the
 * begin/retry pair never asks the reader to retry.
 */
#ifndef _KPLAY_LINUX_U64_STATS_SYNC_H
#define _KPLAY_LINUX_U64_STATS_SYNC_H

#include "linux/types.h"

struct u64_stats_sync {
};

typedef struct {
	u64 v;
} u64_stats_t;

static inline u64 u64_stats_read(const u64_stats_t *p)
{
	return __atomic_load_n(&p->v, __ATOMIC_RELAXED);
}

static inline void u64_stats_set(u64_stats_t *p, u64 val)
{
	__atomic_store_n(&p->v, val, __ATOMIC_RELAXED);
}

static inline void u64_stats_add(u64_stats_t *p, unsigned long val)
{
	__atomic_fetch_add(&p->v, val, __ATOMIC_RELAXED);
}

static inline void u64_stats_inc(u64_stats_t *p)
{
	__atomic_fetch_add(&p->v, 1, __ATOMIC_RELAXED);
}

static inline void u64_stats_init(struct u64_stats_sync *syncp)
{
	(void)syncp;
}

static inline void u64_stats_update_begin(struct u64_stats_sync *syncp)
{
	(void)syncp;
}

static inline void u64_stats_update_end(struct u64_stats_sync *syncp)
{
	(void)syncp;
}

static inline unsigned long u64_stats_update_begin_irqsave(struct u64_stats_sync *syncp)
{
	(void)syncp;
	return 0;
}

static inline void u64_stats_update_end_irqrestore(struct u64_stats_sync *syncp, unsigned long flags)
{
	(void)syncp;
	(void)flags;
}

static inline unsigned int u64_stats_fetch_begin(const struct u64_stats_sync *syncp)
{
	(void)syncp;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return 0;
}

static inline bool u64_stats_fetch_retry(const struct u64_stats_sync *syncp, unsigned int start)
{
	(void)syncp;
	(void)start;
	return false;
}

/* 6.1 still has the _irq spellings (removed in 6.3). */
#define u64_stats_fetch_begin_irq u64_stats_fetch_begin
#define u64_stats_fetch_retry_irq u64_stats_fetch_retry

#endif
