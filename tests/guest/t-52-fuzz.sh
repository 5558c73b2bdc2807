# Issue 18: a fuzzer against the device while execs storm (what it does is
# in tests/guest/bin/fuzz.c): a million calls of garbage ioctls, mappings
# of every kind, reads and polls from four threads on shared and private
# descriptors; on the debug kernel, where they take some forty minutes,
# 40,000 (100,000 took 359 s of CI's hour; a million with EXECMON_SOAK=1).  The kernel stays clean (tests/run checks dmesg after every
# guest, the debug kernel's KASAN, lockdep and kmemleak included), the
# policy in force before is in force after, and a fresh reader gets a fresh
# exec.
. /tests/lib.sh
execmonctl save > /tmp/policy.before || fail "execmonctl save"
( while :; do execstorm fail 500 fuzz-storm > /dev/null; done ) &
fails=$!
( while :; do execstorm ok 50 fuzz-storm > /dev/null; done ) &
oks=$!
calls=1000000
debug_kernel && ! soak && calls=40000
fuzz 4 $calls 3600 || fail "fuzz"
kill $fails $oks
wait $fails $oks 2>/dev/null
execmonctl save > /tmp/policy.after || fail "execmonctl save after"
# all but the first line, which has the generation
expect_eq "the policy after the fuzzer" "$(sed 1d /tmp/policy.after)" "$(sed 1d /tmp/policy.before)"
start_reader /tmp/fuzz.json --format json
/usr/bin/true after-fuzz
stop_reader
expect_eq "events after the fuzzer" "$(count /tmp/fuzz.json '.args.argv[1]? == "after-fuzz"')" 1
