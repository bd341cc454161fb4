#!/usr/bin/env python3
"""Check each tier's "scaling" in hardware_metadata.json against scipy.

usage: tests/check-scaling.py HARDWARE_METADATA.json METRICS_DIR [--warmup N]

The synthesis rows are those tests/ref/reference.py keeps (its build():
duplicates dropped, tier fallbacks, --warmup N leaving out the first N
requests of each file), and per tier (hardware_tier, device_type) the
successful rows with a finite text_length_tokens and total_duration_s are
fitted with scipy.stats.linregress: slope, intercept, stderr,
intercept_stderr, rvalue^2, and the intervals estimate -+ t se with t
the 0.975 quantile of Student's t for n - 2 (tests/ref/check_stats.py's
t975). A tier with fewer than 3 distinct token counts must have null
numbers and its note. Numbers agree to 1e-9 relative, counts exactly.
Prints one line per problem and exits 1, else "check-scaling: N numbers
agree" and exits 0. Needs numpy and scipy.
"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "ref"))
from check_stats import t975  # noqa: E402
import reference  # noqa: E402
from scipy import stats  # noqa: E402

REL = 1e-9
NOTE = "fewer than 3 distinct token counts: no line"


def pairs(folder, warmup):
    """{tier key: (tokens, durations)}: the rows tests/ref/reference.py
    keeps (duplicates dropped, --warmup applied, tier fallbacks), the
    successful ones with both values finite, in its order."""
    out = {}
    for t in reference.build(folder, warmup):
        xs, ys = out.setdefault(t.key, ([], []))
        if not t.has_success:
            continue
        for r in t.rows:
            if reference.parse_bool(r.get("success")) is not True:
                continue
            x = reference.parse_float(r.get("text_length_tokens"))
            y = reference.parse_float(r.get("total_duration_s"))
            if reference.finite(x) and reference.finite(y):
                xs.append(x)
                ys.append(y)
    return out


def main():
    args = sys.argv[1:]
    warmup = 0
    if len(args) == 4 and args[2] == "--warmup":
        warmup = int(args[3])
        args = args[:2]
    if len(args) != 2:
        sys.exit(__doc__)
    with open(args[0], encoding="utf-8") as f:
        doc = json.load(f)
    want = pairs(args[1], warmup)
    bad, agree = [], 0

    def same(what, a, e, exact=False):
        nonlocal agree
        if e is None or a is None:
            ok = a is None and e is None
        elif exact:
            ok = a == e and type(a) is type(e)
        else:
            ok = abs(a - e) <= REL * max(abs(a), abs(e))
        if ok:
            agree += 1
        else:
            bad.append(f"{what}: tierstat {a!r} != scipy {e!r}")

    for t in doc["tiers"]:
        key, s = t["key"], t.get("scaling")
        if t["from"] != "csv":
            continue
        if s is None:
            bad.append(f"{key}: no scaling")
            continue
        x, y = want.get(key, ([], []))
        n, distinct = len(x), len(set(x))
        same(f"{key} n", s["n"], n, True)
        same(f"{key} distinct_tokens", s["distinct_tokens"], distinct, True)
        if distinct < 3:
            for k in ("slope_s_per_token", "slope_ci95", "intercept_s", "intercept_ci95", "r_squared"):
                same(f"{key} {k}", s[k], None)
            same(f"{key} note", s["note"], NOTE, True)
            continue
        r = stats.linregress(x, y)
        t = t975(n - 2)
        e = {"slope_s_per_token": r.slope, "intercept_s": r.intercept, "slope_se": r.stderr,
             "intercept_se": r.intercept_stderr,
             "r_squared": None if len(set(y)) == 1 else r.rvalue ** 2}
        for k, v in e.items():
            same(f"{key} {k}", s[k], None if v is None else float(v))
        for k, b, se in (("slope_ci95", r.slope, r.stderr), ("intercept_ci95", r.intercept, r.intercept_stderr)):
            got = s[k] or [None, None]
            same(f"{key} {k}[0]", got[0], float(b - t * se))
            same(f"{key} {k}[1]", got[1], float(b + t * se))
        same(f"{key} note", s["note"], None)
    for line in bad:
        print(line)
    if bad:
        print(f"check-scaling: {len(bad)} disagreements, {agree} agree")
        return 1
    print(f"check-scaling: {agree} numbers agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
