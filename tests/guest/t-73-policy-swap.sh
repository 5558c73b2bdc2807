# Policies swapped as fast as execmonctl can load them, while every CPU
# execs: each event is built under one whole policy.  Policy X drops the
# storm and cuts argv at 100 bytes; Y keeps it and cuts at 200.  A kept
# storm event cut at 100 would be X's limit with Y's rules: a torn policy.
# Every storm exec is either kept or counted as filtered, exactly.
. /tests/lib.sh
out=/tmp/swap.json
printf 'set argv-max 100\nfilter drop path=/nonexistent/\n' > /tmp/px
printf 'set argv-max 200\n' > /tmp/py
execmonctl load /tmp/py || fail "load"
start_reader "$out" --format json --stats 2>/tmp/swap.err
tag=$(printf 'swap%.0s' $(seq 1 80))	# 320 bytes: cut either way
ncpu=$(nproc)
n=200 swaps=20
# workers storm in rounds of n until the policy has been swapped enough times
rm -f /tmp/swap.enough /tmp/swap.rounds.*
workers=
for w in $(seq 1 "$ncpu"); do
	(
		r=0
		while [ ! -e /tmp/swap.enough ]; do
			taskset -c $((w - 1)) execstorm fail $n "$tag" > /dev/null || exit 1
			r=$((r + 1))
		done
		echo $r > /tmp/swap.rounds.$w
	) &
	workers="$workers $!"
done
i=0
while [ $i -lt $swaps ]; do
	execmonctl load /tmp/px && execmonctl load /tmp/py || fail "a load failed"
	i=$((i + 1))
done
touch /tmp/swap.enough
for j in $workers; do wait "$j" || fail "worker $j failed"; done
execmonctl load /tmp/py
stop_reader
total=$(cat /tmp/swap.rounds.* | awk -v n=$n '{ t += $1 * n } END { print t }')
echo "$swaps swaps during $total storm execs"

invariant /tmp/swap.err || fail "stats invariant"
expect_eq "lost" "$(jq -s '[.[] | select(.event == "lost") | .lost] | add // 0' $out)" 0
kept=$(jq -c 'select(.event == "process_execute_failed" and .args.path == "/nonexistent/execstorm") | (.args.arguments | join("") | length) + (.args.arguments | length) - 1' $out)
nkept=$(echo "$kept" | grep -c .)
expect_eq "kept storm events cut at Y's 200 bytes" "$(echo "$kept" | sort -u | tr '\n' ' ')" "200 "
filtered=$(stat_of /tmp/swap.err total filtered)
expect_eq "kept + filtered ($nkept + $filtered)" $((nkept + filtered)) $total
[ "$filtered" -gt 0 ] || fail "nothing was filtered: the swaps did not overlap the storm"
exit 0
