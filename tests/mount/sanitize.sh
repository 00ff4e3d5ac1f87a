#!/usr/bin/env bash
# Sanitizer build test (README "Sanitizers"): with the daemon and a module
# built with ASan+UBSan (cmake -DKPLAY_SANITIZE=address), a module's heap
# overflow, use after free, double free, global overflow and undefined shift
# or index are reported in the printk ring as KASAN / UBSAN report them,
# naming the module's function and source line; legal use of ksize() is not
# reported; the module is tainted B; the daemon keeps serving. Then a short
# fuzz run (tests/mount/fuzz.sh) on the file examples built with ASan.
#
# Needs an ASan build of kplay: KPLAY itself when it is one, else
# ASAN_BUILD (default: BUILD_DIR/asan, configured and built here: the first
# run takes minutes, later ones reuse it).
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)

if ldd "$KPLAY" | grep -q libasan; then
	K=$KPLAY
	P=$PLUGINS
else
	asan=${ASAN_BUILD:-$(dirname "$KPLAY")/asan}
	launcher=()
	command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
	echo "sanitize: building kplay with ASan+UBSan in $asan"
	t0=$(date +%s)
	if ! cmake -S "$top" -B "$asan" -DKPLAY_SANITIZE=address -DKPLAY_TESTS=OFF "${launcher[@]}" >"$ROOT.cmake.log" 2>&1 ||
		! cmake --build "$asan" -j"$(nproc)" --target kplay >>"$ROOT.cmake.log" 2>&1; then
		tail -30 "$ROOT.cmake.log"
		rm -f "$ROOT.cmake.log"
		fail "cannot build kplay with -DKPLAY_SANITIZE=address"
		t_done
	fi
	rm -f "$ROOT.cmake.log"
	echo "sanitize: ASan build ready in $(($(date +%s) - t0)) s"
	K=$asan/kplay
	P=$asan/plugins
	for ex in chardev chardev2 ioctl procfs1 procfs2 procfs3 procfs4 hello-sysfs debugfs-vars debugfs-msg sleep static_key hello-5; do
		"$K" build "$top/plugins/$ex" --out "$P" >/dev/null || fail "kplay build plugins/$ex with ASan"
	done
fi
expect_contains "kplay build instruments for the daemon's sanitizer" "default: as this kplay was built (address)" \
	"$("$K" build --help 2>&1)"

MODS=$ROOT.mods
trap 'rm -rf "$MODS"; t_cleanup' EXIT
"$K" build "$top/tests/modules/kasan" --out "$MODS" >/dev/null || fail "cannot build the kasan_test module"
expect_contains "the module is instrumented" "__asan_report_store1_noabort" "$(nm -u "$MODS/kasan_test.so")"

KPLAY=$K
expect_status "up (ASan daemon)" 0 "$K" up --root "$ROOT"
daemon=$(cat "$ROOT/.kplay/daemon.pid")
kp insmod "$P/hello-5.so" || fail "insmod hello-5"
kp insmod "$MODS/kasan_test.so" || fail "insmod kasan_test (its sanitizer symbols resolved against the daemon's runtime)"
T=$ROOT/proc/kasan_test
src=$top/tests/modules/kasan/kasan_test.c
line_of() { grep -n -F "$1" "$src" | head -1 | cut -d: -f1; }

# provoke BUG WAIT_FOR: the writer is not killed; the report is in the ring
# (written by the daemon's report reader: waited for, up to 10 s, until
# WAIT_FOR and the report's closing line are there).
provoke() {
	kp dmesg -C
	sh -c "echo $1 > $T"
	expect_eq "$1: the writer is not killed (KASAN reports and goes on)" 0 "$?"
	local i
	for ((i = 0; i < 100; i++)); do
		log=$(kp dmesg --notime)
		if [ -n "$2" ]; then
			[[ "$log" == *"$2"* ]] && [[ "$(tail -1 <<<"$log")" =~ ^={60,}$ ]] && break
		elif [ "$i" -ge 20 ]; then
			break # a bug-free command: 2 s without a report
		fi
		sleep 0.1
	done
}

