/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/of_device.h>: matching a device's node against a driver's table. */
#ifndef _KPLAY_LINUX_OF_DEVICE_H
#define _KPLAY_LINUX_OF_DEVICE_H

#include "linux/of.h"
#include "linux/platform_device.h"

#ifdef __cplusplus
extern "C" {
#endif

const struct of_device_id *of_match_device(const struct of_device_id *matches, const struct device *dev);
const void *of_device_get_match_data(const struct device *dev);

#ifdef __cplusplus
}
#endif

#endif
