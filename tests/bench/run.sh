#!/bin/sh
# tests/bench/run.sh - `make bench`: time tierstat against its floors.
#
# Generates (once, deterministically) 100 MB and 1 GB metrics folders with
# build/bench/gen into a scratch folder outside the repository, warms the
# page cache, then times round-robin, several repetitions each:
#
#   tierstat_*   ./tierstat analyze FOLDER -o SCRATCH -q   (thesis, 100M, 1G, 1G1)
#   csvfloor_*   build/bench/csvfloor FOLDER: libcsv, no-op callbacks, 1 thread
#   cat_*        cat FOLDER/*.csv > /dev/null: the I/O floor
#
# S100M is a folder of synthesis rows alone (gen --synthesis: 16 tiers,
# about 395,000 rows in 100 MB; issue 17 item 4), the slow kind per byte:
# every row goes into SQLite. BENCH_SYN="S100M S1G" adds the 1 GB one
# (3.95 M rows; a minute a run today, so not by default).
#
# 1G1 is the 1G folder with all its realtime rows in one 1 GB file (the
# synthesis and JSON files linked): one file to share between the cores.
# Where two of the generator's runs meet, the timestamps go back a little
# (the runs overlap by a fraction of a second), and tierstat notes that
# once: the one stderr line of that case that is not a problem.
#
# and prints medians (min, max) of wall time, the median CPU time (all
# threads), peak RSS (wait4), tierstat / floor ratios and the 1G / 100M cost
# ratio; the same goes to build/bench/results.json. It also measures how much
# CPU other processes took while it timed (from /proc/stat), since a busy
# machine (another test suite, a build) inflates every number.
#
# Environment:
#   TS_BENCH_DIR   scratch folder (default /tmp/tierstat-bench); holds 100M/,
#                  1G/, their .stamp files, out/ and log/
#   BENCH_REPS     repetitions of thesis and 100M cases (default 5)
#   BENCH_REPS_1G  repetitions of 1G and 1G1 cases (default 3)
#   BENCH_QUICK=1  smoke run: 1 repetition, thesis and 100M only
#   BENCH_SEED     generator seed (default 20251101)
#   BENCH_SYN      the synthesis-only folders (default S100M; "" none)
#
# A folder is regenerated only when missing or when its stamp (hash of the
# gen binary and its arguments) differs. Exit 1 when a timed command failed
# or tierstat printed anything but notes, else 0.
set -eu

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BIN=build/bench
DIR=${TS_BENCH_DIR:-/tmp/tierstat-bench}
SEED=${BENCH_SEED:-20251101}
REPS=${BENCH_REPS:-5}
REPS_1G=${BENCH_REPS_1G:-3}
SIZES="100M 1G"
SYN=${BENCH_SYN-S100M}
if [ "${BENCH_QUICK:-0}" = 1 ]; then
	REPS=1 REPS_1G=0 SIZES=100M SYN=
fi
RESULTS=$BIN/results.json
HISTORY=$BIN/history.txt

