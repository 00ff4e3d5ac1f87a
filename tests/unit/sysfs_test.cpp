// Unit tests for kernel/sysfs.cpp: KernfsAttr, the kernfs semantics of a
// sysfs attribute file (fs/kernfs/file.c, fs/sysfs/file.c): permission checks
// at open, one show() per read from offset 0, one store() per write with a
// NUL-terminated copy of at most PAGE_SIZE bytes.
#include "kernel/sysfs.h"

#include "kernel/printk.h"

#include <gtest/gtest.h>

#include <fcntl.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

using kplay::KernfsAttr;
using kplay::vfs::OpenFile;
using kplay::vfs::Request;

class Sysfs : public ::testing::Test {
protected:
	// An attribute file in a private tree with the given mode and handlers.
	std::shared_ptr<KernfsAttr> make(mode_t mode, KernfsAttr::Show show, KernfsAttr::Store store)
	{
		auto attr = std::make_shared<KernfsAttr>(std::move(show), std::move(store));
		node = tree.add_file(tree.root(), "attr" + std::to_string(++files), mode, attr);
		EXPECT_NE(node, nullptr);
		return attr;
	}
	int open(KernfsAttr &attr, int flags)
	{
		file = std::make_unique<OpenFile>(node, flags);
		return attr.open(*file, req);
	}
	std::string read(KernfsAttr &attr, size_t n, off_t off)
	{
		std::string buf(n, '\0');
		ssize_t got = attr.read(*file, req, buf.data(), n, off);
		EXPECT_GE(got, 0);
		buf.resize(got < 0 ? 0 : static_cast<size_t>(got));
		return buf;
	}

	KernfsAttr::Show counting_show(std::string text)
	{
		return [this, text](std::string *out) {
			++shows;
			*out = text + std::to_string(shows) + "\n";
			return static_cast<ssize_t>(out->size());
		};
	}

	kplay::vfs::Tree tree{"sys-test"};
	int files = 0;
	std::shared_ptr<kplay::vfs::Node> node;
	std::unique_ptr<OpenFile> file;
	Request req;
	int shows = 0;
};

ssize_t ok_store(const char *, size_t len) { return static_cast<ssize_t>(len); }
ssize_t ok_show(std::string *out)
{
	*out = "x\n";
	return 2;
}

TEST_F(Sysfs, ReadOnlyModeRefusesWriteEvenWithStore)
{
	auto a = make(0444, ok_show, ok_store);
	EXPECT_EQ(open(*a, O_WRONLY), -EACCES);
	EXPECT_EQ(open(*a, O_RDWR), -EACCES);
	EXPECT_EQ(open(*a, O_RDONLY), 0);
}

TEST_F(Sysfs, NoStoreRefusesWriteEvenWithWritableMode)
{
	auto a = make(0644, ok_show, nullptr);
	EXPECT_EQ(open(*a, O_WRONLY), -EACCES);
	EXPECT_EQ(open(*a, O_RDWR), -EACCES);
	EXPECT_EQ(open(*a, O_RDONLY), 0);
}

TEST_F(Sysfs, NoShowRefusesRead)
{
	auto a = make(0644, nullptr, ok_store);
	EXPECT_EQ(open(*a, O_RDONLY), -EACCES);
	EXPECT_EQ(open(*a, O_RDWR), -EACCES);
	EXPECT_EQ(open(*a, O_WRONLY), 0);
}

TEST_F(Sysfs, WriteOnlyModeRefusesReadEvenWithShow)
{
	auto a = make(0200, ok_show, ok_store);
	EXPECT_EQ(open(*a, O_RDONLY), -EACCES);
	EXPECT_EQ(open(*a, O_WRONLY), 0);
}

TEST_F(Sysfs, ReadWriteAttributeOpensBothWays)
{
	auto a = make(0664, ok_show, ok_store);
	EXPECT_EQ(open(*a, O_RDWR), 0);
	EXPECT_EQ(open(*a, O_RDONLY | O_NONBLOCK), 0);
	EXPECT_EQ(a->size(), static_cast<off_t>(kplay::kPageSize));
}

TEST_F(Sysfs, ShowRunsOnceForReadsThatStartAtZero)
{
	auto a = make(0444, counting_show("value"), nullptr);
	ASSERT_EQ(open(*a, O_RDONLY), 0);
	EXPECT_EQ(shows, 0); // opening does not call show
	EXPECT_EQ(read(*a, 3, 0), "val");
	EXPECT_EQ(shows, 1);
	EXPECT_EQ(read(*a, 3, 3), "ue1");
	EXPECT_EQ(read(*a, 100, 6), "\n");
	EXPECT_EQ(read(*a, 100, 7), "");
	EXPECT_EQ(shows, 1);
	// A new read from the start (cat again, or pread at 0) calls show again.
	EXPECT_EQ(read(*a, 100, 0), "value2\n");
	EXPECT_EQ(shows, 2);
}

TEST_F(Sysfs, ShowErrorIsReturnedByRead)
{
	auto a = make(0444, [](std::string *) -> ssize_t { return -EIO; }, nullptr);
	ASSERT_EQ(open(*a, O_RDONLY), 0);
	char buf[8];
	EXPECT_EQ(a->read(*file, req, buf, sizeof buf, 0), -EIO);
}

