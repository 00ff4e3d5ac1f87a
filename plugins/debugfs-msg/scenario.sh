# debugfs-msg: a message file with our own file_operations, and a
# read-only binary blob, in /sys/kernel/debug/debugfs_msg.
D=$SYS/kernel/debug/debugfs_msg

load debugfs-msg
klog
run ls -l --time-style=+ $D
run cat $D/message
run dd if=$D/message bs=4 count=2 status=none
echo
write 'A new message' $D/message
run cat $D/message
# A second write() on the same open file continues where the first ended.
run bash -c "exec 3>$D/message; printf \"one \" >&3; printf \"two\n\" >&3; cat $D/message"
# O_APPEND means nothing to these handlers: >> writes at offset 0 too.
run bash -c "printf \"three\n\" >>$D/message; cat $D/message"
# 63 characters and a newline fill it exactly; one more is refused.
write 012345678901234567890123456789012345678901234567890123456789012 $D/message
run cat $D/message
write 0123456789012345678901234567890123456789012345678901234567890123 $D/message
run cat $D/message
run od -A d -t x1 $D/blob
write 1 $D/blob
klog
unload debugfs-msg
klog
run ls $D
