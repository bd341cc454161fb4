#!/bin/sh
# Run every cmocka binary given; print each group's summary and a total.
# Exit 1 if any failed.
fail=0; passed=0; failed=0
# A comma-decimal locale of our own (test_field checks numbers under it).
LOC=$(mktemp -d "${TMPDIR:-/tmp}/tierstat-locale.XXXXXX")
trap 'rm -rf "$LOC"' EXIT INT TERM
if localedef -i de_DE -f UTF-8 "$LOC/de_DE.UTF-8" < /dev/null > /dev/null 2>&1; then
	export LOCPATH="$LOC"
fi
for t in "$@"; do
	out=$("$t" 2>&1); rc=$?
	printf '%s\n' "$out" | grep -E '^\[  (PASSED|FAILED) \]|^\[  FAILED  \]|^\[ RUN|ERROR|Sanitizer|runtime error' | grep -v '^\[ RUN' 
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
	if [ $rc -ne 0 ]; then
		fail=1
		[ -n "$f" ] || { failed=$((failed + 1)); printf '%s\n' "$out" | tail -30; }
		echo "unit: $t FAILED (exit $rc)"
	fi
done
echo "unit: $passed passed, $failed failed"
[ -n "${TS_COUNTS:-}" ] && echo "$passed $failed" >> "$TS_COUNTS"
exit $fail
