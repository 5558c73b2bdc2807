# `cat /dev/execmon` prints one text line per event, both kinds.
. /tests/lib.sh
cat /dev/execmon > /tmp/cat.txt &
cat=$!
wait_until grep -q em_dev_read "/proc/$cat/wchan" || fail "cat did not block in read()"
marker=marker-$$-cat
/usr/bin/true "$marker"
/nonexistent/"$marker" 2>/dev/null
wait_until grep -q "process_execute_failed.*$marker" /tmp/cat.txt
kill "$cat"
wait "$cat"
grep -q "sched_process_exec .* cmdpath=\"/usr/bin/true\" pathname=\"$(realpath /usr/bin/true)\" .* argv=\[\"/usr/bin/true\", \"$marker\"\]$" /tmp/cat.txt ||
	fail "no exec line: $(cat /tmp/cat.txt)"
grep -q "process_execute_failed .* path=\"/nonexistent/$marker\" .*return_value=-2$" /tmp/cat.txt ||
	fail "no failure line: $(cat /tmp/cat.txt)"
expect_eq "exec lines" "$(grep -c "sched_process_exec .*cmdpath=\"/usr/bin/true\" .*$marker" /tmp/cat.txt)" 1
