# Issue 18: every allocation of module load and of a session's setup fails
# once, in turn (fail-nth: task-scoped, only the thread that loads or sets
# up), and each failure unwinds: the load fails with the module gone and
# no device left, or succeeds; a failed SETUP says ENOMEM and the same
# descriptor sets up afterwards.  After all of it the module loads and
# delivers, and tests/run fails the guest on any oops, lockdep or kmemleak
# report.  Needs a kernel with fault injection (the debug kernel).
. /tests/lib.sh
[ -e /proc/self/fail-nth ] || { echo "no fault injection in $(uname -r) (tests/kdebug has it)"; exit 77; }
dbg=/sys/kernel/debug
[ -d $dbg/failslab ] || mount -t debugfs none $dbg
for a in failslab fail_page_alloc; do
	echo N > $dbg/$a/ignore-gfp-wait	# GFP_KERNEL too, not only atomic allocations
	echo 0 > $dbg/$a/verbose		# a stack per injected failure would flood the log
done
echo N > $dbg/fail_page_alloc/ignore-gfp-highmem	# vmalloc's pages
echo 0 > $dbg/fail_page_alloc/min-order

# passed MODE ARGS: how many points the whole call passes with none failing
passed() {
	set -- $(faultnth 1000000 "$@")
	[ "$1" = rc ] || fail "faultnth: $*"
	echo $((1000000 - $4)) $2
}

rmmod execmon || fail "rmmod"
# the loader's own points come before em_init(), which fails at once on a bad parameter
set -- $(passed load /execmon.ko argv_max=0)
expect_eq "load with argv_max=0" "$2" -22
first=$(($1 > 16 ? $1 - 16 : 1))
set -- $(passed load /execmon.ko)
expect_eq "load with no failure" "$2" 0
last=$1
rmmod execmon || fail "rmmod after the plain load"
# each load takes seconds on the debug kernel, and most points are the
# kernel's own (kretprobe instances, sysfs): the first 32 and the last 16
# of the window, every 8th between, a different eighth in each run; every
# point with EXECMON_SOAK=1
stride=8
soak && stride=1
off=$(($(date +%s) % stride))
echo "load: points $first to $last, every $stride from offset $off between the ends"
n=$first
failed=0 tried=0
while [ $n -le $last ]; do
	if [ $n -ge $((first + 32)) ] && [ $n -le $((last - 16)) ] && [ $(((n - first) % stride)) != $off ]; then
		n=$((n + 1))
		continue
	fi
	tried=$((tried + 1))
	set -- $(faultnth $n load /execmon.ko)
	if [ "$2" = 0 ]; then
		rmmod execmon || fail "rmmod after a load that survived failing point $n"
	else
		failed=$((failed + 1))
		grep -q '^execmon ' /proc/modules && fail "point $n: the load failed ($2) and left the module"
		[ -e /dev/execmon ] && fail "point $n: the load failed ($2) and left /dev/execmon"
	fi
	n=$((n + 1))
done
echo "load: $tried points tried, $failed loads failed"
[ $failed -gt 0 ] || fail "no load failed: the points were not reached"
insmod /execmon.ko || fail "the load after the faults"

set -- $(passed setup 32)
expect_eq "setup with no failure" "$2" 0
last=$1
echo "setup: points 1 to $last"
n=1
failed=0
while [ $n -le $last ]; do
	r=$(faultnth $n setup 32) || fail "point $n: $r"
	case $r in "rc 0 "*) ;; *) failed=$((failed + 1)) ;; esac
	n=$((n + 1))
done
[ $failed -gt 0 ] || fail "no setup failed: the points were not reached"

start_reader /tmp/faults.json --format json
/usr/bin/true after-faults
stop_reader
expect_eq "events after the faults" "$(count /tmp/faults.json '.args.argv[1]? == "after-faults"')" 1
