/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/slab.h>: kmalloc and friends on the daemon's heap. */
#ifndef _KPLAY_LINUX_SLAB_H
#define _KPLAY_LINUX_SLAB_H

#include "linux/gfp.h"
#include "linux/types.h"
#include "linux/overflow.h"

#ifdef __cplusplus
extern "C" {
#endif

void *__kmalloc(size_t size, gfp_t flags) __attribute__((__malloc__, __alloc_size__(1)));
void *krealloc(const void *p, size_t new_size, gfp_t flags) __attribute__((__alloc_size__(2)));
void kfree(const void *p);
void kfree_sensitive(const void *p);
size_t ksize(const void *p);

#ifdef __cplusplus
}
#endif

#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

static inline void *kmalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags);
}

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc(bytes, flags);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

#endif
