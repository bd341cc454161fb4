#!/usr/bin/env python3
"""tierstat's interval statistics (src/stats.h) against scipy and numpy.

    python3 tests/ref/check_stats.py DRIVER [METRICS_DIR]

DRIVER is build/san/statsdrv (tests/ref/statsdrv.c), which prints what
tierstat computes; this script feeds it generated arrays (fixed seeds)
and, with METRICS_DIR (default fixtures/thesis/metrics), every metric of
every tier of that folder's synthesis files, and computes each number
again another way:

* se = std / sqrt(n), ci95 = mean -+ t se, t the 0.975 quantile of
  Student's t (see t975 below: not scipy.stats.t.ppf)
* p05, q1, q3, p95 = numpy.quantile (method "linear", pandas' default),
  and Hyndman-Fan type 7 written out here from the definition
* Tukey counts and first indices from numpy comparisons
* Wilson = scipy.stats.binomtest(k, n).proportion_ci(0.95, "wilson")
* ratio = exp(log(mean_a / mean_b) -+ t975(df) se),
  delta-method se, Welch-Satterthwaite df
* warm-up = first > max(rest) and first > 2 * numpy.median(all)
* least squares = scipy.stats.linregress (slope, intercept, stderr,
  intercept_stderr, rvalue^2), intervals estimate -+ t975(n - 2) se;
  on generated pairs and on total_duration_s against text_length_tokens
  of every tier of the folder (successful rows, both finite)

Numbers must agree to 1e-9 relative (|a - e| <= 1e-9 max(|a|, |e|)),
counts and "none" (NaN) exactly. Prints one line per disagreement and
exits 1, else "check_stats: N numbers agree" and exits 0.
"""

import csv
import glob
import math
import os
import random
import subprocess
import sys

import numpy as np
import scipy
from scipy import special, stats

REL = 1e-9
METRICS = ["peak_memory_mb", "rtf", "tokens_per_second", "total_duration_s",
           "peak_gpu_memory_mb", "peak_temperature_c"]
NAN = float("nan")


class Checker:
    def __init__(self):
        self.agree = 0
        self.bad = []

    def num(self, what, actual, expected, floor=0.0):
        """floor: an absolute tolerance for results computed by
        subtraction near zero (a few ulps of the data's magnitude)."""
        if math.isnan(expected) or math.isnan(actual):
            ok = math.isnan(expected) and math.isnan(actual)
        else:
            ok = abs(actual - expected) <= max(REL * max(abs(actual), abs(expected)), floor)
        self.record(ok, what, actual, expected)

    def exact(self, what, actual, expected):
        self.record(actual == expected, what, actual, expected)

    def record(self, ok, what, actual, expected):
        if ok:
            self.agree += 1
        else:
            self.bad.append(f"{what}: tierstat {actual!r} != reference {expected!r}")


def t975(df):
    """The 0.975 quantile of Student's t from the inverse regularized
    incomplete beta function: P(|T| > t) = I_x(df/2, 1/2) with
    x = df / (df + t^2), so t = sqrt(df (1 - x) / x) for x at 0.05.
    scipy 1.10's t.ppf (cephes stdtri, Debian 12) is up to 1e-9 relative
    off for small df (2.4469118487916806 for df 6; exact
    2.44691185114497), which mean -+ t se can magnify past 1e-9; this
    form agrees with the closed forms for even df to the last bit."""
    x = float(special.betaincinv(df / 2, 0.5, 0.05))
    return math.sqrt(df * (1 - x) / x)


def type7(sorted_v, p):
    """Hyndman and Fan (1996) definition 7, from the paper's formula."""
    n = len(sorted_v)
    h = (n - 1) * p
    j = math.floor(h)
    if j >= n - 1:
        return sorted_v[n - 1]
    return sorted_v[j] + (h - j) * (sorted_v[j + 1] - sorted_v[j])


