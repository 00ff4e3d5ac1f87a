/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/netdevice.h>: network devices. A registered
 * net_device appears under ROOT/sys/class/net/<name> and in ROOT/proc/net/dev;
 * where kplay can, it is backed by a TAP interface of the same name inside
 * the network namespace kplay made (`kplay net -- CMD` runs CMD there): what
 * that namespace sends through the interface reaches ndo_start_xmit, what the
 * driver hands to netif_rx is received there, and `ip link set NAME up/down`
 * runs ndo_open/ndo_stop.
 */
#ifndef _KPLAY_LINUX_NETDEVICE_H
#define _KPLAY_LINUX_NETDEVICE_H

#include "linux/types.h"
#include "linux/device.h"
#include "linux/if.h"
#include "linux/if_ether.h"
#include "linux/skbuff.h"
#include "linux/printk.h"

#define MAX_ADDR_LEN 32
#define NETDEV_ALIGN 32
#define DEFAULT_TX_QUEUE_LEN 1000

typedef u64 netdev_features_t;

enum netdev_tx {
	__NETDEV_TX_MIN = -2147483647 - 1,
	NETDEV_TX_OK = 0x00,
	NETDEV_TX_BUSY = 0x10,
};
typedef enum netdev_tx netdev_tx_t;

#define NET_RX_SUCCESS 0
#define NET_RX_DROP 1

/* Values of name_assign_type (how the name was chosen). */
#define NET_NAME_UNKNOWN 0
#define NET_NAME_ENUM 1
#define NET_NAME_PREDICTABLE 2
#define NET_NAME_USER 3
#define NET_NAME_RENAMED 4

/* dev->addr_assign_type */
#define NET_ADDR_PERM 0
#define NET_ADDR_RANDOM 1
#define NET_ADDR_STOLEN 2
#define NET_ADDR_SET 3

/* The counters ndo_get_stats64 fills (uapi struct rtnl_link_stats64). */
struct rtnl_link_stats64 {
	__u64 rx_packets;
	__u64 tx_packets;
	__u64 rx_bytes;
	__u64 tx_bytes;
	__u64 rx_errors;
	__u64 tx_errors;
	__u64 rx_dropped;
	__u64 tx_dropped;
	__u64 multicast;
	__u64 collisions;
	__u64 rx_length_errors;
	__u64 rx_over_errors;
	__u64 rx_crc_errors;
	__u64 rx_frame_errors;
	__u64 rx_fifo_errors;
	__u64 rx_missed_errors;
	__u64 tx_aborted_errors;
	__u64 tx_carrier_errors;
	__u64 tx_fifo_errors;
	__u64 tx_heartbeat_errors;
	__u64 tx_window_errors;
	__u64 rx_compressed;
	__u64 tx_compressed;
	__u64 rx_nohandler;
	__u64 rx_otherhost_dropped;
};

/* The legacy counters in dev->stats (same names, unsigned long). */
struct net_device_stats {
	unsigned long rx_packets;
	unsigned long tx_packets;
	unsigned long rx_bytes;
	unsigned long tx_bytes;
	unsigned long rx_errors;
	unsigned long tx_errors;
	unsigned long rx_dropped;
	unsigned long tx_dropped;
	unsigned long multicast;
	unsigned long collisions;
	unsigned long rx_length_errors;
	unsigned long rx_over_errors;
	unsigned long rx_crc_errors;
	unsigned long rx_frame_errors;
	unsigned long rx_fifo_errors;
	unsigned long rx_missed_errors;
	unsigned long tx_aborted_errors;
	unsigned long tx_carrier_errors;
	unsigned long tx_fifo_errors;
	unsigned long tx_heartbeat_errors;
	unsigned long tx_window_errors;
	unsigned long rx_compressed;
	unsigned long tx_compressed;
};

struct net_device;

