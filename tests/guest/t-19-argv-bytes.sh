# argv round-trips exactly, through the module and both formats: empty
# strings, spaces, quotes, a newline, a terminal escape, a backslash, and a
# byte that is not UTF-8 (JSON carries it as \udcff), for a successful and a
# failed exec.
. /tests/lib.sh
out=/tmp/bytes.json
nl='
'
esc=$(printf '\033[2J')
ff=$(printf '\377')
start_reader "$out" --format json
/usr/bin/true bytes-ok "" "a b" 'q"' "x${nl}y" "$esc" 'back\slash' "$ff" "é"
/nonexistent/bytes-failed "" "x${nl}y" "$ff" 2>/dev/null
stop_reader
want='"argv":["/usr/bin/true","bytes-ok","","a b","q\"","x\ny","\u001b[2J","back\\slash","\udcff","é"],"argc":10'
raw "$out" '"bytes-ok"' | grep -qF "$want" || fail "exec argv: $(raw "$out" '"bytes-ok"')"
want='"arguments":["/nonexistent/bytes-failed","","x\ny","\udcff"],"argc":4'
raw "$out" '"/nonexistent/bytes-failed"' | grep -qF "$want" || fail "failed arguments: $(raw "$out" 'bytes-failed')"
expect_eq "one line per event" "$(grep -c 'bytes-ok' $out)" 1
