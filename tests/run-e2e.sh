#!/bin/sh
# End-to-end tests of the built binary: help text, usage errors, the
# thesis fixture against the pandas reference, generated folders against
# the independent reference (tests/ref), reproducible bytes, a comma-decimal
# locale, and the golden cases under tests/golden/<case>/.
#
# usage: tests/run-e2e.sh TIERSTAT [TIERSTAT...]   (each binary gets every test)
# A golden case is a folder holding:
#   in/        the metrics folder (copied to a temporary folder first)
#   args       optional: extra arguments after METRICS_DIR
#   exit       the expected exit status
#   stderr     the expected diagnostics ($IN stands for the metrics folder)
#   expected.json  optional: compared with tests/ref/compare.py
#   stderr.san, exit.san, expected.san.json  optional: what the sanitized
#              build (record cap 4096) gives instead, where that differs
#   setup      optional: `sh setup IN_DIR`, run in the case folder after
#              in/ is copied, to make what git cannot hold (FIFOs, links,
#              unreadable files, big generated files, a pre-filled out/);
#              a background process it starts writes its pid to ../bg.pid
#              (killed after the run)
#   as_nobody  optional marker: run tierstat as uid/gid 65534 (root reads
#              mode-000 files)
#   ulimit_n   optional: open-file limit for the run (e.g. 256)
#   timeout    optional: seconds before the run counts as a hang (60)
#   release_only  optional marker: not run with the sanitized binary
#   preload    optional: KEY=VALUE lines for tests/inject/faultio.so, which
#              is LD_PRELOADed (release binary only: skipped for *san*)
# After every case: the exit status agrees with the severities on stderr
# (0: no warning or error line; 1: at least one), nothing outside out/ was
# created or removed, no .tierstat-* temporary file is left in out/,
# out/hardware_metadata.json
# (when present) is strict JSON, for a preload case with exit 2 the
# files already in out/ are byte for byte as they were, and (cases with
# no setup, preload or as_nobody) a second run with the CSV fast path off,
# TIERSTAT_CSV_FAST=0, says the same and writes the same bytes.
# Environment: E2E_GOLDEN=DIR runs the cases of DIR instead of tests/golden
# (tests/golden-pending holds cases tierstat does not pass yet);
# E2E_CASES="a b" runs only those cases; E2E_ONLY_GOLDEN=1 skips the rest.
# Prints "e2e: N passed, M failed" and exits 1 on any failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
ref="$top/tests/ref"
pass=0; fail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/tierstat-e2e.XXXXXX")
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT INT TERM

# a Python with scipy and numpy, for tests/ref/intervals.py (Debian's
# python3-scipy is /usr/bin/python3's; a pyenv python3 first in PATH may
# lack it): none is a failure of the checks that need it, not a skip
pysci=false
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import scipy.stats, numpy' 2>/dev/null; then pysci=$p; break; fi
done

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "e2e: FAILED: $*"; }
check() { # check NAME COMMAND...: the command must succeed
	name=$1; shift
	if "$@" > "$T/check.out" 2>&1; then ok; else bad "$name"; sed 's/^/    /' "$T/check.out" | head -20; fi
}

# sev_agrees EXIT STDERR_FILE: exit 0 and no line "tierstat: ...: warning: "
# or "...: error: ", or exit 1 and at least one such line; exit 2 (or any
# other) goes with anything.
sev_agrees() {
	case $1 in
	0) ! grep -E '^tierstat: (.*: )?(warning|error): ' "$2" ;;
	1) grep -Eq '^tierstat: (.*: )?(warning|error): ' "$2" || { echo "exit 1, but only these lines:"; cat "$2"; false; } ;;
	esac
}

# golden_case LABEL BINARY CASE_DIR: run one golden case (see the header).
golden_case() {
	b=$1; gbin=$2; c=$(cd "$3" && pwd)
	cname=$(basename "$c")
	san=0
	case "$b" in *san*) san=1 ;; esac
	if [ -f "$c/as_nobody" ] && [ "$(id -u)" != 0 ]; then
		return 0   # setpriv needs root; a non-root user cannot read mode 000 anyway
	fi
	[ -f "$c/release_only" ] && [ $san -eq 1 ] && return 0   # e.g. 17 MiB read 7 bytes at a time
	if [ -f "$c/preload" ]; then
		[ $san -eq 1 ] && return 0   # ASan and LD_PRELOAD do not mix
		if [ ! -f "$top/build/inject/faultio.so" ]; then
			bad "$b golden $cname: build/inject/faultio.so not built"; return 0
		fi
	fi
	[ -d "$T/case" ] && chmod -R u+rwx "$T/case" 2>/dev/null
	rm -rf "$T/case" "$T/case.stderr" "$T/outside" && mkdir -p "$T/case"
	cp -r "$c/in" "$T/case/in"
	if [ -f "$c/as_nobody" ]; then
		chmod 755 "$T"; chmod 777 "$T/case"; chmod -R a+rwX "$T/case/in"
	fi
	if [ -f "$c/setup" ] && ! (cd "$T/case" && sh "$c/setup" "$T/case/in") > "$T/setup.out" 2>&1; then
		bad "$b golden $cname: setup failed"; sed 's/^/    /' "$T/setup.out" | head -20
	fi
	(cd "$T/case" && find . -path ./out -prune -o -printf '%y %p\n' | LC_ALL=C sort) > "$T/list.before"
	[ -d "$T/case/out" ] && (cd "$T/case/out" && find . -type f -exec md5sum {} + | LC_ALL=C sort) > "$T/out.before"
	args=$(cat "$c/args" 2>/dev/null || true)
	lim=$(cat "$c/ulimit_n" 2>/dev/null || echo "")
	to=$(cat "$c/timeout" 2>/dev/null || echo 60)
	pre=; [ -f "$c/preload" ] && pre="$(tr '\n' ' ' < "$c/preload") LD_PRELOAD=$top/build/inject/faultio.so"
	who=; [ -f "$c/as_nobody" ] && who="setpriv --reuid=65534 --regid=65534 --clear-groups"
	# shellcheck disable=SC2086
	(cd "$T/case" && { [ -z "$lim" ] || ulimit -n "$lim"; } &&
	 exec env $pre timeout -k 5 "$to" $who "$gbin" analyze in -o out -q $args) > /dev/null 2> "$T/case.stderr"; rc=$?
	if [ -f "$T/bg.pid" ]; then kill "$(cat "$T/bg.pid")" 2>/dev/null; rm -f "$T/bg.pid"; fi
	want=$(cat "$c/exit")
	wanterr=$c/stderr
	if [ $san -eq 1 ]; then
		[ -f "$c/exit.san" ] && want=$(cat "$c/exit.san")
		[ -f "$c/stderr.san" ] && wanterr=$c/stderr.san
	fi
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then bad "$b golden $cname: hang (killed after ${to}s)"
	elif [ "$rc" != "$want" ]; then bad "$b golden $cname: exit $rc, expected $want"; sed 's/^/    /' "$T/case.stderr" | head -40
	else ok; fi
	check "$b golden $cname stderr" diff -u "$wanterr" "$T/case.stderr"
	# the exit status follows the severities printed (METRICS.md 7), in
	# what tierstat did and in what the case expects
	check "$b golden $cname: exit $rc agrees with the severities printed" sev_agrees "$rc" "$T/case.stderr"
	check "$b golden $cname: expected exit $want agrees with the expected stderr" sev_agrees "$want" "$wanterr"
	(cd "$T/case" && find . -path ./out -prune -o -printf '%y %p\n' | LC_ALL=C sort) > "$T/list.after"
	check "$b golden $cname: nothing written outside out/" diff -u "$T/list.before" "$T/list.after"
	if [ -d "$T/case/out" ]; then
		check "$b golden $cname: no temporary file left" sh -c "! ls -a '$T/case/out' | grep -q '^\.tierstat-'"
	fi
	if [ -f "$T/case/out/hardware_metadata.json" ]; then
		check "$b golden $cname: strict JSON" python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"), parse_constant=lambda c: sys.exit(1))' "$T/case/out/hardware_metadata.json"
	fi
	if [ -f "$c/preload" ] && [ "$want" = 2 ] && [ -f "$T/out.before" ]; then
		(cd "$T/case/out" && find . -type f -exec md5sum {} + | LC_ALL=C sort) > "$T/out.after"
		check "$b golden $cname: previous outputs untouched" diff -u "$T/out.before" "$T/out.after"
	fi
	rm -f "$T/out.before"
	# the same case with the CSV fast path off (libcsv alone): the same
	# messages and the same bytes in every output (not for cases whose
	# setup or preload makes each run differ)
	if [ ! -f "$c/setup" ] && [ ! -f "$c/preload" ] && [ ! -f "$c/as_nobody" ] && [ -d "$T/case/out" ]; then
		# shellcheck disable=SC2086
		(cd "$T/case" && exec env TIERSTAT_CSV_FAST=0 timeout -k 5 "$to" "$gbin" analyze in -o out0 -q $args) \
			> /dev/null 2> "$T/case0.stderr"
		sed 's|out0|out|g' "$T/case0.stderr" > "$T/case0.stderr.n"
		check "$b golden $cname: the same messages without the CSV fast path" diff -u "$T/case.stderr" "$T/case0.stderr.n"
		check "$b golden $cname: the same outputs without the CSV fast path" diff -r "$T/case/out" "$T/case/out0"
	fi
	wantjson=$c/expected.json
	[ $san -eq 1 ] && [ -f "$c/expected.san.json" ] && wantjson=$c/expected.san.json
	if [ -f "$wantjson" ]; then
		check "$b golden $cname numbers" python3 "$ref/compare.py" "$T/case/out/hardware_metadata.json" "$wantjson"
	fi
}

