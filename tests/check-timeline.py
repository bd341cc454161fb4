#!/usr/bin/env python3
"""Check the data behind the timelines against the realtime CSV files.

usage: tests/check-timeline.py OUT_DIR METRICS_DIR

For every timeline_<key>.csv and fig5_memory_timeline.csv in OUT_DIR,
every bucket (key, run, column, t_s, bucket_s, n, min, max, mean) is
computed again here from the realtime CSVs of METRICS_DIR, read with
Python's csv module: the file of tier <key> whose runs, sorted by first
timestamp, give run number `run`; the bucket of width bucket_s holding
the time run_start + t_s; its samples' least and greatest value and the
mean of their exact sum (fractions.Fraction) rounded to a double and
divided by their count, then by the memory unit (GiB: 1024 MiB). Every
row must match to the last bit, and every non-empty bucket of the
envelope must have a row. Prints one line per problem; exit 1 if any.
"""
import csv
import glob
import math
import os
import sys
from fractions import Fraction

DIV = {"MiB": 1.0, "GiB": 1024.0, "MB": 1e6 / 1048576, "GB": 1e9 / 1048576,
       "percent": 1.0, "C": 1.0}


def samples(path, name):
    out = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            try:
                t, v = float(r["timestamp"]), float(r[name])
            except (ValueError, TypeError, KeyError):
                continue
            if 0 < t and math.isfinite(t) and math.isfinite(v):
                out.append((t, v))
    return out


def main():
    out, root = sys.argv[1], sys.argv[2]
    problems, rows = [], 0
    files = {}
    for p in glob.glob(os.path.join(root, "**", "realtime_*.csv"), recursive=True):
        with open(p, newline="", encoding="utf-8-sig") as f:
            ts = [float(r["timestamp"]) for r in csv.DictReader(f) if r.get("timestamp")]
        files[p] = min(ts)
    csvs = sorted(glob.glob(os.path.join(out, "timeline_*.csv")) +
                  glob.glob(os.path.join(out, "fig5_memory_timeline.csv")))
    if not csvs:
        problems.append("no timeline CSV")
    cache = {}
    for c in csvs:
        got = {}
        with open(c, newline="") as f:
            for r in csv.DictReader(f):
                got.setdefault((r["key"], int(r["run"]), r["column"]), []).append(r)
        for (key, run, col), rs in sorted(got.items()):
            # the tier's files: realtime_<hardware_tier>_<stamp>.csv, key = <hardware_tier>_<device>
            mine = sorted((t0, p) for p, t0 in files.items()
                          if key.startswith(os.path.basename(p)[len("realtime_"):-len("_YYYYMMDD_HHMMSS.csv")] + "_"))
            if run > len(mine):
                problems.append(f"{c}: {key} run {run}: no such realtime file")
                continue
            t0, path = mine[run - 1]
            if (path, col) not in cache:
                cache[(path, col)] = samples(path, col)
            data = cache[(path, col)]
            w = float(rs[0]["bucket_s"])
            want = {}
            for t, v in data:
                k = math.floor(Fraction(t) / Fraction(w))
                x = want.setdefault(k, [0, v, v, Fraction(0)])
                x[0] += 1
                x[1], x[2] = min(x[1], v), max(x[2], v)
                x[3] += Fraction(v)
            div = DIV[rs[0]["unit"]]
            seen = set()
            for r in rs:
                rows += 1
                mid = t0 + float(r["t_s"])
                k = math.floor(Fraction(mid) / Fraction(w))
                if k not in want:
                    problems.append(f"{c}: {key} run {run} {col} t_s {r['t_s']}: no samples there")
                    break
                n, mn, mx, s = want[k]
                seen.add(k)
                exp = (n, mn / div, mx / div, (float(s) / n) / div)
                gotv = (int(r["n"]), float(r["min"]), float(r["max"]), float(r["mean"]))
                if exp != gotv or float(r["t_s"]) != (k * w + w / 2) - t0:
                    problems.append(f"{c}: {key} run {run} {col} t_s {r['t_s']}: {gotv}; want {exp}")
                    break
            if seen != set(want):
                problems.append(f"{c}: {key} run {run} {col}: {len(want) - len(seen)} buckets missing")
    for p in problems:
        print(p)
    print(f"check-timeline: {rows} buckets in {len(csvs)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
