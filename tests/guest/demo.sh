# The demo's workload: load the module, stream events as text to the
# second serial port (the host's terminal), exec a few things, stop.
export PATH=/usr/sbin:/usr/bin
insmod /execmon.ko || exit 1
execmon --format "${EXECMON_DEMO_FORMAT:-text}" > /dev/ttyS1 &
reader=$!
while ! grep -q ' /dev/execmon$' /proc/$reader/maps 2>/dev/null; do sleep 0.1; done
sleep 0.5
/usr/bin/true hello from execmon
cd /usr/bin && ./true a relative path && cd /
sh -c '/usr/bin/env LANG=C /usr/bin/true "an argument with spaces" ""'
printf '#!/bin/sh\nexit 0\n' > /tmp/script.sh && chmod +x /tmp/script.sh && /tmp/script.sh
/no/such/program --flag 2>/dev/null
chmod -x /tmp/script.sh && /tmp/script.sh 2>/dev/null
sleep 0.5
kill -TERM $reader
wait $reader
