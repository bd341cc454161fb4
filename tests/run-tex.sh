#!/bin/sh
# What a thesis \input's, compiled (issue 14). tests/tex/thesis.tex
# \input's numbers.tex, captions.tex, table_hardware.tex and
# table_results.tex of a run over the thesis fixture, with --reference
# and labels holding every LaTeX special character, '|' and a newline,
# and uses \tsval in text and in math mode. pdflatex must compile it
# without a warning, an overfull or underfull box or a missing character,
# both \label's must resolve, and the text of the PDF (pdftotext) must
# hold the numbers rounded as README "Tables" says (worked out by hand
# from the pandas reference). tests/tex/unknown.tex must fail, naming the
# unknown \tsval. tests/tex/hangul.tex does the same for a tier whose
# key and label are Hangul, with lualatex and NanumGothic. pdflatex comes
# from texlive-latex-recommended, lualatex from texlive-luatex, the font
# from fonts-nanum, which `make test` installs: their absence is a
# failure, not a skip.
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

cp "$top/tests/tex/"*.tex "$T/"
"$bin" analyze -q --reference nvidia_rtx3060 --figures fig1 --format svg \
	--label "m1_air_mps=M1 _&%#\$ {}~^\\ [x] *y* <a>|b--c" \
	--label "$(printf 'intel_i5_cpu=Intel|i5\nnew line')" \
	"$top/fixtures/thesis/metrics" -o "$T/out" > /dev/null 2> "$T/err"; rc=$?
check "tierstat run: exit 0" test $rc -eq 0
# a folder whose M1 tier is 맥북_에어 (hardware_tier), beside the i5
mkdir -p "$T/ko"
for f in "$top"/fixtures/thesis/metrics/synthesis_m1_air_*.csv "$top"/fixtures/thesis/metrics/synthesis_intel_i5_*.csv; do
	b=$(basename "$f" | sed 's/m1_air/맥북_에어/')
	sed 's/,m1_air,/,맥북_에어,/' "$f" > "$T/ko/$b"
done
"$bin" analyze -q --figures fig1 --format svg --reference intel_i5 "$T/ko" -o "$T/out-ko" > /dev/null 2> "$T/err-ko"; rc=$?
check "tierstat run, Hangul tier: exit 0" test $rc -eq 0

# compile NAME ENGINE: twice (the second pass resolves \ref); rc in $rc
compile() {
	for pass_nr in 1 2; do
		(cd "$T" && $2 -interaction=nonstopmode -halt-on-error "$1.tex") > "$T/$1.out" 2>&1; rc=$?
	done
}
clean_log() { # clean_log NAME: compiled, and no warning, bad box or missing character
	check "$1: exit 0" test $rc -eq 0
	[ $rc -eq 0 ] || tail -20 "$T/$1.out"
	check "$1: no warning, bad box or missing character" \
		sh -c "! grep -iE 'warning|overfull|underfull|missing character' '$T/$1.log'"
}

if ! command -v pdflatex > /dev/null; then
	bad "pdflatex is not installed (make deps installs texlive-latex-recommended)"