DIR=$(realpath -m "$DIR")
case "$DIR/" in
"$ROOT"/*) echo "run.sh: TS_BENCH_DIR must be outside the repository ($DIR)" >&2; exit 2 ;;
esac

for b in ./tierstat $BIN/gen $BIN/csvfloor $BIN/rusage; do
	[ -x "$b" ] || { ${MAKE:-make} --no-print-directory -s tierstat $BIN/gen $BIN/csvfloor $BIN/rusage; break; }
done
mkdir -p "$DIR/out" "$DIR/log" "$BIN"

# --- data ------------------------------------------------------------------
gen_hash=$(sha256sum < $BIN/gen | cut -d' ' -f1)
for s in $SIZES $SYN; do
	case $s in S*) size=${s#S} kind=--synthesis ;; *) size=$s kind= ;; esac
	want="$gen_hash --size $size --seed $SEED $kind"
	if [ -d "$DIR/$s" ] && [ "$(cat "$DIR/$s.stamp" 2>/dev/null)" = "$want" ]; then
		echo "bench: reusing $DIR/$s"
	else
		# write beside the old folder, then swap: a reader of the old one
		# (another run) sees a whole folder for as long as possible
		rm -rf "$DIR/$s.stamp" "$DIR/$s.tmp"
		# shellcheck disable=SC2086
		$BIN/rusage "$DIR/gen.res" $BIN/gen "$DIR/$s.tmp" --size "$size" --seed "$SEED" $kind | sed 's/^/bench: /'
		[ "$(cut -d' ' -f3 "$DIR/gen.res")" = 0 ] || { echo "bench: gen failed" >&2; exit 2; }
		rm -rf "$DIR/$s"
		mv "$DIR/$s.tmp" "$DIR/$s"
		echo "$want" > "$DIR/$s.stamp"
		echo "bench: generated $DIR/$s in $(cut -d' ' -f1 "$DIR/gen.res") s"
	fi
done

# 1G1: the 1G folder's realtime rows in one file, made anew with 1G
if [ -d "$DIR/1G" ] && case " $SIZES " in *" 1G "*) true ;; *) false ;; esac; then
	want="$(cat "$DIR/1G.stamp") one-file"
	if [ -d "$DIR/1G1" ] && [ "$(cat "$DIR/1G1.stamp" 2>/dev/null)" = "$want" ]; then
		echo "bench: reusing $DIR/1G1"
	else
		rm -rf "$DIR/1G1.stamp" "$DIR/1G1.tmp" && mkdir "$DIR/1G1.tmp"
		for f in "$DIR"/1G/*; do
			case $(basename "$f") in realtime_*) ;; *) ln "$f" "$DIR/1G1.tmp/" ;; esac
		done
		set -- "$DIR"/1G/realtime_*
		one="$DIR/1G1.tmp/$(basename "$1")"
		head -n 1 "$1" > "$one"
		for f in "$@"; do tail -n +2 "$f" >> "$one"; done
		rm -rf "$DIR/1G1"
		mv "$DIR/1G1.tmp" "$DIR/1G1"
		echo "$want" > "$DIR/1G1.stamp"
		echo "bench: made $DIR/1G1 (one realtime file of $(($(wc -c < "$DIR/1G1/$(basename "$1")") / 1000000)) MB)"
	fi
	ONE=1G1
else
	ONE=
fi

THESIS=fixtures/thesis/metrics
folder() { case $1 in thesis) echo "$THESIS" ;; *) echo "$DIR/$1" ;; esac; }

# --- warm up: page cache, shared libraries, fontconfig ----------------------
for s in thesis $SIZES $SYN $ONE; do
	cat "$(folder "$s")"/* > /dev/null
done
./tierstat analyze "$THESIS" -o "$DIR/out/thesis" -q 2>/dev/null || true

CASES="tierstat_thesis"
for s in $SIZES; do
	CASES="$CASES tierstat_$s csvfloor_$s cat_$s"
done
[ -n "$ONE" ] && CASES="$CASES tierstat_$ONE csvfloor_$ONE"
for s in $SYN; do
	CASES="$CASES tierstat_$s csvfloor_$s"
done

# run_case NAME: one timed run; appends "NAME wall rss status" to $RUNS
run_case() {
	name=$1 kind=${1%%_*} s=${1#*_}
	d=$(folder "$s")
	log="$DIR/log/$name"
	case $kind in
	tierstat) $BIN/rusage "$DIR/res" ./tierstat analyze "$d" -o "$DIR/out/$s" -q \
			>"$log.out" 2>"$log.err" || true ;;
	csvfloor) $BIN/rusage "$DIR/res" $BIN/csvfloor "$d" >"$log.out" 2>"$log.err" || true ;;
	cat) $BIN/rusage "$DIR/res" cat "$d"/*.csv >/dev/null 2>"$log.err" || true ;;
	esac
	# "name wall rss status cpu stderr-lines": the lines that are not notes
	# (tierstat prints notes on these folders, as on any: the log axis of
	# fig2, a severe outlier, for 1G1 timestamps going back where two runs
	# meet; notes never change the exit status, METRICS.md section 7)
	echo "$name $(cat "$DIR/res") $(grep -cv '^tierstat: \(.*: \)\?note: ' "$log.err")" >> "$RUNS"
}

# busy CPU seconds of the whole machine so far (user nice system irq softirq steal)
busy_s() {
	awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat
}

RUNS="$DIR/runs.txt"
: > "$RUNS"
max=$REPS
[ "$REPS_1G" -gt "$max" ] && max=$REPS_1G
echo "bench: $REPS repetitions (1G: $REPS_1G), round-robin over: $CASES"
t0=$(date +%s)
busy0=$(busy_s) tn0=$(date +%s.%N)
rep=1
while [ "$rep" -le "$max" ]; do
	for c in $CASES; do
		case $c in
		*_1G|*_1G1|*_S1G) [ "$rep" -le "$REPS_1G" ] || continue ;;
		*) [ "$rep" -le "$REPS" ] || continue ;;
		esac
		run_case "$c"
	done
	echo "bench: repetition $rep done ($(($(date +%s) - t0)) s)"
	rep=$((rep + 1))
done
busy1=$(busy_s) tn1=$(date +%s.%N)

# --- facts about the folders and the machine --------------------------------
FACTS="$DIR/facts.txt"
: > "$FACTS"
for s in thesis $SIZES $SYN $ONE; do
	d=$(folder "$s")
	csv=$(cat "$d"/*.csv | wc -c)
	all=$(cat "$d"/* | wc -c)
	files=$(ls "$d" | wc -l)
	rows=$($BIN/csvfloor "$d" | sed 's/.* \([0-9]*\) rows.*/\1/')
	echo "folder $s $csv $all $files $rows $d" >> "$FACTS"
