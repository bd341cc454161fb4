#!/usr/bin/env python3
"""Check "setting_effect" in hardware_metadata.json (issue 16 items 4 and
5, README "The effect of a setting") against scipy.

usage: tests/check-effect.py HARDWARE_METADATA.json EXPECTED.json
           --by COLUMNS --baseline VALUES [--factor COLUMN=VALUE:METRIC=F]
           [--report STDOUT] [--emit]

EXPECTED.json is tests/ref/reference.py --by COLUMNS over the same folder:
its groups (typed values), counts, means and standard deviations, computed
without tierstat. From them, on its own, this script finds each machine
(hardware_tier, device_type), each group's baseline group (the same
machine, the --baseline values for the first columns, its own for the
rest; "none" is the empty value, booleans in any case) and per metric
the ratio of means with its 95 % interval on the log ratio: the delta
method, var = std^2 / (n mean^2) per side, Welch-Satterthwaite degrees of
freedom, scipy.stats.t.ppf(0.975, df). Numbers agree to 1e-9 relative;
the machines, their order, the notes and `measured` exactly.

--factor (repeatable) COLUMN=VALUE:METRIC=F[:TOL], for example INT4 on peak
memory 0.55 (genfolder --mixed-settings multiplies the INT4 rows' peak
memory by 0.55, RTF by 1.25, tokens per second by 0.8): every measured comparison
of a group with that value against one without has the metric's ratio
within TOL of F (1/F the other way round), so a ratio that is right by
the formula but of the wrong groups fails. TOL (default 0.10) is the
share it may be off: tokens per second vary more from run to run (the
texts differ), so the tests give it 0.25, still far from 1/F.

--fig7 CSV: fig7_setting_effect.csv must hold what GOT holds: a line per
comparison and metric (ratio and interval the same doubles), one per
machine not measured with its note.

--emit: print the setting_effect object this script expects (for a
golden case's expected.json) instead of checking; GOT is not read.

--report: tierstat's console output; each comparison's line must be in it,
built here from the expected numbers (three significant digits).

Prints one line per problem and exits 1, else "check-effect: N numbers
agree" and exits 0. Needs scipy.
"""
import argparse
import json
import math
import sys

from scipy import stats

REL = 1e-9
METRICS = ("rtf", "peak_memory_mb", "tokens_per_second")
NAMES = {"rtf": "RTF", "peak_memory_mb": "peak memory",
         "tokens_per_second": "tokens per second"}
BOOL_SHORT = {"torch_compile_used": "compile", "onnx_used": "ONNX",
              "throttle_detected": "throttled"}
INT_SHORT = {"chunk_length": "chunk", "num_threads": "threads"}
problems = []
checked = 0


def same(what, got, want):
    global checked
    checked += 1
    if want is None or got is None:
        if want is not got:
            problems.append("%s: %r, expected %r" % (what, got, want))
        return
    if not math.isclose(got, want, rel_tol=REL, abs_tol=1e-300):
        problems.append("%s: %r, expected %r" % (what, got, want))


def matches(want, v):
    """Whether typed group value v is the --baseline text want."""
    if want == "none":
        return v is None or v == "none"
    if v is None:
        return False
    if isinstance(v, bool):
        return want.lower() == str(v).lower()
    if isinstance(v, int):
        try:
            return int(want) == v
        except ValueError:
            return False
    return want == v


def canonical(want, sample):
    """The baseline text as a group's typed value (sample: a value of its
    column, for its type)."""
    if want == "none":
        return None
    if isinstance(sample, bool):
        return want.lower() == "true"
    if isinstance(sample, int) and not isinstance(sample, bool):
        return int(want)
    return want


def part(col, v):
    """A value as the labels write it (README "Optimisation settings")."""
    if col in BOOL_SHORT or isinstance(v, bool):
        if v is None:
            return "%s none" % BOOL_SHORT.get(col, col)
        return ("" if v else "no ") + BOOL_SHORT.get(col, col)
    if col in INT_SHORT:
        return "%s %s" % (INT_SHORT[col], "none" if v is None else v)
    return "none" if v is None else str(v)


def sig3(x):
    return "%.0f" % x if x >= 100 else "%#.3g" % x


