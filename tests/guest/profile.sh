# The guest side of tests/profile: one exec storm between two marks of the
# instruction counter (insn-mark), with the module and a reader's session
# (PROFILE_MODE=session; the reader stopped, as the bench's "session") or
# without it (none); then the kernel's text symbols, for the host to name
# the addresses counted.  Output on ttyS1.
export PATH=/usr/sbin:/usr/bin
. /tests/lib.sh
kind=${PROFILE_KIND:-fail} n=${PROFILE_N:-20000}
if [ "${PROFILE_MODE:-none}" = session ]; then
	insmod /execmon.ko || exit 1
	execmon --format json --output /tmp/profile.json --ring-pages 4096 & reader=$!
	wait_until maps_device "$reader"
	kill -STOP "$reader"
fi
# let what the load started settle: the crypto self-tests that checking a
# signed module's signature starts run in a kernel thread
sleep 2
insn-mark
execstorm "$kind" "$n" profile < /dev/null
insn-mark
echo "=== symbols"
grep ' [tT] ' /proc/kallsyms
echo "=== end"
