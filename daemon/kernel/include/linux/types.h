/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/types.h>: the kernel's fixed-width and VFS types (x86_64 LP64). */
#ifndef _KPLAY_LINUX_TYPES_H
#define _KPLAY_LINUX_TYPES_H

#include "linux/compiler.h"
#include "linux/stddef.h"
#ifdef __cplusplus /* kplay's C++ side: the C library's types, same sizes */
#include <cstddef>
#include <cstdint>
#include <sys/types.h>
#endif

typedef signed char __s8;
typedef unsigned char __u8;
typedef signed short __s16;
typedef unsigned short __u16;
typedef signed int __s32;
typedef unsigned int __u32;
typedef signed long long __s64;
typedef unsigned long long __u64;

typedef __s8 s8;
typedef __u8 u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;

typedef u32 __kernel_dev_t;
typedef unsigned short umode_t;
typedef unsigned int gfp_t;
typedef s64 time64_t;
typedef s64 ktime_t;
typedef u64 phys_addr_t;
typedef phys_addr_t resource_size_t;
typedef unsigned int __poll_t;
typedef unsigned int fmode_t;
typedef unsigned long __kernel_ulong_t;
typedef long __kernel_long_t;
typedef __kernel_ulong_t __kernel_size_t;
typedef __kernel_long_t __kernel_ssize_t;

#ifndef __cplusplus /* C++ gets these from the C library, with the same sizes */
typedef __s8 int8_t;
typedef __u8 uint8_t;
typedef __s16 int16_t;
typedef __u16 uint16_t;
typedef __s32 int32_t;
typedef __u32 uint32_t;
typedef __s64 int64_t;
typedef __u64 uint64_t;
typedef __u8 u_int8_t;
typedef __u16 u_int16_t;
typedef __u32 u_int32_t;
typedef __u64 u_int64_t;

#ifndef __cplusplus
typedef _Bool bool;
#endif


#ifndef __cplusplus
typedef __SIZE_TYPE__ size_t;
#endif
typedef __kernel_ssize_t ssize_t;
typedef long ptrdiff_t;
typedef unsigned long uintptr_t;
typedef long intptr_t;
typedef long long loff_t;
typedef long off_t;
typedef __kernel_dev_t dev_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;

typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef unsigned char unchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
#endif /* !__cplusplus */

typedef __u16 __le16;
typedef __u16 __be16;
typedef __u32 __le32;
typedef __u32 __be32;
typedef __u64 __le64;
typedef __u64 __be64;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

#endif