def ratio(a, b):
    """(ratio, [lo, hi], df) of means a over b, each {n, mean, std}."""
    if not (a.get("mean") and b.get("mean")) or a["mean"] <= 0 or b["mean"] <= 0:
        return None, None, None
    r = a["mean"] / b["mean"]
    if a.get("std") is None or b.get("std") is None or a["n"] < 2 or b["n"] < 2:
        return r, None, None
    va = a["std"] ** 2 / (a["n"] * a["mean"] ** 2)
    vb = b["std"] ** 2 / (b["n"] * b["mean"] ** 2)
    if va + vb == 0:
        return r, [r, r], None
    df = (va + vb) ** 2 / (va ** 2 / (a["n"] - 1) + vb ** 2 / (b["n"] - 1))
    h = stats.t.ppf(0.975, df) * math.sqrt(va + vb)
    return r, [r * math.exp(-h), r * math.exp(h)], df


def expected(ref, by, base):
    """[(machine key, label, [(tier, baseline tier or None, note)], only)]"""
    n = len(base)
    tiers = ref["tiers"]
    machines = {}
    for t in tiers:
        machines.setdefault("%s_%s" % (t["hardware_tier"], t["device_type"]), []).append(t)
    out = []
    for key in sorted(machines):
        groups = machines[key]
        label = groups[0]["label"].rsplit(" (", 1)[0]

        def is_base(t):
            return all(matches(base[k], t["group"][by[k]]) for k in range(n))
        cmps = []
        for g in groups:
            if is_base(g):
                continue
            partner = None
            for b in groups:
                if is_base(b) and all(b["group"][by[k]] == g["group"][by[k]]
                                      for k in range(n, len(by))):
                    partner = b
                    break
            want = [canonical(base[k], g["group"][by[k]]) if k < n else g["group"][by[k]]
                    for k in range(len(by))]
            text = ", ".join(part(by[k], want[k]) for k in range(len(by)))
            cmps.append((g, partner, None if partner else "no %s rows" % text))
        first = [tuple(json.dumps(t["group"][by[k]]) for k in range(n)) for t in groups]
        only = None
        if groups[0]["from"] != "csv":
            only = "settings unknown: analysis JSON only"
        elif len(set(first)) == 1:
            only = "only " + ", ".join(part(by[k], groups[0]["group"][by[k]]) for k in range(n))
        out.append((key, label, cmps, only))
    return out



def emit(ref, by, base):
    """The setting_effect object expected() describes, as JSON."""
    samples = {c: next((t["group"][c] for t in ref["tiers"] if t["group"][c] is not None), None)
               for c in by}
    machines = []
    for key, label, cmps, only in expected(ref, by, base):
        out = []
        for g, p, note in cmps:
            c = {"tier": g["key"], "group": g["group"], "baseline_tier": p["key"] if p else None,
                 "note": note}
            for metric in METRICS:
                r, ci, df = ratio(g["metrics"][metric], p["metrics"][metric]) if p else (None, None, None)
                c[metric] = {"ratio": r, "ci95": ci, "df": df}
            out.append(c)
        machines.append({"machine": key, "label": label,
                         "measured": any(p is not None for _, p, _ in cmps),
                         "note": only, "comparisons": out})
    return {"by": by, "baseline": {by[k]: canonical(base[k], samples[by[k]]) for k in range(len(base))},
            "machines": machines}


