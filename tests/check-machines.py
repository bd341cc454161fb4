#!/usr/bin/env python3
"""With --by, table_hardware.csv keeps one row per machine (README
"Grouped figures"): check it against reference.py's groups.

usage: check-machines.py EXPECTED.json TABLE_HARDWARE.csv

EXPECTED.json is reference.py --by's output. Each machine (hardware_tier,
device_type) must have exactly one row, in the order of its first group,
its tests the sum over its groups, and its settings the group values of
its groups with rows, joined by "; " (the empty value "none"). Prints
what differs, exits 1 if anything does.
"""
import csv
import json
import sys


SHORT = {"torch_compile_used": "compile", "onnx_used": "ONNX", "chunk_length": "chunk",
         "num_threads": "threads", "throttle_detected": "throttled"}
INTS = ("chunk_length", "num_threads")
BOOLS = ("torch_compile_used", "onnx_used", "throttle_detected", "success")


def part(col, value):
    """A group value as the figures write it, found independently of
    settings.h ts_settings_group_parts: text as it is, an integer as
    "threads 4", a boolean as "compile" / "no compile", empty as "none"."""
    name = SHORT.get(col, col)
    if col in BOOLS and value is not None:
        return name if value else "no " + name
    if col in INTS or col in BOOLS:
        return "%s %s" % (name, "none" if value is None else value)
    return "none" if value is None else str(value)


def main():
    exp = json.load(open(sys.argv[1], encoding="utf-8"))
    with open(sys.argv[2], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    machines = {}
    for t in exp["tiers"]:
        m = machines.setdefault((t["hardware_tier"], t["device_type"]),
                                {"tests": 0, "settings": []})
        m["tests"] += t["tests"]
        if t["from"] != "analysis_json":
            m["settings"].append(", ".join(part(c, v) for c, v in t["group"].items()))
    bad = []
    if len(rows) != len(machines):
        bad.append("%d rows for %d machines" % (len(rows), len(machines)))
    for r in rows:
        key = None
        for (hw, dev), m in machines.items():
            if r["device_type"] == dev and r["key"].startswith(hw):
                key = (hw, dev)
        if key is None:
            bad.append("row %s: no such machine" % r["key"])
            continue
        m = machines[key]
        if int(r["tests"]) != m["tests"]:
            bad.append("%s: tests %s, want %d" % (r["key"], r["tests"], m["tests"]))
        if sorted(r["settings"].split("; ") if r["settings"] else []) != sorted(m["settings"]):
            bad.append("%s: settings %r, want %r" % (r["key"], r["settings"], m["settings"]))
    for b in bad:
        print("check-machines: " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
