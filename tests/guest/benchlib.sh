# Shared by the guest's benchmarks (bench.sh, peers.sh): `. /tests/benchlib.sh`
# after /tests/lib.sh.  Times are wall clock; only ratios mean anything.

# cpu_ns PID...: the CPU time of all the PIDs' threads so far, in ns (the
# scheduler's own count: exact, and under icount an instruction count); 0
# for none
cpu_ns() {
	for p in "$@"; do cat /proc/"$p"/task/*/schedstat 2>/dev/null; done |
		awk '{ t += $1 } END { printf "%.0f\n", t }'	# %d: 32 bits in mawk and busybox
}

# storm KIND N CPUS: KIND storm on each of CPUS at once; prints the wall
# microseconds, the storms' own CPU microseconds, and the consumers' (the
# pids in READER: a reader, a peer's daemon and its kernel threads)
storm() {
	pids= outs=
	# shellcheck disable=SC2086
	r0=$(cpu_ns ${READER:-})
	t0=$(now_ns)
	for cpu in $3; do
		# a monitor that stalls the execs (auditd's backlog) cannot stall the run
		taskset -c "$cpu" timeout -s KILL "${BENCH_STORM_TIMEOUT:-300}" \
			execstorm "$1" "$2" bench > /tmp/storm.$cpu &
		pids="$pids $!" outs="$outs /tmp/storm.$cpu"
	done
	for p in $pids; do
		wait "$p" || echo "storm: $1 on a cpu did not finish (status $?)" >&2
	done
	t1=$(now_ns)
	# the reader's last wakeup (10 ms) and reorder window (50 ms): its work
	# for this storm counts here, not in the next one
	[ -n "${READER:-}" ] && sleep 0.3
	# shellcheck disable=SC2086
	r1=$(cpu_ns ${READER:-})
	# shellcheck disable=SC2086
	used=$(cat $outs | awk '{ t += $2 } END { printf "%.0f\n", t * 1e6 }')
	echo "$(( (t1 - t0) / 1000 )) $used $(( (r1 - r0) / 1000 ))"
}

# median FILE COLUMN
median() { awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b ? a / b : 0 }'; }
per() { awk -v a="$1" -v n="$2" 'BEGIN { printf "%.1f", a / n }'; }

# table KINDS CONFIGS NCPU: the medians of /tmp/KIND.CONFIG as ratios to the
# first config; a config named none1 becomes the base of those after it,
# which ran on all CPUs but the last
table() {
	for kind in $1; do
		n=$nfail; [ "$kind" = ok ] && n=$nok
		printf '  %-4s %-8s %12s %7s %14s %7s %17s\n' "$kind" config "wall (us)" ratio "cpu/exec (us)" ratio "reader/event (us)"
		base=${2%% *}
		for c in $2; do
			[ "$c" = none1 ] && base=none1
			w=$(median "/tmp/$kind.$c" 1) u=$(median "/tmp/$kind.$c" 2) r=$(median "/tmp/$kind.$c" 3)
			wb=$(median "/tmp/$kind.$base" 1) ub=$(median "/tmp/$kind.$base" 2)
			cpus=$3; case $c in none1|aside) cpus=$(($3 - 1)) ;; esac
			printf '  %-4s %-8s %12d %7s %14s %7s %17s\n' "$kind" "$c" "$w" "$(ratio "$w" "$wb")" \
				"$(per "$u" $((n * cpus)))" "$(ratio "$u" "$ub")" "$(per "$r" $((n * cpus)))"
		done
	done
}
