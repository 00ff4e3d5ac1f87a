// The host side of kplay's network devices (see host.h).
#include "kernel/net/host.h"

#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

namespace kplay::nethost {
namespace {

std::mutex g_mu;
bool g_tried = false;
std::string g_why;
int g_nsfd = -1;   // keeps the namespace alive
int g_ctlsock = -1; // an AF_INET datagram socket in it, for the SIOC* ioctls
int g_nlsock = -1;

// Runs fn on a short-lived thread that has joined the namespace, so this
// thread's own namespace never changes.
template <typename F> auto in_netns(F fn) -> decltype(fn())
{
	decltype(fn()) result{};
	std::thread t([&] {
		if (::setns(g_nsfd, CLONE_NEWNET) != 0) {
			result = -errno;
			return;
		}
		result = fn();
	});
	t.join();
	return result;
}

int ifreq_ioctl(const std::string &name, unsigned long req, struct ifreq *ifr)
{
	if (name.size() >= IFNAMSIZ)
		return -EINVAL;
	std::strncpy(ifr->ifr_name, name.c_str(), IFNAMSIZ - 1);
	return ::ioctl(g_ctlsock, req, ifr) == 0 ? 0 : -errno;
}

} // namespace

bool ensure_netns(std::string *why)
{
	std::lock_guard lk(g_mu);
	if (!g_tried) {
		g_tried = true;
		// For tests of the fallback: behave as a host without the rights.
		if (const char *no = std::getenv("KPLAY_NO_NETNS"); no && *no && std::strcmp(no, "0") != 0) {
			g_why = "KPLAY_NO_NETNS is set";
			if (why)
				*why = g_why;
			return false;
		}
		std::thread t([] {
			if (::unshare(CLONE_NEWNET) != 0) {
				g_why = std::string("unshare(CLONE_NEWNET): ") + std::strerror(errno);
				return;
			}
			int ns = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
			int sock = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
			int nl = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
			if (ns < 0 || sock < 0 || nl < 0) {
				g_why = std::string("namespace setup: ") + std::strerror(errno);
				for (int fd : {ns, sock, nl})
					if (fd >= 0)
						::close(fd);
				return;
			}
			struct sockaddr_nl sa {};
			sa.nl_family = AF_NETLINK;
			sa.nl_groups = RTMGRP_LINK;
			if (::bind(nl, reinterpret_cast<struct sockaddr *>(&sa), sizeof sa) != 0) {
				g_why = std::string("netlink bind: ") + std::strerror(errno);
				::close(ns);
				::close(sock);
				::close(nl);
				return;
			}
			// lo up, as a new namespace's init would.
			struct ifreq ifr {};
			std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
			if (::ioctl(sock, SIOCGIFFLAGS, &ifr) == 0) {
				ifr.ifr_flags = static_cast<short>(ifr.ifr_flags | IFF_UP);
				(void)::ioctl(sock, SIOCSIFFLAGS, &ifr);
			}
			g_nsfd = ns;
			g_ctlsock = sock;
			g_nlsock = nl;
		});
		t.join();
		if (g_nsfd >= 0 && ::access("/dev/net/tun", R_OK | W_OK) != 0) {
			g_why = std::string("/dev/net/tun: ") + std::strerror(errno);
		}
	}
	if (g_nsfd < 0 || !g_why.empty()) {
		if (why)
			*why = g_why;
		return false;
	}
	return true;
}

std::string netns_path()
{
	std::lock_guard lk(g_mu);
	if (g_nsfd < 0)
		return {};
	return "/proc/" + std::to_string(::getpid()) + "/fd/" + std::to_string(g_nsfd);
}

int tap_create(const std::string &name)
{
	if (name.size() >= IFNAMSIZ)
		return -EINVAL;
	return in_netns([&]() -> int {
		int fd = ::open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
		if (fd < 0)
			return -errno;
		struct ifreq ifr {};
		ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
		std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
		if (::ioctl(fd, TUNSETIFF, &ifr) != 0) {
			int e = -errno;
			::close(fd);
			return e;
		}
		return fd;
	});
}

int link_index(const std::string &name)
{
	struct ifreq ifr {};
	int err = ifreq_ioctl(name, SIOCGIFINDEX, &ifr);
	return err ? err : ifr.ifr_ifindex;
}

int set_hwaddr(const std::string &name, const unsigned char *addr, size_t len)
{
	struct ifreq ifr {};
	ifr.ifr_hwaddr.sa_family = 1; // ARPHRD_ETHER
	std::memcpy(ifr.ifr_hwaddr.sa_data, addr, len < sizeof ifr.ifr_hwaddr.sa_data ? len : sizeof ifr.ifr_hwaddr.sa_data);
	return ifreq_ioctl(name, SIOCSIFHWADDR, &ifr);
}

int set_mtu(const std::string &name, unsigned int mtu)
{
	struct ifreq ifr {};
	ifr.ifr_mtu = static_cast<int>(mtu);
	return ifreq_ioctl(name, SIOCSIFMTU, &ifr);
}

int set_flag(const std::string &name, unsigned int flag, bool on)
{
	struct ifreq ifr {};
	int err = ifreq_ioctl(name, SIOCGIFFLAGS, &ifr);
	if (err)
		return err;
	unsigned int f = static_cast<unsigned short>(ifr.ifr_flags);
	f = on ? (f | flag) : (f & ~flag);
	ifr.ifr_flags = static_cast<short>(f);
	return ifreq_ioctl(name, SIOCSIFFLAGS, &ifr);
}

int get_state(const std::string &name, LinkState *st)
{
	struct ifreq ifr {};
	int err = ifreq_ioctl(name, SIOCGIFFLAGS, &ifr);
	if (err)
		return err;
	st->flags = static_cast<unsigned short>(ifr.ifr_flags);
	ifr = {};
	if ((err = ifreq_ioctl(name, SIOCGIFMTU, &ifr)))
		return err;
	st->mtu = static_cast<unsigned int>(ifr.ifr_mtu);
	ifr = {};
	if ((err = ifreq_ioctl(name, SIOCGIFHWADDR, &ifr)))
		return err;
	st->addr.assign(ifr.ifr_hwaddr.sa_data, 6);
	return 0;
}

int set_carrier(int tap_fd, bool on)
{
	int v = on ? 1 : 0;
	return ::ioctl(tap_fd, TUNSETCARRIER, &v) == 0 ? 0 : -errno;
}

int link_events_fd()
{
	return g_nlsock;
}

void read_link_events(const std::function<void(const LinkEvent &)> &fn)
{
	alignas(struct nlmsghdr) char buf[16384];
	for (;;) {
		ssize_t n = ::recv(g_nlsock, buf, sizeof buf, MSG_DONTWAIT);
		if (n <= 0)
			return;
		size_t left = static_cast<size_t>(n);
		for (auto *h = reinterpret_cast<struct nlmsghdr *>(buf); NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_type != RTM_NEWLINK && h->nlmsg_type != RTM_DELLINK)
				continue;
			auto *ifi = static_cast<struct ifinfomsg *>(NLMSG_DATA(h));
			LinkEvent ev{ifi->ifi_index, {}, ifi->ifi_flags, 0, h->nlmsg_type == RTM_DELLINK};
			int alen = static_cast<int>(h->nlmsg_len - NLMSG_LENGTH(sizeof *ifi));
			for (auto *a = IFLA_RTA(ifi); RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
				if (a->rta_type == IFLA_IFNAME)
					ev.name.assign(static_cast<const char *>(RTA_DATA(a)),
						       strnlen(static_cast<const char *>(RTA_DATA(a)), RTA_PAYLOAD(a)));
				else if (a->rta_type == IFLA_MTU && RTA_PAYLOAD(a) >= sizeof(unsigned int))
					std::memcpy(&ev.mtu, RTA_DATA(a), sizeof ev.mtu);
			}
			fn(ev);
		}
	}
}

} // namespace kplay::nethost
