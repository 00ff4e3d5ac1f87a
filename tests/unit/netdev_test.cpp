// Unit tests for kernel/net/netdev.cpp without a network namespace
// (KPLAY_NO_NETNS): socket buffer arithmetic (skb_put/push/pull/reserve),
// eth_type_trans's packet types and protocols, "%d" name allocation and
// duplicate names in register_netdevice, netdev_printk's prefixes, and the
// stats fallbacks of dev_get_stats.

// The C++ library headers come first: kplay's headers may pull in the
// kernel's C headers, whose macros clash with libstdc++.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "kernel/printk.h"

#define class kplay_class
#include "linux/etherdevice.h"
#include "linux/netdevice.h"
#include "linux/skbuff.h"
#undef class

namespace {

const unsigned char kAddr[ETH_ALEN] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};

std::string last_log_line()
{
	uint64_t next = 0;
	auto recs = kplay::log_ring().read_from(0, &next);
	return recs.empty() ? std::string() : recs.back().text;
}

void setup_eth(struct net_device *dev)
{
	ether_setup(dev);
	eth_hw_addr_set(dev, kAddr);
}

struct net_device *make(const char *name)
{
	setenv("KPLAY_NO_NETNS", "1", 1); // never a namespace from a unit test
	return alloc_netdev_mqs(16, name, NET_NAME_ENUM, setup_eth, 1, 1);
}

TEST(Skb, PutPushPullReserve)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	ASSERT_NE(skb, nullptr);
	skb_reserve(skb, 16);
	EXPECT_EQ(skb_headroom(skb), 16u);
	unsigned char *p = static_cast<unsigned char *>(skb_put(skb, 50));
	EXPECT_EQ(p, skb->data);
	EXPECT_EQ(skb->len, 50u);
	EXPECT_EQ(skb_tail_pointer(skb), skb->data + 50);
	unsigned char *h = static_cast<unsigned char *>(skb_push(skb, 14));
	EXPECT_EQ(h, skb->head + 2);
	EXPECT_EQ(skb->len, 64u);
	EXPECT_EQ(skb_pull(skb, 65), nullptr); // more than there is
	EXPECT_EQ(skb_pull(skb, 14), skb->head + 16);
	EXPECT_EQ(skb->len, 50u);
	kfree_skb(skb);
}

TEST(Skb, EthTypeTrans)
{
	struct net_device *dev = make("tt%d");
	ASSERT_NE(dev, nullptr);
	auto frame = [&](const unsigned char *dst, uint16_t proto) {
		struct sk_buff *skb = netdev_alloc_skb(dev, 64);
		auto *eth = static_cast<struct ethhdr *>(skb_put_zero(skb, 60));
		std::memcpy(eth->h_dest, dst, ETH_ALEN);
		eth->h_proto = cpu_to_be16(proto);
		return skb;
	};
	const unsigned char bcast[ETH_ALEN] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	const unsigned char mcast[ETH_ALEN] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x01};
	const unsigned char other[ETH_ALEN] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02};
	struct {
		const unsigned char *dst;
		uint16_t proto;
		int pkt_type;
		uint16_t want;
	} cases[] = {
		{kAddr, ETH_P_IP, PACKET_HOST, ETH_P_IP},       {bcast, ETH_P_ARP, PACKET_BROADCAST, ETH_P_ARP},
		{mcast, ETH_P_IPV6, PACKET_MULTICAST, ETH_P_IPV6}, {other, ETH_P_IP, PACKET_OTHERHOST, ETH_P_IP},
		{kAddr, 46, PACKET_HOST, ETH_P_802_2}, // an 802.3 length field
	};
	for (const auto &c : cases) {
		struct sk_buff *skb = frame(c.dst, c.proto);
		__be16 proto = eth_type_trans(skb, dev);
		EXPECT_EQ(be16_to_cpu(proto), c.want);
		EXPECT_EQ(skb->pkt_type, c.pkt_type);
		EXPECT_EQ(skb->len, 60u - ETH_HLEN);
		EXPECT_EQ(skb_mac_header(skb) + ETH_HLEN, skb->data);
		EXPECT_EQ(skb->dev, dev);
		kfree_skb(skb);
	}
	free_netdev(dev);
}

