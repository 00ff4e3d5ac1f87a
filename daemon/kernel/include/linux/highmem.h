/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/highmem.h>: no high memory on x86-64, and in kplay a
 * struct page * is the address of the page itself, so mapping is identity.
 */
#ifndef _KPLAY_LINUX_HIGHMEM_H
#define _KPLAY_LINUX_HIGHMEM_H

#include "linux/mm.h"
#include "linux/bvec.h"

static inline void *page_address(const struct page *page)
{
	return (void *)page;
}

static inline void *kmap_local_page(struct page *page)
{
	return page_address(page);
}

static inline void *kmap_atomic(struct page *page)
{
	return page_address(page);
}

static inline void *kmap(struct page *page)
{
	return page_address(page);
}

static inline void kunmap_local_kplay(const void *addr)
{
	(void)addr;
}

#define kunmap_local(addr) kunmap_local_kplay(addr)
#define kunmap_atomic(addr) kunmap_local_kplay(addr)
#define kunmap(page) kunmap_local_kplay(page)

#endif
