#!/bin/sh
# tests/ref/check_stats.py with a Python that has scipy and numpy (Debian's
# python3-scipy is for /usr/bin/python3, which a python3 earlier in PATH,
# pyenv's say, may not see); no such Python is a failure, not a skip.
# Adds "passed failed" (1 0 or 0 1) to $TS_COUNTS when set.
# usage: sh tests/ref/stats-check.sh DRIVER   (build/san/statsdrv)
here=$(cd "$(dirname "$0")" && pwd)
py=""
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import scipy.stats, numpy' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
	echo "stats: FAILED: no python3 with scipy and numpy (apt-get install python3-scipy)"
	rc=1
else
	"$py" "$here/check_stats.py" "$1" "$here/../../fixtures/thesis/metrics"; rc=$?
	[ $rc -eq 0 ] || echo "stats: FAILED (tests/ref/check_stats.py)"
fi
if [ -n "${TS_COUNTS:-}" ]; then
	if [ $rc -eq 0 ]; then echo "1 0"; else echo "0 1"; fi >> "$TS_COUNTS"
fi
exit $rc
