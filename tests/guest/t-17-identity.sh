# Who ran it, and where: setuid (uid vs euid), a process in new pid and
# mount namespaces and in a cgroup of its own; argv cut at argv_max with
# the true argc.
. /tests/lib.sh
out=/tmp/id.json
cp /usr/bin/id /tmp/suid-id 2>/dev/null || cp /usr/bin/busybox /tmp/suid-id
chown 0:0 /tmp/suid-id && chmod 4755 /tmp/suid-id
mkdir -p /sys/fs/cgroup/em-test
rmmod execmon && insmod /execmon.ko argv_max=64 || fail "reload with argv_max=64"
start_reader "$out" --format json
# uid 1000 running a setuid-root binary
execways uid 1000 /tmp/suid-id suid-id id-suid >/dev/null 2>&1
# new pid and mount namespaces, in its own cgroup
sh -c 'echo $$ > /sys/fs/cgroup/em-test/cgroup.procs; exec unshare -p -m -f /usr/bin/true id-ns' 2>/tmp/unshare.err
long=$(printf 'a%.0s' $(seq 1 100))
/usr/bin/true id-long "$long" b c d
stop_reader
rmmod execmon && insmod /execmon.ko || fail "reload with defaults"

ev=$(events $out '.event == "sched_process_exec" and .args.argv[1]? == "id-suid"')
[ -n "$ev" ] || fail "no setuid exec event: $(grep suid $out)"
expect_eq "setuid: uid euid gid egid" "$(echo "$ev" | jq -r '"\(.uid) \(.euid) \(.gid) \(.egid)"')" "1000 0 1000 1000"
ev=$(events $out '.event == "sched_process_exec" and .args.argv[1]? == "id-ns"')
[ -n "$ev" ] || fail "no exec in new namespaces: $(cat /tmp/unshare.err)"
expect_eq "cgroup_id" "$(echo "$ev" | jq -r .cgroup_id)" "$(/usr/bin/stat -c %i /sys/fs/cgroup/em-test)"
[ "$(echo "$ev" | jq -r .pid_ns)" != "$(/usr/bin/stat -L -c %i /proc/self/ns/pid)" ] || fail "pid_ns is the initial one"
[ "$(echo "$ev" | jq -r .mnt_ns)" != "$(/usr/bin/stat -L -c %i /proc/self/ns/mnt)" ] || fail "mnt_ns is the initial one"
mine=$(events $out '.args.argv[1]? == "id-long"')
expect_eq "init pid_ns" "$(echo "$mine" | jq -r .pid_ns)" "$(/usr/bin/stat -L -c %i /proc/self/ns/pid)"
expect_eq "init mnt_ns" "$(echo "$mine" | jq -r .mnt_ns)" "$(/usr/bin/stat -L -c %i /proc/self/ns/mnt)"
expect_eq "long argv: argc" "$(echo "$mine" | jq -r .args.argc)" 6
expect_eq "long argv: marked" "$(echo "$mine" | jq -r .args.argv_truncated)" true
kept=$(echo "$mine" | jq -r '.args.argv | join("") | length')
nul=$(echo "$mine" | jq -r '.args.argv | length')
# exactly argv_max bytes of the argument area: the strings and their NULs,
# less the NUL that terminates the cut string (not in the original)
expect_eq "long argv: bytes kept of the argument area" $((kept + nul - 1)) 64
expect_eq "long argv: starts right" "$(echo "$mine" | jq -r '.args.argv[0:2] | join(" ")')" "/usr/bin/true id-long"
rmdir /sys/fs/cgroup/em-test 2>/dev/null
exit 0
