#!/usr/bin/env python3
"""The notes of issue 16 item 1, from a reference JSON: every tier and
setting that takes more than one value has exactly its note on stderr,
and no other "takes N values" note is printed.

    python3 tests/check-settings.py EXPECTED.json STDERR [--by COLUMNS]

EXPECTED.json is tests/ref/reference.py's (its `settings` per tier, its
keys); the note's words are built here on their own: "tierstat: note:
KEY: COLUMN takes N values: V (R rows), ...; --by [BY,]COLUMN compares
them", values as the JSON orders them (True/False as the monitor writes
them, an empty value "none"). Exit 1 with the differences, else 0.
"""
import json
import sys


def show(v):
    if v is None:
        return "none"
    if isinstance(v, bool):
        return "True" if v else "False"
    return str(v)


def main(argv):
    if len(argv) not in (3, 5):
        print(__doc__, file=sys.stderr)
        return 2
    by = argv[4] + "," if len(argv) == 5 else ""
    doc = json.load(open(argv[1], encoding="utf-8"))
    want = set()
    for t in doc["tiers"]:
        for col, vals in (t.get("settings") or {}).items():
            if len(vals) > 1:
                listed = ", ".join("%s (%d row%s)" % (show(v["value"]), v["rows"],
                                                      "" if v["rows"] == 1 else "s")
                                   for v in vals)
                want.add("tierstat: note: %s: %s takes %d values: %s; --by %s%s compares them"
                         % (t["key"], col, len(vals), listed, by, col))
    got = {line.rstrip("\n") for line in open(argv[2], encoding="utf-8", errors="replace")
           if " values: " in line and " takes " in line}
    for line in sorted(want - got):
        print("missing: " + line)
    for line in sorted(got - want):
        print("unexpected: " + line)
    if want != got:
        return 1
    print("check-settings: %d notes agree" % len(want))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
