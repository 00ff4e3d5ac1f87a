/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/vmalloc.h>: virtually contiguous allocations (the daemon's heap). */
#ifndef _KPLAY_LINUX_VMALLOC_H
#define _KPLAY_LINUX_VMALLOC_H

#include "linux/types.h"

#ifdef __cplusplus
extern "C" {
#endif

void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void vfree(const void *addr);
void *kvmalloc_node(size_t size, gfp_t flags, int node);
void kvfree(const void *addr);

#ifdef __cplusplus
}
#endif

#define kvmalloc(size, flags) kvmalloc_node(size, flags, -1)
#define kvzalloc(size, flags) kvmalloc_node(size, (flags) | 0x100u, -1)

#endif
