#!/bin/bash
# Run scenario scripts against real .ko modules inside Debian's packaged
# kernel under QEMU, and collect one transcript per scenario.
set -euo pipefail

RV_PROG=run-real
RV_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RV_SELF=$RV_DIR/$(basename "${BASH_SOURCE[0]}")
# shellcheck source=SCRIPTDIR/lib.sh
. "$RV_DIR/lib.sh"

usage() {
	cat <<'EOF'
Usage: run-real.sh --work WORKDIR --out OUTDIR [--kernel VERSION]
                   [--harness FILE] [--scenario-timeout SECS]
                   [--boot-timeout SECS] [--cache DIR] [--no-pvh] [--keep]
                   [--cuse-work PLAYDIR --kplay BIN]

Boot /boot/vmlinuz-VERSION under QEMU (TCG) with a tiny busybox initramfs,
share the host's root read-only with the guest, chroot into it and run every
scenario script against the real kernel, with the host's own bash, kmod and
util-linux.

WORKDIR must contain:
  M/               the modules (NAME.ko) and userspace clients (copied into
                   the guest; scenarios start with M/ as current directory)
  scenarios/*.sh   the scenario scripts, run in sorted (C locale) order

The guest sees a writable copy of WORKDIR at WORKDIR's own absolute path
(the host's copy is never modified) and sources the harness from its host
path, so file names in messages match the host's. For each scenario NAME:
the kernel log is cleared (dmesg -C), then a fresh "bash -c" ($0 = bash),
with cwd WORKDIR/M, environment PATH, HOME=/root, TERM=dumb, LC_ALL=C and
  KPLAY_WORLD=real DEV=/dev PROC=/proc SYS=/sys M=WORKDIR/M
sources the harness, then WORKDIR/scenarios/NAME.sh (stdin /dev/null).
Processes a scenario leaves behind are killed when it ends. The guest
writes into OUTDIR:
  NAME.out         stdout and stderr of the scenario
  NAME.rc          its exit status, or "timeout" when --scenario-timeout hit
  NAME.dmesg       kernel log lines left unread (not consumed by klog) when
                   the scenario ended, with timestamps (for diagnosis)
and once:
  kernel-release   uname -r of the guest
  boot.dmesg       the kernel log up to the first scenario
  console.log      the guest's serial console (written by the host)
Stale files of these kinds are removed from OUTDIR first.

With --cuse-work PLAYDIR --kplay BIN, the guest then runs kplay itself
(BIN, copied into the share: it may live anywhere) with `kplay up --cuse`
and the scenarios of PLAYDIR (M/ with the plugins under NAME.ko names and
the clients, scenarios/*.sh; also shown at its host path) against it, with
  KPLAY_WORLD=play DEV=/dev PROC=KROOT/proc SYS=KROOT/sys M=PLAYDIR/M
(real character devices in the guest's /dev, served through CUSE), writing
OUTDIR/cuse/NAME.out, NAME.rc, and OUTDIR/cuse/daemon.log (kplay's log).

Options:
  --kernel VERSION        kernel to boot (default: the newest /lib/modules/*
                          with both build/ and /boot/vmlinuz-VERSION)
  --work WORKDIR          see above (required)
  --out OUTDIR            see above; created if missing (required)
  --harness FILE          harness sourced before each scenario
                          (default: compare/harness.sh next to this folder)
  --scenario-timeout S    per-scenario limit in seconds (default 60); the
                          scenario's process group gets SIGTERM, then SIGKILL
                          5 s later
  --boot-timeout S        limit from QEMU start to the first scenario
                          (default 120)
  --cache DIR             cache for the initramfs and vmlinux (default
                          ${XDG_CACHE_HOME:-$HOME/.cache}/kplay)
  --no-pvh                boot the compressed /boot/vmlinuz (bzImage) instead
                          of the uncompressed vmlinux extracted from it into
                          the cache and booted through its PVH entry point
                          (the default when possible: saves ~4 s per boot)
  --keep                  keep the temporary directories and print their path
  -h, --help              show this help

Environment (for experiments): KPLAY_QEMU_ARGS (extra QEMU arguments,
word-split), KPLAY_KERNEL_ARGS (appended to the kernel command line).

The host watches the guest with deadlines: --boot-timeout until the guest is
ready, then scenario-timeout + 20 s per scenario, then 10 s to power off
(so at most boot + n*(scenario+20) + 10 s in all). QEMU is killed on a
deadline, on SIGINT and on SIGTERM.

Exit status: 0 when the guest ran every scenario (whatever their own exit
statuses); 1 on bad usage or setup errors; 2 when the guest did not boot or
failed before the first scenario; 3 when a deadline hit or the guest died
before running every scenario.
EOF
}

# ---------------------------------------------------------------- arguments
kernel='' work='' outdir='' harness='' scen_timeout=60 boot_timeout=120 cache='' keep=0 pvh=1
cuse_work='' kplay_bin=''

while [ $# -gt 0 ]; do
	case "$1" in
	--kernel | --work | --out | --harness | --scenario-timeout | --boot-timeout | --cache | --cuse-work | --kplay)
		[ $# -ge 2 ] || rv_die "$1 needs a value"
		opt=$1 val=$2
		shift 2
		;;
	--*=*) opt=${1%%=*} val=${1#*=}; shift ;;
	--keep) keep=1; shift; continue ;;
	--no-pvh) pvh=0; shift; continue ;;
	-h | --help) usage; exit 0 ;;
	*) usage >&2; rv_die "unknown argument '$1'" ;;
	esac
	case "$opt" in
	--kernel) kernel=$val ;;
	--work) work=$val ;;
	--out) outdir=$val ;;
	--harness) harness=$val ;;
	--scenario-timeout) scen_timeout=$val ;;
	--boot-timeout) boot_timeout=$val ;;
	--cache) cache=$val ;;
	--cuse-work) cuse_work=$val ;;
	--kplay) kplay_bin=$val ;;
	*) usage >&2; rv_die "unknown option '$opt'" ;;
	esac
done

[ -n "$work" ] || { usage >&2; rv_die "--work WORKDIR is required"; }
[ -n "$outdir" ] || { usage >&2; rv_die "--out OUTDIR is required"; }
rv_check_positive_int --scenario-timeout "$scen_timeout"
rv_check_positive_int --boot-timeout "$boot_timeout"
[ -n "$harness" ] || harness=$(cd "$RV_DIR/.." && pwd)/harness.sh
[ -f "$harness" ] || rv_die "harness '$harness' not found"
[ -d "$work" ] || rv_die "work directory '$work' does not exist"
[ -d "$work/M" ] || rv_die "'$work' has no M/ directory (modules and clients)"
[ -d "$work/scenarios" ] || rv_die "'$work' has no scenarios/ directory"
if [ -n "$cuse_work" ]; then
	[ -d "$cuse_work/M" ] && [ -d "$cuse_work/scenarios" ] ||
		rv_die "--cuse-work '$cuse_work' needs M/ and scenarios/"
	[ -n "$kplay_bin" ] && [ -x "$kplay_bin" ] || rv_die "--cuse-work needs --kplay BIN (an executable kplay)"
	cuse_work=$(cd "$cuse_work" && pwd)
	kplay_bin=$(cd "$(dirname "$kplay_bin")" && pwd)/$(basename "$kplay_bin")
fi
if [ -z "$kernel" ]; then
	kernel=$(rv_default_kernel) ||
		rv_die "no kernel found with both /lib/modules/VERSION/build and /boot/vmlinuz-VERSION (install linux-image-amd64 and linux-headers-amd64)"
fi
vmlinuz=/boot/vmlinuz-$kernel
moddir=/lib/modules/$kernel
[ -r "$vmlinuz" ] || rv_die "kernel image $vmlinuz not found or not readable"
[ -f "$moddir/modules.dep" ] || rv_die "$moddir/modules.dep not found (modules of $kernel not installed?)"
qemu=$(command -v qemu-system-x86_64) || rv_die "qemu-system-x86_64 not found (apt-get install qemu-system-x86)"
busybox=
for b in /bin/busybox /usr/bin/busybox; do
	[ -x "$b" ] && { busybox=$b; break; }
done
[ -n "$busybox" ] || rv_die "busybox not found (apt-get install busybox-static)"
if command -v readelf >/dev/null && readelf -l "$busybox" 2>/dev/null | grep -q 'program interpreter'; then
	rv_die "$busybox is dynamically linked; the initramfs needs busybox-static (apt-get install busybox-static)"
fi
for t in cpio gzip; do
	command -v "$t" >/dev/null || rv_die "$t not found"
done

work=$(cd "$work" && pwd)
harness=$(cd "$(dirname "$harness")" && pwd)/$(basename "$harness")
mkdir -p "$outdir" || rv_die "cannot create output directory '$outdir'"
outdir=$(cd "$outdir" && pwd)
[ "$outdir" != / ] || rv_die "refusing to use / as OUTDIR"
cache=${cache:-${XDG_CACHE_HOME:-$HOME/.cache}/kplay}
mkdir -p "$cache" || rv_die "cannot create cache directory '$cache'"

scenarios=()
while IFS= read -r f; do
	name=${f##*/}
	name=${name%.sh}
	case "$name" in
	'' | *[!A-Za-z0-9._+-]*) rv_die "scenario file name '$f' must match [A-Za-z0-9._+-]+.sh" ;;
	esac
	scenarios+=("$name")
