/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/rwlock.h>: see linux/spinlock.h. */
#include "linux/spinlock.h"
