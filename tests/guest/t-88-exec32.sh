# Issue 18, item 11: execs through the 32-bit entries are reported like the
# 64-bit ones, each saying its call and ABI: a failing int $0x80 execve and
# execveat of a missing file (before, on 6.8+: no event), a successful one,
# and the same through x32 where the kernel has it (syscall.x32=y).
. /tests/lib.sh
out=/tmp/exec32.json
rm -f /tmp/exec32.none
start_reader $out --format json
for abi in ia32 x32; do
	for call in execve execveat; do
		r=$(exec32 $abi $call /nonexistent/exec32 exec32-$abi-$call); rc=$?
		[ $rc -eq 3 ] && { echo "no $abi $call here"; echo "$abi $call" >> /tmp/exec32.none; continue; }
		[ $rc -eq 0 ] || fail "exec32 $abi $call: $rc"
		expect_eq "$abi $call's errno" "$r" 2
	done
	exec32 $abi execve /usr/bin/true exec32-$abi-ok > /tmp/exec32.ok; rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 3 ] || fail "exec32 $abi of /usr/bin/true: $rc $(cat /tmp/exec32.ok)"
done
stop_reader
grep -q 'ia32' /tmp/exec32.none 2>/dev/null && { echo "this kernel has no ia32 entry"; exit 77; }
sel() { events $out "(.args.arguments // .args.argv)[1]? == \"$1\""; }
for abi in ia32 x32; do
	want_abi=i386; [ $abi = x32 ] && want_abi=x32
	for call in execve execveat; do
		grep -qx "$abi $call" /tmp/exec32.none 2>/dev/null && continue
		ev=$(sel exec32-$abi-$call)
		expect_eq "$abi $call: one event" "$(echo "$ev" | grep -c .)" 1
		expect_eq "$abi $call" "$(echo "$ev" | jq -c '[.event, .return_value, .syscall, .abi, .args.arguments]')" \
			"[\"process_execute_failed\",-2,\"$call\",\"$want_abi\",[\"/nonexistent/exec32\",\"exec32-$abi-$call\"]]"
	done
	grep -qx "$abi execve" /tmp/exec32.none 2>/dev/null && continue
	expect_eq "$abi exec of /usr/bin/true" "$(sel exec32-$abi-ok | jq -c '[.event, .syscall, .abi, .args.argv]')" \
		"[\"sched_process_exec\",\"execve\",\"$want_abi\",[\"/usr/bin/true\",\"exec32-$abi-ok\"]]"
done
# and a 64-bit exec says so
start_reader $out --format json
/usr/bin/true exec32-64
stop_reader
expect_eq "x86-64 execve" "$(sel exec32-64 | jq -c '[.syscall, .abi]')" '["execve","x86_64"]'
