/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/skbuff.h>: socket buffers, linear only (no pages,
 * no clones). head..end is the buffer; data..tail the packet; mac_header,
 * network_header and transport_header are offsets from head, as on a 64-bit
 * kernel. skb_put/skb_push past the buffer is a BUG (an oops in kplay).
 */
#ifndef _KPLAY_LINUX_SKBUFF_H
#define _KPLAY_LINUX_SKBUFF_H

#include "linux/types.h"
#include "linux/gfp.h"
#ifdef __cplusplus /* kplay's C++ side: the C library's declarations */
#include <cstring>
#else
#include "linux/string.h"
#endif
#include "linux/refcount.h"
#include "asm/byteorder.h"

#ifndef _KPLAY_SUM16
#define _KPLAY_SUM16
typedef __u16 __sum16;
typedef __u32 __wsum;
#endif

struct net_device;

/* skb->pkt_type (uapi linux/if_packet.h) */
#define PACKET_HOST 0
#define PACKET_BROADCAST 1
#define PACKET_MULTICAST 2
#define PACKET_OTHERHOST 3
#define PACKET_OUTGOING 4
#define PACKET_LOOPBACK 5

/* skb->ip_summed */
#define CHECKSUM_NONE 0
#define CHECKSUM_UNNECESSARY 1
#define CHECKSUM_COMPLETE 2
#define CHECKSUM_PARTIAL 3

#define NET_SKB_PAD 64
#define NET_IP_ALIGN 2

typedef unsigned int sk_buff_data_t;

struct sk_buff {
	struct sk_buff *next;
	struct sk_buff *prev;
	struct net_device *dev;
	char cb[48] __attribute__((aligned(8)));
	unsigned int len;
	unsigned int data_len;
	__u16 mac_len;
	__u16 hdr_len;
	__u16 queue_mapping;
	__u8 pkt_type : 3;
	__u8 ip_summed : 2;
	__u32 priority;
	__u32 mark;
	__be16 protocol;
	__u16 transport_header;
	__u16 network_header;
	__u16 mac_header;
	sk_buff_data_t tail;
	sk_buff_data_t end;
	unsigned char *head;
	unsigned char *data;
	unsigned int truesize;
	refcount_t users;
};

#ifdef __cplusplus
extern "C" {
#endif

struct sk_buff *__alloc_skb(unsigned int size, gfp_t priority, int flags, int node);
struct sk_buff *__netdev_alloc_skb(struct net_device *dev, unsigned int length, gfp_t gfp_mask);
void kfree_skb(struct sk_buff *skb);
void consume_skb(struct sk_buff *skb);
void *skb_put(struct sk_buff *skb, unsigned int len);
void *skb_push(struct sk_buff *skb, unsigned int len);
void *skb_pull(struct sk_buff *skb, unsigned int len);
struct sk_buff *skb_copy(const struct sk_buff *skb, gfp_t priority);

#ifdef __cplusplus
}
#endif

#define NUMA_NO_NODE_SKB (-1)

static inline struct sk_buff *alloc_skb(unsigned int size, gfp_t priority)
{
	return __alloc_skb(size, priority, 0, NUMA_NO_NODE_SKB);
}

static inline struct sk_buff *netdev_alloc_skb(struct net_device *dev, unsigned int length)
{
	return __netdev_alloc_skb(dev, length, GFP_ATOMIC);
}

static inline struct sk_buff *dev_alloc_skb(unsigned int length)
{
	return netdev_alloc_skb(NULL, length);
}

static inline struct sk_buff *netdev_alloc_skb_ip_align(struct net_device *dev, unsigned int length)
{
	struct sk_buff *skb = __netdev_alloc_skb(dev, length + NET_IP_ALIGN, GFP_ATOMIC);

	if (NET_IP_ALIGN && skb) {
		skb->data += NET_IP_ALIGN;
		skb->tail += NET_IP_ALIGN;
	}
	return skb;
}

#define dev_kfree_skb(a) consume_skb(a)
#define dev_kfree_skb_any(a) consume_skb(a)
#define dev_kfree_skb_irq(a) consume_skb(a)
#define dev_consume_skb_any(a) consume_skb(a)

static inline unsigned char *skb_tail_pointer(const struct sk_buff *skb)
{
	return skb->head + skb->tail;
}

static inline unsigned char *skb_end_pointer(const struct sk_buff *skb)
{
	return skb->head + skb->end;
}

static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return (unsigned int)(skb->data - skb->head);
}

static inline int skb_tailroom(const struct sk_buff *skb)
{
	return (int)(skb->end - skb->tail);
}

static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len - skb->data_len;
}

static inline void skb_reserve(struct sk_buff *skb, int len)
{
	skb->data += len;
	skb->tail += len;
}

static inline void *skb_put_data(struct sk_buff *skb, const void *data, unsigned int len)
{
	void *tmp = skb_put(skb, len);

	memcpy(tmp, data, len);
	return tmp;
}

static inline void *skb_put_zero(struct sk_buff *skb, unsigned int len)
{
	void *tmp = skb_put(skb, len);

	memset(tmp, 0, len);
	return tmp;
}

static inline void skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (skb->len > len) {
		skb->len = len;
		skb->tail = (sk_buff_data_t)(skb->data - skb->head) + len;
	}
}

static inline unsigned char *skb_mac_header(const struct sk_buff *skb)
{
	return skb->head + skb->mac_header;
}

static inline void skb_reset_mac_header(struct sk_buff *skb)
{
	skb->mac_header = (__u16)(skb->data - skb->head);
}

static inline void skb_set_mac_header(struct sk_buff *skb, int offset)
{
	skb_reset_mac_header(skb);
	skb->mac_header += offset;
}

static inline unsigned char *skb_network_header(const struct sk_buff *skb)
{
	return skb->head + skb->network_header;
}

static inline void skb_reset_network_header(struct sk_buff *skb)
{
	skb->network_header = (__u16)(skb->data - skb->head);
}

static inline void skb_set_network_header(struct sk_buff *skb, int offset)
{
	skb_reset_network_header(skb);
	skb->network_header += offset;
}

static inline int skb_network_offset(const struct sk_buff *skb)
{
	return (int)(skb_network_header(skb) - skb->data);
}

static inline unsigned char *skb_transport_header(const struct sk_buff *skb)
{
	return skb->head + skb->transport_header;
}

static inline void skb_reset_transport_header(struct sk_buff *skb)
{
	skb->transport_header = (__u16)(skb->data - skb->head);
}

static inline void skb_set_transport_header(struct sk_buff *skb, int offset)
{
	skb_reset_transport_header(skb);
	skb->transport_header += offset;
}

static inline bool pskb_may_pull(struct sk_buff *skb, unsigned int len)
{
	return len <= skb_headlen(skb);
}

static inline void skb_orphan(struct sk_buff *skb)
{
	(void)skb;
}

static inline void skb_tx_timestamp(struct sk_buff *skb)
{
	(void)skb;
}

static inline struct sk_buff *skb_get(struct sk_buff *skb)
{
	refcount_inc(&skb->users);
	return skb;
}

#endif
