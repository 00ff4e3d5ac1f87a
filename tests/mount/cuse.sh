#!/usr/bin/env bash
# kplay up --cuse: without a usable /dev/cuse it fails with a clear message and
# mounts nothing; --cuse-auto falls back to FUSE and says so in the log. (The
# CUSE transport itself is proven in the QEMU guest: compare.cuse.)
. "$(dirname "$0")/lib.sh"

if [ -r /dev/cuse ] && [ -w /dev/cuse ]; then
	echo "SKIP: /dev/cuse is usable here; this test covers the host without CUSE (see compare.cuse)"
	exit 0
fi

out=$("$KPLAY" up --cuse --root "$ROOT" 2>&1)
rc=$?
expect_eq "up --cuse fails" 1 "$rc"
if [ -e /dev/cuse ]; then
	expect_contains "the reason" "CUSE not available: /dev/cuse:" "$out"
else
	expect_eq "the message" "kplay: CUSE not available: /dev/cuse missing (modprobe cuse)" "$out"
fi
if grep -q " $ROOT/" /proc/self/mountinfo; then
	fail "a failed up --cuse left mounts under $ROOT"
fi

"$KPLAY" up --cuse-auto --root "$ROOT" >/dev/null || fail "up --cuse-auto"
expect_contains "the fallback is logged" "CUSE not available" "$(cat "$ROOT/.kplay/daemon.log")"
expect_contains "and says FUSE serves the devices" "served through FUSE only" "$(cat "$ROOT/.kplay/daemon.log")"
# Devices still work, through FUSE.
"$KPLAY" insmod --root "$ROOT" "$PLUGINS/chardev.so" >/dev/null || fail "insmod chardev"
expect_contains "chardev through FUSE" "hello from chardev" "$(cat "$ROOT/dev/chardev")"
"$KPLAY" rmmod --root "$ROOT" chardev || fail "rmmod chardev"

t_done
