/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/blkdev.h>: block device numbers, request queues and
 * disks. A disk added with add_disk appears as ROOT/dev/<disk_name> (a
 * regular file whose reads and writes become requests to the driver; see
 * kernel/block.cpp), ROOT/sys/block/<disk_name> and a /proc/partitions line.
 */
#ifndef _KPLAY_LINUX_BLKDEV_H
#define _KPLAY_LINUX_BLKDEV_H

#include "linux/types.h"
#include "linux/blk_types.h"
#include "linux/bio.h"
#include "linux/compiler.h"
#include "linux/err.h"
#include "linux/gfp.h"
#include "linux/kdev_t.h"

struct module;
struct device;
struct attribute_group;
struct lock_class_key;
struct gendisk;
struct blk_mq_tag_set;

#define SECTOR_SHIFT 9
#define SECTOR_SIZE (1 << SECTOR_SHIFT)
#define DISK_NAME_LEN 32
#define BLKDEV_MAJOR_MAX 512
#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE (-1)
#endif

/* gendisk->flags */
#define GENHD_FL_REMOVABLE (1 << 0)
#define GENHD_FL_HIDDEN (1 << 1)
#define GENHD_FL_NO_PART (1 << 2)

struct queue_limits {
	unsigned int logical_block_size;
	unsigned int physical_block_size;
	unsigned int max_hw_sectors;
	unsigned int max_sectors;
	unsigned int max_segments;
	unsigned int max_segment_size;
};

struct request_queue {
	void *queuedata;
	struct queue_limits limits;
	struct blk_mq_tag_set *tag_set;
	struct gendisk *disk;
	void *kplay;
};

struct block_device {
	sector_t bd_start_sect;
	struct gendisk *bd_disk;
	__kernel_dev_t bd_dev;
};

struct hd_geometry {
	unsigned char heads;
	unsigned char sectors;
	unsigned short cylinders;
	unsigned long start;
};

struct block_device_operations {
	void (*submit_bio)(struct bio *bio);
	int (*open)(struct block_device *bdev, fmode_t mode);
	void (*release)(struct gendisk *disk, fmode_t mode);
	int (*ioctl)(struct block_device *bdev, fmode_t mode, unsigned int cmd, unsigned long arg);
	int (*getgeo)(struct block_device *bdev, struct hd_geometry *geo);
	struct module *owner;
};

struct gendisk {
	int major;
	int first_minor;
	int minors;
	char disk_name[DISK_NAME_LEN];
	unsigned short events;
	unsigned short event_flags;
	struct block_device *part0;
	const struct block_device_operations *fops;
	struct request_queue *queue;
	void *private_data;
	int flags;
	sector_t kplay_capacity; /* what get_capacity returns */
	bool kplay_read_only;
	void *kplay;
};

#ifdef __cplusplus
extern "C" {
#endif

int __register_blkdev(unsigned int major, const char *name, void (*probe)(__kernel_dev_t devt));
void unregister_blkdev(unsigned int major, const char *name);
int __must_check device_add_disk(struct device *parent, struct gendisk *disk, const struct attribute_group **groups);
void del_gendisk(struct gendisk *gp);
void put_disk(struct gendisk *disk);
void set_capacity(struct gendisk *disk, sector_t size);
bool set_capacity_and_notify(struct gendisk *disk, sector_t size);
void set_disk_ro(struct gendisk *disk, bool read_only);
void blk_queue_logical_block_size(struct request_queue *q, unsigned int size);
void blk_queue_physical_block_size(struct request_queue *q, unsigned int size);
void blk_queue_max_hw_sectors(struct request_queue *q, unsigned int max_hw_sectors);

#ifdef __cplusplus
}
#endif

#define register_blkdev(major, name) __register_blkdev(major, name, NULL)

static inline int __must_check add_disk(struct gendisk *disk)
{
	return device_add_disk(NULL, disk, NULL);
}

static inline sector_t get_capacity(struct gendisk *disk)
{
	return disk->kplay_capacity;
}

static inline int get_disk_ro(struct gendisk *disk)
{
	return disk->kplay_read_only;
}

static inline unsigned int queue_logical_block_size(const struct request_queue *q)
{
	return q->limits.logical_block_size;
}

#endif
