# Issue 18, item 5: ring memory is the opener's.  In a memory cgroup too
# small for them, rings are refused with ENOMEM (before: charged to nobody,
# they were set up whatever the limit), and nobody is OOM-killed; rings the
# host cannot spare (the largest size on a 1 GiB guest) are refused too;
# a setup that fits still works afterwards, in the cgroup and out of it.
. /tests/lib.sh
cg=/sys/fs/cgroup
[ -f $cg/cgroup.controllers ] && grep -qw memory $cg/cgroup.controllers || { echo "no memory controller"; exit 77; }
echo +memory > $cg/cgroup.subtree_control || fail "cannot enable the memory controller"
mkdir -p $cg/em-small
echo 48M > $cg/em-small/memory.max
# 8,192 pages a ring, a ring per CPU: 64 MiB on two CPUs
timeout 5 sh -c 'echo $$ > /sys/fs/cgroup/em-small/cgroup.procs && exec execmon --ring-pages 8192 --output /tmp/ringmem.out' 2>/tmp/ringmem.err
rc=$?
[ $rc -ne 124 ] || fail "a 64 MiB setup in a 48 MiB cgroup was accepted"
[ $rc -ne 0 ] || fail "execmon exited 0 in a 48 MiB cgroup"
cat /tmp/ringmem.err
grep -q 'Cannot allocate memory' /tmp/ringmem.err || fail "no ENOMEM said: $(cat /tmp/ringmem.err)"
expect_eq "OOM kills in the cgroup" "$(sed -n 's/^oom_kill //p' $cg/em-small/memory.events)" 0
# what the host cannot spare: 256 MiB rings per CPU
execmon --ring-pages 65536 --output /tmp/ringmem.out 2>/tmp/ringmem.err && fail "256 MiB rings accepted on a small guest"
grep -q 'Cannot allocate memory' /tmp/ringmem.err || fail "no ENOMEM said for the largest rings: $(cat /tmp/ringmem.err)"
# a setup that fits, in the cgroup: events flow
rm -f /tmp/ringmem.json
sh -c 'echo $$ > /sys/fs/cgroup/em-small/cgroup.procs && exec execmon --ring-pages 512 --format json --output /tmp/ringmem.json' &
READER=$!
wait_until maps_device $READER || fail "a 4 MiB setup in the cgroup failed"
/usr/bin/true ringmem-after
stop_reader
expect_eq "events after" "$(count /tmp/ringmem.json '.args.argv[1]? == "ringmem-after"')" 1
rmdir $cg/em-small
