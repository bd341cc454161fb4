# funclen.awk - the function length check of `make lint` (tests/lint.sh
# runs it; README.md says how to name an exception).
#
# usage: awk -v limit=80 -f tests/funclen.awk FILE...
#
# A function is what this codebase's style makes of one: its signature,
# then `{` at column 0, the body, and `}` at column 0. Its length is the
# lines from that `{` to that `}`, both included; the signature above the
# `{` is not counted, so a long parameter list costs nothing. Its name is
# the word before the first `(` of the signature: the lines above the `{`
# back to a blank line, a line ending in `;` or `*/`, a comment line, a
# preprocessor line or a `}` at column 0. A `{` at column 0 whose
# signature has no `(`, or has an `=` (an initializer), is not a function.
#
# For each function over the limit and not excepted it prints
#   FILE:LINE: function NAME is N lines (limit LIMIT)
# where LINE is the line of the name, and it exits 1 if it printed any.
# Exceptions come from the environment variable LINT_LONG_FUNCS (the
# Makefile exports it): one `FILE:FUNCTION  # reason` a line, FILE as on
# the command line (src/load.c). An exception that names no function, or
# a function within the limit, is reported too: the list must not outlive
# its reasons.

BEGIN {
	if (limit == "")
		limit = 80
	bad = 0
	n_ex = split(ENVIRON["LINT_LONG_FUNCS"], ex_lines, "\n")
	for (i = 1; i <= n_ex; i++) {
		e = ex_lines[i]
		sub(/#.*/, "", e)
		gsub(/[ \t]+/, "", e)
		if (e != "" && !(e in excepted)) {
			excepted[e] = -1	# -1: not seen yet, else its length
			order[++n_order] = e
		}
	}
}

FNR == 1 { infn = 0; sig = ""; sigline = 0 }

# Inside a function only its closing brace matters.
infn {
	if ($0 ~ /^}/) {
		len = FNR - start + 1
		key = FILENAME ":" name
		if (key in excepted)
			excepted[key] = len
		else if (len > limit) {
			printf "%s:%d: function %s is %d lines (limit %d)\n",
			    FILENAME, nameline, name, len, limit
			bad = 1
		}
		infn = 0
	}
	next
}

/^{/ {
	if (sig ~ /\(/ && sig !~ /=/) {
		name = sig
		sub(/[ \t]*\(.*/, "", name)		# cut at the first "("
		sub(/.*[^A-Za-z0-9_]/, "", name)	# the last word before it
		nameline = sigline
		start = FNR
		infn = 1
	}
	sig = ""
	next
}

# Outside a function: collect the signature lines above a `{`.
/^[ \t]*$/ || /^#/ || /;[ \t]*$/ || /^}/ || /\*\/[ \t]*$/ ||
/^[ \t]*(\/\*|\*|\/\/)/ {
	sig = ""
	next
}

{
	if (sig == "" || (sig !~ /\(/ && $0 ~ /\(/))
		sigline = FNR	# the name is on the line of the first "("
	sig = sig " " $0
}

END {
	for (i = 1; i <= n_order; i++) {
		key = order[i]
		if (excepted[key] < 0) {
			printf "LINT_LONG_FUNCS: exception %s names no function (remove it)\n", key
			bad = 1
		} else if (excepted[key] <= limit) {
			printf "LINT_LONG_FUNCS: exception %s: the function is %d lines now, within the limit (remove it)\n",
			    key, excepted[key]
			bad = 1
		}
	}
	exit bad
}
