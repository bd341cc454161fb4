# tests/e2e-idle.sh - README "Synthesis against idle" (issue 15 item 3),
# sourced by tests/run-e2e.sh for each binary: it uses check, $b, $bin, $T,
# $ref and $top from there. The JSON's realtime.during_requests and
# realtime.idle against tests/ref/reqsplit.py (to 1e-9 relative), and the
# per-request rows of a --db store, queried with the sqlite3 shell.

IDLE_ROWS="SELECT rf.path, f.path, r.line, r.samples, r.mean_memory_mb, r.max_memory_mb, r.mean_cpu_percent
 FROM request_samples r JOIN input_file f ON f.id = r.syn_file_id
 JOIN input_file rf ON rf.id = r.realtime_file_id ORDER BY 1, 2, 3"

# idle_check NAME METRICS_DIR OUT DB: OUT and DB from a run over the folder
idle_check() {
	python3 "$ref/reqsplit.py" "$2" > "$T/idle.json" 2> /dev/null
	check "$b idle $1: during/idle vs reqsplit.py" python3 "$ref/compare.py" "$3/hardware_metadata.json" "$T/idle.json"
	sqlite3 -csv "$4" "$IDLE_ROWS" > "$T/idle.rows"
	check "$b idle $1: --db request_samples vs reqsplit.py" python3 "$ref/reqsplit.py" --requests "$T/idle.rows" "$2"
}

rm -rf "$T/idle" && mkdir -p "$T/idle"
"$bin" analyze -q --tables md "$top/fixtures/thesis/metrics" -o "$T/idle/o" --db "$T/idle/s.db" 2> /dev/null
idle_check thesis "$top/fixtures/thesis/metrics" "$T/idle/o" "$T/idle/s.db"
check "$b idle thesis: request_profile has its 120 requests" test "$(sqlite3 "$T/idle/s.db" 'SELECT count(*) FROM request_profile')" = 120
check "$b idle thesis: table_results has the two columns" grep -qF '| Duration (s) | Busy | Idle |' "$T/idle/o/table_results.md"
"$bin" analyze --tables tex "$top/fixtures/thesis/metrics" -o "$T/idle/r" > "$T/idle/r.out" 2> /dev/null
check "$b idle thesis: the console report's Realtime lines, as numbers.tex" python3 "$top/tests/check-report-phases.py" "$T/idle/r.out" "$T/idle/r/numbers.tex"
check "$b idle thesis: the console report's line for the i5" grep -qxF '    Realtime: 4213 samples during requests (mean 2705 MiB, CPU 380 %), 0 idle' "$T/idle/r.out"

for s in ${E2E_IDLE_SEEDS:-1 2 3}; do
	g=$T/idle/g$s
	python3 "$ref/genidle.py" "$g" --seed "$s"
	TIERSTAT_THREADS=1 "$bin" analyze -q --tables csv "$g" -o "$T/idle/t1" 2> /dev/null
	TIERSTAT_THREADS=4 "$bin" analyze -q --tables csv "$g" -o "$T/idle/t4" 2> /dev/null
	check "$b idle seed $s: the same JSON on 1 and 4 threads" cmp "$T/idle/t1/hardware_metadata.json" "$T/idle/t4/hardware_metadata.json"
	"$bin" analyze -q --tables csv "$g" -o "$T/idle/o$s" --db "$T/idle/g$s.db" 2> /dev/null
	idle_check "seed $s" "$g" "$T/idle/o$s" "$T/idle/g$s.db"
	check "$b idle seed $s: some samples idle" python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['tiers']; sys.exit(not t[0]['realtime']['idle']['samples'])" "$T/idle/o$s/hardware_metadata.json"
	check "$b idle seed $s: no partner, null" python3 -c "import json,sys; t={x['key']: x for x in json.load(open(sys.argv[1]))['tiers']}; sys.exit(t['lone_cpu']['realtime']['idle'] is not None)" "$T/idle/o$s/hardware_metadata.json"
	"$bin" analyze --tables tex "$g" -o "$T/idle/n$s" > "$T/idle/n$s.out" 2> /dev/null
	check "$b idle seed $s: the console report's Realtime lines, as numbers.tex" python3 "$top/tests/check-report-phases.py" "$T/idle/n$s.out" "$T/idle/n$s/numbers.tex"
	check "$b idle seed $s: busy.* and idle.* of numbers.tex, as the JSON" python3 "$top/tests/check-numbers.py" "$T/idle/n$s"
	check "$b idle seed $s: numbers.tex has an idle memory" grep -q '{idle.memory_mb}{[0-9]' "$T/idle/n$s/numbers.tex"
	# --warmup leaves requests out of the statistics, not out of "during"
	"$bin" analyze -q --tables none --warmup 2 "$g" -o "$T/idle/w$s" 2> /dev/null
	check "$b idle seed $s --warmup 2: the same split" python3 "$ref/compare.py" "$T/idle/w$s/hardware_metadata.json" "$T/idle.json"
done

# --db: a synthesis file edited (its last requests gone) re-reads the
# realtime files, whose split follows
g=$T/idle/g1
f=$(ls "$g"/synthesis_box_* | head -1)
python3 -c "import csv,sys; r=list(csv.reader(open(sys.argv[1],newline=''))); csv.writer(open(sys.argv[1],'w',newline='')).writerows(r[:6])" "$f"
"$bin" analyze -q --tables none "$g" -o "$T/idle/o1" --db "$T/idle/g1.db" 2> /dev/null
idle_check "seed 1, a synthesis file cut, --db re-run" "$g" "$T/idle/o1" "$T/idle/g1.db"