TEST(NetDevice, EtherSetupDefaults)
{
	struct net_device *dev = make("eth%d");
	ASSERT_NE(dev, nullptr);
	EXPECT_EQ(dev->mtu, 1500u);
	EXPECT_EQ(dev->min_mtu, 68u);
	EXPECT_EQ(dev->max_mtu, 1500u);
	EXPECT_EQ(dev->type, 1);
	EXPECT_EQ(dev->addr_len, 6);
	EXPECT_EQ(dev->hard_header_len, 14);
	EXPECT_EQ(dev->tx_queue_len, 1000u);
	EXPECT_EQ(dev->flags, static_cast<unsigned int>(IFF_BROADCAST | IFF_MULTICAST));
	EXPECT_EQ(std::memcmp(dev->dev_addr, kAddr, ETH_ALEN), 0);
	EXPECT_EQ(reinterpret_cast<uintptr_t>(netdev_priv(dev)) % NETDEV_ALIGN, 0u);
	free_netdev(dev);
}

TEST(NetDevice, NameAllocationAndDuplicates)
{
	struct net_device *a = make("ut%d"), *b = make("ut%d"), *c = make("ut%d"), *d = make("ut1");
	ASSERT_EQ(register_netdev(a), 0);
	ASSERT_EQ(register_netdev(b), 0);
	EXPECT_STREQ(a->name, "ut0");
	EXPECT_STREQ(b->name, "ut1");
	EXPECT_EQ(register_netdev(d), -EEXIST);
	unregister_netdev(a);
	ASSERT_EQ(register_netdev(c), 0);
	EXPECT_STREQ(c->name, "ut0"); // the first free number
	struct net_device *bad = make("a/b");
	EXPECT_EQ(register_netdev(bad), -EINVAL);
	struct net_device *two = make("x%d%d");
	EXPECT_EQ(register_netdev(two), -EINVAL);
	unregister_netdev(b);
	unregister_netdev(c);
	for (struct net_device *n : {a, b, c, d, bad, two})
		free_netdev(n);
}

TEST(NetDevice, PrintkPrefixes)
{
	struct net_device *dev = make("pk%d");
	netdev_printk(KERN_INFO, dev, "hello %d\n", 1);
	EXPECT_EQ(last_log_line(), "(unnamed net_device) (uninitialized): hello 1");
	ASSERT_EQ(register_netdev(dev), 0);
	netdev_printk(KERN_INFO, dev, "hello %d\n", 2);
	EXPECT_EQ(last_log_line(), "pk0: hello 2");
	unregister_netdev(dev);
	netdev_printk(KERN_INFO, dev, "hello %d\n", 3);
	EXPECT_EQ(last_log_line(), "pk0 (unregistered): hello 3");
	free_netdev(dev);
}

TEST(NetDevice, StatsFallBackToDevStats)
{
	struct net_device *dev = make("st%d");
	dev->stats.rx_packets = 7;
	dev->stats.tx_bytes = 99;
	dev->stats.tx_compressed = 3;
	static const struct net_device_ops no_ops = {};
	dev->netdev_ops = &no_ops;
	struct rtnl_link_stats64 s;
	std::memset(&s, 0xff, sizeof s);
	dev_get_stats(dev, &s);
	EXPECT_EQ(s.rx_packets, 7u);
	EXPECT_EQ(s.tx_bytes, 99u);
	EXPECT_EQ(s.tx_compressed, 3u);
	EXPECT_EQ(s.rx_nohandler, 0u);
	free_netdev(dev);
}

} // namespace
