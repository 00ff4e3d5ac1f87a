/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/array_size.h>: ARRAY_SIZE that refuses pointers. */
#ifndef _KPLAY_LINUX_ARRAY_SIZE_H
#define _KPLAY_LINUX_ARRAY_SIZE_H

#include "linux/build_bug.h"

#define __must_be_array(a) BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))

#endif
