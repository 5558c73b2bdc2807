# An exec of a missing path appears exactly once as process_execute_failed, -ENOENT.
. /tests/lib.sh
out=/tmp/failed.json
start_reader "$out" --format json
path=/nonexistent/marker-$$-failed
(cd /tmp && sh -c 'echo $$ > /tmp/failed.pid; exec "$0" arg1 ""' "$path" 2>/dev/null)
pid=$(cat /tmp/failed.pid)
stop_reader

sel='.event == "process_execute_failed" and .args.path == "'$path'"'
expect_eq "events" "$(count $out "$sel")" 1
ev=$(events $out "$sel")
f() { echo "$ev" | jq -r "$1"; }
expect_eq "return_value" "$(f .return_value)" -2
expect_eq "arguments" "$(f '.args.arguments | tojson')" '["'$path'","arg1",""]'
expect_eq "binary" "$(f '.args.binary')" null
expect_eq "pid" "$(f .pid)" "$pid"
expect_eq "ppid" "$(f .ppid)" $$
expect_eq "comm" "$(f .comm)" sh
expect_eq "cwd" "$(f .cwd)" /tmp
expect_eq "stdin" "$(f '"\(.args.stdin_type) \(.args.stdin_path)"')" "8192 /dev/null"
expect_eq "kernel_invoked" "$(f .args.kernel_invoked)" false
