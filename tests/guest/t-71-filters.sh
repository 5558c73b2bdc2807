# Filter rules on real execs, one field at a time: the matching exec is
# dropped, its twin that differs in that field alone is kept, and the
# reader's filtered counter grows by exactly the number dropped.
. /tests/lib.sh
out=/tmp/filters.json
execmonctl filter clear
start_reader "$out" --format json

filtered() {
	execmonctl status --json | jq "[.readers[] | select(.pid == $READER) | .total.filtered] | add"
}
# case NAME DROPPED RULE...: install RULE alone, run the commands of the
# function NAME (which exec markers NAME-drop and NAME-keep), and check
# DROPPED execs were filtered.  The rules drop a process's exit as they do
# its exec: ahead of RULE, one keeps every exit, so that only execs count
# (but for c_exit, which is about exits)
case_() {
	name=$1 want=$2
	shift 2
	execmonctl filter clear || fail "filter clear"
	[ "$name" = c_exit ] || execmonctl filter add keep event=exit || fail "keep event=exit"
	execmonctl filter add "$@" || fail "$name: filter add $*"
	f0=$(filtered)
	"$name"
	f1=$(filtered)
	execmonctl filter clear
	expect_eq "$name: filtered" $((f1 - f0)) "$want"
}
mkdir -p /tmp/fdir /tmp/fother /sys/fs/cgroup/fcg/sub
cp /usr/bin/true /tmp/fdir/t
cp /usr/bin/true /tmp/fother/t
cp /usr/bin/true /tmp/fcomm
ln -sf /tmp/fdir/t /tmp/flink
printf ': ok\n' > /tmp/fnoexec	# printable (no binfmt module request): ENOEXEC, then sh runs it, execing nothing
chmod +x /tmp/fnoexec
mkfifo /tmp/fgo

c_path() {
	/tmp/fdir/t c_path-drop
	/tmp/flink c_path-drop			# the resolved path is what matches
	(cd /tmp/fdir && ./t c_path-drop)	# and so is a relative exec's
	/tmp/fother/t c_path-keep
}
case_ c_path 3 drop path=/tmp/fdir/

c_pathfail() {	# nothing opened: the path the caller gave
	/nonexistent/x c_pathfail-drop 2>/dev/null
	/nonexistent2/x c_pathfail-keep 2>/dev/null
}
case_ c_pathfail 1 drop path=/nonexistent/

c_uid() {
	execways uid 1000 /usr/bin/true t c_uid-drop
	/usr/bin/true c_uid-keep
}
case_ c_uid 1 drop uid=1000

c_gid() {
	execways uid 1001 /usr/bin/true t c_gid-drop	# gid 1001 too
	execways uid 1000 /usr/bin/true t c_gid-keep
}
case_ c_gid 1 drop gid=1001

c_event() {
	/nonexistent/x c_event-drop 2>/dev/null
	/usr/bin/true c_event-keep
}
case_ c_event 1 drop event=failed

c_errno() {
	/nonexistent/x c_errno-drop 2>/dev/null
	/tmp/fnoexec c_errno-keep 2>/dev/null		# ENOEXEC, then sh runs it as a script
}
case_ c_errno 1 drop errno=ENOENT

c_comm() {
	/tmp/fcomm c_comm-drop			# the comm after the exec
	/usr/bin/true c_comm-keep
}
case_ c_comm 1 drop comm=fcomm

# an exit alone: uid 1000's exit goes, its exec and root's exit stay
c_exit() {
	execways uid 1000 /usr/bin/true t c_exit-keep
	/usr/bin/true c_exit-keep
}
case_ c_exit 1 drop event=exit uid=1000

# a child that waits for the rule about it: its pid is known, its own exec done
child() {
	rm -f /tmp/fready
	/bin/sh -c "echo > /tmp/fready; read x < /tmp/fgo; $1" &
	p=$!
	wait_until test -s /tmp/fready || fail "the child did not start"
}
c_pid() {
	child 'exec /usr/bin/true c_pid-drop'
	execmonctl filter add drop pid=$p
	echo go > /tmp/fgo
	wait $p
	/usr/bin/true c_pid-keep
}
case_ c_pid 1 drop comm=no-such-comm

c_tree() {
	child '/usr/bin/true c_tree-drop; /bin/sh -c "/usr/bin/true c_tree-drop"'
	execmonctl filter add drop pid-tree=$p
	echo go > /tmp/fgo
	wait $p
	/usr/bin/true c_tree-keep
}
# the child's true, the grandchild's sh and its true
case_ c_tree 3 drop comm=no-such-comm

