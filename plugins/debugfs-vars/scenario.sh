# debugfs-vars: six variables in debugfs (u8, u16, u32, u64, bool, x32),
# each also a module parameter: written in one place, read in the other.
D=$SYS/kernel/debug/debugfs_vars
P=$SYS/module/debugfs_vars/parameters

load debugfs-vars count=7 mask=0xf0
klog
run stat -c '%A %U:%G %n' $SYS/kernel/debug $D
run ls -l --time-style=+ $D
run cat $D/byte $D/half $D/count $D/total $D/enabled $D/mask
run cat $P/byte $P/half $P/count $P/total $P/enabled $P/mask

# debugfs to parameter.
write 42 $D/count
write 0x100 $D/half
write N $D/enabled
write 0xdeadbeef $D/mask
run cat $P/count $P/half $P/enabled $P/mask
# A u8 file keeps the low 8 bits; the parameter refuses what does not fit.
write 300 $D/byte
run cat $D/byte
write 300 $P/byte
# Parameter to debugfs; "total" is read-only in debugfs.
write 1234567890123 $P/total
write 7 $P/mask
run cat $D/total $D/mask
write 1 $D/total
# Not numbers.
write abc $D/count
write -1 $D/count
run cat $D/count

# The debugfs root is mode 0700: other users cannot even look inside.
run setpriv --reuid=65534 --regid=65534 --clear-groups cat $D/count
klog
unload debugfs-vars
klog
run ls $D
