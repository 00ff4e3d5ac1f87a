/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/if_arp.h>: hardware types (dev->type). */
#ifndef _KPLAY_LINUX_IF_ARP_H
#define _KPLAY_LINUX_IF_ARP_H

#include "linux/netdevice.h"

#define ARPHRD_NETROM 0
#define ARPHRD_ETHER 1
#define ARPHRD_LOOPBACK 772
#define ARPHRD_NONE 0xFFFE
#define ARPHRD_VOID 0xFFFF

#endif
