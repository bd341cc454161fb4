#!/usr/bin/env python3
"""Check numbers.tex of one tierstat run against its hardware_metadata.json.

usage: tests/check-numbers.py OUT_DIR

Every \\tierstat@def{TIER}{NAME}{VALUE} line of numbers.tex is read, and
for every tier of the JSON (and `all`) each documented NAME must be
there exactly once, with the VALUE that the rounding rule of README
"Tables" gives for the JSON's numbers. The rule is implemented here on
its own, from its words (Python's correctly rounded formatting and
Decimal, not tierstat's code): the error to two significant digits, the
mean at the same decimal place; a value alone to three significant
digits, its integer part kept; an interval at the place of its half
width. Prints one line per problem; exit status 1 if there was any.
"""
import json
import math
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_EVEN

problems = []

# ---------------------------------------------------------------- rounding

def exp10(x, sig):
    """Decimal exponent of x once rounded to sig significant digits."""
    return int(f"{x:.{sig - 1}e}".split("e")[1])


def unsign(s):
    return s[1:] if s.startswith("-") and not re.search(r"[1-9]", s.split("e")[0]) else s


def at_place(x, place, sci):
    if sci:
        if x == 0:
            return "0"
        k = min(exp10(x, 17) - place, 15)
        s = f"{x:.{k}e}"
        if int(s.split("e")[1]) > exp10(x, 17):
            s = f"{float(s):.{k + 1}e}"
        return unsign(s)
    if place <= 0:
        return unsign(f"{x:.{-place}f}")
    q = Decimal(10) ** place
    n = (Decimal(x) / q).quantize(Decimal(1), rounding=ROUND_HALF_EVEN) * q
    return unsign(f"{n:.0f}")


def value3(v):
    if v is None or not math.isfinite(v):
        return "--"
    if v == 0:
        return "0"
    if abs(v) < 1e-4 or abs(v) >= 1e16:
        return unsign(f"{v:.2e}")
    e = exp10(v, 3)
    return at_place(v, 0 if e >= 2 else e - 2, False)


def use_sci(place, xs):
    return place < -5 or any(abs(x) >= 1e16 for x in xs)


def pair(mean, err):
    """(mean text, error text or None)."""
    if mean is None or not math.isfinite(mean):
        return "--", None
    if err is None or not math.isfinite(err) or err < 0:
        return value3(mean), None
    if err == 0:
        return value3(mean), "0"
    place = exp10(err, 2) - 1
    sci = use_sci(place, [mean, err])
    return at_place(mean, place, sci), at_place(err, place, sci)


def interval(v, ci):
    """(value, lo, hi) texts; lo and hi None without an interval."""
    if v is None or not math.isfinite(v):
        return "--", None, None
    if ci is None or ci[0] is None or ci[1] is None or ci[0] > ci[1] \
            or not math.isfinite((ci[1] - ci[0]) / 2):
        return value3(v), None, None
    lo, hi = ci
    half = (hi - lo) / 2
    if half == 0:
        return value3(v), value3(lo), value3(hi)
    place = exp10(half, 2) - 1
    sci = use_sci(place, [v, lo, hi])
    return at_place(v, place, sci), at_place(lo, place, sci), at_place(hi, place, sci)

# ---------------------------------------------------------------- LaTeX

TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
       "%": r"\%", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
       "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}",
       "|": r"\textbar{}", "[": "{[}", "]": "{]}", "*": "{*}",
       "\u00b1": r"\ensuremath{\pm}", "\u00a0": "~", "\u2013": "--"}


def tex_text(s):
    out = []
    for i, c in enumerate(s):
        if c == "-" and i + 1 < len(s) and s[i + 1] in "-\u2013":
            out.append("-{}")
        elif ord(c) < 0x20 or ord(c) == 0x7f:
            out.append(" ")
        else:
            out.append(TEX.get(c, c))
    return "".join(out)


