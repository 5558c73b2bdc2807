# A reader killed mid-stream breaks nothing: the storm goes on, a new reader
# sees events, and the dead reader's session is gone.
. /tests/lib.sh
# long enough to outlast the kill and the second reader's start: on the
# debug kernel each exec is some fifteen times dearer (20,000 took 339 s)
n=20000
debug_kernel && ! soak && n=2000
start_reader /tmp/dies1.json --format json
execstorm fail $n dies > /dev/null &
storm=$!
sleep 1
kill -KILL "$READER"
wait "$READER" 2>/dev/null
start_reader /tmp/dies2.json --format json
wait $storm || fail "storm failed"
/usr/bin/true after-death
stop_reader
expect_eq "events in the new reader" "$(count /tmp/dies2.json '.args.argv[1]? == "after-death"')" 1
