# kplay scenario harness — sourced by bash before a scenario, in both worlds.
#
# The contract (docs/scenarios.md):
#   KPLAY_WORLD   "real" (a real kernel: /dev /proc /sys, kmod tools) or
#                 "play" (a kplay root: kplay insmod/rmmod/dmesg)
#   DEV PROC SYS  the roots of the three trees
#   M             folder of built modules (NAME.ko) and userspace clients
#   load NAME [param=value ...]   insmod $M/NAME.ko, messages as kmod prints them
#   unload NAME                   rmmod NAME
#   klog                          kernel log lines since the last klog, no timestamps
#   run CMD ...                   print "$ CMD ..." (roots shown as $DEV/$PROC/$SYS/$M),
#                                 run it, print "[exit N]" when it fails
#   write VALUE FILE              echo VALUE > FILE in one write(), shown like run
#   traced CMD ...                like run, with CMD's system calls dispatched through
#                                 the kernel's sys_call_table: in the playground through
#                                 kplay's (kplay run); on the real kernel CMD runs as is
#
# In the playground, $M holds NAME.ko symlinks to the plugins, so the module file
# names in insmod's messages are the same in both worlds.

case "${KPLAY_WORLD:-}" in
real)
	_kp_insmod() { insmod "$@"; }
	_kp_rmmod() { rmmod "$@"; }
	_kp_dmesg() { dmesg "$@"; }
	_kp_traced() { "$@"; }
	;;
play)
	_kp_insmod() { "$KPLAY" insmod --root "$KPLAY_ROOT" "$@"; }
	_kp_rmmod() { "$KPLAY" rmmod --root "$KPLAY_ROOT" "$@"; }
	_kp_dmesg() { "$KPLAY" dmesg --root "$KPLAY_ROOT" "$@"; }
	_kp_traced() { "$KPLAY" run --root "$KPLAY_ROOT" -- "$@"; }
	;;
*)
	echo "harness.sh: KPLAY_WORLD must be 'real' or 'play'" >&2
	return 2
	;;
esac

# insmod and rmmod run under the names kmod uses, so their messages read
# "insmod: ..." and "rmmod: ..." in both worlds.
load() {
	local name=$1
	shift
	(cd "$M" && _kp_insmod "$name.ko" "$@")
}

unload() {
	_kp_rmmod "$1"
}

klog() {
	_kp_dmesg --read-clear --notime
}

# Rewrite the world's roots in a stream as $DEV/$PROC/$SYS/$M, only where a
# whole path component matches (so "/sys/devices" never turns into "/sys$DEVices").
# The sed program is built once: under an emulated CPU every process counts.
_kp_re() { printf '%s' "$1" | sed 's/[][\.*^$#]/\\&/g'; }
_KP_B='(^|[^A-Za-z0-9_.~/-])'
_KP_E='(/|$|[^A-Za-z0-9_.~-])'
_KP_SED="s#$_KP_B$(_kp_re "$M")$_KP_E#\\1\$M\\2#g;s#$_KP_B$(_kp_re "$DEV")$_KP_E#\\1\$DEV\\2#g;s#$_KP_B$(_kp_re "$PROC")$_KP_E#\\1\$PROC\\2#g;s#$_KP_B$(_kp_re "$SYS")$_KP_E#\\1\$SYS\\2#g"
_kp_show() { sed -E "$_KP_SED"; }

# The command line as a shell would need it typed: words quoted when needed.
_kp_line() {
	local a
	_KP_LINE='$'
	for a in "$@"; do
		case "$a" in
		'' | *[!A-Za-z0-9_./=,:+@%-]*) _KP_LINE+=" '$a'" ;;
		*) _KP_LINE+=" $a" ;;
		esac
	done
}

# _kp_shown RUNNER CMD ...: print "$ CMD ...", run it through RUNNER (a
# function that runs its arguments in some world), print "[exit N]" on failure.
_kp_shown() {
	local runner=$1
	shift
	_kp_line "$@"
	{
		printf '%s\n' "$_KP_LINE"
		"$runner" "$@" 2>&1
		local rc=$?
		[ "$rc" -eq 0 ] || printf '[exit %d]\n' "$rc"
	} | _kp_show
	return 0
}

_kp_here() { "$@"; }
run() { _kp_shown _kp_here "$@"; }
traced() { _kp_shown _kp_traced "$@"; }

write() {
	{
		printf '$ echo %s > %s\n' "$1" "$2"
		printf '%s\n' "$1" | dd of="$2" conv=notrunc status=none 2>&1
		local rc=${PIPESTATUS[1]}
		[ "$rc" -eq 0 ] || printf '[exit %d]\n' "$rc"
	} | _kp_show
	return 0
}

# ---- network devices and the device tree (plugins/vnetloop, plugins/devicetree)
#   netrun CMD ...   like run, inside the network namespace the module's
#                    interfaces are in: the machine's own on a real kernel,
#                    kplay's namespace (kplay net) in the playground
#   dtload FILE.dts  give a device-tree overlay to the kernel: kplay dt load
#                    in the playground; a real kernel needs the configfs
#                    overlay interface (not in Debian's kernels), else it fails
case "$KPLAY_WORLD" in
real)
	_kp_net() { "$@"; }
	_kp_dtload() {
		local d=/sys/kernel/config/device-tree/overlays
		if [ ! -d "$d" ]; then
			echo "dtload: this kernel takes no device-tree overlays ($d does not exist)"
			return 1
		fi
		local o="$d/kplay-$$" b
		b=$(mktemp) && dtc -q -@ -I dts -O dtb -o "$b" "$1" && mkdir "$o" && cat "$b" >"$o/dtbo"
	}
	;;
play)
	_kp_net() { "$KPLAY" net --root "$KPLAY_ROOT" -- "$@"; }
	_kp_dtload() { "$KPLAY" dt load --root "$KPLAY_ROOT" "$1"; }
	;;
esac

netrun() { _kp_shown _kp_net "$@"; }

dtload() {
	_kp_line dtload "$@"
	{
		printf '%s\n' "$_KP_LINE"
		_kp_dtload "$@" 2>&1
		local rc=$?
		[ "$rc" -eq 0 ] || printf '[exit %d]\n' "$rc"
	} | _kp_show
	return 0
}
