# A reader killed mid-stream breaks nothing: the storm goes on, a new reader
# sees events, and the dead reader's session is gone.
. /tests/lib.sh
start_reader /tmp/dies1.json --format json
execstorm fail 20000 dies > /dev/null &
storm=$!
sleep 1
kill -KILL "$READER"
wait "$READER" 2>/dev/null
start_reader /tmp/dies2.json --format json
wait $storm || fail "storm failed"
/usr/bin/true after-death
stop_reader
expect_eq "events in the new reader" "$(count /tmp/dies2.json '.args.argv[1]? == "after-death"')" 1
