#!/bin/sh
# The guest side of tests/bench-peers, run as /sbin/init of a Debian
# bookworm rootfs that holds the peers from Debian's packages: the same
# exec storms as bench.sh under execmon and under each peer, interleaved
# rounds in one boot.  Prints a table of ratios to "none" and the storm
# events each monitor kept on ttyS1, then powers off.
#   none      no monitor
#   execmon   the module and a reader draining to a JSON file
#   auditd    auditd 3.0.9, rule `-a always,exit -S execve,execveat`,
#             backlog 8192 (the usual audit setup for exec logging)
#   bpftrace  bpftrace 0.17: sched_process_exec, and sys_exit_execve when
#             it returns an error (pid, comm, errno: no path, no argv)
#   execsnoop bpftrace's execsnoop.bt as Debian ships it: every execve at
#             entry, with argv (no result: a failure is not told apart)
#   sysdig    sysdig 0.29.3 with its kernel module (falcosecurity-scap, the
#             driver Falco's kernel module is), capturing execve exits
# A peer whose driver did not build or load for this kernel is left out,
# and said so.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin HOME=/root
mountpoint -q /proc || mount -t proc proc /proc
mountpoint -q /sys || mount -t sysfs sysfs /sys
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null
mkdir -p /dev/pts /var/log/audit && mount -t devpts devpts /dev/pts
exec 3>/dev/ttyS1
. /tests/lib.sh
. /tests/benchlib.sh
for kv in $(cat /proc/cmdline); do
	case $kv in BENCH_*=*) export "${kv?}" ;; esac
done
rounds=${BENCH_ROUNDS:-2} nfail=${BENCH_FAIL:-2000} nok=${BENCH_OK:-50}
ncpu=$(nproc)
mods=/modules/$(uname -r)

# what each monitor wrote: the storm's own events only, so the rest of the
# guest's execs do not count
kept() {
	case $1 in
	execmon) grep -c '"bench","[0-9]*"]' /tmp/peer.out ;;
	auditd)	# a SYSCALL record per execve, whatever its result
		cat /var/log/audit/audit.log* | grep -c -E \
			'type=SYSCALL .* syscall=59 success=(no exit=-2 .* comm="execstorm"|yes .* comm="true")' ;;
	bpftrace) grep -c -E '^(fail [0-9]+ execstorm -2|exec [0-9]+ /usr/bin/true)$' /tmp/peer.out ;;
	execsnoop) grep -c -E ' (/nonexistent/execstorm|/usr/bin/true) bench [0-9]+$' /tmp/peer.out ;;
	sysdig) sysdig -r /tmp/peer.scap -p '%proc.name %evt.res' 2>/dev/null |
		grep -c -E '^(execstorm ENOENT|true SUCCESS)$' ;;
	esac
}
# what it says it lost, where it says so
lost() {
	case $1 in
	execmon) jq -s '[.[] | select(.event == "lost") | .lost] | add // 0' /tmp/peer.out ;;
	auditd) auditctl -s | awk -v l0="$audit_lost0" '$1 == "lost" { print $2 - l0 }' ;;
	bpftrace|execsnoop) sed -n 's/.*Lost \([0-9]*\) events.*/\1/p' /tmp/peer.out /tmp/peer.err |
		awk '{ t += $1 } END { print t + 0 }' ;;
	sysdig) echo "-" ;;	# not reported
	esac
}

bt_prog='tracepoint:sched:sched_process_exec { printf("exec %d %s\n", pid, str(args->filename)); }
tracepoint:syscalls:sys_exit_execve /args->ret < 0/ { printf("fail %d %s %d\n", pid, comm, args->ret); }'
# a bpftrace is attached once an exec shows in its output (env: not a storm event)
bpf_attached() {
	/usr/bin/env --version > /dev/null
	grep -q -E '/usr/bin/env( --version)?$' /tmp/peer.out
}
opens_scap() { ls -l /proc/"$1"/fd 2>/dev/null | grep -q /dev/scap; }

# settle FILE: until FILE has not grown for a second (30 s at most): a
# consumer still behind when the storm ends gets to write what it holds
settle() {
	prev=-1
	for i in $(seq 30); do
		size=$(stat -c %s "$1" 2>/dev/null || echo 0)
		[ "$size" = "$prev" ] && return 0
		prev=$size
		sleep 1
	done
}

# stop PID SIG: SIG, and KILL if it has not exited within 20 s
stop() {
	kill -"$2" "$1"
	wait_until sh -c "! kill -0 $1" || { echo "stop: $1 ignored SIG$2" > /dev/kmsg; kill -KILL "$1"; }
	wait "$1"
}

