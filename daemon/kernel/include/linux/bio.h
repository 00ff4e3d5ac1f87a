/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/bio.h>: walking a bio's segments. */
#ifndef _KPLAY_LINUX_BIO_H
#define _KPLAY_LINUX_BIO_H

#include "linux/blk_types.h"
#include "linux/highmem.h"

/* The segment at the iterator (kplay's segments are whole bvecs). */
static inline struct bio_vec bio_iter_iovec_kplay(const struct bio *bio, struct bvec_iter iter)
{
	struct bio_vec bv = bio->bi_io_vec[iter.bi_idx];

	bv.bv_offset += iter.bi_bvec_done;
	bv.bv_len -= iter.bi_bvec_done;
	if (bv.bv_len > iter.bi_size)
		bv.bv_len = iter.bi_size;
	return bv;
}

static inline void bio_advance_iter_kplay(const struct bio *bio, struct bvec_iter *iter, unsigned int bytes)
{
	iter->bi_sector += bytes >> 9;
	iter->bi_size -= bytes;
	iter->bi_bvec_done += bytes;
	if (iter->bi_bvec_done >= bio->bi_io_vec[iter->bi_idx].bv_len) {
		iter->bi_bvec_done = 0;
		iter->bi_idx++;
	}
}

#define bio_iter_iovec(bio, iter) bio_iter_iovec_kplay((bio), (iter))

#define __bio_for_each_segment(bvl, bio, iter, start)                              \
	for (iter = (start); (iter).bi_size && ((bvl = bio_iter_iovec((bio), (iter))), 1); \
	     bio_advance_iter_kplay((bio), &(iter), (bvl).bv_len))

#define bio_for_each_segment(bvl, bio, iter) __bio_for_each_segment(bvl, bio, iter, (bio)->bi_iter)
#define bio_for_each_bvec(bvl, bio, iter) __bio_for_each_segment(bvl, bio, iter, (bio)->bi_iter)

static inline unsigned int bio_sectors(const struct bio *bio)
{
	return bio->bi_iter.bi_size >> 9;
}

static inline enum req_op bio_op(const struct bio *bio)
{
	return (enum req_op)(bio->bi_opf & REQ_OP_MASK);
}

static inline int bio_data_dir(const struct bio *bio)
{
	return op_is_write(bio_op(bio)) ? WRITE : READ;
}

#endif
