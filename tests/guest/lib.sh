# Helpers for guest tests: `. /tests/lib.sh` first.  A test exits 0 to pass,
# 77 to skip, anything else to fail; what it prints is shown on failure.

fail() {
	echo "FAIL: $*"
	exit 1
}

# now in ns since the epoch
now_ns() {
	/usr/bin/date +%s%N	# busybox sh prefers its own applets, and busybox date has no %N
}

# wait_until CMD...: up to 20 s for CMD to succeed
wait_until() {
	i=0
	while ! "$@" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 200 ] || return 1
		sleep 0.1
	done
}

# is the process mapping the device (so its session is set up)?
maps_device() {
	grep -q ' /dev/execmon$' "/proc/$1/maps"
}

# start_reader OUT [ARGS...]: execmon writing to OUT, in the background;
# returns once its rings are mapped, with its pid in READER
start_reader() {
	out=$1
	shift
	execmon --output "$out" "$@" &
	READER=$!
	wait_until maps_device "$READER" || fail "execmon did not map its rings"
}

# stop_reader: SIGTERM, which drains, and insist on exit status 0
stop_reader() {
	kill -TERM "$READER"
	wait "$READER" || fail "execmon exited with status $?"
}

# events FILE FILTER: the JSON events of FILE that match the jq FILTER, one per line
events() {
	jq -c "select($2)" "$1"
}

# count FILE FILTER
count() {
	jq -c "select($2)" "$1" | wc -l
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}
