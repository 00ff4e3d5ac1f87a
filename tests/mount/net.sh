#!/usr/bin/env bash
# Mount-level test of network devices: vnetloop's interface appears in sysfs
# and, as a TAP, in kplay's network namespace; `ip link set up` there runs
# ndo_open; ping through it runs ndo_start_xmit and gets the driver's
# replies (netif_rx), so the counters move; rmmod removes the interface and
# its TAP. Without a namespace (forced with KPLAY_NO_NETNS=1), kplay's
# control files drive the same paths. The TAP part needs CAP_SYS_ADMIN,
# /dev/net/tun, ip and ping.
. "$(dirname "$0")/lib.sh"

# ---- no namespace: the control files under /sys/kernel/kplay/net/NAME
KPLAY_NO_NETNS=1 "$KPLAY" up --root "$ROOT" >/dev/null
C=$ROOT/sys/kernel/kplay/net/vnet0
kp insmod "$PLUGINS/vnetloop.so" || fail "insmod vnetloop (no namespace)"
expect_contains "the log says there is no TAP" "no network namespace (KPLAY_NO_NETNS is set)" "$(kp dmesg --notime)"
[ -d "$ROOT/sys/class/net/vnet0" ] && echo "ok: registered without a namespace" || fail "no sysfs entry"
out=$( (cat "$ROOT/sys/kernel/kplay/net/netns") 2>&1)
expect_contains "no namespace path" "Operation not supported" "$out"
expect_status "kplay net fails without a namespace" 1 kp net -- true
# An ICMP echo request 10.99.0.1 -> 10.99.0.2 to the device's own address, and its reply.
req=026b706c6179026b706c617908004500001e00000000400166170a6300010a63000208008f94000100016869
rep=026b706c6179026b706c617908004500001e00000000400166170a6300020a63000100009794000100016869
out=$( (echo $req >"$C/xmit") 2>&1)
expect_contains "xmit on a down device" "Network is down" "$out"
expect_eq "link down" "down" "$(cat "$C/link")"
echo up >"$C/link" || fail "link up"
expect_contains "link up runs ndo_open" "vnet0: open" "$(kp dmesg --notime)"
echo $req >"$C/xmit" || fail "xmit"
expect_eq "the driver's reply reached netif_rx" "$rep" "$(cat "$C/received")"
expect_eq "tx_packets" "1" "$(cat "$ROOT/sys/class/net/vnet0/statistics/tx_packets")"
expect_eq "rx_packets" "1" "$(cat "$ROOT/sys/class/net/vnet0/statistics/rx_packets")"
out=$( (echo 0g >"$C/xmit") 2>&1)
expect_contains "bad hex" "Invalid argument" "$out"
out=$( (echo 0011 >"$C/xmit") 2>&1)
expect_contains "a frame shorter than an Ethernet header" "Invalid argument" "$out"
out=$( (echo sideways >"$C/link") 2>&1)
expect_contains "bad link word" "Invalid argument" "$out"
expect_status "rmmod vnetloop (no namespace)" 0 kp rmmod vnetloop
[ ! -e "$C" ] && echo "ok: controls removed" || fail "controls left"
"$KPLAY" down --root "$ROOT" >/dev/null

# ---- kplay's namespace, driven by ip and ping
for t in ip ping; do
	command -v $t >/dev/null || { echo "SKIP (TAP part): $t not installed (apt-get install iproute2 iputils-ping)"; t_done; }
done
if [ "$(id -u)" -ne 0 ] || [ ! -c /dev/net/tun ]; then
	echo "SKIP (TAP part): kplay's network namespace needs root (CAP_SYS_ADMIN) and /dev/net/tun"
	t_done
fi

"$KPLAY" up --root "$ROOT" >/dev/null
N=$ROOT/sys/class/net/vnet0
kp insmod "$PLUGINS/vnetloop.so" || fail "insmod vnetloop"
expect_contains "register message" "vnetloop: registered vnet0 (02:6b:70:6c:61:79)" "$(kp dmesg --notime)"
expect_eq "sysfs address" "02:6b:70:6c:61:79" "$(cat "$N/address")"
expect_eq "sysfs mtu" "1500" "$(cat "$N/mtu")"
expect_eq "operstate before up" "down" "$(cat "$N/operstate")"
ns=$(cat "$ROOT/sys/kernel/kplay/net/netns")
[ -e "$ns" ] && echo "ok: namespace path $ns" || fail "namespace path [$ns] does not exist"
expect_contains "the TAP carries the device's address" "02:6b:70:6c:61:79" "$(kp net -- ip -br link show vnet0)"
expect_status "nsenter reaches the namespace" 0 nsenter --net="$ns" ip link show vnet0
kp net -- true # every link message so far handled (the TAP's creation included)
log=$(kp dmesg --notime)
[[ "$log" != *"kplay: vnet0:"* ]] && echo "ok: registration alone changes nothing" || fail "spurious messages: $log"