done < <(find "$work/scenarios" -maxdepth 1 -name '*.sh' \( -type f -o -type l \) | LC_ALL=C sort)
nscen=${#scenarios[@]}
[ "$nscen" -gt 0 ] || rv_die "no scenarios/*.sh in '$work'"

# ---------------------------------------------------------------- temp dirs, cleanup
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kplay-realvm.XXXXXX")
qpid=
kill_qemu() {
	[ -n "$qpid" ] || return 0
	if kill -0 "$qpid" 2>/dev/null; then
		kill -TERM "$qpid" 2>/dev/null || true
		# QEMU exits promptly on SIGTERM; escalate if it does not.
		local i
		for i in $(seq 50); do
			kill -0 "$qpid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$qpid" 2>/dev/null || true
	fi
	wait "$qpid" 2>/dev/null || true
	qpid=
}
# shellcheck disable=SC2317 # (trap handlers)
on_exit() {
	kill_qemu
	exec 3<&- 4>&-
	if [ "$keep" = 1 ]; then
		printf '%s: kept temporary directory %s (share: %s/share, initramfs tree: %s/initramfs)\n' \
			"$RV_PROG" "$tmp" "$tmp" "$tmp" >&2
	else
		rm -rf "$tmp"
	fi
}
# shellcheck disable=SC2317
on_signal() {
	trap - INT TERM
	printf '%s: interrupted by SIG%s, stopping QEMU\n' "$RV_PROG" "$1" >&2
	kill_qemu
	exit $((128 + $2))
}
trap on_exit EXIT
trap 'on_signal INT 2' INT
trap 'on_signal TERM 15' TERM

# ---------------------------------------------------------------- guest init (busybox sh)
write_init() {
	cat <<'EOF'
#!/bin/sh
# kplay realvm guest init: load virtio/9p, mount the host root, chroot, run.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/null >/dev/console 2>&1
up() { cut -d' ' -f1 /proc/uptime; }
mark() { echo "@@kplay:$*"; }
halt_now() {
	sync
	mark poweroff
	poweroff -f
	echo o >/proc/sysrq-trigger
}
fail() {
	mark fail "$*"
	halt_now
	exit 1
}
mark init "$(up)"
while read -r m; do
	[ -n "$m" ] || continue
	insmod "/kmod/$m.ko" || fail "insmod $m failed"
done </kmod/order
R=/newroot
opts=trans=virtio,version=9p2000.L,msize=262144
mount -t 9p -o "$opts,ro,cache=loose" hostroot $R || fail "cannot mount the host root (9p tag hostroot)"
mount -t proc proc $R/proc || fail "mount proc"
mount -t sysfs sysfs $R/sys || fail "mount sysfs"
mount -t devtmpfs devtmpfs $R/dev || fail "mount devtmpfs"
mount -t debugfs debugfs $R/sys/kernel/debug || fail "mount debugfs"
mkdir -p $R/dev/pts $R/dev/shm
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts $R/dev/pts || fail "mount devpts"
mount -t tmpfs -o mode=1777 tmpfs $R/dev/shm || fail "mount /dev/shm"
ln -sfn /proc/self/fd $R/dev/fd
ln -sfn /proc/self/fd/0 $R/dev/stdin
ln -sfn /proc/self/fd/1 $R/dev/stdout
ln -sfn /proc/self/fd/2 $R/dev/stderr
mount -t tmpfs -o mode=1777 tmpfs $R/tmp || fail "mount /tmp"
mount -t tmpfs -o mode=755 tmpfs $R/run || fail "mount /run"
mkdir -p $R/tmp/kplay-work $R/tmp/kplay-out
mount -t 9p -o "$opts" kplaywork $R/tmp/kplay-work || fail "cannot mount the work share (9p tag kplaywork)"
mount -t 9p -o "$opts" kplayout $R/tmp/kplay-out || fail "cannot mount the output share (9p tag kplayout)"
mark mounted "$(up)"
chroot $R /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	HOME=/root TERM=dumb LC_ALL=C \
	/bin/bash /tmp/kplay-work/ctl/guest-run.sh ||
	mark fail "guest-run.sh exited with status $?"
halt_now
EOF
}

# ---------------------------------------------------------------- guest runner (bash, in the chroot)
write_guest_runner() {
	cat <<'EOF'
#!/bin/bash
# Runs inside the chroot (the host's root, read-only) in the guest.
set -u
W=/tmp/kplay-work
O=/tmp/kplay-out
. "$W/ctl/config"
mark() { printf '@@kplay:%s\n' "$*" >/dev/console; }
up() { local u; read -r u _ </proc/uptime; printf '%s' "$u"; }
# Show the copy of WORKDIR at WORKDIR's host path, and source the harness from
# its host path, so that paths in messages (bash's "FILE: line N: ...") are
# the same as on the host. Fall back to the share's paths if that fails.
WK=$W/work
if mkdir -p "$HOST_WORK" 2>/dev/null && mount --bind "$W/work" "$HOST_WORK"; then
	WK=$HOST_WORK
else
	mark note "cannot mount the work copy at $HOST_WORK; M is $W/work/M"
fi
H=$W/ctl/harness.sh
if [ -r "$HOST_HARNESS" ] && cmp -s "$HOST_HARNESS" "$H"; then
	H=$HOST_HARNESS
elif mkdir -p "${HOST_HARNESS%/*}" 2>/dev/null && cp "$H" "$HOST_HARNESS" 2>/dev/null; then
	H=$HOST_HARNESS
else
	mark note "cannot place the harness at $HOST_HARNESS; using $H"
fi
M=$WK/M
# "comm[pid] STATE ..." for the live (not zombie) processes of process group $1
stuck_list() {
	local want=$1 f st pid comm out=
	local -a fld
	for f in /proc/[0-9]*/stat; do
		read -r st <"$f" 2>/dev/null || continue
		read -r -a fld <<<"${st##*) }" # state ppid pgrp ...
		[ "${fld[2]:-}" = "$want" ] && [ "${fld[0]}" != Z ] || continue
		pid=${f#/proc/}
		pid=${pid%/stat}
		comm=${st#*(}
		comm=${comm%) *}
		out+="$comm[$pid] ${fld[0]} "
	done
	printf '%s' "${out% }"
}
uname -r >"$O/kernel-release"
# The boot log, for diagnosis (the first "dmesg -C" below clears it).
dmesg >"$O/boot.dmesg" 2>&1
mark ready "$(up)"
while IFS= read -r name; do
	dmesg -C
	mark start "$name" "$(up)"
	# A fresh bash per scenario, in its own process group (timeout's), so that
	# a timeout and the clean-up below reach every process it started.
	timeout --verbose -k 5 "$SCENARIO_TIMEOUT" /bin/bash -c '
		exec >"$1" 2>&1 </dev/null
		cd "$4" || exit 125
		export KPLAY_WORLD=real DEV=/dev PROC=/proc SYS=/sys M=$4
		_kp_harness=$2 _kp_scenario=$3
		set --
		source "$_kp_harness" || exit
		unset _kp_harness
		source "$_kp_scenario"' bash \
		"$O/$name.out" "$H" "$WK/scenarios/$name.sh" "$M" \
		2>"$W/ctl/$name.timeout" &
	pid=$!
	wait "$pid"
	rc=$?
	# Processes the scenario left behind (background jobs) die with it.
	if kill -KILL -- "-$pid" 2>/dev/null; then
		mark stray "$name"
		# SIGKILL takes effect when a task leaves the kernel; one that spins
		# or sleeps uninterruptibly in a module never does. Name those.
		for _ in $(seq 20); do
			[ -n "$(stuck_list "$pid")" ] || break
			sleep 0.05
		done
		stuck=$(stuck_list "$pid")
		[ -z "$stuck" ] || mark stuck "$name" "$stuck"
	fi
	if grep -q 'sending signal' "$W/ctl/$name.timeout"; then
		rc=timeout
	fi
	dmesg >"$O/$name.dmesg" 2>&1
	echo "$rc" >"$O/$name.rc"
	mark end "$name" "$rc" "$(cat /proc/sys/kernel/tainted)" "$(up)"
done <"$W/ctl/scenarios.list"
if [ -n "${CUSE_WORK:-}" ]; then
	# kplay itself, in this kernel, with its devices served through CUSE.
	C=$O/cuse
	mkdir -p "$C"
	CK=$W/cuse-work
	if mkdir -p "$HOST_CUSE_WORK" 2>/dev/null && mount --bind "$W/cuse-work" "$HOST_CUSE_WORK"; then
		CK=$HOST_CUSE_WORK
	fi
	KPLAY=$CK/kplay # the host's binary, copied into the share
	KR=/tmp/kplay-cuse-root
	mkdir -p "$KR"
	if ! "$KPLAY" up --cuse --root "$KR" >"$C/up.log" 2>&1; then
		mark note "kplay up --cuse failed: $(tr '\n' ' ' <"$C/up.log")"
	fi
	while IFS= read -r name; do
		"$KPLAY" dmesg --root "$KR" --clear >/dev/null 2>&1
		mark start "cuse:$name" "$(up)"
		timeout --verbose -k 5 "$SCENARIO_TIMEOUT" /bin/bash -c '
			exec >"$1" 2>&1 </dev/null
			cd "$4" || exit 125
			export KPLAY_WORLD=play KPLAY=$5 KPLAY_ROOT=$6 DEV=/dev PROC=$6/proc SYS=$6/sys M=$4
			_kp_harness=$2 _kp_scenario=$3
			set --
			source "$_kp_harness" || exit
			unset _kp_harness
			source "$_kp_scenario"' bash \
			"$C/$name.out" "$H" "$CK/scenarios/$name.sh" "$CK/M" "$KPLAY" "$KR" \
			2>"$W/ctl/cuse-$name.timeout" &
		pid=$!
		wait "$pid"
		rc=$?
		kill -KILL -- "-$pid" 2>/dev/null && mark stray "cuse:$name"
		grep -q 'sending signal' "$W/ctl/cuse-$name.timeout" && rc=timeout
		# A scenario that leaves modules loaded would leak into the next one.
		for m in $("$KPLAY" lsmod --root "$KR" 2>/dev/null | awk 'NR > 1 { print $1 }'); do
			"$KPLAY" rmmod --root "$KR" "$m" >/dev/null 2>&1
		done
		echo "$rc" >"$C/$name.rc"
		mark end "cuse:$name" "$rc" "$(cat /proc/sys/kernel/tainted)" "$(up)"
	done <"$W/ctl/cuse-scenarios.list"
	"$KPLAY" down --root "$KR" >>"$C/up.log" 2>&1
	cp "$KR/.kplay/daemon.log" "$C/daemon.log" 2>/dev/null
fi
mark done "$(up)"
EOF
}

# ---------------------------------------------------------------- initramfs
# Modules needed to reach the 9p shares (plus fuse/cuse when present), in a
# load order computed from modules.dep: each module after its dependencies.
declare -A mod_path=() mod_deps=() mod_seen=()
mod_order=()
mod_name() {
	local n=${1##*/}
	n=${n%%.ko*}
	printf '%s' "${n//-/_}"
}
read_modules_dep() {
	local f deps n
	while IFS=: read -r f deps; do
		n=${f##*/}
		n=${n%%.ko*}
		n=${n//-/_}
		mod_path[$n]=$f
		mod_deps[$n]=$deps
	done <"$moddir/modules.dep"
}
add_module() {
	local n=$1 d
	[ -z "${mod_seen[$n]:-}" ] || return 0
	mod_seen[$n]=1
	for d in ${mod_deps[$n]}; do
		add_module "$(mod_name "$d")"
	done
	mod_order+=("$n")
}
is_builtin() {
	grep -qE "(^|/)$1\.ko\$" "$moddir/modules.builtin" 2>/dev/null
}

build_initramfs() {
	local dest=$1 ird=$tmp/initramfs f a n
	rm -rf "$ird"
	mkdir -p "$ird"/{bin,dev,proc,sys,newroot,kmod}
	cp "$busybox" "$ird/bin/busybox"
	for a in $("$busybox" --list); do
		[ "$a" = busybox ] || ln -sf busybox "$ird/bin/$a"
	done
	write_init >"$ird/init"
	chmod 755 "$ird/init"

	read_modules_dep
	for n in virtio_pci 9pnet_virtio 9p; do
		if [ -n "${mod_path[$n]:-}" ]; then
			add_module "$n"
		elif ! is_builtin "$n"; then
			rv_die "kernel $kernel has no $n module (neither in modules.dep nor built in)"
		fi
	done
	# virtio-rng seeds the kernel's random pool at boot, so that "random: crng
	# init done" is logged before the first scenario rather than at a random
	# point inside one (and getrandom() never blocks in a scenario).
	for n in virtio_rng fuse cuse; do
		[ -z "${mod_path[$n]:-}" ] || add_module "$n"
	done
	: >"$ird/kmod/order"
	for n in "${mod_order[@]}"; do
		f=$moddir/${mod_path[$n]}
		[ -f "$f" ] || rv_die "module file $f listed in modules.dep is missing"
		# busybox insmod cannot load compressed modules: decompress here.
		case "$f" in
		*.ko) cp "$f" "$ird/kmod/$n.ko" ;;
		*.ko.xz) xz -dc "$f" >"$ird/kmod/$n.ko" ;;
		*.ko.zst) zstd -qdc "$f" >"$ird/kmod/$n.ko" ;;
		*.ko.gz) gzip -dc "$f" >"$ird/kmod/$n.ko" ;;
		*) rv_die "unsupported module file $f" ;;
		esac
		echo "$n" >>"$ird/kmod/order"
	done
	(cd "$ird" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
		gzip -1 >"$dest.tmp.$$"
	mv -f "$dest.tmp.$$" "$dest"
}

initramfs=$cache/initramfs-$kernel.cpio.gz
key=$({
	sha256sum "$RV_SELF" | cut -d' ' -f1
	stat -L -c '%n %s %Y' "$vmlinuz" "$moddir/modules.dep" "$busybox"
} | sha256sum | cut -d' ' -f1)
if [ -f "$initramfs" ] && [ "$(cat "$initramfs.key" 2>/dev/null)" = "$key" ]; then
	rv_note "initramfs: cached $initramfs"
else
	t0=$(rv_now)
	build_initramfs "$initramfs"
	echo "$key" >"$initramfs.key"
	rv_note "initramfs: built $initramfs in $(rv_elapsed "$t0") s ($(du -k "$initramfs" | cut -f1) KiB, modules: $(tr '\n' ' ' <"$tmp/initramfs/kmod/order"| sed 's/ $//'))"
fi

# ---------------------------------------------------------------- kernel image
# Under TCG, decompressing the bzImage takes ~4 s of every boot. The kernel
# also has a PVH entry point (CONFIG_PVH), through which QEMU boots the
# uncompressed ELF vmlinux directly; extract it once into the cache.
find_magic() { # find_magic FILE HEXBYTES -> offset of the first match
	LC_ALL=C grep -obUaP "$2" "$1" 2>/dev/null | head -n 1 | cut -d: -f1
}
extract_vmlinux() { # extract_vmlinux BZIMAGE DEST
	local off magic tool
	for magic in 'xz:\xfd7zXZ\x00' 'zstd:\x28\xb5\x2f\xfd' 'gzip:\x1f\x8b\x08'; do
		tool=${magic%%:*}
		command -v "$tool" >/dev/null || continue
		off=$(find_magic "$1" "${magic#*:}")
		[ -n "$off" ] || continue
		case "$tool" in
		xz) tail -c +$((off + 1)) "$1" | xz -dc --single-stream >"$2" 2>/dev/null ;;
		zstd) tail -c +$((off + 1)) "$1" | zstd -qdc >"$2" 2>/dev/null ;;
		gzip) tail -c +$((off + 1)) "$1" | gzip -dc >"$2" 2>/dev/null ;;
		esac
		# Accept only an ELF image with a PVH entry note (Xen note type 0x12).
		if [ "$(head -c 4 "$2" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] &&
			readelf -n "$2" 2>/dev/null | grep -q 'Xen.*(0x00000012)'; then
			return 0
		fi
	done
	rm -f "$2"
	return 1
}
boot_image=$vmlinuz
if [ "$pvh" = 1 ] && command -v readelf >/dev/null; then
	vmlinux=$cache/vmlinux-$kernel
	vkey=$(stat -L -c '%n %s %Y' "$vmlinuz")
	if [ -f "$vmlinux" ] && [ "$(cat "$vmlinux.key" 2>/dev/null)" = "$vkey" ]; then
		boot_image=$vmlinux
	else
		t0=$(rv_now)
		if extract_vmlinux "$vmlinuz" "$vmlinux.tmp.$$"; then
			mv -f "$vmlinux.tmp.$$" "$vmlinux"
			echo "$vkey" >"$vmlinux.key"
			boot_image=$vmlinux
			rv_note "kernel: extracted the PVH-bootable $vmlinux in $(rv_elapsed "$t0") s"
		else
			rv_note "kernel: no PVH-bootable vmlinux inside $vmlinuz; booting the bzImage (slower)"
		fi
	fi
