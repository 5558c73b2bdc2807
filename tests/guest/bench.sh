# The guest side of tests/bench: exec storms with and without the module,
# interleaved rounds, all in one guest run.  Prints a table of ratios to
# "none" on ttyS1.  Times are wall clock; only ratios mean anything.
export PATH=/usr/sbin:/usr/bin
. /tests/lib.sh
rounds=${BENCH_ROUNDS:-5} nfail=${BENCH_FAIL:-5000} nok=${BENCH_OK:-50}
ncpu=$(nproc)

# storm KIND N CPUS: KIND storm on each of CPUS at once; prints wall microseconds
storm() {
	pids=
	t0=$(now_ns)
	for c in $3; do
		taskset -c "$c" execstorm "$1" "$2" bench > /dev/null &
		pids="$pids $!"
	done
	for p in $pids; do wait "$p"; done
	t1=$(now_ns)
	echo $(( (t1 - t0) / 1000 ))
}

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

configs="none loaded session reader rules filtered"
[ "$ncpu" -ge 2 ] && configs="$configs none1 aside"
all=$(seq 0 $((ncpu - 1))) most=$(seq 0 $((ncpu - 2)))
: > /tmp/bench.kept
for r in $(seq 1 "$rounds"); do
	for c in $configs; do
		cpus=$all
		case $c in none1|aside) cpus=$most ;; esac
		setup $c
		echo "$(storm fail $nfail "$cpus")" >> /tmp/fail.$c
		echo "$(storm ok $nok "$cpus")" >> /tmp/ok.$c
		teardown $c
	done
done

median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "execmon bench: $(uname -r), $ncpu cpus, $rounds rounds; storms on every cpu at once:"
echo "  fail: $nfail execve of a missing path per cpu; ok: $nok fork+execve of /usr/bin/true per cpu"
printf '  %-8s %14s %10s %14s %10s\n' config "fail (median)" ratio "ok (median)" ratio
fn=$(median /tmp/fail.none) on=$(median /tmp/ok.none)
for c in $configs; do
	if [ $c = none1 ]; then
		echo "  storms on cpus 0-$((ncpu - 2)), the reader (aside) alone on cpu $((ncpu - 1)):"
		fn=$(median /tmp/fail.none1) on=$(median /tmp/ok.none1)
	fi
	f=$(median /tmp/fail.$c) o=$(median /tmp/ok.$c)
	printf '  %-8s %11d us %10s %11d us %10s\n' $c "$f" \
		"$(awk -v a="$f" -v b="$fn" 'BEGIN { printf "%.3f", a / b }')" "$o" \
		"$(awk -v a="$o" -v b="$on" 'BEGIN { printf "%.3f", a / b }')"
done
echo "  storm events kept per round (of $(( (nfail + nok) * ncpu )); aside: of $(( (nfail + nok) * (ncpu - 1) ))), on average, and lost (counted):"
awk '{ k[$1] += $2; l[$1] += $3; n[$1]++ }
	END { for (c in n) printf "    %-8s kept %d, lost %d\n", c, k[c] / n[c], l[c] / n[c] }' /tmp/bench.kept
