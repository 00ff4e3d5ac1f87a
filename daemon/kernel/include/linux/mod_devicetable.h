/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/mod_devicetable.h>: struct platform_device_id is in linux/platform_device.h. */
#include "linux/platform_device.h"
