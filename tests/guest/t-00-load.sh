# insmod creates /dev/execmon, root-only, and says so in dmesg
. /tests/lib.sh
insmod /execmon.ko || fail "insmod failed"
[ -c /dev/execmon ] || fail "no /dev/execmon"
expect_eq "device mode" "$(stat -c '%a %U %G' /dev/execmon)" "600 root root"
dmesg | grep -q 'execmon: execmon .*: watching execs' || fail "no load message in dmesg"
execmonctl version | grep -q '^uapi 1$' || fail "execmonctl version: $(execmonctl version 2>&1)"