def tex_num(r):
    if r == "--":
        return r
    sign = ""
    if r.startswith("-"):
        sign, r = r"\ensuremath{-}", r[1:]
    if "e" in r:
        m, e = r.split("e")
        r = m + r"\ensuremath{\times10^{%d}}" % int(e)
    return sign + r


def unit_tex(u):
    return r"\tierstat@unit{%s}" % u if u else ""


def key_tex(k):
    out = []
    for c in k:
        if ord(c) < 0x20 or ord(c) == 0x7f:
            out.append(" ")
        elif c == "\\":
            out.append(r"\textbackslash{}")
        elif c == "^":
            out.append(r"\textasciicircum{}")
        elif c in "{}%#":
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)

# ---------------------------------------------------------------- expected

METRICS = [  # name, JSON metric, scale, unit, has ratios
    ("rtf", "rtf", 1, "", True),
    ("peak_memory_mb", "peak_memory_mb", 1, "MiB", True),
    ("peak_memory_gib", "peak_memory_mb", 1 / 1024, "GiB", False),
    ("tokens_per_second", "tokens_per_second", 1, "tokens/s", True),
    ("total_duration_s", "total_duration_s", 1, "s", True),
    ("peak_gpu_memory_mb", "peak_gpu_memory_mb", 1, "MiB", False),
    ("peak_gpu_memory_gib", "peak_gpu_memory_mb", 1 / 1024, "GiB", False),
    ("peak_temperature_c", "peak_temperature_c", 1, r"\ensuremath{^\circ}C", False),
]


def scaled(x, s):
    return None if x is None else x * s


def interval_defs(want, prefix, v, ci, unit, name=None):
    val, lo, hi = interval(v, ci)
    if name:
        want[name] = tex_num(val) + (unit if val != "--" else "")
    want[prefix + ".ci"] = (tex_num(lo) + r"\tierstat@to " + tex_num(hi) + unit) if lo else "--"
    want[prefix + ".lo"] = tex_num(lo) if lo else "--"
    want[prefix + ".hi"] = tex_num(hi) if hi else "--"


def success_defs(want, k, n, rate, ci):
    known = k is not None and k >= 0 and n and n > 0 and rate is not None
    want["success"] = f"{k}/{n}" if known else "--"
    pct = [c * 100 for c in ci] if ci else None
    interval_defs(want, "success", rate * 100 if known else None, pct, r"\,\%", "success.pct")


def metric_defs(want, t, errorbar, ratios):
    for name, jm, s, u, has_ratio in METRICS:
        m = t["metrics"].get(jm) or {}
        n = m.get("n")
        mean = scaled(m.get("mean"), s) if n else None
        ci = [scaled(c, s) for c in m["ci95"]] if m.get("ci95") else None
        err = {"sd": scaled(m.get("std"), s), "se": scaled(m.get("se"), s),
               "ci95": (ci[1] - ci[0]) / 2 if ci else None}.get(errorbar)
        mt, et = pair(mean, err)
        v = tex_num(mt)
        if mean is not None:
            if et is not None and errorbar != "ci95":
                v += r"\tierstat@pm " + tex_num(et)
            v += unit_tex(u)
            if errorbar == "ci95":
                _, lo, hi = interval(mean, ci)
                if lo:
                    v += " (" + tex_num(lo) + r"\tierstat@to " + tex_num(hi) + ")"
        want[name] = v
        want[name + ".mean"] = tex_num(mt)
        want[name + ".err"] = tex_num(et) if mean is not None and et is not None else "--"
        for f, x in (("sd", m.get("std")), ("se", m.get("se"))):
            x = scaled(x, s) if mean is not None else None
            want[f"{name}.{f}"] = tex_num(pair(x, x)[1] or "--") if x is not None else "--"
        want[name + ".n"] = str(n) if n is not None and n >= 0 else "--"
        want[name + ".unit"] = u
        interval_defs(want, name, mean, ci, unit_tex(u))
        if name == "rtf":
            want["rtf.faster"] = tex_num(value3(1 / mean if mean and mean > 0 else None))
        if ratios and has_ratio:
            q = t["relative"][jm]
            r, qci = q["ratio"], q["ci95"]
            interval_defs(want, name + ".ratio", r, qci, "", name + ".ratio")
            inv = 1 / r if r and r > 0 else None
            ici = [1 / qci[1], 1 / qci[0]] if qci else None
            interval_defs(want, name + ".inverse", inv, ici, "", name + ".inverse")


