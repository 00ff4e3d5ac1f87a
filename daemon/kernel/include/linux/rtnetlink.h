/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/rtnetlink.h>: the RTNL lock that serialises network configuration. */
#ifndef _KPLAY_LINUX_RTNETLINK_H
#define _KPLAY_LINUX_RTNETLINK_H

#include "linux/netdevice.h"

#ifdef __cplusplus
extern "C" {
#endif

void rtnl_lock(void);
void rtnl_unlock(void);

#ifdef __cplusplus
}
#endif

#define ASSERT_RTNL() ((void)0)

#endif
