# Environment capture: off by default (env and environment are []), and
# once on, the exact environment of successful execs, of failures with a
# bprm (from the kernel's copy) and of failures before one (from the
# caller's pointers), byte for byte; env-max cuts it with the true count.
. /tests/lib.sh
out=/tmp/env.json
printf 'garbage, no #!\n' > /tmp/enoexec
chmod +x /tmp/enoexec
odd=$(printf 'x\001y\377z')		# a control character and a byte that is not UTF-8
start_reader "$out" --format json
SECRET=hunter2 /usr/bin/true env-off
execmonctl set env on || fail "set env on"
/usr/bin/env -i A=1 'B=two words' C= "D=$odd" 'E="quoted"\' /usr/bin/true env-on
/usr/bin/env -i F=enoent /nonexistent/x env-enoent 2>/dev/null
/usr/bin/env -i G=enoexec /tmp/enoexec env-enoexec 2>/dev/null
/usr/bin/env -i H=e2big /usr/bin/execways e2big /usr/bin/true
/usr/bin/env -i 2>/dev/null /usr/bin/true env-empty
execmonctl set env-max 16 || fail "set env-max"
/usr/bin/env -i I=0123456789 J=0123456789 K=0123456789 /usr/bin/true env-cut
execmonctl set env-max 4096 && execmonctl set env off || fail "reset"
SECRET=hunter2 /usr/bin/true env-off-again	# in the environment only, never in an argv
stop_reader

ev_of() { events $out ".args.argv[1]? == \"$1\" or .args.arguments[1]? == \"$1\""; }
for m in env-off env-off-again; do
	ev=$(ev_of $m)
	[ -n "$ev" ] || fail "$m: no event"
	expect_eq "$m: env" "$(echo "$ev" | jq -c .args.env)" '[]'
	expect_eq "$m: no envc" "$(echo "$ev" | jq -c .args.envc)" null
done
grep -q hunter2 $out && fail "an environment leaked while capture was off"

ev=$(ev_of env-on)
expect_eq "env-on: env" "$(echo "$ev" | jq -c '.args.env[0:3] + .args.env[4:]')" '["A=1","B=two words","C=","E=\"quoted\"\\"]'
# the odd bytes exactly, as the reader wrote them (jq would mend the lone surrogate)
raw $out env-on | grep -qF '"D=x\u0001y\udcffz"' || fail "env-on: D: $(raw $out env-on)"

ev=$(ev_of env-enoent)
expect_eq "ENOENT: return_value" "$(echo "$ev" | jq .return_value)" -2
expect_eq "ENOENT: environment" "$(echo "$ev" | jq -c .args.environment)" '["F=enoent"]'
ev=$(ev_of env-enoexec)
expect_eq "ENOEXEC: return_value" "$(echo "$ev" | jq .return_value)" -8
expect_eq "ENOEXEC: environment (the kernel's copy)" "$(echo "$ev" | jq -c .args.environment)" '["G=enoexec"]'
expect_eq "ENOEXEC: arguments" "$(echo "$ev" | jq -c .args.arguments)" '["/tmp/enoexec","env-enoexec"]'
ev=$(events $out '.event == "process_execute_failed" and .return_value == -7')
expect_eq "E2BIG: environment (the caller's)" "$(echo "$ev" | jq -c .args.environment)" '["H=e2big"]'
expect_eq "empty environment" "$(ev_of env-empty | jq -c .args.env)" '[]'

ev=$(ev_of env-cut)
expect_eq "cut: envc" "$(echo "$ev" | jq .args.envc)" 3
expect_eq "cut: marked" "$(echo "$ev" | jq .args.env_truncated)" true
expect_eq "cut: kept" "$(echo "$ev" | jq -c .args.env)" '["I=0123456789","J=0"]'
exit 0
