# Issue 18, item 6: a failure inside bprm_execve() copies its argv from
# the pages of the mm the exec was building, which no task runs on but
# which compaction migrates (and reclaim, with swap, unmaps) through the
# rmap.  Before the fix the probe read a page found in the page tables
# with no reference: one migrated away between the lookup and the copy
# would have been read after it was freed.  Here compaction runs without
# a pause while failing execs copy strings that span pages; every event
# must carry the exact argv, or say that it is cut, and dmesg stays clean.
# race
. /tests/lib.sh
out=/tmp/bprm-pages.json
# printable from its first byte: a header the kernel does not know that
# starts with a control byte makes each exec ask for a binfmt module
# (request_module(), a modprobe process per exec), the test's cost then
printf 'XLF, in no format the kernel runs\n' > /tmp/noexec
chmod +x /tmp/noexec
n=400
case $(uname -r) in *-execmon-debug) n=80 ;; esac	# KASAN makes each exec ten times dearer
execmonctl set argv-max 8192 || fail "set argv-max"
start_reader "$out" --format json --ring-pages 2048 --stats 2> /tmp/bprm-pages.err
# Compaction every 100 ms: the storms, tens of seconds long, still meet a
# pass every few execs.  (The soft lockups once blamed on it, CPU 0 23 to
# 26 s in clear_page_erms, were the zeroing of a transparent huge page under
# emulation, which the guests now boot without: see boot() in
# tests/lib/common.sh.)
( while :; do echo 1 > /proc/sys/vm/compact_memory; sleep 0.1; done ) &
compactor=$!
# churn for the page allocator: 400 KB into tmpfs and back out, with the
# shell's builtins only (a loop of cat was an exec and an event each, as
# many as the storms', and on 6.1's RT kernel once kept the test past its
# limit)
( while :; do printf '%0400000d' 0 > /tmp/churn; : > /tmp/churn; done ) &
churn=$!
execstorm noexec $n bprm-a /tmp/noexec || fail "storm a"
execstorm noexec $n bprm-b /tmp/noexec &
storm=$!
execstorm noexec $n bprm-c /tmp/noexec || fail "storm c"
wait $storm || fail "storm b"
kill $compactor $churn
wait $compactor $churn 2>/dev/null
rm -f /tmp/churn
stop_reader
execmonctl set argv-max 4096 || fail "reset argv-max"

lower=$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "%c", 97 + i % 26 }')
upper=$(echo "$lower" | tr a-z A-Z)
expect_eq "dropped" "$(stat_of /tmp/bprm-pages.err total dropped_full)" 0
for tag in bprm-a bprm-b bprm-c; do
	expect_eq "$tag: events" "$(count $out ".args.arguments[1]? == \"$tag\"")" $n
	bad=$(count $out ".args.arguments[1]? == \"$tag\" and
		(.return_value != -8 or .args.arguments[3] != \"$lower\" or .args.arguments[4] != \"$upper\"
		 or (.missing // []) != [])")
	[ "$bad" = 0 ] || fail "$tag: $bad events with a wrong argv, the first: $(events $out ".args.arguments[1]? == \"$tag\" and
		(.return_value != -8 or .args.arguments[3] != \"$lower\" or .args.arguments[4] != \"$upper\"
		 or (.missing // []) != [])" | head -1 | cut -c1-600)"
done
