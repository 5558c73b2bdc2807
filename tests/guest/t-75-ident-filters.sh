# Issue 20: the identity conditions of the filter rules.  keep privileged
# then drop uid=1234: the user's plain and failed execs go, its setuid
# exec stays.  tty=none and tty=any (decided at the event's end: on
# PREEMPT_RT in the task work), auid=77 and auid=unset.
. /tests/lib.sh
out=/tmp/identf.json
P=/tmp/idf
rm -rf "$P"
mkdir -p "$P"
chmod 1777 "$P"
cp /usr/bin/idprobe "$P/probe"
cp /usr/bin/idprobe "$P/suid" && chmod 4755 "$P/suid"
user() { execways ids 1234 1234 1234 "$@"; }
trap 'execmonctl filter clear' EXIT

execmonctl filter clear
start_reader "$out" --format json
execmonctl filter add keep privileged && execmonctl filter add drop uid=1234 || fail "keep, drop"
user "$P/probe" probe f-user "$P/1"
user "$P/suid" suid f-suid "$P/2"
user /nonexistent/f-fail f-fail 2>/dev/null
"$P/probe" f-root "$P/3"
execmonctl filter clear
execmonctl filter add drop tty=none event=exec || fail "tty=none"
"$P/probe" f-notty "$P/4"
execways pty "$P/probe" probe f-pty "$P/5"
execmonctl filter clear
execmonctl filter add drop tty=any || fail "tty=any"
"$P/probe" f-notty2 "$P/6"
execways pty "$P/probe" probe f-pty2 "$P/7"
execmonctl filter clear
execmonctl filter add drop auid=77 || fail "auid=77"
sh -c "echo 77 > /proc/self/loginuid && exec $P/probe f-auid $P/8"
"$P/probe" f-auid-unset "$P/9"
execmonctl filter clear
execmonctl filter add drop auid=unset event=exec || fail "auid=unset"
sh -c "echo 77 > /proc/self/loginuid && exec $P/probe f-auid2 $P/10"
"$P/probe" f-auid-unset2 "$P/11"
execmonctl filter clear
/usr/bin/true f-last
stop_reader

n() { count $out ".args.argv[1]? == \"$1\" or .args.path? == \"/nonexistent/$1\""; }
for t in f-user f-fail f-notty f-pty2 f-auid f-auid-unset2; do
	expect_eq "$t: events (dropped)" "$(n $t)" 0
done
for t in f-suid f-root f-pty f-notty2 f-auid-unset f-auid2 f-last; do
	expect_eq "$t: events (kept)" "$(n $t)" 1
done
expect_eq "f-suid: privileges_changed" \
	"$(events $out '.args.argv[1]? == "f-suid"' | jq -r '.privileges_changed | join(",")')" setuid
expect_eq "f-auid2: auid" "$(events $out '.args.argv[1]? == "f-auid2"' | jq -r .auid)" 77
# the rules as execmonctl shows them
execmonctl filter add keep privileged uid=1234 tty=ttyS0 auid=unset
expect_eq "filter list" "$(execmonctl filter list)" "1: keep uid=1234 auid=unset tty=ttyS0 privileged"
execmonctl filter clear
rm -rf "$P"
exit 0
