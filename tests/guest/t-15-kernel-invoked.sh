# Execs the kernel starts (a usermode helper: modprobe, asked for a driver
# by opening a char device nobody registered) say so, succeeded or failed;
# the shell's own execs do not.
. /tests/lib.sh
out=/tmp/kernel.json
mknod /tmp/nodev c 240 7 || fail "mknod"
ln -sf /usr/bin/busybox /usr/sbin/modprobe	# the helper the kernel runs
start_reader "$out" --format json
cat /tmp/nodev 2>/dev/null                           # the kernel runs /sbin/modprobe
echo /nonexistent/modprobe > /proc/sys/kernel/modprobe
cat /tmp/nodev 2>/dev/null                           # the kernel's exec fails: ENOENT
echo /sbin/modprobe > /proc/sys/kernel/modprobe
/usr/bin/true kernel-not-invoked
stop_reader

ok=$(events $out '.event == "sched_process_exec" and .args.argv[-1]? == "char-major-240-7"')
[ -n "$ok" ] || fail "no modprobe exec for char-major-240-7: $(grep modprobe $out)"
expect_eq "helper: invoked_from_kernel" "$(echo "$ok" | head -n 1 | jq -r .args.invoked_from_kernel)" true
expect_eq "helper: cmdpath" "$(echo "$ok" | head -n 1 | jq -r .args.cmdpath)" /sbin/modprobe
# the helper's own fd 0 and working directory (init's), on RT from its task work too
expect_eq "helper: missing" "$(echo "$ok" | head -n 1 | jq -c '.missing // []')" '[]'
expect_eq "helper: cwd" "$(echo "$ok" | head -n 1 | jq -r .cwd)" /
bad=$(events $out '.event == "process_execute_failed" and .args.path == "/nonexistent/modprobe"')
[ -n "$bad" ] || fail "no failed helper exec"
expect_eq "failed helper: kernel_invoked" "$(echo "$bad" | head -n 1 | jq -r .args.kernel_invoked)" true
expect_eq "failed helper: errno" "$(echo "$bad" | head -n 1 | jq -r .return_value)" -2
expect_eq "failed helper: arguments" "$(echo "$bad" | head -n 1 | jq -r '.args.arguments[-1]')" char-major-240-7
expect_eq "failed helper: missing" "$(echo "$bad" | head -n 1 | jq -c '.missing // []')" '[]'
expect_eq "the shell's exec" \
	"$(events $out '.args.argv[1]? == "kernel-not-invoked"' | jq -r .args.invoked_from_kernel)" false
# init (pid 1) is a kernel thread's child too; its later execs are its own
expect_eq "no user-space exec flagged" \
	"$(count $out '.args.invoked_from_kernel == true and (.args.argv[0] | test("modprobe") | not)')" 0
