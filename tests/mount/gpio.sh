#!/usr/bin/env bash
# Mount-level test of the virtual GPIO hardware: buttons pressed from the
# shell fire the examples' interrupt handlers (LED on GPIO 4 follows),
# /proc/interrupts counts them, the bottom halves (tasklet, work, IRQ
# thread) run after the hard handler, the IRQ core's rules and its
# hard-IRQ context checks hold, free_irq at rmmod, and the simulated DHT11
# answers the dht11 driver reliably.
. "$(dirname "$0")/lib.sh"

MODS=$ROOT/mods
"$KPLAY" build "$(dirname "$0")/../modules/irq_rules" --out "$MODS" >/dev/null ||
	fail "cannot build the irq_rules test module"
"$KPLAY" up --root "$ROOT" >/dev/null || fail "kplay up"
G=$ROOT/sys/kernel/kplay/gpio
gp() { "$KPLAY" gpio --root "$ROOT" "$@"; }

# Waits (up to ~10 s) until the log has a line matching $1; prints the log.
LOG=""
log_until() {
	local i
	for i in $(seq 200); do
		LOG+=$(kp dmesg --read-clear --notime)$'\n'
		grep -q -- "$1" <<<"$LOG" && break
		sleep 0.05
	done
	printf '%s' "$LOG"
	LOG=""
}

# An IRQ's count in /proc/interrupts (column 2), or "none".
irq_count() { awk -v i="$1:" '$1 == i { print $2; found = 1 } END { if (!found) print "none" }' "$ROOT/proc/interrupts"; }

# --- intrpt: hard handlers switch the LED ---
kp insmod "$PLUGINS/intrpt.so" || fail "insmod intrpt"
kp dmesg -C
expect_eq "the LED starts off" 0 "$(cat "$G/gpio4/value")"
expect_eq "the LED line is an output" out "$(cat "$G/gpio4/direction")"
expect_contains "lines lists the requested buttons" "gpio-17  (                    |Button 1            ) in  lo IRQ" \
	"$(cat "$G/lines")"
expect_contains "/proc/interrupts names the handlers" "gpiomod#button1" "$(cat "$ROOT/proc/interrupts")"
expect_eq "no press yet" 0 "$(irq_count 217)"
echo 17 >"$G/pulse"
expect_eq "button 1 lights the LED (the write returns after the handler)" 1 "$(cat "$G/gpio4/value")"
expect_contains "the handler ran in hard-IRQ context" "button 1 pressed (irq 217, in_irq 1): LED on" \
	"$(kp dmesg --notime)"
gp pulse 18
expect_eq "button 2 puts it out" 0 "$(gp get 4)"
gp set 18 1
gp set 18 0
expect_eq "a rising and a falling edge: one interrupt (IRQF_TRIGGER_RISING)" 2 "$(irq_count 218)"
expect_eq "button 1 counted once" 1 "$(irq_count 217)"
expect_status "the outside cannot drive an output line" 1 gp set 4 1
expect_eq "  ...with EBUSY" "kplay gpio: gpio 4: Device or resource busy" "$(gp set 4 1 2>&1)"
kp rmmod intrpt
expect_contains "free_irq returned the name" "freed gpiomod#button1 after 1 press(es)" "$(kp dmesg --notime)"
expect_eq "after free_irq no handler is named" "" "$(grep gpiomod "$ROOT/proc/interrupts")"
expect_eq "  ...the count stays" 1 "$(irq_count 217)"
expect_eq "no line requested any more" "gpiochip0: GPIOs 0-639, kplay-gpio:" "$(gp list)"

# --- bottomhalf: tasklet and work after the hard handler ---
kp insmod "$PLUGINS/bottomhalf.so" || fail "insmod bottomhalf"
kp dmesg -C
echo 17 >"$G/pulse"
log=$(log_until 'tasklet:')
expect_eq "hard handler, then its tasklet" \
	"bottomhalf: hard handler: button 1, LED on|bottomhalf: tasklet: press 1 of button 1 handled (in_softirq 1)" \
	"$(grep -E 'hard handler|tasklet' <<<"$log" | paste -sd'|')"
echo 18 >"$G/pulse"
log=$(log_until 'work:')
expect_contains "the work item ran in process context and slept" \
	"work: press 1 of button 2 handled after a 10 ms sleep (in_interrupt 0)" "$log"
expect_eq "the LED followed" 0 "$(cat "$G/gpio4/value")"
kp rmmod bottomhalf

# --- bh_threaded: the IRQ thread runs thread_fn ---
kp insmod "$PLUGINS/bh_threaded.so" || fail "insmod bh_threaded"
kp dmesg -C
echo 17 >"$G/pulse"
log=$(log_until 'thread .*button 1')
expect_contains "the hard handler woke the thread" "hard handler: button 1 (in_irq 1), waking the thread" "$log"
expect_contains "thread_fn on irq/217-..." "thread irq/217-bh_thre: button 1, LED on (in_irq 0)" "$log"
echo 18 >"$G/pulse"
log=$(log_until 'thread .*button 2')
expect_contains "handler NULL + IRQF_ONESHOT: the thread alone" "thread irq/218-bh_thre: button 2, LED off" "$log"
kp rmmod bh_threaded || fail "rmmod bh_threaded"

