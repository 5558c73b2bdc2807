# Issue 18, item 12: the walks up the parents and the cgroups that the
# pid-tree= and cgroup-tree= rules make are bounded (4,096 steps, with
# preemption off), and a walk that reaches its bound keeps the event
# rather than fail to match in silence.  A rule that drops what is below
# this shell drops an exec 20 and 4,000 parents below it (past the 16 the
# first walk gathers, so the second walk finds it); one 4,200 parents
# below, past the bound, is kept and complete.  A keep rule for another
# tree followed by a drop-all: the exec 20 parents down is dropped, the one
# 4,200 down kept, since no walk told that it is not in the tree.  And a
# cgroup-tree rule drops an exec in a cgroup 20 levels below its own.
. /tests/lib.sh
out=/tmp/deep.json
# the chain's thousands of tasks: more than threads-max lets a 1 GiB guest
# make with the debug kernel's larger stacks (KASAN), so room for them
threads=$(cat /proc/sys/kernel/threads-max)
echo 16384 > /proc/sys/kernel/threads-max || fail "threads-max"
execmonctl filter clear
start_reader "$out" --format json
execmonctl filter add drop pid-tree=$$ event=failed || fail "filter add pid-tree"
for d in 20 4000 4200; do
	deepchain $d /nonexistent/deep deep-$d 2> /tmp/deep.err
	rc=$?
	[ $rc = 127 ] || fail "deepchain $d: exit $rc, $(cat /tmp/deep.err)"
done
execmonctl filter clear
# a keep rule that a walk cannot decide must not let the next rule drop the
# exec: keep what is below a process none of these descend from, drop the rest
sleep 1000 &
other=$!
execmonctl filter add keep pid-tree=$other event=failed &&
	execmonctl filter add drop event=failed || fail "filter add keep, drop"
for d in 20 4200; do
	deepchain $d /nonexistent/deep keep-$d 2> /tmp/deep.err
	rc=$?
	[ $rc = 127 ] || fail "deepchain $d: exit $rc, $(cat /tmp/deep.err)"
done
kill $other
execmonctl filter clear
cg=/sys/fs/cgroup/deepcg
dir=$cg
for i in $(seq 20); do dir=$dir/l$i; done
mkdir -p "$dir" || fail "mkdir $dir"
execmonctl filter add drop cgroup-tree=$cg event=failed || fail "filter add cgroup-tree"
sh -c "echo \$\$ > $dir/cgroup.procs; exec /nonexistent/deep deep-cg20" 2>/dev/null
execmonctl filter clear
/nonexistent/deep deep-after 2>/dev/null
stop_reader

for tag in deep-20 deep-4000 deep-cg20 keep-20; do
	expect_eq "$tag: events" "$(count $out ".args.arguments[1]? == \"$tag\"")" 0
done
expect_eq "deep-4200: events" "$(count $out '.args.arguments[1]? == "deep-4200" and
	.return_value == -2 and .args.path == "/nonexistent/deep" and (.missing // []) == []')" 1
expect_eq "keep-4200: events" "$(count $out '.args.arguments[1]? == "keep-4200"')" 1
expect_eq "deep-after: events" "$(count $out '.args.arguments[1]? == "deep-after"')" 1
for i in $(seq 20); do rmdir "$dir"; dir=${dir%/*}; done
rmdir "$cg"
echo "$threads" > /proc/sys/kernel/threads-max