provoke oob "BUG: KASAN"
expect_contains "oob: KASAN header naming the function and module" "BUG: KASAN: slab-out-of-bounds in oob_write+0x" "$log"
expect_contains "oob: the access" "Write of size 1 at addr" "$log"
expect_contains "oob: the task" "by task sh/" "$log"
expect_contains "oob: the module's source line" "[kasan_test] $src:$(line_of "p[ten] = 'x'; /* one byte past the object */")" "$log"
expect_contains "oob: the object, as KASAN describes it" "The buggy address is located 0 bytes to the right of" "$log"
expect_contains "oob: its requested size" " 10-byte region [" "$log"
expect_contains "oob: where it was allocated" "$src:$(line_of "char *p = kmalloc(10, GFP_KERNEL);")" "$log"
expect_eq "the module is tainted B" "BOE" "$(cat "$ROOT/sys/module/kasan_test/taint")"
expect_eq "other modules are not" "OE" "$(cat "$ROOT/sys/module/hello_5/taint")"
expect_eq "the daemon still serves" 420 "$(cat "$ROOT/sys/module/hello_5/parameters/myint")"

provoke right "BUG: KASAN"
expect_contains "past the size class: slab-out-of-bounds" "BUG: KASAN: slab-out-of-bounds in right_read" "$log"
expect_contains "a read" "Read of size 1 at addr" "$log"

provoke ksize ''
expect_contains "ksize() hands over the whole object" "ksize(kmalloc(10)) = 16, all of it written" "$log"
[[ "$log" == *KASAN* ]] && fail "ksize: using what ksize() reports was reported: [$log]" || echo "ok: ksize: no report"

provoke uaf "BUG: KASAN"
expect_contains "uaf: KASAN use-after-free" "BUG: KASAN: use-after-free in uaf_read" "$log"
expect_contains "uaf: the line" "$src:$(line_of "sink = p[0]; /* after kfree */")" "$log"
expect_contains "uaf: where it was freed" "Freed by thread" "$log"

provoke double "BUG: KASAN"
expect_contains "double kfree" "BUG: KASAN: double-free or invalid-free in double_free+0x" "$log"

provoke global "BUG: KASAN"
expect_contains "global overflow" "BUG: KASAN: global-out-of-bounds in global_write" "$log"
expect_contains "global: the line" "$src:$(line_of "global_array[ten] = 'x';")" "$log"

provoke cache "BUG: KASAN"
expect_contains "kmem_cache object overflow" "BUG: KASAN: slab-out-of-bounds in cache_write" "$log"

provoke shift "UBSAN:"
expect_contains "UBSAN shift" "UBSAN: shift-out-of-bounds in $src:$(line_of "return 1 << forty;")" "$log"
expect_contains "UBSAN message" "shift exponent 40 is too large for 32-bit type 'int'" "$log"
expect_contains "UBSAN call trace names the module and line" "[kasan_test] $src:$(line_of "return 1 << forty;")" "$log"

provoke index "UBSAN:"
expect_contains "UBSAN index" "UBSAN: array-index-out-of-bounds in $src:$(line_of "return in_struct.a[five];")" "$log"

expect_status "rmmod kasan_test" 0 kp rmmod kasan_test
expect_status "insmod it again (its globals registered anew)" 0 kp insmod "$MODS/kasan_test.so"
provoke global "UBSAN:"
# The runtime reports a bug location once (the same PC again is not
# reported); the reloaded module's globals are new ones: ASan reports the
# overflow again (counted in the daemon log, which has every raw report).
for ((i = 0; i < 50; i++)); do
	n=$(grep -a -c "ERROR: AddressSanitizer: global-buffer-overflow" "$ROOT/.kplay/daemon.log")
	[ "$n" -ge 2 ] && break
	sleep 0.1
done
expect_eq "global overflow after reload reported by ASan (its redzones registered again)" 2 "$n"
expect_status "rmmod kasan_test again" 0 kp rmmod kasan_test
state=$(awk '{ print $3 }' "/proc/$daemon/stat" 2>/dev/null)
[[ "$state" =~ ^[RSD]$ ]] && echo "ok: ASan daemon pid $daemon alive" || fail "ASan daemon pid $daemon is gone"
expect_status "down" 0 "$K" down --root "$ROOT"

# A short fuzz run of the file examples under ASan: no report, no crash.
out=$(KPLAY=$K PLUGINS=$P FUZZ_OPS=${SANITIZE_FUZZ_OPS:-20000} bash "$(dirname "$0")/fuzz.sh" 2>&1)
rc=$?
echo "$out" | sed 's/^/  fuzz: /'
expect_eq "the fuzz run under ASan passes" 0 "$rc"
t_done
