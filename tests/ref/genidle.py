#!/usr/bin/env python3
"""A metrics folder whose realtime files also sample between requests.

    python3 tests/ref/genidle.py OUTDIR --seed N

genfolder.py samples only while a request runs, as the thesis fixture
does; this folder is for the split of README "Synthesis against idle"
(reqsplit.py computes it). Same seed, same bytes. Per seed:

* tier `box` (cpu): two runs; the monitor samples every ~100 ms from a
  few seconds before the first request to after the last, so samples fall
  between requests; requests that overlap, one nested in another, one of
  zero length, failed ones (error messages with a line end inside), one
  with end_time before start_time and one without end_time (no
  interval); samples exactly on a start_time and on an end_time; samples
  without memory_mb or cpu_percent; a timestamp in milliseconds (left out
  with its sample);
* tier `gpu` (cuda): its realtime file in a sub-folder (paired by
  <tier>_<stamp> with the synthesis file at the top);
* tier `lone` (cpu): a realtime file with no synthesis file of its stamp
  (counted for the tier, judged against nothing: null phases).
"""

import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genfolder  # noqa: E402  (its CSV writer and column lists)

T0 = 1762400000.0   # 2025-11-06


def stamp(t):
    return genfolder.stamp_of(t, True)


def request(rng, tier, dev, i, start, dur, fail=False):
    tokens = rng.randint(40, 160)
    end = start + dur
    return {
        "request_id": "%s%03d%02x" % (tier[:2], i, rng.randrange(256)),
        "hardware_tier": tier, "device_type": dev, "cpu_model": "Test CPU",
        "cpu_cores": 8, "total_memory_gb": 16.0,
        "gpu_name": "Test GPU" if dev == "cuda" else None,
        "text_length_chars": tokens * 4, "text_length_tokens": tokens,
        "start_time": start, "end_time": end, "total_duration_s": dur,
        "peak_memory_mb": 2000.0 + rng.randrange(1000),
        "peak_memory_percent": 15.0, "peak_gpu_memory_mb": None,
        "peak_temperature_c": 60.0, "throttle_detected": False,
        "rtf": None if fail else dur / (tokens / 150.0),
        "tokens_per_second": None if fail else tokens / max(dur, 0.01),
        "success": not fail,
        "error_message": rng.choice(genfolder.ERRORS) if fail else None,
        "quantization_used": "FP32", "torch_compile_used": False,
        "onnx_used": False, "chunk_length": 200, "num_threads": 8,
    }


def requests(rng, tier, dev, t0, n):
    """n requests from t0 on: mostly one after another with idle gaps, some
    overlapping or nested, odd ones as the module docstring lists."""
    rows, t = [], t0
    for i in range(n):
        kind = rng.random()
        if kind < 0.15 and rows:     # starts while the one before runs
            start = rows[-1]["start_time"] + rng.uniform(0.05, 0.5)
        else:
            start = t + rng.uniform(0.3, 3.0)
        dur = rng.uniform(0.2, 2.5)
        rows.append(request(rng, tier, dev, i, start, dur, rng.random() < 0.15))
        t = max(t, start + dur)
    nest = rows[len(rows) // 2]      # nested inside another one
    rows.append(request(rng, tier, dev, n, nest["start_time"] + 0.05, 0.1))
    rows.append(request(rng, tier, dev, n + 1, t + 1.0, 0.0))   # zero length
    bad = request(rng, tier, dev, n + 2, t + 2.0, 0.5)
    bad["end_time"] = bad["start_time"] - 0.25                  # no interval
    rows.append(bad)
    gone = request(rng, tier, dev, n + 3, t + 3.0, 0.5)
    gone["end_time"] = None                                     # no interval
    rows.append(gone)
    return rows


def samples(rng, rows, gpu):
    """Every ~100 ms from before the first request to after the last, plus
    samples exactly on a start_time and an end_time."""
    starts = [r["start_time"] for r in rows]
    ends = [r["end_time"] for r in rows if r["end_time"] is not None]
    t, last = min(starts) - rng.uniform(1.0, 3.0), max(ends) + rng.uniform(1.0, 3.0)
    times = []
    while t < last:
        times.append(t)
        t += 0.1 + rng.uniform(0.0005, 0.004)
    times += [rows[1]["start_time"], rows[2]["end_time"]]
    times.sort()
    out = []
    for k, t in enumerate(times):
        busy = any(r["end_time"] is not None and r["start_time"] <= t <= r["end_time"]
                   for r in rows)
        s = {"timestamp": t,
             "cpu_percent": round(rng.uniform(300, 600) if busy else rng.uniform(0, 20), 1),
             "memory_mb": 1500.0 + rng.randrange(1 << 16) / 64.0 + (900 if busy else 0),
             "memory_percent": 12.5, "temperature_c": 55.0}
        if gpu:
            s["gpu_memory_mb"] = 4096.0
            s["gpu_percent"] = rng.randint(0, 99)
        r = rng.random()
        if r < 0.04:
            s["memory_mb"] = None
        elif r < 0.08:
            s["cpu_percent"] = None
        if k == len(times) // 3:
            s["timestamp"] = t * 1000.0   # milliseconds: left out
        out.append(s)
    return out


def generate(outdir, seed):
    rng = random.Random(seed)
    files = []
    t = T0 + rng.randrange(86400)
    for run in range(2):
        rows = requests(rng, "box", "cpu", t, rng.randint(8, 20))
        st = stamp(t)
        files.append(("synthesis_box_%s.csv" % st, genfolder.SYN_COLS, rows))
        files.append(("realtime_box_%s.csv" % st, genfolder.RT_COLS,
                      samples(rng, rows, False)))
        t += 7200 + rng.randrange(3600)
    rows = requests(rng, "gpu", "cuda", t, rng.randint(5, 12))
    st = stamp(t)
    files.append(("synthesis_gpu_%s.csv" % st, genfolder.SYN_COLS, rows))
    files.append(("runs/realtime_gpu_%s.csv" % st, genfolder.RT_COLS,
                  samples(rng, rows, True)))
    t += 7200
    rows = requests(rng, "lone", "cpu", t, 4)
    files.append(("synthesis_lone_%s.csv" % stamp(t), genfolder.SYN_COLS, rows))
    files.append(("realtime_lone_%s.csv" % stamp(t + 3600), genfolder.RT_COLS,
                  samples(rng, rows, False)))
    for rel, cols, rows in files:
        genfolder.write_csv(os.path.join(outdir, rel), cols, rows)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv[1:])
    if os.path.exists(a.outdir) and os.listdir(a.outdir):
        print("genidle.py: %s is not empty" % a.outdir, file=sys.stderr)
        return 2
    generate(a.outdir, a.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
