// Network devices (mirrors net/core/dev.c, net-sysfs.c, net-procfs.c,
// link_watch.c, skbuff.c and net/ethernet/eth.c, the parts a simple driver
// meets): allocation and registration, the sysfs and procfs views, the
// carrier and operational state, socket buffers, and the data path.
//
// The data path: each registered device gets a TAP interface of the same
// name in kplay's own network namespace (net/host.cpp). One thread, "kplay-net",
// watches them: a frame the namespace sends through the TAP becomes an skb
// handed to ndo_start_xmit (in atomic context, as under the kernel's BH-off
// transmit path; not while the queue is stopped or the device down); an skb
// the driver gives to netif_rx is written to the TAP, so the namespace
// receives it. The same thread follows the namespace's link messages:
// `ip link set NAME up` runs ndo_open, `down` ndo_stop, an MTU change
// ndo_change_mtu. Where no namespace can be made (no CAP_SYS_ADMIN, no
// /dev/net/tun), devices still register and show in sysfs, without data path.
#include "kernel/init.h"
#include "kernel/kapi.h"
#include "kernel/ksyms.h"
#include "kernel/net/host.h"
#include "kernel/oops.h"
#include "kernel/sysfs.h"
#include "kernel/task.h"
#include "kernel/vsprintf.h"
#include "vfs/tree.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#define class kplay_class
#include "linux/device.h"
#undef class
#include "linux/etherdevice.h"
#include "linux/if_arp.h"
#include "linux/netdevice.h"
#include "linux/rtnetlink.h"
#include "linux/skbuff.h"

