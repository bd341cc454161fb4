#!/usr/bin/env python3
"""Independent reference for README "Synthesis against idle".

    python3 tests/ref/reqsplit.py METRICS_DIR > expected.json
    python3 tests/ref/reqsplit.py --requests ROWS.csv METRICS_DIR

The first form prints {"tiers": [{"key", "realtime": {"during_requests",
"idle"}}]} for every tier reference.py lists, for compare.py against
tierstat's hardware_metadata.json (which may hold more). The second
checks the per-request rows of a --db store, as the sqlite3 shell prints
them with -csv (realtime path, synthesis path, line, samples,
mean_memory_mb, max_memory_mb, mean_cpu_percent; the query is in
tests/run-e2e.sh) against its own, to 1e-9 relative, and exits 1 on a
difference.

The rules, computed here from the CSV files with the csv module:

* a realtime file's partner is the synthesis file of the same stem in the
  same folder, else the first (path order) of the same <tier>_<stamp>,
  among those with a row; without one it has no phases;
* a request is a row of the partner (of the header's field count) whose
  start_time and end_time are numbers with start <= end: failed requests
  and rows --warmup leaves out count too;
* a sample counts when it has the header's field count and its timestamp
  is kept (reference.py kept_timestamps: Unix seconds, not a day away from
  both neighbours); it is "during" when start <= t <= end for some
  request, else "idle"; memory_mb and cpu_percent means over the finite
  values (math.fsum), memory's max;
* a tier's phases sum its realtime files with a partner; null when none
  has one.
"""

import csv
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as ref  # noqa: E402  (file names, cells, tiers)


def read_records(path):
    """(header, [(line, fields)]) of the records of the header's field
    count, line being the physical line where the record starts."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header, out, prev = None, [], 0
        for rec in reader:
            line, prev = prev + 1, reader.line_num
            if not rec or all(c.strip() == "" for c in rec):
                continue
            if header is None:
                header = rec
            elif len(rec) == len(header):
                out.append((line, rec))
    return header or [], out


def column(header, name):
    return header.index(name) if name in header else None


def number(rec, i):
    v = ref.parse_float(rec[i]) if i is not None else None
    return v if ref.finite(v) else None


def intervals(path):
    """The requests of a synthesis file: [(start, end, line)]; and its rows."""
    header, recs = read_records(path)
    s, e = column(header, "start_time"), column(header, "end_time")
    out = []
    for line, rec in recs:
        a, b = number(rec, s), number(rec, e)
        if a is not None and b is not None and a <= b:
            out.append((a, b, line))
    return out, len(recs)


def kept_samples(path):
    """[(t, memory or None, cpu or None)] of the samples whose timestamp
    is kept."""
    header, recs = read_records(path)
    ti, mi, ci = (column(header, c) for c in ("timestamp", "memory_mb", "cpu_percent"))
    plaus = []
    for _, rec in recs:
        t = number(rec, ti)
        if t is not None and 0 < t <= ref.TS_MAX:
            plaus.append((t, number(rec, mi), number(rec, ci)))
    kept = []
    for i, p in enumerate(plaus):
        around = [q[0] for q in plaus[max(i - 1, 0):i] + plaus[i + 1:i + 2]]
        if around and all(abs(p[0] - w) > ref.TS_JUMP for w in around):
            continue
        kept.append(p)
    return kept


class Phase:
    def __init__(self):
        self.n, self.mem, self.cpu = 0, [], []

    def add(self, m, c):
        self.n += 1
        if m is not None:
            self.mem.append(m)
        if c is not None:
            self.cpu.append(c)

    def extend(self, other):
        self.n += other.n
        self.mem += other.mem
        self.cpu += other.cpu

    def json(self):
        return {"samples": self.n,
                "memory_mb_mean": math.fsum(self.mem) / len(self.mem) if self.mem else None,
                "memory_mb_max": max(self.mem) if self.mem else None,
                "cpu_percent_mean": math.fsum(self.cpu) / len(self.cpu) if self.cpu else None}


def partner(rel, files, has_rows):
    """The synthesis file a realtime file is judged against, or None."""
    d, (_, _, tier, st) = os.path.dirname(rel), next(f for f in files if f[0] == rel)
    syn = [f[0] for f in files if f[1] == "synthesis" and f[2] == tier and f[3] == st
           and has_rows(f[0])]
    same = [p for p in syn if os.path.dirname(p) == d]
    return (same or syn or [None])[0]


def first_row_key(root, rel, tier, specs):
    """The tier key of a synthesis file's first row (reference.py build)."""
    _, rows = ref.read_csv(os.path.join(root, rel))
    if not rows:
        return None
    r = rows[0]
    ht = (r.get("hardware_tier") or "").strip() or tier
    dev = (r.get("device_type") or "").strip()
    if not dev:
        dev = specs.get(ht, {}).get("device_type") or "unknown"
    return ht + "_" + dev


