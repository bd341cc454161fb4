#!/usr/bin/env python3
"""Check the realtime envelopes of a --db store against the CSV files.

usage: tests/check-envelopes.py STORE.db METRICS_DIR

For every row of realtime_envelope, the realtime CSV it came from is read
again with Python's csv module, and the envelope is computed here from
its words in README decision 10 and src/envelope.h, not from tierstat's
code: the samples of the column with a finite value and a timestamp in
Unix seconds (the files checked have no implausible timestamp), the
smallest width 2^s (s >= -3) at which floor(t / 2^s) spans at most 2048
buckets, and per bucket the count, minimum, maximum and the exact sum
(fractions.Fraction), which sum_hi must equal rounded and sum_hi + sum_lo
exactly. Prints one line per problem; exit status 1 if there was any.
"""
import csv
import math
import os
import sqlite3
import struct
import sys
from fractions import Fraction

BUCKETS, MIN_SCALE = 2048, -3


def floor_at(t, s):
    return math.floor(Fraction(t) / Fraction(2) ** s)


def envelope(samples):
    ts = [t for t, _ in samples]
    s = MIN_SCALE
    while floor_at(max(ts), s) - floor_at(min(ts), s) + 1 > BUCKETS:
        s += 1
    first = floor_at(min(ts), s)
    nr = floor_at(max(ts), s) - first + 1
    b = [[0, None, None, Fraction(0)] for _ in range(nr)]
    for t, v in samples:
        x = b[floor_at(t, s) - first]
        x[0] += 1
        x[1] = v if x[1] is None else min(x[1], v)
        x[2] = v if x[2] is None else max(x[2], v)
        x[3] += Fraction(v)
    return s, first, b


def main():
    db, root = sys.argv[1], sys.argv[2]
    problems, checked = [], 0
    con = sqlite3.connect(db)
    rows = con.execute("SELECT f.path, e.name, e.scale, e.first, e.samples, e.buckets"
                       " FROM realtime_envelope e JOIN input_file f ON f.id = e.file_id"
                       " ORDER BY f.path, e.name").fetchall()
    if not rows:
        problems.append("no envelope in the store")
    for path, name, scale, first, samples, blob in rows:
        with open(os.path.join(root, path), newline="", encoding="utf-8-sig") as f:
            data = []
            for r in csv.DictReader(f):
                try:
                    t, v = float(r["timestamp"]), float(r[name])
                except (ValueError, TypeError, KeyError):
                    continue
                if 0 < t and math.isfinite(t) and math.isfinite(v):
                    data.append((t, v))
        s, f0, want = envelope(data)
        got = [struct.unpack("=ddddq", blob[i:i + 40]) for i in range(0, len(blob), 40)]
        where = f"{path} {name}"
        if (scale, first, len(got), samples) != (s, f0, len(want), len(data)):
            problems.append(f"{where}: scale {scale}, first {first}, {len(got)} buckets, "
                            f"{samples} samples; want {s}, {f0}, {len(want)}, {len(data)}")
            continue
        for i, ((mn, mx, hi, lo, n), (wn, wmn, wmx, wsum)) in enumerate(zip(got, want)):
            ok = n == wn and (n == 0 and math.isnan(mn) and math.isnan(mx) or
                              n > 0 and mn == wmn and mx == wmx)
            ok = ok and Fraction(hi) + Fraction(lo) == wsum and hi == float(wsum)
            if not ok:
                problems.append(f"{where}: bucket {i}: n {n} min {mn} max {mx} sum {hi}+{lo}; "
                                f"want {wn} {wmn} {wmx} {float(wsum)}")
                break
        checked += 1
    for p in problems:
        print(p)
    print(f"check-envelopes: {checked} envelopes, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
