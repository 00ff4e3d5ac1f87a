#!/usr/bin/env bash
# Mount-level test of the virtual hardware of the input and console side:
# EXPORT_SYMBOL between two modules (vinput, vkbd), class attributes that
# create devices, key events read from ROOT/dev/input/eventN as struct
# input_event records (blocking, O_NONBLOCK, poll, ENODEV), and the keyboard
# LEDs a timer blinks through the console tty (kbleds).
. "$(dirname "$0")/lib.sh"

"$KPLAY" up --root "$ROOT" >/dev/null
EVREAD=$PLUGINS/evread
tmp=$(mktemp -d /tmp/kplay-input-data.XXXXXX)
trap 'rm -rf "$tmp"; t_cleanup' EXIT

# vkbd before vinput: its symbols are unknown.
out=$(kp insmod "$PLUGINS/vkbd.so" 2>&1)
expect_contains "vkbd alone fails" "Unknown symbol in module" "$out"
expect_contains "the log names the symbol" "vkbd: Unknown symbol vinput_register (err -2)" "$(kp dmesg --notime)"
kp insmod "$PLUGINS/vinput.so" || fail "insmod vinput"
kp insmod "$PLUGINS/vkbd.so" || fail "insmod vkbd after vinput"
expect_eq "vkbd holds vinput" 1 "$(cat "$ROOT/sys/module/vinput/refcnt")"
expect_status "rmmod vinput while vkbd uses it" 1 kp rmmod vinput

echo vkbd >"$ROOT/sys/class/vinput/export" || fail "export vkbd"
[ -e "$ROOT/dev/vinput0" ] && echo "ok: /dev/vinput0" || fail "no /dev/vinput0"
in=$(grep -lx vkbd "$ROOT"/sys/class/input/input*/name)
in=${in%/name}
ev=$(basename "$(ls -d "$in"/event*)")
E=$ROOT/dev/input/$ev
[ -e "$E" ] && echo "ok: $ev node" || fail "no node for $ev"
expect_contains "/proc/bus/input/devices" "H: Handlers=$ev" "$(cat "$ROOT/proc/bus/input/devices")"
expect_eq "capabilities/ev" 3 "$(cat "$in/capabilities/ev")"

expect_eq "O_NONBLOCK read of an empty queue" "non-blocking read: Resource temporarily unavailable" \
	"$("$EVREAD" -n "$E")"
expect_eq "a read below one record" "read of 10 bytes: Invalid argument" "$("$EVREAD" -s "$E")"

# A blocked reader gets the key's packets; "ready" (through a FIFO) says
# it has the device open.
mkfifo "$tmp/fifo"
"$EVREAD" "$E" 4 >"$tmp/fifo" &
exec 4<"$tmp/fifo"
read -r _ <&4
read -r ready <&4
expect_eq "reader ready" ready "$ready"
echo 30 >"$ROOT/dev/vinput0"
got=$(cat <&4)
wait $!
expect_eq "events of one key stroke" $'EV_KEY code 30 value 1\nEV_SYN SYN_REPORT\nEV_KEY code 30 value 0\nEV_SYN SYN_REPORT' "$got"
exec 4<&-
out=$( (echo 999 >"$ROOT/dev/vinput0") 2>&1)
expect_contains "an invalid key code" "Invalid argument" "$out"

# poll: not readable, then readable after a key (python's select module).
if command -v python3 >/dev/null; then
	res=$(python3 - "$E" "$ROOT/dev/vinput0" <<'PY'
import os, select, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
p = select.poll()
p.register(fd, select.POLLIN)
before = p.poll(0)
with open(sys.argv[2], "w") as k:
    k.write("+42")
after = p.poll(5000)
data = os.read(fd, 48)
print(len(before), len(after), len(data))
PY
)
	expect_eq "poll: empty, then readable; two records" "0 1 48" "$res"
	echo -42 >"$ROOT/dev/vinput0"
else
	echo "skipped: poll test (python3 missing)"
fi

# Unexport wakes a blocked reader with ENODEV and removes the nodes.
"$EVREAD" "$E" 1 >"$tmp/fifo" &
exec 4<"$tmp/fifo"
read -r _ <&4
read -r _ <&4
echo vinput0 >"$ROOT/sys/class/vinput/unexport"
expect_eq "a blocked reader after unexport" "read: No such device" "$(cat <&4)"
wait $!
exec 4<&-
[ ! -e "$E" ] && [ ! -e "$ROOT/dev/vinput0" ] && echo "ok: nodes removed" || fail "nodes left"
expect_status "rmmod vkbd" 0 kp rmmod vkbd
expect_status "rmmod vinput" 0 kp rmmod vinput

# kbleds: the LEDs blink (state polled: an LED has no event to wait on).
leds=$ROOT/sys/kernel/kplay/leds
expect_eq "LEDs off at start" "scroll 0 num 0 caps 0" "$(cat "$leds")"
kp insmod "$PLUGINS/kbleds.so" || fail "insmod kbleds"
expect_eq "KDGETLED sees them all on" "leds 0x7: scroll on, num on, caps on" "$("$PLUGINS/ledstate" "$ROOT/dev/tty1" 7)"
seen_on=0 seen_off=0
for _ in $(seq 300); do
	case "$(cat "$leds")" in
	"scroll 1 num 1 caps 1") seen_on=1 ;;
	"scroll 0 num 0 caps 0") seen_off=1 ;;
	esac
	[ $seen_on = 1 ] && [ $seen_off = 1 ] && break
	sleep 0.01
done
expect_eq "the sysfs file shows both states" "1 1" "$seen_on $seen_off"
expect_status "rmmod kbleds" 0 kp rmmod kbleds
expect_eq "LEDs restored after unload" "scroll 0 num 0 caps 0" "$(cat "$leds")"

# kplay down while a reader sleeps on an event node: it is woken, down ends.
kp insmod "$PLUGINS/vinput.so" && kp insmod "$PLUGINS/vkbd.so" || fail "reload vinput, vkbd"
echo vkbd >"$ROOT/sys/class/vinput/export" || fail "export again"
in=$(grep -lx vkbd "$ROOT"/sys/class/input/input*/name)
ev=$(basename "$(ls -d "${in%/name}"/event*)")
"$EVREAD" "$ROOT/dev/input/$ev" 1 >"$tmp/fifo" 2>&1 &
exec 4<"$tmp/fifo"
read -r _ <&4
read -r _ <&4
expect_status "down with a reader asleep in evdev" 0 timeout 20 "$KPLAY" down --root "$ROOT"
wait $!
exec 4<&-
t_done