struct net_device_ops {
	int (*ndo_init)(struct net_device *dev);
	void (*ndo_uninit)(struct net_device *dev);
	int (*ndo_open)(struct net_device *dev);
	int (*ndo_stop)(struct net_device *dev);
	netdev_tx_t (*ndo_start_xmit)(struct sk_buff *skb, struct net_device *dev);
	void (*ndo_set_rx_mode)(struct net_device *dev);
	int (*ndo_set_mac_address)(struct net_device *dev, void *addr);
	int (*ndo_validate_addr)(struct net_device *dev);
	int (*ndo_change_mtu)(struct net_device *dev, int new_mtu);
	void (*ndo_tx_timeout)(struct net_device *dev, unsigned int txqueue);
	void (*ndo_get_stats64)(struct net_device *dev, struct rtnl_link_stats64 *storage);
	struct net_device_stats *(*ndo_get_stats)(struct net_device *dev);
};

/* Bits of dev->state. */
enum netdev_state_t {
	__LINK_STATE_START,
	__LINK_STATE_PRESENT,
	__LINK_STATE_NOCARRIER,
	__LINK_STATE_LINKWATCH_PENDING,
	__LINK_STATE_DORMANT,
	__LINK_STATE_TESTING,
};

/* Bits of a transmit queue's state. */
enum netdev_queue_state_t {
	__QUEUE_STATE_DRV_XOFF,
	__QUEUE_STATE_STACK_XOFF,
	__QUEUE_STATE_FROZEN,
};

struct netdev_queue {
	struct net_device *dev;
	unsigned long state;
};

enum netdev_reg_state {
	NETREG_UNINITIALIZED = 0,
	NETREG_REGISTERED,
	NETREG_UNREGISTERING,
	NETREG_UNREGISTERED,
	NETREG_RELEASED,
	NETREG_DUMMY,
};

struct net_device {
	char name[IFNAMSIZ];
	unsigned long state;
	const struct net_device_ops *netdev_ops;
	int ifindex;
	unsigned int flags;
	unsigned long long priv_flags;
	netdev_features_t features;
	netdev_features_t hw_features;
	unsigned int mtu;
	unsigned int min_mtu;
	unsigned int max_mtu;
	unsigned short type;
	unsigned short hard_header_len;
	unsigned char min_header_len;
	unsigned char name_assign_type;
	unsigned short needed_headroom;
	unsigned short needed_tailroom;
	unsigned char operstate;
	unsigned char link_mode;
	unsigned char addr_assign_type;
	unsigned char addr_len;
	const unsigned char *dev_addr;
	unsigned char perm_addr[MAX_ADDR_LEN];
	unsigned char broadcast[MAX_ADDR_LEN];
	unsigned int tx_queue_len;
	int watchdog_timeo;
	struct net_device_stats stats;
	unsigned char reg_state;
	bool needs_free_netdev;
	void (*priv_destructor)(struct net_device *dev);
	struct netdev_queue _tx_kplay;
	struct device dev;
	unsigned char dev_addr_kplay[MAX_ADDR_LEN];
	unsigned short padded; /* bytes before dev in its allocation (NETDEV_ALIGN) */
	void *kplay;
};

#define SET_NETDEV_DEV(net, pdev) ((net)->dev.parent = (pdev))

static inline void *netdev_priv(const struct net_device *dev)
{
	return (char *)dev + ((sizeof(struct net_device) + NETDEV_ALIGN - 1) & ~(size_t)(NETDEV_ALIGN - 1));
}

#ifdef __cplusplus
extern "C" {
#endif

struct net_device *alloc_netdev_mqs(int sizeof_priv, const char *name, unsigned char name_assign_type,
				    void (*setup)(struct net_device *), unsigned int txqs, unsigned int rxqs);
void free_netdev(struct net_device *dev);
int register_netdev(struct net_device *dev);
void unregister_netdev(struct net_device *dev);
int register_netdevice(struct net_device *dev);
void unregister_netdevice_queue(struct net_device *dev, void *head);
int dev_addr_mod(struct net_device *dev, unsigned int offset, const void *addr, size_t len);
void netif_carrier_on(struct net_device *dev);
void netif_carrier_off(struct net_device *dev);
void netif_tx_wake_queue(struct netdev_queue *dev_queue);
int netif_rx(struct sk_buff *skb);
struct rtnl_link_stats64 *dev_get_stats(struct net_device *dev, struct rtnl_link_stats64 *storage);
void netdev_stats_to_stats64(struct rtnl_link_stats64 *stats64, const struct net_device_stats *netdev_stats);
__printf(3, 4) void netdev_printk(const char *level, const struct net_device *dev, const char *format, ...);

#ifdef __cplusplus
}
#endif

