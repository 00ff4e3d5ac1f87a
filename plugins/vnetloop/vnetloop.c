// SPDX-License-Identifier: GPL-2.0
/*
 * vnetloop.c - a virtual Ethernet device that answers pings.
 *
 * The interface (vnet0) has no wire: whatever the stack transmits arrives
 * in vnet_start_xmit. The driver counts it, and when it is an ICMP echo
 * request it turns the frame around into the echo reply (source and
 * destination swapped, type 8 -> 0) and hands it back to the stack with
 * netif_rx, as if a peer on the link had answered. So
 *
 *     ip link set vnet0 up
 *     ip addr add 10.99.0.1/24 dev vnet0
 *     ping -c 3 10.99.0.2
 *
 * gets three replies, and /sys/class/net/vnet0/statistics shows the
 * counters move. Every other frame is counted and dropped (the device is
 * NOARP: the stack sends IPv4 straight to the device's own address, so no
 * ARP exchange is needed).
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/u64_stats_sync.h>

struct vnet_priv {
	struct u64_stats_sync syncp;
	u64_stats_t tx_packets, tx_bytes;
	u64_stats_t rx_packets, rx_bytes;
	u64_stats_t replies;
};

static struct net_device *vnet_dev;

static int vnet_open(struct net_device *dev)
{
	netif_carrier_on(dev);
	netif_start_queue(dev);
	netdev_info(dev, "open\n");
	return 0;
}

static int vnet_stop(struct net_device *dev)
{
	netif_stop_queue(dev);
	netif_carrier_off(dev);
	netdev_info(dev, "stop\n");
	return 0;
}

/* An ICMP echo request in a whole IPv4 packet after the Ethernet header? */
static struct icmphdr *echo_request(struct sk_buff *skb)
{
	struct ethhdr *eth = (struct ethhdr *)skb->data;
	struct iphdr *ip;
	struct icmphdr *icmp;
	unsigned int ihl;

	if (skb->len < ETH_HLEN + sizeof(*ip) || eth->h_proto != htons(ETH_P_IP))
		return NULL;
	ip = (struct iphdr *)(skb->data + ETH_HLEN);
	ihl = ip->ihl * 4;
	if (ip->version != 4 || ihl < sizeof(*ip) || ip->protocol != IPPROTO_ICMP ||
	    skb->len < ETH_HLEN + ihl + sizeof(*icmp))
		return NULL;
	icmp = (struct icmphdr *)(skb->data + ETH_HLEN + ihl);
	return icmp->type == ICMP_ECHO ? icmp : NULL;
}

/* Turn the request into its reply, in place. */
static void make_reply(struct sk_buff *skb, struct icmphdr *icmp)
{
	struct ethhdr *eth = (struct ethhdr *)skb->data;
	struct iphdr *ip = (struct iphdr *)(skb->data + ETH_HLEN);
	u8 mac[ETH_ALEN];
	__be32 addr;
	u32 sum;

	ether_addr_copy(mac, eth->h_dest);
	ether_addr_copy(eth->h_dest, eth->h_source);
	ether_addr_copy(eth->h_source, mac);

	/* Swapping the addresses leaves the IP header checksum as it was. */
	addr = ip->saddr;
	ip->saddr = ip->daddr;
	ip->daddr = addr;

	/* Type 8 -> 0: the one's complement sum grows by 0x0800 (RFC 1624). */
	icmp->type = ICMP_ECHOREPLY;
	sum = (u32)(u16)icmp->checksum + (u32)htons(ICMP_ECHO << 8);
	icmp->checksum = (__sum16)((sum & 0xffff) + (sum >> 16));
}

static netdev_tx_t vnet_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vnet_priv *priv = netdev_priv(dev);
	struct icmphdr *icmp = echo_request(skb);
	unsigned int len = skb->len;

	u64_stats_update_begin(&priv->syncp);
	u64_stats_inc(&priv->tx_packets);
	u64_stats_add(&priv->tx_bytes, len);
	u64_stats_update_end(&priv->syncp);

	if (!icmp) {
		dev_kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	make_reply(skb, icmp);
	skb->protocol = eth_type_trans(skb, dev);
	if (netif_rx(skb) == NET_RX_SUCCESS) {
		u64_stats_update_begin(&priv->syncp);
		u64_stats_inc(&priv->rx_packets);
		u64_stats_add(&priv->rx_bytes, len);
		u64_stats_inc(&priv->replies);
		u64_stats_update_end(&priv->syncp);
	}
	return NETDEV_TX_OK;
}

static void vnet_get_stats64(struct net_device *dev, struct rtnl_link_stats64 *stats)
{
	struct vnet_priv *priv = netdev_priv(dev);
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&priv->syncp);
		stats->tx_packets = u64_stats_read(&priv->tx_packets);
		stats->tx_bytes = u64_stats_read(&priv->tx_bytes);
		stats->rx_packets = u64_stats_read(&priv->rx_packets);
		stats->rx_bytes = u64_stats_read(&priv->rx_bytes);
	} while (u64_stats_fetch_retry(&priv->syncp, start));
}

static const struct net_device_ops vnet_ops = {
	.ndo_open = vnet_open,
	.ndo_stop = vnet_stop,
	.ndo_start_xmit = vnet_start_xmit,
	.ndo_get_stats64 = vnet_get_stats64,
	.ndo_validate_addr = eth_validate_addr,
};

static void vnet_setup(struct net_device *dev)
{
	/* A locally administered address, the same on every load. */
	static const u8 addr[ETH_ALEN] = { 0x02, 0x6b, 0x70, 0x6c, 0x61, 0x79 };

	ether_setup(dev);
	dev->netdev_ops = &vnet_ops;
	dev->flags |= IFF_NOARP;
	dev->flags &= ~IFF_MULTICAST;
	eth_hw_addr_set(dev, addr);
}

static int __init vnetloop_init(void)
{
	struct vnet_priv *priv;
	int err;

	vnet_dev = alloc_netdev(sizeof(struct vnet_priv), "vnet%d", NET_NAME_ENUM, vnet_setup);
	if (!vnet_dev)
		return -ENOMEM;
	priv = netdev_priv(vnet_dev);
	u64_stats_init(&priv->syncp);
	netif_carrier_off(vnet_dev);

	err = register_netdev(vnet_dev);
	if (err) {
		free_netdev(vnet_dev);
		return err;
	}
	pr_info("vnetloop: registered %s (%pM)\n", vnet_dev->name, vnet_dev->dev_addr);
	return 0;
}

static void __exit vnetloop_exit(void)
{
	struct vnet_priv *priv = netdev_priv(vnet_dev);

	pr_info("vnetloop: %s answered %llu echo requests\n", vnet_dev->name, u64_stats_read(&priv->replies));
	unregister_netdev(vnet_dev);
	free_netdev(vnet_dev);
}

module_init(vnetloop_init);
module_exit(vnetloop_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A virtual Ethernet device that answers pings");