namespace kplay {

int kplay_dev_set_mtu(struct net_device *dev, int new_mtu, bool mirror);

namespace {

constexpr uint16_t kMacUnset = 0xffff;

struct NetDev {
	struct net_device *dev;
	std::string name;
	std::shared_ptr<vfs::Node> dir;
	// tap, registered, dead and has_pending are read by the data-path thread
	// and by netif_rx callers without the RTNL: atomics. pending itself is
	// guarded by g_xmit_mu.
	std::atomic<int> tap{-1};
	int tap_index = 0;
	std::atomic<bool> registered{false};
	std::atomic<bool> dead{false}; // ndo_start_xmit oopsed: no more transmits
	struct sk_buff *pending = nullptr; // returned NETDEV_TX_BUSY, retried on wake
	std::atomic<bool> has_pending{false};
	std::atomic<unsigned long> carrier_up{0}, carrier_down{0};
	std::atomic<unsigned long> rx_dropped{0}, tx_dropped{0};
	std::shared_ptr<vfs::Node> ctl; // ROOT/sys/kernel/kplay/net/NAME
	std::mutex ring_mu;
	std::deque<std::string> received; // the last frames given to netif_rx
};

std::recursive_mutex g_rtnl;
std::mutex g_xmit_mu; // held around ndo_start_xmit; taken after g_rtnl
std::vector<std::shared_ptr<NetDev>> g_devs;
int g_next_ifindex = 2; // without a namespace; 1 is lo
int g_wake[2] = {-1, -1};
std::atomic<bool> g_thread_started{false};
std::once_flag g_thread_once;
// `kplay net` waits, after its command, until the thread has handled every
// link message queued so far (sync_req asked, sync_done handled).
std::mutex g_sync_mu;
std::condition_variable g_sync_cv;
unsigned long g_sync_req = 0, g_sync_done = 0;
bool g_warned_no_ns = false;

vfs::Tree &sys() { return vfs::sys_tree(); }

NetDev *nd_of(const struct net_device *dev) { return static_cast<NetDev *>(dev->kplay); }

void wake_thread()
{
	if (g_wake[1] >= 0) {
		char c = 1;
		(void)!::write(g_wake[1], &c, 1);
	}
}

ssize_t text(std::string *out, std::string s)
{
	*out = std::move(s);
	return static_cast<ssize_t>(out->size());
}

std::string mac_text(const unsigned char *a, unsigned int len)
{
	std::string s;
	char b[4];
	for (unsigned int i = 0; i < len; ++i) {
		std::snprintf(b, sizeof b, i ? ":%02x" : "%02x", a[i]);
		s += b;
	}
	return s;
}

unsigned char default_operstate(const struct net_device *dev)
{
	if (!netif_carrier_ok(dev))
		return IF_OPER_DOWN;
	return IF_OPER_UP;
}

// linkwatch, done at once: the RFC 2863 state follows the carrier.
void linkwatch(struct net_device *dev)
{
	dev->operstate = default_operstate(dev);
}

bool valid_name(const char *name)
{
	size_t n = strnlen(name, IFNAMSIZ);
	if (n == 0 || n >= IFNAMSIZ || !std::strcmp(name, ".") || !std::strcmp(name, ".."))
		return false;
	for (const char *p = name; *p; ++p)
		if (*p == '/' || *p == ':' || *p == ' ' || *p == '\t' || *p == '\n')
			return false;
	return true;
}

bool name_taken(const std::string &name)
{
	if (name == "lo")
		return true;
	for (auto &d : g_devs)
		if (d->registered && d->name == name)
			return true;
	return false;
}

// dev_alloc_name: the first free number for a "%d" pattern.
int alloc_name(struct net_device *dev)
{
	const char *pct = std::strchr(dev->name, '%');
	if (!pct)
		return 0;
	if (pct[1] != 'd' || std::strchr(pct + 2, '%'))
		return -EINVAL;
	std::string pattern = dev->name;
	for (int i = 0; i < 32768; ++i) {
		char buf[IFNAMSIZ + 8];
		std::snprintf(buf, sizeof buf, pattern.c_str(), i);
		if (std::strlen(buf) >= IFNAMSIZ)
			return -EINVAL;
		if (!name_taken(buf)) {
			std::memcpy(dev->name, buf, std::strlen(buf) + 1);
			return 0;
		}
	}
	return -ENFILE;
}

void stats64(struct net_device *dev, struct rtnl_link_stats64 *s)
{
	(void)dev_get_stats(dev, s);
}

// ---- sysfs: ROOT/sys/devices/virtual/net/NAME, ROOT/sys/class/net/NAME ----

// Attribute callbacks run only while the device is registered (a file
// opened before unregister_netdev reads ENODEV after it, as kernfs drains
// active references); g_rtnl keeps it registered during the call.
KernfsAttr::Show live_show(const std::shared_ptr<NetDev> &sp, std::function<ssize_t(std::string *)> fn)
{
	return [sp, fn](std::string *o) -> ssize_t {
		std::lock_guard lk(g_rtnl);
		return sp->registered ? fn(o) : -ENODEV;
	};
}

KernfsAttr::Store live_store(const std::shared_ptr<NetDev> &sp, std::function<ssize_t(const char *, size_t)> fn)
{
	return [sp, fn](const char *b, size_t n) -> ssize_t {
		std::lock_guard lk(g_rtnl);
		return sp->registered ? fn(b, n) : -ENODEV;
	};
}

void make_sysfs(const std::shared_ptr<NetDev> &sp)
{
	NetDev *d = sp.get();
	struct net_device *dev = d->dev;
	auto add_ro = [&sp](const std::shared_ptr<vfs::Node> &dir, const char *name, std::function<std::string()> fn) {
		sysfs_add_attr(dir, name, 0444, live_show(sp, [fn](std::string *o) { return text(o, fn()); }), nullptr);
	};
	auto &t = sys();
	d->dir = t.add_dir(t.make_dirs("devices/virtual/net"), d->name, 0755);
	if (!d->dir)
		return;
	t.add_symlink(t.make_dirs("class/net"), d->name, "../../devices/virtual/net/" + d->name);
	t.add_symlink(d->dir, "subsystem", "../../../../class/net");
	t.add_dir(d->dir, "power", 0755);
	auto num = [](unsigned long long v) { return std::to_string(v) + "\n"; };
	add_ro(d->dir, "addr_assign_type", [dev, num] { return num(dev->addr_assign_type); });
	add_ro(d->dir, "addr_len", [dev, num] { return num(dev->addr_len); });
	add_ro(d->dir, "address", [dev] { return mac_text(dev->dev_addr, dev->addr_len) + "\n"; });
	add_ro(d->dir, "broadcast", [dev] { return mac_text(dev->broadcast, dev->addr_len) + "\n"; });
	sysfs_add_attr(d->dir, "carrier", 0644, live_show(sp, [dev](std::string *o) -> ssize_t {
			       if (!netif_running(dev))
				       return -EINVAL;
			       return text(o, netif_carrier_ok(dev) ? "1\n" : "0\n");
		       }),
		       live_store(sp, [](const char *, size_t) -> ssize_t { return -EOPNOTSUPP; }));
	add_ro(d->dir, "carrier_changes", [d, num] { return num(d->carrier_up.load() + d->carrier_down.load()); });
	add_ro(d->dir, "carrier_up_count", [d, num] { return num(d->carrier_up.load()); });
	add_ro(d->dir, "carrier_down_count", [d, num] { return num(d->carrier_down.load()); });
	add_ro(d->dir, "dev_id", [] { return std::string("0x0\n"); });
	add_ro(d->dir, "dev_port", [] { return std::string("0\n"); });
	add_ro(d->dir, "flags", [dev] {
		char b[32];
		std::snprintf(b, sizeof b, "0x%x\n", dev->flags);
		return std::string(b);
	});
	add_ro(d->dir, "ifindex", [dev, num] { return num(static_cast<unsigned long long>(dev->ifindex)); });
	add_ro(d->dir, "iflink", [dev, num] { return num(static_cast<unsigned long long>(dev->ifindex)); });
	add_ro(d->dir, "link_mode", [dev, num] { return num(dev->link_mode); });
	sysfs_add_attr(d->dir, "mtu", 0644, live_show(sp, [dev, num](std::string *o) { return text(o, num(dev->mtu)); }),
		       live_store(sp, [dev](const char *buf, size_t len) -> ssize_t {
			       unsigned long v = 0;
			       std::string s(buf, strnlen(buf, len));
			       int err = kstrtoul(s.c_str(), 0, &v);
			       if (err)
				       return err;
			       std::lock_guard lk(g_rtnl);
			       err = kplay_dev_set_mtu(dev, static_cast<int>(v), true);
			       return err ? err : static_cast<ssize_t>(len);
		       }));
	add_ro(d->dir, "name_assign_type", [dev, num] { return num(dev->name_assign_type); });
	add_ro(d->dir, "operstate", [dev] {
		static const char *const names[] = {"unknown", "notpresent", "down", "lowerlayerdown",
						    "testing", "dormant",    "up"};
		unsigned char s = netif_running(dev) ? dev->operstate : static_cast<unsigned char>(IF_OPER_DOWN);
		return std::string(s < 7 ? names[s] : "unknown") + "\n";
	});
	add_ro(d->dir, "tx_queue_len", [dev, num] { return num(dev->tx_queue_len); });
	add_ro(d->dir, "type", [dev, num] { return num(dev->type); });
	add_ro(d->dir, "uevent", [dev] {
		return "INTERFACE=" + std::string(dev->name) + "\nIFINDEX=" + std::to_string(dev->ifindex) + "\n";
	});
	auto st = t.add_dir(d->dir, "statistics", 0755);
	struct Field {
		const char *name;
		size_t off;
	};
#define KPLAY_STAT(f) Field{#f, offsetof(struct rtnl_link_stats64, f)}
	static const Field fields[] = {
		KPLAY_STAT(rx_packets),       KPLAY_STAT(tx_packets),        KPLAY_STAT(rx_bytes),
		KPLAY_STAT(tx_bytes),         KPLAY_STAT(rx_errors),         KPLAY_STAT(tx_errors),
		KPLAY_STAT(rx_dropped),       KPLAY_STAT(tx_dropped),        KPLAY_STAT(multicast),
		KPLAY_STAT(collisions),       KPLAY_STAT(rx_length_errors),  KPLAY_STAT(rx_over_errors),
		KPLAY_STAT(rx_crc_errors),    KPLAY_STAT(rx_frame_errors),   KPLAY_STAT(rx_fifo_errors),
		KPLAY_STAT(rx_missed_errors), KPLAY_STAT(tx_aborted_errors), KPLAY_STAT(tx_carrier_errors),
		KPLAY_STAT(tx_fifo_errors),   KPLAY_STAT(tx_heartbeat_errors), KPLAY_STAT(tx_window_errors),
		KPLAY_STAT(rx_compressed),    KPLAY_STAT(tx_compressed),     KPLAY_STAT(rx_nohandler),
	};
#undef KPLAY_STAT
	for (const Field &f : fields) {
		size_t off = f.off;
		sysfs_add_attr(st, f.name, 0444,
			       live_show(sp, [dev, off](std::string *o) -> ssize_t {
				       struct rtnl_link_stats64 s {};
				       bool ok = oops_guard([&] { stats64(dev, &s); });
				       if (!ok)
					       return -EFAULT;
				       u64 v;
				       std::memcpy(&v, reinterpret_cast<const char *>(&s) + off, sizeof v);
				       return text(o, std::to_string(v) + "\n");
			       }),
			       nullptr);
	}
}

void remove_sysfs(NetDev *d)
{
	auto &t = sys();
	if (auto l = t.resolve("class/net/" + d->name))
		t.remove(l);
	if (d->dir)
		t.remove(d->dir);
	d->dir = nullptr;
	if (d->ctl)
		t.remove(d->ctl);
	d->ctl = nullptr;
}

// /proc/net/dev (net-procfs.c dev_seq_show): lo, as the namespace has it
// idle here, is not shown; every registered device is.
std::string proc_net_dev()
{
	std::string out = "Inter-|   Receive                                                |  Transmit\n"
			  " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs "
			  "drop fifo colls carrier compressed\n";
	std::lock_guard lk(g_rtnl);
	for (auto &d : g_devs) {
		if (!d->registered)
			continue;
		struct rtnl_link_stats64 s {};
		if (!oops_guard([&] { stats64(d->dev, &s); }))
			continue;
		char b[512];
		std::snprintf(b, sizeof b,
			      "%6s: %7llu %7llu %4llu %4llu %4llu %5llu %10llu %9llu %8llu %7llu %4llu %4llu %4llu %5llu "
			      "%7llu %10llu\n",
			      d->name.c_str(), s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped + s.rx_missed_errors,
			      s.rx_fifo_errors, s.rx_length_errors + s.rx_over_errors + s.rx_crc_errors + s.rx_frame_errors,
			      s.rx_compressed, s.multicast, s.tx_bytes, s.tx_packets, s.tx_errors, s.tx_dropped,
			      s.tx_fifo_errors, s.collisions,
			      s.tx_carrier_errors + s.tx_aborted_errors + s.tx_window_errors + s.tx_heartbeat_errors,
			      s.tx_compressed);
		out += b;
	}
	return out;
}

// ---- opening and closing (dev_open / dev_close) ----

int dev_open(NetDev *d)
{
	struct net_device *dev = d->dev;
	if (netif_running(dev))
		return 0;
	const struct net_device_ops *ops = dev->netdev_ops;
	__atomic_fetch_or(&dev->state, 1UL << __LINK_STATE_START, __ATOMIC_SEQ_CST);
	int ret = 0;
	if (ops && ops->ndo_validate_addr && !oops_guard([&] { ret = ops->ndo_validate_addr(dev); }))
		ret = -EFAULT;
	if (!ret && ops && ops->ndo_open && !oops_guard([&] { ret = ops->ndo_open(dev); }))
		ret = -EFAULT;
	if (ret) {
		__atomic_fetch_and(&dev->state, ~(1UL << __LINK_STATE_START), __ATOMIC_SEQ_CST);
		return ret;
	}
	dev->flags |= IFF_UP;
	wake_thread();
	return 0;
}

void dev_close(NetDev *d)
{
	struct net_device *dev = d->dev;
	if (!netif_running(dev))
		return;
	__atomic_fetch_and(&dev->state, ~(1UL << __LINK_STATE_START), __ATOMIC_SEQ_CST);
	// dev_deactivate: no transmit is in flight when ndo_stop runs.
	{
		std::lock_guard xl(g_xmit_mu);
		if (d->pending) {
			kfree_skb(d->pending);
			d->pending = nullptr;
			d->has_pending = false;
		}
	}
	const struct net_device_ops *ops = dev->netdev_ops;
	if (ops && ops->ndo_stop)
		(void)oops_guard([&] { ops->ndo_stop(dev); });
	dev->flags &= ~IFF_UP;
}

// ---- kplay's per-device controls: ROOT/sys/kernel/kplay/net/NAME ----
// link (up/down runs ndo_open/ndo_stop, with their errors), xmit (one
// frame, as hex bytes, to ndo_start_xmit) and received (the last frames the
// driver gave netif_rx, in hex). With no namespace they are the device's
// only data path; with one they work beside the TAP.

constexpr size_t kRingFrames = 64;

void record_received(NetDev *d, const unsigned char *p, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	std::string line;
	line.reserve(len * 2 + 1);
	for (size_t i = 0; i < len; ++i) {
		line += hex[p[i] >> 4];
		line += hex[p[i] & 15];
	}
	line += '\n';
	std::lock_guard lk(d->ring_mu);
	d->received.push_back(std::move(line));
	while (d->received.size() > kRingFrames)
		d->received.pop_front();
}

int parse_hex(const char *buf, size_t len, std::string *out)
{
	int half = -1;
	for (size_t i = 0; i < len; ++i) {
		char c = buf[i];
		int v;
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		else if (c == ' ' || c == ':' || c == '\n' || c == '\t' || c == '\0')
			continue;
		else
			return -EINVAL;
		if (half < 0) {
			half = v;
		} else {
			out->push_back(static_cast<char>(half << 4 | v));
			half = -1;
		}
	}
	return half < 0 ? 0 : -EINVAL;
}

// A received frame as the stack hands it to a driver: the bytes, the MAC
// header at the start and, for a whole Ethernet header, the protocol.
struct sk_buff *frame_skb(struct net_device *dev, const unsigned char *frame, size_t n)
{
	struct sk_buff *skb = __netdev_alloc_skb(dev, static_cast<unsigned int>(n), GFP_ATOMIC);
	if (!skb)
		return nullptr;
	skb_put_data(skb, frame, static_cast<unsigned int>(n));
	skb_reset_mac_header(skb);
	if (n >= ETH_HLEN) {
		std::memcpy(&skb->protocol, frame + 12, 2);
		skb_set_network_header(skb, ETH_HLEN);
	}
	return skb;
}

// ndo_start_xmit in atomic context (as from the qdisc, BHs off). False when
// it oopsed: the device then takes no more frames.
bool start_xmit(NetDev *d, struct sk_buff *skb, netdev_tx_t *rc)
{
	struct net_device *dev = d->dev;
	++atomic_depth();
	bool ok = oops_guard([&] { *rc = dev->netdev_ops->ndo_start_xmit(skb, dev); });
	--atomic_depth();
	if (!ok)
		d->dead = true;
	return ok;
}

// One frame to ndo_start_xmit, from a writer (the injection control).
int inject_xmit(NetDev *d, const std::string &frame)
{
	struct net_device *dev = d->dev;
	if (frame.size() < ETH_HLEN || frame.size() > 65535)
		return -EINVAL;
	if (!netif_running(dev))
		return -ENETDOWN;
	std::lock_guard xl(g_xmit_mu);
	if (d->dead)
		return -EIO;
	if (netif_queue_stopped(dev) || d->has_pending)
		return -EBUSY;
	struct sk_buff *skb = frame_skb(dev, reinterpret_cast<const unsigned char *>(frame.data()), frame.size());
	if (!skb)
		return -ENOMEM;
	netdev_tx_t rc = NETDEV_TX_OK;
	if (!start_xmit(d, skb, &rc))
		return -EFAULT;
	if (rc == NETDEV_TX_BUSY) {
		kfree_skb(skb);
		return -EBUSY;
	}
	return 0;
}

void make_controls(const std::shared_ptr<NetDev> &sp)
{
	NetDev *d = sp.get();
	d->ctl = sys().add_dir(sys().make_dirs("kernel/kplay/net"), d->name, 0755);
	if (!d->ctl)
		return;
	sysfs_add_attr(d->ctl, "link", 0644,
		       live_show(sp, [d](std::string *o) { return text(o, netif_running(d->dev) ? "up\n" : "down\n"); }),
		       live_store(sp, [d](const char *buf, size_t len) -> ssize_t {
			       std::string w(buf, strnlen(buf, len));
			       while (!w.empty() && (w.back() == '\n' || w.back() == ' '))
				       w.pop_back();
			       int err = 0;
			       if (w == "up")
				       err = dev_open(d);
			       else if (w == "down")
				       dev_close(d);
			       else
				       return -EINVAL;
			       if (err)
				       return err;
			       if (d->tap >= 0)
				       (void)nethost::set_flag(d->name, IFF_UP, w == "up");
			       return static_cast<ssize_t>(len);
		       }));
	sysfs_add_attr(d->ctl, "xmit", 0200, nullptr, [sp](const char *buf, size_t len) -> ssize_t {
		std::string frame;
		if (int err = parse_hex(buf, strnlen(buf, len), &frame))
			return err;
		std::lock_guard lk(g_rtnl);
		if (!sp->registered)
			return -ENODEV;
		int err = inject_xmit(sp.get(), frame);
		return err ? err : static_cast<ssize_t>(len);
	});
	sysfs_add_attr(d->ctl, "received", 0444, [sp](std::string *o) -> ssize_t {
		std::lock_guard lk(sp->ring_mu);
		o->clear();
		for (const auto &f : sp->received)
			if (o->size() + f.size() < kPageSize)
				*o += f;
		return static_cast<ssize_t>(o->size());
	}, nullptr);
}

// ---- the data path thread ----

void handle_link_event(const nethost::LinkEvent &ev)
{
	std::lock_guard lk(g_rtnl);
	for (auto &sp : g_devs) {
		NetDev *d = sp.get();
		if (!d->registered || d->tap < 0 || d->tap_index != ev.ifindex)
			continue;
		// Act on the interface as it is now: the message may be an old one
		// (the TAP's creation, with its random address, arrives after
		// register_netdev has set the device's own).
		nethost::LinkState now{};
		if (nethost::get_state(d->name, &now) != 0)
			continue;
		bool up = now.flags & IFF_UP;
		if (up && !netif_running(d->dev)) {
			int err = dev_open(d);
			if (err) {
				_printk(KPLAY_KERN_WARNING "kplay: %s: ndo_open failed with error %d; the interface is set down "
							   "again\n",
					d->name.c_str(), err);
				(void)nethost::set_flag(d->name, IFF_UP, false);
			}
		} else if (!up && netif_running(d->dev)) {
			dev_close(d);
		}
		struct net_device *dev = d->dev;
		if (dev->addr_len == ETH_ALEN && now.addr.size() == ETH_ALEN &&
		    std::memcmp(now.addr.data(), dev->dev_addr, ETH_ALEN) != 0) {
			// dev_set_mac_address: the driver decides; without
			// ndo_set_mac_address the kernel refuses (EOPNOTSUPP).
			const struct net_device_ops *ops = dev->netdev_ops;
			int err = -EOPNOTSUPP;
			if (ops && ops->ndo_set_mac_address) {
				struct {
					unsigned short family;
					unsigned char data[MAX_ADDR_LEN];
				} sa{};
				sa.family = dev->type;
				std::memcpy(sa.data, now.addr.data(), ETH_ALEN);
				if (!oops_guard([&] { err = ops->ndo_set_mac_address(dev, &sa); }))
					err = -EFAULT;
			}
			if (err) {
				_printk(KPLAY_KERN_WARNING "kplay: %s: address change refused by the driver (error %d); undone\n",
					d->name.c_str(), err);
				(void)nethost::set_hwaddr(d->name, dev->dev_addr, dev->addr_len);
			}
		}
		if (now.mtu && now.mtu != d->dev->mtu) {
			int err = kplay_dev_set_mtu(d->dev, static_cast<int>(now.mtu), false);
			if (err) {
				_printk(KPLAY_KERN_WARNING "kplay: %s: MTU %u refused by the device (error %d); undone\n",
					d->name.c_str(), now.mtu, err);
				(void)nethost::set_mtu(d->name, d->dev->mtu);
			}
		}
	}
}

// Frames the namespace sent through the TAP: each goes to ndo_start_xmit.
void service(const std::shared_ptr<NetDev> &sp)
{
	std::lock_guard xl(g_xmit_mu);
	NetDev *d = sp.get();
	for (int budget = 64; budget > 0; --budget) {
		struct net_device *dev = d->dev;
		if (!d->registered || d->dead || d->tap < 0 || !netif_running(dev) || netif_queue_stopped(dev))
			return;
		struct sk_buff *skb = d->pending;
		d->pending = nullptr;
		d->has_pending = false;
		if (!skb) {
			unsigned char frame[65536];
			ssize_t n = ::read(d->tap.load(), frame, sizeof frame);
			if (n <= 0)
				return;
			skb = frame_skb(dev, frame, static_cast<size_t>(n));
			if (!skb) {
				d->tx_dropped.fetch_add(1);
				continue;
			}
		}
		netdev_tx_t rc = NETDEV_TX_OK;
		if (!start_xmit(d, skb, &rc)) {
			_printk(KPLAY_KERN_ERR "kplay: %s: ndo_start_xmit oopsed; no more frames go to it\n", d->name.c_str());
			return;
		}
		if (rc == NETDEV_TX_BUSY) {
			d->pending = skb; // the qdisc requeues it
			d->has_pending = true;
			return;
		}
	}
}

void net_thread()
{
	set_thread_task(new_kernel_task("kplay-net"));
	for (;;) {
		unsigned long sync_seen;
		bool sync_pending;
		{
			std::lock_guard sl(g_sync_mu);
			sync_seen = g_sync_req;
			sync_pending = g_sync_req > g_sync_done;
		}
		std::vector<struct pollfd> fds;
		std::vector<std::shared_ptr<NetDev>> polled;
		fds.push_back({g_wake[0], POLLIN, 0});
		int nl = nethost::link_events_fd();
		if (nl >= 0)
			fds.push_back({nl, POLLIN, 0});
		size_t first_tap = fds.size();
		{
			std::lock_guard lk(g_rtnl);
			for (auto &d : g_devs) {
				if (d->registered && !d->dead && d->tap >= 0 && netif_running(d->dev) &&
				    !netif_queue_stopped(d->dev)) {
					fds.push_back({d->tap.load(), POLLIN, 0});
					polled.push_back(d);
				}
			}
		}
		if (::poll(fds.data(), fds.size(), sync_pending ? 0 : -1) < 0)
			continue;
		if (fds[0].revents) {
			char buf[64];
			while (::read(g_wake[0], buf, sizeof buf) > 0) {
			}
		}
		if (nl >= 0)
			nethost::read_link_events(handle_link_event);
		{
			std::lock_guard sl(g_sync_mu);
			g_sync_done = sync_seen;
		}
		g_sync_cv.notify_all();
		for (size_t i = 0; i < polled.size(); ++i)
			if (fds[first_tap + i].revents || polled[i]->has_pending)
				service(polled[i]);
		// Retry skbs left pending by a busy driver whose queue was woken since.
		std::vector<std::shared_ptr<NetDev>> retry;
		{
			std::lock_guard lk(g_rtnl);
			for (auto &d : g_devs)
				if (d->has_pending && !netif_queue_stopped(d->dev))
					retry.push_back(d);
		}
		for (auto &d : retry)
			service(d);
	}
}

void ensure_thread()
{
	std::call_once(g_thread_once, [] {
		if (::pipe2(g_wake, O_CLOEXEC | O_NONBLOCK) != 0)
			return;
		std::thread(net_thread).detach();
		g_thread_started = true;
	});
}

} // namespace

/// dev_set_mtu: checks the device's bounds, asks the driver, mirrors to the TAP.
int kplay_dev_set_mtu(struct net_device *dev, int new_mtu, bool mirror)
{
	if (new_mtu < 0 || (dev->min_mtu && static_cast<unsigned int>(new_mtu) < dev->min_mtu) ||
	    (dev->max_mtu && static_cast<unsigned int>(new_mtu) > dev->max_mtu))
		return -EINVAL;
	if (static_cast<unsigned int>(new_mtu) == dev->mtu)
		return 0;
	int err = 0;
	const struct net_device_ops *ops = dev->netdev_ops;
	if (ops && ops->ndo_change_mtu) {
		if (!oops_guard([&] { err = ops->ndo_change_mtu(dev, new_mtu); }))
			err = -EFAULT;
	} else {
		dev->mtu = static_cast<unsigned int>(new_mtu);
	}
	NetDev *d = nd_of(dev);
	if (!err && mirror && d && d->tap >= 0)
		(void)nethost::set_mtu(d->name, dev->mtu);
	return err;
}

void net_init()
{
	sys().make_dirs("class/net");
	sys().make_dirs("devices/virtual/net");
	auto ctl = sys().make_dirs("kernel/kplay/net");
	// kplay's control: the namespace the TAP interfaces live in, as a path
	// for nsenter --net=PATH (made on first use).
	sysfs_add_attr(ctl, "netns", 0444,
		       [](std::string *o) -> ssize_t {
			       std::string why;
			       if (!nethost::ensure_netns(&why))
				       return -EOPNOTSUPP;
			       ensure_thread();
			       return text(o, nethost::netns_path() + "\n");
		       },
		       nullptr);
	// Reading it returns once every link change made so far has been
	// handled (ndo_open/ndo_stop run); `kplay net` reads it after its command.
	sysfs_add_attr(ctl, "sync", 0444,
		       [](std::string *o) -> ssize_t {
			       if (!g_thread_started)
				       return text(o, "0\n");
			       std::unique_lock sl(g_sync_mu);
			       unsigned long want = ++g_sync_req;
			       wake_thread();
			       bool ok = g_sync_cv.wait_for(sl, std::chrono::seconds(10),
							    [want] { return g_sync_done >= want; });
			       return ok ? text(o, "1\n") : -ETIMEDOUT;
		       },
		       nullptr);
	auto &p = vfs::proc_tree();
	auto net = p.make_dirs("net");
	p.add_file(net, "dev", 0444, std::make_shared<vfs::SnapshotFile>(proc_net_dev));
}

} // namespace kplay

