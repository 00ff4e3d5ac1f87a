// kmalloc and friends (mirrors mm/slab_common.c semantics): a zero-size
// request returns ZERO_SIZE_PTR, kfree accepts NULL and ZERO_SIZE_PTR.
#include "kernel/ksyms.h"

#include <malloc.h>

#include <cstdlib>
#include <cstring>

namespace {
constexpr unsigned kGfpZero = 0x100u;
void *const kZeroSizePtr = reinterpret_cast<void *>(16);

bool zero_or_null(const void *p) { return reinterpret_cast<uintptr_t>(p) <= 16; }
} // namespace

extern "C" {

void *__kmalloc(size_t size, unsigned int flags)
{
	if (size == 0)
		return kZeroSizePtr;
	void *p = (flags & kGfpZero) ? std::calloc(1, size) : std::malloc(size);
	return p;
}

void kfree(const void *p)
{
	if (!zero_or_null(p))
		std::free(const_cast<void *>(p));
}

void kfree_sensitive(const void *p)
{
	if (zero_or_null(p))
		return;
	explicit_bzero(const_cast<void *>(p), malloc_usable_size(const_cast<void *>(p)));
	std::free(const_cast<void *>(p));
}

size_t ksize(const void *p)
{
	return zero_or_null(p) ? 0 : malloc_usable_size(const_cast<void *>(p));
}

void *krealloc(const void *p, size_t new_size, unsigned int flags)
{
	if (new_size == 0) {
		kfree(p);
		return kZeroSizePtr;
	}
	if (zero_or_null(p))
		return __kmalloc(new_size, flags);
	size_t old = malloc_usable_size(const_cast<void *>(p));
	void *q = std::realloc(const_cast<void *>(p), new_size);
	if (q && (flags & kGfpZero) && new_size > old)
		std::memset(static_cast<char *>(q) + old, 0, new_size - old);
	return q;
}

} // extern "C"

KPLAY_EXPORT(__kmalloc);
KPLAY_EXPORT(kfree);
KPLAY_EXPORT(kfree_sensitive);
KPLAY_EXPORT(ksize);
KPLAY_EXPORT(krealloc);
