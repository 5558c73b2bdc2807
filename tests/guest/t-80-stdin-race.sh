# Issue 18, item 1: fd 0 closed and reopened by one thread while another
# fails execs, and a process beside them recycling struct files.  Before
# the fix, 6.12 (struct file SLAB_TYPESAFE_BY_RCU since 6.7) oopsed in
# d_path() from em_resolve_stdin() within a second, with a vCPU per host
# thread (tests/run's smp guest).  Every event may name a file fd 0 was, or
# none (or /dev/null, where the test began); never another process's file.
# race
. /tests/lib.sh
out=/tmp/stdinrace.json
dir=/tmp/stdinrace
mkdir -p $dir
: > $dir/a; : > $dir/b; : > $dir/decoy
start_reader "$out" --format json
tries=$(stdinrace $dir stdinrace-tag 5) || fail "stdinrace failed"
stop_reader
# one pass: "TYPE PATH" of each event, counted
jq -r 'select(.event == "process_execute_failed" and .args.arguments[1]? == "stdinrace-tag") |
	"\(.args.stdin_type) \(.args.stdin_path // "")"' "$out" | sort | uniq -c > /tmp/stdinrace.seen
n=$(awk '{ n += $1 } END { print n + 0 }' /tmp/stdinrace.seen)
echo "$tries execs tried, $n events:"
sed 's/pipe:\[[0-9]*\]/pipe:[N]/' /tmp/stdinrace.seen | awk '{ c[$2 " " $3] += $1 } END { for (k in c) print "  " c[k], k }'
[ "$n" -gt 100 ] || fail "only $n events from $tries failed execs"
# every failure reported (the reader kept up, or said it did not)
[ "$n" -eq "$tries" ] || [ "$(count $out '.event == "lost"')" -gt 0 ] || fail "$tries failed execs, $n events, nothing said lost"
# what fd 0 was: the files (S_IFREG), the pipes (S_IFIFO), /dev/null
# (S_IFCHR), or closed (type 0, no path)
wrong=$(awk '{ $1 = ""; print substr($0, 2) }' /tmp/stdinrace.seen |
	grep -v -x -e "32768 $dir/a" -e "32768 $dir/b" -e '4096 pipe:\[[0-9]*\]' -e '8192 /dev/null' -e 0)
[ -z "$wrong" ] || fail "stdin is what fd 0 never was: $(echo $wrong | head -c 300)"