def tier_defs(t, errorbar, ratios):
    want = {"label": r"\tierstat@text{%s}" % tex_text(t["label"]),
            "tests": str(t["tests"]) if t["tests"] is not None and t["tests"] >= 0 else "--",
            "successful": str(t["successful"]) if t["successful"] is not None else "--"}
    dev = t["device_type"]
    want["device"] = r"\tierstat@text{%s}" % tex_text(dev.upper() if dev.isascii() else dev)
    success_defs(want, t["successful"], t["tests"], t["success_rate"], t["success_ci95"])
    metric_defs(want, t, errorbar, ratios)
    rt = t.get("realtime") or {}
    for name, jname in (("busy", "during_requests"), ("idle", "idle")):
        ph = rt.get(jname)  # null: no realtime file of the tier has a partner
        want[name + ".samples"] = str(ph["samples"]) if ph else "--"
        for n, f, u in ((".memory_mb", "memory_mb_mean", "MiB"), (".memory_mb.max", "memory_mb_max", "MiB"),
                        (".cpu_percent", "cpu_percent_mean", r"\%")):
            x = ph.get(f) if ph else None
            want[name + n] = tex_num(value3(x)) + (unit_tex(u) if x is not None and math.isfinite(x) else "")
    return want


def pooled_defs(d, labels):
    p, o = d["pooled"], d["options"]
    want = {"tiers": str(len(d["tiers"])), "requests": str(p["tests"]),
            "successful": str(p["successful"]), "success.tiers": str(p["tiers"]),
            "errorbar": {"sd": "SD", "se": "SE", "ci95": r"95\,\% CI", "none": "--"}[o["errorbar"]],
            "warmup": str(o["warmup"]),
            "reference": r"\tierstat@text{%s}" % tex_text(labels[o["reference"]])
            if o.get("reference") else "--"}
    success_defs(want, p["successful"], p["tests"], p["success_rate"], p["success_ci95"])
    return want

# ---------------------------------------------------------------- main


def main():
    out = sys.argv[1]
    d = json.load(open(os.path.join(out, "hardware_metadata.json"), encoding="utf-8"))
    got = {}
    line_re = re.compile(r"^\\tierstat@def\{(.*)\}\{([a-z_.]+)\}\{(.*)\}$")
    with open(os.path.join(out, "numbers.tex"), encoding="utf-8") as f:
        for nr, line in enumerate(f, 1):
            if not line.startswith("\\tierstat@def{"):
                continue
            m = line_re.match(line.rstrip("\n"))
            if not m:
                problems.append(f"numbers.tex:{nr}: not a definition: {line!r}")
                continue
            k = (m.group(1), m.group(2))
            if k in got:
                problems.append(f"numbers.tex:{nr}: {k} defined twice")
            got[k] = m.group(3)
    errorbar = d["options"]["errorbar"]
    ratios = bool(d["options"].get("reference"))
    labels = {t["key"]: t["label"] for t in d["tiers"]}
    want = {}
    for t in d["tiers"]:
        for name, v in tier_defs(t, errorbar, ratios).items():
            want[(key_tex(t["key"]), name)] = v
    for name, v in pooled_defs(d, labels).items():
        want[("all", name)] = v
    for k, v in want.items():
        if k not in got:
            problems.append(f"numbers.tex: no {k[1]} of {k[0]} (want {v!r})")
        elif got[k] != v:
            problems.append(f"numbers.tex: {k[1]} of {k[0]}: {got[k]!r}, want {v!r}")
    for k in got:
        if k not in want:
            problems.append(f"numbers.tex: {k[1]} of {k[0]} is not documented")
    for p in problems:
        print(p)
    print(f"check-numbers: {len(want)} values, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
