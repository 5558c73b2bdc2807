# The reader's formats on real execs: container_id from crafted cgroup paths
# (the systemd driver's docker-ID.scope, cgroupfs's /docker/ID), and the
# tracee format's fields checked against the truth: namespace and host pids,
# the kernel's dev_t encoding of stat's st_dev, argsNum, the container.
. /tests/lib.sh
id1=4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a
id2=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
scope=/sys/fs/cgroup/system.slice/docker-$id1.scope
mkdir -p "$scope" /sys/fs/cgroup/docker/$id2 || fail "mkdir cgroups"
execmon --output /tmp/fmt.json --format json &
json=$!
execmon --output /tmp/fmt.tracee --format tracee &
tracee=$!
wait_until maps_device $json && wait_until maps_device $tracee || fail "readers did not start"
sh -c "echo \$\$ > $scope/cgroup.procs; exec unshare -p -f /usr/bin/true fmt-docker"
sh -c "echo \$\$ > /sys/fs/cgroup/docker/$id2/cgroup.procs; exec /usr/bin/true fmt-cgroupfs"
/usr/bin/true fmt-host
/nonexistent/x fmt-failed 2>/dev/null
kill -TERM $json $tracee
wait $json && wait $tracee || fail "a reader failed"

j() { events /tmp/fmt.json ".args.argv[1]? == \"$1\" or .args.arguments[1]? == \"$1\"" | jq -r "$2"; }
expect_eq "json: docker scope" "$(j fmt-docker .container_id)" $id1
expect_eq "json: cgroupfs" "$(j fmt-cgroupfs .container_id)" $id2
expect_eq "json: host" "$(j fmt-host .container_id)" ""

t() { jq -c "select(([.args[] | select(.name == \"argv\" or .name == \"arguments\") | .value[1]] | .[0]) == \"$1\")" /tmp/fmt.tracee; }
ev=$(t fmt-docker)
[ -n "$ev" ] || fail "no tracee event: $(tail -n 2 /tmp/fmt.tracee)"
f() { echo "$ev" | jq -r "$1"; }
expect_eq "tracee: eventName" "$(f .eventName)" sched_process_exec
expect_eq "tracee: argsNum" "$(f '.argsNum == (.args | length)')" true
expect_eq "tracee: containerId" "$(f .containerId)" $id1
expect_eq "tracee: container.id" "$(f .container.id)" $id1
expect_eq "tracee: processId in the new pid namespace" "$(f .processId)" 1
expect_eq "tracee: hostProcessId" "$(f .hostProcessId)" "$(j fmt-docker .pid)"
expect_eq "tracee: pidNamespace" "$(f .pidNamespace)" "$(j fmt-docker .pid_ns)"
expect_eq "tracee: cgroupId" "$(f .cgroupId)" "$(/usr/bin/stat -c %i $scope)"
arg() { echo "$ev" | jq -r "[.args[] | select(.name == \"$1\") | .value][0]"; }
d=$(/usr/bin/stat -L -c %d /usr/bin/true)
expect_eq "tracee: dev (the kernel's dev_t)" "$(arg dev)" $(( (((d >> 8) & 0xfff) << 20) | (d & 0xff) | ((d >> 12) & 0xfff00) ))
expect_eq "tracee: inode" "$(arg inode)" "$(/usr/bin/stat -L -c %i /usr/bin/true)"
expect_eq "tracee: pathname" "$(arg pathname)" /usr/bin/true
expect_eq "tracee: executable" "$(f .executable.path)" /usr/bin/true
expect_eq "tracee: argv" "$(echo "$ev" | jq -c '[.args[] | select(.name == "argv") | .value][0]')" '["/usr/bin/true","fmt-docker"]'
ev=$(t fmt-host)
expect_eq "tracee: host processId" "$(f .processId)" "$(f .hostProcessId)"
expect_eq "tracee: host containerId" "$(f .containerId)" ""
ev=$(t fmt-failed)
expect_eq "tracee: failed" "$(f '"\(.eventName) \(.returnValue) \(.argsNum == (.args | length))"')" "process_execute_failed -2 true"
# every line is one JSON object
expect_eq "tracee: lines that are not JSON" "$(jq -c . /tmp/fmt.tracee 2>&1 >/dev/null | wc -l)" 0
rmdir "$scope" /sys/fs/cgroup/system.slice /sys/fs/cgroup/docker/$id2 /sys/fs/cgroup/docker 2>/dev/null
exit 0
