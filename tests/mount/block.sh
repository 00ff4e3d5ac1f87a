#!/usr/bin/env bash
# Mount-level test of block devices (blkram on blk-mq): ROOT/dev/blkram0
# reads and writes go through the module's queue_rq, with the block device
# file's rules (ENOSPC at the end, short writes across it, sector
# read-modify-write), and real file-system tools work on it.
. "$(dirname "$0")/lib.sh"

for tool in mke2fs e2fsck debugfs blockdev sha256sum; do
	command -v "$tool" >/dev/null || { fail "$tool missing (packaging/install-deps.sh installs e2fsprogs)"; t_done; }
done

"$KPLAY" up --root "$ROOT" >/dev/null
D=$ROOT/dev/blkram0
tmp=$(mktemp -d /tmp/kplay-block-data.XXXXXX)
trap 'rm -rf "$tmp"; t_cleanup' EXIT

expect_status "capacity_mb=0 is refused" 1 kp insmod "$PLUGINS/blkram.so" capacity_mb=0
kp insmod "$PLUGINS/blkram.so" capacity_mb=8 || fail "insmod blkram"
expect_eq "sysfs size in sectors" 16384 "$(cat "$ROOT/sys/block/blkram0/size")"
expect_eq "logical block size" 512 "$(cat "$ROOT/sys/block/blkram0/queue/logical_block_size")"
expect_eq "st_size is the capacity" 8388608 "$(stat -c %s "$D")"
expect_eq "BLKGETSIZE64" 8388608 "$(blockdev --getsize64 "$D")"
expect_eq "BLKSSZGET" 512 "$(blockdev --getss "$D")"
expect_contains "/proc/partitions (1 KiB blocks)" " 254        0       8192 blkram0" "$(cat "$ROOT/proc/partitions")"
major=$(sed -n 's/^ *\([0-9]*\) blkram$/\1/p' "$ROOT/proc/devices")
expect_eq "dynamic block major (the highest free below 255)" 254 "$major"
expect_eq "sysfs dev" "254:0" "$(cat "$ROOT/sys/block/blkram0/dev")"

# Round trip: 3 MiB of random data at 1 MiB, checksums equal.
head -c 3145728 /dev/urandom >"$tmp/in"
dd if="$tmp/in" of="$D" bs=256k seek=4 conv=notrunc status=none || fail "dd write"
expect_eq "dd round trip" "$(sha256sum <"$tmp/in" | cut -d' ' -f1)" \
	"$(dd if="$D" bs=1M skip=1 count=3 status=none | sha256sum | cut -d' ' -f1)"

# Not sector-aligned: 1000 bytes at offset 513 leave their neighbours alone.
head -c 1000 /dev/urandom >"$tmp/small"
dd if="$tmp/small" of="$D" bs=1000 seek=513 oflag=seek_bytes conv=notrunc status=none || fail "unaligned dd"

expect_eq "unaligned write reads back" "$(sha256sum <"$tmp/small" | cut -d' ' -f1)" \
	"$(dd if="$D" bs=1 skip=513 count=1000 status=none | sha256sum | cut -d' ' -f1)"
expect_eq "bytes before it untouched" 0 "$(dd if="$D" bs=513 count=1 status=none | tr -d '\0' | wc -c)"
# 1000 bytes at 513 end at byte 1513; bytes 1513..2047 of that sector are zero.
expect_eq "bytes after it untouched" 0 "$(dd if="$D" bs=1 skip=1513 count=535 status=none | tr -d '\0' | wc -c)"

# The end of the disk.
out=$(dd if=/dev/zero of="$D" bs=512 seek=16384 count=1 conv=notrunc status=none 2>&1)
expect_contains "write at the end: ENOSPC" "No space left on device" "$out"
out=$(dd if=/dev/zero of="$D" bs=1024 seek=8191 count=2 conv=notrunc status=noxfer 2>&1)
expect_contains "write across the end is short" "1+0 records out" "$out"
expect_eq "read at the end returns nothing" 0 "$(dd if="$D" bs=512 skip=16384 count=1 status=none | wc -c)"

# A file system: mke2fs, a file written with debugfs, e2fsck, read back.
mke2fs -q -F -t ext2 -b 1024 "$D" >/dev/null 2>&1 || fail "mke2fs"
printf 'kplay block test\n' >"$tmp/note"
debugfs -w -R "write $tmp/note note.txt" "$D" >/dev/null 2>&1 || fail "debugfs write"
expect_eq "debugfs reads the file back" "kplay block test" "$(debugfs -R 'cat note.txt' "$D" 2>/dev/null)"
expect_status "e2fsck -fn finds a clean file system" 0 e2fsck -fn "$D"
expect_contains "debugfs lists it" "note.txt" "$(debugfs -R 'ls -l' "$D" 2>/dev/null)"

# Open, the disk holds the module; rmmod then removes every trace.
exec 3<"$D"
expect_status "rmmod while open" 1 kp rmmod blkram
exec 3<&-
expect_status "rmmod" 0 kp rmmod blkram
[ ! -e "$D" ] && echo "ok: node removed" || fail "node left"
[ ! -e "$ROOT/sys/block/blkram0" ] && echo "ok: sysfs removed" || fail "sysfs left"
expect_eq "block major released" "" "$(grep ' blkram$' "$ROOT/proc/devices")"
expect_eq "/proc/partitions is empty again" "" "$(cat "$ROOT/proc/partitions")"
t_done
