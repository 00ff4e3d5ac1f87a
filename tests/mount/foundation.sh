#!/usr/bin/env bash
# Mount-level test of the foundation: up/down, insmod of every hello example,
# dmesg, parameter files with cat/echo, bad parameters, unknown symbols,
# init failures, lsmod and /proc/modules, /dev/kmsg, kplay build, modinfo.
. "$(dirname "$0")/lib.sh"

# --- up ---
out=$("$KPLAY" up --root "$ROOT" 2>&1)
expect_status "up" 0 true
expect_contains "up reports the root" "up at $ROOT" "$out"
for d in dev proc sys; do
	grep -q " $ROOT/$d " /proc/self/mountinfo && echo "ok: $d mounted" || fail "$d not mounted"
done
out=$("$KPLAY" up --root "$ROOT" 2>&1)
rc=$?
expect_eq "second up fails" 1 "$rc"
expect_contains "second up says so" "already up at $ROOT" "$out"

# --- every hello example loads and unloads with its messages ---
for m in hello-1 hello-2 hello-3 hello-4 hello-5 startstop; do
	expect_status "insmod $m" 0 kp insmod "$PLUGINS/$m.so"
done
out=$(kp lsmod)
expect_eq "lsmod header" "Module                  Size  Used by" "$(head -1 <<<"$out")"
expect_eq "lsmod lists six modules, newest first" "startstop hello_5 hello_4 hello_3 hello_2 hello_1" \
	"$(awk 'NR > 1 { printf "%s%s", sep, $1; sep = " " }' <<<"$out")"
log=$(kp dmesg)
expect_contains "hello-1 init message" "hello-1: module loaded, saying hello" "$log"
expect_contains "hello-3 reads __initdata" "hello-3: init reads init-only data: 42" "$log"
expect_contains "startstop init from start.c" "startstop: init lives in start.c" "$log"
if grep -qvE '^\[ *[0-9]+\.[0-9]{6}\] ' <<<"$log"; then fail "dmesg lines not in [    s.uuuuuu] form"; else echo "ok: dmesg timestamps"; fi
expect_eq "dmesg --notime strips stamps" "hello-1: module loaded, saying hello" "$(kp dmesg --notime | head -1)"
pm=$(grep '^hello_5 ' "$ROOT/proc/modules")
[[ "$pm" =~ ^hello_5\ [0-9]+\ 0\ -\ Live\ 0x0000000000000000\ \(OE\)$ ]] && echo "ok: /proc/modules line" || fail "/proc/modules line: [$pm]"
expect_eq "sysfs dir of a module without parameters" "live" "$(cat "$ROOT/sys/module/hello_1/initstate")"

# --- parameters through sysfs (hello-5 loaded with defaults) ---
P=$ROOT/sys/module/hello_5/parameters
expect_eq "parameter files" "myint myintarray mylong myshort" "$(ls "$P" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "myint default" 420 "$(cat "$P/myint")"
# With a count variable the array shows *count items: none were given.
expect_eq "array with a count shows only given items" "" "$(cat "$P/myintarray")"
expect_eq "modes as declared" "-rw-r--r-- -r--r--r-- -r-------- -rw-rw----" \
	"$(stat -c %A "$P/myint" "$P/myintarray" "$P/mylong" "$P/myshort" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "sysfs attribute size" 4096 "$(stat -c %s "$P/myint")"
echo 33 >"$P/myint"
expect_eq "echo into a 0644 parameter" 33 "$(cat "$P/myint")"
err=$( (echo 1 >"$P/mylong") 2>&1)
expect_contains "root cannot write a 0400 parameter" "Permission denied" "$err"
err=$( (echo 70000 >"$P/myshort") 2>&1)
expect_contains "out of range via sysfs" "Numerical result out of range" "$err"
err=$( (echo zz >"$P/myint") 2>&1)
expect_contains "not a number via sysfs" "Invalid argument" "$err"
expect_eq "failed writes change nothing" 33 "$(cat "$P/myint")"
[ ! -e "$P/mystring" ] && echo "ok: mode 0 parameter has no file" || fail "mystring has a sysfs file"

