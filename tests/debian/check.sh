# In the Debian guest, under systemd: what the packages promise at boot,
# then a purge.  One line per check on ttyS1 ("ok NAME" / "not ok NAME: why"),
# then the journal of the units and "=== end"; then power off.
exec 3>/dev/ttyS1
ok() { echo "ok $1" >&3; }
bad() { echo "not ok $1: $2" >&3; }
check() { name=$1; shift; if "$@" >/tmp/check.out 2>&1; then ok "$name"; else bad "$name" "$(head -c 300 /tmp/check.out | tr '\n' ' ')"; fi; }
wait_for() { i=0; while ! "$@" >/dev/null 2>&1; do i=$((i + 1)); [ $i -lt 120 ] || return 1; sleep 0.5; done; }

echo "=== debian guest $(uname -r)" >&3
check "module loaded at boot (modules-load.d)" test -d /sys/module/execmon
check "device mode 0640, group execmon (udev rule)" sh -c '[ "$(stat -c "%a %G" /dev/execmon)" = "640 execmon" ]'
wait_for systemctl is-active --quiet execmon.service
check "reader active under systemd" systemctl is-active --quiet execmon.service
check "policy applied at boot" sh -c 'execmonctl status --json | grep -q "\"argv_max\":1000" && execmonctl filter list | grep -q "drop comm=noise-maker"'
/usr/bin/true debian-marker-1
wait_for grep -q debian-marker-1 /var/log/execmon/execmon.json
check "events in /var/log/execmon/execmon.json" grep -q '"argv":\["/usr/bin/true","debian-marker-1"\]' /var/log/execmon/execmon.json
check "log mode 0640" sh -c '[ "$(stat -c %a /var/log/execmon/execmon.json)" = 640 ]'
# logrotate: the file moves, the reader is reloaded, new events land in the new file
logrotate -f /etc/logrotate.d/execmon
/usr/bin/true debian-marker-2
wait_for grep -q debian-marker-2 /var/log/execmon/execmon.json
check "after logrotate, events in the new file" grep -q debian-marker-2 /var/log/execmon/execmon.json
# (the exact argv: these commands' own argv name the marker too, escaped)
m1='"argv":\["/usr/bin/true","debian-marker-1"\]'
check "before it, in the rotated one" sh -c "grep -q '$m1' /var/log/execmon/execmon.json.1 && ! grep -q '$m1' /var/log/execmon/execmon.json"
check "the service stops cleanly" systemctl stop execmon.service
check "the unit's hardening leaves the reader working" sh -c '! journalctl -u execmon.service --no-pager | grep -qi "denied\|not permitted"'
# purge: everything the packages added goes
rmmod execmon
check "purge" dpkg --purge execmon execmon-dkms
for f in /usr/sbin/execmon /usr/sbin/execmonctl /lib/systemd/system/execmon.service \
	/lib/udev/rules.d/60-execmon.rules /etc/execmon /etc/logrotate.d/execmon \
	/etc/modules-load.d/execmon.conf /var/log/execmon /usr/src/execmon-* /var/lib/dkms/execmon \
	/etc/systemd/system/multi-user.target.wants/execmon.service; do
	check "purged: $f" sh -c "! ls -d $f"
done
check "purged: the module" sh -c "! ls /lib/modules/*/updates/dkms/execmon.ko*"
check "purged: the group" sh -c '! getent group execmon'
echo "=== journal" >&3
journalctl -u execmon.service --no-pager -o cat 2>&1 | tail -n 20 >&3
echo "=== end" >&3
sync
systemctl poweroff --force --force
