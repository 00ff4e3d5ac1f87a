#!/usr/bin/env bash
# The Debian package end to end (ctest -L package):
#   1. build it with CPack from the build tree;
#   2. dpkg -i it; check the program, man page, bash completion, systemd unit;
#   3. build an out-of-tree module with the installed SDK, twice: a CMake
#      project (find_package(kplay) + kplay_add_module) and its Kbuild
#      directory with `kplay build` (found through pkg-config); check the two
#      plugins and `pkg-config --cflags kplay` compile the same code;
#   4. kplay up, insmod the module, cat its /proc and /sys files, down;
#   5. dpkg -r and --purge, with one root deliberately left up (the package's
#      prerm must bring it down), then check no file, mount or daemon is left.
# Needs root and dpkg. A trap undoes every step if one fails midway.
# Environment (set by ctest): KPLAY_BUILD_DIR, the CMake build directory.
# Runs hold a lock (/run/lock/kplay-package-test.lock; daemons started here
# do not inherit it), so two runs on one machine take turns.
set -uo pipefail
# shellcheck disable=SC2015 # "A && ok || fail": ok and fail always succeed

: "${KPLAY_BUILD_DIR:?KPLAY_BUILD_DIR must name the CMake build directory}"

FAILS=0
ok() { echo "ok: $*"; }
fail() {
	echo "FAIL: $*"
	FAILS=$((FAILS + 1))
}
die() {
	echo "FAIL: $*"
	FAILS=$((FAILS + 1))
	exit 1
}
expect_eq() { if [ "$2" == "$3" ]; then ok "$1"; else fail "$1: expected [$2], got [$3]"; fi; }
expect_contains() { if [[ "$3" == *"$2"* ]]; then ok "$1"; else fail "$1: [$2] not in [$3]"; fi; }
# show CMD...: print the command as typed, then run it (the transcript in the test log).
show() {
	echo "\$ $*"
	"$@"
}

skip() {
	echo "SKIP: $*"
	exit 77
}
[ "$(id -u)" = 0 ] || skip "needs root (dpkg -i)"
for tool in dpkg dpkg-deb cpack cmake pkg-config gcc make objcopy; do
	command -v "$tool" >/dev/null || skip "needs $tool"
done
[ -e /dev/fuse ] || skip "needs /dev/fuse"
# One package test at a time on this machine (other build trees, other
# sessions): they would install and remove the same dpkg package.
lockdir=/run/lock
[ -d "$lockdir" ] || lockdir=/tmp
exec 9>>"$lockdir/kplay-package-test.lock"
if command -v flock >/dev/null; then
	flock -w 240 9 || skip "another kplay package test has held $lockdir/kplay-package-test.lock for 240 s"
fi
status=$(dpkg-query -W -f='${db:Status-Abbrev}' kplay 2>/dev/null)
if [ -n "$status" ] && [ "$status" != "un " ]; then
	skip "a kplay package is already known to dpkg ($status); this test installs and removes its own"
fi
[ -e /usr/bin/kplay ] && skip "/usr/bin/kplay exists outside the package"
# The installed program must find its own SDK and data.
unset KPLAY_SDK KPLAY_DATA KPLAY_ROOT

T=$(mktemp -d /tmp/kplay-package.XXXXXX)
ROOT=$T/root      # the root the module is loaded on
LEFT=$T/left-up   # a root left up for the package's prerm to bring down
UROOT=$T/unitroot # the root of the kplay@ unit
K=/usr/bin/kplay
installed=0
unit_pid=""

cleanup() {
	local rc=$?
	[ -n "$unit_pid" ] && kill "$unit_pid" 2>/dev/null
	for r in "$ROOT" "$LEFT" "$UROOT"; do
		[ -x $K ] && $K down --root "$r" >/dev/null 2>&1
		if grep -q " $r/" /proc/self/mountinfo; then
			umount -l "$r/dev" "$r/proc" "$r/sys" 2>/dev/null
		fi
	done
	if [ "$installed" = 1 ]; then
		echo "cleanup: purging the kplay package"
		dpkg --purge kplay >/dev/null 2>&1
	fi
	rm -rf "$T"
	[ "$rc" = 0 ] && [ "$FAILS" != 0 ] && rc=1
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)

