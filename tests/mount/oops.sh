#!/usr/bin/env bash
# Mount-level test of oops isolation: a module that dereferences NULL,
# divides by zero or calls BUG() gets an oops report in the log, the calling
# process is killed (as the kernel kills the faulting task), and the daemon
# and every other module keep serving. WARN_ON reports and goes on.
. "$(dirname "$0")/lib.sh"

MODS=$ROOT/mods
"$KPLAY" build "$(dirname "$0")/../modules/oops" --out "$MODS" >/dev/null || fail "cannot build the oops test module"
# A low soft-lockup threshold, so a 3 s busy loop is reported.
KPLAY_SOFTLOCKUP_SECS=1 "$KPLAY" up --root "$ROOT" >/dev/null
kp insmod "$PLUGINS/hello-5.so"
kp insmod "$MODS/oops.so" || fail "insmod oops"
O=$ROOT/proc/oops

kp dmesg -C
cat "$O" >/dev/null 2>&1
expect_eq "the reader of a NULL-dereferencing file is killed" 137 "$?"
log=$(kp dmesg --notime)
expect_contains "NULL dereference reported" "BUG: kernel NULL pointer dereference, address: 0000000000000000" "$log"
expect_contains "oops line" "Oops: 0000 [#1]" "$log"
expect_contains "the faulting function, symbolised" "RIP: 0010:oops_read+0x" "$log"
expect_eq "the daemon still serves other modules" 420 "$(cat "$ROOT/sys/module/hello_5/parameters/myint")"
expect_eq "the module that oopsed is tainted D" "oops DOE" \
	"$(awk '$1 == "oops" { gsub(/[()]/, "", $7); print $1, $7 }' "$ROOT/proc/modules")"
expect_eq "its sysfs taint too" "DOE" "$(cat "$ROOT/sys/module/oops/taint")"
expect_eq "other modules are not" "OE" "$(cat "$ROOT/sys/module/hello_5/taint")"

kp dmesg -C
sh -c "echo div > $O" 2>/dev/null
expect_eq "division by zero kills the writer" 137 "$?"
expect_contains "divide error reported" "divide error: 0000 [#2]" "$(kp dmesg --notime)"

kp dmesg -C
sh -c "echo bug > $O" 2>/dev/null
expect_eq "BUG() kills the writer" 137 "$?"
log=$(kp dmesg --notime)
expect_contains "kernel BUG line" "kernel BUG at" "$log"
expect_contains "invalid opcode" "invalid opcode: 0000 [#3]" "$log"

# A busy loop in module code: reported by the soft-lockup watchdog, while
# other requests are served meanwhile.
kp dmesg -C
sh -c "echo spin > $O" &
spinner=$!
expect_eq "served during the busy loop" 420 "$(cat "$ROOT/sys/module/hello_5/parameters/myint")"
wait "$spinner"
expect_contains "soft lockup reported" "watchdog: BUG: soft lockup - CPU#0 stuck for" "$(kp dmesg --notime)"

kp dmesg -C
sh -c "echo warn > $O"
expect_eq "WARN_ON does not kill" 0 "$?"
expect_contains "WARNING reported" "WARNING: CPU: 0 PID:" "$(kp dmesg --notime)"

# An oops in init kills insmod and leaves the module loading, as a real kernel does.
expect_status "rmmod of a module that oopsed in calls before" 0 kp rmmod oops
sh -c "'$KPLAY' insmod --root '$ROOT' '$MODS/oops.so' crash_init=1" 2>/dev/null
expect_eq "insmod of a module oopsing in init is killed" 137 "$?"
expect_eq "/proc/modules shows it still loading" "oops Loading" \
	"$(awk '$1 == "oops" { print $1, $5 }' "$ROOT/proc/modules")"
expect_eq "other modules still work" 420 "$(cat "$ROOT/sys/module/hello_5/parameters/myint")"
expect_status "down after oopses" 0 "$KPLAY" down --root "$ROOT"
t_done
