# Issue 18, item 2: poll() and read() on a descriptor whose first
# EXECMON_IOC_SETUP is still allocating its rings, or failing.  Before the
# fix, poll() walked a rings array whose entries did not exist yet (a NULL
# dereference in em_ring_empty() on 6.1 and 6.12).
# race
. /tests/lib.sh
pollrace 40 2048 || fail "pollrace"
# and the module still works for a normal reader
start_reader /tmp/pollrace.json --format json
/usr/bin/true after-pollrace
stop_reader
expect_eq "events after the race" "$(count /tmp/pollrace.json '.args.argv[1]? == "after-pollrace"')" 1