# --- unload and reload with parameters ---
expect_status "rmmod hello_5" 0 kp rmmod hello_5
[ ! -e "$ROOT/sys/module/hello_5" ] && echo "ok: sysfs dir removed on rmmod" || fail "sysfs dir left after rmmod"
expect_contains "exit message" "hello-5: goodbye" "$(kp dmesg)"
kp dmesg -C
expect_status "insmod with parameters" 0 kp insmod "$PLUGINS/hello-5.so" myint=0x10 mystring="two words" myintarray=7
log=$(kp dmesg --notime)
expect_contains "hex parameter" "myint is an integer: 16" "$log"
expect_contains "quoted string parameter" "mystring is a string: two words" "$log"
expect_contains "array count" "got 1 arguments for myintarray." "$log"
expect_eq "array shows counted items" 7 "$(cat "$P/myintarray")"
kp rmmod hello-5

# --- bad parameters: kmod's messages, the kernel's log lines ---
kp dmesg -C
out=$(kp insmod "$PLUGINS/hello-5.so" myshort=70000 2>&1)
expect_eq "range error" "insmod: ERROR: could not insert module $PLUGINS/hello-5.so: Numerical result out of range" "$out"
out=$(kp insmod "$PLUGINS/hello-5.so" myint=abc 2>&1)
expect_eq "bad value" "insmod: ERROR: could not insert module $PLUGINS/hello-5.so: Invalid parameters" "$out"
kp insmod "$PLUGINS/hello-5.so" myintarray=1,2,3 >/dev/null 2>&1
expect_status "unknown parameter is ignored" 0 kp insmod "$PLUGINS/hello-5.so" nosuch=1
log=$(kp dmesg --notime)
expect_contains "range log" "hello_5: \`70000' invalid for parameter \`myshort'" "$log"
expect_contains "bad value log" "hello_5: \`abc' invalid for parameter \`myint'" "$log"
expect_contains "array log" "myintarray: can only take 2 arguments" "$log"
expect_contains "unknown log" "hello_5: unknown parameter 'nosuch' ignored" "$log"
out=$(kp insmod "$PLUGINS/hello-5.so" 2>&1)
expect_eq "already loaded" "insmod: ERROR: could not insert module $PLUGINS/hello-5.so: File exists" "$out"
out=$(kp insmod /nonexistent/x.so 2>&1)
expect_eq "missing file" "insmod: ERROR: could not load module /nonexistent/x.so: No such file or directory" "$out"
out=$(kp rmmod no_such_module 2>&1)
expect_eq "rmmod of an unloaded module" "rmmod: ERROR: Module no_such_module is not currently loaded" "$out"

# --- kplay build on a directory this test writes: obj-m and -objs ---
SRC=$ROOT/src
mkdir -p "$SRC"
cat >"$SRC/Makefile" <<'MK'
obj-m += twofiles.o
twofiles-objs := part1.o part2.o
obj-m += unknownsym.o
obj-m += initfail.o
all:
	$(MAKE) -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules
MK
cat >"$SRC/part1.c" <<'C'
#include <linux/module.h>
#include <linux/printk.h>
int twofiles_value(void);
static int __init tf_init(void)
{
	pr_info("twofiles: value %d from part2\n", twofiles_value());
	return 0;
}
module_init(tf_init);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("mount test");
C
cat >"$SRC/part2.c" <<'C'
#include <linux/module.h>
#include <linux/printk.h>
int twofiles_value(void)
{
	return 1234;
}
static void __exit tf_exit(void)
{
	pr_info("twofiles: bye\n");
}
module_exit(tf_exit);
C
cat >"$SRC/unknownsym.c" <<'C'
#include <linux/module.h>
/* Declared here, implemented nowhere: the load must fail, never call a stub. */
extern int kplay_not_a_kernel_function(int);
static int __init u_init(void)
{
	return kplay_not_a_kernel_function(3);
}
module_init(u_init);
MODULE_LICENSE("GPL");
C
cat >"$SRC/initfail.c" <<'C'
#include <linux/module.h>
#include <linux/errno.h>
static int __init f_init(void)
{
	return -ENODEV;
}
module_init(f_init);
MODULE_LICENSE("GPL");
C
cat >>"$SRC/Makefile" <<'MK'
obj-m += exporter.o
obj-m += user.o
MK
cat >"$SRC/exporter.c" <<'C'
#include <linux/module.h>
int exporter_triple(int x)
{
	return 3 * x;
}
EXPORT_SYMBOL(exporter_triple);
static int __init e_init(void) { return 0; }
static void __exit e_exit(void) { }
module_init(e_init);
module_exit(e_exit);
MODULE_LICENSE("GPL");
C
cat >"$SRC/user.c" <<'C'
#include <linux/module.h>
#include <linux/printk.h>
int exporter_triple(int x);
static int __init u_init(void)
{
	pr_info("user: exporter_triple(14) = %d\n", exporter_triple(14));
	return 0;
}
static void __exit u_exit(void) { }
module_init(u_init);
module_exit(u_exit);
MODULE_LICENSE("GPL");
C
OUT=$ROOT/built
expect_status "kplay build" 0 "$KPLAY" build "$SRC" --out "$OUT"
expect_eq "one plugin per obj-m" "exporter.so initfail.so twofiles.so unknownsym.so user.so" "$(cd "$OUT" && ls *.so | tr '\n' ' ' | sed 's/ $//')"

