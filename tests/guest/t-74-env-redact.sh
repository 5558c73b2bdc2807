# Issue 18, item 9: with environment capture on, the values of variables
# whose names look like secrets are redacted in the kernel (the name stays,
# the value is "<redacted>"), in successful execs, failures with a bprm
# (the kernel's copy) and failures before one (the caller's pointers); the
# default list is in force from load, execmonctl changes it, and where the
# marker does not fit in env-max the variable goes and the vector is cut.
. /tests/lib.sh
out=/tmp/redact.json
printf 'garbage, no #!\n' > /tmp/enoexec
chmod +x /tmp/enoexec
secret=s3cr3t-Value
execmonctl status | grep -q '^redact: \*TOKEN\*,.*AWS_\*' || fail "status: no default list: $(execmonctl status)"
start_reader "$out" --format json
execmonctl set env on || fail "set env on"
/usr/bin/env -i GITHUB_TOKEN=$secret api_key=$secret DB_PASSWORD= AWS_REGION=$secret \
	HOME=/root OLDPWD=/x PWD=/ /usr/bin/true redact-exec
/usr/bin/env -i X=1 GITHUB_TOKEN=$secret /nonexistent/x redact-enoent 2>/dev/null
/usr/bin/env -i X=1 GITHUB_TOKEN=$secret /tmp/enoexec redact-enoexec 2>/dev/null
execmonctl set redact -'*KEY*' || fail "set redact -*KEY*"
/usr/bin/env -i api_key=visible GITHUB_TOKEN=$secret /usr/bin/true redact-less
execmonctl set redact +API_KEY || fail "set redact +API_KEY"
/usr/bin/env -i api_key=$secret /usr/bin/true redact-plus
# "A=1" is 4 bytes with its NUL; "GITHUB_TOKEN=<redacted>" 24: in 20 only A
execmonctl set env-max 20 || fail "set env-max 20"
/usr/bin/env -i A=1 GITHUB_TOKEN=$secret /usr/bin/true redact-nofit
# cut inside the value: the marker still fits (13 + 11 bytes in 30)
execmonctl set env-max 30 || fail "set env-max 30"
/usr/bin/env -i A=1 GITHUB_TOKEN=${secret}${secret}${secret} B=2 /usr/bin/true redact-cutvalue
execmonctl set env-max 4096 || fail "set env-max 4096"
execmonctl set redact none || fail "set redact none"
/usr/bin/env -i GITHUB_TOKEN=shown /usr/bin/true redact-none
execmonctl set redact default && execmonctl set env off || fail "reset"
stop_reader

ev_of() { events $out ".args.argv[1]? == \"$1\" or .args.arguments[1]? == \"$1\""; }
expect_eq "exec" "$(ev_of redact-exec | jq -c .args.env)" \
	'["GITHUB_TOKEN=<redacted>","api_key=<redacted>","DB_PASSWORD=<redacted>","AWS_REGION=<redacted>","HOME=/root","OLDPWD=/x","PWD=/"]'
expect_eq "ENOENT (the caller's pointers)" "$(ev_of redact-enoent | jq -c .args.environment)" \
	'["X=1","GITHUB_TOKEN=<redacted>"]'
expect_eq "ENOEXEC (the kernel's copy)" "$(ev_of redact-enoexec | jq -c .args.environment)" \
	'["X=1","GITHUB_TOKEN=<redacted>"]'
expect_eq "without *KEY*" "$(ev_of redact-less | jq -c .args.env)" '["api_key=visible","GITHUB_TOKEN=<redacted>"]'
expect_eq "with API_KEY" "$(ev_of redact-plus | jq -c .args.env)" '["api_key=<redacted>"]'
ev=$(ev_of redact-nofit)
expect_eq "no room for the marker" "$(echo "$ev" | jq -c '[.args.env, .args.envc, .args.env_truncated]')" '[["A=1"],2,true]'
ev=$(ev_of redact-cutvalue)
expect_eq "a cut value" "$(echo "$ev" | jq -c '[.args.env, .args.envc, .args.env_truncated]')" \
	'[["A=1","GITHUB_TOKEN=<redacted>"],3,true]'
expect_eq "redact none" "$(ev_of redact-none | jq -c .args.env)" '["GITHUB_TOKEN=shown"]'
# in the environments, that is: env's own argv has it, as the caller wrote it
jq -r '.args.env[]?, .args.environment[]?' $out | grep "$secret" &&
	fail "a redacted value reached an environment"
execmonctl status | grep -q '^redact: \*TOKEN\*,' || fail "the default list is not back"
exit 0
