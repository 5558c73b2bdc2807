# A successful exec appears exactly once, with the right fields.
. /tests/lib.sh
out=/tmp/exec.json
start_reader "$out" --format json
marker=marker-$$-exec
t0=$(now_ns)
(cd /tmp && sh -c 'echo $$ > /tmp/exec.pid; exec /usr/bin/true "$0" "two words"' "$marker")
t1=$(now_ns)
pid=$(cat /tmp/exec.pid)
stop_reader

sel='.event == "sched_process_exec" and .args.argv[1]? == "'$marker'"'
expect_eq "events" "$(count $out "$sel")" 1
ev=$(events $out "$sel")
f() { echo "$ev" | jq -r "$1"; }
expect_eq "argv" "$(f '.args.argv | tojson')" '["/usr/bin/true","'$marker'","two words"]'
expect_eq "argc" "$(f .args.argc)" 3
expect_eq "cmdpath" "$(f .args.cmdpath)" /usr/bin/true
expect_eq "pathname" "$(f .args.pathname)" "$(realpath /usr/bin/true)"
expect_eq "pid" "$(f .pid)" "$pid"
expect_eq "tid" "$(f .tid)" "$pid"
expect_eq "ppid" "$(f .ppid)" $$
expect_eq "uid" "$(f .uid)" "$(id -u)"
expect_eq "gid" "$(f .gid)" "$(id -g)"
expect_eq "comm" "$(f .comm)" true
line=$(raw $out "\"$marker\",\"two words\"")
ts=$(jnum "$line" ts)
[ "$ts" -ge "$t0" ] && [ "$ts" -le "$t1" ] || fail "ts $ts not within [$t0, $t1]"
cpu=$(f .cpu)
[ "$cpu" -ge 0 ] && [ "$cpu" -lt "$(nproc)" ] || fail "cpu $cpu"
expect_eq "cwd" "$(f .cwd)" /tmp
expect_eq "interp" "$(f .args.interp)" /usr/bin/true
expect_eq "file (dev inode mode ctime)" "$(f '"\(.args.dev) \(.args.inode) \(.args.inode_mode)"') $(jnum "$line" ctime)" \
	"$(stat_of_file /usr/bin/true)"
ld=$(realpath /lib64/ld-linux-x86-64.so.2)
expect_eq "interpreter_pathname" "$(f .args.interpreter_pathname)" "$ld"
set -- $(stat_of_file "$ld")
expect_eq "interpreter (dev inode ctime)" \
	"$(f '"\(.args.interpreter_dev) \(.args.interpreter_inode)"') $(jnum "$line" interpreter_ctime)" "$1 $2 $4"
# the test's stdin is /dev/null
expect_eq "stdin" "$(f '"\(.args.stdin_type) \(.args.stdin_path)"')" "8192 /dev/null"
expect_eq "invoked_from_kernel" "$(f .args.invoked_from_kernel)" false
expect_eq "euid egid" "$(f '"\(.euid) \(.egid)"')" "0 0"
