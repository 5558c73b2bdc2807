# rmmod is refused while a reader holds the device, and clean once it is gone,
# also while execs keep coming.
. /tests/lib.sh
start_reader /tmp/unload.json --format json
rmmod execmon 2>/tmp/rmmod.err && fail "rmmod succeeded with a reader attached"
grep -q execmon /proc/modules || fail "module gone while a reader held it"
/usr/bin/true still-working
stop_reader
grep -q still-working /tmp/unload.json || fail "reader lost events around the refused rmmod"
execstorm fail 20000 unload > /dev/null &
storm=$!
sleep 0.5
rmmod execmon || fail "rmmod failed with no reader, under an exec storm"
wait $storm || fail "storm failed"
[ -e /dev/execmon ] && fail "/dev/execmon still there"
insmod /execmon.ko || fail "reload failed"
rmmod execmon || fail "second rmmod failed"
grep -q '^execmon ' /proc/modules && fail "module still loaded"
# leave it loaded, as found, so that the test can run again (EXECMON_REPEAT)
insmod /execmon.ko || fail "third load failed"
exit 0
