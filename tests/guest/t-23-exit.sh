# Issue 21: sched_process_exit, once per process, when its last thread
# goes, with the status wait(2) gives the parent: exit(3), SIGKILL, a
# crash (SIGSEGV), a process whose threads leave one by one after the
# leader (no exit_group), and one that a thread's exit(7) ends with its
# other threads blocked.  Each compared with the shell's $? for it, its
# exec_id with its exec event's, its duration with the time it was seen
# to live; a rule drops exits alone; a failed exec's process still ends.
. /tests/lib.sh
out=/tmp/exit.json
X=/tmp/exits
rm -rf "$X"
mkdir -p "$X"
execmonctl version | grep -qw exit || fail "the module has no exit events: $(execmonctl version)"
execmonctl filter clear
ulimit -c 0
start_reader "$out" --format json
exits code 3
st_exit=$?
exits pause > "$X/pause" &
k=$!
wait_until [ -s "$X/pause" ] || fail "exits pause did not start"
kill -KILL $k
wait $k
st_kill=$?
exits segv > "$X/segv" 2>/dev/null
st_segv=$?
t0=$(now_ns)
exits threads 4 > "$X/threads"
st_threads=$?
t1=$(now_ns)
exits group 3 7 > "$X/group"
st_group=$?
# a rule for exits alone: this one's exit goes, its exec stays
execmonctl filter add drop event=exit comm=dropme || fail "filter add"
cp /usr/bin/true "$X/dropme"
"$X/dropme" exit-dropped
execmonctl filter clear
stop_reader

expect_eq "exit(3): \$?" $st_exit 3
expect_eq "SIGKILL: \$?" $st_kill 137
expect_eq "SIGSEGV: \$?" $st_segv 139
expect_eq "threads: \$?" $st_threads 0
expect_eq "group: \$?" $st_group 7

# exit_of WHAT PID: the one exit event of PID, or a failure
exit_of() {
	ev=$(events $out ".event == \"sched_process_exit\" and .pid == $2")
	[ "$(echo "$ev" | grep -c .)" = 1 ] || fail "$1 (pid $2): not one exit event: $ev"
	echo "$ev"
}
# exec_of WHAT JQ: the one exec event that JQ selects
exec_of() {
	ev=$(events $out ".event == \"sched_process_exec\" and $2")
	[ "$(echo "$ev" | grep -c .)" = 1 ] || fail "$1: not one exec event: $ev"
	echo "$ev"
}
# check WHAT EXIT EXEC CODE SIGNAL
check() {
	expect_eq "$1: exit_code" "$(echo "$2" | jq .args.exit_code)" $4
	expect_eq "$1: signal_code" "$(echo "$2" | jq .args.signal_code)" $5
	expect_eq "$1: process_group_exit" "$(echo "$2" | jq .args.process_group_exit)" true
	expect_eq "$1: core_dumped" "$(echo "$2" | jq .args.core_dumped)" false
	expect_eq "$1: exec_id" "$(echo "$2" | jq -r .exec_id)" "$(echo "$3" | jq -r .exec_id)"
	expect_eq "$1: parent_exec_id" "$(echo "$2" | jq -r .parent_exec_id)" \
		"$(echo "$3" | jq -r .parent_exec_id)"
	expect_eq "$1: uid" "$(echo "$2" | jq .uid)" "$(echo "$3" | jq .uid)"
	[ "$(echo "$2" | jq '.args.duration_ns > 0')" = true ] || fail "$1: duration: $2"
}

e=$(exec_of "exit(3)" '.args.argv[1:] == ["code", "3"]') || fail "$e"
x=$(exit_of "exit(3)" "$(echo "$e" | jq .pid)") || fail "$x"
check "exit(3)" "$x" "$e" 3 0

e=$(exec_of SIGKILL ".pid == $k") || fail "$e"
x=$(exit_of SIGKILL $k) || fail "$x"
check SIGKILL "$x" "$e" 0 9

p=$(cat "$X/segv")
e=$(exec_of SIGSEGV ".pid == $p") || fail "$e"
x=$(exit_of SIGSEGV $p) || fail "$x"
check SIGSEGV "$x" "$e" 0 11

p=$(cat "$X/threads")
e=$(exec_of threads ".pid == $p") || fail "$e"
x=$(exit_of threads $p) || fail "$x"
check threads "$x" "$e" 0 0
# the last thread to go is not the leader, which went first
[ "$(echo "$x" | jq ".tid != $p")" = true ] || fail "threads: the leader reported the exit: $x"
# from its start to its end: no longer than the shell saw it run
[ "$(echo "$x" | jq ".args.duration_ns < $((t1 - t0))")" = true ] ||
	fail "threads: ran $(echo "$x" | jq .args.duration_ns) ns, the shell saw $((t1 - t0))"
[ "$(echo "$x" | jq '.args.duration_ns > 80000000')" = true ] ||
	fail "threads: four threads of 20 ms each in turn ran $(echo "$x" | jq .args.duration_ns) ns"

p=$(cat "$X/group")
e=$(exec_of group ".pid == $p") || fail "$e"
x=$(exit_of group $p) || fail "$x"
check group "$x" "$e" 7 0

# the rule: the exec is there, its exit is not
e=$(exec_of dropme '.args.argv[1]? == "exit-dropped"') || fail "$e"
expect_eq "dropped exit" "$(count $out ".event == \"sched_process_exit\" and .pid == $(echo "$e" | jq .pid)")" 0

# every exit event names a process once
expect_eq "exits twice" "$(events $out '.event == "sched_process_exit"' | jq -r .exec_id | sort | uniq -d | wc -l)" 0
exit 0
