/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/if.h>: interface flags (dev->flags) and name size. */
#ifndef _KPLAY_LINUX_IF_H
#define _KPLAY_LINUX_IF_H

#define IFNAMSIZ 16

#define IFF_UP (1 << 0)
#define IFF_BROADCAST (1 << 1)
#define IFF_DEBUG (1 << 2)
#define IFF_LOOPBACK (1 << 3)
#define IFF_POINTOPOINT (1 << 4)
#define IFF_NOTRAILERS (1 << 5)
#define IFF_RUNNING (1 << 6)
#define IFF_NOARP (1 << 7)
#define IFF_PROMISC (1 << 8)
#define IFF_ALLMULTI (1 << 9)
#define IFF_MASTER (1 << 10)
#define IFF_SLAVE (1 << 11)
#define IFF_MULTICAST (1 << 12)
#define IFF_PORTSEL (1 << 13)
#define IFF_AUTOMEDIA (1 << 14)
#define IFF_DYNAMIC (1 << 15)
#define IFF_LOWER_UP (1 << 16)
#define IFF_DORMANT (1 << 17)
#define IFF_ECHO (1 << 18)

/* dev->priv_flags (netdevice.h's enum netdev_priv_flags, the ones drivers set). */
#define IFF_TX_SKB_SHARING (1ULL << 16)
#define IFF_LIVE_ADDR_CHANGE (1ULL << 15)
#define IFF_NO_QUEUE (1ULL << 21)

/* RFC 2863 operational states (dev->operstate). */
enum {
	IF_OPER_UNKNOWN,
	IF_OPER_NOTPRESENT,
	IF_OPER_DOWN,
	IF_OPER_LOWERLAYERDOWN,
	IF_OPER_TESTING,
	IF_OPER_DORMANT,
	IF_OPER_UP,
};

#endif
