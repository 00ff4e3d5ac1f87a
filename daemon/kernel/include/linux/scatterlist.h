/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/scatterlist.h>. kplay has no struct page: an entry
 * records the virtual address it was given (sg_init_one, sg_set_buf), which
 * is what sg_virt() returns and what the crypto API reads and writes.
 */
#ifndef _KPLAY_LINUX_SCATTERLIST_H
#define _KPLAY_LINUX_SCATTERLIST_H

#include "linux/types.h"

struct scatterlist {
	unsigned long page_link; /* kplay: the buffer's virtual address */
	unsigned int offset;
	unsigned int length;
	unsigned int end; /* last entry of its table */
};

static inline void sg_init_table(struct scatterlist *sgl, unsigned int nents)
{
	__builtin_memset(sgl, 0, sizeof(*sgl) * nents);
	if (nents)
		sgl[nents - 1].end = 1;
}

static inline void sg_set_buf(struct scatterlist *sg, const void *buf, unsigned int buflen)
{
	sg->page_link = (unsigned long)buf;
	sg->offset = 0;
	sg->length = buflen;
}

static inline void sg_init_one(struct scatterlist *sg, const void *buf, unsigned int buflen)
{
	sg_init_table(sg, 1);
	sg_set_buf(sg, buf, buflen);
}

static inline void *sg_virt(struct scatterlist *sg)
{
	return (void *)(sg->page_link + sg->offset);
}

static inline struct scatterlist *sg_next(struct scatterlist *sg)
{
	return sg->end ? (struct scatterlist *)0 : sg + 1;
}

#ifdef __cplusplus
extern "C" {
#endif

size_t sg_copy_from_buffer(struct scatterlist *sgl, unsigned int nents, const void *buf, size_t buflen);
size_t sg_copy_to_buffer(struct scatterlist *sgl, unsigned int nents, void *buf, size_t buflen);

#ifdef __cplusplus
}
#endif

#endif
