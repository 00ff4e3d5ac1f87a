/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/blk_types.h>: status codes, operations and the bio
 * (a contiguous range of sectors with its memory segments).
 */
#ifndef _KPLAY_LINUX_BLK_TYPES_H
#define _KPLAY_LINUX_BLK_TYPES_H

#include "linux/types.h"
#include "linux/bvec.h"

typedef u8 blk_status_t;
typedef u32 blk_opf_t;

#define BLK_STS_OK 0
#define BLK_STS_NOTSUPP ((blk_status_t)1)
#define BLK_STS_TIMEOUT ((blk_status_t)2)
#define BLK_STS_NOSPC ((blk_status_t)3)
#define BLK_STS_TRANSPORT ((blk_status_t)4)
#define BLK_STS_TARGET ((blk_status_t)5)
#define BLK_STS_MEDIUM ((blk_status_t)7)
#define BLK_STS_PROTECTION ((blk_status_t)8)
#define BLK_STS_RESOURCE ((blk_status_t)9)
#define BLK_STS_IOERR ((blk_status_t)10)
#define BLK_STS_AGAIN ((blk_status_t)12)
#define BLK_STS_DEV_RESOURCE ((blk_status_t)13)

enum req_op {
	REQ_OP_READ = 0,
	REQ_OP_WRITE = 1,
	REQ_OP_FLUSH = 2,
	REQ_OP_DISCARD = 3,
	REQ_OP_SECURE_ERASE = 5,
	REQ_OP_WRITE_ZEROES = 9,
	REQ_OP_DRV_IN = 34,
	REQ_OP_DRV_OUT = 35,
	REQ_OP_LAST = 36,
};

#define REQ_OP_BITS 8
#define REQ_OP_MASK ((1 << REQ_OP_BITS) - 1)
#define REQ_SYNC (1u << 11)
#define REQ_FUA (1u << 17)
#define REQ_PREFLUSH (1u << 18)

#ifndef READ
#define READ 0
#define WRITE 1
#endif

static inline bool op_is_write(blk_opf_t op)
{
	return op & 1;
}

struct bio {
	struct bio *bi_next;
	blk_opf_t bi_opf;
	blk_status_t bi_status;
	struct bvec_iter bi_iter;
	unsigned short bi_vcnt;
	struct bio_vec *bi_io_vec;
	void *bi_private;
};

#endif
