#!/usr/bin/env bash
# Mount-level test of the device tree: a .dts overlay given with `kplay dt
# load` binds the devicetree example's driver (probe prints the node's
# properties), in either order (overlay first or driver first); the tree
# shows under /sys/firmware/devicetree/base; rmmod unbinds (remove runs);
# malformed blobs are refused with EINVAL, never crash the daemon.
. "$(dirname "$0")/lib.sh"

command -v dtc >/dev/null || { echo "SKIP: dtc not installed (apt-get install device-tree-compiler)"; exit 77; }
SRC=$(cd "$(dirname "$0")/../../plugins/devicetree" && pwd)

"$KPLAY" up --root "$ROOT" >/dev/null
D=$ROOT/sys/bus/platform/drivers/kplay_dt_demo

# Driver first: registers, no probe.
kp insmod "$PLUGINS/devicetree.so" || fail "insmod devicetree"
expect_eq "no device bound yet" "bind uevent unbind" "$(ls "$D" | grep -v module | tr '\n' ' ' | sed 's/ $//')"

kp dmesg -C
kp dt load "$SRC/kplay-demo.dts" || fail "kplay dt load"
log=$(kp dmesg --notime)
expect_contains "probe of the v2 node" "kplay_dt_demo 10000000.sensor: probe: node sensor@10000000, variant v2 (up to 4 channels)" "$log"
expect_contains "u32 and string" "kplay_dt_demo 10000000.sensor: label \"front\", rate 100 Hz" "$log"
expect_contains "u32 array" "kplay_dt_demo 10000000.sensor: threshold[2] = 30" "$log"
expect_contains "u64" "kplay_dt_demo 10000000.sensor: serial 0x1122334455667788" "$log"
expect_contains "string list" "kplay_dt_demo 10000000.sensor: mode 2: burst" "$log"
expect_contains "match_string" "kplay_dt_demo 10000000.sensor: \"fast\" is mode 1" "$log"
expect_contains "bools" "kplay_dt_demo 10000000.sensor: low-power yes, wakeup no" "$log"
expect_contains "errors" "kplay_dt_demo 10000000.sensor: missing u32: -22, string read as u32 array of 2: -75" "$log"
expect_contains "available children only" "kplay_dt_demo 10000000.sensor: channel channel@1: reg 1" "$log"
[[ "$log" != *"channel@2"* ]] && echo "ok: disabled child skipped" || fail "disabled child listed"
expect_contains "probe of the v1 node" "kplay_dt_demo kplay-sensor: probe: node kplay-sensor, variant v1 (up to 2 channels)" "$log"
[ ! -e "$ROOT/sys/bus/platform/devices/sensor-off" ] && echo "ok: disabled node has no device" || fail "disabled node got a device"
expect_eq "bound" "kplay_dt_demo" "$(basename "$(readlink "$ROOT/sys/bus/platform/devices/kplay-sensor/driver")")"
expect_eq "of_node link" "rear" "$(tr -d '\0' <"$ROOT/sys/bus/platform/devices/kplay-sensor/of_node/label")"
expect_eq "firmware tree" "kplay,demo-sensor" "$(tr -d '\0' <"$ROOT/sys/firmware/devicetree/base/kplay-sensor/compatible")"

kp dmesg -C
expect_status "rmmod devicetree" 0 kp rmmod devicetree
log=$(kp dmesg --notime)
expect_contains "remove on rmmod (1)" "kplay_dt_demo 10000000.sensor: remove" "$log"
expect_contains "remove on rmmod (2)" "kplay_dt_demo kplay-sensor: remove" "$log"

# Devices first: loading the driver binds them at once.
kp dmesg -C
kp insmod "$PLUGINS/devicetree.so" || fail "insmod devicetree again"
expect_contains "probe at driver registration" "kplay_dt_demo kplay-sensor: probe" "$(kp dmesg --notime)"
expect_status "rmmod devicetree again" 0 kp rmmod devicetree

# A whole tree (not an overlay): a simple-bus's children are populated, a
# translatable reg names the device "<address>.<name>", and a probe error is
# reported as the driver core reports it.
cat >"$ROOT/full.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <1>;
	#size-cells = <1>;
	soc {
		compatible = "simple-bus";
		#address-cells = <1>;
		#size-cells = <1>;
		ranges;
		sensor@4000 {
			compatible = "kplay,demo-sensor";
			reg = <0x4000 0x100>;
			kplay,rate-hz = <5>;
		};
	};
	lonely {
		compatible = "kplay,demo-sensor";
	};
};
DTS
kp insmod "$PLUGINS/devicetree.so" || fail "insmod devicetree a third time"
kp dmesg -C
kp dt load "$ROOT/full.dts" || fail "load a whole tree"
log=$(kp dmesg --notime)
expect_contains "simple-bus child named by address" "kplay_dt_demo 4000.sensor: label \"(none)\", rate 5 Hz" "$log"
expect_contains "failed probe" "kplay_dt_demo: probe of lonely failed with error -22" "$log"
expect_eq "OF modalias" "of:NsensorT(null)Ckplay,demo-sensor" "$(cat "$ROOT/sys/bus/platform/devices/4000.sensor/modalias")"
expect_contains "OF uevent" "OF_FULLNAME=/soc/sensor@4000" "$(cat "$ROOT/sys/bus/platform/devices/4000.sensor/uevent")"
expect_status "rmmod devicetree a third time" 0 kp rmmod devicetree

# An overlay naming its target by label cannot apply (no base tree has labels).
cat >"$ROOT/label.dts" <<'DTS'
/dts-v1/;
/plugin/;
/ {
	fragment@0 {
		target = <&nosuch>;
		__overlay__ { x = <1>; };
	};
};
DTS
kp dmesg -C
expect_status "an overlay targeting a label is refused" 1 kp dt load "$ROOT/label.dts"
expect_contains "the reason names the file" "kplay: dt: $ROOT/label.dts: fragment@0: only target-path" "$(kp dmesg --notime)"

# Bad input: not a blob, a truncated blob, a missing file.
head -c 100 /dev/urandom >"$ROOT/junk.dtb"
expect_status "junk is refused" 1 kp dt load "$ROOT/junk.dtb"
expect_contains "reason in the log" "bad magic" "$(kp dmesg --notime)"
dtc -q -I dts -O dtb -o "$ROOT/ok.dtb" "$SRC/kplay-demo.dts"
head -c 200 "$ROOT/ok.dtb" >"$ROOT/cut.dtb"
expect_status "a truncated blob is refused" 1 kp dt load "$ROOT/cut.dtb"
expect_status "a missing file" 1 kp dt load "$ROOT/nosuch.dts"
[ -d "$ROOT/sys/kernel" ] && echo "ok: the daemon still serves" || fail "daemon gone"
t_done
