# Issue 21: every event names the process image that made it (exec_id)
# and the one its parent runs (parent_exec_id), as "BOOT-PID-START-SEQ".
# Checked against what each image says of itself (its pid and
# /proc/self/stat's starttime, written by the scripts of a four-level
# tree: a script that runs a script that runs a binary that execs a
# shell, which runs a script), for an exec from a thread, a failed exec, 10,000 fork+execs
# (no id twice, all of this boot's id), and EXECMON_IOC_IMAGE (execmonctl
# exec-id) for processes that exec'd before it was asked, which a reader
# started later uses.
. /tests/lib.sh
out=/tmp/lineage.json
late=/tmp/lineage-late.json
L=/tmp/lin
rm -rf "$L"
mkdir -p "$L"
boot=$(sed 's/-//g' /proc/sys/kernel/random/boot_id | cut -c1-16)
[ ${#boot} = 16 ] || fail "boot_id: $(cat /proc/sys/kernel/random/boot_id)"
# each script writes "TAG PID STARTTIME" (clock ticks since boot: field 22
# of /proc/PID/stat, the 20th after the comm's ')')
echo 'echo "$tag $$ $(sed "s/.*) //" /proc/$$/stat | cut -d" " -f20)" >> /tmp/lin/me.out' > "$L/me"
script() {
	name=$1
	shift
	{ echo '#!/bin/sh'; echo "tag=$name; . /tmp/lin/me"; for l in "$@"; do echo "$l"; done; } \
		> "$L/$name"
	chmod +x "$L/$name"
}
script a.sh '/tmp/lin/nope lin-fail 2>/dev/null' /tmp/lin/b.sh
script b.sh 'execways at /bin sh /tmp/lin/d.sh' 'execways thread /tmp/lin/e.sh lin-e'
script d.sh
script e.sh
script me-late
mkfifo "$L/go"
# the storm's program: busybox's true, static (some times cheaper than a
# dynamic one under emulation)
ln -s /usr/bin/busybox "$L/true"

n=10000
debug_kernel && ! soak && n=1000	# some fifteen times dearer there
execmonctl filter clear
start_reader "$out" --format json --ring-pages 1024
r1=$READER
# a shell that runs a child only once a second reader has started
sh -c "read x < $L/go; exec $L/me-late" lin-early &
early=$!
wait_until grep -q lin-early /proc/$early/cmdline || fail "the early shell did not start"
"$L/a.sh"
execstorm ok $n lin-storm "$L/true" > /dev/null || fail "execstorm"
ectl=$(execmonctl exec-id $$) || fail "execmonctl exec-id $$"
qe=$(execmonctl exec-id $early) || fail "execmonctl exec-id $early"
start_reader "$late" --format json
r2=$READER
out=/tmp/lineage.json	# start_reader set it
echo go > "$L/go"
wait "$early"
READER=$r2 stop_reader
READER=$r1 stop_reader
# under emulation each pass of jq over the storm's events takes seconds:
# they get one, the other checks the rest
grep -F '"lin-storm"' $out > "$L/storm.json"
grep -vF '"lin-storm"' $out > "$L/rest.json"
out=$L/rest.json

# the START part of an id, in ticks (USER_HZ: 100)
ticks_of() { echo $(($(echo "$1" | cut -d- -f3) / 10000000)); }
seq_of() { echo "$1" | cut -d- -f4; }
one() {
	ev=$(events "$1" "$2")
	[ "$(echo "$ev" | grep -c .)" = 1 ] || { echo "$3: not one event: $ev"; return 1; }
	echo "$ev"
}
# check_me TAG EVENT: the event's exec_id names TAG's pid and start
check_me() {
	set -- $(grep "^$1 " "$L/me.out") "$2"
	[ -n "$3" ] || fail "$1: the script did not run"
	id=$(echo "$4" | jq -r .exec_id)
	expect_eq "$1: exec_id's boot and pid" "$(echo "$id" | cut -d- -f1,2)" "$boot-$2"
	expect_eq "$1: exec_id's start, in ticks" "$(ticks_of "$id")" "$3"
	expect_eq "$1: the event's pid" "$(echo "$4" | jq -r .pid)" "$2"
}
chain0() { one $out ".event == \"sched_process_exec\" and .args.exec_chain[0]? == \"$L/$1\"" "$1"; }

ea=$(chain0 a.sh) || fail "$ea"
eb=$(chain0 b.sh) || fail "$eb"
ee=$(chain0 e.sh) || fail "$ee"
ec=$(one $out '.event == "sched_process_exec" and .args.argv[1]? == "at" and .args.argv[3]? == "sh"' c) ||
	fail "$ec"
ed=$(one $out ".event == \"sched_process_exec\" and .args.argv[1]? == \"$L/d.sh\"" d) || fail "$ed"
ew=$(one $out '.event == "sched_process_exec" and .args.argv[1]? == "thread"' "execways thread") ||
	fail "$ew"

check_me a.sh "$ea"
check_me b.sh "$eb"
check_me d.sh "$ed"	# the shell that execways ran
check_me e.sh "$ee"
ida=$(echo "$ea" | jq -r .exec_id) idb=$(echo "$eb" | jq -r .exec_id)
idc=$(echo "$ec" | jq -r .exec_id) idd=$(echo "$ed" | jq -r .exec_id)
ide=$(echo "$ee" | jq -r .exec_id) idw=$(echo "$ew" | jq -r .exec_id)
expect_eq "a: parent_exec_id is the test shell's" "$(echo "$ea" | jq -r .parent_exec_id)" \
	"$(echo "$ectl" | cut -d' ' -f2)"
expect_eq "b: parent_exec_id" "$(echo "$eb" | jq -r .parent_exec_id)" "$ida"
expect_eq "c: parent_exec_id" "$(echo "$ec" | jq -r .parent_exec_id)" "$idb"
expect_eq "d: parent_exec_id" "$(echo "$ed" | jq -r .parent_exec_id)" "$idb"
# a forked child inherits the count, each exec adds one
expect_eq "b: exec_seq" "$(seq_of "$idb")" $(($(seq_of "$ida") + 1))
expect_eq "d: the same process as c" "$(echo "$idd" | cut -d- -f1-3)" "$(echo "$idc" | cut -d- -f1-3)"
expect_eq "d: exec_seq" "$(seq_of "$idd")" $(($(seq_of "$idc") + 1))
# from a thread: the new image has the leader's pid and start
expect_eq "e: parent_exec_id" "$(echo "$ee" | jq -r .parent_exec_id)" "$idb"
expect_eq "e: the same process as execways thread" "$(echo "$ide" | cut -d- -f1-3)" \
	"$(echo "$idw" | cut -d- -f1-3)"
expect_eq "e: exec_seq" "$(seq_of "$ide")" $(($(seq_of "$idw") + 1))
# a failed exec names the image that tried: a's forked child, not yet exec'd
ef=$(one $out '.event == "process_execute_failed" and .args.arguments[1]? == "lin-fail"' fail) ||
	fail "$ef"
idf=$(echo "$ef" | jq -r .exec_id)
expect_eq "failed: parent_exec_id" "$(echo "$ef" | jq -r .parent_exec_id)" "$ida"
expect_eq "failed: exec_id's pid" "$(echo "$idf" | cut -d- -f2)" "$(echo "$ef" | jq -r .pid)"
expect_eq "failed: exec_seq (the fork's)" "$(seq_of "$idf")" "$(seq_of "$ida")"

# the storm: every id once, every parent the storm's own image
jq -r "select(.event == \"sched_process_exec\" and .args.argv[1]? == \"lin-storm\") |
	\"\(.exec_id) \(.parent_exec_id)\"" "$L/storm.json" > "$L/storm"
expect_eq "storm events" "$(wc -l < "$L/storm")" $n
expect_eq "distinct storm exec ids" "$(cut -d' ' -f1 "$L/storm" | sort -u | wc -l)" $n
expect_eq "storm parents" "$(cut -d' ' -f2 "$L/storm" | sort -u | wc -l)" 1
expect_eq "storm ids of this boot" "$(grep -vc "^$boot-" "$L/storm")" 0

# EXECMON_IOC_IMAGE for a process that exec'd before it was asked: the id
# of its exec event; the test shell's parent is its PPID
e1=$(one $out '.event == "sched_process_exec" and .args.argv[-1]? == "lin-early"' early) || fail "$e1"
expect_eq "exec-id of the early shell" "$qe" \
	"$early $(echo "$e1" | jq -r '"\(.exec_id) \(.ppid) \(.parent_exec_id)"')"
expect_eq "exec-id of the test shell: its parent" "$(echo "$ectl" | cut -d' ' -f1,3)" "$$ $PPID"
expect_eq "exec-id of the test shell's parent" "$(echo "$ectl" | cut -d' ' -f4)" \
	"$(execmonctl exec-id $PPID | cut -d' ' -f2)"
# and its next image, as the reader started later sees it
el=$(one $late ".event == \"sched_process_exec\" and .args.exec_chain[0]? == \"$L/me-late\"" late) ||
	fail "$el"
check_me me-late "$el"
qid=$(echo "$qe" | cut -d' ' -f2)
expect_eq "late: its process" "$(echo "$el" | jq -r .exec_id | cut -d- -f1-3)" \
	"$(echo "$qid" | cut -d- -f1-3)"
expect_eq "late: exec_seq" "$(seq_of "$(echo "$el" | jq -r .exec_id)")" $(($(seq_of "$qid") + 1))
expect_eq "late: parent_exec_id" "$(echo "$el" | jq -r .parent_exec_id)" "$(echo "$qe" | cut -d' ' -f4)"

# pid 1's parent is the idle task: none; a pid that is not there fails
set -- $(execmonctl exec-id 1)
expect_eq "exec-id 1" "$1 $3 $4" "1 0 -"
expect_eq "exec-id 1: its start" "$(ticks_of "$2")" "$(sed 's/.*) //' /proc/1/stat | cut -d' ' -f20)"
execmonctl exec-id 4000000 2>/dev/null && fail "exec-id of no process succeeded"
execmonctl exec-id 0 2>/dev/null && fail "exec-id 0 succeeded"
exit 0