# Every run over the thesis fixture says this: its mean RTFs span 46x, so
# fig2 draws them on a log axis (issue 12 item 6). only_lognote FILE: the
# file holds that line and nothing else.
LOGNOTE="tierstat: note: 'fig2_rtf_comparison': the mean RTFs span 46x (0.180 to 8.20), more than 30x: drawn on a log axis (--log-rtf asks for one, --linear-rtf for a linear axis)"
only_lognote() { test "$(cat "$1")" = "$LOGNOTE"; }

# A de_DE.UTF-8 locale of our own (LOCPATH), for the comma-decimal test.
LOC="$T/locale"
mkdir -p "$LOC"
localedef -i de_DE -f UTF-8 "$LOC/de_DE.UTF-8" < /dev/null > /dev/null 2>&1 || LOC=

for bin in "$@"; do
	b=$bin
	bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

	if [ -z "${E2E_ONLY_GOLDEN:-}" ]; then
		# -- help and usage --------------------------------------------------
		"$bin" --help > "$T/help" 2>&1; rc=$?
		check "$b --help text" diff -u "$top/tests/golden/help/main.txt" "$T/help"
		check "$b --help exit" test $rc -eq 0
		"$bin" analyze --help > "$T/help" 2>&1
		check "$b analyze --help text" diff -u "$top/tests/golden/help/analyze.txt" "$T/help"
		"$bin" --version > "$T/v" 2>&1
		check "$b --version" test "$(sed -n 1p "$T/v")" = "tierstat $(sed -n 's/^#define TS_VERSION "\(.*\)"/\1/p' "$top/src/ts.h")"
		check "$b --version licence" test "$(sed 1d "$T/v")" = "License GPL-3.0-or-later <https://gnu.org/licenses/gpl.html>
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law."
		while IFS='|' read -r args want; do
			# shellcheck disable=SC2086
			"$bin" $args > "$T/out" 2> "$T/err"; rc=$?
			if [ $rc -eq 2 ] && [ "$(head -1 "$T/err")" = "$want" ] && [ ! -s "$T/out" ]; then ok
			else bad "$b $args: exit $rc, stderr: $(head -1 "$T/err")"; fi
		done <<'CASES'
