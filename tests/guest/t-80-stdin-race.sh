# Issue 18, item 1: fd 0 closed and reopened by one thread while another
# fails execs, and a process beside them recycling struct files.  Before
# the fix, 6.12 (struct file SLAB_TYPESAFE_BY_RCU since 6.7) oopsed in
# em_resolve_stdin() within seconds.  Every event may name a file fd 0 was,
# or none; never another process's file.
. /tests/lib.sh
out=/tmp/stdinrace.json
dir=/tmp/stdinrace
mkdir -p $dir
: > $dir/a; : > $dir/b; : > $dir/decoy
start_reader "$out" --format json
tries=$(stdinrace $dir stdinrace-tag 8) || fail "stdinrace failed"
stop_reader
n=$(count $out '.args.arguments[1]? == "stdinrace-tag"')
echo "$tries execs tried, $n events"
[ "$n" -gt 100 ] || fail "only $n events from $tries failed execs"
# every failure reported (the reader kept up, or said it did not)
[ "$n" -eq "$tries" ] || [ "$(count $out '.event == "lost"')" -gt 0 ] || fail "$tries failed execs, $n events, nothing said lost"
wrong=$(events $out '.args.arguments[1]? == "stdinrace-tag"' | jq -r '.args.stdin_path // ""' |
	grep -v -x -e "$dir/a" -e "$dir/b" -e 'pipe:\[[0-9]*\]' -e '' | sort | uniq -c)
[ -z "$wrong" ] || fail "stdin_path names a file fd 0 never was: $wrong"
# and the types agree with the paths
bad=$(events $out '.args.arguments[1]? == "stdinrace-tag"' |
	jq -r 'select((.args.stdin_path // "") as $p | ($p == "" and .args.stdin_type != 0) or ($p != "" and ($p | startswith("pipe:")) != (.args.stdin_type == 4096))) | "\(.args.stdin_type) \(.args.stdin_path)"' | head -n 3)
[ -z "$bad" ] || fail "stdin_type does not fit stdin_path: $bad"
