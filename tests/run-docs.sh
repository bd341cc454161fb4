#!/bin/sh
# run-docs.sh - the man pages, the completions and make install
# (issue 12 item 5). Run from the top of the tree after `make` (the
# Makefile's test-run does). Prints "docs: N passed, M failed", adds
# "N M" to $TS_COUNTS when set, exits 1 on a failure.
top=$(pwd)
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "docs: FAILED: $*"; }
check() { # check NAME COMMAND...: the command must succeed
	name=$1; shift
	if "$@" > "$T/check.out" 2>&1; then ok; else bad "$name"; sed 's/^/    /' "$T/check.out" | head -20; fi
}

# -- 1. the man pages render without a warning -------------------------------
for p in build/man/tierstat.1 build/man/tierstat-metrics.5; do
	MANWIDTH=80 man --warnings -l "$p" > "$T/page" 2> "$T/warn"; rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$T/warn" ] && [ -s "$T/page" ]; then ok
	else bad "$p: man exit $rc, $(head -3 "$T/warn")"; fi
	check "$p: no line over 80 columns" test -z "$(awk 'length > 80' "$T/page")"
	check "$p: no @...@ left" sh -c "! grep -n '@[A-Z]*@' '$p'"
done
ver=$(sed -n 's/^#define TS_VERSION "\(.*\)"/\1/p' src/ts.h)
check "tierstat.1 has the version of src/ts.h" grep -q "^\.TH TIERSTAT 1 \"[0-9-]*\" \"tierstat $ver\"" build/man/tierstat.1

# -- 2. every option everywhere, and no option that is nowhere ---------------
sed -n '/^static const struct option opts\[\] = {/,/^};/s/^[[:space:]]*{ "\([a-z-]*\)".*/\1/p' \
	src/cmd_analyze.c | sort > "$T/opts"
check "opts[] of src/cmd_analyze.c found" test "$(wc -l < "$T/opts")" -ge 20
# the options the man page describes: .B/.BI/.BR lines of tag paragraphs
# (".TP" then the option line) in the OPTIONS section
sed -n '/^\.SH OPTIONS/,/^\.SH /p' templates/man/tierstat.1.in | awk '
	prev == ".TP" { s = $0; while (match(s, /\\-\\-[a-z][a-z\\-]*/)) {
		o = substr(s, RSTART + 4, RLENGTH - 4); gsub(/\\-/, "-", o); print o
		s = substr(s, RSTART + RLENGTH) } }
	{ prev = $0 }' | sort -u > "$T/man"
grep -vx 'version' "$T/man" > "$T/man.analyze"
check "man page options = opts[]" diff -u "$T/opts" "$T/man.analyze"
for o in $(cat "$T/opts"); do
	check "--$o in the bash completion" grep -q -- "--$o\\b" templates/completion/tierstat.bash
	check "--$o in the zsh completion" grep -q -- "--$o[]=[}]" templates/completion/_tierstat
done

# zsh is optional (not in the Makefile's deps): where it is, the file parses
# (its completions were tried by hand in an interactive zsh)
if command -v zsh > /dev/null 2>&1; then
	check "zsh completion parses" zsh -n templates/completion/_tierstat
fi

# -- 3. bash completion ------------------------------------------------------
rm -rf "$T/md" && cp -r fixtures/thesis/metrics "$T/md"
./tierstat analyze -q --figures summary --format svg "$T/md" 2> /dev/null
cat > "$T/comp.bash" <<'BASH'
source templates/completion/tierstat.bash
complete -p tierstat
# t CWORD WORD...: COMPREPLY for the cursor on word CWORD
t() { COMP_CWORD=$1; shift; COMP_WORDS=("$@"); COMPREPLY=(); _tierstat; echo "${COMPREPLY[*]}"; }
t 1 tierstat an
t 1 tierstat -
t 2 tierstat analyze --form
t 2 tierstat analyze --no-
t 3 tierstat analyze --format p
t 3 tierstat analyze --format png,s
t 4 tierstat analyze --format = png,pdf,
t 4 tierstat analyze fixtures/thesis/metrics --label ''
t 3 tierstat analyze --label '' "$MD"
t 4 tierstat analyze "$MD" --reference n
t 6 tierstat analyze -o "$MD" fixtures/thesis/metrics --label i
t 3 tierstat analyze --figures f
t 3 tierstat analyze --figures fig1,s
t 3 tierstat analyze --memory-unit Gi
t 3 tierstat analyze --dpi ''
t 2 tierstat bogus --f
BASH
cat > "$T/comp.want" <<'WANT'
complete -F _tierstat tierstat
analyze
--help --version -h -V
--format
--no-title --no-footnote
png pdf
png,svg
png,pdf,png png,pdf,pdf png,pdf,svg
amd_ryzen5 intel_i5 m1_air nvidia_rtx3060
amd_ryzen5_cpu= intel_i5_cpu= m1_air_mps= nvidia_rtx3060_cuda=
nvidia_rtx3060_cuda
intel_i5_cpu=
fig1_memory_comparison fig2_rtf_comparison fig3_success_rate fig4_relative fig_hardware_summary fig5_memory_timeline fig6_duration_vs_tokens fig7_setting_effect fig1 fig2 fig3 fig4 fig5 fig6 fig7
fig1,summary
GiB


WANT
MD=$T/md bash "$T/comp.bash" > "$T/comp.got" 2>&1
check "bash completion: complete -p and COMPREPLY" diff -u "$T/comp.want" "$T/comp.got"

# -- 4. make install / uninstall: exactly these files ------------------------
make -s install DESTDIR="$T/root" PREFIX=/usr > "$T/inst" 2>&1 || bad "make install: $(tail -3 "$T/inst")"
(cd "$T/root" && find . -type f -o -type l) | sort > "$T/files"
cat > "$T/files.want" <<'FILES'
./usr/bin/tierstat
./usr/share/bash-completion/completions/tierstat
./usr/share/man/man1/tierstat.1
./usr/share/man/man5/tierstat-metrics.5
./usr/share/zsh/site-functions/_tierstat
FILES
check "make install: the files" diff -u "$T/files.want" "$T/files"
check "installed man page is the built one" cmp build/man/tierstat.1 "$T/root/usr/share/man/man1/tierstat.1"
check "installed binary is executable" test -x "$T/root/usr/bin/tierstat"
make -s uninstall DESTDIR="$T/root" PREFIX=/usr > "$T/inst" 2>&1 || bad "make uninstall: $(tail -3 "$T/inst")"
check "make uninstall: no file left" test -z "$(cd "$T/root" && find . -type f -o -type l)"

echo "docs: $pass passed, $fail failed"
[ -n "${TS_COUNTS:-}" ] && echo "$pass $fail" >> "$TS_COUNTS"
[ $fail -eq 0 ]
