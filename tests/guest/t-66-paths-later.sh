# Execs stopped by a tracer at PTRACE_EVENT_EXEC, right after the exec
# succeeded and before the task returns to user space: the window in which,
# on PREEMPT_RT, the event waits for its paths (task_work).  The kernel runs
# task work before any such stop (ptrace_notify(), get_signal()), so a
# debugger holding execs holds no event: every one is out, complete, while
# the tasks are still stopped, on every kernel; nothing is counted missing.
. /tests/lib.sh
misses() { execmonctl status --json | jq .path_misses; }
n=20	# more than the 16 slots of a 2-CPU guest's pool (em_later_init())

out=/tmp/later.json
cp /usr/bin/true /tmp/later-t
rm -f /tmp/later.go; mkfifo /tmp/later.go
start_reader "$out" --format json --reorder-ms 0
m0=$(misses)
# the children's stdin is the fifo, their cwd /tmp
(cd /tmp && exec execstop $n /tmp/later-t held) 0<>/tmp/later.go > /tmp/later.stop 2>&1 &
stopper=$!
wait_until grep -q "^stopped $n" /tmp/later.stop || fail "execstop: $(cat /tmp/later.stop)"
all_held() { [ "$(count $out '.args.argv[1]? == "held"')" = $n ]; }
wait_until all_held || fail "$(count $out '.args.argv[1]? == "held"') of $n events out while their tasks are stopped"
bad=$(events $out '.args.argv[1]? == "held" and (.args.pathname != "/tmp/later-t" or .cwd != "/tmp" or
	.args.stdin_path != "/tmp/later.go" or .args.stdin_type != 4096 or .incomplete or
	(.args.interpreter_pathname | test("/ld-linux") | not))' | head -n 2)
[ -z "$bad" ] || fail "events without their paths: $bad"
echo go > /tmp/later.go
wait $stopper || fail "execstop: $(cat /tmp/later.stop)"
stop_reader
expect_eq "held events, once each" "$(count $out '.args.argv[1]? == "held"')" $n
expect_eq "path_misses" "$(misses)" "$m0"
exit 0
