#!/usr/bin/env python3
"""Independent reference for tierstat's hardware_metadata.json.

    python3 tests/ref/reference.py METRICS_DIR > expected.json

Reads a metrics folder exactly as METRICS.md (sections 1-6) describes and
prints, as JSON, what tierstat must write into hardware_metadata.json.
Python 3 standard library only; the numbers are computed another way than
the C code does (math.fsum, two-pass variance, Python's correctly rounded
float()), so an agreement to 1e-9 relative means something.

Decisions where METRICS.md is silent (also listed in tests/ref/README.md):

* A realtime figure with nothing to summarise (no realtime file, or no
  finite value in any) is null; `samples` counts rows, 0 without a file.
* A tier without a hardware_specs JSON has "hardware": null.
* The metrics an analysis-only tier cannot know are objects whose six fields
  are all null (not a bare null), like every other undefined statistic.
* hardware_specs_<tier>.json belongs to every configuration whose
  hardware_tier is <tier> (one machine, several devices); analysis_<tier>.json
  belongs to the configuration (its hardware_tier, its device_type).
* A realtime file belongs to the configuration of the first row of the
  synthesis file with the same <tier>_<stamp> stem (same folder preferred).
* A success cell that is empty or not a boolean counts as not successful; a
  device_type cell that is empty falls back to the specs' device_type, else
  "unknown".
* A synthesis or realtime file name whose stamp is no real date or time of
  day (20251131, 250000) is no metrics file (issue 11 item 5).
* A record whose every field is empty (",,,,") is skipped: no test, no
  sample (issue 11 item 8); a blank line was never a record.
* A realtime timestamp that is not Unix seconds (zero, negative, above 1e11)
  or more than a day away from each of its neighbours is left out of the
  time covered; the sample still counts (issue 11 item 4, kept_timestamps).
Problems are printed on stderr as "reference: ..." lines; they never change
the rules above.
"""

import csv
import datetime
import json
import math
import os
import re
import sys

# --------------------------------------------------------------------------
# Section 1: file names
# --------------------------------------------------------------------------

STAMP = r"(?P<date>\d{8})(?:_(?P<time>\d{6}))?"
PATTERNS = [
    ("synthesis", re.compile(r"^synthesis_(?P<tier>.+)_" + STAMP + r"\.csv$")),
    ("realtime", re.compile(r"^realtime_(?P<tier>.+)_" + STAMP + r"\.csv$")),
    ("specs", re.compile(r"^hardware_specs_(?P<tier>.+)\.json$")),
    ("analysis", re.compile(r"^analysis_(?P<tier>.+)\.json$")),
]

METRICS = ["peak_memory_mb", "rtf", "tokens_per_second", "total_duration_s",
           "peak_gpu_memory_mb", "peak_temperature_c"]


def warn(msg):
    """Print one problem line on stderr (the reference never stops for one)."""
    print("reference: " + msg, file=sys.stderr)


def valid_stamp(date, time):
    """A stamp names a real calendar day and a time of day (issue 11 item 5:
    synthesis_x_20251131.csv or _250000 are no metrics files)."""
    try:
        datetime.date(int(date[:4]), int(date[4:6]), int(date[6:]))
        if time is not None:
            datetime.time(int(time[:2]), int(time[2:4]), int(time[4:]))
    except ValueError:
        return False
    return True


def classify(name):
    """Section 1: return (kind, tier, stamp) for a file name, or None.

    The tier is what is left after taking `_<YYYYMMDD>[_<HHMMSS>]` off the
    right-hand end (the regular expression's greedy `.+` backtracks only as
    far as the stamp needs); stamp is "YYYYMMDD" or "YYYYMMDD_HHMMSS" and
    None for the JSON files. A stamp that is no real date or time of day
    makes the name no metrics file name.
    """
    for kind, rx in PATTERNS:
        m = rx.match(name)
        if m:
            if kind in ("synthesis", "realtime"):
                if not valid_stamp(m.group("date"), m.group("time")):
                    return None
                stamp = m.group("date")
                if m.group("time"):
                    stamp += "_" + m.group("time")
                return kind, m.group("tier"), stamp
            return kind, m.group("tier"), None
    return None


