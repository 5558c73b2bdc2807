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

# start_reader OUT [ARGS...]: execmon writing to OUT (a fresh file: a test
# run again must not see the last round's events), in the background;
# returns once its rings are mapped, with its pid in READER
start_reader() {
	out=$1
	shift
	rm -f "$out"
	execmon --output "$out" "$@" &
	READER=$!
	wait_until maps_device "$READER" || fail "execmon did not map its rings"
}

# stop_reader: SIGTERM, which drains, and insist on exit status 0; on a
# failure, show what the reader said when its stderr went to a file
stop_reader() {
	err=$(readlink "/proc/$READER/fd/2")
	kill -TERM "$READER"
	wait "$READER" && return
	st=$?
	[ -f "$err" ] && grep -v "^execmon: stats: " "$err" | tail -n 5 | sed 's/^/execmon: stderr: /'
	fail "execmon exited with status $st"
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

# stat FILE WHAT FIELD: a counter from `execmon --stats` output in FILE,
# e.g. stat /tmp/err total dropped_full
stat_of() {
	sed -n "s/^execmon: stats: $2: .*$3 \([0-9]*\).*/\1/p" "$1"
}

# invariant FILE: seen == delivered + every kind of drop, in total and per CPU
invariant() {
	grep '^execmon: stats: .*: seen' "$1" | while read -r line; do
		set -- $(echo "$line" | sed 's/.*seen \([0-9]*\) delivered \([0-9]*\) dropped_full \([0-9]*\) dropped_nested \([0-9]*\) dropped_too_large \([0-9]*\) filtered \([0-9]*\)/\1 \2 \3 \4 \5 \6/')
		[ "$1" -eq $(($2 + $3 + $4 + $5 + $6)) ] || { echo "invariant broken: $line"; return 1; }
	done
}

# stat_of_file FILE: what the events should say of FILE: "dev inode mode ctime_ns"
# (ctime through date, exactly: stat's %.9Z goes through floating point)
stat_of_file() {
	ctime=$(/usr/bin/date -d "$(/usr/bin/stat -L -c %z "$1")" +%s%N)
	set -- $(/usr/bin/stat -L -c '%d %i %f' "$1")
	echo "$1 $2 $((0x$3)) $ctime"
}

# jnum EVENT KEY: an integer field of one event's JSON, exactly.  jq 1.6
# reads numbers as doubles, which cannot hold ns timestamps (ts, ctime)
# past 2^53, and writes them back rounded; this reads the digits, so EVENT
# must be the reader's own line (see raw), not jq's output.  KEY must occur
# once in the event.
jnum() {
	echo "$1" | grep -o "\"$2\":-\{0,1\}[0-9]*" | head -n 1 | cut -d: -f2
}

# raw FILE STRING: the reader's own lines of FILE that contain STRING
raw() {
	grep -F -- "$2" "$1"
}

# on tests/kdebug's kernel (KASAN, lockdep, kmemleak: some ten times slower)?
debug_kernel() {
	case $(uname -r) in *-execmon-debug) return 0 ;; esac
	return 1
}

# EXECMON_SOAK=1 tests/run: the long forms of the tests that have them
soak() {
	grep -q 'execmon_soak=1' /proc/cmdline
}
