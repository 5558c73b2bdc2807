# A failed exec's arguments at the edges of how they are read: more strings
# than one batch of pointers, a pointer array whose NULL is the last word
# before an unmapped page, an argument that runs into an unmapped page (its
# readable part, marked cut), one whose NUL is the last byte before it
# (whole), and argv-max cutting a string.  Which path
# reads them depends on the kernel: the caller's memory when the attempt
# fails before the strings are copied (6.8+: a missing file), else the
# kernel's copy.
. /tests/lib.sh
out=/tmp/edges.json
case $(uname -r) in
6.[0-7].*|[1-5].*) efault_first=1 ;;	# the strings are copied before the open
*) efault_first= ;;
esac

start_reader "$out" --format json
/nonexistent/edges-many $(seq 1 40) 2>/dev/null
execways edge /nonexistent/edges-edge e1 e2
execways cross /nonexistent/edges-cross c1
execways nulend /nonexistent/edges-nulend n1
execmonctl set argv-max 100 || fail "argv-max"
long=$(printf 'x%.0s' $(seq 1 300))
/nonexistent/edges-cut "$long" 2 3 2>/dev/null
execmonctl set argv-max 4096 || fail "argv-max back"
stop_reader

r() { events $out ".event == \"process_execute_failed\" and .args.path == \"$1\""; }

ev=$(r /nonexistent/edges-many)
expect_eq "40 arguments: argc" "$(echo "$ev" | jq .args.argc)" 41
expect_eq "40 arguments: all of them" "$(echo "$ev" | jq -r '.args.arguments[1:] | join(",")')" \
	"$(seq 1 40 | paste -sd,)"
expect_eq "40 arguments: not cut" "$(echo "$ev" | jq .args.arguments_truncated)" null

ev=$(r /nonexistent/edges-edge)
expect_eq "array at a page's end" "$(echo "$ev" | jq -c '[.return_value, .args.argc, .args.arguments, .args.arguments_truncated]')" \
	'[-2,3,["/nonexistent/edges-edge","e1","e2"],null]'

ev=$(r /nonexistent/edges-cross)
want=-2; [ -n "$efault_first" ] && want=-14
expect_eq "string into an unmapped page" "$(echo "$ev" | jq -c '[.return_value, .args.argc, .args.arguments, .args.arguments_truncated]')" \
	"[$want,3,[\"/nonexistent/edges-cross\",\"c1\",\"cross\"],true]"

ev=$(r /nonexistent/edges-nulend)
expect_eq "a NUL that ends a page" "$(echo "$ev" | jq -c '[.return_value, .args.argc, .args.arguments, .args.arguments_truncated]')" \
	'[-2,3,["/nonexistent/edges-nulend","n1","whole"],null]'

ev=$(r /nonexistent/edges-cut)
expect_eq "argv-max: argc" "$(echo "$ev" | jq .args.argc)" 4
expect_eq "argv-max: cut" "$(echo "$ev" | jq .args.arguments_truncated)" true
# argv_max bytes: the path and its NUL, then the start of the long one
expect_eq "argv-max: bytes" "$(echo "$ev" | jq '(.args.arguments | join("") | length) + (.args.arguments | length) - 1')" 100
expect_eq "argv-max: the cut string" "$(echo "$ev" | jq -r '.args.arguments[1]')" "$(printf 'x%.0s' $(seq 1 77))"
for p in many edge cross cut; do
	expect_eq "exactly one event for $p" "$(count $out ".event == \"process_execute_failed\" and .args.path == \"/nonexistent/edges-$p\"")" 1
done
