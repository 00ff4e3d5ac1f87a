/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/uaccess.h>. A __user pointer is either inside the
 * buffer of the read()/write() being served, or an address in the calling
 * process, which kplay reads and writes with process_vm_readv/writev. As in
 * the kernel, the copy functions return the number of bytes NOT copied, and
 * get_user/put_user return -EFAULT for a bad address.
 */
#ifndef _KPLAY_LINUX_UACCESS_H
#define _KPLAY_LINUX_UACCESS_H

#include "linux/compiler.h"
#include "linux/types.h"
#include "linux/errno.h"
#ifndef __cplusplus
#include "linux/string.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

unsigned long _copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long _copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);
long strncpy_from_user(char *dst, const char __user *src, long count);
long strnlen_user(const char __user *str, long n);
bool kplay_access_ok(const void __user *addr, unsigned long size);

#ifdef __cplusplus
}
#endif

static __always_inline unsigned long __must_check copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return _copy_to_user(to, from, n);
}

static __always_inline unsigned long __must_check copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = _copy_from_user(to, from, n);

	/* As in the kernel: what could not be read is zeroed. */
	if (left)
		__builtin_memset((char *)to + (n - left), 0, left);
	return left;
}

#define __copy_to_user copy_to_user
#define __copy_from_user copy_from_user

#define access_ok(addr, size) kplay_access_ok((const void __user *)(addr), (size))

#define put_user(x, ptr)                                                          \
	({                                                                        \
		__typeof__(*(ptr)) __pu_val = (x);                                 \
		_copy_to_user((ptr), &__pu_val, sizeof(*(ptr))) ? -EFAULT : 0;     \
	})

/* The comma drops qualifiers: get_user on a "const char __user *" works. */
#define get_user(x, ptr)                                                          \
	({                                                                        \
		__typeof__((void)0, *(ptr)) __gu_val;                              \
		int __gu_err = 0;                                                  \
		if (_copy_from_user(&__gu_val, (ptr), sizeof(*(ptr)))) {           \
			__builtin_memset(&__gu_val, 0, sizeof(__gu_val));          \
			__gu_err = -EFAULT;                                        \
		}                                                                  \
		(x) = __gu_val;                                                    \
		__gu_err;                                                          \
	})

#define __put_user put_user
#define __get_user get_user

static inline void __user *u64_to_user_ptr(u64 v)
{
	return (void __user *)(uintptr_t)v;
}

#endif
