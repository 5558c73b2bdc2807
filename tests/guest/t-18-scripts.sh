# Scripts: the script's own full path is in the event even when run by a
# relative path, and a chain of interpreters (a script whose #! names
# another script) is visible, level by level.
. /tests/lib.sh
out=/tmp/scripts.json
mkdir -p /tmp/sc
printf '#!/bin/sh\nexit 0\n' > /tmp/sc/inner.sh
printf '#!/tmp/sc/inner.sh\n' > /tmp/sc/outer.sh
printf '#!/tmp/sc/nothere\n' > /tmp/sc/broken.sh
chmod +x /tmp/sc/inner.sh /tmp/sc/outer.sh /tmp/sc/broken.sh
busybox=$(realpath /bin/sh)
start_reader "$out" --format json
(cd /tmp/sc && ./inner.sh scripts-one)
/tmp/sc/outer.sh scripts-two
/tmp/sc/broken.sh scripts-three 2>/dev/null
/usr/bin/true scripts-none
stop_reader

ev() { events $out ".event == \"sched_process_exec\" and .args.argv[-1]? == \"$1\""; }
expect_eq "script by a relative path" "$(ev scripts-one | jq -c .args.exec_chain)" \
	"[\"/tmp/sc/inner.sh\",\"$busybox\"]"
expect_eq "script: cmdpath stays relative" "$(ev scripts-one | jq -r .args.cmdpath)" ./inner.sh
expect_eq "a script whose interpreter is a script" "$(ev scripts-two | jq -c .args.exec_chain)" \
	"[\"/tmp/sc/outer.sh\",\"/tmp/sc/inner.sh\",\"$busybox\"]"
expect_eq "chain: interp is the last #!" "$(ev scripts-two | jq -r .args.interp)" /bin/sh
expect_eq "plain binary: no chain" "$(ev scripts-none | jq -c .args.exec_chain)" "[]"
f=$(events $out '.event == "process_execute_failed" and .args.path == "/tmp/sc/broken.sh"')
expect_eq "missing interpreter: one event" "$(echo "$f" | grep -c .)" 1
expect_eq "missing interpreter: interpreter_path" "$(echo "$f" | jq -r .args.interpreter_path)" /tmp/sc/nothere

# No reference to a script outlives its exec: scripts (and failures) run
# from a mount of their own, which must then unmount.
mkdir -p /tmp/scmnt && mount -t tmpfs tmpfs /tmp/scmnt || fail "mount"
cp /tmp/sc/inner.sh /tmp/sc/broken.sh /tmp/scmnt/
printf '#!/tmp/scmnt/inner.sh\n' > /tmp/scmnt/outer.sh && chmod +x /tmp/scmnt/outer.sh
start_reader /tmp/scmnt-events.json --format json
for i in 1 2 3 4 5; do
	/tmp/scmnt/outer.sh leak-$i
	/tmp/scmnt/broken.sh leak-$i 2>/dev/null
done
execstorm fail 100 leak > /dev/null
stop_reader
expect_eq "leak test: chains seen" "$(count /tmp/scmnt-events.json '.args.exec_chain[0]? == "/tmp/scmnt/outer.sh"')" 5
umount /tmp/scmnt || fail "a script's file is still referenced: umount failed"