# --- 1. build the package -------------------------------------------------
echo "# cpack --config $KPLAY_BUILD_DIR/CPackConfig.cmake -B $T/pkg"
cpack --config "$KPLAY_BUILD_DIR/CPackConfig.cmake" -B "$T/pkg" >"$T/cpack.log" 2>&1 ||
	{ cat "$T/cpack.log"; die "cpack could not build the package"; }
debs=("$T"/pkg/kplay_*.deb)
[ -f "${debs[0]}" ] || die "cpack made no kplay_*.deb"
deb=${debs[0]}
ok "package built: $(basename "$deb")"
echo "$ dpkg-deb -c $(basename "$deb")"
dpkg-deb -c "$deb"

# Every path of the package, and those that existed before it was installed
# (directories such as /usr/share/man/man1): what removal must give back.
dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -e 's|^\./|/|' -e 's|/$||' | grep -v '^/*$' >"$T/paths"
while IFS= read -r p; do
	if [ -e "$p" ] || [ -L "$p" ]; then echo "$p"; fi
done <"$T/paths" >"$T/preexisting"
for p in /usr/bin/kplay /usr/share/kplay/include/linux/module.h /usr/share/kplay/include/linux/sched/signal.h \
	/usr/share/kplay/kbuild/query.mk /usr/share/kplay/compare/harness.sh /usr/share/kplay/compare/run-local.sh \
	/usr/share/kplay/compare/realvm/run-real.sh /usr/share/kplay/plugins/hello-5/Makefile \
	/usr/share/kplay/plugins/hello-5/hello-5.c /usr/share/kplay/plugins/hello-5/scenario.sh \
	/usr/share/kplay/plugins/chardev/expected-differences /usr/lib/kplay/plugins/hello-5.so \
	/usr/share/man/man1/kplay.1.gz /usr/share/bash-completion/completions/kplay /lib/systemd/system/kplay@.service \
	/usr/lib/x86_64-linux-gnu/cmake/kplay/kplayConfig.cmake \
	/usr/lib/x86_64-linux-gnu/cmake/kplay/kplayConfigVersion.cmake /usr/lib/x86_64-linux-gnu/pkgconfig/kplay.pc; do
	grep -qx "$p" "$T/paths" || fail "the package lacks $p"
done
ok "the package holds the program, SDK, examples, man page, completion, unit, CMake and pkg-config files"

# --- 2. install ---------------------------------------------------------------
installed=1
show dpkg -i "$deb" || die "dpkg -i failed"
expect_eq "dpkg says installed" "ii " "$(dpkg-query -W -f='${db:Status-Abbrev}' kplay)"
help=$($K --help)
expect_eq "kplay --help exits 0" 0 "$?"
expect_contains "kplay --help lists the subcommands" "Subcommands:" "$help"

# The man page: every subcommand of --help has a section, and man renders it cleanly.
man=$(zcat /usr/share/man/man1/kplay.1.gz)
expect_contains "man page header" ".TH KPLAY 1" "$man"
for c in $(awk '/^Subcommands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }' <<<"$help"); do
	grep -q "^\.SS \"kplay $c" <<<"$man" || fail "man page has no section for kplay $c"
done
ok "man page documents every subcommand"
if command -v man >/dev/null; then
	expect_eq "man -w finds kplay(1)" /usr/share/man/man1/kplay.1.gz "$(man -w kplay 2>&1)"
	expect_eq "man renders kplay(1) without warnings" "" \
		"$(MANWIDTH=80 man --warnings -l /usr/share/man/man1/kplay.1.gz 2>&1 >/dev/null)"
fi

# Bash completion (with minimal stand-ins for bash-completion's helpers).
compl=$(bash -c '
	_init_completion() { cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }
	_filedir() { :; }
	. /usr/share/bash-completion/completions/kplay
	c() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _kplay; echo "${COMPREPLY[*]}"; }
	c kplay ins; c kplay dmesg --fo; c kplay compare hello-
')
# The example names come from the installed examples, whatever they are today.
hellos=$(cd /usr/share/kplay/plugins && ls -d hello-* | sort | tr '\n' ' ' | sed 's/ $//')
expect_eq "bash completion: subcommands, options, examples" \
	"insmod|--follow|$hellos" "$(tr '\n' '|' <<<"$compl" | sed 's/|$//')"

