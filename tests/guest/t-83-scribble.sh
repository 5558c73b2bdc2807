# Issue 18, item 3: read() formats a copy of the record.  The descriptor's
# owner moves consumer_pos through its writable mapping while read()
# formats, so the producer overwrites records mid-format: before the fix
# the formatter read every length again from the ring.  The kernel must
# survive with a clean dmesg, read() gives whole lines, and the module
# still serves a normal reader afterwards.
# race
. /tests/lib.sh
scribble 6 || fail "scribble"
start_reader /tmp/scribble.json --format json
/usr/bin/true after-scribble
stop_reader
expect_eq "events after" "$(count /tmp/scribble.json '.args.argv[1]? == "after-scribble"')" 1
