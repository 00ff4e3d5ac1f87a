# hello-5: parameters from the command line and through sysfs, and the
# kernel's errors for bad ones.
load hello-5 myint=7 mystring=kplay myintarray=-1,5
klog
run ls -l --time-style=+ $SYS/module/hello_5/parameters
run cat $SYS/module/hello_5/parameters/myint $SYS/module/hello_5/parameters/myshort $SYS/module/hello_5/parameters/mylong $SYS/module/hello_5/parameters/myintarray
write 12 $SYS/module/hello_5/parameters/myshort
write 0x10 $SYS/module/hello_5/parameters/myint
run cat $SYS/module/hello_5/parameters/myshort $SYS/module/hello_5/parameters/myint
write 70000 $SYS/module/hello_5/parameters/myshort
write abc $SYS/module/hello_5/parameters/myint
write 5 $SYS/module/hello_5/parameters/mylong
write 1,2 $SYS/module/hello_5/parameters/myintarray
run cat $SYS/module/hello_5/parameters/mystring
unload hello-5
klog

# Bad values fail the load; unknown parameters are ignored.
load hello-5 myshort=70000
load hello-5 myintarray=1,2,3
load hello-5 myint=abc
load hello-5 myint=017 myintarray=3 bogus=1
klog
unload hello-5
klog