def ref_values(v):
    n = len(v)
    r = {"n": n}
    x = np.array(v, dtype=float)
    r["mean"] = float(np.mean(x)) if n else NAN
    r["std"] = float(np.std(x, ddof=1)) if n >= 2 else NAN
    if n >= 2:
        se = r["std"] / math.sqrt(n)
        t = t975(n - 1)
        r["se"], r["ci_lo"], r["ci_hi"] = se, r["mean"] - t * se, r["mean"] + t * se
    else:
        r["se"] = r["ci_lo"] = r["ci_hi"] = NAN
    ps = [0.05, 0.25, 0.75, 0.95]
    names = ["p05", "q1", "q3", "p95"]
    if n:
        q = np.quantile(x, ps)
        s = sorted(v)
        for name, p, qv in zip(names, ps, q):
            r[name] = float(qv)
            r[name + "_hf7"] = type7(s, p)
        iqr = r["q3"] - r["q1"]
        severe = (x < r["q1"] - 3 * iqr) | (x > r["q3"] + 3 * iqr)
        outside = (x < r["q1"] - 1.5 * iqr) | (x > r["q3"] + 1.5 * iqr)
        mild = outside & ~severe
        r["mild"], r["severe"] = int(mild.sum()), int(severe.sum())
        r["first_mild"] = int(np.nonzero(mild)[0][0]) if mild.any() else -1
        r["first_severe"] = int(np.nonzero(severe)[0][0]) if severe.any() else -1
    else:
        for name in names:
            r[name] = r[name + "_hf7"] = NAN
        r["mild"] = r["severe"] = 0
        r["first_mild"] = r["first_severe"] = -1
    r["warmup"] = int(n >= 2 and v[0] > max(v[1:]) and v[0] > 2 * float(np.median(x)))
    return r


def ref_wilson(k, n):
    if n <= 0 or k < 0 or k > n:
        return -1, NAN, NAN
    ci = stats.binomtest(k, n).proportion_ci(0.95, method="wilson")
    return 0, float(ci.low), float(ci.high)


def ref_ratio(a, b):
    none = (-1, NAN, NAN, NAN, NAN, NAN)
    if len(a) < 2 or len(b) < 2:
        return none
    ma, mb = float(np.mean(a)), float(np.mean(b))
    if not (ma > 0 and mb > 0):
        return none
    sa, sb = float(np.std(a, ddof=1)), float(np.std(b, ddof=1))
    va, vb = sa ** 2 / (len(a) * ma ** 2), sb ** 2 / (len(b) * mb ** 2)
    r = ma / mb
    se = math.sqrt(va + vb)
    if va + vb == 0:
        return 0, r, r, r, NAN, 0.0
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    t = t975(df)
    return (0, r, math.exp(math.log(r) - t * se), math.exp(math.log(r) + t * se), df, se)


def ref_ols(x, y):
    """rc n distinct slope intercept se_slope se_intercept slope_lo
    slope_hi intercept_lo intercept_hi r_squared, as statsdrv prints."""
    n, distinct = len(x), len(set(x))
    if n < 3 or distinct < 2:
        return [-1, n, distinct] + [NAN] * 9
    r = stats.linregress(np.array(x, dtype=float), np.array(y, dtype=float))
    t = t975(n - 2)
    r2 = NAN if len(set(y)) == 1 else float(r.rvalue) ** 2
    b, a, sb, sa = float(r.slope), float(r.intercept), float(r.stderr), float(r.intercept_stderr)
    return [0, n, distinct, b, a, sb, sa, b - t * sb, b + t * sb, a - t * sa, a + t * sa, r2]


def generated_pairs():
    """(x, y, exact line?) lists: edge cases, then random ones (fixed seed)."""
    rng = random.Random(29)
    pairs = [([], [], False), ([1.0], [2.0], False), ([1.0, 2.0], [3.0, 5.0], False),
             ([4.0, 4.0, 4.0], [1.0, 2.0, 3.0], False),
             ([1.0, 2.0, 3.0], [2.0, 2.0, 2.0], False),
             ([1.0, 2.0, 3.0], [1.0, 3.0, 2.0], False),
             ([1.0, 1.0, 2.0, 2.0], [1.0, 1.5, 2.5, 2.0], False),
             ([1.0, 2.0, 3.0, 4.0], [3.0, 5.0, 7.0, 9.0], True)]
    for n in [3, 4, 5, 8, 13, 30, 100, 500]:
        x = [float(rng.randint(5, 400)) for _ in range(n)]       # tokens, with ties
        pairs.append((x, [0.8 + 0.011 * xi + rng.gauss(0, 0.3) for xi in x], False))
        x = [rng.uniform(1e6, 1e6 + 10) for _ in range(n)]       # far from 0
        pairs.append((x, [-3.0 * xi + rng.gauss(0, 2) for xi in x], False))
        x = [rng.lognormvariate(3, 1) for _ in range(n)]
        pairs.append((x, [rng.lognormvariate(0, 1) for _ in x], False))   # no relation
    return pairs


