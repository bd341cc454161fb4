#!/bin/sh
# The LaTeX tables compiled (issue 14): tests/tex/tables.tex \input's the
# table_hardware.tex and table_results.tex of a run over the thesis
# fixture, with --reference and labels holding every LaTeX special
# character, '|' and a newline. pdflatex must compile it without a
# warning, an overfull or underfull box or a missing character, both
# \label's must resolve, and the text of the PDF (pdftotext) must hold
# the numbers rounded as README "Tables" says. pdflatex comes from
# texlive-latex-recommended (booktabs), which `make test` installs: its
# absence is a failure, not a skip.
#
# usage: tests/run-tex.sh TIERSTAT
# Prints "tex: N passed, M failed" (and adds the counts to $TS_COUNTS);
# exits 1 on any failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
pass=0; fail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/tierstat-tex.XXXXXX")
trap '[ -n "${TEX_KEEP:-}" ] || rm -rf "$T"' EXIT INT TERM
# fonts that pdflatex makes on the fly (mktexpk) go here, not into $HOME
export TEXMFVAR="$T/texmf-var"

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "tex: FAILED: $*"; }
check() { # check NAME COMMAND...: the command must succeed
	name=$1; shift
	if "$@" > "$T/check.out" 2>&1; then ok; else bad "$name"; sed 's/^/    /' "$T/check.out" | head -20; fi
}

cp "$top/tests/tex/tables.tex" "$T/"
"$bin" analyze -q --reference nvidia_rtx3060 --figures fig1 --format svg \
	--label "m1_air_mps=M1 _&%#\$ {}~^\\ [x] *y* <a>|b--c" \
	--label "$(printf 'intel_i5_cpu=Intel|i5\nnew line')" \
	"$top/fixtures/thesis/metrics" -o "$T/out" > /dev/null 2> "$T/err"; rc=$?
check "tierstat run: exit 0" test $rc -eq 0
if ! command -v pdflatex > /dev/null; then
	bad "pdflatex is not installed (make deps installs texlive-latex-recommended)"
else
	for pass_nr in 1 2; do   # the second pass resolves \ref
		(cd "$T" && pdflatex -interaction=nonstopmode -halt-on-error tables.tex) > "$T/latex.out" 2>&1; rc=$?
	done
	check "pdflatex: exit 0" test $rc -eq 0
	[ $rc -eq 0 ] || tail -20 "$T/latex.out"
	check "pdflatex: no warning, bad box or missing character" \
		sh -c "! grep -iE 'warning|overfull|underfull|missing character' '$T/tables.log'"
	pdftotext -layout "$T/tables.pdf" - 2> /dev/null | tr -s ' ' > "$T/text"
	for want in "Table 1: Hardware configurations" "See Tables 1 and 2." \
		"AMD Ryzen 5 CPU AMD Ryzen 5 5600X 6-Core Processor 6 16 – 30" \
		"Intel|i5 new line" "&%#\$ {}" "\\ [x] *y* <a>|b--c" \
		"RTX 3060 25 25/25, 100.0 % (86.7–100.0) 0.180 ± 0.020 3400 ± 150 850 ± 110 0.181 ± 0.031 reference" \
		"29/30, 96.7 % (83.3–99.4) 5.10 ± 0.40 2900 ± 100 30.0 ± 2.6 4.89 ± 0.65 28.3× (26.9–29.9)" \
		"45.6× (43.4–47.8)" "15/15, 100 % (80–100) 3.50 ± 0.30 4200 ± 500"; do
		check "the PDF's text holds '$want'" grep -qF -- "$want" "$T/text"
	done
fi
echo "tex: $pass passed, $fail failed"
[ -n "${TS_COUNTS:-}" ] && echo "$pass $fail" >> "$TS_COUNTS"
[ $fail -eq 0 ]
