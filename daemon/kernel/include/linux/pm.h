/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/pm.h>: struct dev_pm_ops and its macros live in linux/device.h. */
#include "linux/device.h"
