# poll() wakes a reader on a quiet system: one event shows within the
# bounded delay (10 ms, plus scheduling under emulation), not at the next
# event.
. /tests/lib.sh
start_reader /tmp/poll.json --format json
sleep 0.5
worst=0
for i in 1 2 3 4 5; do
	t0=$(now_ns)
	/usr/bin/true poll-$i
	while ! grep -q "\"poll-$i\"" /tmp/poll.json; do
		[ $(( $(now_ns) - t0 )) -lt 2000000000 ] || fail "event $i not delivered within 2 s on a quiet system"
	done
	ms=$(( ($(now_ns) - t0) / 1000000 ))
	[ $ms -gt $worst ] && worst=$ms
	sleep 0.2
done
stop_reader
echo "worst delivery on a quiet system: $worst ms (exec + wakeup + reader + grep under emulation)"
