/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/of_platform.h>: platform devices made from device-tree nodes. */
#ifndef _KPLAY_LINUX_OF_PLATFORM_H
#define _KPLAY_LINUX_OF_PLATFORM_H

#include "linux/of_device.h"
#include "linux/platform_device.h"

#endif
