# read() with tiny buffers gives the same lines as cat's, none lost or split.
. /tests/lib.sh
dd if=/dev/execmon of=/tmp/tiny.txt bs=7 2>/dev/null &
dd=$!
cat /dev/execmon > /tmp/big.txt &
cat=$!
wait_until grep -q em_dev_read /proc/$dd/wchan || fail "dd did not block in read()"
wait_until grep -q em_dev_read /proc/$cat/wchan || fail "cat did not block in read()"
execstorm fail 200 tiny > /dev/null
/usr/bin/true tiny-last "with \"quotes\" and a
newline"
wait_until grep -q 'tiny-last' /tmp/tiny.txt || fail "tiny reader never saw the last event"
wait_until grep -q 'tiny-last' /tmp/big.txt || fail "cat never saw the last event"
kill $dd $cat
# the storm's and the last exec's lines (not the greps that waited for them)
mine='"/nonexistent/execstorm", "tiny"|"/usr/bin/true", "tiny-last"'
grep -E "$mine" /tmp/tiny.txt > /tmp/tiny.cmp
grep -E "$mine" /tmp/big.txt > /tmp/big.cmp
expect_eq "lines through 7-byte reads" "$(wc -l < /tmp/tiny.cmp)" 201
cmp -s /tmp/tiny.cmp /tmp/big.cmp || fail "7-byte reads differ from cat: $(diff /tmp/tiny.cmp /tmp/big.cmp | head)"
grep -q 'argv=\["/usr/bin/true", "tiny-last", "with \\"quotes\\" and a\\nnewline"\]$' /tmp/tiny.txt ||
	fail "escaped line: $(grep tiny-last /tmp/tiny.txt)"
# O_NONBLOCK: an empty session says EAGAIN at once
timeout 5 /usr/bin/dd if=/dev/execmon iflag=nonblock of=/dev/null bs=4096 count=1 2>/tmp/nb.err
grep -q 'Resource temporarily unavailable' /tmp/nb.err || fail "nonblocking read: $(cat /tmp/nb.err)"
