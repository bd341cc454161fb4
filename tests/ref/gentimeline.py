#!/usr/bin/env python3
"""Generate a metrics folder for the timelines: one tier whose memory
leaks over a long run, one laptop that throttles, one run of 3 seconds.

    gentimeline.py OUT_DIR [--hours H]

Requests every 40-80 s; realtime samples every 100 ms, during requests
and between them. Deterministic (seeded)."""
import csv, json, math, os, random, sys

SYN = ["request_id", "hardware_tier", "device_type", "text_length_tokens", "start_time",
       "end_time", "total_duration_s", "peak_memory_mb", "peak_gpu_memory_mb", "peak_temperature_c",
       "throttle_detected", "rtf", "tokens_per_second", "success"]
RT = ["timestamp", "cpu_percent", "memory_mb", "memory_percent", "gpu_memory_mb",
      "gpu_percent", "temperature_c"]


def run(out, tier, dev, stamp, t0, seconds, leak_mb, throttle, rnd):
    reqs, t = [], t0 + (2.0 if seconds > 60 else 0.3)
    while t < t0 + seconds - (1 if seconds > 60 else 0.5):
        dur = rnd.uniform(1.5, 8.0) if seconds > 60 else 0.8
        reqs.append((t, min(t + dur, t0 + seconds)))
        t += dur + (rnd.uniform(30, 60) if seconds > 600 else rnd.uniform(0.5, 3))
    with open(os.path.join(out, f"synthesis_{tier}_{stamp}.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(SYN)
        for i, (s, e) in enumerate(reqs):
            temp = 60 + 35 * min(1, (s - t0) / max(seconds, 1)) if throttle else 55
            w.writerow([f"{tier}-{stamp}-{i}", tier, dev, 100 + i % 200, repr(s), repr(e),
                        repr(e - s), repr(2000.0 + leak_mb * (s - t0) / seconds), repr(0.0),
                        repr(temp), "True" if throttle and temp > 88 else "False",
                        repr(0.4), repr(30.0), "False" if i % 37 == 5 else "True"])
    with open(os.path.join(out, f"realtime_{tier}_{stamp}.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(RT)
        k, n = 0, int(seconds * 10)
        for j in range(n):
            ts = t0 + j / 10
            while k < len(reqs) and reqs[k][1] < ts:
                k += 1
            busy = k < len(reqs) and reqs[k][0] <= ts <= reqs[k][1]
            mem = 2000 + leak_mb * j / n + (400 if busy else 0) + rnd.uniform(-20, 20)
            cpu = (rnd.uniform(300, 500) if busy else rnd.uniform(2, 15))
            temp = (60 + 35 * j / n if throttle else 55) + (5 if busy else 0) + rnd.uniform(-1, 1)
            w.writerow([repr(ts), repr(round(cpu, 1)), repr(round(mem, 1)), repr(40.0),
                        "", "", repr(round(temp, 1))])


def main():
    out = sys.argv[1]
    hours = float(sys.argv[sys.argv.index("--hours") + 1]) if "--hours" in sys.argv else 24
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(15)
    run(out, "leaky_box", "cpu", "20251110_000000", 1762732800.0, hours * 3600, 4000, False, rnd)
    run(out, "hot_laptop", "cpu", "20251111_090000", 1762851600.0, 2 * 3600, 0, True, rnd)
    run(out, "quick_gpu", "cuda", "20251112_120000", 1762948800.0, 3, 0, False, rnd)


if __name__ == "__main__":
    main()