extern "C" {

void rtnl_lock(void) { kplay::g_rtnl.lock(); }
void rtnl_unlock(void) { kplay::g_rtnl.unlock(); }

void ether_setup(struct net_device *dev)
{
	dev->type = ARPHRD_ETHER;
	dev->hard_header_len = ETH_HLEN;
	dev->min_header_len = ETH_HLEN;
	dev->mtu = ETH_DATA_LEN;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_DATA_LEN;
	dev->addr_len = ETH_ALEN;
	dev->tx_queue_len = DEFAULT_TX_QUEUE_LEN;
	dev->flags = IFF_BROADCAST | IFF_MULTICAST;
	dev->priv_flags |= IFF_TX_SKB_SHARING;
	std::memset(dev->broadcast, 0xff, ETH_ALEN);
}

struct net_device *alloc_netdev_mqs(int sizeof_priv, const char *name, unsigned char name_assign_type,
				    void (*setup)(struct net_device *), unsigned int txqs, unsigned int rxqs)
{
	if (txqs < 1 || rxqs < 1 || sizeof_priv < 0 || std::strlen(name) >= IFNAMSIZ)
		return nullptr;
	size_t base = (sizeof(struct net_device) + NETDEV_ALIGN - 1) & ~static_cast<size_t>(NETDEV_ALIGN - 1);
	// Aligned to NETDEV_ALIGN, so netdev_priv() is too (as alloc_netdev_mqs pads).
	auto *p = static_cast<char *>(__kmalloc(base + static_cast<size_t>(sizeof_priv) + NETDEV_ALIGN - 1, 0x100u));
	if (!p)
		return nullptr;
	auto *dev = reinterpret_cast<struct net_device *>(
		(reinterpret_cast<uintptr_t>(p) + NETDEV_ALIGN - 1) & ~static_cast<uintptr_t>(NETDEV_ALIGN - 1));
	dev->padded = static_cast<unsigned short>(reinterpret_cast<char *>(dev) - p);
	dev->dev_addr = dev->dev_addr_kplay;
	dev->_tx_kplay.dev = dev;
	dev->name_assign_type = name_assign_type;
	dev->reg_state = NETREG_UNINITIALIZED;
	std::memcpy(dev->name, name, std::strlen(name) + 1);
	if (setup)
		setup(dev);
	return dev;
}

struct net_device *alloc_etherdev_mqs(int sizeof_priv, unsigned int txqs, unsigned int rxqs)
{
	return alloc_netdev_mqs(sizeof_priv, "eth%d", NET_NAME_ENUM, ether_setup, txqs, rxqs);
}

void free_netdev(struct net_device *dev)
{
	if (!dev)
		return;
	if (dev->reg_state != NETREG_UNINITIALIZED && dev->reg_state != NETREG_UNREGISTERED) {
		_printk(KPLAY_KERN_ERR "kernel BUG: free_netdev of %s, which is still registered\n", dev->name);
		return;
	}
	dev->reg_state = NETREG_RELEASED;
	kfree(reinterpret_cast<char *>(dev) - dev->padded);
}

int register_netdevice(struct net_device *dev)
{
	std::lock_guard lk(kplay::g_rtnl);
	if (dev->reg_state != NETREG_UNINITIALIZED)
		return -EINVAL;
	int err = kplay::alloc_name(dev);
	if (err)
		return err;
	if (!kplay::valid_name(dev->name))
		return -EINVAL;
	if (kplay::name_taken(dev->name))
		return -EEXIST;
	const struct net_device_ops *ops = dev->netdev_ops;
	if (ops && ops->ndo_init) {
		if (!kplay::oops_guard([&] { err = ops->ndo_init(dev); }))
			err = -EFAULT;
		if (err)
			return err > 0 ? -EIO : err;
	}
	auto d = std::make_shared<kplay::NetDev>();
	d->dev = dev;
	d->name = dev->name;
	dev->kplay = d.get();

	std::string why;
	if (kplay::nethost::ensure_netns(&why)) {
		kplay::ensure_thread();
		int fd = kplay::nethost::tap_create(d->name);
		if (fd < 0) {
			_printk(KPLAY_KERN_WARNING "kplay: %s: no TAP interface in kplay's namespace (error %d): no data path\n",
				d->name.c_str(), fd);
		} else {
			d->tap = fd;
			d->tap_index = kplay::nethost::link_index(d->name);
			if (dev->addr_len == ETH_ALEN && !is_zero_ether_addr(dev->dev_addr))
				(void)kplay::nethost::set_hwaddr(d->name, dev->dev_addr, ETH_ALEN);
			(void)kplay::nethost::set_mtu(d->name, dev->mtu);
			(void)kplay::nethost::set_flag(d->name, IFF_NOARP, dev->flags & IFF_NOARP);
			(void)kplay::nethost::set_flag(d->name, IFF_MULTICAST, dev->flags & IFF_MULTICAST);
			(void)kplay::nethost::set_carrier(fd, netif_carrier_ok(dev));
		}
	} else if (!kplay::g_warned_no_ns) {
		kplay::g_warned_no_ns = true;
		_printk(KPLAY_KERN_WARNING "kplay: no network namespace (%s): network devices have no TAP; use "
					   "/sys/kernel/kplay/net/<name>/{link,xmit,received}\n",
			why.c_str());
	}
	dev->ifindex = d->tap_index > 0 ? d->tap_index : kplay::g_next_ifindex++;
	__atomic_fetch_or(&dev->state, 1UL << __LINK_STATE_PRESENT, __ATOMIC_SEQ_CST);
	if (!netif_carrier_ok(dev))
		kplay::linkwatch(dev);
	dev->reg_state = NETREG_REGISTERED;
	d->registered = true;
	kplay::make_sysfs(d);
	kplay::make_controls(d);
	kplay::g_devs.push_back(d);
	kplay::wake_thread();
	return 0;
}

int register_netdev(struct net_device *dev)
{
	std::lock_guard lk(kplay::g_rtnl);
	return register_netdevice(dev);
}

void unregister_netdevice_queue(struct net_device *dev, void *)
{
	std::lock_guard lk(kplay::g_rtnl);
	kplay::NetDev *d = kplay::nd_of(dev);
	if (!d || dev->reg_state != NETREG_REGISTERED) {
		_printk(KPLAY_KERN_ERR "unregister_netdevice: device %s/%p never was registered\n", dev->name,
			static_cast<void *>(dev));
		return;
	}
	kplay::dev_close(d);
	{
		std::lock_guard xl(kplay::g_xmit_mu);
		d->registered = false;
		if (d->pending) {
			kfree_skb(d->pending);
			d->pending = nullptr;
			d->has_pending = false;
		}
		if (int fd = d->tap.exchange(-1); fd >= 0)
			::close(fd); // the TAP interface goes with its last fd
	}
	dev->reg_state = NETREG_UNREGISTERING;
	const struct net_device_ops *ops = dev->netdev_ops;
	if (ops && ops->ndo_uninit)
		(void)kplay::oops_guard([&] { ops->ndo_uninit(dev); });
	kplay::remove_sysfs(d);
	dev->reg_state = NETREG_UNREGISTERED;
	dev->kplay = nullptr;
	kplay::g_devs.erase(std::find_if(kplay::g_devs.begin(), kplay::g_devs.end(),
					 [d](const std::shared_ptr<kplay::NetDev> &p) { return p.get() == d; }));
	kplay::wake_thread();
	if (dev->needs_free_netdev) {
		if (dev->priv_destructor)
			(void)kplay::oops_guard([&] { dev->priv_destructor(dev); });
		free_netdev(dev);
	}
}

void unregister_netdev(struct net_device *dev)
{
	std::lock_guard lk(kplay::g_rtnl);
	unregister_netdevice_queue(dev, nullptr);
}

int dev_addr_mod(struct net_device *dev, unsigned int offset, const void *addr, size_t len)
{
	if (offset + len > MAX_ADDR_LEN)
		return -EINVAL;
	std::memcpy(dev->dev_addr_kplay + offset, addr, len);
	kplay::NetDev *d = kplay::nd_of(dev);
	if (d && d->tap >= 0 && dev->addr_len == ETH_ALEN)
		(void)kplay::nethost::set_hwaddr(d->name, dev->dev_addr, ETH_ALEN);
	return 0;
}

int eth_validate_addr(struct net_device *dev)
{
	return is_valid_ether_addr(dev->dev_addr) ? 0 : -EADDRNOTAVAIL;
}

int eth_mac_addr(struct net_device *dev, void *p)
{
	auto *sa = static_cast<const unsigned char *>(p) + 2; // struct sockaddr: family, then sa_data
	if (netif_running(dev) && !(dev->priv_flags & IFF_LIVE_ADDR_CHANGE))
		return -EBUSY;
	if (!is_valid_ether_addr(sa))
		return -EADDRNOTAVAIL;
	eth_hw_addr_set(dev, sa);
	return 0;
}

// netif_carrier_on/off: the NOCARRIER bit flips, the TAP follows, and the
// link watch reports the change (nothing when the bit was already so).
static void kplay_set_carrier(struct net_device *dev, bool on)
{
	const unsigned long bit = 1UL << __LINK_STATE_NOCARRIER;
	unsigned long old = on ? __atomic_fetch_and(&dev->state, ~bit, __ATOMIC_SEQ_CST)
			       : __atomic_fetch_or(&dev->state, bit, __ATOMIC_SEQ_CST);
	if (!(old & bit) == on || dev->reg_state == NETREG_UNINITIALIZED)
		return;
	kplay::NetDev *d = kplay::nd_of(dev);
	if (d) {
		++(on ? d->carrier_up : d->carrier_down);
		if (int fd = d->tap.load(); fd >= 0)
			(void)kplay::nethost::set_carrier(fd, on);
	}
	kplay::linkwatch(dev);
}

void netif_carrier_on(struct net_device *dev) { kplay_set_carrier(dev, true); }

void netif_carrier_off(struct net_device *dev) { kplay_set_carrier(dev, false); }

void netif_tx_wake_queue(struct netdev_queue *q)
{
	unsigned long old = __atomic_fetch_and(&q->state, ~(1UL << __QUEUE_STATE_DRV_XOFF), __ATOMIC_SEQ_CST);
	if (old & (1UL << __QUEUE_STATE_DRV_XOFF))
		kplay::wake_thread();
}

int netif_rx(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	kplay::NetDev *d = dev ? kplay::nd_of(dev) : nullptr;
	if (!d || !netif_running(dev)) {
		if (d)
			d->rx_dropped.fetch_add(1);
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	// The frame starts at the MAC header eth_type_trans recorded (or at data).
	const unsigned char *start = skb->mac_header != kplay::kMacUnset ? skb_mac_header(skb) : skb->data;
	size_t len = static_cast<size_t>(skb_tail_pointer(skb) - start);
	kplay::record_received(d, start, len);
	int fd = d->tap.load();
	ssize_t n = fd >= 0 ? ::write(fd, start, len) : static_cast<ssize_t>(len);
	consume_skb(skb);
	if (n != static_cast<ssize_t>(len)) {
		d->rx_dropped.fetch_add(1);
		return NET_RX_DROP;
	}
	return NET_RX_SUCCESS;
}

__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev)
{
	skb->dev = dev;
	skb_reset_mac_header(skb);
	auto *eth = reinterpret_cast<struct ethhdr *>(skb->data);
	if (skb->len < ETH_HLEN) {
		_printk(KPLAY_KERN_EMERG "kernel BUG: eth_type_trans: frame shorter than an Ethernet header\n");
		kplay::oops_unwind();
	}
	skb->len -= ETH_HLEN;
	skb->data += ETH_HLEN;
	if (is_multicast_ether_addr(eth->h_dest)) {
		skb->pkt_type = ether_addr_equal(eth->h_dest, dev->broadcast) ? PACKET_BROADCAST : PACKET_MULTICAST;
	} else if (!ether_addr_equal(eth->h_dest, dev->dev_addr)) {
		skb->pkt_type = PACKET_OTHERHOST;
	}
	if (be16_to_cpu(eth->h_proto) >= ETH_P_802_3_MIN)
		return eth->h_proto;
	if (skb->len >= 2 && skb->data[0] == 0xff && skb->data[1] == 0xff)
		return cpu_to_be16(ETH_P_802_3);
	return cpu_to_be16(ETH_P_802_2);
}

void netdev_stats_to_stats64(struct rtnl_link_stats64 *s64, const struct net_device_stats *s)
{
	std::memset(s64, 0, sizeof *s64);
	const unsigned long *src = &s->rx_packets;
	__u64 *dst = &s64->rx_packets;
	for (size_t i = 0; i < sizeof *s / sizeof(unsigned long); ++i)
		dst[i] = src[i];
}

struct rtnl_link_stats64 *dev_get_stats(struct net_device *dev, struct rtnl_link_stats64 *storage)
{
	const struct net_device_ops *ops = dev->netdev_ops;
	if (ops && ops->ndo_get_stats64) {
		std::memset(storage, 0, sizeof *storage);
		ops->ndo_get_stats64(dev, storage);
	} else if (ops && ops->ndo_get_stats) {
		netdev_stats_to_stats64(storage, ops->ndo_get_stats(dev));
	} else {
		netdev_stats_to_stats64(storage, &dev->stats);
	}
	if (kplay::NetDev *d = kplay::nd_of(dev)) {
		storage->rx_dropped += d->rx_dropped.load();
		storage->tx_dropped += d->tx_dropped.load();
	}
	return storage;
}

void netdev_printk(const char *level, const struct net_device *dev, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	std::string msg = kplay::kernel_vformat(fmt, ap);
	va_end(ap);
	if (!dev) {
		_printk("%s(NULL net_device): %s", level, msg.c_str());
		return;
	}
	const char *state = "";
	switch (dev->reg_state) {
	case NETREG_REGISTERED: break;
	case NETREG_UNINITIALIZED: state = " (uninitialized)"; break;
	case NETREG_UNREGISTERING: state = " (unregistering)"; break;
	case NETREG_UNREGISTERED: state = " (unregistered)"; break;
	case NETREG_RELEASED: state = " (released)"; break;
	case NETREG_DUMMY: state = " (dummy)"; break;
	default: state = " (unknown)"; break;
	}
	if (dev->dev.parent)
		_printk("%s%s %s %s%s: %s", level, dev_driver_string(dev->dev.parent), dev_name(dev->dev.parent),
			netdev_name(dev), state, msg.c_str());
	else
		_printk("%s%s%s: %s", level, netdev_name(dev), state, msg.c_str());
}

// ---- socket buffers ----

struct sk_buff *__alloc_skb(unsigned int size, gfp_t, int, int)
{
	auto *skb = static_cast<struct sk_buff *>(std::calloc(1, sizeof(struct sk_buff)));
	if (!skb)
		return nullptr;
	size = (size + 63) & ~63u;
	skb->head = static_cast<unsigned char *>(std::malloc(size ? size : 64));
	if (!skb->head) {
		std::free(skb);
		return nullptr;
	}
	skb->data = skb->head;
	skb->tail = 0;
	skb->end = size;
	skb->mac_header = kplay::kMacUnset;
	skb->truesize = size + static_cast<unsigned int>(sizeof(struct sk_buff));
	refcount_set(&skb->users, 1);
	return skb;
}

struct sk_buff *__netdev_alloc_skb(struct net_device *dev, unsigned int length, gfp_t gfp)
{
	struct sk_buff *skb = __alloc_skb(length + NET_SKB_PAD, gfp, 0, -1);
	if (skb) {
		skb_reserve(skb, NET_SKB_PAD);
		skb->dev = dev;
	}
	return skb;
}

void kfree_skb(struct sk_buff *skb)
{
	if (!skb || !refcount_dec_and_test(&skb->users))
		return;
	std::free(skb->head);
	std::free(skb);
}

void consume_skb(struct sk_buff *skb)
{
	kfree_skb(skb);
}

struct sk_buff *skb_copy(const struct sk_buff *skb, gfp_t gfp)
{
	struct sk_buff *n = __alloc_skb(skb->end, gfp, 0, -1);
	if (!n)
		return nullptr;
	std::memcpy(n->head, skb->head, skb->end);
	unsigned char *head = n->head;
	unsigned int truesize = n->truesize;
	std::memcpy(static_cast<void *>(n), skb, sizeof *n);
	n->head = head;
	n->data = head + (skb->data - skb->head);
	n->truesize = truesize;
	n->next = n->prev = nullptr;
	refcount_set(&n->users, 1);
	return n;
}

void *skb_put(struct sk_buff *skb, unsigned int len)
{
	unsigned char *tmp = skb_tail_pointer(skb);
	if (skb->tail + len > skb->end) {
		_printk(KPLAY_KERN_EMERG "skbuff: skb_over_panic: len:%u put:%u head:%p data:%p tail:%#x end:%#x dev:%s\n",
			skb->len, len, static_cast<void *>(skb->head), static_cast<void *>(skb->data), skb->tail, skb->end,
			skb->dev ? skb->dev->name : "<NULL>");
		kplay::oops_unwind();
	}
	skb->tail += len;
	skb->len += len;
	return tmp;
}

void *skb_push(struct sk_buff *skb, unsigned int len)
{
	if (len > skb_headroom(skb)) {
		_printk(KPLAY_KERN_EMERG "skbuff: skb_under_panic: len:%u put:%u head:%p data:%p tail:%#x end:%#x dev:%s\n",
			skb->len, len, static_cast<void *>(skb->head), static_cast<void *>(skb->data), skb->tail, skb->end,
			skb->dev ? skb->dev->name : "<NULL>");
		kplay::oops_unwind();
	}
	skb->data -= len;
	skb->len += len;
	return skb->data;
}

void *skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (len > skb->len)
		return nullptr;
	skb->len -= len;
	skb->data += len;
	return skb->data;
}

} // extern "C"

