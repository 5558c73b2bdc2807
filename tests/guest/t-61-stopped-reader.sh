# A reader that stops reading loses events, all counted, exactly, and its
# output says how many (even with no later event on that CPU to carry the
# LOST record); a reader that keeps draining loses none.
# seen == delivered + drops, per CPU.
. /tests/lib.sh
execmon --format json --output /tmp/keep.json --stats 2>/tmp/keep.err &
keep=$!
wait_until maps_device $keep || fail "keep reader"
execmon --format json --output /tmp/stop.json --ring-pages 32 --stats 2>/tmp/stop.err &
stop=$!
wait_until maps_device $stop || fail "stopped reader"
kill -STOP $stop
execstorm fail 3000 stopped > /dev/null
kill -CONT $stop
sleep 1
for p in $keep $stop; do kill -TERM $p; wait $p || fail "reader $p exit status"; done
invariant /tmp/keep.err || fail "invariant (draining reader)"
invariant /tmp/stop.err || fail "invariant (stopped reader)"
sel='.args.arguments[1]? == "stopped"'
expect_eq "draining reader's events" "$(count /tmp/keep.json "$sel")" 3000
expect_eq "draining reader's drops" "$(stat_of /tmp/keep.err total dropped_full)" 0
kept=$(count /tmp/stop.json "$sel")
lost=$(jq -s '[.[] | select(.event == "lost") | .lost] | add // 0' /tmp/stop.json)
[ "$lost" -gt 0 ] || fail "the stopped reader lost nothing: the ring was not full"
expect_eq "stopped reader: drops counted = drops reported" "$(stat_of /tmp/stop.err total dropped_full)" "$lost"
expect_eq "stopped reader: delivered = events written" "$(stat_of /tmp/stop.err total delivered)" "$(grep -vc '"event":"lost"' /tmp/stop.json)"
# every storm event is either kept or inside a counted loss
[ $((kept + lost)) -ge 3000 ] || fail "kept $kept + lost $lost < 3000"
echo "stopped reader kept $kept, lost $lost (counted and reported)"
