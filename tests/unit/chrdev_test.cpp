// Unit tests for kernel/chrdev.cpp: the device-number registry of
// fs/char_dev.c in Linux 6.1 -- dynamic majors handed out from 254 down
// (find_dynamic_major), explicit majors and minor ranges, -EBUSY for an
// overlap, -EINVAL past CHRDEV_MAJOR_MAX, and /proc/devices (chrdev_show).
// The registry is global: every test undoes its registrations.

// The C++ library headers come first: kplay's headers may pull in the
// kernel's C headers, whose macros (__ref ...) clash with libstdc++.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kernel/chrdev.h"
#include "kernel/printk.h"

#include "linux/cdev.h"
#include "linux/fs.h"
#include "linux/kdev_t.h"

namespace {

const struct file_operations kFops = {};

class Chrdev : public ::testing::Test {
protected:
	void SetUp() override
	{
		// Nothing is registered when a test starts (the previous one cleaned up).
		ASSERT_EQ(kplay::proc_devices_text(), "Character devices:\n\nBlock devices:\n");
		seq = kplay::log_ring().next_seq();
	}
	void TearDown() override
	{
		// Undo in reverse order, then check the registry is empty again.
		for (auto it = undo.rbegin(); it != undo.rend(); ++it)
			(*it)();
		undo.clear();
		EXPECT_EQ(kplay::proc_devices_text(), "Character devices:\n\nBlock devices:\n")
			<< "a registration leaked out of the test";
	}

	// Registrations that succeed are undone at the end of the test.
	int region(unsigned major, unsigned minor, unsigned count, const char *name)
	{
		int r = register_chrdev_region(MKDEV(major, minor), count, name);
		if (r == 0)
			undo.push_back([=] { unregister_chrdev_region(MKDEV(major, minor), count); });
		return r;
	}
	int alloc(unsigned baseminor, unsigned count, const char *name, __kernel_dev_t *dev)
	{
		int r = alloc_chrdev_region(dev, baseminor, count, name);
		if (r == 0) {
			__kernel_dev_t d = *dev;
			undo.push_back([=] { unregister_chrdev_region(d, count); });
		}
		return r;
	}
	int chrdev(unsigned major, const char *name)
	{
		int r = register_chrdev(major, name, &kFops);
		if (r >= 0) {
			unsigned m = major ? major : static_cast<unsigned>(r);
			undo.push_back([=] { unregister_chrdev(m, name); });
		}
		return r;
	}
	// Removes the registration made by the n-th successful call (0-based) now.
	void undo_now(size_t n)
	{
		undo[n]();
		undo[n] = [] {};
	}
	bool logged(const std::string &text) const
	{
		uint64_t next = 0;
		for (const kplay::LogRecord &r : kplay::log_ring().read_from(seq, &next))
			if (r.text == text)
				return true;
		return false;
	}

