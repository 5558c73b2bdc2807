# Issue 18, item 7: the access model, as the packages set the device up
# (0640 root:execmon).  A member of the group reads status, the readers and
# the policy, and nothing else: no event by cat, by the reader, by mmap;
# and holding many descriptors it cannot keep root's reader from starting
# (before: it read every user's argv, and took every reader slot).
# Someone outside the group cannot open the device at all.
. /tests/lib.sh
grep -q '^execmon:' /etc/group || echo 'execmon:x:990:' >> /etc/group
chgrp 990 /dev/execmon && chmod 0640 /dev/execmon || fail "chmod"
trap 'chgrp 0 /dev/execmon; chmod 0600 /dev/execmon' EXIT
# member PATH ARG...: PATH run as uid 1000 in the group, ARG... its argv after argv[0]
member() { p=$1; shift; execways ids 1000 1000 990 "$p" "$(basename "$p")" "$@"; }
stranger() { p=$1; shift; execways ids 1001 1001 1001 "$p" "$(basename "$p")" "$@"; }

member /bin/cat /dev/execmon > /tmp/access.cat 2>&1 && fail "a group member's cat read events: $(head -c 200 /tmp/access.cat)"
grep -q 'Operation not permitted' /tmp/access.cat || fail "cat by a group member: $(cat /tmp/access.cat)"
[ "$(grep -c . /tmp/access.cat)" -le 1 ] || fail "a group member's cat got lines: $(head -c 200 /tmp/access.cat)"
member /usr/bin/execmon --output /tmp/access.out 2> /tmp/access.err && fail "a group member's reader started"
grep -q 'permission denied' /tmp/access.err || fail "the member's reader: $(cat /tmp/access.err)"
stranger /usr/bin/execmonctl status > /tmp/access.err 2>&1 && fail "someone outside the group read status"
grep -q 'permission denied' /tmp/access.err || fail "outside the group: $(cat /tmp/access.err)"

# more descriptors than max_readers (16), held by the group
EXECWAYS_PIDFILE=/tmp/access.hold member /usr/bin/execways hold 40 /dev/execmon 30 &
holder=$!
wait_until [ -s /tmp/access.hold ] || fail "the holder did not start"
start_reader /tmp/access.json --format json
/usr/bin/true access-seen
st=$(member /usr/bin/execmonctl status --json) || fail "status by a group member"
expect_eq "the member sees root's reader" "$(echo "$st" | jq -c "[.readers[] | .pid]")" "[$READER]"
expect_eq "and the policy" "$(echo "$st" | jq -c .rules)" '[]'
member /usr/bin/execmonctl set env on 2> /tmp/access.err && fail "a group member changed a setting"
grep -q 'Operation not permitted\|CAP_SYS_ADMIN' /tmp/access.err || fail "set by a member: $(cat /tmp/access.err)"
stop_reader
# the holder itself, not only the shell that started it: it keeps the
# device, and with it the module, for its 30 s otherwise
kill $(cat /tmp/access.hold) $holder 2>/dev/null; wait $holder
expect_eq "root's reader" "$(count /tmp/access.json '.args.argv[1]? == "access-seen"')" 1
