# Several readers at once each see the whole stream, identically; past
# max_readers, -EBUSY and a clear message.
. /tests/lib.sh
rmmod execmon && insmod /execmon.ko max_readers=8 || fail "reload with max_readers=8"
readers=
for i in 1 2 3 4 5 6 7 8; do
	start_reader /tmp/r$i.json --format json
	readers="$readers $READER"
done
execmon --format json > /dev/null 2>/tmp/r9.err && fail "a 9th reader was accepted"
grep -q "too many readers" /tmp/r9.err || fail "9th reader's message: $(cat /tmp/r9.err)"
execstorm fail 300 readers > /dev/null
execstorm ok 10 readers > /dev/null
/usr/bin/true readers-last
for r in $readers; do kill -TERM "$r"; wait "$r" || fail "reader $r exit status"; done
sel='(.args.argv // .args.arguments)[1]? == "readers"'
jq -c "select($sel) | del(.seq)" /tmp/r1.json > /tmp/r1.want
expect_eq "reader 1 events" "$(wc -l < /tmp/r1.want)" 310
for i in 2 3 4 5 6 7 8; do
	jq -c "select($sel) | del(.seq)" /tmp/r$i.json > /tmp/r$i.got
	cmp -s /tmp/r1.want /tmp/r$i.got || fail "reader $i saw another stream than reader 1"
done
rmmod execmon && insmod /execmon.ko || fail "reload with defaults"