done
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src 2>/dev/null || commit="$commit+dirty-src"
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1 | tr -d '"\\')
version=$(./tierstat --version 2>/dev/null | head -1 | tr -d '"\\')

awk -v facts="$FACTS" -v json="$RESULTS" -v cases="$CASES" -v commit="$commit" \
    -v cpu="$cpu" -v nproc="$(nproc)" -v version="$version" -v date="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    -v reps="$REPS" -v reps1g="$REPS_1G" -v dir="$DIR" -v busy="$busy0 $busy1" \
    -v elapsed="$(echo "$tn0 $tn1" | awk '{ print $2 - $1 }')" '
function isort(a, n,   i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
}
function median(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
function ratio(x, y) { return (x in med && y in med && med[y] > 0) ? med[x] / med[y] : -1 }
function jnum(v) { return v < 0 ? "null" : sprintf("%.4f", v) }
BEGIN {
	while ((getline line < facts) > 0) {
		split(line, f, " ")
		csvb[f[2]] = f[3]; allb[f[2]] = f[4]; nfiles[f[2]] = f[5]; nrows[f[2]] = f[6]; path[f[2]] = f[7]
	}
}
{
	n[$1]++; w[$1, n[$1]] = $2
	if ($3 > rss[$1]) rss[$1] = $3
	if ($4 != 0) bad[$1]++
	cpus[$1, n[$1]] = $5; own += $5
	errl[$1] += $6
}
END {
	nc = split(cases, cl, " ")
	for (i = 1; i <= nc; i++) {
		c = cl[i]
		if (!(c in n)) continue
		for (k = 1; k <= n[c]; k++) v[k] = w[c, k]
		isort(v, n[c])
		med[c] = median(v, n[c]); mn[c] = v[1]; mx[c] = v[n[c]]
		for (k = 1; k <= n[c]; k++) v[k] = cpus[c, k]
		isort(v, n[c])
		medcpu[c] = median(v, n[c])
		s = c; sub(/^[a-z]*_/, "", s); size[c] = s
	}
	printf "\n%-16s %4s %9s %9s %9s %8s %10s %9s  %s\n", "case", "runs", "median s", "min s", "max s", "CPU s", "peak RSS", "MB/s", "problems"
	for (i = 1; i <= nc; i++) {
		c = cl[i]
		if (!(c in n)) continue
		prob = ""
		if (bad[c]) prob = bad[c] " failed runs"
		if (errl[c]) prob = prob (prob ? ", " : "") errl[c] " stderr lines"
		printf "%-16s %4d %9.3f %9.3f %9.3f %8.3f %6.1f MiB %9.1f  %s\n", c, n[c], med[c], mn[c], mx[c],
		       medcpu[c], rss[c] / 1024, csvb[size[c]] / 1e6 / med[c], prob
	}
	printf "\n"
	for (s in csvb) if (s != "thesis")
		printf "folder %-4s %s: %d files, %.1f MB of CSV (%.1f MB in all), %d CSV records\n",
		       s, path[s], nfiles[s], csvb[s] / 1e6, allb[s] / 1e6, nrows[s]
	split(busy, b, " ")
	foreign = b[2] - b[1] - own
	if (foreign < 0) foreign = 0
	busy_note = (foreign > 0.05 * elapsed) ? "  <- the machine was busy: numbers inflated" : ""
	printf "while timing (%.1f s): the timed commands used %.1f CPU-s, everything else %.1f CPU-s%s\n",
	       elapsed, own, foreign, busy_note
	printf "\n"
	nr = 0
	ns = split("100M 1G 1G1 S100M S1G", sl, " ")
	for (i = 1; i <= ns; i++) {
		s = sl[i]
		if (ratio("tierstat_" s, "csvfloor_" s) < 0) continue
		r[++nr] = sprintf("tierstat / csvfloor %-5s", s) SUBSEP ratio("tierstat_" s, "csvfloor_" s) SUBSEP "tierstat_over_csvfloor_" s
		if (ratio("tierstat_" s, "cat_" s) >= 0)
			r[++nr] = sprintf("tierstat / cat      %-5s", s) SUBSEP ratio("tierstat_" s, "cat_" s) SUBSEP "tierstat_over_cat_" s
	}
	if (ratio("tierstat_1G", "tierstat_100M") >= 0) {
		r[++nr] = "1G / 100M tierstat    " SUBSEP ratio("tierstat_1G", "tierstat_100M") SUBSEP "scale_1G_over_100M_tierstat"
		r[++nr] = "1G / 100M csvfloor    " SUBSEP ratio("csvfloor_1G", "csvfloor_100M") SUBSEP "scale_1G_over_100M_csvfloor"
		r[++nr] = "1G / 100M cat         " SUBSEP ratio("cat_1G", "cat_100M") SUBSEP "scale_1G_over_100M_cat"
		r[++nr] = "1G / 100M CSV bytes   " SUBSEP csvb["1G"] / csvb["100M"] SUBSEP "scale_1G_over_100M_bytes"
	}
	for (i = 1; i <= nr; i++) {
		split(r[i], p, SUBSEP)
		note = (p[3] ~ /^scale/ && p[3] !~ /bytes/) ? "   (ideal: the bytes ratio)" : ""
		printf "%s %7.2fx%s\n", p[1], p[2], note
	}

	printf "{\n  \"date\": \"%s\",\n  \"commit\": \"%s\",\n  \"tierstat_version\": \"%s\",\n", date, commit, version > json
	printf "  \"machine\": {\"cpu\": \"%s\", \"nproc\": %d},\n", cpu, nproc > json
	printf "  \"repetitions\": {\"thesis_100M\": %d, \"1G\": %d},\n  \"scratch\": \"%s\",\n", reps, reps1g, dir > json
	printf "  \"timing_s\": %.1f,\n  \"own_cpu_s\": %.2f,\n  \"other_processes_cpu_s\": %.2f,\n", elapsed, own, foreign > json
	printf "  \"folders\": {" > json
	sep = ""
	for (s in csvb) {
		printf "%s\n    \"%s\": {\"path\": \"%s\", \"files\": %d, \"csv_bytes\": %d, \"bytes\": %d, \"csv_records\": %d}",
		       sep, s, path[s], nfiles[s], csvb[s], allb[s], nrows[s] > json
		sep = ","
	}
	printf "\n  },\n  \"cases\": {" > json
	sep = ""
	for (i = 1; i <= nc; i++) {
		c = cl[i]
		if (!(c in n)) continue
		runs = ""
		for (k = 1; k <= n[c]; k++) runs = runs (k > 1 ? ", " : "") sprintf("%.4f", w[c, k])
		printf "%s\n    \"%s\": {\"runs_s\": [%s], \"median_s\": %.4f, \"min_s\": %.4f, \"max_s\": %.4f, \"median_cpu_s\": %.4f, \"peak_rss_kib\": %d, \"failed_runs\": %d, \"stderr_lines\": %d}",
		       sep, c, runs, med[c], mn[c], mx[c], medcpu[c], rss[c], bad[c] + 0, errl[c] + 0 > json
		sep = ","
	}
	printf "\n  },\n  \"ratios\": {" > json
	for (i = 1; i <= nr; i++) {
		split(r[i], p, SUBSEP)
		printf "%s\n    \"%s\": %s", (i > 1 ? "," : ""), p[3], jnum(p[2]) > json
	}
	printf "\n  }\n}\n" > json
	close(json)
	printf "\nresults: %s\n", json
	# one line of this run for the history (run.sh keeps the last 20)
	hl = date " " commit
	for (i = 1; i <= nr; i++) {
		split(r[i], p, SUBSEP)
		if (p[3] ~ /over_csvfloor/) { k = p[3]; sub(/tierstat_over_csvfloor_/, "", k); hl = hl sprintf(" %s=%.2fx", k, p[2]) }
	}
	if ("tierstat_thesis" in med) hl = hl sprintf(" thesis=%.3fs", med["tierstat_thesis"])
	hl = hl sprintf(" other_cpu=%.1fs", foreign)
	print hl > (json ".line")
	for (c in bad) if (bad[c]) fail = 1
	for (c in errl) if (errl[c]) fail = 1
	exit fail ? 1 : 0
}' "$RUNS" || st=$?
# the history: this run's ratios to the floors after the last 19 runs'
if [ -s "$RESULTS.line" ]; then
	{ tail -n 19 "$HISTORY" 2>/dev/null || true; cat "$RESULTS.line"; } > "$HISTORY.tmp"
	mv "$HISTORY.tmp" "$HISTORY"
	rm -f "$RESULTS.line"
	echo "history ($HISTORY, tierstat / csvfloor per folder, the last runs):"
	tail -n 10 "$HISTORY" | sed 's/^/  /'
fi
[ "${st:-0}" = 0 ] || { echo "bench: some runs failed or printed diagnostics: see $DIR/log/" >&2; exit 1; }
echo "bench: total $(($(date +%s) - t0)) s of timing"