KPLAY_EXPORT(rtnl_lock);
KPLAY_EXPORT(rtnl_unlock);
KPLAY_EXPORT(ether_setup);
KPLAY_EXPORT(alloc_netdev_mqs);
KPLAY_EXPORT(alloc_etherdev_mqs);
KPLAY_EXPORT(free_netdev);
KPLAY_EXPORT(register_netdevice);
KPLAY_EXPORT(register_netdev);
KPLAY_EXPORT(unregister_netdevice_queue);
KPLAY_EXPORT(unregister_netdev);
KPLAY_EXPORT(dev_addr_mod);
KPLAY_EXPORT(eth_validate_addr);
KPLAY_EXPORT(eth_mac_addr);
KPLAY_EXPORT(netif_carrier_on);
KPLAY_EXPORT(netif_carrier_off);
KPLAY_EXPORT(netif_tx_wake_queue);
KPLAY_EXPORT(netif_rx);
KPLAY_EXPORT(eth_type_trans);
KPLAY_EXPORT(netdev_stats_to_stats64);
KPLAY_EXPORT(dev_get_stats);
KPLAY_EXPORT(netdev_printk);
KPLAY_EXPORT(__alloc_skb);
KPLAY_EXPORT(__netdev_alloc_skb);
KPLAY_EXPORT(kfree_skb);
KPLAY_EXPORT(consume_skb);
KPLAY_EXPORT(skb_copy);
KPLAY_EXPORT(skb_put);
KPLAY_EXPORT(skb_push);
KPLAY_EXPORT(skb_pull);
