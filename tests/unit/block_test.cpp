// Unit tests for kernel/block.cpp: block majors as block/genhd.c hands them
// out (dynamic from 254 down, -EBUSY for a taken one, -EINVAL past
// BLKDEV_MAJOR_MAX), and the I/O path of a disk's node: requests of whole
// sectors built for queue_rq, read-modify-write of partial sectors, the
// block device file's end-of-disk rules, driver errors and completion from
// another thread.

// The C++ library headers come first: kplay's headers may pull in the
// kernel's C headers, whose macros clash with libstdc++.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "kernel/block.h"
#include "vfs/tree.h"

#include "linux/blk-mq.h"

namespace {

// One request as the driver saw it.
struct Seen {
	int op;
	sector_t sector;
	unsigned bytes;
	unsigned segments;
};

struct TestDisk {
	std::vector<unsigned char> data = std::vector<unsigned char>(64 * 512);
	std::vector<Seen> seen;
	blk_status_t fail = BLK_STS_OK;
	bool async = false;
	std::vector<std::thread> threads;
};

blk_status_t test_queue_rq(struct blk_mq_hw_ctx *hctx, const struct blk_mq_queue_data *bd)
{
	struct request *rq = bd->rq;
	auto *d = static_cast<TestDisk *>(hctx->queue->queuedata);
	blk_mq_start_request(rq);
	Seen s{static_cast<int>(req_op(rq)), blk_rq_pos(rq), blk_rq_bytes(rq), 0};
	size_t pos = blk_rq_pos(rq) * 512;
	struct req_iterator iter;
	struct bio_vec bv;
	rq_for_each_segment(bv, rq, iter)
	{
		auto *buf = static_cast<unsigned char *>(bvec_kmap_local(&bv));
		if (rq_data_dir(rq) == WRITE)
			std::memcpy(d->data.data() + pos, buf, bv.bv_len);
		else
			std::memcpy(buf, d->data.data() + pos, bv.bv_len);
		pos += bv.bv_len;
		s.segments++;
	}
	d->seen.push_back(s);
	if (d->async) {
		d->threads.emplace_back([rq, st = d->fail] { blk_mq_end_request(rq, st); });
		return BLK_STS_OK;
	}
	blk_mq_end_request(rq, d->fail);
	return BLK_STS_OK;
}

const struct blk_mq_ops kOps = {.queue_rq = test_queue_rq,
				.commit_rqs = nullptr,
				.timeout = nullptr,
				.complete = nullptr,
				.init_hctx = nullptr,
				.exit_hctx = nullptr,
				.init_request = nullptr,
				.exit_request = nullptr};
const struct block_device_operations kFops = {};

class Block : public ::testing::Test {
protected:
	void SetUp() override
	{
		major = register_blkdev(0, "unitdisk");
		ASSERT_GT(major, 0);
		ASSERT_EQ(blk_mq_alloc_sq_tag_set(&set, &kOps, 4, BLK_MQ_F_SHOULD_MERGE), 0);
		disk = __blk_mq_alloc_disk(&set, &td, nullptr);
		ASSERT_FALSE(IS_ERR(disk));
		disk->major = major;
		disk->first_minor = 0;
		disk->minors = 1;
		disk->fops = &kFops;
		std::snprintf(disk->disk_name, DISK_NAME_LEN, "unitdisk0");
		set_capacity(disk, 64);
		ASSERT_EQ(add_disk(disk), 0);
		node = kplay::vfs::dev_tree().resolve("unitdisk0");
		ASSERT_TRUE(node);
		of = std::make_unique<kplay::vfs::OpenFile>(node, O_RDWR);
		req.pid = getpid();
		ASSERT_EQ(node->ops()->open(*of, req), 0);
	}
	void TearDown() override
	{
		node->ops()->release(*of);
		for (auto &t : td.threads)
			t.join();
		del_gendisk(disk);
		put_disk(disk);
		blk_mq_free_tag_set(&set);
		unregister_blkdev(static_cast<unsigned>(major), "unitdisk");
		EXPECT_FALSE(kplay::vfs::dev_tree().resolve("unitdisk0"));
	}
	ssize_t write(const std::string &s, off_t off) { return node->ops()->write(*of, req, s.data(), s.size(), off); }
	ssize_t read(char *buf, size_t n, off_t off) { return node->ops()->read(*of, req, buf, n, off); }