def fixture_pairs(folder):
    """{tier key: (tokens, durations)} of successful rows with both finite."""
    tiers = {}
    for path in sorted(glob.glob(os.path.join(folder, "**", "synthesis_*.csv"), recursive=True)):
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                if row.get("success") != "True":
                    continue
                key = row["hardware_tier"] + "_" + row["device_type"]
                xs, ys = tiers.setdefault(key, ([], []))
                try:
                    x, y = float(row["text_length_tokens"]), float(row["total_duration_s"])
                except (KeyError, ValueError):
                    continue
                if math.isfinite(x) and math.isfinite(y):
                    xs.append(x)
                    ys.append(y)
    return tiers


def check_ols(c, driver, folder):
    cases = [(f"ols generated[{i}] (n={len(x)})", x, y, exact)
             for i, (x, y, exact) in enumerate(generated_pairs())]
    for key, (x, y) in sorted(fixture_pairs(folder).items()):
        cases.append((f"ols fixture {key} total_duration_s ~ text_length_tokens", x, y, False))
    got = run_driver(driver, [f"ols {fmt(x)} / {fmt(y)}\n" for _, x, y, _ in cases])
    names = ["rc", "n", "distinct_x", "slope", "intercept", "slope_se", "intercept_se",
             "slope_lo", "slope_hi", "intercept_lo", "intercept_hi", "r_squared"]
    for (what, x, y, exact), g in zip(cases, got):
        e = ref_ols(x, y)
        for name, a, b in zip(names[:3], g[:3], e[:3]):
            c.exact(f"{what} {name}", int(a), b)
        for k, (name, a, b) in enumerate(zip(names[3:], g[3:], e[3:])):
            # an exact line: the standard errors are 0 up to rounding
            # (linregress's (1 - r^2) is not), so near 0 in absolute terms
            floor = 1e-12 * max(abs(e[3]), abs(e[4])) if exact else 0.0
            c.num(f"{what} {name}", a, b, floor)


def generated():
    """Arrays of values: edge cases, then random ones (fixed seed)."""
    rng = random.Random(13)
    arrays = [[], [4.2], [1.0, 3.0], [2.0, 2.0], [5.0] * 7, [0.5, 0.25, 0.125],
              [1, 2, 3, 4], list(range(1, 11)), list(range(1, 11)) + [100.0],
              [9.5, 1.0, 1.1, 0.9, 1.2, 1.05], [3.0, 1.0],
              [-3.5, -1.25, 0.0, 2.0, 7.75],
              # q1 2, q3 4: a value on each fence (-4, -1, 7, 10), none beyond
              [4.0, -1.0, 2.0, 10.0, 2.0, 3.0, 4.0, -4.0, 2.0, 7.0, 4.0],
              [4.0, -1.5, 2.0, 10.5, 2.0, 3.0, 4.0, -4.5, 2.0, 7.5, 4.0]]
    for n in [3, 4, 5, 7, 10, 15, 25, 50, 120, 1000]:
        arrays.append([rng.gauss(50, 8) for _ in range(n)])
        arrays.append([rng.lognormvariate(0, 1.2) for _ in range(n)])
        arrays.append([float(rng.randint(1, 6)) for _ in range(n)])  # ties
        with_out = [rng.gauss(10, 1) for _ in range(n)]
        with_out[rng.randrange(n)] = 10 + 20 * rng.choice([-1, 1])
        arrays.append(with_out)
        cold = [rng.uniform(0.1, 0.3) for _ in range(n)]
        cold[0] = rng.uniform(0.5, 2.0)
        arrays.append(cold)
        arrays.append([1e8 + rng.random() for _ in range(n)])
    return arrays


def fixture_arrays(folder):
    """{tier key: {metric: [values]}} from the synthesis files, rows of
    successful requests, files in path order (as tierstat reads them)."""
    tiers = {}
    for path in sorted(glob.glob(os.path.join(folder, "**", "synthesis_*.csv"), recursive=True)):
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                if row.get("success") != "True":
                    continue
                key = row["hardware_tier"] + "_" + row["device_type"]
                t = tiers.setdefault(key, {m: [] for m in METRICS})
                for m in METRICS:
                    try:
                        x = float(row[m])
                    except (KeyError, ValueError):
                        continue
                    if math.isfinite(x):
                        t[m].append(x)
    return tiers