	std::vector<std::function<void()>> undo;
	uint64_t seq = 0;
};

TEST_F(Chrdev, AllocChrdevRegionCountsDownFrom254)
{
	__kernel_dev_t a = 0, b = 0, c = 0;
	ASSERT_EQ(alloc(0, 1, "dyn-a", &a), 0);
	ASSERT_EQ(alloc(5, 3, "dyn-b", &b), 0);
	ASSERT_EQ(alloc(0, 256, "dyn-c", &c), 0);
	EXPECT_EQ(MAJOR(a), 254u);
	EXPECT_EQ(MINOR(a), 0u);
	EXPECT_EQ(MAJOR(b), 253u);
	EXPECT_EQ(MINOR(b), 5u); // the first minor asked for
	EXPECT_EQ(MAJOR(c), 252u);
	EXPECT_EQ(kplay::proc_devices_text(),
		  "Character devices:\n252 dyn-c\n253 dyn-b\n254 dyn-a\n\nBlock devices:\n");
}

TEST_F(Chrdev, DynamicMajorsNeverShareAMajor)
{
	// A dynamic major is a free major, even when the minors asked for would
	// fit beside an existing range.
	ASSERT_EQ(region(254, 0, 1, "static-254"), 0);
	__kernel_dev_t d = 0;
	ASSERT_EQ(alloc(10, 1, "dyn", &d), 0);
	EXPECT_EQ(MAJOR(d), 253u);
}

TEST_F(Chrdev, RegisterChrdevZeroIsDynamic)
{
	int m1 = chrdev(0, "rc-one");
	int m2 = chrdev(0, "rc-two");
	EXPECT_EQ(m1, 254); // register_chrdev(0, ...) returns the major it chose
	EXPECT_EQ(m2, 253);
	__kernel_dev_t d = 0;
	ASSERT_EQ(alloc(0, 1, "rc-region", &d), 0);
	EXPECT_EQ(MAJOR(d), 252u); // the two kinds share one pool of majors
}

TEST_F(Chrdev, UnregisterFreesAMajorForReuse)
{
	ASSERT_EQ(chrdev(0, "first"), 254);
	ASSERT_EQ(chrdev(0, "second"), 253);
	undo_now(0); // unregister_chrdev(254, "first")
	EXPECT_EQ(chrdev(0, "third"), 254);
	EXPECT_EQ(kplay::proc_devices_text(), "Character devices:\n253 second\n254 third\n\nBlock devices:\n");
	// An explicit major works the same way.
	ASSERT_EQ(chrdev(100, "fixed"), 0);
	EXPECT_EQ(register_chrdev(100, "again", &kFops), -EBUSY);
	undo_now(3); // unregister_chrdev(100, "fixed")
	EXPECT_EQ(chrdev(100, "again"), 0);
}

TEST_F(Chrdev, RegisterChrdevWithATakenMajorIsBusy)
{
	EXPECT_EQ(chrdev(100, "chardev2-like"), 0); // an explicit major returns 0
	EXPECT_EQ(register_chrdev(100, "other", &kFops), -EBUSY);
	// register_chrdev takes minors 0..255: any overlap is busy too.
	EXPECT_EQ(region(100, 255, 1, "overlap-end"), -EBUSY);
	EXPECT_EQ(region(100, 0, 1, "overlap-start"), -EBUSY);
	// Minors past 255 of the same major are free.
	EXPECT_EQ(region(100, 256, 16, "beyond"), 0);
	// A dynamic major from register_chrdev(0) is busy for an explicit request too.
	int dyn = chrdev(0, "dyn");
	ASSERT_EQ(dyn, 254);
	EXPECT_EQ(register_chrdev(254, "clash", &kFops), -EBUSY);
}

TEST_F(Chrdev, RegisterChrdevRegionExplicitRange)
{
	EXPECT_EQ(region(120, 0, 4, "range-a"), 0);
	EXPECT_EQ(region(120, 2, 1, "inside"), -EBUSY);
	EXPECT_EQ(region(120, 3, 2, "straddle"), -EBUSY);
	EXPECT_EQ(region(120, 4, 2, "range-b"), 0); // adjacent, no overlap
	EXPECT_EQ(region(121, 0, 1, "next-major"), 0);
	// unregister_chrdev_region needs the exact range: a sub-range frees nothing.
	unregister_chrdev_region(MKDEV(120, 0), 2);
	EXPECT_EQ(region(120, 0, 1, "still-taken"), -EBUSY);
}

TEST_F(Chrdev, RegisterChrdevRegionSpanningMajors)
{
	// From the last two minors of 130 into the first two of 131: one range
	// per major, as register_chrdev_region splits it.
	ASSERT_EQ(region(130, MINORMASK - 1, 4, "span"), 0);
	EXPECT_EQ(kplay::proc_devices_text(), "Character devices:\n130 span\n131 span\n\nBlock devices:\n");
	EXPECT_EQ(register_chrdev_region(MKDEV(131, 1), 1, "x"), -EBUSY);
	EXPECT_EQ(register_chrdev_region(MKDEV(130, MINORMASK), 1, "x"), -EBUSY);
	EXPECT_EQ(region(131, 2, 1, "after-span"), 0);
}

TEST_F(Chrdev, FailedSpanningRegistrationIsRolledBack)
{
	ASSERT_EQ(region(141, 0, 1, "blocker"), 0);
	// 140's part would succeed, 141's overlaps: the whole call fails and 140
	// is released again.
	EXPECT_EQ(register_chrdev_region(MKDEV(140, MINORMASK), 2, "spanning"), -EBUSY);
	EXPECT_EQ(kplay::proc_devices_text(), "Character devices:\n141 blocker\n\nBlock devices:\n");
	EXPECT_EQ(region(140, MINORMASK, 1, "free-again"), 0);
}

TEST_F(Chrdev, MajorOf512OrMoreIsInvalid)
{
	EXPECT_EQ(register_chrdev(512, "big", &kFops), -EINVAL);
	EXPECT_TRUE(logged("CHRDEV \"big\" major requested (512) is greater than the maximum (511)"));
	EXPECT_EQ(register_chrdev_region(MKDEV(600, 0), 1, "bigger"), -EINVAL);
	EXPECT_EQ(register_chrdev(4095, "biggest", &kFops), -EINVAL);
	// 511 is the largest major there is.
	EXPECT_EQ(region(511, 0, 1, "max"), 0);
	EXPECT_EQ(kplay::proc_devices_text(), "Character devices:\n511 max\n\nBlock devices:\n");
}

TEST_F(Chrdev, MinorRangeBeyondOneMajorIsInvalidForASingleMajor)
{
	__kernel_dev_t d = 0;
	// alloc_chrdev_region (and register_chrdev) take minors of one major only.
	EXPECT_EQ(alloc(MINORMASK, 2, "too-many", &d), -EINVAL);
	EXPECT_TRUE(logged("CHRDEV \"too-many\" minor range requested (1048575-1048576) is out of range of "
			   "maximum range (0-1048575) for a single major"));
	EXPECT_EQ(alloc(MINORMASK, 1, "last-minor", &d), 0);
	EXPECT_EQ(MINOR(d), MINORMASK);
}

TEST_F(Chrdev, ProcDevicesListsMajorsInOrder)
{
	ASSERT_EQ(region(240, 0, 1, "late"), 0);
	ASSERT_EQ(region(7, 0, 1, "early"), 0);
	ASSERT_EQ(chrdev(100, "mid"), 0);
	ASSERT_EQ(region(509, 0, 1, "ext"), 0);
	EXPECT_EQ(kplay::proc_devices_text(), "Character devices:\n"
					      "  7 early\n"
					      "100 mid\n"
					      "240 late\n"
					      "509 ext\n"
					      "\n"
					      "Block devices:\n");
}

TEST_F(Chrdev, DynamicAllocationMovesToTheExtendedRangeWhenFull)
{
	// 254 down to 234 (21 majors), then 511 down to 384.
	std::vector<unsigned> got;
	for (int i = 0; i < 23; ++i) {
		__kernel_dev_t d = 0;
		ASSERT_EQ(alloc(0, 1, "fill", &d), 0);
		got.push_back(MAJOR(d));
	}
	EXPECT_EQ(got.front(), 254u);
	EXPECT_EQ(got[20], 234u);
	EXPECT_EQ(got[21], 511u);
	EXPECT_EQ(got[22], 510u);
}

// fs/char_dev.c chrdev_show (6.1) prints every registered range of a major:
//	for (cd = chrdevs[major_to_index(offset)]; cd; cd = cd->next)
//		if (cd->major == offset)
//			seq_printf(f, "%3d %s\n", cd->major, cd->name);
// with a major's ranges kept in order of their first minor (the insertion in
// __register_chrdev_region). A real /proc/devices shows "4 /dev/vc/0",
// "4 tty", "4 ttyS" this way. kplay prints only the first name per major.
TEST_F(Chrdev, ProcDevicesListsEveryRangeOfAMajor)
{
	ASSERT_EQ(region(60, 10, 5, "upper"), 0);
	ASSERT_EQ(region(60, 0, 5, "lower"), 0);
	EXPECT_EQ(kplay::proc_devices_text(), "Character devices:\n"
					      " 60 lower\n"
					      " 60 upper\n"
					      "\n"
					      "Block devices:\n");
}

// fs/char_dev.c find_dynamic_major (6.1) looks for an empty hash bucket in
// 254..234: "if (chrdevs[i] == NULL) return i;", and major_to_index(major) is
// major % 255, so a range on major 509 occupies bucket 254 and the first
// dynamic major becomes 253. kplay checks only for major 254 itself.
TEST_F(Chrdev, DynamicMajorSkipsABucketTakenByAnExtendedMajor)
{
	ASSERT_EQ(region(509, 0, 1, "bucket-254"), 0);
	__kernel_dev_t d = 0;
	ASSERT_EQ(alloc(0, 1, "dyn", &d), 0);
	EXPECT_EQ(MAJOR(d), 253u);
}

// fs/char_dev.c __register_chrdev_region (6.1) checks the minor range with
// "if (minorct > MINORMASK + 1 - baseminor)", which an empty range (count 0)
// passes. kplay computes baseminor + count - 1 and refuses count 0 with
// -EINVAL and a "minor range requested (0-4294967295)" message.
TEST_F(Chrdev, EmptyMinorRangeIsAccepted)
{
	__kernel_dev_t d = 0;
	int r = alloc_chrdev_region(&d, 0, 0, "empty");
	EXPECT_EQ(r, 0);
	if (r == 0) // unregister_chrdev_region(d, 0) loops over nothing: drop the exact range
		undo.push_back([d] { __unregister_chrdev(MAJOR(d), 0, 0, "empty"); });
	EXPECT_FALSE(logged("CHRDEV \"empty\" minor range requested (0-4294967295) is out of range of maximum "
			    "range (0-1048575) for a single major"));
}

} // namespace