# --- EXPORT_SYMBOL between modules: link, pin, refuse to unload the used one ---
kp dmesg -C
out=$(kp insmod "$OUT/user.so" 2>&1)
expect_eq "user without exporter" "insmod: ERROR: could not insert module $OUT/user.so: Unknown symbol in module" "$out"
expect_contains "its unknown symbol" "user: Unknown symbol exporter_triple (err -2)" "$(kp dmesg)"
expect_status "insmod exporter" 0 kp insmod "$OUT/exporter.so"
expect_status "insmod user" 0 kp insmod "$OUT/user.so"
expect_contains "call across modules" "user: exporter_triple(14) = 42" "$(kp dmesg)"
expect_eq "lsmod shows the holder" "exporter 1 user" "$(kp lsmod | awk '$1 == "exporter" { print $1, $3, $4 }')"
out=$(kp rmmod exporter 2>&1)
expect_eq "used module cannot go" "rmmod: ERROR: Module exporter is in use by: user" "$out"
expect_status "rmmod user" 0 kp rmmod user
expect_status "rmmod exporter after its user" 0 kp rmmod exporter

# --- dmesg -w follows the ring: a new message reaches a running follower ---
kp dmesg -C
mkfifo "$ROOT/follow"
"$KPLAY" dmesg -w --root "$ROOT" >"$ROOT/follow" &
follower=$!
kp insmod "$OUT/twofiles.so"
timeout 10 grep -m1 -q "twofiles: value 1234" <"$ROOT/follow" && echo "ok: dmesg -w saw the new message" ||
	fail "dmesg -w did not see the new message"
kill "$follower" 2>/dev/null
wait "$follower" 2>/dev/null
kp rmmod twofiles
kp dmesg -C
expect_status "insmod a two-file module" 0 kp insmod "$OUT/twofiles.so"
expect_contains "cross-file call" "twofiles: value 1234 from part2" "$(kp dmesg)"
expect_status "rmmod a two-file module" 0 kp rmmod twofiles
expect_contains "exit in the second file" "twofiles: bye" "$(kp dmesg)"
out=$(kp insmod "$OUT/unknownsym.so" 2>&1)
expect_eq "unknown symbol: insmod" "insmod: ERROR: could not insert module $OUT/unknownsym.so: Unknown symbol in module" "$out"
expect_contains "unknown symbol: log" "unknownsym: Unknown symbol kplay_not_a_kernel_function (err -2)" "$(kp dmesg)"
out=$(kp insmod "$OUT/initfail.so" 2>&1)
expect_eq "init returning -ENODEV" "insmod: ERROR: could not insert module $OUT/initfail.so: No such device" "$out"
expect_eq "a failed init leaves nothing loaded" "" "$(kp lsmod | awk '$1 == "initfail"')"
# No MODULE_LICENSE: modpost's error, no plugin.
mkdir -p "$ROOT/nolic" && printf 'obj-m += nolic.o\n' >"$ROOT/nolic/Makefile"
printf '#include <linux/module.h>\nstatic int __init n(void) { return 0; }\nmodule_init(n);\n' >"$ROOT/nolic/nolic.c"
out=$("$KPLAY" build "$ROOT/nolic" 2>&1)
expect_contains "missing license refused" "missing MODULE_LICENSE()" "$out"
[ ! -e "$ROOT/nolic/nolic.so" ] && echo "ok: no plugin without a license" || fail "plugin built without license"

