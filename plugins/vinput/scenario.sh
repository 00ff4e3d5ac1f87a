# vinput and vkbd: vinput creates the class "vinput" with the class
# attributes export/unexport and exports vinput_register; vkbd registers
# a keyboard kind with it. Exporting "vkbd" makes an input device (found
# here by its name: the real VM has input devices of its own, so numbers
# differ) and /dev/vinput0, whose writes become key events that evread
# decodes from /dev/input/eventN.
[ "$KPLAY_WORLD" = real ] && modprobe evdev

# Event device numbers differ between the worlds: shown as eventN.
runev() { run "$@" | sed -E 's/event[0-9]+/eventN/g'; }

# vkbd needs vinput's symbols.
load vkbd
klog | sort
load vinput
load vkbd
klog
run ls $SYS/class/vinput
write vkbd $SYS/class/vinput/export
write nosuchkind $SYS/class/vinput/export
klog | sed -E 's#/input/input[0-9]+$#/input/inputN#'
run ls $SYS/class/vinput
run sh -c "sed -E 's/^[0-9]+:/MAJOR:/' $SYS/class/vinput/vinput0/dev"
in=$(grep -lx vkbd $SYS/class/input/input*/name)
in=${in%/name}
ev=$(basename "$(ls -d "$in"/event*)")
echo "input device: $(basename "$in" | sed 's/[0-9]*$/N/'), events: ${ev%%[0-9]*}N"
(cd "$in" && run cat phys id/bustype id/vendor id/product id/version capabilities/ev capabilities/key)
run grep -c '^N: Name="vkbd"$' $PROC/bus/input/devices
runev stat -c '%n: %F' $DEV/vinput0 $DEV/input/$ev

# Reads: EAGAIN with O_NONBLOCK on an empty queue, EINVAL below one record.
runev ./evread -n $DEV/input/$ev
runev ./evread -s $DEV/input/$ev

# A reader sleeps until the keys come. It says "ready" once it has the
# device open (through a FIFO, so nothing is written before that).
fifo=$(mktemp -u /tmp/vinput.XXXXXX)
mkfifo "$fifo"
./evread $DEV/input/$ev 12 >"$fifo" &
exec 4<"$fifo"
read -r line <&4 && echo "$line"
read -r line <&4 && echo "$line"
write '30 +42 44 -42' $DEV/vinput0
cat <&4
wait $!
echo "[evread exited with $?]"
write 999 $DEV/vinput0
write '+' $DEV/vinput0

# An exported device holds vkbd.
run cat $SYS/module/vkbd/refcnt $SYS/module/vinput/refcnt
unload vkbd

# A reader waiting when the device is unexported gets ENODEV.
exec 4<&-
./evread $DEV/input/$ev 1 >"$fifo" &
exec 4<"$fifo"
read -r line <&4 && echo "$line"
read -r line <&4 && echo "$line"
write vinput0 $SYS/class/vinput/unexport
cat <&4
wait $!
echo "[evread exited with $?]"
exec 4<&-
rm -f "$fifo"
write vinput0 $SYS/class/vinput/unexport
klog
runev ls $SYS/class/vinput $DEV/input/$ev
unload vkbd
unload vinput
klog
run ls $SYS/class/vinput
