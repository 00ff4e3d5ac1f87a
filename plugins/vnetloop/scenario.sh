# vnetloop: a virtual Ethernet device whose driver answers pings. The
# interface is driven with the ordinary tools: `ip` and `ping` run in the
# network namespace the device lives in (netrun: the machine's own on the
# real kernel, kplay's namespace in the playground, where the interface is a
# TAP that hands what the stack sends to ndo_start_xmit). IPv6 is switched
# off on it first, so the kernel sends nothing of its own (router
# solicitations, MLD) and the counters move only for the pings.
N=$SYS/class/net/vnet0
mask_ping() { sed -E 's/time=[0-9.]+ ms/time=T ms/; s/, time [0-9]+ms$/, time Tms/; /^rtt /d'; }

load vnetloop
klog
run cat $N/address $N/addr_len $N/type $N/mtu $N/tx_queue_len $N/flags $N/operstate
run cat $N/carrier
run cat $N/statistics/tx_packets $N/statistics/rx_packets
netrun ip -br link show vnet0

# Up: ndo_open (carrier on, queue started).
netrun sysctl -qw net.ipv6.conf.vnet0.disable_ipv6=1
netrun ip link set vnet0 up
klog
run cat $N/flags $N/carrier
netrun ip addr add 10.99.0.1/24 dev vnet0
netrun ip -br -4 addr show vnet0

# Three echo requests through ndo_start_xmit; the replies come back by netif_rx.
netrun ping -c 3 -i 0.3 -W 5 10.99.0.2 | mask_ping
run cat $N/operstate
run cat $N/statistics/tx_packets $N/statistics/rx_packets $N/statistics/tx_bytes $N/statistics/rx_bytes
run cat $N/statistics/tx_dropped $N/statistics/rx_errors
run grep vnet0: $PROC/net/dev

# The MTU is the device's (within ether_setup's 68..1500).
netrun ip link set vnet0 mtu 1400
run cat $N/mtu

# Down: ndo_stop. A down interface transmits nothing.
netrun ip link set vnet0 down
klog
run cat $N/operstate
netrun ping -c 1 -W 1 10.99.0.2
run cat $N/statistics/tx_packets

# rmmod: the interface goes away.
unload vnetloop
klog
run ls $N
netrun ip link show vnet0

# rmmod of an interface that is up: unregister_netdev closes it first (ndo_stop).
load vnetloop
netrun sysctl -qw net.ipv6.conf.vnet0.disable_ipv6=1
netrun ip link set vnet0 up
unload vnetloop
klog
