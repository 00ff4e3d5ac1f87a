// User memory (mirrors the semantics of <linux/uaccess.h>): a __user pointer
// inside the buffer of the read()/write() being served is copied directly;
// any other address belongs to the calling process and is reached with
// process_vm_readv/writev on its pid -- never any other process. Functions
// return the number of bytes not copied, as the kernel's do.
#include "kernel/ksyms.h"
#include "kernel/task.h"

#include <sys/uio.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <vector>

namespace {

kplay::UserBuffer *find_buffer(uintptr_t addr, size_t n)
{
	for (kplay::UserBuffer &b : const_cast<std::vector<kplay::UserBuffer> &>(kplay::current_buffers()))
		if (addr >= b.addr && n <= b.len && addr - b.addr <= b.len - n)
			return &b;
	return nullptr;
}

// Copies between the daemon and the caller; returns bytes NOT copied.
size_t remote_copy(void *local, uintptr_t remote, size_t n, bool to_user)
{
	pid_t pid = kplay::current_caller_pid();
	if (pid <= 0 || n == 0)
		return n;
	size_t done = 0;
	while (done < n) {
		iovec l{static_cast<char *>(local) + done, n - done};
		iovec r{reinterpret_cast<void *>(remote + done), n - done};
		ssize_t got = to_user ? process_vm_writev(pid, &l, 1, &r, 1, 0) : process_vm_readv(pid, &l, 1, &r, 1, 0);
		if (got <= 0)
			break;
		done += static_cast<size_t>(got);
	}
	return n - done;
}

} // namespace

extern "C" {

unsigned long _copy_to_user(void *to, const void *from, unsigned long n)
{
	uintptr_t a = reinterpret_cast<uintptr_t>(to);
	if (kplay::UserBuffer *b = find_buffer(a, n)) {
		if (!b->writable)
			return n;
		std::memcpy(to, from, n);
		size_t off = a - b->addr;
		b->lo = std::min(b->lo, off);
		b->hi = std::max(b->hi, off + n);
		return 0;
	}
	return remote_copy(const_cast<void *>(from), a, n, true);
}

unsigned long _copy_from_user(void *to, const void *from, unsigned long n)
{
	uintptr_t a = reinterpret_cast<uintptr_t>(from);
	if (find_buffer(a, n)) {
		std::memcpy(to, from, n);
		return 0;
	}
	return remote_copy(to, a, n, false);
}

unsigned long clear_user(void *to, unsigned long n)
{
	static const char zeros[4096] = {};
	unsigned long left = n;
	char *p = static_cast<char *>(to);
	while (left) {
		unsigned long chunk = left < sizeof zeros ? left : sizeof zeros;
		unsigned long not_done = _copy_to_user(p, zeros, chunk);
		left -= chunk - not_done;
		if (not_done)
			break;
		p += chunk;
	}
	return left;
}

// Copies a string up to count bytes; its length, or -EFAULT.
long strncpy_from_user(char *dst, const char *src, long count)
{
	if (count <= 0)
		return 0;
	for (long i = 0; i < count; ++i) {
		char c;
		if (_copy_from_user(&c, src + i, 1))
			return -EFAULT;
		dst[i] = c;
		if (c == '\0')
			return i;
	}
	return count;
}

long strnlen_user(const char *str, long n)
{
	if (n <= 0)
		return 0;
	for (long i = 0; i < n; ++i) {
		char c;
		if (_copy_from_user(&c, str + i, 1))
			return 0;
		if (c == '\0')
			return i + 1;
	}
	return n + 1;
}

// access_ok only checks that the range lies in the user half of the address space.
bool kplay_access_ok(const void *addr, unsigned long size)
{
	uintptr_t a = reinterpret_cast<uintptr_t>(addr);
	const uintptr_t limit = 0x00007ffffffff000ULL;
	return size <= limit && a <= limit - size;
}

} // extern "C"

KPLAY_EXPORT(_copy_to_user);
KPLAY_EXPORT(_copy_from_user);
KPLAY_EXPORT(clear_user);
KPLAY_EXPORT(strncpy_from_user);
KPLAY_EXPORT(strnlen_user);
KPLAY_EXPORT(kplay_access_ok);
