#!/bin/sh
# Self-test of `make lint` (tests/lint.sh, tests/funclen.awk): synthetic C
# files with a function of 81 lines, a file of 801 lines and banned calls
# must each be reported with their exact message and a non-zero exit; the
# same things one line shorter, allowed calls and named exceptions must
# pass with exit 0 and no output.
#
# usage: tests/lint-selftest.sh
# Prints "lint-selftest: N passed, M failed", adds "N M" to $TS_COUNTS when
# set (make test), exits 1 on any failure.
set -u
lint="$(cd "$(dirname "$0")" && pwd)/lint.sh"
passed=0; failed=0
T=$(mktemp -d "${TMPDIR:-/tmp}/tierstat-lint.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 1

# fn NAME BODY_LINES: a function whose `{` .. `}` span is BODY_LINES lines,
# with a two-line signature (the name on the second line).
fn() {
	printf 'static int\n%s(int a,\n    int b)\n{\n' "$1"
	i=2
	while [ $i -lt "$2" ]; do echo "	a += b;"; i=$((i + 1)); done
	printf '}\n\n'
}
# lines N: a file of N lines, nothing in it to report.
lines() {
	i=0
	while [ $i -lt "$1" ]; do echo "/* line */"; i=$((i + 1)); done
}

# expect NAME EXIT EXPECTED_OUTPUT FILE...: run tests/lint.sh (with the
# LINT_* environment of the caller) and compare exit status and output.
expect() {
	name=$1; want_rc=$2; want_out=$3; shift 3
	out=$(sh "$lint" "$@" 2>&1); rc=$?
	if [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "lint-selftest: FAILED: $name: exit $rc (expected $want_rc), output:"
		printf '%s\n' "$out" | sed 's/^/    /'
		echo "  expected:"
		printf '%s\n' "$want_out" | sed 's/^/    /'
	fi
}
unset LINT_BUDGETS LINT_LONG_FUNCS

# clean.c: a function of exactly 80 lines, allowed calls whose names
# contain banned ones, a banned name in no call; 800 lines in all.
{
	echo "#include <stdlib.h>"
	fn fits 80
	echo "static double f(const char *s) { return strtod(s, NULL); }"
	echo "static int g(char *b, size_t n) { return snprintf(b, n, \"x\"); }"
	echo "static char *h(char *s, char **p) { return strtok_r(s, \",\", p); }"
	echo "static void (*my_atof)(void); /* atof is banned, my_atof( is not */"
} > clean.c
lines $((800 - $(wc -l < clean.c))) >> clean.c
expect "clean file" 0 "" clean.c

# long.c: a function of 81 lines after one of 80; the name is on line 87.
{ echo "#include <stdlib.h>"; fn short 80; fn too_long 81; } > long.c
expect "81-line function" 1 \
	"long.c:87: function too_long is 81 lines (limit 80)" long.c

# big.c: 801 lines, and 800 lines.
lines 801 > big.c
expect "801-line file" 1 "big.c:801: file is 801 lines (budget 800)" big.c
lines 800 > ok800.c
expect "800-line file" 0 "" ok800.c

# calls.c: atof, and each other banned function once (line 1 + its index).
banned="atof atoi atol sscanf sprintf vsprintf strcpy strncpy strcat strtok gets"
: > calls.c; want=; i=0
for b in $banned; do
	i=$((i + 1))
	echo "	x = $b (p);" >> calls.c
	want="$want${want:+
}calls.c:$i: banned function $b"
done
expect "banned calls" 1 "$want" calls.c
echo "	double x = atof(s);" > atof.c
expect "atof call" 1 "atof.c:1: banned function atof" atof.c

# Everything at once: each offence is reported, in the order of the checks.
expect "all three" 1 "atof.c:1: banned function atof
big.c:801: file is 801 lines (budget 800)
long.c:87: function too_long is 81 lines (limit 80)" atof.c big.c long.c clean.c

# Exceptions: named, they pass; stale, they fail.
LINT_LONG_FUNCS="long.c:too_long  # a reason"
LINT_BUDGETS="big.c:801  # a reason"
export LINT_LONG_FUNCS LINT_BUDGETS
expect "named exceptions" 0 "" long.c big.c
LINT_LONG_FUNCS="long.c:too_long  # a reason
long.c:short  # a stale reason
long.c:gone  # a function that was removed"
LINT_BUDGETS="big.c:801  # a reason
ok800.c:900  # a stale reason"
expect "stale exceptions" 1 "LINT_BUDGETS: budget ok800.c:900: ok800.c is within 800 lines now (remove it)
LINT_LONG_FUNCS: exception long.c:short: the function is 80 lines now, within the limit (remove it)
LINT_LONG_FUNCS: exception long.c:gone names no function (remove it)" \
	long.c big.c ok800.c
unset LINT_BUDGETS LINT_LONG_FUNCS

echo "lint-selftest: $passed passed, $failed failed"
[ -n "${TS_COUNTS:-}" ] && echo "$passed $failed" >> "$TS_COUNTS"
[ $failed -eq 0 ]
