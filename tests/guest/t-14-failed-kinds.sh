# Failed execs of every kind (no x bit, a noexec mount, no handler, a missing
# interpreter, ENOTDIR, ELOOP): the errno, and the file when one was opened.
. /tests/lib.sh
out=/tmp/fk.json
mkdir -p /tmp/fk
printf 'not an executable\n\001\002' > /tmp/fk/noexec && chmod +x /tmp/fk/noexec
printf '#!/nonexistent/interpreter\n' > /tmp/fk/badinterp && chmod +x /tmp/fk/badinterp
printf '#!/bin/sh\n' > /tmp/fk/nox && chmod -x /tmp/fk/nox
: > /tmp/fk/file
ln -sf loop2 /tmp/fk/loop1 && ln -sf loop1 /tmp/fk/loop2
mkdir -p /tmp/fk/noexecmnt && mount -t tmpfs -o noexec tmpfs /tmp/fk/noexecmnt || fail "mount noexec"
cp /usr/bin/true /tmp/fk/noexecmnt/true
start_reader "$out" --format json
/tmp/fk/nox fk 2>/dev/null           # EACCES: no x bit
/tmp/fk/noexec fk 2>/dev/null        # ENOEXEC: opened, no handler
/tmp/fk/badinterp fk 2>/dev/null     # ENOENT: the script's interpreter is missing
/tmp/fk/file/sub fk 2>/dev/null      # ENOTDIR
/tmp/fk/loop1 fk 2>/dev/null         # ELOOP
/tmp/fk/noexecmnt/true fk 2>/dev/null  # EACCES: a noexec mount
stop_reader
umount /tmp/fk/noexecmnt

r() { events $out ".event == \"process_execute_failed\" and .args.path == \"$1\""; }
expect_eq "EACCES" "$(r /tmp/fk/nox | jq -r .return_value)" -13
expect_eq "ENOTDIR" "$(r /tmp/fk/file/sub | jq -r .return_value)" -20
expect_eq "ELOOP" "$(r /tmp/fk/loop1 | jq -r .return_value)" -40
expect_eq "noexec mount: EACCES" "$(r /tmp/fk/noexecmnt/true | jq -r .return_value)" -13
ev=$(r /tmp/fk/noexec)
expect_eq "ENOEXEC" "$(echo "$ev" | jq -r .return_value)" -8
set -- $(stat_of_file /tmp/fk/noexec)
expect_eq "ENOEXEC: the opened file" \
	"$(echo "$ev" | jq -r '.args.binary | "\(.path) \(.device_id) \(.inode_number) \(.inode_mode)"') $(jnum "$(raw $out '"path":"/tmp/fk/noexec"')" ctime)" \
	"/tmp/fk/noexec $1 $2 $3 $4"
ev=$(r /tmp/fk/badinterp)
expect_eq "missing interpreter" "$(echo "$ev" | jq -r .return_value)" -2
expect_eq "missing interpreter: interpreter_path" "$(echo "$ev" | jq -r .args.interpreter_path)" /nonexistent/interpreter
expect_eq "missing interpreter: the script was opened" "$(echo "$ev" | jq -r .args.binary.path)" /tmp/fk/badinterp
for p in /tmp/fk/nox /tmp/fk/noexec /tmp/fk/badinterp /tmp/fk/file/sub /tmp/fk/loop1 /tmp/fk/noexecmnt/true; do
	expect_eq "exactly one event for $p" "$(count $out ".event == \"process_execute_failed\" and .args.path == \"$p\"")" 1
done
