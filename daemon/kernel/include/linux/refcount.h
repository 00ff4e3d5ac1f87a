/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/refcount.h>: reference counts that saturate instead
 * of wrapping, and warn as lib/refcount.c does.
 */
#ifndef _KPLAY_LINUX_REFCOUNT_H
#define _KPLAY_LINUX_REFCOUNT_H

#include "linux/atomic.h"

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n) { .refs = ATOMIC_INIT(n) }
#define REFCOUNT_SATURATED (-(1 << 30)) /* INT_MIN / 2 */

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

#ifdef __cplusplus
extern "C" {
#endif

void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t);

#ifdef __cplusplus
}
#endif

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return (unsigned int)atomic_read(&r->refs);
}

static inline void refcount_add(int i, refcount_t *r)
{
	int old = atomic_fetch_add(i, &r->refs);
	if (!old)
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (old < 0 || old + i < 0)
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}

static inline void refcount_inc(refcount_t *r)
{
	refcount_add(1, r);
}

static inline bool refcount_inc_not_zero(refcount_t *r)
{
	int old = atomic_read(&r->refs);
	do {
		if (!old)
			return false;
	} while (!atomic_try_cmpxchg(&r->refs, &old, old + 1));
	if (old + 1 < 0)
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return true;
}

static inline bool refcount_sub_and_test(int i, refcount_t *r)
{
	int old = atomic_fetch_sub(i, &r->refs);
	if (old == i)
		return true;
	if (old < 0 || old - i < 0)
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
	return false;
}

static inline bool refcount_dec_and_test(refcount_t *r)
{
	return refcount_sub_and_test(1, r);
}

static inline void refcount_dec(refcount_t *r)
{
	if (atomic_fetch_sub(1, &r->refs) <= 1)
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

#endif