setup() {
	rm -f /tmp/peer.out /tmp/peer.err /tmp/peer.scap
	case $1 in
	none) ;;
	execmon) insmod "$mods/execmon.ko" || return 1
		execmon --format json --output /tmp/peer.out & READER=$!
		wait_until maps_device "$READER" ;;
	auditd) rm -f /var/log/audit/audit.log*
		auditd || return 1
		wait_until test -s /run/auditd.pid || return 1
		READER="$(cat /run/auditd.pid) $(pgrep -x kauditd)"
		audit_lost0=$(auditctl -s | awk '$1 == "lost" { print $2 }')
		auditctl -e 1 -b 8192 -a always,exit -F arch=b64 -S execve,execveat -k bench > /dev/null ;;
	bpftrace|execsnoop)
		if [ "$1" = bpftrace ]; then
			bpftrace -o /tmp/peer.out -e "$bt_prog" 2> /tmp/peer.err & READER=$!
		else
			bpftrace -o /tmp/peer.out /usr/sbin/execsnoop.bt 2> /tmp/peer.err & READER=$!
		fi
		# it prints "Attaching" before it has attached: 6.1-RT's wall
		# pass missed the start of storms when that was the sign;
		# its start compiles with LLVM: a minute at most
		wait_until bpf_attached || wait_until bpf_attached || wait_until bpf_attached ;;
	sysdig) insmod "$mods/scap.ko" || return 1
		sysdig -w /tmp/peer.scap 'evt.type in (execve, execveat) and evt.dir=<' 2> /tmp/peer.err & READER=$!
		wait_until opens_scap "$READER" && sleep 1 ;;
	esac
}
teardown() {
	case $1 in
	none) return ;;
	execmon) stop "$READER" TERM ;;
	auditd) auditctl -D > /dev/null
		# counted once it has exited: it writes its log asynchronously
		kill -TERM "$(cat /run/auditd.pid)"; wait_until sh -c '! pgrep -x auditd' ;;
	bpftrace|execsnoop)
		# what it had written when the storm ended, then what it writes
		# given time: the difference is what a SIGINT then would lose
		early=$(kept "$1")
		settle /tmp/peer.out
		stop "$READER" INT ;;
	sysdig) settle /tmp/peer.scap
		stop "$READER" INT ;;
	esac
	echo "$1 $(kept "$1") $(lost "$1") ${early:--}" >> /tmp/bench.kept
	early=
	case $1 in
	execmon) rmmod execmon ;;
	sysdig) rmmod scap ;;
	esac
}

echo "=== peers $(uname -r), $ncpu cpus, $rounds rounds" >&3
# which monitors this kernel can run
configs=none
for c in execmon auditd bpftrace execsnoop sysdig; do
	case ,${BENCH_CONFIGS:-execmon,auditd,bpftrace,execsnoop,sysdig}, in *,$c,*) ;; *) continue ;; esac
	case $c in
	execmon) [ -f "$mods/execmon.ko" ] || { echo "  execmon: no module for this kernel" >&3; continue; } ;;
	sysdig) [ -f "$mods/scap.ko" ] || { echo "  sysdig: its driver (scap) did not build for this kernel" >&3; continue; }
		# seen on 6.1-RT with 2 vCPUs: "BUG: scheduling while atomic" in
		# kernfs_path_from_node() from its syscall_exit_probe(), then a
		# soft lockup; with one vCPU the lock is never contended
		if uname -v | grep -q PREEMPT_RT && [ "$ncpu" -gt 1 ]; then
			echo "  sysdig: left out: on PREEMPT_RT its driver takes a sleeping lock with preemption off" >&3
			continue
		fi ;;
	esac
	READER=
	if setup $c > /tmp/setup.log 2>&1; then
		teardown $c > /dev/null 2>&1
		configs="$configs $c"
	else
		echo "  $c: does not start on this kernel:" >&3
		sed 's/^/    /' /tmp/setup.log | tail -n 5 >&3
		teardown $c > /dev/null 2>&1
	fi
done
: > /tmp/bench.kept
: > /tmp/stalls
all=$(seq 0 $((ncpu - 1)))
# a storm of each kind first, untimed: the first from a disk pays for
# reading the programs in
storm fail $nfail "$all" > /dev/null
storm ok $nok "$all" > /dev/null
for r in $(seq 1 "$rounds"); do
	for c in $configs; do
		# where a stalled run stopped: the console log says
		echo "peers: round $r, $c" > /dev/kmsg
		READER=
		setup $c > /dev/null 2>&1
		storm fail $nfail "$all" >> /tmp/fail.$c 2> /tmp/stall
		storm ok $nok "$all" >> /tmp/ok.$c 2>> /tmp/stall
		teardown $c > /dev/null 2>&1
		sed "s/^/  $c, round $r: /" /tmp/stall >> /tmp/stalls
	done
done

{
echo "execmon and its peers, ${BENCH_CLOCK:-wall} pass: $(uname -r), $ncpu cpus, $rounds rounds; storms on every cpu at once:"
echo "  fail: $nfail execve of a missing path per cpu; ok: $nok fork+execve of /usr/bin/true per cpu"
echo "  wall: the storms' elapsed time; cpu: the storms' own CPU time (what each exec pays);"
echo "  reader: the consumer's CPU per event (execmon's reader; auditd and kauditd; bpftrace;"
echo "  sysdig); medians, ratios to none"
[ "${BENCH_CLOCK:-}" = instructions ] &&
	echo "  (icount: the guest's clock counts instructions, 1 ns each: times are instruction counts)"
table "fail ok" "$configs" "$ncpu"
echo "  what each records of a failing exec: execmon every field of Tracee's (path, argv, cwd, stdin,"
echo "  errno, ids, cgroup); auditd the syscall's record with its path and cwd; bpftrace pid, comm and"
echo "  errno; execsnoop pid and argv, and not that it failed; sysdig the execve exit event"
echo "  storm events kept per round (of $(( (nfail + nok) * ncpu ))), on average, and lost as the monitor counts them:"
echo "  (bpftrace, execsnoop: and how many were in their output when the storm ended)"
awk '{ k[$1] += $2; l[$1] += $3; e[$1] += $4; n[$1]++ }
	END { for (c in n) printf "    %-9s kept %d%s, lost %s\n", c, k[c] / n[c],
		c == "bpftrace" || c == "execsnoop" ? sprintf(" (%d at the storm'"'"'s end)", e[c] / n[c]) : "",
		c == "sysdig" ? "(not reported)" : l[c] / n[c] }' /tmp/bench.kept
cat /tmp/stalls
echo "=== end"
} >&3
sync
sleep 1
echo o > /proc/sysrq-trigger
