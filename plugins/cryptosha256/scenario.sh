# cryptosha256: a digest with the kernel's shash API, in pieces and in one
# call, checked against sha256sum and sha1sum.

# digest ALGO TEXT: what coreutils' ALGOsum prints for TEXT.
digest() { printf '%s' "$2" | "${1}sum"; }

load cryptosha256
klog
run digest sha256 'The quick brown fox jumps over the lazy dog'
run cat $SYS/module/cryptosha256/parameters/algo $SYS/module/cryptosha256/parameters/text
unload cryptosha256
load cryptosha256 text=kplay
unload cryptosha256
load cryptosha256 algo=sha1 text=kplay
unload cryptosha256
klog
run digest sha256 kplay
run digest sha1 kplay
# An algorithm the kernel does not have: ENOENT, and the load fails.
load cryptosha256 algo=nosuch
klog
run ls $SYS/module/cryptosha256
