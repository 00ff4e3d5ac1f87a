/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/mm.h>: pages and the allocators (see linux/slab.h, linux/vmalloc.h). */
#ifndef _KPLAY_LINUX_MM_H
#define _KPLAY_LINUX_MM_H

#include "linux/gfp.h"
#include "linux/slab.h"
#include "linux/vmalloc.h"

#endif