else
	compile thesis pdflatex
	clean_log thesis
	pdftotext -layout "$T/thesis.pdf" - 2> /dev/null | tr -s ' ' > "$T/text"
	tr '\n' ' ' < "$T/text" | tr -s ' ' > "$T/line"
	for want in "Table 1: Hardware configurations" "See Tables 1 and 2." \
		"AMD Ryzen 5 CPU AMD Ryzen 5 5600X 6-Core Processor 6 16 – 30" \
		"Intel|i5 new line" "&%#\$ {}" "\\ [x] *y* <a>|b--c" \
		"RTX 3060 25 25/25, 100.0 % (86.7–100.0) 0.180 ± 0.020 3400 ± 150 850 ± 110 0.181 ± 0.031 reference" \
		"29/30, 96.7 % (83.3–99.4) 5.10 ± 0.40 2900 ± 100 30.0 ± 2.6 4.89 ± 0.65 28.3× (26.9–29.9)" \
		"45.6× (43.4–47.8)" "15/15, 100 % (80–100) 3.50 ± 0.30 4200 ± 500"; do
		check "the PDF's text holds '$want'" grep -qF -- "$want" "$T/text"
	done
	# numbers.tex in sentences: text mode, then math mode, and a caption
	for want in "RTX 3060 (CUDA): 0.180 ± 0.020 (5.56× faster than real time)" \
		"the i5 is 45.6 times slower (95 % CI 43.4–47.8); the i5 runs at 0.0220 of its speed." \
		"<a>|b--c: 4.10 ± 0.49 GiB at its peak (n = 15), mean 4200 (95 % CI 3920–4480 MiB), 0 ± 0 ◦ C." \
		"Overall: 98.3 % (118/120 successful, Wilson 95 % CI 94.1–99.5 %) over 4 tiers and 120 requests, errors as SD, reference RTX 3060." \
		"Math: m = 4200 ± 500 MiB, r ∈ [43.4, 47.8], d = 4.89 ± 0.65 s, p = 96.7 % of 30, CI = 29.05–30.99 tokens/s." \
		"Figure 1: Mean peak memory (GiB) of successful requests per hardware tier; error bars show ±1 SD; n = 15–49 per tier."; do
		check "the PDF's text holds '$want'" grep -qF -- "$want" "$T/line"
	done
	# the README's example of numbers.tex prints what the README says
	python3 - "$top/README.md" "$T" <<'PY'
import re, sys
readme, T = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
sec = readme[readme.index("### In-text numbers"):]
body = re.search(r"```latex\n(.*?)```", sec, re.S).group(1)
said = re.search(r'prints "(.*?)" \(`tests', sec, re.S).group(1)
open(T + "/readme.tex", "w", encoding="utf-8").write(
    "\\documentclass{article}\n\\begin{document}\n"
    + body.replace("\\input{numbers}", "\\input{out/numbers}") + "\\end{document}\n")
open(T + "/readme.want", "w", encoding="utf-8").write(" ".join(said.split()) + "\n")
PY
	compile readme pdflatex
	clean_log readme
	pdftotext "$T/readme.pdf" - 2> /dev/null | tr '\n' ' ' | tr -s ' ' > "$T/readme.got"
	check "the README's numbers.tex example prints what the README says" \
		grep -qF -- "$(cat "$T/readme.want")" "$T/readme.got"
	compile unknown pdflatex
	check "an unknown \\tsval name stops LaTeX" test $rc -ne 0
	check "an unknown \\tsval name is named in the log" \
		grep -qF "! Package tierstat Error: No value \`rtf.meen' of \`m1_air_mps' in numbers.tex." "$T/unknown.log"
fi
if ! command -v lualatex > /dev/null; then
	bad "lualatex is not installed (make deps installs texlive-luatex)"
else
	compile hangul lualatex
	clean_log hangul
	pdftotext -layout "$T/hangul.pdf" - 2> /dev/null | tr '\n' ' ' | tr -s ' ' > "$T/line-ko"
	for want in "맥북_에어_mps MPS Apple M1 8 8 – 15" \
		"맥북_에어_mps 15 15/15, 100 % (80–100) 3.50 ± 0.30 4200 ± 500 43.4 ± 4.3 3.43 ± 0.71 0.427× (0.406–0.449)" \
		"맥북_에어_mps: 4.10 ± 0.49 GiB, r = 3.50 ± 0.30, 15/15." \
		"Figure 1: Mean peak memory (GiB) of successful requests per hardware tier"; do
		check "the LuaLaTeX PDF's text holds '$want'" grep -qF -- "$want" "$T/line-ko"
	done
fi
echo "tex: $pass passed, $fail failed"
[ -n "${TS_COUNTS:-}" ] && echo "$pass $fail" >> "$TS_COUNTS"
[ $fail -eq 0 ]
