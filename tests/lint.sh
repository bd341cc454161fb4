#!/bin/sh
# The checks of `make lint`, over the C files given:
#   1. no banned function is called (the list and its reasons: BANNED below);
#   2. no file is over its line budget: 800 lines, or the one LINT_BUDGETS
#      names for it;
#   3. no function is over 80 lines, unless LINT_LONG_FUNCS names it
#      (tests/funclen.awk says how a function is measured).
# Each offence is one line `FILE:LINE: WHAT`; the exit status is 1 if there
# was any, else 0.
#
# usage: tests/lint.sh FILE...
# Environment (the Makefile exports both from its lists; README.md):
#   LINT_BUDGETS     one `FILE:LINES  # reason` a line
#   LINT_LONG_FUNCS  one `FILE:FUNCTION  # reason` a line
# A budget that is no longer needed (the file is within 800 lines, or is
# not among the files given) is an offence too, like a stale function
# exception: an exception goes when its reason does.
set -u
[ $# -gt 0 ] || { echo "usage: tests/lint.sh FILE..." >&2; exit 2; }
here=$(dirname "$0")
bad=0

# 1. Banned functions: no bound on what they write (sprintf, vsprintf,
# strcpy, strcat, gets), no way to see an error (atoi, atol, atof: "12abc"
# and "" give a number; use strtol/strtod with an end pointer, or
# field.h), hidden state (strtok), both of those (sscanf); strncpy leaves
# the copy unterminated when it is cut and pads with NULs when it is not
# (use snprintf, or memcpy of a length known to fit).
BANNED='atoi|atol|atof|sscanf|sprintf|vsprintf|strcpy|strncpy|strcat|strtok|gets'
hits=$(grep -HnoE "\\b($BANNED)[[:blank:]]*\\(" "$@")
if [ -n "$hits" ]; then
	printf '%s\n' "$hits" | sed 's/^\(.*:[0-9]*\):\([a-z]*\).*/\1: banned function \2/'
	bad=1
fi

# 2. Line budgets.
budgets=$(printf '%s\n' "${LINT_BUDGETS:-}" | sed 's/#.*//; s/[[:blank:]]//g' | grep . || true)
for f in "$@"; do
	n=$(wc -l < "$f")
	b=$(printf '%s\n' "$budgets" | awk -F: -v f="$f" '$1 == f { b = $2 } END { print b + 0 }')
	[ "$b" -gt 0 ] || b=800
	if [ "$n" -gt "$b" ]; then
		echo "$f:$((b + 1)): file is $n lines (budget $b)"
		bad=1
	fi
done
for e in $budgets; do
	f=${e%%:*}; b=${e#*:}
	listed=0
	for g in "$@"; do [ "$g" = "$f" ] && listed=1; done
	if [ $listed -eq 0 ]; then
		echo "LINT_BUDGETS: budget $e names no file checked (remove it)"; bad=1
	elif [ "$(wc -l < "$f")" -le 800 ]; then
		echo "LINT_BUDGETS: budget $e: $f is within 800 lines now (remove it)"; bad=1
	fi
done

# 3. Function lengths.
awk -v limit=80 -f "$here/funclen.awk" "$@" || bad=1

exit $bad
