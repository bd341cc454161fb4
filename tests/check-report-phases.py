#!/usr/bin/env python3
"""The console report's "Realtime:" lines against numbers.tex.

usage: tests/check-report-phases.py REPORT_STDOUT NUMBERS_TEX

Every tier of numbers.tex whose busy.samples is a count must have, in the
report after its "  - KEY:" line, the line
    Realtime: N samples during requests (mean M MiB, CPU C %), K idle (...)
with the numbers numbers.tex gives (busy.* and idle.*, checked against
the JSON by check-numbers.py), and a tier without one must have no such
line. Exit 1 with the differences.
"""
import re
import sys


def main(report_path, tex_path):
    defs = {}
    for line in open(tex_path, encoding="utf-8"):
        m = re.match(r"\\tierstat@def\{(.*)\}\{([^}]*)\}\{(.*)\}$", line.rstrip("\n"))
        if m:
            defs[(m.group(1), m.group(2))] = re.sub(r"\\tierstat@unit\{.*\}$", "", m.group(3))
    seen, key = {}, None
    for line in open(report_path, encoding="utf-8"):
        m = re.match(r"  - (.*?): \d+ tests?", line)
        if m:
            key = m.group(1)
        elif line.startswith("    Realtime: ") and key:
            seen[key] = line.rstrip("\n")[4:]
    problems = 0
    keys = sorted({k for k, _ in defs if k != "all"})
    for k in keys:
        n = defs.get((k, "busy.samples"), "--")
        if n == "--":
            want = None
        else:
            def part(phase):
                m, c = defs[(k, phase + ".memory_mb")], defs[(k, phase + ".cpu_percent")]
                bits = ([f"mean {m} MiB"] if m != "--" else []) + ([f"CPU {c} %"] if c != "--" else [])
                return f" ({', '.join(bits)})" if bits else ""
            want = (f"Realtime: {n} samples during requests{part('busy')}, "
                    f"{defs[(k, 'idle.samples')]} idle{part('idle')}")
        if seen.get(k) != want:
            print(f"{k}: report says {seen.get(k)!r}, numbers.tex gives {want!r}")
            problems += 1
    print(f"check-report-phases: {len(keys)} tiers, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