def fixture_counts(folder):
    k = n = 0
    for path in glob.glob(os.path.join(folder, "**", "synthesis_*.csv"), recursive=True):
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                n += 1
                k += row.get("success") == "True"
    return k, n


def fmt(v):
    return " ".join(repr(float(x)) for x in v)


def run_driver(driver, lines):
    out = subprocess.run([driver], input="".join(lines), capture_output=True,
                         text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"check_stats: {driver} failed (exit {out.returncode}): {out.stderr.strip()}")
    got = out.stdout.splitlines()
    if len(got) != len(lines):
        sys.exit(f"check_stats: {driver} printed {len(got)} lines for {len(lines)}")
    return [[float(x) for x in g.split()] for g in got]


def check_values(c, what, v, got):
    r = ref_values(v)
    mag = max((abs(x) for x in v), default=0.0)
    floor = 8 * sys.float_info.epsilon * mag
    keys = ["n", "mean", "std", "se", "ci_lo", "ci_hi", "p05", "q1", "q3", "p95"]
    for k, a in zip(keys, got):
        c.num(f"{what} {k}", a, float(r[k]))
    for k, a in zip(["p05", "q1", "q3", "p95"], got[6:10]):
        c.num(f"{what} {k} (type 7 by hand)", a, float(r[k + "_hf7"]), floor)
    for k, a in zip(["mild", "severe", "first_mild", "first_severe", "warmup"], got[10:15]):
        c.exact(f"{what} {k}", int(a), r[k])


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    driver = sys.argv[1]
    folder = sys.argv[2] if len(sys.argv) == 3 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "thesis", "metrics")
    c = Checker()

    cases = [(f"generated[{i}] (n={len(v)})", v) for i, v in enumerate(generated())]
    fx = fixture_arrays(folder)
    for key in sorted(fx):
        for m in METRICS:
            cases.append((f"fixture {key} {m}", fx[key][m]))
    got = run_driver(driver, [f"values {fmt(v)}\n" for _, v in cases])
    for (what, v), g in zip(cases, got):
        check_values(c, what, v, g)

    k, n = fixture_counts(folder)
    pairs = [(k, n), (49, 50), (15, 15), (29, 30), (118, 120), (0, 0), (3, 2), (-1, 4)]
    pairs += [(kk, nn) for nn in (1, 2, 3, 10, 30, 1000) for kk in range(0, nn + 1, max(1, nn // 10))]
    got = run_driver(driver, [f"wilson {kk} {nn}\n" for kk, nn in pairs])
    for (kk, nn), g in zip(pairs, got):
        e = ref_wilson(kk, nn)
        c.exact(f"wilson {kk}/{nn} rc", int(g[0]), e[0])
        c.num(f"wilson {kk}/{nn} lo", g[1], e[1])
        c.num(f"wilson {kk}/{nn} hi", g[2], e[2])

    gen = generated()
    rpairs = [("fixture intel_i5_cpu / nvidia_rtx3060_cuda rtf",
               fx["intel_i5_cpu"]["rtf"], fx["nvidia_rtx3060_cuda"]["rtf"])]
    for m in METRICS:
        keys = sorted(fx)
        for ka in keys:
            for kb in keys:
                rpairs.append((f"fixture {ka} / {kb} {m}", fx[ka][m], fx[kb][m]))
    for i in range(len(gen) - 1):
        rpairs.append((f"generated[{i}] / generated[{i + 1}]", gen[i], gen[i + 1]))
    got = run_driver(driver, [f"ratio {fmt(a)} / {fmt(b)}\n" for _, a, b in rpairs])
    names = ["rc", "ratio", "lo", "hi", "df", "se_log"]
    for (what, a, b), g in zip(rpairs, got):
        e = ref_ratio(a, b)
        c.exact(f"{what} rc", int(g[0]), e[0])
        for name, x, y in zip(names[1:], g[1:], e[1:]):
            c.num(f"{what} {name}", x, y)
    check_ols(c, driver, folder)
    r = got[0]
    print(f"check_stats: fixture intel_i5_cpu/nvidia_rtx3060_cuda RTF ratio "
          f"{r[1]:.2f} [{r[2]:.2f}, {r[3]:.2f}], df {r[4]:.1f}; pooled success {k}/{n}")

    for line in c.bad:
        print(line)
    if c.bad:
        print(f"check_stats: {len(c.bad)} disagreements, {c.agree} numbers agree")
        return 1
    print(f"check_stats: {c.agree} numbers agree (scipy {scipy.__version__}, numpy {np.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
