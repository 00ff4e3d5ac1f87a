#!/bin/bash
# End-to-end self test of build-ko.sh and run-real.sh: build a tiny module,
# run two scenarios in the real kernel under QEMU, check the transcripts.
set -euo pipefail

RV_PROG=selftest
RV_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/lib.sh
. "$RV_DIR/lib.sh"

usage() {
	cat <<'EOF'
Usage: selftest.sh [--kernel VERSION] [--cache DIR] [--keep]

Proves compare/realvm end to end:
  1. writes a tiny module "kplay_hello" (pr_info on init and exit, an int
     module parameter "level" with mode 0644) and a Kbuild Makefile into a
     temporary directory, and builds it with build-ko.sh;
  2. writes three scenarios: "10-hello" loads the module with level=7, reads
     $SYS/module/kplay_hello/parameters/level, unloads it, prints the kernel
     log and shows kmod's error for a missing module; "15-exit" leaves a
     background process behind and exits 3; "20-sleep" runs "sleep 1000";
  3. runs run-real.sh with --scenario-timeout 5 and checks the transcripts
     (expected lines present, exit statuses, the sleep recorded as
     "timeout").

Options:
  --kernel VERSION   passed to build-ko.sh and run-real.sh
  --cache DIR        passed to run-real.sh (initramfs cache)
  --keep             keep the temporary directory and print its path
  -h, --help         show this help

Exit status: 0 when every assertion holds, 1 otherwise.
EOF
}

kernel_args=() cache_args=() keep=0
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) [ $# -ge 2 ] || rv_die "--kernel needs a value"; kernel_args=(--kernel "$2"); shift 2 ;;
	--cache) [ $# -ge 2 ] || rv_die "--cache needs a value"; cache_args=(--cache "$2"); shift 2 ;;
	--keep) keep=1; shift ;;
	-h | --help) usage; exit 0 ;;
	*) usage >&2; rv_die "unknown argument '$1'" ;;
	esac
done

t_all=$(rv_now)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kplay-selftest.XXXXXX")
cleanup() {
	if [ "$keep" = 1 ]; then rv_note "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- the module
src=$tmp/src
mkdir -p "$src"
cat >"$src/hello_main.c" <<'EOF'
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

static int level = 1;
module_param(level, int, 0644);
MODULE_PARM_DESC(level, "a number printed at load time");

static int __init kplay_hello_init(void)
{
	pr_info("kplay_hello: hello, level=%d\n", level);
	return 0;
}

static void __exit kplay_hello_exit(void)
{
	pr_info("kplay_hello: goodbye, level=%d\n", level);
}

module_init(kplay_hello_init);
module_exit(kplay_hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kplay realvm self test");
EOF
# A two-object module name (x-objs) exercises the Kbuild composite rule too.
cat >"$src/hello_extra.c" <<'EOF'
#include <linux/module.h>
MODULE_AUTHOR("kplay");
EOF
cat >"$src/Makefile" <<'EOF'
obj-m += kplay_hello.o
kplay_hello-objs := hello_main.o hello_extra.o

all:
	$(MAKE) -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules

clean:
	$(MAKE) -C /lib/modules/$(shell uname -r)/build M=$(PWD) clean
EOF

work=$tmp/work
mkdir -p "$work/M" "$work/scenarios"
tree_state() { find "$1" -printf '%P %s %T@\n' | LC_ALL=C sort; }
before=$(tree_state "$src")
"$RV_DIR/build-ko.sh" "${kernel_args[@]}" --src "$src" --out "$work/M"
after=$(tree_state "$src")

fails=0
check() { # check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@"; then
		printf 'selftest: ok   %s\n' "$what"
	else
		printf 'selftest: FAIL %s\n' "$what" >&2
		fails=$((fails + 1))
	fi
}
has_line() { grep -qxF -- "$2" "$1"; }
has_text() { grep -qF -- "$2" "$1"; }
not_has() { ! grep -qF -- "$2" "$1"; }

check "build-ko produced kplay_hello.ko" test -f "$work/M/kplay_hello.ko"
check "build-ko left the source directory untouched" test "$before" = "$after"

# ---------------------------------------------------------------- scenarios
# Plain harness calls keep 10-hello fast (each "run" costs ~1 s under TCG).
cat >"$work/scenarios/10-hello.sh" <<'EOF'
load kplay_hello level=7
cat $SYS/module/kplay_hello/parameters/level
unload kplay_hello
cat $SYS/module/kplay_hello/parameters/level
klog
run load no_such_module
EOF
cat >"$work/scenarios/15-exit.sh" <<'EOF'
sleep 1000 &
echo "left a sleep behind"
exit 3
EOF
cat >"$work/scenarios/20-sleep.sh" <<'EOF'
echo "before sleep"
sleep 1000
echo "after sleep"
EOF

out=$tmp/out
rc=0
"$RV_DIR/run-real.sh" "${kernel_args[@]}" "${cache_args[@]}" --work "$work" --out "$out" \
	--scenario-timeout 5 || rc=$?
check "run-real exited 0" test "$rc" = 0

o=$out/10-hello.out
check "10-hello.rc is 0" test "$(cat "$out/10-hello.rc" 2>/dev/null)" = 0
check "10-hello: parameter reads back 7" has_line "$o" '7'
check "10-hello: parameter file gone after unload" \
	has_line "$o" "cat: /sys/module/kplay_hello/parameters/level: No such file or directory"
check "10-hello: klog has the init message" has_line "$o" 'kplay_hello: hello, level=7'
check "10-hello: klog has the exit message" has_line "$o" 'kplay_hello: goodbye, level=7'
check "10-hello: klog lines in order" \
	test "$(grep 'level=7$' "$o" | tr '\n' '|')" = \
	'kplay_hello: hello, level=7|kplay_hello: goodbye, level=7|'
check "10-hello: run shows the command" has_line "$o" '$ load no_such_module'
check "10-hello: kmod's insmod error for a missing file" \
	has_line "$o" "insmod: ERROR: could not load module no_such_module.ko: No such file or directory"
check "10-hello: run shows the exit status" has_line "$o" '[exit 1]'
check "15-exit.rc is 3" test "$(cat "$out/15-exit.rc" 2>/dev/null)" = 3
check "15-exit: output kept" has_line "$out/15-exit.out" 'left a sleep behind'
check "20-sleep.rc is timeout" test "$(cat "$out/20-sleep.rc" 2>/dev/null)" = timeout
check "20-sleep: output before the sleep kept" has_line "$out/20-sleep.out" 'before sleep'
check "20-sleep: nothing after the sleep" not_has "$out/20-sleep.out" 'after sleep'
check "kernel-release is the booted kernel" \
	test "$(cat "$out/kernel-release" 2>/dev/null)" = "${kernel_args[1]:-$(rv_default_kernel)}"
check "console.log captured" test -s "$out/console.log"

if [ "$fails" -gt 0 ] || [ "$keep" = 1 ]; then
	for f in "$out"/*.out; do
		[ -f "$f" ] || continue
		printf -- '--- %s (rc %s)\n' "${f##*/}" "$(cat "${f%.out}.rc" 2>/dev/null || echo none)"
		cat "$f"
	done
fi
if [ "$fails" -gt 0 ]; then
	printf 'selftest: %d assertion(s) failed (total %s s)\n' "$fails" "$(rv_elapsed "$t_all")" >&2
	keep=1
	exit 1
fi
printf 'selftest: all assertions passed (total %s s)\n' "$(rv_elapsed "$t_all")"
