/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/bvec.h>: one segment of a block I/O. kplay has no
 * struct page array: a struct page * is the kernel address of the page's
 * first byte (see linux/highmem.h), and a segment never crosses a page.
 */
#ifndef _KPLAY_LINUX_BVEC_H
#define _KPLAY_LINUX_BVEC_H

#include "linux/types.h"

#ifndef _KPLAY_SECTOR_T
#define _KPLAY_SECTOR_T
typedef u64 sector_t;
#endif

struct page;

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;
};

struct bvec_iter {
	sector_t bi_sector;        /* device address in 512-byte sectors */
	unsigned int bi_size;      /* residual I/O count in bytes */
	unsigned int bi_idx;       /* current index into bi_io_vec */
	unsigned int bi_bvec_done; /* bytes completed in the current bvec */
};

static inline void *bvec_virt(struct bio_vec *bvec)
{
	return (char *)bvec->bv_page + bvec->bv_offset;
}

static inline void *bvec_kmap_local(struct bio_vec *bvec)
{
	return bvec_virt(bvec);
}

#endif
