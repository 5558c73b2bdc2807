# stdin_type and stdin_path: a file, a pipe, a tty, a socket, closed.
. /tests/lib.sh
out=/tmp/stdin.json
start_reader "$out" --format json
/usr/bin/true stdin-file < /etc/passwd
echo | /usr/bin/true stdin-pipe
echo x | sh -c 'readlink /proc/$$/fd/0 > /tmp/pipe.name; exec /usr/bin/true stdin-pipe2'
/usr/bin/true stdin-closed <&-
/usr/bin/true stdin-tty < /dev/console
EXECWAYS_PIDFILE=/tmp/sock.name execways sock /usr/bin/true true stdin-socket
stop_reader

s() { events $out ".event == \"sched_process_exec\" and .args.argv[1]? == \"$1\"" | jq -r '"\(.args.stdin_type) \(.args.stdin_path)"'; }
expect_eq "file" "$(s stdin-file)" "32768 /etc/passwd"
case $(s stdin-pipe) in "4096 pipe:["*"]") ;; *) fail "pipe: $(s stdin-pipe)" ;; esac
expect_eq "pipe name is the pipe's" "$(s stdin-pipe2)" "4096 $(cat /tmp/pipe.name)"
expect_eq "closed" "$(s stdin-closed)" "0 "
expect_eq "tty" "$(s stdin-tty)" "8192 /dev/console"
expect_eq "socket" "$(s stdin-socket)" "49152 $(cat /tmp/sock.name)"