# The systemd unit: valid, and its command lines mount and unmount the root
# named by the instance (with systemd: the real thing; without: ExecStart and
# ExecStop run as systemd would, with %I expanded by systemd-escape).
unit=/lib/systemd/system/kplay@.service
inst=$(systemd-escape --path "$UROOT" 2>/dev/null) || inst=""
if command -v systemd-analyze >/dev/null; then
	expect_eq "systemd-analyze verify kplay@.service" "" "$(systemd-analyze verify --man=no "$unit" 2>&1)"
fi
if [ -z "$inst" ]; then
	echo "note: no systemd-escape; the unit's commands are not run"
elif [ -d /run/systemd/system ]; then
	show systemctl start "kplay@$inst.service" 9>&- || fail "systemctl start kplay@$inst"
	for _ in $(seq 100); do grep -q " $UROOT/sys " /proc/self/mountinfo && break; sleep 0.05; done
	grep -q " $UROOT/sys " /proc/self/mountinfo && ok "kplay@$inst mounts $UROOT" || fail "kplay@$inst did not mount $UROOT"
	show systemctl stop "kplay@$inst.service"
	grep -q " $UROOT/" /proc/self/mountinfo && fail "kplay@$inst left mounts" || ok "stopping kplay@$inst unmounts"
else
	I=$(systemd-escape --unescape -- "$inst")
	start=$(sed -n 's/^ExecStart=//p' "$unit")
	stop=$(sed -n 's/^ExecStop=-\{0,1\}//p' "$unit")
	start=${start//%I/$I} stop=${stop//%I/$I}
	expect_eq "the unit's ExecStart for instance $inst" "/usr/bin/kplay up --foreground --root $UROOT" "$start"
	echo "\$ $start &   # no systemd here: the unit's ExecStart as its main process"
	$start >"$T/unit.log" 2>&1 9>&- &
	unit_pid=$!
	for _ in $(seq 100); do grep -q " $UROOT/sys " /proc/self/mountinfo && break; sleep 0.05; done
	grep -q " $UROOT/sys " /proc/self/mountinfo && ok "ExecStart mounts $UROOT" || fail "ExecStart did not mount $UROOT"
	show $stop || fail "ExecStop failed"
	wait "$unit_pid"
	expect_eq "the unit's main process exits 0 after ExecStop" 0 "$?"
	unit_pid=""
	grep -q " $UROOT/" /proc/self/mountinfo && fail "ExecStop left mounts" || ok "ExecStop unmounts $UROOT"
fi

# --- 3. an out-of-tree module with the installed SDK -----------------------
P=$T/oot-hello
mkdir -p "$P"
cat >"$P/oot.h" <<'EOF'
/* Shared between the two files of the module. */
#define OOT_PROC_NAME "oot_hello"
extern int answer;
int oot_proc_init(void);
void oot_proc_exit(void);
EOF
cat >"$P/oot_main.c" <<'EOF'
/* oot-hello: a module built outside kplay's tree with the installed SDK. */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include "oot.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("out-of-tree module built with kplay's SDK");

int answer = 42;
module_param(answer, int, 0644);
MODULE_PARM_DESC(answer, "the number /proc/oot_hello reports");

static int __init oot_init(void)
{
	int err = oot_proc_init();

	if (err)
		return err;
	pr_info("oot-hello: loaded, answer is %d\n", answer);
	return 0;
}

static void __exit oot_exit(void)
{
	oot_proc_exit();
	pr_info("oot-hello: unloaded\n");
}

module_init(oot_init);
module_exit(oot_exit);
EOF
cat >"$P/oot_proc.c" <<'EOF'
/* oot-hello's /proc file, through seq_file. */
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include "oot.h"

static int oot_show(struct seq_file *m, void *v)
{
	seq_printf(m, "hello from an out-of-tree module: answer=%d\n", answer);
	return 0;
}

int oot_proc_init(void)
{
	return proc_create_single_data(OOT_PROC_NAME, 0444, NULL, oot_show, NULL) ? 0 : -ENOMEM;
}

void oot_proc_exit(void)
{
	remove_proc_entry(OOT_PROC_NAME, NULL);
}
EOF
cat >"$P/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.18)
project(oot_hello C)
find_package(kplay 0.1 REQUIRED)
message(STATUS "kplay ${KPLAY_VERSION}: ${KPLAY_EXECUTABLE}, headers in ${KPLAY_INCLUDE_DIR}")
kplay_add_module(oot-hello oot_main.c oot_proc.c oot.h)
EOF
# The same module as a Kbuild directory, for `kplay build` (and for kbuild).
cat >"$P/Makefile" <<'EOF'
obj-m += oot-hello.o
oot-hello-objs := oot_main.o oot_proc.o
EOF
echo "# the module: $P/{CMakeLists.txt,Makefile,oot.h,oot_main.c,oot_proc.c}"
cat "$P/CMakeLists.txt"

show cmake -S "$P" -B "$P/build" >"$T/cmake.log" 2>&1 || { cat "$T/cmake.log"; die "configuring the module project failed"; }
cat "$T/cmake.log"
expect_eq "find_package(kplay) found the installed SDK" "/usr/lib/x86_64-linux-gnu/cmake/kplay" \
	"$(sed -n 's/^kplay_DIR:PATH=//p' "$P/build/CMakeCache.txt")"
show cmake --build "$P/build" || die "building the module with kplay_add_module failed"
[ -f "$P/build/oot-hello.so" ] && ok "kplay_add_module built oot-hello.so" || die "no $P/build/oot-hello.so"
show cmake --build "$P/build" >"$T/rebuild.log" 2>&1
grep -q "kplay build" "$T/rebuild.log" && fail "an unchanged module is rebuilt" || ok "an unchanged module is not rebuilt"

pc_cflags=$(pkg-config --cflags kplay)
echo "\$ pkg-config --cflags kplay"
echo "$pc_cflags"
for f in -nostdinc -I/usr/share/kplay/include -D__KERNEL__ -DMODULE -fPIC; do
	[[ " $pc_cflags " == *" $f "* ]] || fail "pkg-config --cflags kplay lacks $f"
done
expect_eq "pkg-config --modversion kplay" "$(dpkg-query -W -f='${Version}' kplay)" "$(pkg-config --modversion kplay)"
kb=$(pkg-config --variable=kplay kplay)
expect_eq "pkg-config --variable=kplay kplay" /usr/bin/kplay "$kb"
show "$kb" build "$P" --out "$T/kbuild-out" || die "kplay build of the module directory failed"
# The installed kplay compiles against the installed headers (not against the
# source tree it was built from, its last-resort fallback).
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >>"%s"\nexec gcc "$@"\n' "$T/cc-args" >"$T/cc-rec"
chmod +x "$T/cc-rec"
CC=$T/cc-rec $K build "$P" --out "$T/cc-out" >/dev/null 2>&1 || fail "kplay build with a recording CC"
grep -qx -- -I/usr/share/kplay/include "$T/cc-args" && ok "kplay build uses /usr/share/kplay/include" ||
	fail "kplay build does not compile against /usr/share/kplay/include: $(grep -- '^-I' "$T/cc-args" | sort -u | tr '\n' ' ')"
# kplay compare finds its harness and examples (it stops at the unknown example).
out=$($K compare --kernel none no-such-example 2>&1)
expect_contains "kplay compare reaches its examples" "no-such-example is neither an example nor a module directory" "$out"

# One machinery: the CMake-built and kplay-built plugins hold the same code
# and metadata; pkg-config's flags compile the same object as kplay build.
section() { objcopy -O binary --only-section="$2" "$1" "$T/sec" 2>/dev/null && sha256sum <"$T/sec" | cut -c1-16; }
for s in .text .rodata .data .modinfo; do
	expect_eq "CMake and kplay build plugins: same $s" "$(section "$T/kbuild-out/oot-hello.so" $s)" \
		"$(section "$P/build/oot-hello.so" $s)"
done
# shellcheck disable=SC2086 # pkg-config's flags are words
gcc $pc_cflags -I"$P" -DKBUILD_MODNAME='"oot_hello"' -DKBUILD_BASENAME='"oot_main"' -c "$P/oot_main.c" -o "$T/pc.o" ||
	fail "pkg-config --cflags kplay does not compile the module"
expect_eq "pkg-config flags and kplay build: same object code" \
	"$(section "$T/kbuild-out/.kplay-obj/oot-hello/oot_main.o" .text)" "$(section "$T/pc.o" .text)"

# --- 4. load it ---------------------------------------------------------------
show $K up --root "$ROOT" 9>&- || die "kplay up failed"
show $K insmod --root "$ROOT" "$P/build/oot-hello.so" answer=7 || fail "insmod oot-hello.so"
echo "\$ cat $ROOT/proc/oot_hello"
out=$(cat "$ROOT/proc/oot_hello")
echo "$out"
expect_eq "cat /proc/oot_hello" "hello from an out-of-tree module: answer=7" "$out"
echo "\$ cat $ROOT/sys/module/oot_hello/parameters/answer"
out=$(cat "$ROOT/sys/module/oot_hello/parameters/answer")
echo "$out"
expect_eq "the module parameter in sysfs" 7 "$out"
show $K modinfo -F description "$P/build/oot-hello.so"
show $K lsmod --root "$ROOT"
show $K rmmod --root "$ROOT" oot_hello || fail "rmmod oot_hello"
show $K insmod --root "$ROOT" "$T/kbuild-out/oot-hello.so" || fail "insmod the kplay-build plugin"
expect_eq "the kplay-build plugin, default parameter" "hello from an out-of-tree module: answer=42" \
	"$(cat "$ROOT/proc/oot_hello")"
show $K insmod --root "$ROOT" /usr/lib/kplay/plugins/hello-5.so || fail "insmod the packaged hello-5"
expect_eq "a packaged example loads" 420 "$(cat "$ROOT/sys/module/hello_5/parameters/myint")"
show $K dmesg --root "$ROOT" --notime
show $K down --root "$ROOT" || fail "kplay down"
grep -q " $ROOT/" /proc/self/mountinfo && fail "mounts left under $ROOT after down" || ok "down unmounted $ROOT"

# A root left up on purpose: removing the package must bring it down.
$K up --root "$LEFT" >/dev/null 9>&- || fail "kplay up --root $LEFT"
$K insmod --root "$LEFT" /usr/lib/kplay/plugins/hello-1.so || fail "insmod hello-1 on $LEFT"

# --- 5. remove and purge ------------------------------------------------------
dpkg -L kplay | grep -v '^/\.$' >"$T/listed"
sort "$T/paths" >"$T/a"
sort "$T/listed" >"$T/b"
expect_eq "dpkg -L lists the package's files" "" "$(comm -3 "$T/a" "$T/b" | head -5)"
show dpkg -r kplay || fail "dpkg -r failed"
show dpkg --purge kplay || fail "dpkg --purge failed"
installed=0
expect_eq "dpkg no longer knows kplay" "" "$(dpkg-query -W -f='${db:Status-Abbrev}' kplay 2>/dev/null | grep -v '^un')"
left=0
while IFS= read -r p; do
	grep -qxF "$p" "$T/preexisting" && continue
	if [ -e "$p" ] || [ -L "$p" ]; then
		fail "left behind: $p"
		left=$((left + 1))
	fi
done < <(sort -u "$T/paths" "$T/listed")
[ "$left" = 0 ] && ok "no file or directory of the package is left ($(wc -l <"$T/paths") paths checked)"
grep -q " $T/" /proc/self/mountinfo && fail "mounts left: $(grep " $T/" /proc/self/mountinfo)" ||
	ok "no mount left (the root left up was brought down by the package's prerm)"
procs=""
for e in /proc/[0-9]*/exe; do
	case "$(readlink "$e" 2>/dev/null)" in /usr/bin/kplay*) procs+=" ${e//[^0-9]/}" ;; esac
done
expect_eq "no process of the package's kplay is left" "" "$procs"
links=$(find /etc/systemd/system -name 'kplay@*' 2>/dev/null)
expect_eq "no kplay@ unit links left in /etc" "" "$links"

echo "package test: $(($(date +%s) - started)) s"
if [ "$FAILS" != 0 ]; then
	echo "package test: $FAILS failure(s)"
	exit 1
fi
echo "package test: all passed"
