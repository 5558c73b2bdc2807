# Issue 20: who ran it, and with what privilege.  Every identity field of
# an exec compared with what the kernel tells the image itself (idprobe:
# /proc/self/status, loginuid, sessionid, AT_SECURE, its terminal), for a
# plain exec, a setuid-root, a setgid-root and a file-capabilities binary
# run by uid 1234 with two groups, a binary that user owns, one run in a
# session of its own on a pty, and one on each layer of an overlay; a
# failed exec after a new login (echo 77 > /proc/self/loginuid) against
# the caller's own values.
. /tests/lib.sh
out=/tmp/ident.json
P=/tmp/idp
rm -rf "$P"
mkdir -p "$P"
chmod 1777 "$P"
cp /usr/bin/idprobe "$P/probe"
cp /usr/bin/idprobe "$P/suid" && chmod 4755 "$P/suid"
cp /usr/bin/idprobe "$P/sgid" && chmod 2755 "$P/sgid"
cp /usr/bin/idprobe "$P/caps" && setcap cap_net_raw+ep "$P/caps" || fail "setcap"
cp /usr/bin/idprobe "$P/mine" && chown 1234:1234 "$P/mine"
# an overlay: one binary in the lower layer, one written through the
# mount (upper), one copied up by a change of its mode
[ -e /overlay.ko ] && insmod /overlay.ko
O=/tmp/ovl
mkdir -p $O/lower $O/upper $O/work $O/merged
cp /usr/bin/idprobe $O/lower/low
cp /usr/bin/idprobe $O/lower/cu
mount -t overlay overlay -o lowerdir=$O/lower,upperdir=$O/upper,workdir=$O/work $O/merged ||
	fail "mount overlay"
cp /usr/bin/idprobe $O/merged/up
chmod 0750 $O/merged/cu
user() { execways ids 1234 1234 4,24 "$@"; }

execmonctl filter clear
start_reader "$out" --format json
"$P/probe" plain "$P/plain.out"
user "$P/suid" suid suid "$P/suid.out"
user "$P/sgid" sgid sgid "$P/sgid.out"
user "$P/caps" caps caps "$P/caps.out"
user "$P/mine" mine mine "$P/mine.out"
user "$P/probe" probe user "$P/user.out"
execways pty "$P/probe" probe pty "$P/pty.out"
$O/merged/low low "$P/low.out"
$O/merged/up up "$P/up.out"
$O/merged/cu cu "$P/cu.out"
# a new login session, then a failed exec: the caller's own values
# (the two files end with no newline)
sh -c "echo 77 > /proc/self/loginuid &&
	{ cat /proc/self/loginuid; echo; cat /proc/self/sessionid; echo; } > $P/fail.lg &&
	grep -E '^(Uid|Gid|Groups|Cap(Inh|Prm|Eff)):' /proc/\$\$/status > $P/fail.st &&
	exec /nonexistent/idfail idfail" 2>/dev/null
stop_reader
umount $O/merged