TEST_F(Sysfs, ShowCountLimitsWhatIsRead)
{
	auto a = make(0444,
		      [](std::string *out) -> ssize_t {
			      *out = "hello\n";
			      return 3;
		      },
		      nullptr);
	ASSERT_EQ(open(*a, O_RDONLY), 0);
	EXPECT_EQ(read(*a, 100, 0), "hel");
}

TEST_F(Sysfs, WritePassesANulTerminatedCopy)
{
	std::vector<std::string> seen;
	auto a = make(0200, nullptr, [&](const char *buf, size_t len) -> ssize_t {
		EXPECT_EQ(buf[len], '\0');
		EXPECT_EQ(std::strlen(buf), len);
		seen.emplace_back(buf, len);
		return static_cast<ssize_t>(len);
	});
	ASSERT_EQ(open(*a, O_WRONLY), 0);
	// The caller's buffer is not NUL-terminated: the copy must be.
	const char data[] = {'1', '2', '3', 'X'};
	EXPECT_EQ(a->write(*file, req, data, 3, 0), 3);
	ASSERT_EQ(seen.size(), 1u);
	EXPECT_EQ(seen[0], "123");
}

TEST_F(Sysfs, WriteIsCutToOnePage)
{
	size_t got_len = 0;
	auto a = make(0200, nullptr, [&](const char *buf, size_t len) -> ssize_t {
		got_len = len;
		EXPECT_EQ(buf[len], '\0');
		return static_cast<ssize_t>(len);
	});
	ASSERT_EQ(open(*a, O_WRONLY), 0);
	std::string big(5000, 'a');
	EXPECT_EQ(a->write(*file, req, big.data(), big.size(), 0), 4096);
	EXPECT_EQ(got_len, 4096u);
}

TEST_F(Sysfs, WriteReturnsWhatStoreReturns)
{
	ssize_t result = 0;
	int stores = 0;
	auto a = make(0200, nullptr, [&](const char *, size_t) {
		++stores;
		return result;
	});
	ASSERT_EQ(open(*a, O_WRONLY), 0);
	result = -EINVAL;
	EXPECT_EQ(a->write(*file, req, "bad", 3, 0), -EINVAL);
	result = 1; // a short store is passed on as is
	EXPECT_EQ(a->write(*file, req, "abc", 3, 0), 1);
	EXPECT_EQ(stores, 2);
	// An empty write does not reach store (sysfs_kf_write).
	EXPECT_EQ(a->write(*file, req, "", 0, 0), 0);
	EXPECT_EQ(stores, 2);
}

TEST_F(Sysfs, ReadAfterWriteShowsFreshContents)
{
	int value = 1;
	auto a = make(
		0644,
		[&](std::string *out) -> ssize_t {
			*out = std::to_string(value) + "\n";
			return static_cast<ssize_t>(out->size());
		},
		[&](const char *buf, size_t len) -> ssize_t {
			value = std::atoi(buf);
			return static_cast<ssize_t>(len);
		});
	ASSERT_EQ(open(*a, O_RDWR), 0);
	EXPECT_EQ(read(*a, 100, 0), "1\n");
	EXPECT_EQ(a->write(*file, req, "42", 2, 0), 2);
	EXPECT_EQ(read(*a, 100, 0), "42\n");
}

TEST_F(Sysfs, OverlongShowIsCutAndLogged)
{
	auto a = make(0444,
		      [](std::string *out) -> ssize_t {
			      *out = std::string(5000, 'z');
			      return 5000;
		      },
		      nullptr);
	ASSERT_EQ(open(*a, O_RDONLY), 0);
	uint64_t seq = kplay::log_ring().next_seq();
	std::string got = read(*a, 8192, 0);
	EXPECT_LT(got.size(), 5000u);
	EXPECT_GE(got.size(), 4095u);
	uint64_t next = 0;
	bool warned = false;
	for (const auto &r : kplay::log_ring().read_from(seq, &next))
		warned |= r.text.find("returned bad count") != std::string::npos;
	EXPECT_TRUE(warned);
}

TEST(SysfsAddAttr, AddsAKernfsFileToTheSysTree)
{
	auto &sys = kplay::vfs::sys_tree();
	auto dir = sys.make_dirs("kplay-unit-test/attrs");
	ASSERT_NE(dir, nullptr);
	auto n = kplay::sysfs_add_attr(dir, "flag", 0644, ok_show, ok_store);
	ASSERT_NE(n, nullptr);
	EXPECT_EQ(sys.resolve("kplay-unit-test/attrs/flag"), n);
	EXPECT_EQ(n->mode() & 07777, 0644u);
	EXPECT_NE(std::dynamic_pointer_cast<KernfsAttr>(n->ops()), nullptr);
	sys.remove(sys.resolve("kplay-unit-test"));
	EXPECT_EQ(sys.resolve("kplay-unit-test/attrs/flag"), nullptr);
}

// fs/sysfs/file.c sysfs_kf_seq_show: "if (count >= (ssize_t)PAGE_SIZE)" the
// kernel warns and keeps PAGE_SIZE - 1 bytes. kplay only reacts above
// PAGE_SIZE and keeps PAGE_SIZE bytes.
TEST_F(Sysfs, FullPageShowIsCutToPageSizeMinusOne)
{
	auto a = make(0444,
		      [](std::string *out) -> ssize_t {
			      *out = std::string(4096, 'p');
			      return 4096;
		      },
		      nullptr);
	ASSERT_EQ(open(*a, O_RDONLY), 0);
	EXPECT_EQ(read(*a, 8192, 0).size(), 4095u);
}

} // namespace