#define alloc_netdev(sizeof_priv, name, name_assign_type, setup) \
	alloc_netdev_mqs(sizeof_priv, name, name_assign_type, setup, 1, 1)

static inline void unregister_netdevice(struct net_device *dev)
{
	unregister_netdevice_queue(dev, NULL);
}

static inline void dev_addr_set(struct net_device *dev, const u8 *addr)
{
	dev_addr_mod(dev, 0, addr, dev->addr_len);
}

static inline struct netdev_queue *netdev_get_tx_queue(const struct net_device *dev, unsigned int index)
{
	(void)index;
	return (struct netdev_queue *)&dev->_tx_kplay;
}

static inline void netif_tx_start_queue(struct netdev_queue *q)
{
	__atomic_fetch_and(&q->state, ~(1UL << __QUEUE_STATE_DRV_XOFF), __ATOMIC_SEQ_CST);
}

static inline void netif_tx_stop_queue(struct netdev_queue *q)
{
	__atomic_fetch_or(&q->state, 1UL << __QUEUE_STATE_DRV_XOFF, __ATOMIC_SEQ_CST);
}

static inline void netif_start_queue(struct net_device *dev)
{
	netif_tx_start_queue(netdev_get_tx_queue(dev, 0));
}

static inline void netif_stop_queue(struct net_device *dev)
{
	netif_tx_stop_queue(netdev_get_tx_queue(dev, 0));
}

static inline void netif_wake_queue(struct net_device *dev)
{
	netif_tx_wake_queue(netdev_get_tx_queue(dev, 0));
}

static inline bool netif_tx_queue_stopped(const struct netdev_queue *q)
{
	return (__atomic_load_n(&q->state, __ATOMIC_SEQ_CST) >> __QUEUE_STATE_DRV_XOFF) & 1;
}

static inline bool netif_queue_stopped(const struct net_device *dev)
{
	return netif_tx_queue_stopped(netdev_get_tx_queue(dev, 0));
}

static inline bool netif_running(const struct net_device *dev)
{
	return (__atomic_load_n(&dev->state, __ATOMIC_SEQ_CST) >> __LINK_STATE_START) & 1;
}

static inline bool netif_carrier_ok(const struct net_device *dev)
{
	return !((__atomic_load_n(&dev->state, __ATOMIC_SEQ_CST) >> __LINK_STATE_NOCARRIER) & 1);
}

static inline const char *netdev_name(const struct net_device *dev)
{
	if (!dev->name[0] || strchr(dev->name, '%'))
		return "(unnamed net_device)";
	return dev->name;
}

#define netdev_emerg(dev, fmt, ...) netdev_printk(KERN_EMERG, dev, fmt, ##__VA_ARGS__)
#define netdev_alert(dev, fmt, ...) netdev_printk(KERN_ALERT, dev, fmt, ##__VA_ARGS__)
#define netdev_crit(dev, fmt, ...) netdev_printk(KERN_CRIT, dev, fmt, ##__VA_ARGS__)
#define netdev_err(dev, fmt, ...) netdev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define netdev_warn(dev, fmt, ...) netdev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define netdev_notice(dev, fmt, ...) netdev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define netdev_info(dev, fmt, ...) netdev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#ifdef DEBUG
#define netdev_dbg(dev, fmt, ...) netdev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)
#else
#define netdev_dbg(dev, fmt, ...) ({ if (0) netdev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__); })
#endif

#endif
