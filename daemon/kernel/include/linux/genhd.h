/* SPDX-License-Identifier: GPL-2.0 */
/* <linux/genhd.h> went into <linux/blkdev.h> in 5.18; kept for older sources. */
#include "linux/blkdev.h"
