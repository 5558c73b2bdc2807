# A stop (SIGTERM) writes everything the reader holds, however long a slow
# output takes, and gives up only on an output that takes nothing (after
# 10 s in which not a byte went) or on a second SIGTERM: it says so and
# exits with status 1.  All through a FIFO: one consumer that starts
# reading only once the stop has begun, and slowly, so the whole storm
# waits in the reader at the stop; one that never reads, stopped once and
# twice.
. /tests/lib.sh
n=800

# slow: at most 56 KiB (some 50 lines) a second once /tmp/stop.go exists,
# in blocks: the shell's read takes a pipe a byte at a time, a syscall
# each, which on the debug kernel beside other guests once made one 64 KiB
# write(2) of the reader's outlast its 10 s of patience
rm -f /tmp/stop.fifo /tmp/stop.go /tmp/stop.lines /tmp/stop.part
mkfifo /tmp/stop.fifo
(
	exec < /tmp/stop.fifo
	while [ ! -e /tmp/stop.go ]; do sleep 0.2; done
	: > /tmp/stop.lines
	while dd bs=4096 count=14 of=/tmp/stop.part 2>/dev/null && [ -s /tmp/stop.part ]; do
		cat /tmp/stop.part >> /tmp/stop.lines
		sleep 1
	done
) &
consumer=$!
execmon --format json --output /tmp/stop.fifo 2> /tmp/stop.err &
READER=$!
wait_until maps_device "$READER" || fail "execmon did not map its rings"
execstorm fail $n stop-slow > /dev/null || fail "storm"
start=$(now_ns)
kill -TERM "$READER"
touch /tmp/stop.go
wait "$READER"
rc=$?
took=$((($(now_ns) - start) / 1000000000))
wait $consumer
[ "$rc" = 0 ] || fail "a slow output: execmon exited with $rc after $took s: $(cat /tmp/stop.err)"
expect_eq "a slow output: the storm's events, all written" \
	"$(count /tmp/stop.lines '.args.arguments[1]? == "stop-slow"')" $n
# the case was met: the consumer took longer than the reader's patience
[ "$took" -ge 10 ] || fail "the stop took $took s: under 10 s, the test does not test the wait"

# stuck_stop TAG SIGNALS: a reader whose FIFO is held and never read
# (1000 lines are some 500 KB, far more than the pipe holds), stopped
# with SIGTERM SIGNALS times a second apart; sets rc and took (s)
stuck_stop() {
	rm -f /tmp/stop.fifo
	mkfifo /tmp/stop.fifo
	sleep 120 < /tmp/stop.fifo &
	holder=$!
	execmon --format json --output /tmp/stop.fifo 2> /tmp/stop.err &
	READER=$!
	wait_until maps_device "$READER" || fail "execmon did not map its rings"
	execstorm fail 1000 "$1" > /dev/null || fail "storm"
	start=$(now_ns)
	kill -TERM "$READER"
	for i in $(seq 2 "$2"); do sleep 1; kill -TERM "$READER"; done
	wait "$READER"
	rc=$?
	took=$((($(now_ns) - start) / 1000000000))
	kill $holder
}

stuck_stop stop-stuck 1
expect_eq "a stuck output: exit status" "$rc" 1
grep -q 'the output has not taken anything for 10 s' /tmp/stop.err ||
	fail "a stuck output: not said: $(cat /tmp/stop.err)"
[ "$took" -ge 10 ] && [ "$took" -lt 40 ] || fail "a stuck output: the stop took $took s"

# stopped twice: the second stop ends it at once
stuck_stop stop-twice 2
expect_eq "stopped twice: exit status" "$rc" 1
grep -q 'stopped again' /tmp/stop.err || fail "stopped twice: not said: $(cat /tmp/stop.err)"
[ "$took" -lt 8 ] || fail "stopped twice: the stop took $took s"
