# With no reader, the module leaves the exec path as it found it: the
# probes that build events are disarmed (debugfs' kprobes list marks them
# DISABLED), all but free_bprm's, which releases what an exec claimed.
# The first reader arms them, the last one to go disarms them, and a
# reader after that sees successful and failed execs as before.
. /tests/lib.sh
list=/sys/kernel/debug/kprobes/list
[ -r $list ] || mount -t debugfs debugfs /sys/kernel/debug
[ -r $list ] || { echo "no kprobes list in debugfs"; exit 77; }
ours=' (__x64_sys_execve|__x64_sys_execveat|kernel_execve|bprm_execve|security_bprm_check)\+0x[0-9a-f]+ '
armed() { grep -E "$ours" $list | grep -vc DISABLED; }
disarmed() { grep -E "$ours" $list | grep -c DISABLED; }

expect_eq "probes disarmed with no reader" "$(disarmed)" 5
expect_eq "probes armed with no reader" "$(armed)" 0
grep -E ' free_bprm\+0x[0-9a-f]+ ' $list | grep -qv DISABLED || fail "free_bprm's probe is not armed: $(cat $list)"

start_reader /tmp/idle1.json --format json
first=$READER
expect_eq "probes armed with a reader" "$(armed)" 5
start_reader /tmp/idle2.json --format json
kill -TERM "$first"; wait "$first" || fail "the first reader exited with $?"
expect_eq "probes armed while a reader is left" "$(armed)" 5
stop_reader
expect_eq "probes disarmed after the last reader" "$(disarmed)" 5

/usr/bin/true idle-unseen
start_reader /tmp/idle3.json --format json
/usr/bin/true idle-ok
sh -c '/nonexistent/idle idle-fail' 2>/dev/null
stop_reader
expect_eq "no event from when nobody read" "$(cat /tmp/idle*.json | grep -c idle-unseen)" 0
expect_eq "a successful exec, re-armed" "$(count /tmp/idle3.json '.event == "sched_process_exec" and .args.argv[1]? == "idle-ok"')" 1
expect_eq "a failed exec, re-armed" "$(count /tmp/idle3.json '.event == "process_execute_failed" and .args.arguments[1]? == "idle-fail" and .return_value == -2')" 1
exit 0
