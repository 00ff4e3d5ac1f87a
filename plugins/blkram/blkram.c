// SPDX-License-Identifier: GPL-2.0
/*
 * blkram.c - a RAM disk on blk-mq: /dev/blkram0, `capacity_mb` MiB of
 * vmalloc'ed memory. queue_rq copies each segment of a request to or from
 * the memory and ends the request at once.
 */
#define pr_fmt(fmt) "blkram: " fmt

#include <linux/blk-mq.h>
#include <linux/blkdev.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/vmalloc.h>

MODULE_DESCRIPTION("A RAM-backed block device on blk-mq");
MODULE_LICENSE("GPL");

static unsigned long capacity_mb = 8;
module_param(capacity_mb, ulong, 0444);
MODULE_PARM_DESC(capacity_mb, "Size of the disk in MiB");

struct blkram {
	u8 *data;
	sector_t sectors;
	struct blk_mq_tag_set tag_set;
	struct gendisk *disk;
};

static int major;
static struct blkram ram;

static blk_status_t blkram_queue_rq(struct blk_mq_hw_ctx *hctx, const struct blk_mq_queue_data *bd)
{
	struct request *rq = bd->rq;
	struct blkram *dev = hctx->queue->queuedata;
	loff_t pos = (loff_t)blk_rq_pos(rq) << SECTOR_SHIFT;
	loff_t end = (loff_t)dev->sectors << SECTOR_SHIFT;
	blk_status_t status = BLK_STS_OK;
	struct req_iterator iter;
	struct bio_vec bv;

	blk_mq_start_request(rq);

	switch (req_op(rq)) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
		break;
	case REQ_OP_FLUSH:
		goto out; /* RAM: nothing to flush */
	default:
		status = BLK_STS_NOTSUPP;
		goto out;
	}

	rq_for_each_segment(bv, rq, iter) {
		void *buf;

		if (pos + bv.bv_len > end) {
			status = BLK_STS_IOERR;
			break;
		}
		buf = bvec_kmap_local(&bv);
		if (rq_data_dir(rq) == WRITE)
			memcpy(dev->data + pos, buf, bv.bv_len);
		else
			memcpy(buf, dev->data + pos, bv.bv_len);
		kunmap_local(buf);
		pos += bv.bv_len;
	}
out:
	blk_mq_end_request(rq, status);
	return BLK_STS_OK;
}

static const struct blk_mq_ops blkram_mq_ops = {
	.queue_rq = blkram_queue_rq,
};

static const struct block_device_operations blkram_fops = {
	.owner = THIS_MODULE,
};

static int __init blkram_init(void)
{
	int err;

	if (!capacity_mb)
		return -EINVAL;
	ram.sectors = (sector_t)capacity_mb << (20 - SECTOR_SHIFT);
	ram.data = vzalloc(capacity_mb << 20);
	if (!ram.data)
		return -ENOMEM;

	major = register_blkdev(0, "blkram");
	if (major < 0) {
		err = major;
		goto free_data;
	}

	ram.tag_set.ops = &blkram_mq_ops;
	ram.tag_set.nr_hw_queues = 1;
	ram.tag_set.queue_depth = 128;
	ram.tag_set.numa_node = NUMA_NO_NODE;
	ram.tag_set.flags = BLK_MQ_F_SHOULD_MERGE;
	err = blk_mq_alloc_tag_set(&ram.tag_set);
	if (err)
		goto unregister;

	ram.disk = blk_mq_alloc_disk(&ram.tag_set, &ram);
	if (IS_ERR(ram.disk)) {
		err = PTR_ERR(ram.disk);
		goto free_tags;
	}
	ram.disk->major = major;
	ram.disk->first_minor = 0;
	ram.disk->minors = 1;
	ram.disk->fops = &blkram_fops;
	ram.disk->private_data = &ram;
	snprintf(ram.disk->disk_name, DISK_NAME_LEN, "blkram0");
	blk_queue_logical_block_size(ram.disk->queue, SECTOR_SIZE);
	set_capacity(ram.disk, ram.sectors);

	err = add_disk(ram.disk);
	if (err)
		goto put;
	pr_info("blkram0: %lu MiB, %llu sectors\n", capacity_mb, (unsigned long long)ram.sectors);
	return 0;

put:
	put_disk(ram.disk);
free_tags:
	blk_mq_free_tag_set(&ram.tag_set);
unregister:
	unregister_blkdev(major, "blkram");
free_data:
	vfree(ram.data);
	return err;
}

static void __exit blkram_exit(void)
{
	del_gendisk(ram.disk);
	put_disk(ram.disk);
	blk_mq_free_tag_set(&ram.tag_set);
	unregister_blkdev(major, "blkram");
	vfree(ram.data);
	pr_info("blkram0 removed\n");
}

module_init(blkram_init);
module_exit(blkram_exit);
