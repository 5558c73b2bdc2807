# Issue 18, item 4: the device is registered last at load, once every probe
# is in place, and unregistered first.  A reader that opens /dev/execmon
# the moment it appears, while insmod runs, sets up a session and execs a
# marker: the marker's event arrives.  With the device registered before
# the probes (as before the fix), such a reader opened a session that no
# probe fed: the marker's exec left no event.
. /tests/lib.sh
for round in 1 2 3 4 5; do
	# a process an earlier test started may still have the device open
	wait_until rmmod execmon || fail "round $round: rmmod: $(rmmod execmon 2>&1)"
	openrace 60 load-order-$round > /tmp/openrace.out 2>&1 &
	racer=$!
	sleep 0.2	# spinning on open() before the load begins
	insmod /execmon.ko || fail "round $round: insmod"
	wait $racer
	rc=$?
	[ $rc = 0 ] || fail "round $round: exit $rc: $(tr '\n' ' ' < /tmp/openrace.out)"
done
[ -c /dev/execmon ] || fail "no device after the last load"
exit 0