c_cgroup() {
	sh -c 'echo $$ > /sys/fs/cgroup/fcg/cgroup.procs; exec /usr/bin/true c_cgroup-drop'
	sh -c 'echo $$ > /sys/fs/cgroup/fcg/sub/cgroup.procs; exec /usr/bin/true c_cgroup-keep'
}
case_ c_cgroup 1 drop cgroup=/sys/fs/cgroup/fcg

c_cgtree() {
	sh -c 'echo $$ > /sys/fs/cgroup/fcg/cgroup.procs; exec /usr/bin/true c_cgtree-drop'
	sh -c 'echo $$ > /sys/fs/cgroup/fcg/sub/cgroup.procs; exec /usr/bin/true c_cgtree-drop'
	/usr/bin/true c_cgtree-keep
}
case_ c_cgtree 2 drop cgroup-tree=/sys/fs/cgroup/fcg

c_mntns() {
	unshare -m sh -c '/usr/bin/stat -L -c %i /proc/self/ns/mnt > /tmp/fns; read x < /tmp/fgo; exec /usr/bin/true c_mntns-drop' &
	p=$!
	wait_until test -s /tmp/fns || fail "mntns: no namespace"
	execmonctl filter add drop mntns=$(cat /tmp/fns)
	echo go > /tmp/fgo
	wait $p
	rm -f /tmp/fns
	/usr/bin/true c_mntns-keep
}
case_ c_mntns 1 drop comm=no-such-comm

c_pidns() {
	unshare -p -f sh -c '/usr/bin/stat -L -c %i /proc/self/ns/pid > /tmp/fns; read x < /tmp/fgo; exec /usr/bin/true c_pidns-drop' &
	p=$!
	wait_until test -s /tmp/fns || fail "pidns: no namespace"
	execmonctl filter add drop pidns=$(cat /tmp/fns)
	echo go > /tmp/fgo
	wait $p
	rm -f /tmp/fns
	/usr/bin/true c_pidns-keep
}
case_ c_pidns 1 drop comm=no-such-comm

# several conditions: all must hold
c_and() {
	execways uid 1000 /tmp/fdir/t t c_and-drop
	execways uid 1000 /tmp/fother/t t c_and-keep
	/tmp/fdir/t c_and-keep
}
case_ c_and 1 drop uid=1000 path=/tmp/fdir/

# the first rule that matches decides; an allow-list ends with "drop all"
c_order() {
	/tmp/fdir/t c_order-keep
	/tmp/fother/t c_order-drop
	/nonexistent/x c_order-drop 2>/dev/null
}
execmonctl filter clear
execmonctl filter add keep path=/tmp/fdir/ && execmonctl filter add drop all || fail "allow-list"
expect_eq "filter list" "$(execmonctl filter list)" "1: keep path=/tmp/fdir/
2: drop all"
c_order
execmonctl filter clear		# (its own exec was dropped too)
stop_reader 2>/tmp/filters.err

for n in c_path c_pathfail c_uid c_gid c_event c_errno c_comm c_exit c_pid c_tree c_cgroup c_cgtree c_mntns c_pidns c_and c_order; do
	expect_eq "$n: dropped events present" "$(count $out ".args.argv[1]? == \"$n-drop\" or .args.arguments[1]? == \"$n-drop\"")" 0
	kept=$(count $out ".args.argv[1]? == \"$n-keep\" or .args.arguments[1]? == \"$n-keep\"")
	[ "$kept" -ge 1 ] || fail "$n: the event to keep is missing"
done
x=$(events $out '.event == "sched_process_exec" and .args.argv[1]? == "c_exit-keep"' | jq -s -c 'map(select(.uid == 1000) | .pid), map(select(.uid == 0) | .pid)')
[ "$(echo "$x" | jq -c 'length')" = "$(printf '1\n1')" ] || fail "c_exit: the execs: $x"
p1000=$(echo "$x" | head -1 | jq '.[0]') p0=$(echo "$x" | tail -1 | jq '.[0]')
expect_eq "c_exit: uid 1000's exit" "$(count $out ".event == \"sched_process_exit\" and .pid == $p1000")" 0
expect_eq "c_exit: root's exit" "$(count $out ".event == \"sched_process_exit\" and .pid == $p0")" 1
expect_eq "c_errno: the ENOEXEC failure kept" "$(count $out '.event == "process_execute_failed" and .args.arguments[1]? == "c_errno-keep"')" 1
expect_eq "rules left" "$(execmonctl filter list)" ""
rmdir /sys/fs/cgroup/fcg/sub /sys/fs/cgroup/fcg 2>/dev/null
exit 0