// With CUSE, kplay's devices are registered in the host kernel too: majors
// the host's /proc/devices lists are taken, for dynamic and fixed requests.
TEST_F(Chrdev, WithHostMajorsAvoidedTheHostsMajorsAreTaken)
{
	std::vector<unsigned> host;
	if (FILE *f = std::fopen("/proc/devices", "r")) {
		char line[128];
		bool chr = false;
		while (std::fgets(line, sizeof line, f)) {
			if (std::string(line).rfind("Character devices:", 0) == 0) {
				chr = true;
				continue;
			}
			unsigned m;
			if (line[0] == '\n')
				chr = false;
			else if (chr && std::sscanf(line, "%u", &m) == 1)
				host.push_back(m);
		}
		std::fclose(f);
	}
	if (host.empty())
		GTEST_SKIP() << "no character majors in this host's /proc/devices";
	kplay::chrdev_avoid_host_majors(true);
	__kernel_dev_t d = 0;
	int r = alloc(0, 1, "dyn-host", &d);
	int fixed = region(host.front(), 0, 1, "fixed-host");
	kplay::chrdev_avoid_host_majors(false);
	ASSERT_EQ(r, 0);
	for (unsigned h : host) {
		EXPECT_NE(MAJOR(d), h) << "the dynamic major is one the host uses";
		// find_dynamic_major's bucket rule: 254..234 need an empty bucket.
		if (MAJOR(d) <= 254) {
			EXPECT_NE(h % 255, MAJOR(d)) << "host major " << h << " shares the bucket";
		}
	}
	EXPECT_EQ(fixed, -EBUSY) << "fixed major " << host.front() << " is the host's";
}
