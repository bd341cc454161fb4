#!/usr/bin/env python3
"""The interval fields of hardware_metadata.json, computed with scipy/numpy.

    python3 tests/ref/intervals.py [--warmup N] [--reference KEY] METRICS_DIR > expected.json

Reads the folder with reference.py (the same rules, standard library), then
computes for every tier and metric what tierstat adds beside the six
numbers of METRICS.md section 4 (README "Intervals, quantiles and
outliers"), another way than src/stats.c does:

* se = std / sqrt(n) with numpy's std (ddof 1); ci95 = mean -+ t se, t the
  0.975 quantile of Student's t with n - 1 df (check_stats.t975: scipy's
  betaincinv, exact where Debian 12's t.ppf is not);
* p05, q1, q3, p95 = numpy.quantile(method="linear"), pandas' default;
* outliers = counts of values strictly beyond Tukey's fences (numpy
  comparisons), mild (1.5 IQR but not 3) and severe (3 IQR);
* success_ci95 = scipy.stats.binomtest(k, n).proportion_ci(0.95, "wilson"),
  per tier and for every tier whose success is known, pooled;
* with --reference KEY (a tier key): per tier, the ratio of its mean to
  KEY's for rtf, peak_memory_mb, tokens_per_second, total_duration_s, the
  interval exp(log r -+ t975(df) se) with se^2 = s_a^2/(n_a m_a^2) +
  s_b^2/(n_b m_b^2) (delta method, numpy's ddof 1) and Welch-Satterthwaite
  df; the reference itself 1 with no interval.

Prints a document with only those fields (and the keys), for
tests/ref/compare.py, which needs every field of EXPECTED in ACTUAL.
"""

import json
import math
import os
import sys

import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference  # noqa: E402
from check_stats import t975  # noqa: E402


def wilson(k, n):
    if n is None or k is None or n <= 0:
        return None
    ci = stats.binomtest(k, n).proportion_ci(0.95, method="wilson")
    return [float(ci.low), float(ci.high)]


def spread(vals):
    """The fields tierstat adds to a metric, from its finite values."""
    n = len(vals)
    a = np.array(vals, dtype=float)
    out = {"se": None, "ci95": None, "p05": None, "q1": None, "q3": None,
           "p95": None, "outliers": {"mild": 0, "severe": 0}}
    if n == 0:
        return out
    q = {p: float(np.quantile(a, p, method="linear"))
         for p in (0.05, 0.25, 0.75, 0.95)}
    out.update(p05=q[0.05], q1=q[0.25], q3=q[0.75], p95=q[0.95])
    iqr = q[0.75] - q[0.25]
    severe = int(np.sum((a < q[0.25] - 3 * iqr) | (a > q[0.75] + 3 * iqr)))
    outside = int(np.sum((a < q[0.25] - 1.5 * iqr) | (a > q[0.75] + 1.5 * iqr)))
    out["outliers"] = {"mild": outside - severe, "severe": severe}
    if n >= 2:
        mean = math.fsum(vals) / n
        se = float(np.std(a, ddof=1)) / math.sqrt(n)
        t = t975(n - 1)
        out["se"] = se
        out["ci95"] = [mean - t * se, mean + t * se]
    return out


RELATIVE = ["rtf", "peak_memory_mb", "tokens_per_second", "total_duration_s"]


def values(t, m):
    if not t.rows or not t.has_success:
        return []
    ok = [r for r in t.rows if reference.parse_bool(r.get("success")) is True]
    return [v for v in (reference.parse_float(r.get(m)) for r in ok)
            if reference.finite(v)]


def ratio(a, b):
    """mean(a) / mean(b) with its 95 % interval on the log ratio."""
    if len(a) < 2 or len(b) < 2:
        return None
    ma, mb = math.fsum(a) / len(a), math.fsum(b) / len(b)
    if ma <= 0 or mb <= 0:
        return None
    va = float(np.var(a, ddof=1)) / (len(a) * ma * ma)
    vb = float(np.var(b, ddof=1)) / (len(b) * mb * mb)
    r = ma / mb
    if va + vb == 0:
        return {"ratio": r, "ci95": [r, r], "df": None}
    df = (va + vb) ** 2 / (va * va / (len(a) - 1) + vb * vb / (len(b) - 1))
    h = t975(df) * math.sqrt(va + vb)
    return {"ratio": r, "ci95": [r * math.exp(-h), r * math.exp(h)], "df": df}


def relative(t, ref):
    e = {"reference": ref.key}
    for m in RELATIVE:
        if t is ref:
            e[m] = {"ratio": 1.0, "ci95": None, "df": None}
        else:
            e[m] = ratio(values(t, m), values(ref, m)) or \
                {"ratio": None, "ci95": None, "df": None}
    return e


def tier_fields(t):
    e = {"key": t.key}
    if not t.rows:   # from analysis JSON alone: counts only
        a = t.analysis
        e["success_ci95"] = wilson(a.get("successful_runs"), a.get("total_runs"))
        return e, a.get("successful_runs"), a.get("total_runs")
    ok = [r for r in t.rows if reference.parse_bool(r.get("success")) is True] \
        if t.has_success else []
    k = len(ok) if t.has_success else None
    e["success_ci95"] = wilson(k, len(t.rows))
    e["metrics"] = {}
    for m in reference.METRICS:
        vals = [v for v in (reference.parse_float(r.get(m)) for r in ok)
                if reference.finite(v)]
        e["metrics"][m] = spread(vals)
    return e, k, len(t.rows)


def main(argv):
    warmup, ref_key = 0, None
    while len(argv) >= 4 and argv[1] in ("--warmup", "--reference"):
        if argv[1] == "--warmup":
            warmup = int(argv[2])
        else:
            ref_key = argv[2]
        argv = argv[:1] + argv[3:]
    if len(argv) != 2:
        print("usage: intervals.py [--warmup N] [--reference KEY] METRICS_DIR",
              file=sys.stderr)
        return 2
    tiers = [t for t in reference.build(argv[1], warmup)
             if t.rows or t.analysis is not None]
    ref = [t for t in tiers if t.key == ref_key]
    entries, tests, succ, counted = [], 0, 0, 0
    for t in tiers:
        e, k, n = tier_fields(t)
        if ref and t.rows and ref[0].rows:
            e["relative"] = relative(t, ref[0])
        entries.append(e)
        if k is not None and n:
            tests, succ, counted = tests + n, succ + k, counted + 1
    doc = {"pooled": {"tiers": counted, "tests": tests, "successful": succ,
                      "success_rate": succ / tests if tests else None,
                      "success_ci95": wilson(succ, tests)},
           "tiers": entries}
    json.dump(doc, sys.stdout, indent=2, allow_nan=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
