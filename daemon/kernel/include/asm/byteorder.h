/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <asm/byteorder.h> (x86_64, little endian): conversions
 * between CPU order and the big-endian network/device-tree order.
 */
#ifndef _KPLAY_ASM_BYTEORDER_H
#define _KPLAY_ASM_BYTEORDER_H

#include "linux/types.h"

#ifndef __LITTLE_ENDIAN
#define __LITTLE_ENDIAN 1234
#endif

#define __kplay_swab16(x) ((__u16)__builtin_bswap16((__u16)(x)))
#define __kplay_swab32(x) ((__u32)__builtin_bswap32((__u32)(x)))
#define __kplay_swab64(x) ((__u64)__builtin_bswap64((__u64)(x)))

#define cpu_to_be16(x) ((__be16)__kplay_swab16(x))
#define cpu_to_be32(x) ((__be32)__kplay_swab32(x))
#define cpu_to_be64(x) ((__be64)__kplay_swab64(x))
#define be16_to_cpu(x) __kplay_swab16((__u16)(__be16)(x))
#define be32_to_cpu(x) __kplay_swab32((__u32)(__be32)(x))
#define be64_to_cpu(x) __kplay_swab64((__u64)(__be64)(x))
#define cpu_to_le16(x) ((__le16)(__u16)(x))
#define cpu_to_le32(x) ((__le32)(__u32)(x))
#define le16_to_cpu(x) ((__u16)(__le16)(x))
#define le32_to_cpu(x) ((__u32)(__le32)(x))
#define be16_to_cpup(p) be16_to_cpu(*(p))
#define be32_to_cpup(p) be32_to_cpu(*(p))

#ifndef __cplusplus /* the C library has its own for the daemon's C++ */
#define htons(x) cpu_to_be16(x)
#define ntohs(x) be16_to_cpu(x)
#define htonl(x) cpu_to_be32(x)
#define ntohl(x) be32_to_cpu(x)
#endif

#endif
