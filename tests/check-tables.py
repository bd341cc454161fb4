#!/usr/bin/env python3
"""Check the tables of one tierstat run against its hardware_metadata.json.

usage: tests/check-tables.py OUT_DIR ERRORBAR

table_results.csv and table_hardware.csv are read back with the csv
module (RFC 4180: CRLF line ends, a header row) and every value is
compared with the JSON's, exactly (both are Python's repr of the same
double). The two .md tables are parsed as GitHub pipe tables: every row
has as many cells as the header, no cell holds an unescaped '|', the
delimiter row is right. Prints one line per problem; exit status 1 if
there was any.
"""
import csv
import json
import math
import os
import sys

METRICS = ["rtf", "peak_memory_mb", "tokens_per_second", "total_duration_s"]
problems = []


def same(what, text, want):
    """A CSV cell against a JSON value: '' is null (or NaN)."""
    if text is None:
        problems.append(f"{what}: no such column")
        return
    if want is None or (isinstance(want, float) and math.isnan(want)):
        ok = text == ""
    elif isinstance(want, str):
        ok = text == want
    elif isinstance(want, int) and not isinstance(want, bool):
        ok = text == str(want)
    else:
        ok = text != "" and float(text) == want and text == repr(float(want))
    if not ok:
        problems.append(f"{what}: CSV '{text}', JSON {want!r}")


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        raw = f.read()
    if "\r\n" not in raw or raw.replace("\r\n", "").count("\r") != 0:
        problems.append(f"{path}: rows must end in CRLF")
    return list(csv.DictReader(raw.splitlines(keepends=True)))


def is_paired(tiers):
    return any(t["realtime"].get("idle") is not None for t in tiers)


def check_results(out, errorbar, tiers, reference):
    paired = is_paired(tiers)
    rows = read_csv(os.path.join(out, "table_results.csv"))
    if [r.get("key") for r in rows] != [t["key"] for t in tiers]:
        problems.append(f"table_results.csv: keys {[r['key'] for r in rows]}")
        return
    for r, t in zip(rows, tiers):
        k = t["key"]
        same(f"{k} label", r.get("label"), t["label"])
        same(f"{k} tests", r.get("tests"), t["tests"])
        same(f"{k} successful", r.get("successful"), t["successful"])
        same(f"{k} success_rate", r.get("success_rate"), t["success_rate"])
        ci = t["success_ci95"] or [None, None]
        same(f"{k} success_ci95_lo", r.get("success_ci95_lo"), ci[0])
        same(f"{k} success_ci95_hi", r.get("success_ci95_hi"), ci[1])
        for m in METRICS:
            s = t["metrics"][m]
            same(f"{k} {m}_n", r.get(f"{m}_n"), s["n"])
            same(f"{k} {m}_mean", r.get(f"{m}_mean"), s["mean"])
            if errorbar in ("sd", "se"):
                same(f"{k} {m}_{errorbar}", r.get(f"{m}_{errorbar}"),
                     s["std" if errorbar == "sd" else "se"])
            elif errorbar == "ci95":
                mci = s["ci95"] or [None, None]
                same(f"{k} {m}_ci95_lo", r.get(f"{m}_ci95_lo"), mci[0])
                same(f"{k} {m}_ci95_hi", r.get(f"{m}_ci95_hi"), mci[1])
            elif f"{m}_sd" in r or f"{m}_se" in r:
                problems.append(f"{k}: an error column with --errorbar none")
        if reference:
            q = t["relative"]["rtf"]
            qci = q["ci95"] or [None, None]
            same(f"{k} rtf_ratio", r.get("rtf_ratio"), q["ratio"])
            same(f"{k} rtf_ratio_ci95_lo", r.get("rtf_ratio_ci95_lo"), qci[0])
            same(f"{k} rtf_ratio_ci95_hi", r.get("rtf_ratio_ci95_hi"), qci[1])
        elif "rtf_ratio" in r:
            problems.append(f"{k}: a ratio column without --reference")
        # README "Synthesis against idle": when some tier is paired
        if paired:
            for ph, col in (("during_requests", "memory_mb_during_requests_mean"),
                            ("idle", "memory_mb_idle_mean")):
                p = t["realtime"].get(ph)
                same(f"{k} {col}", r.get(col), p["memory_mb_mean"] if p else None)
        elif "memory_mb_idle_mean" in r:
            problems.append(f"{k}: the idle columns without a paired tier")


def check_hardware(out, tiers):
    rows = read_csv(os.path.join(out, "table_hardware.csv"))
    if [r.get("key") for r in rows] != [t["key"] for t in tiers]:
        problems.append(f"table_hardware.csv: keys {[r['key'] for r in rows]}")
        return
    for r, t in zip(rows, tiers):
        for f in ("label", "device_type", "tests"):
            same(f"{t['key']} {f}", r[f], t[f])
        hw = t["hardware"] or {}
        for f in ("cpu_model", "cpu_cores", "total_memory_gb", "gpu_name"):
            if f in hw:
                same(f"{t['key']} {f}", r[f], hw[f])


def cells(line):
    """The cells of one pipe-table row: split at '|' not escaped."""
    out, cur, i = [], "", 0
    if not (line.startswith("| ") and line.endswith(" |")):
        problems.append(f"md row not framed by '| ' and ' |': {line!r}")
    line = line[1:-1]
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line):
            cur += line[i:i + 2]
            i += 2
            continue
        if c == "|":
            out.append(cur.strip())
            cur = ""
        else:
            cur += c
        i += 1
    out.append(cur.strip())
    return out


def check_md(out, name, nrows, ncols):
    with open(os.path.join(out, name), encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines[0].startswith("Table: ") or lines[1] != "" or lines[-1] != "":
        problems.append(f"{name}: expected 'Table: caption', a blank line, the table")
    rows = [l for l in lines[2:] if l]
    if len(rows) != nrows + 2:
        problems.append(f"{name}: {len(rows)} table lines, expected {nrows + 2}")
    for l in rows:
        n = len(cells(l))
        if n != ncols:
            problems.append(f"{name}: {n} cells, expected {ncols}: {l!r}")
    if rows and not all(c in (":---", "---:") for c in cells(rows[1])):
        problems.append(f"{name}: delimiter row {rows[1]!r}")


def main():
    out, errorbar = sys.argv[1], sys.argv[2]
    with open(os.path.join(out, "hardware_metadata.json"), encoding="utf-8") as f:
        doc = json.load(f)
    tiers = doc["tiers"]
    reference = any(t["relative"] for t in tiers)
    check_results(out, errorbar, tiers, reference)
    check_hardware(out, tiers)
    check_md(out, "table_hardware.md", len(tiers), 7)
    check_md(out, "table_results.md", len(tiers),
             (8 if reference else 7) + (2 if is_paired(tiers) else 0))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