fi

# ---------------------------------------------------------------- share
for name in "${scenarios[@]}"; do
	rm -f "$outdir/$name.out" "$outdir/$name.rc" "$outdir/$name.dmesg"
done
find "$outdir" -maxdepth 1 -type f \( -name '*.out' -o -name '*.rc' -o -name '*.dmesg' \
	-o -name console.log -o -name kernel-release -o -name boot.dmesg \) -delete
rm -rf "$outdir/cuse"

share=$tmp/share
mkdir -p "$share/work" "$share/ctl"
# A copy of WORKDIR (without OUTDIR, if that is inside it), symlinks
# dereferenced: the guest sees only what is inside the share.
for f in "$work"/* "$work"/.[!.]* "$work"/..?*; do
	[ -e "$f" ] || [ -L "$f" ] || continue
	[ "$f" != "$outdir" ] || continue
	cp -RL "$f" "$share/work/" ||
		rv_die "cannot copy $f into the guest's share (dangling symlink?)"
done
cp "$harness" "$share/ctl/harness.sh"
write_guest_runner >"$share/ctl/guest-run.sh"
printf '%s\n' "${scenarios[@]}" >"$share/ctl/scenarios.list"
printf 'SCENARIO_TIMEOUT=%q\nHOST_WORK=%q\nHOST_HARNESS=%q\n' \
	"$scen_timeout" "$work" "$harness" >"$share/ctl/config"
ncuse=0
if [ -n "$cuse_work" ]; then
	mkdir -p "$share/cuse-work"
	cp -RL "$cuse_work/M" "$cuse_work/scenarios" "$share/cuse-work/" ||
		rv_die "cannot copy $cuse_work into the guest's share (dangling symlink?)"
	# The binary travels in the share too: the guest mounts its own /tmp,
	# /run and /dev over the host's (a build under /tmp would be hidden).
	cp "$kplay_bin" "$share/cuse-work/kplay" || rv_die "cannot copy $kplay_bin into the guest's share"
	find "$share/cuse-work/scenarios" -maxdepth 1 -name '*.sh' -printf '%f\n' | sed 's/\.sh$//' | LC_ALL=C sort \
		>"$share/ctl/cuse-scenarios.list"
	ncuse=$(wc -l <"$share/ctl/cuse-scenarios.list")
	printf 'CUSE_WORK=1\nHOST_CUSE_WORK=%q\nKPLAY=%q\n' "$cuse_work" "$kplay_bin" >>"$share/ctl/config"
fi

# ---------------------------------------------------------------- QEMU
console=$outdir/console.log
qemu_cmd=("$qemu" -accel tcg -m 1024 -smp 2 -nographic -no-reboot -nic none
	-kernel "$boot_image" -initrd "$initramfs"
	-append "console=ttyS0 quiet loglevel=4 panic=-1${KPLAY_KERNEL_ARGS:+ $KPLAY_KERNEL_ARGS}"
	-device virtio-rng-pci
	-virtfs "local,id=hostroot,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
	-virtfs "local,id=kplaywork,path=$share,mount_tag=kplaywork,security_model=none,multidevs=remap"
	-virtfs "local,id=kplayout,path=$outdir,mount_tag=kplayout,security_model=none,multidevs=remap")
# Extra QEMU arguments for experiments and debugging (word-split).
# shellcheck disable=SC2206
[ -z "${KPLAY_QEMU_ARGS:-}" ] || qemu_cmd+=($KPLAY_QEMU_ARGS)

fifo=$tmp/console.fifo
mkfifo "$fifo"
exec 4>"$console"
"${qemu_cmd[@]}" </dev/null >"$fifo" 2>"$tmp/qemu.stderr" &
qpid=$!
exec 3<"$fifo"
rv_note "booting $boot_image under QEMU (TCG), $nscen scenario(s), scenario timeout ${scen_timeout}s"

# Microseconds since the epoch, and seconds with one decimal for reports.
usec() { local t=${EPOCHREALTIME/[.,]/}; printf '%s' "$((10#$t))"; }
secs() { printf '%d.%d' "$(($1 / 1000000))" "$(($1 % 1000000 / 100000))"; }
T0=$(usec)
poweroff_grace=10
deadline=$((T0 + boot_timeout * 1000000))
phase=boot # boot | scenarios | poweroff
booted=0 ready=0 alldone=0 guest_fail='' deadline_hit=0 t_ready=''
cur='' cur_t=0 idx=0 trouble=() ran=() stuck=()
trouble_re='(BUG:|Oops|general protection fault|Kernel panic|Call Trace:|WARNING:|soft lockup|hard LOCKUP|blocked for more than|detected stalls|segfault at)'

# /proc/sys/kernel/tainted as the kernel prints it ("OE" = out-of-tree,
# unsigned; "D" = an oops happened; "W" = a WARN fired; "L" = soft lockup).
taint_letters() {
	local t=$1 letters=PFSRMBUDAWCIOELKXT i s=
	case "$t" in '' | *[!0-9]*) printf '%s' "${t:-?}"; return ;; esac
	for ((i = 0; i < ${#letters}; i++)); do
		(((t >> i) & 1)) && s+=${letters:i:1}
	done
	printf '%s' "${s:-none}"
}

handle_marker() {
	local f
	read -r -a f <<<"$1"
	case "${f[0]}" in
	init)
		booted=1
		rv_note "guest init started after $(secs $(($(usec) - T0))) s"
		;;
	fail)
		guest_fail=${1#fail }
		;;
	ready)
		ready=1
		t_ready=$(($(usec) - T0))
		rv_note "guest ready after $(secs "$t_ready") s (boot to first scenario)"
		phase=scenarios
		deadline=$(($(usec) + (scen_timeout + 20) * 1000000))
		;;
	start)
		cur=${f[1]}
		cur_t=$(usec)
		idx=$((idx + 1))
		deadline=$((cur_t + (scen_timeout + 20) * 1000000))
		;;
	end)
		local name=${f[1]} rc=${f[2]} taint=${f[3]} what
		ran+=("$name")
		if [ "$rc" = timeout ]; then what="timeout after ${scen_timeout} s"; else what="exit $rc"; fi
		rv_note "[$idx/$((nscen + ncuse))] $name: $what ($(secs $(($(usec) - cur_t))) s, kernel taint: $(taint_letters "$taint"))"
		cur=
		deadline=$(($(usec) + (scen_timeout + 20) * 1000000))
		;;
	note)
		rv_note "guest: ${1#note }"
		;;
	stray)
		rv_note "note: scenario ${f[1]} left processes behind; they were killed"
		;;
	stuck)
		rv_note "warning: scenario ${f[1]} left processes that SIGKILL cannot end (stuck in the kernel): ${1#stuck "${f[1]}" }"
		stuck+=("${f[1]}")
		;;
	done)
		alldone=1
		phase=poweroff
		# All results are on the host already (9p writes are synchronous).
		# A power-off takes well under a second, unless a CPU is stuck.
		deadline=$(($(usec) + poweroff_grace * 1000000))
		;;
	esac
}

while :; do
	now=$(usec)
	if [ "$now" -ge "$deadline" ]; then
		deadline_hit=1
		break
	fi
	rem=$((deadline - now))
	line=
	if IFS= read -r -t "$(printf '%d.%06d' $((rem / 1000000)) $((rem % 1000000)))" -u 3 line; then
		:
	else
		st=$?
		if [ "$st" -gt 128 ]; then
			[ -z "$line" ] || printf '%s' "$line" >&4
			deadline_hit=1
			break
		fi
		[ -n "$line" ] || break # EOF: QEMU closed its output
	fi
	line=${line%$'\r'}
	printf '%s\n' "$line" >&4
	case "$line" in
	*@@kplay:*) handle_marker "${line#*@@kplay:}" ;;
	*)
		if [[ $line =~ $trouble_re ]]; then
			trouble+=("${cur:-<$phase>}: $line")
		fi
		;;
	esac
done

qemu_rc=
if [ "$deadline_hit" = 1 ]; then
	kill_qemu
else
	wait "$qpid" && qemu_rc=0 || qemu_rc=$?
	qpid=
fi
exec 3<&- 4>&-
total=$(secs $(($(usec) - T0)))

console_tail() {
	printf '%s: last 30 lines of %s:\n' "$RV_PROG" "$console" >&2
	tail -n 30 "$console" | sed 's/^/    | /' >&2
}

not_run=()
for name in "${scenarios[@]}"; do
	[ -f "$outdir/$name.rc" ] || not_run+=("$name")
done
if [ -n "$cuse_work" ]; then
	while IFS= read -r name; do
		[ -f "$outdir/cuse/$name.rc" ] || not_run+=("cuse:$name")
	done <"$share/ctl/cuse-scenarios.list"
fi

status=0
if [ "$booted" = 0 ]; then
	if [ "$deadline_hit" = 1 ]; then
		printf '%s: error: the guest did not reach its init script within %s s\n' "$RV_PROG" "$boot_timeout" >&2
	else
		printf '%s: error: QEMU exited (status %s) before the guest reached its init script\n' "$RV_PROG" "$qemu_rc" >&2
	fi
	if [ -s "$tmp/qemu.stderr" ]; then
		printf '%s: QEMU stderr:\n' "$RV_PROG" >&2
		sed 's/^/    | /' "$tmp/qemu.stderr" >&2
	fi
	console_tail
	status=2
elif [ "$ready" = 0 ]; then
	if [ -n "$guest_fail" ]; then
		printf '%s: error: guest setup failed: %s\n' "$RV_PROG" "$guest_fail" >&2
	elif [ "$deadline_hit" = 1 ]; then
		printf '%s: error: the guest was not ready within the boot timeout (%s s)\n' "$RV_PROG" "$boot_timeout" >&2
	else
		printf '%s: error: the guest stopped (QEMU status %s) before running any scenario\n' "$RV_PROG" "$qemu_rc" >&2
	fi
	console_tail
	status=2
elif [ "${#not_run[@]}" -gt 0 ] || [ "$alldone" = 0 ]; then
	if [ "$deadline_hit" = 1 ] && [ -n "$cur" ]; then
		printf '%s: error: scenario %s did not finish within %s s + 20 s grace: the guest hung; QEMU killed\n' "$RV_PROG" "$cur" "$scen_timeout" >&2
	elif [ "$deadline_hit" = 1 ]; then
		printf '%s: error: the guest stopped responding between scenarios; QEMU killed\n' "$RV_PROG" >&2
	else
		printf '%s: error: the guest died (QEMU status %s) during %s\n' "$RV_PROG" "$qemu_rc" "${cur:-the run}" >&2
	fi
	[ -z "$guest_fail" ] || printf '%s: guest reported: %s\n' "$RV_PROG" "$guest_fail" >&2
	printf '%s: ran %d of %d scenario(s): %s\n' "$RV_PROG" "${#ran[@]}" "$nscen" "${ran[*]:-none}" >&2
	printf '%s: not run or unfinished: %s\n' "$RV_PROG" "${not_run[*]}" >&2
	console_tail
	status=3
else
	if [ "$deadline_hit" = 1 ]; then
		rv_note "warning: the guest did not power off within $poweroff_grace s after the last scenario (a CPU stuck in a module?); QEMU killed"
	fi
	rv_note "ran all $nscen scenario(s) on $(cat "$outdir/kernel-release" 2>/dev/null || echo '?') in $total s (results in $outdir)"
fi

if [ "${#trouble[@]}" -gt 0 ]; then
	printf '%s: kernel trouble on the console (oops/warning/hang):\n' "$RV_PROG" >&2
	printf '    %s\n' "${trouble[@]}" | head -n 20 >&2
	[ "$status" != 0 ] || console_tail
elif [ "${#stuck[@]}" -gt 0 ] && [ "$status" = 0 ]; then
	console_tail
fi
exit "$status"
