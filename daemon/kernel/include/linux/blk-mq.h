/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/blk-mq.h>: the multi-queue block layer as a driver
 * sees it. kplay has one hardware queue per tag set; each read or write of
 * the disk's node becomes requests (at most 128 KiB, one bio of page-sized
 * segments) handed to queue_rq, and the caller waits until the driver ends
 * them with blk_mq_end_request (see kernel/block.cpp).
 */
#ifndef _KPLAY_LINUX_BLK_MQ_H
#define _KPLAY_LINUX_BLK_MQ_H

#include "linux/blkdev.h"

struct blk_mq_hw_ctx;
struct blk_mq_tag_set;
struct request;

enum blk_eh_timer_return {
	BLK_EH_DONE,
	BLK_EH_RESET_TIMER,
};

struct blk_mq_queue_data {
	struct request *rq;
	bool last;
};

struct blk_mq_ops {
	blk_status_t (*queue_rq)(struct blk_mq_hw_ctx *hctx, const struct blk_mq_queue_data *bd);
	void (*commit_rqs)(struct blk_mq_hw_ctx *hctx);
	enum blk_eh_timer_return (*timeout)(struct request *rq);
	void (*complete)(struct request *rq);
	int (*init_hctx)(struct blk_mq_hw_ctx *hctx, void *data, unsigned int hctx_idx);
	void (*exit_hctx)(struct blk_mq_hw_ctx *hctx, unsigned int hctx_idx);
	int (*init_request)(struct blk_mq_tag_set *set, struct request *rq, unsigned int hctx_idx,
			    unsigned int numa_node);
	void (*exit_request)(struct blk_mq_tag_set *set, struct request *rq, unsigned int hctx_idx);
};

enum {
	BLK_MQ_F_SHOULD_MERGE = 1 << 0,
	BLK_MQ_F_TAG_QUEUE_SHARED = 1 << 1,
	BLK_MQ_F_STACKING = 1 << 2,
	BLK_MQ_F_TAG_HCTX_SHARED = 1 << 3,
	BLK_MQ_F_BLOCKING = 1 << 5,
	BLK_MQ_F_NO_SCHED = 1 << 6,
	BLK_MQ_F_NO_SCHED_BY_DEFAULT = 1 << 7,
};

struct blk_mq_tag_set {
	const struct blk_mq_ops *ops;
	unsigned int nr_maps;
	unsigned int nr_hw_queues;
	unsigned int queue_depth;
	unsigned int reserved_tags;
	unsigned int cmd_size; /* per-request driver data (blk_mq_rq_to_pdu) */
	int numa_node;
	unsigned int timeout;
	unsigned int flags;
	void *driver_data;
	void *kplay;
};

struct blk_mq_hw_ctx {
	struct request_queue *queue;
	void *driver_data;
	unsigned int queue_num;
	struct blk_mq_tag_set *kplay_set;
};

struct request {
	struct request_queue *q;
	struct blk_mq_hw_ctx *mq_hctx;
	blk_opf_t cmd_flags;
	int tag;
	unsigned int timeout;
	unsigned int __data_len; /* total data length */
	sector_t __sector;       /* sector cursor */
	struct bio *bio;
	struct bio *biotail;
	void *end_io_data;
	void *kplay;
	/* the driver's cmd_size bytes follow (blk_mq_rq_to_pdu) */
};

#ifdef __cplusplus
extern "C" {
#endif

int blk_mq_alloc_tag_set(struct blk_mq_tag_set *set);
int blk_mq_alloc_sq_tag_set(struct blk_mq_tag_set *set, const struct blk_mq_ops *ops, unsigned int queue_depth,
			    unsigned int set_flags);
void blk_mq_free_tag_set(struct blk_mq_tag_set *set);
struct gendisk *__blk_mq_alloc_disk(struct blk_mq_tag_set *set, void *queuedata, struct lock_class_key *lkclass);
void blk_mq_start_request(struct request *rq);
void blk_mq_end_request(struct request *rq, blk_status_t error);
void __blk_mq_end_request(struct request *rq, blk_status_t error);
void blk_mq_complete_request(struct request *rq);

#ifdef __cplusplus
}
#endif

#ifndef __cplusplus
#define blk_mq_alloc_disk(set, queuedata)                                  \
	({                                                                 \
		static struct lock_class_key *__key;                       \
		__blk_mq_alloc_disk(set, queuedata, (struct lock_class_key *)&__key); \
	})
#endif

static inline enum req_op req_op(const struct request *rq)
{
	return (enum req_op)(rq->cmd_flags & REQ_OP_MASK);
}

static inline int rq_data_dir(const struct request *rq)
{
	return op_is_write(req_op(rq)) ? WRITE : READ;
}

static inline bool blk_rq_is_passthrough(struct request *rq)
{
	return req_op(rq) == REQ_OP_DRV_IN || req_op(rq) == REQ_OP_DRV_OUT;
}

static inline sector_t blk_rq_pos(const struct request *rq)
{
	return rq->__sector;
}

static inline unsigned int blk_rq_bytes(const struct request *rq)
{
	return rq->__data_len;
}

static inline unsigned int blk_rq_sectors(const struct request *rq)
{
	return blk_rq_bytes(rq) >> SECTOR_SHIFT;
}

static inline unsigned int blk_rq_cur_bytes(const struct request *rq)
{
	return rq->bio ? bio_iter_iovec(rq->bio, rq->bio->bi_iter).bv_len : 0;
}

static inline void *blk_mq_rq_to_pdu(struct request *rq)
{
	return rq + 1;
}

static inline struct request *blk_mq_rq_from_pdu(void *pdu)
{
	return (struct request *)pdu - 1;
}

struct req_iterator {
	struct bvec_iter iter;
	struct bio *bio;
};

#define __rq_for_each_bio(_bio, rq) \
	if ((rq->bio))              \
		for (_bio = (rq)->bio; _bio; _bio = _bio->bi_next)

#define rq_for_each_segment(bvl, _rq, _iter) \
	__rq_for_each_bio(_iter.bio, _rq) bio_for_each_segment(bvl, _iter.bio, _iter.iter)

#define rq_for_each_bvec(bvl, _rq, _iter) \
	__rq_for_each_bio(_iter.bio, _rq) bio_for_each_bvec(bvl, _iter.bio, _iter.iter)

#endif