|tierstat: no command given (try 'tierstat analyze METRICS_DIR')
frobnicate|tierstat: unknown command 'frobnicate'
--frob|tierstat: unknown option '--frob'
analyze|tierstat: analyze: no metrics folder given
analyze --frob x|tierstat: analyze: unknown option '--frob'
analyze a b|tierstat: analyze: one metrics folder expected, got 'b' too
analyze -o|tierstat: analyze: option '-o' needs a value
analyze x --output|tierstat: analyze: option '--output' needs a value
analyze x --out|tierstat: analyze: option '--output' needs a value
analyze x --dpi|tierstat: analyze: option '--dpi' needs a value
analyze -qo|tierstat: analyze: option '-o' needs a value
analyze --grayscale=1 x|tierstat: analyze: option '--grayscale' doesn't allow an argument
analyze --gray=1 x|tierstat: analyze: option '--grayscale' doesn't allow an argument
analyze --quiet=1 x|tierstat: analyze: option '--quiet' doesn't allow an argument
analyze --timing=x x|tierstat: analyze: option '--timing' doesn't allow an argument
analyze --help=x x|tierstat: analyze: option '--help' doesn't allow an argument
analyze --help= x|tierstat: analyze: option '--help' doesn't allow an argument
--help=x|tierstat: option '--help' doesn't allow an argument
--version=x|tierstat: option '--version' doesn't allow an argument
--vers=1|tierstat: option '--version' doesn't allow an argument
analyze --f png x|tierstat: analyze: option '--f' is ambiguous (--format, --font-size, --font, --figures)
analyze --fo=1 x|tierstat: analyze: option '--fo' is ambiguous (--format, --font-size, --font)
analyze --frob=1 x|tierstat: analyze: unknown option '--frob=1'
analyze -x x|tierstat: analyze: unknown option '-x'
analyze -qx x|tierstat: analyze: unknown option '-x'
analyze --timing -xq x|tierstat: analyze: unknown option '-x'
-x|tierstat: unknown option '-x'
analyze --width 6.3 x|tierstat: analyze: --width '6.3': a length needs a unit: 6.3in, 6.3cm, 6.3mm or 6.3pt
analyze --height 10 x|tierstat: analyze: --height '10': a length needs a unit: 10in, 10cm, 10mm or 10pt
analyze --width 201in x|tierstat: analyze: --width '201in': expected at most 200in (14400pt)
analyze --height 14401pt x|tierstat: analyze: --height '14401pt': expected at most 200in (14400pt)
analyze --width 0in x|tierstat: analyze: --width '0in': expected a length such as 6.3in, 16cm, 160mm or 450pt
analyze --width 6.3furlongs x|tierstat: analyze: --width '6.3furlongs': expected a length such as 6.3in, 16cm, 160mm or 450pt
analyze --width= x|tierstat: analyze: --width '': expected a length such as 6.3in, 16cm, 160mm or 450pt
analyze --dpi 0 x|tierstat: analyze: --dpi '0': expected a number from 1 to 2400
analyze --dpi 0.99 x|tierstat: analyze: --dpi '0.99': expected a number from 1 to 2400
analyze --dpi 2401 x|tierstat: analyze: --dpi '2401': expected a number from 1 to 2400
analyze --dpi -3 x|tierstat: analyze: --dpi '-3': expected a number from 1 to 2400
analyze --dpi nan x|tierstat: analyze: --dpi 'nan': expected a number from 1 to 2400
analyze --dpi 300dpi x|tierstat: analyze: --dpi '300dpi': expected a number from 1 to 2400
analyze --font-size 0.5 x|tierstat: analyze: --font-size '0.5': expected points from 4 to 72
analyze --font-size 3.99 x|tierstat: analyze: --font-size '3.99': expected points from 4 to 72
analyze --font-size 100 x|tierstat: analyze: --font-size '100': expected points from 4 to 72
analyze --font-size 72.5 x|tierstat: analyze: --font-size '72.5': expected points from 4 to 72
analyze --font-size 9pt x|tierstat: analyze: --font-size '9pt': expected points from 4 to 72
analyze --font-size inf x|tierstat: analyze: --font-size 'inf': expected points from 4 to 72
analyze --label nokey x|tierstat: analyze: --label 'nokey': expected KEY=TEXT
analyze --label m1_air_mps= x|tierstat: analyze: --label 'm1_air_mps=': the label is empty
analyze --output= x|tierstat: analyze: --output '': expected a folder
analyze --db= x|tierstat: analyze: --db '': expected a file
analyze --font= x|tierstat: analyze: --font '': expected a font family
analyze --format png,gif x|tierstat: analyze: --format 'png,gif': expected a list of png, pdf, svg
analyze --reference= x|tierstat: analyze: --reference '': expected a tier key, label or file-name tier
analyze --warmup -1 x|tierstat: analyze: --warmup '-1': expected a whole number of requests, 0 or more
analyze --warmup 1.5 x|tierstat: analyze: --warmup '1.5': expected a whole number of requests, 0 or more
analyze --warmup +1 x|tierstat: analyze: --warmup '+1': expected a whole number of requests, 0 or more
analyze --warmup= x|tierstat: analyze: --warmup '': expected a whole number of requests, 0 or more
analyze --warmup 99999999999999999999 x|tierstat: analyze: --warmup '99999999999999999999': expected a whole number of requests, 0 or more
analyze --no-title=1 x|tierstat: analyze: option '--no-title' doesn't allow an argument
analyze --no-t=1 x|tierstat: analyze: option '--no-title' doesn't allow an argument
analyze --no-footnote=x x|tierstat: analyze: option '--no-footnote' doesn't allow an argument
analyze --log-rtf=1 x|tierstat: analyze: option '--log-rtf' doesn't allow an argument
analyze --linear-rtf= x|tierstat: analyze: option '--linear-rtf' doesn't allow an argument
analyze --no x|tierstat: analyze: option '--no' is ambiguous (--no-title, --no-footnote)
analyze --l x|tierstat: analyze: option '--l' is ambiguous (--label, --log-rtf, --linear-rtf)
analyze x --memory-unit|tierstat: analyze: option '--memory-unit' needs a value
analyze x --figures|tierstat: analyze: option '--figures' needs a value
analyze --memory-unit KB x|tierstat: analyze: --memory-unit 'KB': expected MB, GB, MiB or GiB
analyze --memory-unit mebibytes x|tierstat: analyze: --memory-unit 'mebibytes': expected MB, GB, MiB or GiB
analyze --memory-unit= x|tierstat: analyze: --memory-unit '': expected MB, GB, MiB or GiB
analyze --figures fig9 x|tierstat: analyze: --figures 'fig9': expected a list of fig1_memory_comparison, fig2_rtf_comparison, fig3_success_rate, fig4_relative, fig_hardware_summary, fig5_memory_timeline, fig6_duration_vs_tokens, fig7_setting_effect, timeline (or fig1, fig2, fig3, fig4, summary, fig5, fig6, fig7)
analyze --figures fig4 x|tierstat: analyze: --figures fig4_relative needs --reference TIER (the tier it compares with)
analyze --figures fig7 x|tierstat: analyze: --figures fig7_setting_effect needs --by COLUMN and --baseline VALUE (the setting it compares)
analyze --by quantization_used --figures fig1,fig7 x|tierstat: analyze: --figures fig7_setting_effect needs --by COLUMN and --baseline VALUE (the setting it compares)
analyze --figures fig1, x|tierstat: analyze: --figures 'fig1,': expected a list of fig1_memory_comparison, fig2_rtf_comparison, fig3_success_rate, fig4_relative, fig_hardware_summary, fig5_memory_timeline, fig6_duration_vs_tokens, fig7_setting_effect, timeline (or fig1, fig2, fig3, fig4, summary, fig5, fig6, fig7)
analyze --figures= x|tierstat: analyze: --figures '': expected a list of fig1_memory_comparison, fig2_rtf_comparison, fig3_success_rate, fig4_relative, fig_hardware_summary, fig5_memory_timeline, fig6_duration_vs_tokens, fig7_setting_effect, timeline (or fig1, fig2, fig3, fig4, summary, fig5, fig6, fig7)
analyze --figures fig1.png x|tierstat: analyze: --figures 'fig1.png': expected a list of fig1_memory_comparison, fig2_rtf_comparison, fig3_success_rate, fig4_relative, fig_hardware_summary, fig5_memory_timeline, fig6_duration_vs_tokens, fig7_setting_effect, timeline (or fig1, fig2, fig3, fig4, summary, fig5, fig6, fig7)
analyze --errorbar sem x|tierstat: analyze: --errorbar 'sem': expected sd, se, ci95 or none
analyze --by quant x|tierstat: analyze: --by 'quant': no column 'quant' (columns: quantization_used, torch_compile_used, onnx_used, chunk_length, num_threads, cpu_model, gpu_name, throttle_detected, success, error_message)
analyze --by rtf x|tierstat: analyze: --by 'rtf': no column 'rtf' (columns: quantization_used, torch_compile_used, onnx_used, chunk_length, num_threads, cpu_model, gpu_name, throttle_detected, success, error_message)
analyze --by hardware_tier x|tierstat: analyze: --by 'hardware_tier': no column 'hardware_tier' (columns: quantization_used, torch_compile_used, onnx_used, chunk_length, num_threads, cpu_model, gpu_name, throttle_detected, success, error_message)
analyze --by num_threads, x|tierstat: analyze: --by 'num_threads,': an empty column name (columns: quantization_used, torch_compile_used, onnx_used, chunk_length, num_threads, cpu_model, gpu_name, throttle_detected, success, error_message)
analyze --by= x|tierstat: analyze: --by '': an empty column name (columns: quantization_used, torch_compile_used, onnx_used, chunk_length, num_threads, cpu_model, gpu_name, throttle_detected, success, error_message)
analyze --by onnx_used,onnx_used x|tierstat: analyze: --by 'onnx_used,onnx_used': 'onnx_used' is given twice
analyze --baseline INT8 x|tierstat: analyze: --baseline 'INT8' needs --by COLUMN (the setting it compares)
analyze --by quantization_used --baseline INT8,4 x|tierstat: analyze: --baseline 'INT8,4': more values than the 1 column of --by
analyze --by quantization_used --baseline= x|tierstat: analyze: --baseline '': an empty value (the empty value is written none)
analyze --by quantization_used,num_threads --baseline INT8, x|tierstat: analyze: --baseline 'INT8,': an empty value (the empty value is written none)
analyze --errorbar= x|tierstat: analyze: --errorbar '': expected sd, se, ci95 or none
analyze x --errorbar|tierstat: analyze: option '--errorbar' needs a value
analyze --tables pdf x|tierstat: analyze: --tables 'pdf': expected a list of tex, md, csv, or none
analyze --tables tex, x|tierstat: analyze: --tables 'tex,': expected a list of tex, md, csv, or none
analyze --tables none,md x|tierstat: analyze: --tables 'none,md': expected a list of tex, md, csv, or none
analyze --tables= x|tierstat: analyze: --tables '': expected a list of tex, md, csv, or none
analyze x --tables|tierstat: analyze: option '--tables' needs a value
analyze --t x|tierstat: analyze: option '--t' is ambiguous (--timing, --tables)
analyze --log-rtf --linear-rtf x|tierstat: analyze: --log-rtf and --linear-rtf cannot be used together
analyze --linear-rtf --log-rtf x|tierstat: analyze: --log-rtf and --linear-rtf cannot be used together
analyze /nonexistent/metrics|tierstat: error: cannot open metrics folder '/nonexistent/metrics': No such file or directory
CASES

		# -- sizes that cannot be laid out, PNGs too big: which option to change
		"$bin" analyze -q --font-size 4 "$top/fixtures/thesis/metrics" -o "$T/fs4" > /dev/null 2> "$T/err"; rc=$?
		check "$b --font-size 4 is accepted" test $rc -eq 0
		check "$b --font-size 4: nothing but the log axis note" only_lognote "$T/err"
		rm -rf "$T/fs" "$T/fs1" "$T/big" "$T/full"
		"$bin" analyze -q --font-size 30 "$top/fixtures/thesis/metrics" -o "$T/fs" > "$T/out" 2> "$T/err"; rc=$?
		printf '%s\n' "$LOGNOTE" "tierstat: error: --font-size 30 is too large for a 6.3 in wide figure with 4 tiers (fig2_rtf_comparison, fig3_success_rate: not laid out; 26 pt fits)" \
			"tierstat: error: no output written; the files in '$T/fs' are as they were" > "$T/want"
		check "$b --font-size 30: exit 2" test $rc -eq 2
		check "$b --font-size 30: the option named, no Pango line" diff -u "$T/want" "$T/err"
		check "$b --font-size 30: nothing written" test ! -e "$T/fs/hardware_metadata.json"
		"$bin" analyze -q --font-size 26 "$top/fixtures/thesis/metrics" -o "$T/fs" > /dev/null 2> "$T/err"; rc=$?
		check "$b --font-size 26 does fit" test $rc -eq 0
		check "$b --font-size 26: nothing but the log axis note" only_lognote "$T/err"
		"$bin" analyze -q --width 1in "$top/fixtures/thesis/metrics" -o "$T/fs1" > /dev/null 2> "$T/err"; rc=$?
		check "$b --width 1in: exit 2, --width named" test $rc -eq 2 -a "$(sed -n 2p "$T/err")" = "tierstat: error: --width 1in is too small for 4 tiers at --font-size 9 (fig1_memory_comparison, fig2_rtf_comparison, fig3_success_rate, fig6_duration_vs_tokens, timeline_amd_ryzen5_cpu, timeline_intel_i5_cpu, timeline_m1_air_mps, timeline_nvidia_rtx3060_cuda: not laid out; make --width larger)"
		"$bin" analyze -q --format png --width 200in --dpi 200 "$top/fixtures/thesis/metrics" -o "$T/big" > /dev/null 2> "$T/err"; rc=$?
		check "$b 40000 px: exit 2, not cairo's words" test $rc -eq 2 -a "$(sed -n 2p "$T/err")" = "tierstat: error: cannot draw 'fig1_memory_comparison.png': 40000 x 24722 px at --dpi 200 is more than cairo's 32767 px a side (not written)"
		check "$b 40000 px: no raw cairo message" sh -c "! grep -q 'typically too big' '$T/err'"
		"$bin" analyze -q --format png --width 10.5in --dpi 1000 "$top/fixtures/thesis/metrics" -o "$T/big" > /dev/null 2> "$T/err"; rc=$?
		check "$b 10500 px: a warning, exit 1" test $rc -eq 1 -a "$(sed -n 2p "$T/err")" = "tierstat: warning: 'fig1_memory_comparison.png' is 10500 x 6489 px at --dpi 1000, more than 10000 px a side (drawn, with 22 MB of memory)"
		check "$b 10500 px: written" test -s "$T/big/fig1_memory_comparison.png"

		# -- --warmup larger than a file: a usage error, nothing written ------
		rm -rf "$T/wu"
		"$bin" analyze -q --warmup 15 "$top/fixtures/thesis/metrics" -o "$T/wu" > /dev/null 2> "$T/err"; rc=$?
		check "$b --warmup 15: exit 2" test $rc -eq 2
		check "$b --warmup 15: the file named" test "$(head -1 "$T/err")" = "tierstat: analyze: --warmup 15: synthesis_amd_ryzen5_20251108_162003.csv has only 15 requests (nothing of it would be left)"
		check "$b --warmup 15: nothing written" test ! -e "$T/wu"
		"$bin" analyze -q --warmup 6 "$top/fixtures/thesis/metrics" -o "$T/wu" > /dev/null 2> "$T/err"; rc=$?
		check "$b --warmup 6: accepted" test $rc -eq 0
		check "$b --warmup 6: no message but the log axis note" test "$(cat "$T/err")" = "tierstat: note: 'fig2_rtf_comparison': the mean RTFs span 45x (0.182 to 8.20), more than 30x: drawn on a log axis (--log-rtf asks for one, --linear-rtf for a linear axis)"
		if command -v pdftotext > /dev/null; then
			"$bin" analyze -q --warmup 6 --format pdf --figures fig2 "$top/fixtures/thesis/metrics" -o "$T/wu2" > /dev/null 2>&1
			check "$b --warmup 6: said in the footnote" sh -c "pdftotext '$T/wu2/fig2_rtf_comparison.pdf' - | tr '\n' ' ' | tr -s ' ' | grep -qF 'n = successful requests; the first 6 requests of each synthesis file left out (warm-up).'"
			rm -rf "$T/wu2"
		fi
		python3 "$ref/reference.py" --warmup 6 "$top/fixtures/thesis/metrics" > "$T/expected.json" 2> /dev/null
		check "$b --warmup 6: numbers" python3 "$ref/compare.py" "$T/wu/hardware_metadata.json" "$T/expected.json"
		check "$b --warmup 6: scaling vs scipy linregress" $pysci "$top/tests/check-scaling.py" "$T/wu/hardware_metadata.json" "$top/fixtures/thesis/metrics" --warmup 6

		# -- --reference: ratios against scipy; an unknown tier lists the keys -
		rm -rf "$T/rf"
		"$bin" analyze --reference nvidia_rtx3060 --label nvidia_rtx3060_cuda="RTX 3060" --label intel_i5_cpu="Intel i5" \
			"$top/fixtures/thesis/metrics" -o "$T/rf" > "$T/out" 2> "$T/err"; rc=$?
		check "$b --reference: exit 0" test $rc -eq 0
		check "$b --reference: no message but the log axis note" only_lognote "$T/err"
		check "$b --reference: the report line" grep -qx "Intel i5 vs RTX 3060: RTF 45.6x (95 % CI 43.4-47.8), peak memory 0.840x (0.822-0.858), tokens per second 0.0218x (0.0207-0.0231), duration 44.6x (41.1-48.4)" "$T/out"
		$pysci "$ref/intervals.py" --reference nvidia_rtx3060_cuda "$top/fixtures/thesis/metrics" > "$T/iv.json" 2> /dev/null
		check "$b --reference: ratios vs scipy" python3 "$ref/compare.py" "$T/rf/hardware_metadata.json" "$T/iv.json"
		check "$b --reference: the check value" python3 -c "import json,sys; r=[t for t in json.load(open(sys.argv[1]))['tiers'] if t['key']=='intel_i5_cpu'][0]['relative']['rtf']; sys.exit(not (round(r['ratio'],2)==45.56 and [round(x,2) for x in r['ci95']]==[43.39,47.83] and round(r['df'],1)==31.6))" "$T/rf/hardware_metadata.json"
		check "$b --reference: fig4_relative drawn" test -s "$T/rf/fig4_relative.png" -a -s "$T/rf/fig4_relative.pdf"
		# the data behind every figure, fig4 and the table too, and the run
		# object, read back another way (issue 14 items 4 and 5)
		check "$b --reference: the CSVs hold the JSON's numbers, the run its options and inputs" \
			python3 "$top/tests/check-figdata.py" "$T/rf" "$top/fixtures/thesis/metrics" sd \
			--reference nvidia_rtx3060 --label "nvidia_rtx3060_cuda=RTX 3060" --label "intel_i5_cpu=Intel i5"
		if command -v pdfinfo > /dev/null; then
			check "$b --reference: the PDF's keywords are the version and options" test \
				"$(pdfinfo "$T/rf/fig4_relative.pdf" | sed -n 's/^Keywords: *//p')" = \
				"tierstat $(sed -n 's/^#define TS_VERSION "\(.*\)"/\1/p' "$top/src/ts.h") analyze --reference nvidia_rtx3060 --label 'nvidia_rtx3060_cuda=RTX 3060' --label 'intel_i5_cpu=Intel i5'"
		fi
		if command -v pdftotext > /dev/null; then
			pdftotext "$T/rf/fig4_relative.pdf" - | tr '\n' ' ' | tr -s ' ' > "$T/f4.txt"
			check "$b fig4: the ratios and the reference" sh -c "grep -qF '45.6×' '$T/f4.txt' && grep -qF '28.3×' '$T/f4.txt' && grep -qF '19.4×' '$T/f4.txt' && grep -qw reference '$T/f4.txt'"
			check "$b fig4: the axis says which way is faster" grep -qF "Mean RTF relative to RTX 3060 (log scale; lower is faster)" "$T/f4.txt"
		fi
		"$bin" analyze -q "$top/fixtures/thesis/metrics" -o "$T/rf" > /dev/null 2>&1
		check "$b without --reference: fig4 of the earlier run removed" test ! -e "$T/rf/fig4_relative.png" -a ! -e "$T/rf/fig4_relative.pdf" -a ! -e "$T/rf/fig4_relative.csv"
		rm -rf "$T/rf"
		"$bin" analyze -q --reference nvidia "$top/fixtures/thesis/metrics" -o "$T/rf" > /dev/null 2> "$T/err"; rc=$?
		check "$b --reference nvidia: exit 2, nothing written" test $rc -eq 2 -a ! -e "$T/rf"
		check "$b --reference nvidia: the keys listed" test "$(head -1 "$T/err")" = "tierstat: analyze: --reference: no tier 'nvidia' (tiers: amd_ryzen5_cpu, intel_i5_cpu, m1_air_mps, nvidia_rtx3060_cuda)"
		# --baseline with a value no row has (issue 16): the values that exist
		"$bin" analyze -q --by quantization_used --baseline INT2 "$top/fixtures/thesis/metrics" -o "$T/rf" > /dev/null 2> "$T/err"; rc=$?
		check "$b --baseline INT2: exit 2, nothing written" test $rc -eq 2 -a ! -e "$T/rf"
		check "$b --baseline INT2: the values listed" test "$(head -1 "$T/err")" = "tierstat: analyze: --baseline 'INT2': no row has quantization_used 'INT2' (values: INT4, INT8, none)"
		"$bin" analyze -q --by torch_compile_used,num_threads --baseline TRUE,64 "$top/fixtures/thesis/metrics" -o "$T/rf" > /dev/null 2> "$T/err"; rc=$?
		check "$b --baseline TRUE,64: exit 2, the second column named" test $rc -eq 2 -a ! -e "$T/rf" -a "$(head -1 "$T/err")" = "tierstat: analyze: --baseline 'TRUE,64': no row has num_threads '64' (values: 4, 6, 8, 10)"

		# -- --errorbar: the footnote says it, the JSON records it -----------
		for eb in sd se ci95 none; do
			rm -rf "$T/eb"
			"$bin" analyze -q --errorbar $eb --format pdf --figures fig1,fig3 "$top/fixtures/thesis/metrics" -o "$T/eb" > /dev/null 2> "$T/err"; rc=$?
			check "$b --errorbar $eb: exit 0" test $rc -eq 0
			check "$b --errorbar $eb: in the JSON" python3 -c "import json,sys; sys.exit(json.load(open(sys.argv[1]))['options']['errorbar']!=sys.argv[2])" "$T/eb/hardware_metadata.json" $eb
			check "$b --errorbar $eb: the CSVs' whiskers are the JSON's" python3 "$top/tests/check-figdata.py" "$T/eb" \
				"$top/fixtures/thesis/metrics" $eb --errorbar $eb --format pdf --figures fig1,fig3
			check "$b --errorbar $eb: a CSV for each figure drawn, whatever --format" \
				test "$(cd "$T/eb" && ls fig*.csv | tr '\n' ' ')" = "fig1_memory_comparison.csv fig3_success_rate.csv "
			check "$b --errorbar $eb: the tables read back, as the JSON" python3 "$top/tests/check-tables.py" "$T/eb" $eb
			check "$b --errorbar $eb: numbers.tex, as the JSON" python3 "$top/tests/check-numbers.py" "$T/eb"
			if command -v pdftotext > /dev/null; then
				pdftotext "$T/eb/fig1_memory_comparison.pdf" - | tr '\n' ' ' | tr -s ' ' > "$T/f1.txt"
				pdftotext "$T/eb/fig3_success_rate.pdf" - | tr '\n' ' ' | tr -s ' ' > "$T/f3.txt"
				case $eb in
				sd) w1='Error bars: ±1 SD; n = successful requests.' ;;
				se) w1='Error bars: ±1 standard error of the mean; n = successful requests.' ;;
				ci95) w1='Error bars: 95 % CI of the mean (t); n = successful requests.' ;;
				none) w1='n = successful requests.' ;;
				esac
				check "$b --errorbar $eb: fig1's footnote" grep -qF "$w1" "$T/f1.txt"
				if [ $eb = none ]; then
					check "$b --errorbar none: no word of error bars" sh -c "! grep -q 'rror bars' '$T/f1.txt' '$T/f3.txt'"
				else
					check "$b --errorbar $eb: fig3's Wilson whiskers" grep -qF 'k/n = successful / all requests; error bars: 95 % Wilson interval.' "$T/f3.txt"
				fi
			fi
		done

		# -- captions: captions.md, the SVG's <desc> and the PDF's Subject agree
		rm -rf "$T/cp"
		"$bin" analyze -q --format svg,pdf --reference intel_i5 --label 'intel_i5_cpu=Intel <i5> & "co"_1' \
			"$top/fixtures/thesis/metrics" -o "$T/cp" > /dev/null 2>&1
		check "$b captions: written" test -s "$T/cp/captions.tex" -a -s "$T/cp/captions.md"
		check "$b captions: fig1's words" grep -qF '**`fig1_memory_comparison`**: Mean peak memory (GiB) of successful requests per hardware tier; error bars show ±1 SD; n = 15–49 per tier.' "$T/cp/captions.md"
		check "$b captions: the tex escapes the label" grep -qF 'relative to Intel \textless{}i5\textgreater{} \& "co"\_1'"'"'s' "$T/cp/captions.tex"
		if command -v pdfinfo > /dev/null; then
			check "$b captions: SVG <desc> and PDF Subject are captions.md's" python3 - "$T/cp" <<'PY'
