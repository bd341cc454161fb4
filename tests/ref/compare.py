#!/usr/bin/env python3
"""Compare two hardware_metadata.json documents field by field.

    python3 tests/ref/compare.py ACTUAL.json EXPECTED.json [--rel 1e-9]

ACTUAL is what tierstat wrote, EXPECTED what tests/ref/reference.py (or the
pandas reference) computed. Rules (METRICS.md section 6):

* floats agree when |a - e| <= rel * max(|a|, |e|); an expected 0 needs an
  actual exact 0; an expected integer (a count: n, tests, samples, ...)
  needs an actual integer of the same value (an expected float accepts an
  integral actual, e.g. 16 for 16.0);
* null only matches null, strings and booleans match exactly;
* lists need the same length and are compared item by item; a list of
  objects that all carry "key" (the tiers) must list the same keys in the
  same order, and is then compared key by key;
* objects need every key of EXPECTED; ACTUAL may have more ("more fields
  may be added"), except inside a "hardware" object, which must be the
  specs JSON as it is; "generator" and "metrics_dir" at the top are ignored.

Each mismatch is printed as `path: actual != expected`; the exit status is
1 if there was one, else 0 after `compare: N numbers agree`.
"""

import argparse
import json
import math
import sys

IGNORED_TOP = {"generator", "metrics_dir"}


def is_number(v):
    """JSON number (bool is not a number here)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def show(v):
    """A value as it would appear in JSON (floats with all 17 digits)."""
    if isinstance(v, float):
        return repr(v)
    return json.dumps(v, ensure_ascii=False)


class Comparer:
    """Walks both documents, collecting mismatches and counting numbers."""

    def __init__(self, rel):
        self.rel = rel
        self.numbers = 0
        self.mismatches = []

    def bad(self, path, actual, expected):
        self.mismatches.append("%s: %s != %s"
                               % (path or "$", show(actual), show(expected)))

    def number(self, path, a, e):
        """Compare two numbers by the rules in the module docstring."""
        if not is_number(a):
            return self.bad(path, a, e)
        if isinstance(e, int):
            ok = isinstance(a, int) and a == e
        elif e == 0:
            ok = a == 0
        elif not (math.isfinite(a) and math.isfinite(e)):
            ok = a == e
        else:
            ok = abs(a - e) <= self.rel * max(abs(a), abs(e))
        if ok:
            self.numbers += 1
        else:
            self.bad(path, a, e)

    def keyed_list(self, path, a, e):
        """Lists of objects with a "key": same keys, same order, by key."""
        ka = [x["key"] for x in a]
        ke = [x["key"] for x in e]
        if ka != ke:
            self.bad(path + ".<keys>", ka, ke)
        amap = {x["key"]: x for x in a}
        for x in e:
            if x["key"] in amap:
                self.walk("%s[%s]" % (path, x["key"]), amap[x["key"]], x,
                          False)

    def walk(self, path, a, e, exact_keys):
        """Compare a against e recursively; path names the field."""
        if e is None or isinstance(e, (bool, str)):
            if a != e or type(a) is not type(e):
                self.bad(path, a, e)
        elif is_number(e):
            self.number(path, a, e)
        elif isinstance(e, list):
            if not isinstance(a, list):
                return self.bad(path, a, e)
            if (e and a and all(isinstance(x, dict) and "key" in x
                                for x in a + e)):
                return self.keyed_list(path, a, e)
            if len(a) != len(e):
                if all(not isinstance(x, (list, dict)) for x in a + e):
                    return self.bad(path, a, e)   # show both lists whole
                self.bad(path + ".<length>", len(a), len(e))
            for i, (x, y) in enumerate(zip(a, e)):
                self.walk("%s[%d]" % (path, i), x, y, exact_keys)
        elif isinstance(e, dict):
            if not isinstance(a, dict):
                return self.bad(path, a, e)
            top = path == ""
            for k, v in e.items():
                if top and k in IGNORED_TOP:
                    continue
                sub = (path + "." + k) if path else k
                if k not in a:
                    self.mismatches.append("%s: <missing> != %s"
                                           % (sub, show(v)))
                    continue
                self.walk(sub, a[k], v, exact_keys or k == "hardware")
            if exact_keys:
                for k in a:
                    if k not in e:
                        sub = (path + "." + k) if path else k
                        self.mismatches.append("%s: %s != <absent>"
                                               % (sub, show(a[k])))
        else:
            self.bad(path, a, e)


def compare(actual, expected, rel):
    """Return (number of agreeing numbers, list of mismatch lines)."""
    c = Comparer(rel)
    c.walk("", actual, expected, False)
    return c.numbers, c.mismatches


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("actual")
    p.add_argument("expected")
    p.add_argument("--rel", type=float, default=1e-9,
                   help="relative tolerance for floats (default 1e-9)")
    args = p.parse_args(argv[1:])
    docs = []
    for path in (args.actual, args.expected):
        try:
            with open(path, encoding="utf-8") as f:
                docs.append(json.load(f))
        except (OSError, ValueError) as e:
            print("compare: %s: %s" % (path, e), file=sys.stderr)
            return 2
    n, bad = compare(docs[0], docs[1], args.rel)
    for line in bad:
        print(line)
    if bad:
        print("compare: %d mismatches (%d numbers agree)" % (len(bad), n))
        return 1
    print("compare: %d numbers agree" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
