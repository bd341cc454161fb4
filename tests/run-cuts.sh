#!/bin/sh
# A monitor killed while writing its last record: a clean tier whose
# synthesis and realtime files end every record with CR LF (as Python's
# csv module writes them) is analysed again with its last record cut after
# each of its bytes, one file at a time. Every cut must give exactly one
# message, a warning naming that record's FILE:LINE, and exit status 1:
#   - fewer fields than the header: "row has N fields, the header has M
#     (row skipped)";
#   - inside the quoted field: "quoted field opened here is never closed
#     (row skipped)";
#   - every field there (a number cut short, or only the line end, or
#     only its LF missing): "no line end after the last record: cut off
#     while being written? (row kept)".
# Only the whole record with its CR LF gives no message and exit 0. The
# expected message is worked out here from the bytes kept (a quote-aware
# field count), not taken from tierstat. The sanitized build reads the
# realtime file in 64-byte segments, so that path is covered too.
#
# usage: tests/run-cuts.sh TIERSTAT [TIERSTAT...]
# Prints "cuts: N passed, M failed", adds "N M" to $TS_COUNTS when set,
# and exits 1 on any failure.
set -u
pass=0; fail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/tierstat-cuts.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

CR=$(printf '\r')
mkdir "$T/clean"
# The synthesis file: 16 columns, the last a number; the last record has a
# quoted field holding a comma and a doubled quote.
syn=synthesis_cut_20251101_100000.csv
{
	printf 'request_id,hardware_tier,device_type,cpu_model,cpu_cores,total_memory_gb,gpu_name,peak_memory_mb,peak_gpu_memory_mb,peak_temperature_c,throttle_detected,success,error_message,rtf,tokens_per_second,total_duration_s\r\n'
	printf 'c1,cut,cpu,Test CPU,8,32.0,,2100.5,0.0,61.0,False,True,,0.41,120.5,2.25\r\n'
	printf 'c2,cut,cpu,Test CPU,8,32.0,,2200.0,0.0,62.0,False,True,,0.52,101.0,3.5\r\n'
	printf 'c3,cut,cpu,Test CPU,8,32.0,,2150.0,0.0,63.0,False,False,"E: a, ""b""",0.5,100.0,2.75\r\n'
} > "$T/clean/$syn"
# The realtime file: 7 columns, 12 samples (more than 1.5 segments of 64
# bytes: the sanitized build cuts it).
rt=realtime_cut_20251101_100000.csv
{
	printf 'timestamp,cpu_percent,memory_mb,memory_percent,gpu_memory_mb,gpu_percent,temperature_c\r\n'
	i=0
	while [ $i -lt 11 ]; do
		printf '17620000%02d.5,%d.5,2050.0,12.5,0.0,0.0,61.0\r\n' $i $((80 + i))
		i=$((i + 1))
	done
	printf '1762000011.5,90.25,2100.0,12.8,0.0,0.0,64.0\r\n'
} > "$T/clean/$rt"
cat > "$T/clean/hardware_specs_cut.json" <<'EOF'
{"hardware_tier": "cut", "device_type": "cpu", "display_name": "Cut PC",
 "cpu_model": "Test CPU", "cpu_cores": 8, "total_memory_gb": 32.0, "gpu_name": null}
EOF

# expect FILE LINE NCOLS < KEPT: the message the kept bytes of the last
# record (no LF; maybe a final CR) must give, "" for none is not asked.
expect() {
	awk -v file="$1" -v line="$2" -v want="$3" '
	{ s = s $0 }
	END {
		cr = substr(s, length(s), 1) == "\r"
		if (cr)
			s = substr(s, 1, length(s) - 1)
		inq = 0; nf = 1
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\"")
				inq = !inq
			else if (c == "," && !inq)
				nf++
		}
		pre = "tierstat: " file ":" line ": warning: "
		if (inq)
			print pre "quoted field opened here is never closed (row skipped)"
		else if (nf != want)
			printf "%srow has %d field%s, the header has %d (row skipped)\n", pre, nf, nf == 1 ? "" : "s", want
		else
			print pre "no line end after the last record: cut off while being written? (row kept)"
	}'
}

for bin in "$@"; do
	case "$bin" in */*) ;; *) bin=./$bin ;; esac
	for f in "$syn" "$rt"; do
		size=$(wc -c < "$T/clean/$f")
		lines=$(wc -l < "$T/clean/$f")     # the last record is on this line
		last=$(tail -n 1 "$T/clean/$f" | wc -c)
		start=$((size - last))              # bytes before the last record
		ncols=$(head -n 1 "$T/clean/$f" | tr -d "$CR" | awk -F, '{ print NF }')
		k=$((start + 1))
		while [ $k -le "$size" ]; do
			rm -rf "$T/in" "$T/out"
			cp -r "$T/clean" "$T/in"
			head -c "$k" "$T/clean/$f" > "$T/in/$f"
			"$bin" analyze "$T/in" -o "$T/out" -q --format svg > /dev/null 2> "$T/stderr"
			rc=$?
			if [ "$k" -eq "$size" ]; then
				: > "$T/want"; want_rc=0
			else
				tail -c $((k - start)) "$T/in/$f" | expect "$f" "$lines" "$ncols" > "$T/want"
				want_rc=1
			fi
			if [ $rc -eq $want_rc ] && cmp -s "$T/want" "$T/stderr"; then
				pass=$((pass + 1))
			else
				fail=$((fail + 1))
				echo "cuts: FAILED: $bin, $f cut after $((k - start)) bytes of its last record: exit $rc (want $want_rc)"
				diff "$T/want" "$T/stderr" | sed 's/^/    /' | head -10
			fi
			k=$((k + 1))
		done
	done
done
echo "cuts: $pass passed, $fail failed"
[ -n "${TS_COUNTS:-}" ] && echo "$pass $fail" >> "$TS_COUNTS"
[ $fail -eq 0 ]