# --- modinfo reads the plugin without loading it ---
mi=$("$KPLAY" modinfo "$PLUGINS/hello-4.so")
expect_contains "modinfo description" "description:    A module that documents itself" "$mi"
expect_contains "modinfo name" "name:           hello_4" "$mi"
expect_eq "modinfo -F" "The kplay authors" "$("$KPLAY" modinfo -F author "$PLUGINS/hello-4.so")"
expect_contains "modinfo parm" "parm:           myint:An integer (int)" "$("$KPLAY" modinfo "$PLUGINS/hello-5.so")"

# --- /dev/kmsg: one record per read, O_NONBLOCK gives EAGAIN at the end ---
first=$(dd if="$ROOT/dev/kmsg" bs=8192 count=1 status=none)
[[ "$first" =~ ^[0-9]+,[0-9]+,[0-9]+,-\; ]] && echo "ok: /dev/kmsg record format" || fail "/dev/kmsg record: [$first]"
out=$(dd if="$ROOT/dev/kmsg" iflag=nonblock bs=8192 status=none 2>&1 >/dev/null)
expect_contains "/dev/kmsg drained with O_NONBLOCK" "Resource temporarily unavailable" "$out"

# --- down: exit functions run, nothing left behind ---
pid=$(cat "$ROOT/.kplay/daemon.pid")
expect_status "down" 0 "$KPLAY" down --root "$ROOT"
grep -q " $ROOT/" /proc/self/mountinfo && fail "mounts left after down" || echo "ok: no mounts after down"
# Gone, or a zombie waiting for an init that does not reap (containers).
st=$(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
[ -z "$st" ] || [ "$st" = Z ] && echo "ok: daemon gone" || fail "daemon $pid still running (state $st)"
[ ! -e "$ROOT/.kplay/control.sock" ] && echo "ok: control socket removed" || fail "control socket left"
out=$("$KPLAY" lsmod --root "$ROOT" 2>&1)
expect_contains "commands after down say there is no daemon" "no daemon is running" "$out"

# --- two roots side by side, each with its own modules ---
ROOT2=$(mktemp -d /tmp/kplay-second.XXXXXX)
expect_status "up a first root" 0 "$KPLAY" up --root "$ROOT"
expect_status "up a second root" 0 "$KPLAY" up --root "$ROOT2"
"$KPLAY" insmod --root "$ROOT2" "$PLUGINS/hello-1.so"
expect_eq "the second root has hello_1" "1" "$(grep -c '^hello_1 ' "$ROOT2/proc/modules")"
expect_eq "the first root does not" "0" "$(grep -c '^hello_1 ' "$ROOT/proc/modules")"
expect_status "down the second root" 0 "$KPLAY" down --root "$ROOT2"
grep -q " $ROOT2/" /proc/self/mountinfo && fail "second root still mounted" || echo "ok: second root unmounted"
rmdir "$ROOT2"/dev "$ROOT2"/proc "$ROOT2"/sys 2>/dev/null; rm -rf "$ROOT2"
expect_status "down the first root" 0 "$KPLAY" down --root "$ROOT"

# --- a daemon killed with SIGKILL leaves no dead mount (auto_unmount) ---
"$KPLAY" up --root "$ROOT" >/dev/null
kill -9 "$(cat "$ROOT/.kplay/daemon.pid")"
for _ in $(seq 200); do grep -q " $ROOT/" /proc/self/mountinfo || break; sleep 0.01; done
grep -q " $ROOT/" /proc/self/mountinfo && fail "mounts left after SIGKILL" || echo "ok: SIGKILL leaves no mount"
expect_status "up again after a crash" 0 "$KPLAY" up --root "$ROOT"

# --- a daemon that runs but cannot be reached is stopped, not orphaned ---
# (its socket removed by hand): down signals it, so every module's exit runs
# and the daemon itself unmounts and exits.
kp insmod "$PLUGINS/hello-1.so" || fail "insmod hello-1"
dpid=$(cat "$ROOT/.kplay/daemon.pid")
rm "$ROOT/.kplay/control.sock"
out=$(kp down 2>&1)
expect_eq "down of an unreachable daemon exits 0" 0 "$?"
expect_contains "down says what it did" "does not answer; sent it SIGTERM" "$out"
for _ in $(seq 500); do kill -0 "$dpid" 2>/dev/null || break; sleep 0.01; done
kill -0 "$dpid" 2>/dev/null && fail "the daemon still runs" || echo "ok: the daemon exited"
grep -q " $ROOT/" /proc/self/mountinfo && fail "mounts left" || echo "ok: no mount left"

t_done
