# Every way into exec: execveat with a dirfd, fexecve, a memfd (fileless),
# a deleted binary, a non-leader thread, vfork, and the failures that come
# before the kernel copies anything (E2BIG, EFAULT).
. /tests/lib.sh
out=/tmp/ways.json
export EXECWAYS_PIDFILE=/tmp/ways.pid
true_real=$(realpath /usr/bin/true)
start_reader "$out" --format json
run() { name=$1; shift; execways "$@" 2>/dev/null; cp $EXECWAYS_PIDFILE /tmp/ways.$name 2>/dev/null; }
run at at /usr/bin true ways-at
run fd fd /usr/bin/true true ways-fd
run memfd memfd /usr/bin/true true ways-memfd
run deleted deleted /usr/bin/true true ways-deleted
run thread thread /usr/bin/true true ways-thread
run vfork vfork /usr/bin/true true ways-vfork
run e2big e2big /usr/bin/true
run efault efault /usr/bin/true
stop_reader

ev() { events $out ".event == \"sched_process_exec\" and .args.argv[1]? == \"$1\""; }
f() { echo "$ev" | jq -r "$1"; }
ev=$(ev ways-at)
case $(f .args.cmdpath) in /dev/fd/[0-9]*/true) ;; *) fail "execveat: cmdpath $(f .args.cmdpath)" ;; esac
expect_eq "execveat: pathname" "$(f .args.pathname)" "$true_real"
ev=$(ev ways-fd)
case $(f .args.cmdpath) in /dev/fd/[0-9]*) ;; *) fail "fexecve: cmdpath $(f .args.cmdpath)" ;; esac
expect_eq "fexecve: pathname" "$(f .args.pathname)" "$true_real"
expect_eq "fexecve: linked" "$(f .args.unlinked)" false
ev=$(ev ways-memfd)
expect_eq "memfd: pathname" "$(f .args.pathname)" "/memfd:payload (deleted)"
expect_eq "memfd: no file on disk" "$(f .args.unlinked)" true
ev=$(ev ways-deleted)
case $(f .args.pathname) in "/tmp/execways-"*" (deleted)") ;; *) fail "deleted: pathname $(f .args.pathname)" ;; esac
expect_eq "deleted: unlinked" "$(f .args.unlinked)" true
ev=$(ev ways-thread)
set -- $(cat /tmp/ways.thread)
[ "$1" != "$2" ] || fail "the exec'ing thread was the leader"
expect_eq "thread: pid is the thread group's" "$(f .pid)" "$1"
expect_eq "thread: tid after exec is the leader's" "$(f .tid)" "$1"
expect_eq "vfork: one event" "$(count $out '.args.argv[1]? == "ways-vfork"')" 1
e=$(events $out '.event == "process_execute_failed" and .return_value == -7')
expect_eq "E2BIG: one event" "$(echo "$e" | grep -c .)" 1
expect_eq "E2BIG: path" "$(echo "$e" | jq -r .args.path)" /usr/bin/true
expect_eq "E2BIG: argc kept" "$(echo "$e" | jq -r .args.argc)" 2
expect_eq "E2BIG: arguments cut and marked" "$(echo "$e" | jq -r .args.arguments_truncated)" true
e=$(events $out '.event == "process_execute_failed" and .return_value == -14')
expect_eq "EFAULT: one event" "$(echo "$e" | grep -c .)" 1
expect_eq "EFAULT: path" "$(echo "$e" | jq -r .args.path)" /usr/bin/true
expect_eq "EFAULT: no arguments" "$(echo "$e" | jq -r '.args.arguments | length')" 0
