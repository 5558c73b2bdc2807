# Issue 18, item 8: no unprivileged user can make an exec vanish through a
# path= rule.  Before: a bind mount in a private mount namespace (unshare
# -Urm, as uid 1000) over a dropped directory hid any binary, so did a
# chroot in a user namespace, and path=/tmp/pathns/bin also dropped
# /tmp/pathns/bin-x.  A path-any-ns= rule matches the task's own view, as
# documented.
. /tests/lib.sh
d=/tmp/pathns
rm -rf $d; mkdir -p $d/hidden $d/evil $d/bin $d/bin-x $d/root$d/hidden
cp /usr/bin/true $d/evil/true; cp /usr/bin/true $d/bin/true; cp /usr/bin/true $d/bin-x/true
cp /usr/bin/busybox $d/root$d/hidden/busybox	# static: runs in a chroot of its own
chmod -R a+rx $d
user() { p=$1; shift; execways ids 1000 1000 1000 "$p" "$(basename "$p")" "$@"; }
# the user's own tools work here, or the test says why not
user /usr/bin/unshare -Urm /bin/true 2>/tmp/pathns.err || { cat /tmp/pathns.err; echo "no unprivileged user namespaces here"; exit 77; }

execmonctl filter clear && execmonctl filter add drop path=$d/hidden && execmonctl filter add drop path=$d/bin ||
	fail "rules"
trap 'execmonctl filter clear' EXIT
start_reader /tmp/pathns.json --format json
# a bind mount over the dropped directory, in the user's own namespace
user /usr/bin/unshare -Urm /bin/sh -c "mount --bind $d/evil $d/hidden && exec $d/hidden/true pathns-bind"
# a chroot whose /tmp/pathns/hidden is the user's
user /usr/bin/unshare -Ur /usr/bin/chroot $d/root $d/hidden/busybox true pathns-chroot
# whole components
$d/bin-x/true pathns-bin-x
$d/bin/true pathns-bin
# the caller's path, for a failure before any file: canonical only
$d/bin/missing pathns-failed 2>/dev/null
$d/bin/../bin/missing pathns-dotdot 2>/dev/null
stop_reader
ex() { count /tmp/pathns.json ".event == \"sched_process_exec\" and (.args.argv // [] | any(. == \"$1\"))"; }
fl() { count /tmp/pathns.json ".args.arguments[1]? == \"$1\""; }
expect_eq "exec through a private bind mount (kept)" "$(ex pathns-bind)" 1
expect_eq "exec in a user's chroot (kept)" "$(count /tmp/pathns.json ".args.argv[0]? == \"$d/hidden/busybox\" and .args.argv[2]? == \"pathns-chroot\"")" 1
expect_eq "/tmp/pathns/bin-x is not below /tmp/pathns/bin (kept)" "$(ex pathns-bin-x)" 1
expect_eq "/tmp/pathns/bin/true (dropped)" "$(ex pathns-bin)" 0
expect_eq "failed /tmp/pathns/bin/missing (dropped)" "$(fl pathns-failed)" 0
expect_eq "failed /tmp/pathns/bin/../bin/missing (kept)" "$(fl pathns-dotdot)" 1
ev=$(events /tmp/pathns.json '.args.argv[1]? == "pathns-bind"')
expect_eq "its pathname, as the task saw it" "$(echo "$ev" | jq -r .args.pathname)" "$d/hidden/true"

# path-any-ns= matches the task's own view, bind mount and all
execmonctl filter clear && execmonctl filter add drop path-any-ns=$d/hidden || fail "path-any-ns rule"
expect_eq "listed" "$(execmonctl filter list)" "1: drop path-any-ns=$d/hidden"
start_reader /tmp/pathns2.json --format json
user /usr/bin/unshare -Urm /bin/sh -c "mount --bind $d/evil $d/hidden && exec $d/hidden/true pathns-anyns"
/usr/bin/true pathns-after
stop_reader
expect_eq "path-any-ns drops the namespace's view" "$(count /tmp/pathns2.json '.args.argv[1]? == "pathns-anyns"')" 0
expect_eq "and nothing else" "$(count /tmp/pathns2.json '.args.argv[1]? == "pathns-after"')" 1
