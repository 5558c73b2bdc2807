# A largest record keeps every path: with env capture on and argv and
# environment at their largest (16 KiB each), a script chain of the six
# levels the kernel allows, each file (the binary too), the caller's path,
# fd 0 and the cwd some 4,000 bytes deep.  The paths are resolved at the end
# of the event; the argv and environment written before them leave room for
# them, and it is the environment that is cut, and says so.  Before (the
# paths first, then argv, then the environment, each reserving its most),
# the environment found no room at all: missing: ["env"] on 6.12.
. /tests/lib.sh
deep=/tmp/full
for i in $(seq 20); do deep=$deep/$(printf "%0200d" $i); done
mkdir -p "$deep" || fail "mkdir"
# each script names the next through a short link (a #! line has 256 bytes)
for i in 1 2 3 4; do
	printf '#!/tmp/full-i%d\n' $((i + 1)) > "$deep/s$i"
	ln -sf "$deep/s$((i + 1))" /tmp/full-i$((i + 1))
done
printf '#!/tmp/fullsh/sh\nexit 0\n' > "$deep/s5"
cp "$(realpath /bin/sh)" "$deep/sh"	# the binary deep too (busybox: named sh)
mkdir -p /tmp/fullsh && ln -sf "$deep/sh" /tmp/fullsh/sh
chmod +x "$deep"/s[1-5]
: > "$deep/in"
big=$(awk 'BEGIN { for (i = 0; i < 1000; i++) printf "x" }')
execmonctl set env on && execmonctl set argv-max 16384 && execmonctl set env-max 16384 ||
	fail "settings"
trap 'execmonctl set env off; execmonctl set argv-max 4096; execmonctl set env-max 4096' EXIT
start_reader /tmp/full.json --format json
(
	cd "$deep" || exit 1
	for i in $(seq 20); do export FULL_$i="$big"; done
	# shellcheck disable=SC2046
	"$deep/s1" full-tag $(for i in $(seq 20); do echo "$big"; done) < "$deep/in"
) || fail "the chain did not run"
stop_reader
ev=$(events /tmp/full.json '.event == "sched_process_exec" and (.args.argv | index("full-tag"))')
[ -n "$ev" ] || fail "no event"
f() { echo "$ev" | jq -r "$1"; }
expect_eq "missing" "$(f '.missing // [] | tojson')" '[]'
expect_eq "cwd" "$(f .cwd)" "$deep"
expect_eq "stdin" "$(f .args.stdin_path)" "$deep/in"
expect_eq "chain" "$(f '.args.exec_chain | tojson')" \
	"$(printf '%s\n' "$deep/s1" "$deep/s2" "$deep/s3" "$deep/s4" "$deep/s5" "$deep/sh" | jq -R . | jq -sc .)"
expect_eq "cmdpath" "$(f .args.cmdpath)" "$deep/s1"
expect_eq "pathname" "$(f .args.pathname)" "$deep/sh"
expect_eq "the environment, cut" "$(f .args.env_truncated)" true
rm -rf /tmp/full /tmp/full-i* /tmp/fullsh