	int major = 0;
	struct blk_mq_tag_set set {};
	struct gendisk *disk = nullptr;
	TestDisk td;
	std::shared_ptr<kplay::vfs::Node> node;
	std::unique_ptr<kplay::vfs::OpenFile> of;
	kplay::vfs::Request req;
};

TEST_F(Block, DynamicMajorsCountDownFrom254)
{
	EXPECT_EQ(major, 254);
	int next = register_blkdev(0, "second");
	EXPECT_EQ(next, 253);
	EXPECT_EQ(register_blkdev(254, "taken"), -EBUSY);
	EXPECT_EQ(register_blkdev(512, "toolarge"), -EINVAL);
	EXPECT_EQ(kplay::proc_block_devices_text(), "253 second\n254 unitdisk\n");
	unregister_blkdev(253, "second");
	EXPECT_EQ(kplay::proc_block_devices_text(), "254 unitdisk\n");
}

TEST_F(Block, NodeSizeIsTheCapacity)
{
	EXPECT_EQ(node->ops()->size(), 64 * 512);
	set_capacity(disk, 32);
	EXPECT_EQ(node->ops()->size(), 32 * 512);
}

TEST_F(Block, PartialSectorsAreReadBeforeTheyAreWritten)
{
	std::memset(td.data.data(), 'x', td.data.size());
	// Three bytes across the boundary of sectors 0 and 1.
	ASSERT_EQ(write("abc", 510), 3);
	ASSERT_EQ(td.seen.size(), 3u);
	EXPECT_EQ(td.seen[0].op, REQ_OP_READ);
	EXPECT_EQ(td.seen[0].sector, 0u);
	EXPECT_EQ(td.seen[0].bytes, 512u);
	EXPECT_EQ(td.seen[1].op, REQ_OP_READ);
	EXPECT_EQ(td.seen[1].sector, 1u);
	EXPECT_EQ(td.seen[2].op, REQ_OP_WRITE);
	EXPECT_EQ(td.seen[2].sector, 0u);
	EXPECT_EQ(td.seen[2].bytes, 1024u);
	EXPECT_EQ(std::string(reinterpret_cast<char *>(td.data.data()) + 508, 6), "xxabcx");
	char buf[8];
	ASSERT_EQ(read(buf, 5, 509), 5);
	EXPECT_EQ(std::string(buf, 5), "xabcx");
}

TEST_F(Block, WholeSectorsNeedNoRead)
{
	ASSERT_EQ(write(std::string(4096, 'q'), 8192), 4096);
	ASSERT_EQ(td.seen.size(), 1u);
	EXPECT_EQ(td.seen[0].op, REQ_OP_WRITE);
	EXPECT_EQ(td.seen[0].sector, 16u);
	EXPECT_EQ(td.seen[0].segments, 1u); // the bounce buffer is page-aligned
}

TEST_F(Block, EndOfDisk)
{
	EXPECT_EQ(write("z", 64 * 512), -ENOSPC);
	EXPECT_EQ(write(std::string(1024, 'e'), 63 * 512), 512); // short
	char buf[16];
	EXPECT_EQ(read(buf, sizeof buf, 64 * 512), 0);
	EXPECT_EQ(read(buf, sizeof buf, 64 * 512 - 4), 4);
	EXPECT_EQ(write("", 64 * 512), 0);
}

TEST_F(Block, DriverErrorsAreEio)
{
	td.fail = BLK_STS_IOERR;
	char buf[512];
	EXPECT_EQ(read(buf, sizeof buf, 0), -EIO);
	td.fail = BLK_STS_NOSPC;
	EXPECT_EQ(write(std::string(512, 'n'), 0), -ENOSPC);
}

TEST_F(Block, CompletionFromAnotherThread)
{
	td.async = true;
	ASSERT_EQ(write(std::string(512, 'a'), 512), 512);
	char buf[512];
	ASSERT_EQ(read(buf, sizeof buf, 512), 512);
	EXPECT_EQ(buf[0], 'a');
}

} // namespace
