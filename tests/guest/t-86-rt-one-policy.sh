# Issue 18, item 13: each event is decided under one whole policy, also on
# PREEMPT_RT, where the path rules wait for the task work that resolves
# the path.  P1 drops /usr/bin/true by path, P2 every exec of uid 0 by a
# context rule: under either, a root exec of /usr/bin/true is dropped.
# Before, on RT, an event begun under P1 was decided in the task work under
# whatever was in force then: under P2 (no path rule) it was kept.
. /tests/lib.sh
true_path=$(realpath /usr/bin/true)
printf 'filter drop path=%s\n' "$true_path" > /tmp/rtp1
printf 'filter drop uid=0\n' > /tmp/rtp2
execmonctl load /tmp/rtp1 || fail "load"
trap 'execmonctl filter clear' EXIT
# the debug kernel's execs are dearer, its policy swaps far more (600 took 452 s)
execs=600
debug_kernel && ! soak && execs=120
start_reader /tmp/rtpol.json --format json
rm -f /tmp/rtpol.stop
(
	n=0
	while [ ! -e /tmp/rtpol.stop ]; do
		execmonctl load /tmp/rtp2 && execmonctl load /tmp/rtp1 || exit 1
		n=$((n + 2))
	done
	echo $n > /tmp/rtpol.swaps
) &
swapper=$!
execstorm ok $execs rtpol-tag > /dev/null || fail "execstorm"
touch /tmp/rtpol.stop
wait $swapper || fail "a load failed"
stop_reader
echo "$(cat /tmp/rtpol.swaps) swaps during $execs execs"
[ "$(cat /tmp/rtpol.swaps)" -ge 4 ] || fail "too few swaps to overlap the execs"
sel='.args.argv[1]? == "rtpol-tag"'
kept=$(count /tmp/rtpol.json "$sel")
if [ "$kept" != 0 ]; then
	first=$(events /tmp/rtpol.json "$sel" | head -n 1 | cut -c1-1500)
	fail "storm execs kept (a torn policy): $kept, the first: $first"
fi
