# A CPU going offline and coming back loses nothing and breaks no reader;
# a reader started while it was offline sees its events afterwards.
. /tests/lib.sh
cpu=/sys/devices/system/cpu/cpu1/online
[ -w $cpu ] || { echo "no hotpluggable cpu1"; exit 77; }
start_reader /tmp/hp1.json --format json
r1=$READER
taskset -c 1 /usr/bin/true hp-before
echo 0 > $cpu || fail "offline cpu1"
start_reader /tmp/hp2.json --format json
r2=$READER
/usr/bin/true hp-offline
echo 1 > $cpu || fail "online cpu1"
taskset -c 1 /usr/bin/true hp-after
for r in $r1 $r2; do kill -TERM $r; wait $r || fail "reader $r exit status"; done
for m in hp-before hp-offline hp-after; do
	expect_eq "$m in the first reader" "$(count /tmp/hp1.json ".args.argv[1]? == \"$m\"")" 1
done
for m in hp-offline hp-after; do
	expect_eq "$m in the reader started offline" "$(count /tmp/hp2.json ".args.argv[1]? == \"$m\"")" 1
done
expect_eq "hp-after ran on cpu 1" "$(events /tmp/hp1.json '.args.argv[1]? == "hp-after"' | jq .cpu)" 1
