# Garbage ioctls and mmaps get clear errors and leave the session usable;
# garbage policies get clear errors and leave the policy as it was.
. /tests/lib.sh
badinput || fail "badinput"
policyinput || fail "policyinput"
# and the module still works for a normal reader
start_reader /tmp/bad.json --format json
/usr/bin/true after-garbage
stop_reader
expect_eq "events after garbage" "$(count /tmp/bad.json '.args.argv[1]? == "after-garbage"')" 1