def check_fig7(path, eff):
    """The figure's data against the JSON it is drawn from."""
    import csv
    global checked
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    want = []
    for m in eff["machines"]:
        if m["note"]:
            want.append((m["machine"], "", "", m["note"], None))
            continue
        for c in m["comparisons"]:
            for metric in METRICS:
                want.append((m["machine"], c["tier"], metric, c["note"] or "", c[metric]))
    if len(rows) != len(want):
        problems.append("fig7 CSV: %d lines, expected %d" % (len(rows), len(want)))
        return
    for r, (machine, tier, metric, note, q) in zip(rows, want):
        if (r["machine"], r["tier"], r["metric"], r["note"]) != (machine, tier, metric, note):
            problems.append("fig7 CSV: %r, expected %r" % (r, (machine, tier, metric, note)))
            continue
        if q is None:
            continue
        got = [float(r[k]) if r[k] else None for k in ("ratio", "ci95_lo", "ci95_hi")]
        exp = [q["ratio"]] + (q["ci95"] if q["ci95"] else [None, None])
        checked += 3
        if got != exp:
            problems.append("fig7 CSV %s %s: %r, expected %r" % (tier, metric, got, exp))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("got")
    ap.add_argument("expected")
    ap.add_argument("--by", required=True)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--factor", action="append", default=[])
    ap.add_argument("--report")
    ap.add_argument("--emit", action="store_true")
    ap.add_argument("--fig7")
    a = ap.parse_args()
    by = a.by.split(",")
    base = a.baseline.split(",")
    ref = json.load(open(a.expected))
    if a.emit:
        ref["setting_effect"] = emit(ref, by, base)
        print(json.dumps(ref, indent=2))
        return 0
    got = json.load(open(a.got))
    eff = got.get("setting_effect")
    if eff is None:
        print("check-effect: setting_effect is null")
        return 1
    if eff["by"] != by:
        problems.append("by: %r, expected %r" % (eff["by"], by))
    report = open(a.report).read().splitlines() if a.report else None
    want = expected(ref, by, base)
    gm = eff["machines"]
    if [m["machine"] for m in gm] != [w[0] for w in want]:
        problems.append("machines: %r, expected %r" % ([m["machine"] for m in gm], [w[0] for w in want]))
        want = []
    factor = []
    for fa in a.factor:
        lhs, rhs, *tol = fa.split(":")
        fcol, fval = lhs.split("=")
        fmetric, f = rhs.split("=")
        factor.append((fcol, fval, fmetric, float(f), float(tol[0]) if tol else 0.10))
    factors = 0
    for m, (key, label, cmps, only) in zip(gm, want):
        measured = any(p is not None for _, p, _ in cmps)
        if m["label"] != label or m["measured"] != measured or m["note"] != only:
            problems.append("%s: label/measured/note %r %r %r, expected %r %r %r"
                            % (key, m["label"], m["measured"], m["note"], label, measured, only))
        if report is not None and only and "%s: not measured (%s)" % (label, only) not in report:
            problems.append("%s: no report line 'not measured (%s)'" % (key, only))
        if len(m["comparisons"]) != len(cmps):
            problems.append("%s: %d comparisons, expected %d" % (key, len(m["comparisons"]), len(cmps)))
            continue
        for c, (g, p, note) in zip(m["comparisons"], cmps):
            what = "%s vs %s" % (g["key"], p["key"] if p else None)
            if c["tier"] != g["key"] or c["baseline_tier"] != (p["key"] if p else None) or c["note"] != note:
                problems.append("%s: tier %r baseline %r note %r, expected note %r"
                                % (what, c["tier"], c["baseline_tier"], c["note"], note))
            line = "%s: %s vs " % (label, ", ".join(part(col, g["group"][col]) for col in by))
            parts = []
            for metric in METRICS:
                r, ci, df = ratio(g["metrics"][metric], p["metrics"][metric]) if p else (None, None, None)
                q = c[metric]
                same("%s %s ratio" % (what, metric), q["ratio"], r)
                same("%s %s df" % (what, metric), q["df"], df)
                for i in range(2):
                    same("%s %s ci95[%d]" % (what, metric, i), q["ci95"][i] if q["ci95"] else None,
                         ci[i] if ci else None)
                if r is not None:
                    s = "%s %sx" % (NAMES[metric], sig3(r))
                    if ci:
                        s += " (%s%s-%s)" % ("" if parts else "95 % CI ", sig3(ci[0]), sig3(ci[1]))
                    parts.append(s)
                for fcol, fval, fmetric, fac, tol in factor:
                    if not p or metric != fmetric:
                        continue
                    gv, pv = g["group"].get(fcol), p["group"].get(fcol)
                    f = fac if gv == fval else 1 / fac if pv == fval else None
                    if f is not None:
                        factors += 1
                        if abs(q["ratio"] / f - 1) > tol:
                            problems.append("%s %s: ratio %r is not within %g %% of the generator's %r"
                                            % (what, metric, q["ratio"], 100 * tol, f))
            if report is not None and not only and p and parts:
                full = [x for x in report if x.startswith(line)]
                if not any(x.endswith(": " + ", ".join(parts)) for x in full):
                    problems.append("%s: report line %r, expected it to end %r"
                                    % (what, full, ", ".join(parts)))
    if a.fig7:
        check_fig7(a.fig7, eff)
    if factor and factors == 0:
        problems.append("--factor: no comparison of %s against another value was measured" % factor[0][1])
    for p in problems:
        print("check-effect: " + p)
    if problems:
        return 1
    print("check-effect: %d numbers agree%s" % (checked, ", %d known factors" % factors if factor else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
