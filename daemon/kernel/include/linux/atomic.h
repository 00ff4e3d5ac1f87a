/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/atomic.h>: atomic_t and atomic64_t on the compiler's atomics (fully ordered). */
#ifndef _KPLAY_LINUX_ATOMIC_H
#define _KPLAY_LINUX_ATOMIC_H

#include "linux/types.h"
#include "linux/compiler.h"

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	s64 counter;
} atomic64_t;

#define ATOMIC_INIT(i) { (i) }
#define ATOMIC64_INIT(i) { (i) }

#define __KP_ATOMIC_OPS(pfx, T, I)                                                           \
	static inline I pfx##_read(const T *v) { return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); } \
	static inline void pfx##_set(T *v, I i) { __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); } \
	static inline void pfx##_add(I i, T *v) { __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline void pfx##_sub(I i, T *v) { __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline void pfx##_inc(T *v) { pfx##_add(1, v); }                                      \
	static inline void pfx##_dec(T *v) { pfx##_sub(1, v); }                                      \
	static inline I pfx##_add_return(I i, T *v) { return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline I pfx##_sub_return(I i, T *v) { return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline I pfx##_inc_return(T *v) { return pfx##_add_return(1, v); }                   \
	static inline I pfx##_dec_return(T *v) { return pfx##_sub_return(1, v); }                   \
	static inline I pfx##_fetch_add(I i, T *v) { return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline I pfx##_fetch_sub(I i, T *v) { return __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline bool pfx##_dec_and_test(T *v) { return pfx##_sub_return(1, v) == 0; }          \
	static inline bool pfx##_inc_and_test(T *v) { return pfx##_add_return(1, v) == 0; }          \
	static inline bool pfx##_sub_and_test(I i, T *v) { return pfx##_sub_return(i, v) == 0; }     \
	static inline I pfx##_xchg(T *v, I n) { return __atomic_exchange_n(&v->counter, n, __ATOMIC_SEQ_CST); } \
	static inline I pfx##_cmpxchg(T *v, I old, I n)                                              \
	{                                                                                            \
		__atomic_compare_exchange_n(&v->counter, &old, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
		return old;                                                                          \
	}                                                                                            \
	static inline bool pfx##_try_cmpxchg(T *v, I *old, I n)                                      \
	{                                                                                            \
		return __atomic_compare_exchange_n(&v->counter, old, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
	}                                                                                            \
	static inline I pfx##_add_unless(T *v, I a, I u)                                             \
	{                                                                                            \
		I c = pfx##_read(v);                                                                 \
		do {                                                                                 \
			if (c == u)                                                                  \
				break;                                                               \
		} while (!pfx##_try_cmpxchg(v, &c, c + a));                                          \
		return c;                                                                            \
	}

__KP_ATOMIC_OPS(atomic, atomic_t, int)
__KP_ATOMIC_OPS(atomic64, atomic64_t, s64)

#define atomic_inc_not_zero(v) (atomic_add_unless((v), 1, 0) != 0)

#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define mb() smp_mb()
#define rmb() smp_rmb()
#define wmb() smp_wmb()

#endif
