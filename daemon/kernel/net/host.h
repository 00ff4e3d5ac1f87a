// The host side of kplay's network devices: a network namespace of kplay's
// own, TAP interfaces inside it, and the link events of that namespace. No
// kernel-API types here (the host's <linux/...> headers and kplay's own
// cannot meet in one file); net/netdev.cpp builds the kernel side on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace kplay::nethost {

/// Makes the namespace once (unshare(CLONE_NEWNET) on a helper thread, lo
/// brought up); false with *why set when the host does not allow it.
bool ensure_netns(std::string *why);

/// "/proc/PID/fd/N": a path nsenter(1) and setns(2) accept, or "" if none.
std::string netns_path();

/// Creates a TAP interface NAME in the namespace; the fd, or -errno.
int tap_create(const std::string &name);

/// The interface index of NAME in the namespace, or -errno.
int link_index(const std::string &name);

/// Mirrors a device's configuration onto its TAP interface (each -errno or 0).
int set_hwaddr(const std::string &name, const unsigned char *addr, size_t len);
int set_mtu(const std::string &name, unsigned int mtu);
int set_flag(const std::string &name, unsigned int flag, bool on);
int set_carrier(int tap_fd, bool on);

/// The interface's current state (a link message may be stale by the time
/// it is read): flags, MTU and address; -errno on failure.
struct LinkState {
	unsigned int flags;
	unsigned int mtu;
	std::string addr;
};
int get_state(const std::string &name, LinkState *st);

/// A NETLINK_ROUTE socket in the namespace subscribed to link changes.
int link_events_fd();

struct LinkEvent {
	int ifindex;
	std::string name;
	unsigned int flags;
	unsigned int mtu; // 0 when the message had none
	bool deleted;
};

/// Reads what is pending on link_events_fd() (non-blocking) and calls fn
/// for each link message.
void read_link_events(const std::function<void(const LinkEvent &)> &fn);

} // namespace kplay::nethost
