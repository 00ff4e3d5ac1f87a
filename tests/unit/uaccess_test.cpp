// Unit tests for kernel/uaccess.cpp: a __user pointer inside the buffer of
// the request being served is copied directly (respecting whether the request
// lets the module write it); any other address is the calling process's
// memory, reached with process_vm_readv/writev on the TaskScope's pid. Here
// the "caller" is this test process itself (getpid()), so a local variable is
// a valid user address and an unmapped one gives the kernel's EFAULT results:
// the copy functions return the number of bytes NOT copied.

// The C++ library headers come first: kplay's headers may pull in the
// kernel's C headers, whose macros (__ref ...) clash with libstdc++.
#include <gtest/gtest.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "kernel/task.h"

#include "linux/uaccess.h"

namespace {

constexpr uintptr_t kTaskSizeMax = 0x00007ffffffff000ULL; // x86-64 TASK_SIZE_MAX (4-level paging)

void *unmapped() { return reinterpret_cast<void *>(0x10); }

// Two pages, the second unmapped: the last bytes of the first page are
// readable and writable, the next ones fault.
class PageEdge {
public:
	PageEdge()
	{
		page_ = static_cast<size_t>(sysconf(_SC_PAGESIZE));
		void *p = mmap(nullptr, 2 * page_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		EXPECT_NE(p, MAP_FAILED);
		base_ = static_cast<char *>(p);
		EXPECT_EQ(munmap(base_ + page_, page_), 0);
		std::memset(base_, '.', page_);
	}
	~PageEdge() { munmap(base_, page_); }
	PageEdge(const PageEdge &) = delete;
	PageEdge &operator=(const PageEdge &) = delete;

	/// The address `before` bytes before the unmapped page.
	char *end_minus(size_t before) { return base_ + page_ - before; }

private:
	char *base_ = nullptr;
	size_t page_ = 0;
};

TEST(Uaccess, CopyToUserIntoTheRequestBuffer)
{
	char area[32];
	std::memset(area, '-', sizeof area);
	kplay::TaskScope scope(getpid(), 0, 0);
	scope.add_buffer(area + 8, 16, true); // the read() buffer is area[8..24)
	EXPECT_EQ(_copy_to_user(area + 8, "abcd", 4), 0u);
	EXPECT_EQ(_copy_to_user(area + 20, "wxyz", 4), 0u); // the last 4 bytes
	EXPECT_EQ(std::string(area, 32), "--------abcd--------wxyz--------");
	EXPECT_EQ(copy_to_user(area + 12, "12", 2), 0u); // the inline wrapper
	EXPECT_EQ(std::string(area + 8, 8), "abcd12--");
}

TEST(Uaccess, CopyFromUserOutOfTheRequestBuffer)
{
	char area[16] = "hello, world";
	kplay::TaskScope scope(getpid(), 0, 0);
	scope.add_buffer(area, sizeof area, false); // a write() buffer is read-only
	char dst[16] = {};
	EXPECT_EQ(_copy_from_user(dst, area + 7, 5), 0u);
	EXPECT_STREQ(dst, "world");
	char one = 0;
	EXPECT_EQ(copy_from_user(&one, area, 1), 0u);
	EXPECT_EQ(one, 'h');
}

TEST(Uaccess, WriteIntoAReadOnlyRequestBufferFails)
{
	char area[16];
	std::memset(area, 'r', sizeof area);
	kplay::TaskScope scope(getpid(), 0, 0);
	scope.add_buffer(area, sizeof area, false);
	EXPECT_EQ(_copy_to_user(area, "nope", 4), 4u); // nothing copied
	EXPECT_EQ(_copy_to_user(area + 15, "x", 1), 1u);
	EXPECT_EQ(clear_user(area, 8), 8u);
	EXPECT_EQ(std::string(area, 16), std::string(16, 'r'));
	int v = 5;
	EXPECT_EQ(put_user(v, reinterpret_cast<int *>(area)), -EFAULT);
}

TEST(Uaccess, AddressOutsideTheBufferIsTheCallersMemory)
{
	// Nothing registered: the address goes to process_vm_readv/writev on the
	// caller's pid, here this very process.
	kplay::TaskScope scope(getpid(), 0, 0);
	volatile int user_int = 1234;
	int got = 0;
	EXPECT_EQ(_copy_from_user(&got, const_cast<int *>(&user_int), sizeof got), 0u);
	EXPECT_EQ(got, 1234);
	int val = 98765;
	EXPECT_EQ(_copy_to_user(const_cast<int *>(&user_int), &val, sizeof val), 0u);
	EXPECT_EQ(user_int, 98765);

	// A pointer carried inside an ioctl struct: a string elsewhere in memory.
	char user_str[] = "carried by pointer";
	char dst[32] = {};
	EXPECT_EQ(_copy_from_user(dst, user_str, sizeof user_str), 0u);
	EXPECT_STREQ(dst, "carried by pointer");
}

TEST(Uaccess, RangeLeavingTheRequestBufferIsNotTreatedAsTheBuffer)
{
	// Only a range wholly inside the buffer is the buffer; one reaching past
	// its end is an address in the caller (here: writable, so it succeeds,
	// which proves it went through the process path and not the read-only check).
	char area[32];
	std::memset(area, '-', sizeof area);
	kplay::TaskScope scope(getpid(), 0, 0);
	scope.add_buffer(area, 8, false);
	EXPECT_EQ(_copy_to_user(area, "ab", 2), 2u);                     // inside, read-only
	EXPECT_EQ(_copy_to_user(area + 6, "0123", 4), 0u);               // past the end: the caller's memory
	EXPECT_EQ(std::string(area, 12), "------0123--");
}

TEST(Uaccess, UnmappedAddressCopiesNothing)
{
	kplay::TaskScope scope(getpid(), 0, 0);
	char src[8] = "1234567";
	EXPECT_EQ(_copy_to_user(unmapped(), src, 8), 8u);
	char dst[8];
	std::memset(dst, 'x', sizeof dst);
	EXPECT_EQ(_copy_from_user(dst, unmapped(), 8), 8u);
	// copy_from_user zeroes what it could not read, as the kernel's does.
	std::memset(dst, 'x', sizeof dst);
	EXPECT_EQ(copy_from_user(dst, unmapped(), 8), 8u);
	EXPECT_EQ(std::string(dst, 8), std::string(8, '\0'));
	// A kernel-half address is no user memory either.
	EXPECT_EQ(_copy_to_user(reinterpret_cast<void *>(0xffff888000000000ULL), src, 8), 8u);
}

TEST(Uaccess, PartialCopyStopsAtTheFault)
{
	PageEdge edge;
	kplay::TaskScope scope(getpid(), 0, 0);
	// 16 bytes starting 6 bytes before an unmapped page: 6 copied, 10 left.
	EXPECT_EQ(_copy_to_user(edge.end_minus(6), "ABCDEFGHIJKLMNOP", 16), 10u);
	EXPECT_EQ(std::string(edge.end_minus(8), 8), "..ABCDEF");
	char dst[16];
	std::memset(dst, 'x', sizeof dst);
	EXPECT_EQ(copy_from_user(dst, edge.end_minus(4), 16), 12u);
	EXPECT_EQ(std::string(dst, 16), std::string("CDEF") + std::string(12, '\0'));
}

TEST(Uaccess, OutsideARequestThereIsNoUserMemory)
{
	// No TaskScope: no caller, so no address is user memory.
	int v = 1;
	int w = 2;
	EXPECT_EQ(_copy_to_user(&v, &w, sizeof v), sizeof v);
	EXPECT_EQ(_copy_from_user(&w, &v, sizeof v), sizeof v);
	EXPECT_EQ(v, 1);
	EXPECT_EQ(kplay::current_caller_pid(), 0);
	EXPECT_TRUE(kplay::current_buffers().empty());
}

TEST(Uaccess, NestedScopesHaveTheirOwnBuffers)
{
	char outer_buf[8] = {};
	char inner_buf[8] = {};
	kplay::TaskScope outer(0, 0, 0); // pid 0: only registered buffers are user memory
	outer.add_buffer(outer_buf, sizeof outer_buf, true);
	{
		kplay::TaskScope inner(0, 0, 0);
		inner.add_buffer(inner_buf, sizeof inner_buf, true);
		EXPECT_EQ(_copy_to_user(inner_buf, "in", 2), 0u);
		EXPECT_EQ(_copy_to_user(outer_buf, "no", 2), 2u); // not this request's buffer
	}
	EXPECT_EQ(_copy_to_user(outer_buf, "out", 3), 0u);
	EXPECT_EQ(_copy_to_user(inner_buf, "no", 2), 2u);
	EXPECT_EQ(std::string(inner_buf, 2), "in");
	EXPECT_EQ(std::string(outer_buf, 3), "out");
}

TEST(Uaccess, GetUserAndPutUser)
{
	long area[2] = {42, 0};
	kplay::TaskScope scope(getpid(), 0, 0);
	scope.add_buffer(area, sizeof area, true);
	long x = 0;
	EXPECT_EQ(get_user(x, &area[0]), 0);
	EXPECT_EQ(x, 42);
	EXPECT_EQ(put_user(7L, &area[1]), 0);
	EXPECT_EQ(area[1], 7);
	x = 99;
	EXPECT_EQ(get_user(x, static_cast<long *>(unmapped())), -EFAULT);
	EXPECT_EQ(x, 0); // the kernel's get_user zeroes x on a fault
	EXPECT_EQ(put_user(1L, static_cast<long *>(unmapped())), -EFAULT);
}

TEST(Uaccess, StrncpyFromUser)
{
	char area[16] = "hello\0world";
	kplay::TaskScope scope(getpid(), 0, 0);
	scope.add_buffer(area, sizeof area, false);
	char dst[16];
	std::memset(dst, 'x', sizeof dst);
	// Found the NUL: its length, NUL copied.
	EXPECT_EQ(strncpy_from_user(dst, area, sizeof dst), 5);
	EXPECT_STREQ(dst, "hello");
	// count reached first: count, and no NUL written.
	std::memset(dst, 'x', sizeof dst);
	EXPECT_EQ(strncpy_from_user(dst, area, 3), 3);
	EXPECT_EQ(std::string(dst, 4), "helx");
	// The empty string.
	EXPECT_EQ(strncpy_from_user(dst, area + 5, 8), 0);
	EXPECT_EQ(dst[0], '\0');
	// Bad address: -EFAULT.
	EXPECT_EQ(strncpy_from_user(dst, static_cast<const char *>(unmapped()), 8), -EFAULT);
}

TEST(Uaccess, StrncpyFromUserFaultBeforeTheNul)
{
	PageEdge edge;
	std::memcpy(edge.end_minus(3), "abc", 3); // no NUL before the unmapped page
	std::memcpy(edge.end_minus(8), "ok\0", 3);
	kplay::TaskScope scope(getpid(), 0, 0);
	char dst[16];
	EXPECT_EQ(strncpy_from_user(dst, edge.end_minus(3), 10), -EFAULT);
	// Asking for no more than what is mapped is fine.
	EXPECT_EQ(strncpy_from_user(dst, edge.end_minus(3), 3), 3);
	EXPECT_EQ(std::string(dst, 3), "abc");
	// A string that ends before the fault.
	EXPECT_EQ(strncpy_from_user(dst, edge.end_minus(8), 100), 2);
	EXPECT_STREQ(dst, "ok");
}

TEST(Uaccess, StrnlenUser)
{
	char area[16] = "four\0";
	kplay::TaskScope scope(getpid(), 0, 0);
	scope.add_buffer(area, sizeof area, false);
	EXPECT_EQ(strnlen_user(area, 16), 5);  // the NUL included
	EXPECT_EQ(strnlen_user(area, 4), 5);   // too long: more than count
	EXPECT_EQ(strnlen_user(area, 5), 5);
	EXPECT_EQ(strnlen_user(static_cast<const char *>(unmapped()), 16), 0); // fault: 0
}

TEST(Uaccess, ClearUser)
{
	char area[16];
	std::memset(area, 'x', sizeof area);
	{
		kplay::TaskScope scope(getpid(), 0, 0);
		scope.add_buffer(area, sizeof area, true);
		EXPECT_EQ(clear_user(area + 2, 5), 0u);
		EXPECT_EQ(clear_user(area, 0), 0u);
	}
	EXPECT_EQ(std::string(area, 8), std::string("xx") + std::string(5, '\0') + "x");

	kplay::TaskScope scope(getpid(), 0, 0);
	EXPECT_EQ(clear_user(unmapped(), 100), 100u);
	// More than clear_user's internal chunk, in the caller's memory.
	std::string big(10000, 'y');
	EXPECT_EQ(clear_user(big.data(), big.size()), 0u);
	EXPECT_EQ(big, std::string(10000, '\0'));
	// Up to a fault: what could not be cleared is returned.
	PageEdge edge;
	EXPECT_EQ(clear_user(edge.end_minus(10), 30), 20u);
	EXPECT_EQ(std::string(edge.end_minus(12), 12), std::string("..") + std::string(10, '\0'));
}

TEST(Uaccess, AccessOkLimits)
{
	// The generic __access_ok of 6.1: size <= TASK_SIZE_MAX && addr <= TASK_SIZE_MAX - size.
	auto ok = [](uintptr_t addr, unsigned long size) { return kplay_access_ok(reinterpret_cast<const void *>(addr), size); };
	EXPECT_TRUE(ok(0, 0));
	EXPECT_TRUE(ok(0x1000, 4096));
	EXPECT_TRUE(ok(0, kTaskSizeMax));
	EXPECT_FALSE(ok(0, kTaskSizeMax + 1));
	EXPECT_TRUE(ok(kTaskSizeMax - 8, 8));
	EXPECT_FALSE(ok(kTaskSizeMax - 8, 9));
	EXPECT_TRUE(ok(kTaskSizeMax, 0));
	EXPECT_FALSE(ok(kTaskSizeMax, 1));
	EXPECT_FALSE(ok(kTaskSizeMax + 1, 0));
	EXPECT_FALSE(ok(0x1000, ~0UL)); // no wrap-around
	EXPECT_FALSE(ok(0xffff888000000000ULL, 8));
	// The access_ok macro modules use.
	int local = 0;
	EXPECT_TRUE(access_ok(&local, sizeof local));
	EXPECT_FALSE(access_ok(reinterpret_cast<void *>(0xffffffffffffff00ULL), 16));
}

// lib/strncpy_from_user.c and lib/strnlen_user.c (6.1) both begin with
//	if (unlikely(count <= 0))
//		return 0;
// kplay's strnlen_user(p, 0) returns 1 (count + 1, "too long"), and
// strncpy_from_user(dst, p, -1) returns -1 (which a caller reads as -EPERM).
TEST(Uaccess, NonPositiveCountsReturnZero)
{
	char area[8] = "abc";
	kplay::TaskScope scope(getpid(), 0, 0);
	scope.add_buffer(area, sizeof area, false);
	char dst[8];
	EXPECT_EQ(strnlen_user(area, 0), 0);
	EXPECT_EQ(strnlen_user(area, -5), 0);
	EXPECT_EQ(strncpy_from_user(dst, area, 0), 0);
	EXPECT_EQ(strncpy_from_user(dst, area, -1), 0);
}

} // namespace