# --- the IRQ core's rules and hard-IRQ context ---
kp insmod "$MODS/irq_rules.so" leak=1 || fail "insmod irq_rules"
log=$(kp dmesg --read-clear --notime)
expect_contains "a busy line: EBUSY" "busy line: -16" "$log"
expect_contains "a valid number without a chip: EPROBE_DEFER" "line without chip: -517" "$log"
expect_contains "gpio_to_irq of a number without a chip: EINVAL" "invalid number: to_irq -22" "$log"
expect_contains "second handler on an unshared IRQ: EBUSY" "second on unshared: -16" "$log"
expect_contains "  ...reported as the kernel does" "genirq: Flags mismatch irq 220. 00000002 (second) vs. 00000002 (sleepy)" "$log"
expect_contains "shared without dev_id: EINVAL" "shared without dev_id: -22" "$log"
expect_contains "no handler at all: EINVAL" "no handler: -22" "$log"
expect_contains "NULL handler without ONESHOT: EINVAL" "NULL handler without ONESHOT: -22" "$log"
expect_contains "  ...reported" "genirq: Threaded irq requested with handler=NULL and !ONESHOT for nooneshot (irq 221)" "$log"
expect_contains "an IRQ nobody mapped: EINVAL" "unmapped irq: -22" "$log"
expect_contains "an output line cannot be an interrupt" "output line: -22" "$log"
expect_contains "  ...reported by the chip" "unable to lock HW IRQ 23 for IRQ" "$log"
expect_contains "shared handlers coexist" "shared 2: 0" "$log"
gp pulse 22
log=$(kp dmesg --read-clear --notime)
expect_contains "both shared handlers ran (1)" "shared: handler 1" "$log"
expect_contains "both shared handlers ran (2)" "shared: handler 2" "$log"
gp set 20 1
expect_eq "a rising edge does not fire a falling-edge IRQ" 0 "$(irq_count 220)"
gp set 20 0
log=$(kp dmesg --read-clear --notime)
expect_contains "the hard handler sees in_irq" "sleepy: in_irq 1 in_interrupt 1" "$log"
expect_eq "sleeping in the hard handler is reported, three times (msleep, GFP_KERNEL, mutex_lock)" 3 \
	"$(grep -c 'BUG: sleeping function called from invalid context' <<<"$log")"
expect_contains "  ...with the hard-IRQ preempt count" "preempt_count: 10000, expected: 0" "$log"
expect_contains "  ...irqs disabled" "in_atomic(): 1, irqs_disabled(): 1" "$log"
expect_contains "the handler went on" "sleepy: done" "$log"
kp rmmod irq_rules
log=$(kp dmesg --read-clear --notime)
expect_contains "free_irq returns the name" "free_irq returned tofree" "$log"
expect_contains "freeing a free IRQ warns" "Trying to free already-free IRQ 221" "$log"
expect_contains "  ...and returns NULL" "free_irq again returned NULL" "$log"
expect_contains "a handler left requested is freed at unload and named" \
	"kplay: irq_rules left 1 IRQ handler(s) requested at unload (no free_irq); freed" "$log"
gp pulse 22
expect_eq "  ...it no longer runs" "" "$(kp dmesg --read-clear --notime | grep shared)"

# --- led ---
kp insmod "$PLUGINS/led.so" || fail "insmod led"
echo 1 >"$ROOT/dev/gpio_led"
expect_eq "writing 1 lights the LED" 1 "$(gp get 4)"
expect_eq "the device reads it back" on "$(cat "$ROOT/dev/gpio_led")"
echo 0 >"$ROOT/dev/gpio_led"
expect_eq "writing 0 puts it out" 0 "$(gp get 4)"
kp rmmod led

# --- dht11: the simulated sensor answers the bit-banging driver ---
kp insmod "$PLUGINS/dht11.so" || fail "insmod dht11"
gp dht11 37 22.4
good=0
for i in $(seq 30); do
	[ "$(cat "$ROOT/dev/dht11")" == $'humidity: 37.0 %\ntemperature: 22.4 C' ] && good=$((good + 1))
done
expect_eq "30 readings, all right" 30 "$good"
# The same while both cores are busy with other work.
burn() { while :; do :; done; }
burn &
b1=$!
burn &
b2=$!
good=0
for i in $(seq 20); do
	[ "$(cat "$ROOT/dev/dht11")" == $'humidity: 37.0 %\ntemperature: 22.4 C' ] && good=$((good + 1))
done
kill "$b1" "$b2"
wait "$b1" "$b2" 2>/dev/null
expect_eq "20 readings with both CPUs loaded, all right" 20 "$good"
expect_eq "no bad frame needed a retry" "" "$(kp dmesg --notime | grep 'bad frame')"
gp dht11 off
expect_eq "no sensor: the read times out" "cat: $ROOT/dev/dht11: Connection timed out" "$(cat "$ROOT/dev/dht11" 2>&1)"
gp dht11 on
kp rmmod dht11

# --- bad input to the controls ---
expect_eq "a line the chip does not have" 1 "$(gp get 700 >/dev/null 2>&1; echo $?)"
expect_contains "pulse of a line the chip does not have" "write error: Invalid argument" \
	"$(bash -c "echo 640 > $G/pulse" 2>&1)"
expect_status "a level other than 0/1" 1 gp set 17 2
expect_status "a bad sensor setting" 1 gp dht11 warm
expect_status "  ...not a number" 1 gp dht11 nan 20
expect_status "  ...out of range" 1 gp dht11 40 1e9
expect_status "the sensor's line is driven by the sensor" 1 gp set 575 0
expect_status "an unknown action" 2 gp frobnicate

t_done
