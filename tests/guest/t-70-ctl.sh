# execmonctl: status and settings read back, each setting's effect on real
# execs, and every misuse: exit 2 for bad usage, 1 for a refused operation,
# with a message either way.
. /tests/lib.sh
st=$(execmonctl status --json) || fail "status --json"
echo "$st" | jq -e . >/dev/null || fail "status --json is not JSON: $st"
expect_eq "defaults" "$(echo "$st" | jq -c '.settings | .redact |= length')" '{"env":false,"argv_max":4096,"env_max":4096,"ring_pages":512,"redact":14}'
expect_eq "no rules" "$(echo "$st" | jq -c .rules)" '[]'
expect_eq "features" "$(echo "$st" | jq -c .features)" '["exec","exec_failed","mmap","stats","policy","env","readers","image","exit"]'
execmonctl version | grep -q '^module [0-9]' || fail "version: $(execmonctl version)"
execmonctl status | grep -q '^settings: env off, argv-max 4096, env-max 4096, ring-pages 512$' ||
	fail "status text: $(execmonctl status)"

# every setting, read back
execmonctl set env on && execmonctl set argv-max 100 && execmonctl set env-max 200 &&
	execmonctl set ring-pages 64 || fail "set"
expect_eq "settings" "$(execmonctl status --json | jq -c '.settings | del(.redact)')" '{"env":true,"argv_max":100,"env_max":200,"ring_pages":64}'

# ... and their effect: a reader started now has 64-page rings; argv and env
# are cut at the new limits
start_reader /tmp/ctl.json --format json
st=$(execmonctl status --json)
expect_eq "readers" "$(echo "$st" | jq -c '[.readers[] | {pid, comm, ring_pages}]')" "[{\"pid\":$READER,\"comm\":\"execmon\",\"ring_pages\":64}]"
long=$(printf 'x%.0s' $(seq 1 300))
/usr/bin/env -i "A=$long" B=1 /usr/bin/true ctl-limits "$long" 2 3
# stats: the per-CPU counters add up to the total
st=$(execmonctl status --json)
expect_eq "per-CPU sums" "$(echo "$st" | jq -c '.readers[0] | [.total.seen, ([.cpus[].seen] | add)] | .[0] == .[1]')" true
expect_eq "delivered counted" "$(echo "$st" | jq '.readers[0].total.delivered > 0')" true
stop_reader
ev=$(events /tmp/ctl.json '.args.argv[1]? == "ctl-limits"')
[ -n "$ev" ] || fail "no event: $(tail -n 3 /tmp/ctl.json)"
expect_eq "argc" "$(echo "$ev" | jq .args.argc)" 5
expect_eq "argv cut" "$(echo "$ev" | jq .args.argv_truncated)" true
# argv_max bytes of the area: strings and NULs, less the NUL of the cut string
expect_eq "argv bytes" "$(echo "$ev" | jq '(.args.argv | join("") | length) + (.args.argv | length) - 1')" 100
expect_eq "envc" "$(echo "$ev" | jq .args.envc)" 2
expect_eq "env cut" "$(echo "$ev" | jq .args.env_truncated)" true
expect_eq "env bytes" "$(echo "$ev" | jq '(.args.env | join("") | length) + (.args.env | length) - 1')" 200
expect_eq "env starts right" "$(echo "$ev" | jq -r '.args.env[0][0:4]')" "A=xx"

execmonctl set env off && execmonctl set argv-max 4096 && execmonctl set env-max 4096 &&
	execmonctl set ring-pages 512 || fail "reset"

# bad usage: exit 2 and a message, nothing changed
before=$(execmonctl save | grep -v '^#')
while read -r args; do
	execmonctl $args >/dev/null 2>/tmp/ctl.err
	rc=$?
	expect_eq "execmonctl $args: exit status" $rc 2
	[ -s /tmp/ctl.err ] || fail "execmonctl $args: no message"
done <<'CASES'
frob
--bogus status
version extra
status --yaml
set
set env
set env maybe
set argv-max 0
set argv-max 16385
set env-max -1
set ring-pages 3
set colour red
filter
filter add
filter add drop
filter add stop uid=1
filter add drop color=red
filter add drop uid=
filter add drop uid=no-such-user
filter add drop path=relative
filter add drop comm=abcdefghijklmnopq
filter add drop errno=ENOPE
filter add drop event=exits
filter add drop cgroup=/tmp
filter add drop uid=1 uid=2
filter del
filter del x
filter del 0
filter frob
load
CASES
expect_eq "nothing changed by bad usage" "$(execmonctl save | grep -v '^#')" "$before"
# a ring size out of range is said with the range, before the module is asked
execmonctl set ring-pages 1 2>/tmp/ctl.err
expect_eq "set ring-pages 1: exit status" $? 2
grep -q "a power of two from 32 to 65536" /tmp/ctl.err || fail "set ring-pages 1: '$(cat /tmp/ctl.err)'"
execmon --ring-pages 1 2>/tmp/ctl.err
expect_eq "execmon --ring-pages 1: exit status" $? 2
grep -q "a power of two from 32 to 65536" /tmp/ctl.err || fail "execmon --ring-pages 1: '$(cat /tmp/ctl.err)'"

# refused operations: exit 1 and a message
refused() {
	want=$1
	shift
	"$@" >/dev/null 2>/tmp/ctl.err
	rc=$?
	expect_eq "$*: exit status" $rc 1
	grep -q -- "$want" /tmp/ctl.err || fail "$*: message '$(cat /tmp/ctl.err)' lacks '$want'"
}
refused "no such rule" execmonctl filter del 99
refused "No such file" execmonctl load /nonexistent/policy
refused "modprobe execmon" execmonctl --device /nonexistent/execmon status
refused "does not support" execmonctl --device /dev/null version
# not root: the device is root-only...
refused "permission denied" execways uid 1000 /usr/bin/execmonctl execmonctl status
# ... and with access to it, reading works but changing needs CAP_SYS_ADMIN
chmod 0666 /dev/execmon
execways uid 1000 /usr/bin/execmonctl execmonctl status >/dev/null || fail "status as uid 1000 with access"
refused "CAP_SYS_ADMIN" execways uid 1000 /usr/bin/execmonctl execmonctl set env on
chmod 0600 /dev/execmon
expect_eq "nothing changed by refusals" "$(execmonctl save | grep -v '^#')" "$before"
execmonctl --help | grep -q '^usage: execmonctl' || fail "--help"
exit 0
