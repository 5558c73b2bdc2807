# Execs while paths change under them: renames of the binary's directory,
# chdir in the exec'ing processes, mounts coming and going.  d_path() then
# meets the rename and mount seqlocks mid-write, the case that makes it take
# their locks; no event may be lost or malformed, and dmesg must stay clean
# (on PREEMPT_RT, a sleeping lock in probe context would say so there).
. /tests/lib.sh
out=/tmp/cont.json
mkdir -p /tmp/cont/a /tmp/cont/mnt
cp /usr/bin/true /tmp/cont/a/t
start_reader "$out" --format json
(	# renames: the binary's directory flips between two names
	while [ ! -e /tmp/cont.stop ]; do
		mv /tmp/cont/a /tmp/cont/b 2>/dev/null; mv /tmp/cont/b /tmp/cont/a 2>/dev/null
	done ) &
renamer=$!
(	# mounts: a tmpfs mounted and unmounted over and over
	while [ ! -e /tmp/cont.stop ]; do
		mount -t tmpfs none /tmp/cont/mnt 2>/dev/null; umount /tmp/cont/mnt 2>/dev/null
	done ) &
mounter=$!
n=0
while [ $n -lt 200 ]; do
	# through whichever name the directory has now; chdir in and out
	(cd /tmp/cont/a 2>/dev/null && ./t cont-$n) 2>/dev/null || (cd /tmp/cont/b 2>/dev/null && ./t cont-$n) 2>/dev/null
	n=$((n + 1))
done
touch /tmp/cont.stop
wait $renamer $mounter
stop_reader
ran=$(count $out '.event == "sched_process_exec" and (.args.argv[1]? // "" | startswith("cont-"))')
[ "$ran" -ge 50 ] || fail "only $ran of the 200 execs ran (the renames got in the way too often)"
echo "$ran of 200 execs ran while their directory was renamed"
bad=$(events $out '.event == "sched_process_exec" and (.args.argv[1]? // "" | startswith("cont-")) and ((.args.pathname | test("^/tmp/cont/[ab]/t$")) | not)' | head -n 3)
[ -z "$bad" ] || fail "pathnames that are not the binary's: $bad"
expect_eq "lost" "$(jq -s '[.[] | select(.event == "lost") | .lost] | add // 0' $out)" 0
exit 0