import html, re, subprocess, sys
d = sys.argv[1]
md = open(d + "/captions.md", encoding="utf-8").read()
caps = {m.group(1): re.sub(r"\\(.)", r"\1", m.group(2)) for m in re.finditer(r"\*\*`([^`]+)`\*\*: (.*)", md)}
# fig1-4, the summary, fig5, fig6 and a timeline per thesis tier
assert sorted(caps) == sorted(["fig1_memory_comparison", "fig2_rtf_comparison", "fig3_success_rate",
    "fig4_relative", "fig_hardware_summary", "fig5_memory_timeline", "fig6_duration_vs_tokens",
    "timeline_amd_ryzen5_cpu",
    "timeline_intel_i5_cpu", "timeline_m1_air_mps", "timeline_nvidia_rtx3060_cuda"]), caps.keys()
for name, text in caps.items():
    svg = open(f"{d}/{name}.svg", encoding="utf-8").read()
    desc = re.search(r"<desc>(.*?)</desc>", svg).group(1)
    assert html.unescape(desc) == text, (name, desc, text)
    info = subprocess.run(["pdfinfo", f"{d}/{name}.pdf"], capture_output=True, text=True).stdout
    subj = re.search(r"^Subject: +(.*)$", info, re.M).group(1)
    assert subj == text, (name, subj, text)
