/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/ip.h>: the IPv4 header. */
#ifndef _KPLAY_LINUX_IP_H
#define _KPLAY_LINUX_IP_H

#include "linux/skbuff.h"

#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17

struct iphdr {
	__u8 ihl : 4, version : 4; /* little-endian bit order */
	__u8 tos;
	__be16 tot_len;
	__be16 id;
	__be16 frag_off;
	__u8 ttl;
	__u8 protocol;
	__sum16 check;
	__be32 saddr;
	__be32 daddr;
};

static inline struct iphdr *ip_hdr(const struct sk_buff *skb)
{
	return (struct iphdr *)skb_network_header(skb);
}

#endif
