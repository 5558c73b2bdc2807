# The full path of what ran, however it was named: relative, symlinked,
# found on PATH, a script (interp is the shebang's), a static binary (no
# program interpreter).
. /tests/lib.sh
out=/tmp/paths.json
true_real=$(realpath /usr/bin/true)
ln -sf /usr/bin/true /tmp/link-to-true
printf '#!/bin/sh\nexit 0\n' > /tmp/script.sh
chmod +x /tmp/script.sh
start_reader "$out" --format json
(cd /usr/bin && ./true paths-relative)
/tmp/link-to-true paths-symlink
/usr/bin/env PATH=/nonexistent:/usr/bin true paths-path
(cd /tmp && ./script.sh paths-script)
/usr/bin/busybox true paths-static
stop_reader

# the exec whose last argument is the marker and whose argv[0] is $2
ev() { events $out ".event == \"sched_process_exec\" and .args.argv[-1] == \"$1\" and .args.argv[0] == \"$2\""; }
f() { echo "$ev" | jq -r "$1"; }
ev=$(ev paths-relative ./true)
expect_eq "relative: cmdpath" "$(f .args.cmdpath)" ./true
expect_eq "relative: pathname" "$(f .args.pathname)" "$true_real"
expect_eq "relative: cwd" "$(f .cwd)" /usr/bin
ev=$(ev paths-symlink /tmp/link-to-true)
expect_eq "symlink: cmdpath" "$(f .args.cmdpath)" /tmp/link-to-true
expect_eq "symlink: pathname" "$(f .args.pathname)" "$true_real"
expect_eq "symlink: inode is the target's" "$(f .args.inode)" "$(/usr/bin/stat -L -c %i /tmp/link-to-true)"
ev=$(ev paths-path true)
expect_eq "PATH: cmdpath" "$(f .args.cmdpath)" /usr/bin/true
expect_eq "PATH: pathname" "$(f .args.pathname)" "$true_real"
# the PATH search's miss is a failed exec of its own
expect_eq "PATH: the miss in /nonexistent" \
	"$(count $out '.event == "process_execute_failed" and .args.path == "/nonexistent/true"')" 1
ev=$(ev paths-script /bin/sh)
expect_eq "script: cmdpath" "$(f .args.cmdpath)" ./script.sh
expect_eq "script: interp (the shebang's)" "$(f .args.interp)" /bin/sh
expect_eq "script: pathname (what the kernel loaded)" "$(f .args.pathname)" "$(realpath /bin/sh)"
expect_eq "script: argv" "$(f '.args.argv | tojson')" '["/bin/sh","./script.sh","paths-script"]'
ev=$(ev paths-static /usr/bin/busybox)
expect_eq "static: pathname" "$(f .args.pathname)" "$(realpath /usr/bin/busybox)"
expect_eq "static: no program interpreter" \
	"$(f '"[\(.args.interpreter_pathname)] \(.args.interpreter_dev) \(.args.interpreter_inode)"')" "[] 0 0"
