/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/container_of.h>. */
#ifndef _KPLAY_LINUX_CONTAINER_OF_H
#define _KPLAY_LINUX_CONTAINER_OF_H

#include "linux/stddef.h"

#define container_of(ptr, type, member)                                  \
	({                                                               \
		char *__mptr = (char *)(ptr);                            \
		((type *)(__mptr - offsetof(type, member)));             \
	})

#endif
