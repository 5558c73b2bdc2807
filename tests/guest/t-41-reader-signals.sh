# The reader as a service lives with: SIGHUP reopens its file (logrotate),
# SIGUSR1 prints its counters, and a full disk does not stop it: what it
# could not write is counted, said once, and writing resumes when there is
# room.  Every record is either written or counted as not written.
. /tests/lib.sh
# SIGHUP
start_reader /tmp/sig.json --format json
/usr/bin/true sig-before
mv /tmp/sig.json /tmp/sig.json.1
kill -HUP "$READER"
wait_until test -e /tmp/sig.json || fail "SIGHUP did not reopen the file"
/usr/bin/true sig-after
stop_reader 2>/tmp/sig.err
expect_eq "before the move, in the old file" "$(count /tmp/sig.json.1 '.args.argv[1]? == "sig-before"')" 1
expect_eq "after the move, in the new file" "$(count /tmp/sig.json '.args.argv[1]? == "sig-after"')" 1
expect_eq "none twice" "$(cat /tmp/sig.json /tmp/sig.json.1 | grep -c '"sig-')" 2

start_reader /tmp/usr1.json --format json 2>/tmp/usr1.err
/usr/bin/true usr1
kill -USR1 "$READER"
wait_until grep -q 'records: exec' /tmp/usr1.err || fail "no counters on SIGUSR1: $(cat /tmp/usr1.err)"
grep -q '^execmon: stats: total: seen' /tmp/usr1.err || fail "no kernel counters on SIGUSR1: $(cat /tmp/usr1.err)"
stop_reader

# a full disk: a 64 KiB file system fills up under a storm of execs
mkdir -p /tmp/full
mount -t tmpfs -o size=64k tmpfs /tmp/full || fail "mount"
start_reader /tmp/full/out.json --format json --stats 2>/tmp/full.err
execstorm ok 300 full-storm > /dev/null
wait_until grep -q 'counting the events not written' /tmp/full.err || fail "no word of the full disk: $(cat /tmp/full.err)"
kill -0 "$READER" || fail "the reader died on a full disk"
: > /tmp/full/out.json		# room again
/usr/bin/true full-after
wait_until grep -q 'works again' /tmp/full.err || fail "no word of recovery: $(cat /tmp/full.err)"
stop_reader
set -- $(sed -n 's/^execmon: stats: records: exec \([0-9]*\) failed \([0-9]*\) exit \([0-9]*\) lost_records \([0-9]*\) lost_events [0-9]* written \([0-9]*\) not_written \([0-9]*\)$/\1 \2 \3 \4 \5 \6/p' /tmp/full.err)
[ $# -eq 6 ] || fail "no record counts: $(cat /tmp/full.err)"
echo "records: exec $1 failed $2 exit $3 lost $4 written $5 not written $6"
expect_eq "every record written or counted" $(($5 + $6)) $(($1 + $2 + $3 + $4))
[ "$6" -gt 0 ] || fail "nothing counted as not written"
[ "$3" -ge 300 ] || fail "the storm's 300 processes ended, $3 exits"
expect_eq "the kernel delivered what the reader handled" "$(stat_of /tmp/full.err total delivered)" $(($1 + $2 + $3))
grep -q 'events could not be written' /tmp/full.err || fail "no summary at exit"
expect_eq "the event after the recovery" "$(count /tmp/full/out.json '.args.argv[1]? == "full-after"')" 1
umount /tmp/full

# the errors a host meets: a clear message, and 1 (or 2 for bad usage)
reader_fails() {
	want=$1 rc=$2
	shift 2
	"$@" >/dev/null 2>/tmp/err.txt
	got=$?
	expect_eq "$*: exit status" $got $rc
	grep -q -- "$want" /tmp/err.txt || fail "$*: message '$(cat /tmp/err.txt)' lacks '$want'"
}
reader_fails "modprobe execmon" 1 execmon --device /nonexistent/execmon
reader_fails "permission denied" 1 execways uid 1000 /usr/bin/execmon execmon
reader_fails "unknown format" 2 execmon --format xml
reader_fails "reorder-ms" 2 execmon --reorder-ms -1
reader_fails "usage" 2 execmon extra-argument

# a closed pipe (execmon | head) ends the reader quietly, with 0
rm -f /tmp/pipe.rc
sh -c 'execmon --format json; echo $? > /tmp/pipe.rc' | head -n 1 > /tmp/pipe.out &
pipeline=$!
# up, or already done: the polling's own execs (pidof) are events too, so
# head may take its line and close the pipe before a poll sees the reader
reader_up() { test -e /tmp/pipe.rc || { p=$(pidof execmon) && maps_device "$p"; }; }
wait_until reader_up || fail "the piped reader did not start: status $(cat /tmp/pipe.rc 2>&1); $(ps | grep -e execmon -e head)"
for i in 1 2 3 4 5; do /usr/bin/true pipe-$i; sleep 0.3; done
wait_until test -e /tmp/pipe.rc || fail "the reader did not end when its pipe closed"
wait $pipeline
expect_eq "closed pipe: exit status" "$(cat /tmp/pipe.rc)" 0
# an exec, or the exit of a process the polling ran
case $(jq -r .event /tmp/pipe.out) in
sched_process_exec|sched_process_exit) ;;
*) fail "closed pipe: the line head took: $(cat /tmp/pipe.out)" ;;
esac
exit 0
