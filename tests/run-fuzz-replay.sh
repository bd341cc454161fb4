#!/bin/sh
# Replay the fuzz seed corpus and every kept crash through the plain
# sanitized builds of the fuzz targets (make test; see tests/fuzz).
#
# usage: tests/run-fuzz-replay.sh build/fuzz/replay_TARGET...
# Each binary gets tests/fuzz/corpus/TARGET/* and tests/fuzz/crashes/TARGET/*
# (one process per directory). Prints "fuzz replay: N passed, M failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0; fail=0
for bin in "$@"; do
	t=$(basename "$bin"); t=${t#replay_}
	for dir in "$top/tests/fuzz/corpus/$t" "$top/tests/fuzz/crashes/$t"; do
		[ -d "$dir" ] || continue
		set -- "$dir"/*
		[ -e "$1" ] || continue
		if "$bin" "$@" > /dev/null 2> "${TMPDIR:-/tmp}/replay.$$"; then pass=$((pass + 1))
		else fail=$((fail + 1)); echo "fuzz replay: FAILED: $t over ${dir#$top/}"; tail -30 "${TMPDIR:-/tmp}/replay.$$" | sed 's/^/    /'; fi
	done
done
rm -f "${TMPDIR:-/tmp}/replay.$$"
echo "fuzz replay: $pass passed, $fail failed"
[ -n "${TS_COUNTS:-}" ] && echo "$pass $fail" >> "$TS_COUNTS"
[ $fail -eq 0 ]
