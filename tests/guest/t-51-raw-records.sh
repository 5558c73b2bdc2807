# Every byte a record carries to user space is accounted for: no
# uninitialised padding, no kernel pointer.
. /tests/lib.sh
rawcheck 4 > /tmp/raw.out &
raw=$!
wait_until maps_device $raw || fail "rawcheck did not map the rings"
for i in 1 2 3; do
	/usr/bin/true "raw-$i" "a b" ""
	/nonexistent/raw-$i x 2>/dev/null
	(cd /usr/bin && ./true relative)
	execstorm fail 50 raw > /dev/null
done
wait $raw
rc=$?
cat /tmp/raw.out
[ $rc -eq 0 ] || fail "raw records"
grep -q '^ok: [1-9][0-9]* records' /tmp/raw.out || fail "no records checked"
