# When every kretprobe instance is taken, an exec's return goes unwatched:
# not lost silently, but counted (probe_misses) and said by the reader as it
# happens.  4,096 execs (the module's EM_MAXACTIVE) are held in flight at
# once, blocked where the kernel reads their arguments (a page that
# userfaultfd holds back); three failing execs then find no instance of the
# system call's kretprobe left.  Before 6.8 bprm_execve()'s return, whose
# instances the held execs have not reached, still reports them; since, the
# missing file fails before it, and they are counted, not reported.  The
# held execs, once let go, fail (ENOEXEC: the file is no program, which
# keeps thousands of them quick) and are all reported, each once and with
# its binary however many wait between bprm_execve()'s return and the
# system call's (on the debug kernel, thousands, for seconds), and the
# instances come back.
. /tests/lib.sh
[ -e /proc/sys/vm/unprivileged_userfaultfd ] || { echo "skip: this kernel has no userfaultfd"; exit 77; }
n=4096 m=3
case $(uname -r) in
6.[0-7].*|[1-5].*) reported=$m ;;
*) reported=0 ;;
esac
printf 'not a program\n' > /tmp/held
chmod +x /tmp/held
echo 65536 > /proc/sys/kernel/threads-max	# sized from memory: debug kernels' stacks are large
before=$(execmonctl status --json | jq .probe_misses)
paths_before=$(execmonctl status --json | jq .path_misses)
rm -f /tmp/held.json
execmon --format json --output /tmp/held.json 2>/tmp/held.err &
READER=$!
wait_until maps_device $READER || fail "execmon did not map its rings"
execheld $n /tmp/held held /nonexistent/held $m > /tmp/held.out || fail "execheld: $(cat /tmp/held.out)"
expect_eq "execheld" "$(cat /tmp/held.out | tr '\n' ' ')" "held $n missed $m status 127: $n "
after=$(execmonctl status --json | jq .probe_misses)
paths_missed=$(($(execmonctl status --json | jq .path_misses) - paths_before))
# the instances are back: a failing exec is reported again, and not missed
execstorm fail 1 after-held > /dev/null
# said while running, not only at exit (each look execs grep: events, so the reader looks again)
wait_until grep -q '^execmon: missed: probe_misses' /tmp/held.err ||
	fail "the reader did not say the misses while running: $(cat /tmp/held.err)"
stop_reader
cat /tmp/held.err

# one pass of jq (slow under emulation): tag, errno, index and binary of
# each failure, and the losses
jq -r 'if .event == "lost" then "lost" elif .event == "process_execute_failed" then
	"\(.args.arguments[1]? // "-") \(.return_value) \(.args.arguments[2]? // "-") \(.args.binary.path)"
	else empty end' /tmp/held.json > /tmp/held.tags
# each once, and whole: the file bprm_execve() opened, not only the call's
# arguments; but on PREEMPT_RT, where paths wait in a few slots per CPU for
# the task's return to user space, those that found none go without, counted
expect_eq "held execs reported, with ENOEXEC" "$(grep -c '^held -8 ' /tmp/held.tags)" $n
whole=$(grep -c '^held -8 [0-9]* /tmp/held$' /tmp/held.tags)
[ $((n - whole)) -le "$paths_missed" ] ||
	fail "held execs without their binary: $((n - whole)), path_misses +$paths_missed"
expect_eq "distinct held execs reported" "$(grep '^held ' /tmp/held.tags | sort -u | wc -l)" $n
expect_eq "missed execs reported" "$(grep -c '^held-missed -2 ' /tmp/held.tags)" $reported
expect_eq "the failing exec after them" "$(grep -c '^after-held -2 ' /tmp/held.tags)" 1
expect_eq "events lost" "$(grep -c '^lost' /tmp/held.tags)" 0
missed=$((after - before))
expect_eq "probe_misses, for $m execs the system call's kretprobe missed" $missed $m
expect_eq "probe_misses after the last exec" "$(execmonctl status --json | jq .probe_misses)" "$after"
# the reader said so, as it happened, and by exactly as much
said=$(sed -n 's/^execmon: missed: probe_misses +\([0-9]*\) .*/\1/p' /tmp/held.err | awk '{ s += $1 } END { print s + 0 }')
expect_eq "probe misses the reader said" "$said" "$missed"
echo "$n execs held, $m missed ($reported of them reported by bprm_execve's return): probe_misses +$missed, said by the reader"