v() { sed -n "s/^$1 //p" "$2" | sed 's/ *$//'; }
# the fields of event $ev against the probe's file
check_ids() {
	tag=$1 p=$2
	expect_eq "$tag: uid euid suid fsuid" \
		"$(echo "$ev" | jq -r '"\(.uid) \(.euid) \(.suid) \(.fsuid)"')" "$(v Uid "$p")"
	expect_eq "$tag: gid egid sgid fsgid" \
		"$(echo "$ev" | jq -r '"\(.gid) \(.egid) \(.sgid) \(.fsgid)"')" "$(v Gid "$p")"
	expect_eq "$tag: groups" "$(echo "$ev" | jq -r '.groups | map(tostring) | join(" ")')" \
		"$(v Groups "$p")"
	expect_eq "$tag: cap_inheritable cap_permitted cap_effective" \
		"$(echo "$ev" | jq -r '"\(.cap_inheritable) \(.cap_permitted) \(.cap_effective)"')" \
		"$(v CapInh "$p") $(v CapPrm "$p") $(v CapEff "$p")"
}
# check TAG PRIVILEGES_CHANGED EXE_WRITABLE UPPER_LAYER: the exec of TAG
check() {
	tag=$1 p=$P/$1.out
	[ -s "$p" ] || fail "$tag: the probe did not run"
	ev=$(events $out ".event == \"sched_process_exec\" and .args.argv[1]? == \"$tag\" and .args.argv[2]? == \"$p\"")
	[ "$(echo "$ev" | grep -c .)" = 1 ] || fail "$tag: not one exec event: $ev"
	check_ids "$tag" "$p"
	expect_eq "$tag: auid session_id" "$(echo "$ev" | jq -r '"\(.auid) \(.session_id)"')" \
		"$(v loginuid "$p") $(v sessionid "$p")"
	tty=
	[ "$(v tty_nr "$p")" = 0 ] || tty=$(v ttyname "$p")
	expect_eq "$tag: tty" "$(echo "$ev" | jq -r .tty)" "$tty"
	expect_eq "$tag: secure_exec" "$(echo "$ev" | jq -r .secure_exec)" \
		"$([ "$(v secure "$p")" = 1 ] && echo true || echo false)"
	expect_eq "$tag: privileges_changed" "$(echo "$ev" | jq -r '.privileges_changed | join(",")')" "$2"
	expect_eq "$tag: exe_writable" "$(echo "$ev" | jq -r .args.exe_writable)" "$3"
	expect_eq "$tag: upper_layer" "$(echo "$ev" | jq -r .args.upper_layer)" "$4"
	expect_eq "$tag: missing" "$(echo "$ev" | jq -c '.missing // []')" "[]"
}
# root owns a 0755 probe: its owner bit lets root write it, nobody else;
# the setuid image's fsuid is root's
check plain "" true false
check suid setuid true false
check sgid setgid false false
check caps file_caps false false
check mine "" true false
check user "" false false
check pty "" true false
check low "" true false
check up "" true true
check cu "" true true
# what the probe cannot see of itself: the image before, and the user's groups
expect_eq "plain: prev_comm (this shell's comm)" \
	"$(events $out '.args.argv[1]? == "plain"' | jq -r .args.prev_comm)" "$(cat /proc/$$/comm)"
expect_eq "suid: prev_comm" "$(events $out '.args.argv[1]? == "suid"' | jq -r .args.prev_comm)" execways
expect_eq "suid: the groups" "$(events $out '.args.argv[1]? == "suid"' | jq -r '.groups | join(",")')" 4,24
expect_eq "caps: the capability" "$(v CapPrm "$P/caps.out")" 0000000000002000
expect_eq "suid: AT_SECURE" "$(v secure "$P/suid.out")" 1
case $(v ttyname "$P/pty.out") in pts/[0-9]*) ;; *) fail "pty: the probe had no pty: $(cat "$P/pty.out")" ;; esac

ev=$(events $out '.event == "process_execute_failed" and .args.path == "/nonexistent/idfail"')
[ "$(echo "$ev" | grep -c .)" = 1 ] || fail "failed: not one event: $ev"
sed 's/:[[:space:]]*/ /; s/\t/ /g' "$P/fail.st" > "$P/fail.out"
check_ids failed "$P/fail.out"
expect_eq "failed: auid session_id" "$(echo "$ev" | jq -r '"\(.auid) \(.session_id)"')" \
	"$(tr '\n' ' ' < "$P/fail.lg" | sed 's/ $//')"
expect_eq "failed: auid" "$(echo "$ev" | jq -r .auid)" 77
expect_eq "failed: no exec's fields" "$(echo "$ev" | jq -c '[has("privileges_changed"), has("secure_exec"), (.args | has("prev_comm"))]')" \
	"[false,false,false]"
# the tty of a task with none, told the same way: this shell's
expect_eq "failed: tty" "$(echo "$ev" | jq -r .tty)" ""
rm -rf "$P" $O
exit 0
