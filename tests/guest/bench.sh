# The guest side of tests/bench: exec storms with and without the module,
# interleaved rounds, all in one guest run.  Prints a table of ratios to
# "none" on ttyS1.  Times are wall clock; only ratios mean anything.
export PATH=/usr/sbin:/usr/bin
. /tests/lib.sh
. /tests/benchlib.sh
rounds=${BENCH_ROUNDS:-5} nfail=${BENCH_FAIL:-5000} nok=${BENCH_OK:-50}
ncpu=$(nproc)

# The configurations:
#   none     no module
#   loaded   the module, no reader: the probes' own cost
#   session  a reader's session with a ring large enough for the whole
#            storm, the reader stopped until the storm ends: what the exec
#            path pays to build and copy every event, without the reader
#            competing for the CPUs
#   reader   a reader draining to a file as the storm runs: all of it
#   rules    as session, with 128 filter rules that all fail to match, each
#            after walking the exec's parents (pid-tree): the filter's worst
#            case, every event still kept
#   filtered as session, with one rule that drops every storm event: what
#            a filtered exec costs
# and, with 2 CPUs or more, storms on all CPUs but the last:
#   none1    no module
#   aside    a reader draining to a file, alone on the last CPU: what the
#            exec path pays with a reader, without the reader's own work
#            (formatting, writing) taking turns with the execs on a CPU
rules128() {
	i=0
	while [ $i -lt 128 ]; do
		echo "filter drop event=exec,failed uid=0 path=/ pid-tree=$((999000 + i))"
		i=$((i + 1))
	done
}
setup() {
	case $1 in
	none) ;;
	loaded) insmod /execmon.ko ;;
	aside) insmod /execmon.ko
		taskset -c $((ncpu - 1)) execmon --format json --output /tmp/bench.json & READER=$!
		wait_until maps_device "$READER" ;;
	session|reader|rules|filtered) insmod /execmon.ko
		[ $1 = rules ] && { rules128 | execmonctl load - || echo "bench: loading the rules failed"; }
		[ $1 = filtered ] && execmonctl filter add drop path=/nonexistent/
		pages=; [ $1 != reader ] && pages="--ring-pages 4096"
		execmon --format json --output /tmp/bench.json $pages & READER=$!
		wait_until maps_device "$READER"
		[ $1 != reader ] && kill -STOP "$READER" ;;
	esac
}
teardown() {
	case $1 in
	session|reader|rules|filtered|aside)
		case $1 in session|rules|filtered) kill -CONT "$READER" ;; esac
		sleep 0.2
		kill -TERM "$READER"; wait "$READER"
		lost=$(jq -s '[.[] | select(.event == "lost") | .lost] | add // 0' /tmp/bench.json)
		kept=$(grep -c '"bench","[0-9]*"]' /tmp/bench.json)	# the storms' own events only
		echo "$1 $kept $lost" >> /tmp/bench.kept
		rm -f /tmp/bench.json
		rmmod execmon ;;
	loaded) rmmod execmon ;;
	esac
}

configs=$(echo "${BENCH_CONFIGS:-none loaded session reader rules filtered}" | tr , " ")
[ "$ncpu" -ge 2 ] && [ -z "${BENCH_CONFIGS:-}" ] && configs="$configs none1 aside"
all=$(seq 0 $((ncpu - 1))) most=$(seq 0 $((ncpu - 2)))
: > /tmp/bench.kept
for r in $(seq 1 "$rounds"); do
	for c in $configs; do
		cpus=$all
		case $c in none1|aside) cpus=$most ;; esac
		READER=
		setup $c
		storm fail $nfail "$cpus" >> /tmp/fail.$c
		storm ok $nok "$cpus" >> /tmp/ok.$c
		teardown $c
	done
done

echo "execmon bench, ${BENCH_CLOCK:-wall} pass: $(uname -r), $ncpu cpus, $rounds rounds; storms on every cpu at once:"
echo "  fail: $nfail execve of a missing path per cpu; ok: $nok fork+execve of /usr/bin/true per cpu"
echo "  wall: the storms' elapsed time; cpu: the storms' own CPU time (what each exec pays,"
echo "  the reader's work apart); reader: the reader's CPU per event; medians, ratios to none"
[ "${BENCH_CLOCK:-}" = instructions ] &&
	echo "  (icount: the guest's clock counts instructions, 1 ns each: times are instruction counts)"
table "fail ok" "$configs" "$ncpu"
[ "$ncpu" -ge 2 ] &&
	echo "  (none1 and aside: storms on cpus 0-$((ncpu - 2)), the reader alone on cpu $((ncpu - 1)))"
echo "  storm events kept per round (of $(( (nfail + nok) * ncpu )); aside: of $(( (nfail + nok) * (ncpu - 1) ))), on average, and lost (counted):"
awk '{ k[$1] += $2; l[$1] += $3; n[$1]++ }
	END { for (c in n) printf "    %-8s kept %d, lost %d\n", c, k[c] / n[c], l[c] / n[c] }' /tmp/bench.kept
