# Issue 18, items 10 and 12: nothing missing goes unsaid.  An exec from a
# working directory deeper than PATH_MAX, and of a binary there, says
# incomplete: true and names what it lacks (missing: ["cwd"], "pathname"),
# path_misses rises, and a path= drop rule that cannot see the path keeps
# the event (before: no cwd, no flag).  With every chain slot taken (execs
# held stopped at their exec event by ptrace), a script's event says
# missing: ["exec_chain"] (before: counted module-wide only).
. /tests/lib.sh
base=/tmp/deep
rm -rf $base; mkdir -p $base
execmonctl filter add drop path=$base || fail "rule"
trap 'execmonctl filter clear' EXIT
misses=$(execmonctl status --json | jq .path_misses)
start_reader /tmp/deep.json --format json
# 22 levels of 200 bytes: 4,400 bytes, past PATH_MAX
(cd $base && execways deep 22 - /usr/bin/true true deep-cwd) || fail "deep-cwd"
(cd $base && execways deep 22 /usr/bin/true ./copy copy deep-binary) || fail "deep-binary"
(cd $base && execways deep 22 - /nonexistent/deep deep deep-failed) || fail "deep-failed"
stop_reader
evfile=/tmp/deep.json
ev() { events $evfile "(.args.argv[0]? | IN(\"execways\", \"chainfull\") | not) and ((.args.argv // .args.arguments // []) | any(. == \"$1\"))"; }
expect_eq "exec from the deep cwd" "$(ev deep-cwd | jq -c '[.incomplete, .missing, .cwd]')" '[true,["cwd"],""]'
expect_eq "the deep binary, kept by the rule that cannot see it" "$(ev deep-binary | jq -c '[.incomplete, (.missing | sort)]')" '[true,["cwd","pathname"]]'
expect_eq "a failure from the deep cwd" "$(ev deep-failed | jq -c '[.incomplete, .missing]')" '[true,["cwd"]]'
now=$(execmonctl status --json | jq .path_misses)
[ "$now" -ge $((misses + 4)) ] || fail "path_misses went from $misses to $now"
execmonctl filter clear
# the text format says it too
start_reader /tmp/deep.txt
(cd $base && execways deep 22 - /usr/bin/true true deep-text)
stop_reader
grep -q 'deep-text.* missing=cwd (incomplete)$' /tmp/deep.txt || fail "text: $(grep deep-text /tmp/deep.txt | tail -c 200)"

# the chain table full: 1,200 execs held at their exec event, then a script.
# Not on the debug kernel, where holding them takes six minutes; nothing in
# it is about memory safety.
case $(uname -r) in *-execmon-debug) exit 0 ;; esac
printf '#!/bin/sh\nexit 0\n' > /tmp/chain-script; chmod +x /tmp/chain-script
start_reader /tmp/chain.json --format json
chainfull 1200 /usr/bin/true /tmp/chain-script chain-tag > /tmp/chainfull.out || fail "chainfull: $(cat /tmp/chainfull.out)"
/tmp/chain-script chain-free
stop_reader
cat /tmp/chainfull.out
evfile=/tmp/chain.json
# the chain table also keeps the image before the exec: without a slot, no prev_comm either
expect_eq "the script while the table is full" "$(ev chain-tag | jq -c '[.incomplete, .missing, .args.exec_chain, has("privileges_changed")]')" '[true,["exec_chain","prev_comm"],[],false]'
expect_eq "the script once it is not" "$(ev chain-free | jq -c "[.incomplete, .args.exec_chain]")" "[null,[\"/tmp/chain-script\",\"$(realpath /bin/sh)\"]]"