kp dmesg -C
kp net -- sysctl -qw net.ipv6.conf.vnet0.disable_ipv6=1 || fail "disable IPv6"
kp net -- ip link set vnet0 up || fail "ip link set up"
expect_contains "ndo_open ran by the time kplay net returned" "vnet0: open" "$(kp dmesg --notime)"
expect_eq "operstate after up" "up" "$(cat "$N/operstate")"
expect_eq "flags after up" "0x83" "$(cat "$N/flags")"
kp net -- ip addr add 10.99.0.1/24 dev vnet0 || fail "ip addr add"
tx0=$(cat "$N/statistics/tx_packets")
out=$(kp net -- ping -c 3 -i 0.2 -W 5 10.99.0.2 2>&1)
expect_contains "ping gets the driver's replies" "3 packets transmitted, 3 received" "$out"
expect_eq "tx_packets moved by 3" "$((tx0 + 3))" "$(cat "$N/statistics/tx_packets")"
expect_eq "rx_packets" "3" "$(cat "$N/statistics/rx_packets")"
expect_eq "rx_bytes (3 x 98)" "294" "$(cat "$N/statistics/rx_bytes")"
expect_contains "/proc/net/dev line" "vnet0:     294       3" "$(cat "$ROOT/proc/net/dev")"

kp net -- ip link set vnet0 mtu 1400 || fail "ip link set mtu"
expect_eq "mtu follows the namespace" "1400" "$(cat "$N/mtu")"
echo 1280 >"$N/mtu" || fail "write sysfs mtu"
expect_contains "sysfs mtu reaches the TAP" "mtu 1280" "$(kp net -- ip link show vnet0)"
out=$( (echo 9000 >"$N/mtu") 2>&1)
expect_contains "mtu above max_mtu is refused" "Invalid argument" "$out"
kp dmesg -C
kp net -- ip link set vnet0 mtu 9000
expect_contains "an MTU above max_mtu set in the namespace is undone" "kplay: vnet0: MTU 9000 refused by the device (error -22); undone" "$(kp dmesg --notime)"
expect_eq "the device keeps its MTU" "1280" "$(cat "$N/mtu")"
expect_contains "the TAP has it again" "mtu 1280" "$(kp net -- ip link show vnet0)"

kp dmesg -C
kp net -- ip link set vnet0 address 02:00:00:00:00:99
expect_contains "an address change the driver cannot make is undone" "kplay: vnet0: address change refused by the driver (error -95); undone" "$(kp dmesg --notime)"
expect_contains "the TAP has the device's address again" "02:6b:70:6c:61:79" "$(kp net -- ip -br link show vnet0)"

kp dmesg -C
kp net -- ip link set vnet0 down || fail "ip link set down"
expect_contains "ndo_stop" "vnet0: stop" "$(kp dmesg --notime)"
out=$( (cat "$N/carrier") 2>&1)
expect_contains "carrier of a down device" "Invalid argument" "$out"

kp dmesg -C
expect_status "rmmod vnetloop" 0 kp rmmod vnetloop
expect_contains "exit message" "vnetloop: vnet0 answered 3 echo requests" "$(kp dmesg --notime)"
[ ! -e "$N" ] && echo "ok: sysfs entry removed" || fail "sysfs entry left"
out=$(kp net -- ip link show vnet0 2>&1)
expect_contains "the TAP is gone" 'Device "vnet0" does not exist' "$out"

# Loading again gets the same name (the first free vnetN).
kp insmod "$PLUGINS/vnetloop.so" || fail "insmod vnetloop again"
[ -e "$N" ] && echo "ok: vnet0 again" || fail "no vnet0 after reload"
expect_status "rmmod vnetloop again" 0 kp rmmod vnetloop
t_done