def scan(root):
    """Section 1: every classified file under root, recursively.

    Returns a list of (relpath, kind, tier, stamp) sorted by relative path
    (code-point order of the '/'-separated path, i.e. byte order for UTF-8).
    Symbolic links are never followed (neither to files nor to folders).
    """
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames
                       if not os.path.islink(os.path.join(dirpath, d))]
        for fn in filenames:
            full = os.path.join(dirpath, fn)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            c = classify(fn)
            if c is None:
                continue
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            found.append((rel,) + c)
    found.sort(key=lambda f: f[0])
    return found


# --------------------------------------------------------------------------
# Section 2 and 3: cells
# --------------------------------------------------------------------------

# What strtod accepts in the C locale, and nothing Python alone would
# (float() also takes '1_000' and non-ASCII digits).
NUMBER = re.compile(r"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
                    r"|inf|infinity|nan)\Z", re.IGNORECASE | re.ASCII)


def parse_float(cell):
    """Section 2: a float cell; None when missing (absent, empty, nan).

    Python float() is correctly rounded; only the C-locale decimal syntax is
    accepted (NUMBER). Infinities are returned as such and left out later by
    the finiteness filter.
    """
    if cell is None:
        return None
    s = cell.strip()
    if s == "":
        return None
    if not NUMBER.match(s):
        warn("not a number: %r" % cell)
        return None
    v = float(s)
    if math.isnan(v):
        return None
    return v


TRUE = {"true", "1", "yes"}
FALSE = {"false", "0", "no"}


def parse_bool(cell):
    """Section 2: True/False/true/false/1/0/yes/no in any case; else None."""
    if cell is None:
        return None
    s = cell.strip().lower()
    if s in TRUE:
        return True
    if s in FALSE:
        return False
    if s != "":
        warn("not a boolean: %r" % cell)
    return None


def finite(v):
    """True for a number that is neither missing nor inf/nan."""
    return v is not None and math.isfinite(v)


def read_csv(path):
    """Read a CSV file written by Python's csv module (section 2).

    Returns (header, rows) where rows are dicts keyed by column name (text
    cells; a column the header lacks is simply absent). The UTF-8 BOM is
    dropped; CRLF and newlines inside quoted fields are handled by csv. A
    blank line is no record (before the header too); a record of empty
    fields only is skipped.
    """
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = []
        for rec in reader:   # blank lines before the header are no header
            if rec:
                header = rec
                break
        if not header:
            return [], []
        rows = []
        for rec in reader:
            if not rec:
                continue
            if all(c == "" for c in rec):
                # ",,,," (a spreadsheet's empty row): not a request, not a
                # sample (issue 11 item 8)
                warn("%s: row of separators only (skipped)" % path)
                continue
            if len(rec) != len(header):
                warn("%s: record with %d fields, header has %d"
                     % (path, len(rec), len(header)))
            rows.append({h: rec[i] for i, h in enumerate(header)
                         if i < len(rec)})
    return header, rows


# --------------------------------------------------------------------------
# Section 4: statistics
# --------------------------------------------------------------------------