PY
		fi
		if command -v pdflatex > /dev/null; then   # captions.tex as a thesis uses it
			printf '%s\n' '\documentclass{article}' '\usepackage[T1]{fontenc}' \
				'\input{captions}' '\begin{document}' \
				'\begin{figure}\caption{\tscaption{fig1_memory_comparison}}\end{figure}' \
				'\begin{figure}\caption{\tscaption{fig4_relative}}\end{figure}' \
				'\listoffigures' '\end{document}' > "$T/cp/doc.tex"
			(cd "$T/cp" && pdflatex -interaction=nonstopmode -halt-on-error doc.tex && pdflatex -interaction=nonstopmode -halt-on-error doc.tex) > /dev/null 2>&1
			check "$b captions.tex: compiles without a warning" sh -c "test -s '$T/cp/doc.pdf' && ! grep -qi warning '$T/cp/doc.log'"
			check "$b captions.tex: the caption in the PDF" sh -c "pdftotext '$T/cp/doc.pdf' - | tr '\n' ' ' | grep -qF 'relative to Intel <i5> & \"co\"_1'"
			sed 's/fig4_relative}}/fig9}}/' "$T/cp/doc.tex" > "$T/cp/bad.tex"
			(cd "$T/cp" && pdflatex -interaction=nonstopmode -halt-on-error bad.tex) > /dev/null 2>&1; rc=$?
			check "$b captions.tex: an unknown name stops LaTeX, named" sh -c "test $rc -ne 0 && grep -qF \"! Package tierstat Error: No figure \\\`fig9' in captions.tex.\" '$T/cp/bad.log'"
		fi
		rm -rf "$T/cp"

		# -- the tables: names escaped, --reference, --tables ----------------
		rm -rf "$T/tb"
		"$bin" analyze --reference nvidia_rtx3060 --figures fig1 --format svg \
			--label "m1_air_mps=M1 _&%#\$ {}~^\\ [x] <a>|b" --label "$(printf 'intel_i5_cpu=Intel|i5\nnew')" \
			"$top/fixtures/thesis/metrics" -o "$T/tb" > "$T/out" 2> "$T/err"; rc=$?
		check "$b tables: exit 0" test $rc -eq 0
		check "$b tables: read back, as the JSON (--reference, names with | and a newline)" python3 "$top/tests/check-tables.py" "$T/tb" sd
		check "$b numbers.tex: as the JSON (--reference, names with | and a newline)" python3 "$top/tests/check-numbers.py" "$T/tb"
		check "$b numbers.tex: in the Saved lines" grep -qx "Saved: $T/tb/numbers.tex" "$T/out"
		check "$b tables: in the Saved lines" sh -c "for e in tex md csv; do grep -qx \"Saved: $T/tb/table_hardware.\$e\" '$T/out' && grep -qx \"Saved: $T/tb/table_results.\$e\" '$T/out' || exit 1; done"
		check "$b tables: LaTeX escapes" grep -qF 'M1 \_\&\%\#\$ \{\}\textasciitilde{}\textasciicircum{}\textbackslash{} {[}x{]} \textless{}a\textgreater{}\textbar{}b & 15 & 15/15, 100\,\% (80--100) & 3.50 $\pm$ 0.30 & 4200 $\pm$ 500 & 43.4 $\pm$ 4.3 & 3.43 $\pm$ 0.71 & 19.4$\times$ (18.2--20.7) & 4062 & -- \\' "$T/tb/table_results.tex"
		check "$b tables: Markdown escapes" grep -qF '| Intel\|i5 new | 50 | 49/50, 98.0 % (89.5–99.6) | 8.20 ± 0.50 | 2860 ± 120 | 18.6 ± 1.3 | 8.1 ± 1.2 | 45.6× (43.4–47.8) |' "$T/tb/table_results.md"
		"$bin" analyze -q --tables MD --figures fig1 --format svg "$top/fixtures/thesis/metrics" -o "$T/tb" > /dev/null 2> "$T/err"; rc=$?
		check "$b --tables MD: exit 0" test $rc -eq 0
		check "$b --tables MD: only the .md tables" sh -c "test \"\$(ls '$T/tb' | grep '^table_' | tr '\n' ' ')\" = 'table_hardware.md table_results.md '"
		check "$b --tables MD: the earlier tables and numbers.tex removed, with a note" grep -qF "did not write: numbers.tex, table_hardware.csv, table_hardware.tex, table_results.csv, table_results.tex (removed" "$T/err"
		"$bin" analyze -q --tables none --figures fig1 --format svg "$top/fixtures/thesis/metrics" -o "$T/tb" > /dev/null 2>&1
		check "$b --tables none: no table, no numbers.tex" sh -c "! ls '$T/tb' | grep -q '^table_\\|^numbers'"
		check "$b --tables none: the JSON still written" test -s "$T/tb/hardware_metadata.json"
		rm -rf "$T/tb"

		# -- --label: a key no tier has lists the keys; the file-name tier ----
		"$bin" analyze -q --label m1=M1 "$top/fixtures/thesis/metrics" -o "$T/rf" > /dev/null 2> "$T/err"; rc=$?
		check "$b --label m1=M1: exit 2, nothing written" test $rc -eq 2 -a ! -e "$T/rf"
		check "$b --label m1=M1: the keys listed" test "$(head -1 "$T/err")" = "tierstat: analyze: --label 'm1=M1': no tier 'm1' (tiers: amd_ryzen5_cpu, intel_i5_cpu, m1_air_mps, nvidia_rtx3060_cuda)"
		"$bin" analyze -q --label "m1_air=Apple M1" "$top/fixtures/thesis/metrics" -o "$T/rf" > /dev/null 2> "$T/err"; rc=$?
		check "$b --label m1_air=: the file-name tier accepted" test $rc -eq 0
		check "$b --label m1_air=: the label set" python3 -c "import json,sys; t=[t for t in json.load(open(sys.argv[1]))['tiers'] if t['key']=='m1_air_mps'][0]; sys.exit(t['label']!='Apple M1')" "$T/rf/hardware_metadata.json"
		rm -rf "$T/rf"

		# -- stdout that cannot be written: exit 2, one message ---------------
		if [ -w /dev/full ]; then
			for args in "--help" "--version" "analyze --help" "analyze $top/fixtures/thesis/metrics -o $T/full"; do
				# shellcheck disable=SC2086
				"$bin" $args > /dev/full 2> "$T/err"; rc=$?
				check "$b $args > /dev/full: exit 2" test $rc -eq 2
				check "$b $args > /dev/full: one message" test "$(grep -vxF "$LOGNOTE" "$T/err")" = "tierstat: error: cannot write to standard output: No space left on device (what was printed there is lost)"
			done
			"$bin" analyze -q "$top/fixtures/thesis/metrics" -o "$T/full" > /dev/full 2> "$T/err"; rc=$?
			check "$b -q > /dev/full: nothing printed, exit 0" test $rc -eq 0
			check "$b -q > /dev/full: nothing but the log axis note" only_lognote "$T/err"
		fi

		# -- the thesis fixture against the pandas reference -------------------
		rm -rf "$T/in" "$T/o1" "$T/o2"
		cp -r "$top/fixtures/thesis/metrics" "$T/in"
		"$bin" analyze "$T/in" -o "$T/o1" > "$T/stdout" 2> "$T/stderr"; rc=$?
		check "$b thesis exit 0" test $rc -eq 0
		check "$b thesis: no diagnostics but the log axis note" only_lognote "$T/stderr"
		check "$b thesis vs pandas" python3 "$ref/compare.py" "$T/o1/hardware_metadata.json" "$top/tests/expected_hardware_metadata.json"
		check "$b thesis: the CSVs hold the JSON's numbers, the run lists every input" \
			python3 "$top/tests/check-figdata.py" "$T/o1" "$T/in" sd
		# every number as Python's repr writes it: the whole file is what
		# json.dumps writes of what it reads (a 17-digit real would differ)
		check "$b thesis JSON: numbers as Python writes them" python3 -c "import json,sys; t=open(sys.argv[1],encoding='utf-8').read(); sys.exit(json.dumps(json.loads(t),indent=2,ensure_ascii=False)+'\n'!=t)" "$T/o1/hardware_metadata.json"
		sed 's/"total_memory_gb": 16\.0/"total_memory_gb": 23.54/' "$T/in/hardware_specs_amd_ryzen5.json" > "$T/specs" && cat "$T/specs" > "$T/in/hardware_specs_amd_ryzen5.json"
		"$bin" analyze -q "$T/in" -o "$T/o1" > /dev/null 2>&1
		check "$b specs: 23.54 reads as written" grep -q '"total_memory_gb": 23.54,' "$T/o1/hardware_metadata.json"
		cp "$top/fixtures/thesis/metrics/hardware_specs_amd_ryzen5.json" "$T/in/"
		"$bin" analyze -q "$T/in" -o "$T/o1" > /dev/null 2>&1
		check "$b thesis report" grep -q "^Read 24 files (120 synthesis rows, 6492 realtime samples); skipped 0 files and 0 rows; 0 values left out.$" "$T/stdout"
		check "$b thesis report: pooled success" grep -qx "Overall: 118/120 successful (98.3 %, 95 % CI 94.1-99.5 %) over 4 tiers" "$T/stdout"
		check "$b thesis report: a tier's interval" grep -qx "  - m1_air_mps: 15 tests, 15 successful (100.0 %, 95 % CI 79.6-100.0 %)" "$T/stdout"
		$pysci "$ref/intervals.py" "$T/in" > "$T/iv.json" 2> /dev/null
		check "$b thesis intervals vs scipy" python3 "$ref/compare.py" "$T/o1/hardware_metadata.json" "$T/iv.json"
		check "$b thesis scaling vs scipy linregress" $pysci "$top/tests/check-scaling.py" "$T/o1/hardware_metadata.json" "$T/in"
		sleep 1
		"$bin" analyze "$T/in" -o "$T/o2" > /dev/null 2>&1
		for f in "$T"/o1/*; do
			check "$b reproducible $(basename "$f")" cmp "$f" "$T/o2/$(basename "$f")"
		done
		check "$b no temporary file left" sh -c "! ls -a '$T/o1' | grep -q '^\.tierstat-'"
		if [ -n "$LOC" ]; then
			rm -rf "$T/o3"
			LOCPATH="$LOC" LC_ALL=de_DE.UTF-8 "$bin" analyze "$T/in" -o "$T/o3" > /dev/null 2>&1
			check "$b de_DE locale gives the same JSON" cmp "$T/o1/hardware_metadata.json" "$T/o3/hardware_metadata.json"
		fi
		# default output folder: the metrics folder itself; a re-run ignores its own outputs
		"$bin" analyze -q "$T/in" > /dev/null 2> "$T/stderr"; rc=$?
		"$bin" analyze -q "$T/in" > /dev/null 2> "$T/stderr"; rc=$?
		check "$b re-run over own outputs" test $rc -eq 0
		check "$b re-run over own outputs: only the log axis note" only_lognote "$T/stderr"
		# -- a re-run leaves no output of an earlier run (issue 12 item 1) ----
		TABLES='table_hardware.csv table_hardware.md table_hardware.tex table_results.csv table_results.md table_results.tex'   # every run writes them (--tables)
		TLKEYS='amd_ryzen5_cpu intel_i5_cpu m1_air_mps nvidia_rtx3060_cuda'   # the thesis tiers, each with realtime samples
		SVGTL="fig5_memory_timeline.csv fig5_memory_timeline.svg fig6_duration_vs_tokens.csv fig6_duration_vs_tokens.svg $(for k in $TLKEYS; do printf 'timeline_%s.csv timeline_%s.svg ' $k $k; done)"
		OLDTL="fig5_memory_timeline.pdf, fig5_memory_timeline.png, fig6_duration_vs_tokens.pdf, fig6_duration_vs_tokens.png, fig_hardware_summary.pdf, fig_hardware_summary.png$(for k in $TLKEYS; do printf ', timeline_%s.pdf, timeline_%s.png' $k $k; done)"
		# png,pdf then svg with a label into one folder: the png and pdf go,
		# with one note naming them; files of other names stay untouched
		rm -rf "$T/st" && mkdir -p "$T/st" && cp -r "$top/fixtures/thesis/metrics" "$T/st/F"
		(cd "$T/st" && "$bin" analyze -q -o X F) 2> "$T/st.err"; rc=$?
		check "$b earlier run: first run" test $rc -eq 0
		check "$b earlier run: first run, only the log axis note" only_lognote "$T/st.err"
		echo mine > "$T/st/X/notes.txt"
		echo 'mine too' > "$T/st/X/fig1_memory_comparison.png.bak"
		(cd "$T/st" && "$bin" analyze -q --format svg --label m1_air_mps="Apple M1" -o X F) 2> "$T/st.err"; rc=$?
		check "$b earlier run: second run exit 0" test $rc -eq 0
		printf '%s\n' captions.md captions.tex fig1_memory_comparison.csv fig1_memory_comparison.png.bak fig1_memory_comparison.svg fig2_rtf_comparison.csv fig2_rtf_comparison.svg fig3_success_rate.csv fig3_success_rate.svg fig_hardware_summary.csv fig_hardware_summary.svg hardware_metadata.json notes.txt numbers.tex $TABLES $SVGTL | LC_ALL=C sort > "$T/st.want"
		(cd "$T/st/X" && ls -A | LC_ALL=C sort) > "$T/st.got"
		check "$b earlier run: the folder holds the svg set and the other files" diff -u "$T/st.want" "$T/st.got"
		printf '%s\n' "$LOGNOTE" "tierstat: note: 'X' held 20 outputs of an earlier run that this run did not write: fig1_memory_comparison.pdf, fig1_memory_comparison.png, fig2_rtf_comparison.pdf, fig2_rtf_comparison.png, fig3_success_rate.pdf, fig3_success_rate.png, $OLDTL (removed, so that the folder holds one run's outputs)" > "$T/st.want"
		check "$b earlier run: the note" diff -u "$T/st.want" "$T/st.err"
		check "$b earlier run: notes.txt untouched" test "$(cat "$T/st/X/notes.txt")" = mine
		check "$b earlier run: the .bak untouched" test "$(cat "$T/st/X/fig1_memory_comparison.png.bak")" = 'mine too'
		check "$b earlier run: the label is the new run's" grep -q '"label": "Apple M1"' "$T/st/X/hardware_metadata.json"
		# a removal that fails is a warning naming the file (exit 1); the
		# new set stays, the rest is removed (faultio: release binary only)
		case "$b" in *san*) ;; *)
			[ -f "$top/build/inject/faultio.so" ] || bad "$b earlier run: build/inject/faultio.so not built"
			(cd "$T/st" && FAULTIO_PATH=fig2_rtf_comparison.svg FAULTIO_CALL=unlink FAULTIO_ERRNO=EACCES \
			 LD_PRELOAD="$top/build/inject/faultio.so" "$bin" analyze -q -o X F) 2> "$T/st.err"; rc=$?
			check "$b earlier run: failed removal exit 1" test $rc -eq 1
			printf '%s\n' "$LOGNOTE" "tierstat: warning: cannot remove 'X/fig2_rtf_comparison.svg', an output of an earlier run: Permission denied (left in place: the folder holds outputs of two runs)" \
				"tierstat: note: 'X' held 9 outputs of an earlier run that this run did not write: fig1_memory_comparison.svg, fig3_success_rate.svg, fig5_memory_timeline.svg, fig6_duration_vs_tokens.svg, fig_hardware_summary.svg$(for k in $TLKEYS; do printf ', timeline_%s.svg' $k; done) (removed, so that the folder holds one run's outputs)" > "$T/st.want"
			check "$b earlier run: failed removal messages" diff -u "$T/st.want" "$T/st.err"
			check "$b earlier run: failed removal leaves that file, writes the new set" \
				test -f "$T/st/X/fig2_rtf_comparison.svg" -a -f "$T/st/X/fig2_rtf_comparison.png" -a ! -e "$T/st/X/fig1_memory_comparison.svg"
		;; esac
		# the default output folder, the metrics folder itself: the same,
		# and every input stays
		(cd "$T/st" && "$bin" analyze -q F && "$bin" analyze -q --format svg F) 2> "$T/st.err"; rc=$?
		check "$b earlier run in the metrics folder: exit 0" test $rc -eq 0
		check "$b earlier run in the metrics folder: the note" grep -qx "tierstat: note: 'F' held 20 outputs of an earlier run that this run did not write: fig1_memory_comparison.pdf, .*, timeline_nvidia_rtx3060_cuda.png (removed, so that the folder holds one run's outputs)" "$T/st.err"
		(cd "$top/fixtures/thesis/metrics" && ls -A; printf '%s\n' captions.md captions.tex fig1_memory_comparison.csv fig1_memory_comparison.svg fig2_rtf_comparison.csv fig2_rtf_comparison.svg fig3_success_rate.csv fig3_success_rate.svg fig_hardware_summary.csv fig_hardware_summary.svg hardware_metadata.json numbers.tex $TABLES $SVGTL) | LC_ALL=C sort > "$T/st.want"
		(cd "$T/st/F" && ls -A | LC_ALL=C sort) > "$T/st.got"
		check "$b earlier run in the metrics folder: inputs and the svg set" diff -u "$T/st.want" "$T/st.got"
		# --figures: those figures and the JSON only; the other figures'
		# files of the earlier run go, as any stale output (issue 12 item 6)
		(cd "$T/st" && "$bin" analyze -q -o X F --figures fig2,summary --memory-unit GB --no-title --no-footnote) 2> "$T/st.err"; rc=$?
		check "$b --figures: exit 0" test $rc -eq 0
		printf '%s\n' captions.md captions.tex fig1_memory_comparison.png.bak fig2_rtf_comparison.csv fig2_rtf_comparison.pdf fig2_rtf_comparison.png fig_hardware_summary.csv fig_hardware_summary.pdf fig_hardware_summary.png hardware_metadata.json notes.txt numbers.tex $TABLES > "$T/st.want"
		(cd "$T/st/X" && ls -A | LC_ALL=C sort) > "$T/st.got"
		check "$b --figures: two figures, the JSON and the user's files" diff -u "$T/st.want" "$T/st.got"
		check "$b --figures: the note names the others' files" grep -qx "tierstat: note: 'X' held [0-9]* outputs of an earlier run that this run did not write: fig1_memory_comparison\.[a-z]*, .*fig3_success_rate\.[a-z]*.* (removed, so that the folder holds one run's outputs)" "$T/st.err"
		check "$b --figures: fig2 still says its log axis" grep -qxF "$LOGNOTE" "$T/st.err"
		check "$b --db file store" "$bin" analyze -q "$T/in" -o "$T/o4" --db "$T/store.db"
		check "$b --db store holds the rows" sh -c "test \"\$(sqlite3 '$T/store.db' 'SELECT count(*) FROM synthesis')\" = 120"
		check "$b --db store: the realtime envelopes, as the CSVs give them" python3 "$top/tests/check-envelopes.py" "$T/store.db" "$T/in"
		echo 'not a database' > "$T/other.db"
		"$bin" analyze -q "$T/in" -o "$T/o4" --db "$T/other.db" 2> "$T/stderr"; rc=$?
		check "$b --db refuses a foreign file" test $rc -eq 2 -a "$(cat "$T/other.db")" = "not a database"

		# -- an output folder nobody may write to: one message, exit 2 --------
	if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
		rm -rf "$T/ro" && mkdir -p "$T/ro" && cp -r "$top/fixtures/thesis/metrics" "$T/ro/m"
		chmod 755 "$T" "$T/ro" && chmod -R a+rX,a-w "$T/ro/m"
		setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" analyze -q "$T/ro/m" 2> "$T/ro.err"; rc=$?
		check "$b unwritable output folder: exit 2" test $rc -eq 2
		check "$b unwritable output folder: said once" test "$(grep -c 'Permission denied' "$T/ro.err")" -eq 1
		chmod -R u+w "$T/ro"
	fi

	# -- progress: a line on a terminal, cleared at the end; none otherwise
	if command -v script > /dev/null; then
		TIERSTAT_PROGRESS_AFTER=0 script -qfec "'$bin' analyze -q '$T/in' -o '$T/o5'" "$T/tty.log" < /dev/null > /dev/null 2>&1
		check "$b progress on a terminal" grep -q 'tierstat: [0-9]*/[0-9]* files, [0-9]*/[0-9]* MB' "$T/tty.log"
		check "$b progress line cleared" sh -c "tr -d '\n' < '$T/tty.log' | grep -q \"\$(printf '\r\033\\[K')\""
	fi
	TIERSTAT_PROGRESS_AFTER=0 "$bin" analyze -q "$T/in" -o "$T/o5" 2> "$T/stderr"
	check "$b no progress when stderr is not a terminal" only_lognote "$T/stderr"

	# -- re-runs with --db read only what changed, and say the same -------
	rm -rf "$T/inc" && mkdir -p "$T/inc"
	python3 "$ref/genfolder.py" "$T/inc/g" --seed 3 > /dev/null
	same_as_fresh() { # NAME: a --db re-run prints and writes what a fresh run does
		rm -rf "$T/inc/fresh" "$T/inc/db"
		(cd "$T/inc" && "$bin" analyze g -o fresh > fresh.out 2> fresh.err; echo $? > fresh.rc
		 "$bin" analyze g -o db --db store.db > db.out 2> db.err; echo $? > db.rc
		 sed -i 's|fresh/|OUT/|; s|db/|OUT/|' fresh.out db.out)
		check "$b --db $1: exit" cmp "$T/inc/fresh.rc" "$T/inc/db.rc"
		check "$b --db $1: stdout" cmp "$T/inc/fresh.out" "$T/inc/db.out"
		check "$b --db $1: stderr" cmp "$T/inc/fresh.err" "$T/inc/db.err"
		check "$b --db $1: JSON" cmp "$T/inc/fresh/hardware_metadata.json" "$T/inc/db/hardware_metadata.json"
	}
	same_as_fresh "first run"
	same_as_fresh "unchanged"
	# what was read, as --timing counts it: nothing when nothing changed,
	# the one file edited after an edit (realtime files are judged alone)
	n_in=$(find "$T/inc/g" -type f | sed 's|.*/||' | grep -c '^\(synthesis\|realtime\|hardware_specs\|analysis\)_')
	check "$b --db unchanged: nothing reread" sh -c "'$bin' analyze '$T/inc/g' -o '$T/inc/db' --db '$T/inc/store.db' -q --timing 2>&1 | grep -qx 'tierstat: files read: 0 (0.0 MB); unchanged since the last run, not read: $n_in'"
	sed -i '6d' "$(ls "$T"/inc/g/realtime_* | tail -1)"
	check "$b --db one realtime file edited: only it reread" sh -c "'$bin' analyze '$T/inc/g' -o '$T/inc/db' --db '$T/inc/store.db' -q --timing 2>&1 | grep -q 'tierstat: files read: 1 (.* MB); unchanged since the last run, not read: $((n_in - 1))\$'"
	sed -i '5d' "$(ls "$T"/inc/g/realtime_* | head -1)"
	same_as_fresh "realtime row removed"
	rm "$(ls "$T"/inc/g/synthesis_* | head -1)"
	same_as_fresh "synthesis file removed"
	cp "$top/fixtures/thesis/metrics/synthesis_m1_air_20251105_141209.csv" "$T/inc/g/"
	same_as_fresh "file added"
	echo '{"broken' > "$T/inc/g/hardware_specs_zz.json"
	same_as_fresh "broken JSON added"
	touch "$T"/inc/g/*.csv
	same_as_fresh "every CSV touched"
	sqlite3 "$T/inc/old.db" "PRAGMA application_id = 1953723441; PRAGMA user_version = 1; CREATE TABLE input_file(id);"
	"$bin" analyze -q "$T/inc/g" -o "$T/inc/o" --db "$T/inc/old.db" 2> "$T/stderr"; rc=$?
	check "$b --db of an older schema refused" test $rc -eq 2
	check "$b --db refusal says why" test "$(cat "$T/stderr")" = "tierstat: error: --db '$T/inc/old.db': a tierstat store of schema version 1; this tierstat writes version 5 (left untouched; remove it or choose another --db file)"
	# every store refused says it in one form: --db 'PATH': WHY (left untouched; ...)
	mkdir -p "$T/inc/dir.db"; echo hello > "$T/inc/text.db"; ln -sf "$T/inc/old.db" "$T/inc/link.db"
	sqlite3 "$T/inc/other.db" "CREATE TABLE t(a);"
	for w in "dir.db|a folder, not a file" "text.db|not a tierstat store: file is not a database" \
		 "link.db|a symbolic link, which tierstat does not follow" \
		 "other.db|not a tierstat store: a SQLite database of another program"; do
		f=${w%%|*}; why=${w#*|}
		"$bin" analyze -q "$T/inc/g" -o "$T/inc/o" --db "$T/inc/$f" 2> "$T/stderr"; rc=$?
		check "$b --db $f refused: exit 2" test $rc -eq 2
		check "$b --db $f refused: the message" test "$(cat "$T/stderr")" = "tierstat: error: --db '$T/inc/$f': $why (left untouched; choose another --db file)"
	done

	# -- generated folders against the independent reference --------------
		seeds=${E2E_SEEDS:-"1 2 3 4 5 6 7 8 9 10 11 12"}
		case "$b" in *san*) seeds=${E2E_SAN_SEEDS:-"1 2 3"} ;; esac
		for s in $seeds; do
			rm -rf "$T/g" "$T/go"
			python3 "$ref/genfolder.py" "$T/g" --seed "$s" > /dev/null
			"$bin" analyze -q "$T/g" -o "$T/go" 2> "$T/stderr"; rc=$?
			python3 "$ref/reference.py" "$T/g" > "$T/expected.json" 2> /dev/null
			check "$b seed $s exit 0/1 ($rc)" test $rc -le 1
			check "$b seed $s numbers" python3 "$ref/compare.py" "$T/go/hardware_metadata.json" "$T/expected.json"
			$pysci "$ref/intervals.py" "$T/g" > "$T/iv.json" 2> /dev/null
			check "$b seed $s intervals vs scipy" python3 "$ref/compare.py" "$T/go/hardware_metadata.json" "$T/iv.json"
			check "$b seed $s scaling vs scipy linregress" $pysci "$top/tests/check-scaling.py" "$T/go/hardware_metadata.json" "$T/g"
		done
		# --warmup: the first requests of each file by start_time left out
		for s in ${E2E_WARMUP_SEEDS:-1 2}; do
			rm -rf "$T/g" "$T/go"
			python3 "$ref/genfolder.py" "$T/g" --seed "$s" > /dev/null
			"$bin" analyze -q --warmup 2 "$T/g" -o "$T/go" 2> "$T/stderr"; rc=$?
			python3 "$ref/reference.py" --warmup 2 "$T/g" > "$T/expected.json" 2> /dev/null
			check "$b seed $s --warmup 2 exit 0/1 ($rc)" test $rc -le 1
			check "$b seed $s --warmup 2 numbers" python3 "$ref/compare.py" "$T/go/hardware_metadata.json" "$T/expected.json"
			$pysci "$ref/intervals.py" --warmup 2 "$T/g" > "$T/iv.json" 2> /dev/null
			check "$b seed $s --warmup 2 intervals vs scipy" python3 "$ref/compare.py" "$T/go/hardware_metadata.json" "$T/iv.json"
			check "$b seed $s --warmup 2 scaling vs scipy linregress" $pysci "$top/tests/check-scaling.py" "$T/go/hardware_metadata.json" "$T/g" --warmup 2
		done

		# --by (issue 16 item 2): groups, keys, labels and every number
		# against reference.py --by, which groups on its own
		for s in ${E2E_BY_SEEDS:-1 4 5}; do
			rm -rf "$T/g"
			python3 "$ref/genfolder.py" "$T/g" --seed "$s" > /dev/null
			for by in quantization_used torch_compile_used,num_threads onnx_used,chunk_length gpu_name; do
				rm -rf "$T/go"
				"$bin" analyze -q --by "$by" --figures fig1,fig2,fig3,summary "$T/g" -o "$T/go" 2> "$T/stderr"; rc=$?
				python3 "$ref/reference.py" --by "$by" "$T/g" > "$T/expected.json" 2> /dev/null
				check "$b seed $s --by $by exit 0/1 ($rc)" test $rc -le 1
				check "$b seed $s --by $by numbers" python3 "$ref/compare.py" "$T/go/hardware_metadata.json" "$T/expected.json"
			done
		done
		# settings that differ within tiers (genfolder --mixed-settings):
		# the notes of issue 16 item 1, built from reference.py's counts by
		# tests/check-settings.py, with and without --by
		for s in ${E2E_MIXED_SEEDS:-1 4}; do
			rm -rf "$T/g"
			python3 "$ref/genfolder.py" "$T/g" --seed "$s" --mixed-settings > /dev/null
			for by in "" quantization_used quantization_used,num_threads; do
				rm -rf "$T/go"
				# shellcheck disable=SC2086
				"$bin" analyze -q ${by:+--by "$by"} "$T/g" -o "$T/go" 2> "$T/stderr"; rc=$?
				# shellcheck disable=SC2086
				python3 "$ref/reference.py" ${by:+--by "$by"} "$T/g" > "$T/expected.json" 2> /dev/null
				check "$b mixed seed $s --by '$by' exit 0/1 ($rc)" test $rc -le 1
				check "$b mixed seed $s --by '$by' numbers" python3 "$ref/compare.py" "$T/go/hardware_metadata.json" "$T/expected.json"
				# shellcheck disable=SC2086
				check "$b mixed seed $s --by '$by' notes" python3 "$top/tests/check-settings.py" "$T/expected.json" "$T/stderr" ${by:+--by "$by"}
				# the hardware table: a row per machine (README "Grouped figures")
				[ -z "$by" ] || check "$b mixed seed $s --by '$by' a hardware row per machine" \
					python3 "$top/tests/check-machines.py" "$T/expected.json" "$T/go/table_hardware.csv"
				# grouped with 2 settings; the 6 of two columns are more than
				# 4 shades: a bar per group, and the caption says nothing
				if [ "$by" = quantization_used ]; then
					check "$b mixed seed $s --by '$by' caption says grouped" \
						grep -qF "successful requests per hardware tier and setting (quantization\_used), a tier's settings side by side" "$T/go/captions.md"
				elif [ -n "$by" ]; then
					check "$b mixed seed $s --by '$by' caption: a bar per group" \
						grep -qF "successful requests per hardware tier; " "$T/go/captions.md"
				fi
			done
			# --baseline (issue 16 items 4, 5): every ratio and interval
			# against scipy from reference.py's groups, the report's lines,
			# fig7's data, and INT4's ratios near the generator's factors
			# (peak memory 0.55, RTF 1.25, tokens per second 0.8)
			for eff in "quantization_used INT8 f" "quantization_used,num_threads INT4 f" \
				   "num_threads none -" "num_threads,quantization_used none,INT8 -"; do
				eby=${eff%% *}; erest=${eff#* }; ebase=${erest%% *}; ef=${erest#* }
				rm -rf "$T/go"
				"$bin" analyze --by "$eby" --baseline "$ebase" --figures fig1,fig7 "$T/g" -o "$T/go" > "$T/stdout" 2> "$T/stderr"; rc=$?
				python3 "$ref/reference.py" --by "$eby" "$T/g" > "$T/expected.json" 2> /dev/null
				check "$b mixed seed $s --by $eby --baseline $ebase exit 0/1 ($rc)" test $rc -le 1
				fac=; [ "$ef" = f ] && fac="--factor=quantization_used=INT4:peak_memory_mb=0.55 --factor=quantization_used=INT4:rtf=1.25:0.15 --factor=quantization_used=INT4:tokens_per_second=0.8:0.25"
				# shellcheck disable=SC2086
				check "$b mixed seed $s --by $eby --baseline $ebase effect vs scipy" $pysci "$top/tests/check-effect.py" \
					"$T/go/hardware_metadata.json" "$T/expected.json" --by "$eby" --baseline "$ebase" --report "$T/stdout" \
					--fig7 "$T/go/fig7_setting_effect.csv" $fac
			done
			# fig7 the same bytes in every format whatever the threads
			rm -rf "$T/f7a" "$T/f7b"
			TIERSTAT_THREADS=1 "$bin" analyze -q --by quantization_used --baseline INT8 --figures fig7 --format png,pdf,svg "$T/g" -o "$T/f7a" 2> /dev/null
			TIERSTAT_THREADS=4 "$bin" analyze -q --by quantization_used --baseline INT8 --figures fig7 --format png,pdf,svg "$T/g" -o "$T/f7b" 2> /dev/null
			check "$b mixed seed $s fig7: the same bytes with 1 and 4 threads" sh -c "for e in png pdf svg csv; do cmp '$T/f7a/fig7_setting_effect.'\$e '$T/f7b/fig7_setting_effect.'\$e || exit 1; done"
		done
	fi

	# -- the same bytes whatever the number of threads ----------------------
	rm -rf "$T/g" "$T/t1" "$T/t4"
	python3 "$ref/genfolder.py" "$T/g" --seed 3 > /dev/null
	TIERSTAT_THREADS=1 "$bin" analyze "$T/g" -o "$T/t1" > "$T/t1.out" 2> "$T/t1.err"
	TIERSTAT_THREADS=4 "$bin" analyze "$T/g" -o "$T/t4" > "$T/t4.out" 2> "$T/t4.err"
	sed -i "s|$T/t[14]|OUT|" "$T/t1.out" "$T/t4.out"
	check "$b threads: same stdout" cmp "$T/t1.out" "$T/t4.out"
	check "$b threads: same stderr" cmp "$T/t1.err" "$T/t4.err"
	check "$b threads: stderr not empty" test -s "$T/t1.err"
	for f in "$T"/t1/*; do
		check "$b threads: same $(basename "$f")" cmp "$f" "$T/t4/$(basename "$f")"
	done

	# -- timelines: a leak, a throttling laptop, a 3 s run (issue 15) -------
	rm -rf "$T/tl" "$T/tl1" "$T/tl4"
	python3 "$top/tests/ref/gentimeline.py" "$T/tl" --hours 0.2
	TIERSTAT_THREADS=1 "$bin" analyze -q "$T/tl" -o "$T/tl1" --format png,pdf,svg 2> "$T/tl.err"; rc=$?
	check "$b timelines: exit 0, nothing said" test $rc -eq 0 -a ! -s "$T/tl.err"
	TIERSTAT_THREADS=4 "$bin" analyze -q "$T/tl" -o "$T/tl4" --format png,pdf,svg 2> /dev/null
	for f in fig5_memory_timeline timeline_hot_laptop_cpu timeline_leaky_box_cpu timeline_quick_gpu_cuda; do
		for x in png pdf svg csv; do
			check "$b timelines: $f.$x, the same bytes on 1 and 4 threads" cmp "$T/tl1/$f.$x" "$T/tl4/$f.$x"
		done
		check "$b timelines: $f.png is 6.3 in at 300 dpi" python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); sys.exit(struct.unpack('>I', d[16:20])[0] != 1890)" "$T/tl1/$f.png"
	done
	check "$b timelines: the data behind them, bucket by bucket against the CSVs" python3 "$top/tests/check-timeline.py" "$T/tl1" "$T/tl"
	check "$b timelines: captions name them" grep -q '^\*\*`timeline_hot_laptop_cpu`\*\*: .*throttle' "$T/tl1/captions.md"

	# -- synthesis against idle (issue 15 item 3) ---------------------------
	. "$top/tests/e2e-idle.sh"

	# -- golden cases -------------------------------------------------------
	for c in "${E2E_GOLDEN:-$top/tests/golden}"/*/; do
		[ -d "$c/in" ] || continue
		case " ${E2E_CASES:-$(basename "$c")} " in *" $(basename "$c") "*) ;; *) continue ;; esac
		golden_case "$b" "$bin" "$c"
	done
done

echo "e2e: $pass passed, $fail failed"
[ -n "${TS_COUNTS:-}" ] && echo "$pass $fail" >> "$TS_COUNTS"
[ $fail -eq 0 ]
