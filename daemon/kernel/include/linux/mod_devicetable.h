/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/mod_devicetable.h>: struct platform_device_id is in
 * linux/platform_device.h; struct of_device_id (device-tree match tables) is here.
 */
#ifndef _KPLAY_LINUX_MOD_DEVICETABLE_H
#define _KPLAY_LINUX_MOD_DEVICETABLE_H

#include "linux/platform_device.h"

struct of_device_id {
	char name[32];
	char type[32];
	char compatible[128];
	const void *data;
};

/* Module aliases come from .modinfo in kplay; the table itself is the driver's. */
#ifndef MODULE_DEVICE_TABLE
#define MODULE_DEVICE_TABLE(type, name)
#endif

#endif