def summarize(values):
    """Section 4: n, mean, sample std (divisor n-1), min, max, median.

    values are finite floats. mean = fsum/n; std = sqrt(fsum((x-mean)^2) /
    (n-1)) (two-pass), null for n < 2; median is the middle value or the
    mean of the two middle values. Everything but n is null for n = 0.
    """
    n = len(values)
    if n == 0:
        return {"n": 0, "mean": None, "std": None, "min": None, "max": None,
                "median": None}
    mean = math.fsum(values) / n
    std = None
    if n >= 2:
        std = math.sqrt(math.fsum((x - mean) ** 2 for x in values) / (n - 1))
    s = sorted(values)
    if n % 2:
        median = s[n // 2]
    else:
        median = (s[n // 2 - 1] + s[n // 2]) / 2.0
    return {"n": n, "mean": mean, "std": std, "min": s[0], "max": s[-1],
            "median": median}


def null_summary(n=None):
    """A summary whose every statistic is unknown (section 5)."""
    return {"n": n, "mean": None, "std": None, "min": None, "max": None,
            "median": None}


def max_or_none(values):
    """Largest finite value, or None when there is none."""
    vals = [v for v in values if finite(v)]
    return max(vals) if vals else None


# --------------------------------------------------------------------------
# Building the tiers
# --------------------------------------------------------------------------

class Tier:
    """One configuration (hardware_tier, device_type) and what feeds it."""

    def __init__(self, hardware_tier, device_type, group=()):
        self.hardware_tier = hardware_tier
        self.device_type = device_type
        self.group = group        # --by: ((column, value), ...); value None: empty
        self.rows = []            # synthesis rows after dropping duplicates
        self.has_success = True   # False once a file lacks the success column
        self.has_throttle = False
        self.seen_ids = set()
        self.warmup_excluded = 0  # rows --warmup left out
        self.realtime = []        # list of row lists, one per realtime file
        self.specs = None
        self.analysis = None
        self.sources = set()

    @property
    def base_key(self):
        return self.hardware_tier + "_" + self.device_type

    @property
    def key(self):
        """With --by: base_key, then "-" and a part per column: a text
        value as it is, an integer or boolean one as COLUMN_VALUE, an empty
        one "none"; every byte but [A-Za-z0-9._] as "_"."""
        k = self.base_key
        for col, v in self.group:
            part = show_value(v)
            if SETTING_KIND.get(col, "text") != "text":
                part = col + "_" + part
            k += "-" + "".join(chr(b) if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "._")
                               else "_" for b in part.encode("utf-8"))
        return k

    def group_label(self, label):
        if not self.group:
            return label
        parts = []
        for c, v in self.group:
            kind, name = SETTING_KIND.get(c, "text"), SHORT.get(c, c)
            if kind == "text":
                parts.append(show_value(v))
            elif kind == "bool" and v is not None:
                parts.append(name if v else "no " + name)
            else:
                parts.append(name + " " + show_value(v))
        return "%s (%s)" % (label, ", ".join(parts))


def show_value(v):
    """A group value as a key or label shows it."""
    if v is None:
        return "none"
    if isinstance(v, bool):
        return "True" if v else "False"
    return str(v)


def load_json(path):
    """A JSON file as a Python object, or None (reported) when unreadable."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        warn("%s: %s" % (path, e))
        return None


def request_order(kept):
    """Indices of a synthesis file's kept rows (dicts, in line order) in
    request order: by start_time, rows without a finite one last, ties in
    line order (--warmup leaves the first N out)."""
    def key(i):
        st = parse_float(kept[i].get("start_time"))
        ok = st is not None and math.isfinite(st)
        return (0 if ok else 1, st if ok else 0.0, i)
    return sorted(range(len(kept)), key=key)


def build(root, warmup=0, by=()):
    """Sections 1-5: the tiers of the folder root, sorted by key.

    Synthesis files are read in sorted relative-path order, rows in file
    order; a request_id already seen in the same configuration is a
    duplicate and dropped (the first one is kept). Realtime files follow the
    synthesis file of the same stem; JSON files attach as described in the
    module docstring.
    """
    files = scan(root)
    specs_by_tier = {}
    for rel, kind, tier, _ in files:
        if kind == "specs":
            obj = load_json(os.path.join(root, rel))
            if isinstance(obj, dict) and tier not in specs_by_tier:
                specs_by_tier[tier] = (rel, obj)

    tiers = {}

    def get_tier(ht, dev, group=()):
        k = (ht, dev, group)
        if k not in tiers:
            tiers[k] = Tier(ht, dev, group)
        return tiers[k]

    def group_of(r):
        return tuple((c, setting_value(r.get(c), SETTING_KIND.get(c, "text")))
                     for c in by)

    # synthesis rows
    seen_ids = {}     # (ht, dev) -> request_ids: duplicates are per configuration
    stem_owner = {}   # (dir, tier, stamp) -> Tier of the file's first row
    for rel, kind, ftier, stamp in files:
        if kind != "synthesis":
            continue
        header, rows = read_csv(os.path.join(root, rel))
        first = None
        kept = []          # (tier, row) after duplicates, in line order
        for r in rows:
            ht = (r.get("hardware_tier") or "").strip() or ftier
            dev = (r.get("device_type") or "").strip()
            if not dev:
                spec = specs_by_tier.get(ht, (None, {}))[1]
                dev = spec.get("device_type") or "unknown"
            t = get_tier(ht, dev, group_of(r))
            t.sources.add(rel)
            if first is None:
                first = t
            if "success" not in header:
                t.has_success = False
            if "throttle_detected" in header:
                t.has_throttle = True
            rid = r.get("request_id")
            if rid:
                ids = seen_ids.setdefault((ht, dev), set())
                if rid in ids:
                    warn("%s: duplicate request_id %s in %s (dropped)"
                         % (rel, rid, t.key))
                    continue
                ids.add(rid)
            kept.append((t, r))
        left_out = set(request_order([r for _, r in kept])[:warmup])
        for i, (t, r) in enumerate(kept):
            if i in left_out:
                t.warmup_excluded += 1
            else:
                t.rows.append(r)
        if first is not None:
            stem_owner[(os.path.dirname(rel), ftier, stamp)] = first

    # realtime files
    for rel, kind, ftier, stamp in files:
        if kind != "realtime":
            continue
        d = os.path.dirname(rel)
        owner = stem_owner.get((d, ftier, stamp))
        if owner is None:
            cands = [v for (dd, tt, ss), v in sorted(stem_owner.items())
                     if tt == ftier and ss == stamp]
            owner = cands[0] if cands else None
        if owner is None:
            same = [t for (ht, _, _), t in tiers.items() if ht == ftier]
            if len(same) == 1:
                owner = same[0]
        if owner is None:
            warn("%s: no synthesis file for this realtime file (ignored)" % rel)
            continue
        _, rows = read_csv(os.path.join(root, rel))
        owner.realtime.append(rows)
        owner.sources.add(rel)

    # analysis JSON: attach to its configuration, or make an analysis-only tier
    for rel, kind, ftier, _ in files:
        if kind != "analysis":
            continue
        obj = load_json(os.path.join(root, rel))
        if not isinstance(obj, dict):
            continue
        ht = obj.get("hardware_tier") or ftier
        dev = obj.get("device_type")
        if not dev:
            same = sorted({d for (h, d, _) in tiers if h == ht})
            dev = same[0] if len(same) == 1 else None
        if not dev:
            spec = specs_by_tier.get(ht, (None, {}))[1]
            dev = spec.get("device_type") or "unknown"
        groups = [t for (h, d, _), t in tiers.items() if h == ht and d == dev]
        if by and groups:
            # --by: the file is over every group; a source of each, never
            # their numbers
            for t in groups:
                t.sources.add(rel)
            continue
        t = get_tier(ht, dev, tuple((c, None) for c in by))
        if t.analysis is None:
            t.analysis = obj
            t.sources.add(rel)

    # specs: every configuration of that hardware tier
    for t in tiers.values():
        if t.hardware_tier in specs_by_tier:
            rel, obj = specs_by_tier[t.hardware_tier]
            t.specs = obj
            t.sources.add(rel)

    return [tiers[k] for k in sorted(tiers, key=lambda k: tiers[k].key)]


# --------------------------------------------------------------------------
# Sections 4-6: one tier's entry
# --------------------------------------------------------------------------

# Issue 11 item 4: what a Unix-seconds timestamp of a sample can be.
TS_MAX = 1e11        # above: milliseconds or microseconds
TS_JUMP = 86400.0    # more than a day from every neighbour: a clock gone wrong


def kept_timestamps(rows):
    """The timestamps of one realtime file that count for the time covered.

    A timestamp that is not a positive number of seconds up to 1e11 (zero,
    negative, milliseconds, microseconds) is left out. Of the others (the
    plausible ones, in file order), one is left out when it has at least one
    neighbour and is more than a day away from each neighbour it has; its
    neighbours are the plausible timestamps right before and right after it
    (whether those are kept or not), so the first and the last have one.
    The sample's other values count whatever happens to its timestamp.
    """
    plausible = [v for v in (parse_float(r.get("timestamp")) for r in rows)
                 if finite(v) and 0 < v <= TS_MAX]
    kept = []
    for i, v in enumerate(plausible):
        around = plausible[max(i - 1, 0):i] + plausible[i + 1:i + 2]
        if around and all(abs(v - w) > TS_JUMP for w in around):
            continue
        kept.append(v)
    dropped = sum(1 for r in rows if finite(parse_float(r.get("timestamp")))) \
        - len(kept)
    if dropped:
        warn("%d timestamps not in Unix seconds (left out)" % dropped)
    return kept


def realtime_entry(t):
    """Section 4 realtime: samples, duration_s and the four figures.

    samples = rows of all the tier's realtime files; duration_s = sum over
    files of (max - min kept timestamp, see kept_timestamps), files without
    one left out; cpu_percent_mean over all finite samples of all files
    (also those whose timestamp was left out). A figure with no value at
    all is null.
    """
    samples = sum(len(rows) for rows in t.realtime)
    spans = []
    cpu, mem, temp = [], [], []
    for rows in t.realtime:
        ts = kept_timestamps(rows)
        if ts:
            spans.append(max(ts) - min(ts))
        for r in rows:
            c = parse_float(r.get("cpu_percent"))
            if finite(c):
                cpu.append(c)
            mem.append(parse_float(r.get("memory_mb")))
            temp.append(parse_float(r.get("temperature_c")))
    return {
        "samples": samples,
        "duration_s": math.fsum(spans) if spans else None,
        "cpu_percent_mean": math.fsum(cpu) / len(cpu) if cpu else None,
        "cpu_percent_max": max(cpu) if cpu else None,
        "memory_mb_max": max_or_none(mem),
        "temperature_c_max": max_or_none(temp),
    }


def csv_entry(t, e):
    """Section 4 for a tier with synthesis rows: counts, metrics, thermal."""
    rows = t.rows
    e["tests"] = len(rows)
    if t.has_success:
        ok = [r for r in rows if parse_bool(r.get("success")) is True]
        e["successful"] = len(ok)
        e["success_rate"] = len(ok) / len(rows)
    else:
        ok = []
        e["successful"] = None
        e["success_rate"] = None
    e["metrics"] = {}
    for m in METRICS:
        vals = [v for v in (parse_float(r.get(m)) for r in ok) if finite(v)]
        e["metrics"][m] = summarize(vals)
    e["thermal"] = {
        "max_temperature_c": max_or_none(
            parse_float(r.get("peak_temperature_c")) for r in rows),
        "throttle_events": (sum(1 for r in rows
                                if parse_bool(r.get("throttle_detected")))
                            if t.has_throttle else None),
    }


def analysis_entry(t, e):
    """Section 5: a tier known only from analysis_<tier>.json."""
    a = t.analysis
    mem = a.get("memory") or {}
    perf = a.get("performance") or {}
    th = a.get("thermal") or {}
    e["tests"] = a.get("total_runs")
    e["successful"] = a.get("successful_runs")
    e["success_rate"] = a.get("success_rate")
    e["metrics"] = {m: null_summary() for m in METRICS}
    pm = null_summary(a.get("successful_runs"))
    pm.update(mean=mem.get("avg_peak_mb"), std=mem.get("std_dev_mb"),
              min=mem.get("min_peak_mb"), max=mem.get("max_peak_mb"))
    e["metrics"]["peak_memory_mb"] = pm
    e["metrics"]["rtf"]["mean"] = perf.get("avg_rtf")
    e["metrics"]["tokens_per_second"]["mean"] = perf.get("avg_tokens_per_sec")
    e["metrics"]["total_duration_s"]["mean"] = perf.get("avg_duration_s")
    e["thermal"] = {"max_temperature_c": th.get("max_temperature_c"),
                    "throttle_events": th.get("throttle_events")}


# Issue 16 item 1: the optimisation settings, and how each value is typed.
SETTINGS = [("quantization_used", "text"), ("torch_compile_used", "bool"),
            ("onnx_used", "bool"), ("chunk_length", "int"),
            ("num_threads", "int")]
SHORT = {"torch_compile_used": "compile", "onnx_used": "ONNX",
         "chunk_length": "chunk", "num_threads": "threads",
         "throttle_detected": "throttled"}
SETTING_KIND = dict(SETTINGS)
SETTING_KIND.update(throttle_detected="bool", success="bool")
MISSING = {"nan", "NaN", "NA", "N/A", "null", "NULL", "None", "none", "<NA>"}


def setting_value(cell, kind):
    """A settings cell as the JSON has it: text as it is (empty is None),
    a boolean, an integer (None when empty or missing)."""
    if cell is None or cell == "":
        return None
    if kind == "bool":
        return parse_bool(cell)
    if kind == "int":
        s = cell.strip()
        if s in MISSING:
            return None
        try:
            return int(s)
        except ValueError:
            return None
    return cell


def settings_entry(rows):
    """Per setting, the values its rows take with their counts: numbers
    and booleans by value (False first), text by its UTF-8 bytes, the empty
    value last."""
    out = {}
    for col, kind in SETTINGS:
        counts = {}
        for r in rows:
            v = setting_value(r.get(col), kind)
            counts[v] = counts.get(v, 0) + 1

        def order(v):
            if v is None:
                return (1, 0)
            return (0, v.encode("utf-8") if isinstance(v, str) else v)
        out[col] = [{"value": v, "rows": counts[v]}
                    for v in sorted(counts, key=order)]
    return out


def tier_entry(t):
    """Section 6: the hardware_metadata.json entry of one tier."""
    label = t.base_key
    if t.specs and isinstance(t.specs.get("display_name"), str) \
            and t.specs["display_name"]:
        label = t.specs["display_name"]
    e = {"key": t.key, "hardware_tier": t.hardware_tier,
         "device_type": t.device_type, "label": t.group_label(label),
         "hardware": t.specs}
    if t.group:
        e["group"] = {c: v for c, v in t.group}
    if t.rows:
        e["from"] = "csv"
        csv_entry(t, e)
        e["settings"] = settings_entry(t.rows)
    else:
        e["from"] = "analysis_json"
        analysis_entry(t, e)
        e["settings"] = None
    e["realtime"] = realtime_entry(t)
    e["sources"] = sorted(t.sources)
    return e


def reference(root, warmup=None, by=()):
    """The whole hardware_metadata.json document for the folder root;
    with warmup (--warmup N), the first N requests of each synthesis file
    left out, and each tier's warmup_excluded."""
    tiers = [t for t in build(root, warmup or 0, by)
             if t.rows or t.analysis is not None]
    entries = [tier_entry(t) for t in tiers]
    if warmup is not None:
        for t, e in zip(tiers, entries):
            e["warmup_excluded"] = t.warmup_excluded \
                if e["from"] == "csv" else None
    return {"generator": "tests/ref/reference.py", "metrics_dir": root,
            "tiers": entries}


def main(argv):
    warmup = None
    by = ()
    if len(argv) >= 4 and argv[1] == "--by":
        by = tuple(argv[2].split(","))
        argv = argv[:1] + argv[3:]
    if len(argv) == 4 and argv[1] == "--warmup" and argv[2].isdigit():
        warmup = int(argv[2])
        argv = argv[:1] + argv[3:]
    if len(argv) != 2 or argv[1].startswith("-"):
        print("usage: reference.py [--by COLUMNS] [--warmup N] METRICS_DIR > expected.json",
              file=sys.stderr)
        return 2
    doc = reference(argv[1], warmup, by)
    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False, allow_nan=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