def split(root):
    """Per tier key: [during, idle] Phases (None: no paired file); and per
    (realtime path, synthesis path, line): the request's Phase."""
    files = ref.scan(root)
    specs = {}
    for rel, kind, tier, _ in files:
        if kind == "specs":
            obj = ref.load_json(os.path.join(root, rel))
            if isinstance(obj, dict) and tier not in specs:
                specs[tier] = obj
    rows = {}

    def has_rows(p):
        if p not in rows:
            rows[p] = intervals(os.path.join(root, p))
        return rows[p][1] > 0

    tiers, per_req = {}, {}
    for rel, kind, tier, _ in files:
        if kind != "realtime":
            continue
        p = partner(rel, files, has_rows)
        if p is None:
            continue
        key = first_row_key(root, p, next(f[2] for f in files if f[0] == p), specs)
        reqs = rows[p][0]
        during, idle = Phase(), Phase()
        mine = {line: Phase() for _, _, line in reqs}
        for t, m, c in kept_samples(os.path.join(root, rel)):
            inside = [line for a, b, line in reqs if a <= t <= b]
            for line in inside:
                mine[line].add(m, c)
            (during if inside else idle).add(m, c)
        ph = tiers.setdefault(key, [Phase(), Phase()])
        ph[0].extend(during)
        ph[1].extend(idle)
        for line, x in mine.items():
            per_req[(rel, p, line)] = x
    return tiers, per_req


def expected(root):
    tiers, _ = split(root)
    out = []
    for e in ref.reference(root)["tiers"]:
        ph = tiers.get(e["key"])
        out.append({"key": e["key"], "realtime": {
            "during_requests": ph[0].json() if ph else None,
            "idle": ph[1].json() if ph else None}})
    return {"tiers": out}


def close(a, e):
    if e is None or a == "":
        return e is None and a == ""
    a = float(a)
    return a == e or abs(a - e) <= 1e-9 * max(abs(a), abs(e))


def check_requests(rows_csv, root):
    _, per_req = split(root)
    got, bad = {}, []
    with open(rows_csv, newline="", encoding="utf-8") as f:
        for rec in csv.reader(f):
            got[(rec[0], rec[1], int(rec[2]))] = rec[3:]
    for k in sorted(set(got) | set(per_req)):
        if k not in got or k not in per_req:
            bad.append("%s: %s" % (k, "not in the store" if k not in got else "not expected"))
            continue
        x, j = per_req[k], per_req[k].json()
        want = [x.n, j["memory_mb_mean"], j["memory_mb_max"], j["cpu_percent_mean"]]
        if int(got[k][0]) != x.n or not all(close(a, e) for a, e in zip(got[k][1:], want[1:])):
            bad.append("%s: %s != %s" % (k, got[k], want))
    for b in bad[:20]:
        print("reqsplit: " + b, file=sys.stderr)
    print("reqsplit: %d requests, %d differ" % (len(per_req), len(bad)))
    return 1 if bad or not per_req else 0


def main(argv):
    if len(argv) == 4 and argv[1] == "--requests":
        return check_requests(argv[2], argv[3])
    if len(argv) != 2 or argv[1].startswith("-"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    import json
    json.dump(expected(argv[1]), sys.stdout, indent=2, allow_nan=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
