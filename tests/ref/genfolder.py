#!/usr/bin/env python3
"""Write a random but realistic metrics folder, in the monitor's exact format.

    python3 tests/ref/genfolder.py OUTDIR --seed N [--tiers K]

The same seed always writes the same bytes (random.Random(seed), no clock,
no environment). Files follow METRICS.md sections 1-3 and 5 and look like
what the monitor writes (Python csv module, default dialect):

* CRLF line ends, minimal quoting, floats in repr, True/False, an empty
  field for None; a UTF-8 BOM on some files;
* synthesis_<tier>_<YYYYMMDD>[_<HHMMSS>].csv, one to three runs per
  configuration, stamps with and without the time; tiers named with
  underscores and trailing digits (xeon_gold_6130_2, cluster_node_123456);
  device types cpu/cuda/mps and odd ones (rocm, xpu); sometimes a second
  device configuration of one machine;
* failed rows (rtf and tokens_per_second empty, ~30 s duration) whose
  error_message holds commas, doubled quotes and sometimes a newline;
* shuffled columns plus an unknown extra column on some files, a dropped
  optional column (never one a statistic needs) on a few, and now and then
  no hardware_tier column (the file name's tier is the fallback);
* request_ids of 8 hex digits, some all digits with a leading zero or
  digits with one `e` (text, not numbers); in some seeds a duplicate
  request_id in one configuration (the later copy has other values), and
  the same id in two different tiers (not a duplicate);
* realtime_<same stem>.csv beside each synthesis file: 7 columns, samples
  ~100 ms apart while requests run, first cpu_percent 0.0, gpu fields empty
  on CPU tiers and sometimes on GPU tiers; in some seeds the last two rows
  are out of order (duration is max - min, not last - first);
* hardware_specs_<tier>.json for all tiers but one (display_name on some);
  analysis_<tier>.json rounded to 2 decimals (sometimes stale: computed on
  the first run only); sometimes an analysis-only tier (analysis + specs,
  no CSVs);
* some tiers in sub-folders, some with one run elsewhere; files tierstat
  must ignore (notes, a stale hardware_metadata.json, synthesis_x_backup.csv).

Values are valid per the format: this folder is for exactness checks.
"""

import argparse
import csv
import datetime
import json
import math
import os
import random
import statistics
import sys

SYN_COLS = ["request_id", "hardware_tier", "device_type", "cpu_model",
            "cpu_cores", "total_memory_gb", "gpu_name", "text_length_chars",
            "text_length_tokens", "start_time", "end_time", "total_duration_s",
            "peak_memory_mb", "peak_memory_percent", "peak_gpu_memory_mb",
            "peak_temperature_c", "throttle_detected", "rtf",
            "tokens_per_second", "success", "error_message",
            "quantization_used", "torch_compile_used", "onnx_used",
            "chunk_length", "num_threads"]
RT_COLS = ["timestamp", "cpu_percent", "memory_mb", "memory_percent",
           "gpu_memory_mb", "gpu_percent", "temperature_c"]
# Columns a file may lack without changing any figure tierstat writes.
DROPPABLE = ["gpu_name", "peak_memory_percent", "onnx_used",
             "torch_compile_used", "chunk_length"]
EXTRA_COLS = [("model_name", ["kokoro-82m", "xtts-v2", "piper-lessac"]),
              ("notes", ["", "warm cache", "cold start, first run"]),
              ("git_commit", ["3f9c2e1", "a41d0b7"])]

# name, device, cpu model, cores, threads, RAM GB, GPU, GPU GB, platform,
# display name
MACHINES = [
    ("intel_i5", "cpu", "Intel(R) Core(TM) i5-1235U @ 1.30GHz", 10, 12, 16.0,
     None, None, "Windows-10-10.0.22631-SP0", "Intel i5"),
    ("amd_ryzen5", "cpu", "AMD Ryzen 5 5600X 6-Core Processor", 6, 12, 16.0,
     None, None, "Linux-6.5.0-35-generic-x86_64-with-glibc2.35",
     "AMD Ryzen 5"),
    ("nvidia_rtx3060", "cuda", "Intel(R) Core(TM) i7-10700K @ 3.80GHz", 8, 16,
     32.0, "NVIDIA GeForce RTX 3060", 12.0,
     "Linux-6.5.0-35-generic-x86_64-with-glibc2.35", "RTX 3060"),
    ("m1_air", "mps", "Apple M1", 8, 8, 8.0, None, None,
     "macOS-14.1-arm64-arm-64bit", "M1 Air"),
    ("xeon_gold_6130_2", "cpu", "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz",
     16, 32, 192.0, None, None, "Linux-5.15.0-88-generic-x86_64-with-glibc2.35",
     "Xeon Gold 6130 (2)"),
    ("m2_pro_16", "mps", "Apple M2 Pro", 12, 12, 16.0, None, None,
     "macOS-14.2-arm64-arm-64bit", "M2 Pro 16 GB"),
    ("rtx_4090_x2", "cuda", "AMD Ryzen 9 7950X 16-Core Processor", 16, 32,
     64.0, "NVIDIA GeForce RTX 4090", 24.0,
     "Linux-6.8.0-45-generic-x86_64-with-glibc2.39", "2x RTX 4090"),
    ("amd_mi210_1", "rocm", "AMD EPYC 7313 16-Core Processor", 16, 32, 256.0,
     "AMD Instinct MI210", 64.0,
     "Linux-5.15.0-88-generic-x86_64-with-glibc2.35", "MI210"),
    ("jetson_orin_64", "cuda", "ARMv8 Processor rev 1 (v8l)", 12, 12, 64.0,
     "Orin", 64.0, "Linux-5.10.120-tegra-aarch64-with-glibc2.35",
     "Jetson AGX Orin"),
    ("raspberry_pi_4", "cpu", "Cortex-A72", 4, 4, 8.0, None, None,
     "Linux-6.1.0-rpi7-rpi-v8-aarch64-with-glibc2.36", "Raspberry Pi 4"),
    ("lab_pc_042", "cpu", "Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz", 6, 12,
     32.0, None, None, "Windows-10-10.0.19045-SP0", "Lab PC 042"),
    ("cluster_node_123456", "cuda", "Intel(R) Xeon(R) Silver 4214R CPU @ "
     "2.40GHz", 24, 48, 384.0, "Tesla V100-SXM2-32GB", 32.0,
     "Linux-4.18.0-477.el8.x86_64-x86_64-with-glibc2.28", "V100 node"),
    ("intel_arc_a770", "xpu", "Intel(R) Core(TM) i5-13600K", 14, 20, 32.0,
     "Intel(R) Arc(TM) A770 Graphics", 16.0,
     "Linux-6.5.0-35-generic-x86_64-with-glibc2.35", "Arc A770"),
]

ERRORS = [
    'ConnectionError: Network timeout, "retry" exhausted after 3 attempts\n'
    '(while fetching reference audio)',
    'Network timeout, "retry" exhausted',
    'RuntimeError: CUDA out of memory, tried to allocate 2.00 GiB '
    '("reserved" 10.1 GiB)',
    'TimeoutError: synthesis exceeded 30 s, "chunk" 3 of 5',
    'ValueError: unsupported characters "\u00e9", "\u00df" in text',
    'OSError: [Errno 28] No space left on device,\nwhile writing "out.wav"',
]

SUBFOLDERS = ["lab", "machines", "from_laptop", "copied runs", "run_2"]
BASE_TIME = 1762300000.0   # 2025-11-05


# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------

def mb(rng, mu, sd, unit=256):
    """A memory figure in MB as psutil gives it: a multiple of 1/unit MB."""
    v = max(64.0, rng.gauss(mu, sd))
    return round(v * unit) / unit


def request_id(rng, used):
    """An 8-character request id, unique within `used` (which it updates).

    Mostly 8 hex digits (uuid4()[:8]); sometimes all digits with a leading
    zero (03781029) or digits with one `e` (06e98799), which a number parser
    would take for a number.
    """
    while True:
        u = rng.random()
        if u < 0.12:
            rid = "0" + "".join(rng.choice("0123456789") for _ in range(7))
        elif u < 0.22:
            d = "".join(rng.choice("0123456789") for _ in range(7))
            pos = rng.randint(1, 6)
            rid = d[:pos] + "e" + d[pos:]
        else:
            rid = "%08x" % rng.getrandbits(32)
        if len(rid) == 8 and rid not in used:
            used.add(rid)
            return rid


def stamp_of(t, with_time):
    """The file-name stamp of Unix time t: YYYYMMDD or YYYYMMDD_HHMMSS (UTC)."""
    d = datetime.datetime.fromtimestamp(int(t), datetime.timezone.utc)
    return d.strftime("%Y%m%d_%H%M%S" if with_time else "%Y%m%d")


def cell(v):
    """A value as the csv module writes it: None -> '', bool -> True/False,
    float -> repr (Python 3 str), everything else str()."""
    if v is None:
        return ""
    return str(v)


def write_csv(path, columns, rows, bom=False):
    """Write rows (dicts) with the csv module's default dialect (CRLF)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        if bom:
            f.write("\ufeff")
        w = csv.writer(f)
        w.writerow(columns)
        for r in rows:
            w.writerow([cell(r.get(c)) for c in columns])


def write_json(path, obj):
    """Write a JSON file as the monitor does (indent 2, trailing newline)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


# --------------------------------------------------------------------------
# a configuration's behaviour
# --------------------------------------------------------------------------

def profile(rng, device):
    """Random performance figures of one configuration on one device."""
    p = {"device": device}
    if device == "cpu":
        p["rtf"] = rng.uniform(2.5, 10.0)
        p["mem"] = rng.uniform(2400, 3600)
        p["gpu"] = rng.choice([0.0, None])   # 0.0 as in the thesis, or empty
        p["cpu"] = rng.uniform(150, 700)
    elif device == "mps":
        p["rtf"] = rng.uniform(2.0, 4.5)
        p["mem"] = rng.uniform(3500, 5000)
        p["gpu"] = rng.uniform(1700, 2400)
        p["cpu"] = rng.uniform(120, 250)
    else:                                   # cuda, rocm, xpu, ...
        p["rtf"] = rng.uniform(0.08, 0.5)
        p["mem"] = rng.uniform(2800, 4200)
        p["gpu"] = rng.uniform(2000, 9000)
        p["cpu"] = rng.uniform(80, 130)
    p["rtf_sd"] = p["rtf"] * rng.uniform(0.04, 0.12)
    p["mem_sd"] = rng.uniform(60, 200)
    sensor = device not in ("mps",) and rng.random() < 0.7
    p["temp"] = rng.uniform(58, 78) if sensor else 0.0
    p["temp_step"] = rng.choice([0.125, 1.0])
    p["throttle_p"] = 0.08 if sensor and device != "cpu" else 0.0
    p["fail_p"] = rng.choice([0.0, 0.03, 0.06, 0.1])
    p["quant"] = rng.choice(["INT4", "INT8", None])
    return p


def make_row(rng, m, dev, p, rid, t0, force_fail=False):
    """One synthesis request starting at Unix time t0, as the monitor logs it.

    m is the machine tuple, dev the device type, p the profile. Returns the
    row dict and the end time.
    """
    name, _, cpu_model, cores, _, ram, gpu_name, _, _, _ = m
    tokens = rng.randint(60, 190)
    chars = tokens * 4 + rng.randint(0, 3)
    audio_s = tokens / 150.0 * rng.uniform(0.85, 1.15)
    fail = force_fail or rng.random() < p["fail_p"]
    if fail:
        dur = 30.0 + rng.uniform(0.0, 0.06)
    else:
        dur = max(0.02, rng.gauss(p["rtf"], p["rtf_sd"])) * audio_s
    start = t0
    end = start + dur
    total = end - start
    peak = mb(rng, p["mem"], p["mem_sd"])
    gpu = p["gpu"]
    if gpu:
        gpu = mb(rng, gpu, gpu * 0.03, 1024)
    temp = p["temp"]
    throttle = False
    if temp:
        temp = rng.gauss(temp, 2.0)
        if rng.random() < p["throttle_p"]:
            temp = rng.uniform(85.0, 91.0)
            throttle = True
        temp = round(temp / p["temp_step"]) * p["temp_step"]
    row = {
        "request_id": rid, "hardware_tier": name, "device_type": dev,
        "cpu_model": cpu_model, "cpu_cores": cores, "total_memory_gb": ram,
        "gpu_name": gpu_name if dev not in ("cpu", "mps") else None,
        "text_length_chars": chars, "text_length_tokens": tokens,
        "start_time": start, "end_time": end, "total_duration_s": total,
        "peak_memory_mb": peak,
        "peak_memory_percent": peak / (ram * 1024.0) * 100.0,
        "peak_gpu_memory_mb": gpu, "peak_temperature_c": temp,
        "throttle_detected": throttle,
        "rtf": None if fail else total / audio_s,
        "tokens_per_second": None if fail else tokens / total,
        "success": not fail,
        "error_message": rng.choice(ERRORS) if fail else None,
        "quantization_used": p["quant"],
        "torch_compile_used": dev == "cuda" and p["rtf"] < 0.2,
        "onnx_used": dev == "cpu" and p["quant"] == "INT8",
        "chunk_length": 200, "num_threads": cores,
    }
    if not fail and rng.random() < 0.02:
        row["tokens_per_second"] = float("nan")   # written as 'nan'
    return row, end


def make_realtime(rng, p, rows, ram):
    """Samples ~100 ms apart while each request of rows runs (section 3)."""
    out = []
    gpu_dev = p["device"] != "cpu"
    for r in rows:
        t = r["start_time"] + rng.uniform(0.0005, 0.002)
        while True:
            memv = min(r["peak_memory_mb"],
                       mb(rng, p["mem"] * 0.93, p["mem_sd"]))
            s = {"timestamp": t,
                 "cpu_percent": 0.0 if not out else
                 round(max(0.0, rng.gauss(p["cpu"], p["cpu"] * 0.12)), 1),
                 "memory_mb": memv,
                 "memory_percent": memv / (ram * 1024.0) * 100.0}
            if gpu_dev and p["gpu"] and rng.random() > 0.04:
                s["gpu_memory_mb"] = mb(rng, p["gpu"], p["gpu"] * 0.02, 1024)
                if p["device"] != "mps":
                    s["gpu_percent"] = rng.randint(70, 99)
            if p["temp"]:
                s["temperature_c"] = round(rng.gauss(p["temp"], 3.0) /
                                           p["temp_step"]) * p["temp_step"]
            else:
                s["temperature_c"] = 0.0
            out.append(s)
            t += 0.1 + rng.uniform(0.0005, 0.004)
            if t > r["end_time"]:
                break
    return out


def analysis(name, dev, rows, rng):
    """The monitor's analysis_<tier>.json over rows, rounded to 2 decimals."""
    ok = [r for r in rows if r["success"]]
    mem = [r["peak_memory_mb"] for r in ok]

    def avg(key):
        v = [r[key] for r in ok
             if r[key] is not None and not math.isnan(r[key])]
        return round(statistics.fmean(v), 2) if v else 0.0
    temps = [r["peak_temperature_c"] for r in rows]
    return {
        "hardware_tier": name, "device_type": dev,
        "total_runs": len(rows), "successful_runs": len(ok),
        "memory": {"avg_peak_mb": round(statistics.fmean(mem), 2),
                   "max_peak_mb": round(max(mem), 2),
                   "min_peak_mb": round(min(mem), 2),
                   "std_dev_mb": round(statistics.stdev(mem), 2)},
        "performance": {"avg_rtf": avg("rtf"),
                        "avg_tokens_per_sec": avg("tokens_per_second"),
                        "avg_duration_s": avg("total_duration_s")},
        "success_rate": round(len(ok) / len(rows), 4),
        "thermal": {"max_temperature_c": round(max(temps), 2),
                    "throttle_events": sum(1 for r in rows
                                           if r["throttle_detected"])},
    }


def specs(m, t0, rng):
    """hardware_specs_<tier>.json of machine m (display_name on some)."""
    name, dev, cpu_model, cores, threads, ram, gpu, gpu_gb, plat, disp = m
    d = {"hardware_tier": name, "device_type": dev}
    if rng.random() < 0.65:
        d["display_name"] = disp
    d.update({"cpu_model": cpu_model, "cpu_cores": cores,
              "cpu_threads": threads, "total_memory_gb": ram,
              "gpu_name": gpu, "gpu_memory_gb": gpu_gb, "platform": plat,
              "python_version": rng.choice(["3.11.6", "3.10.12", "3.12.1"]),
              "torch_version": rng.choice(["2.1.0", "2.2.1", "2.3.0"]),
              "detected_at": datetime.datetime.fromtimestamp(
                  int(t0) - 4, datetime.timezone.utc)
              .strftime("%Y-%m-%dT%H:%M:%S")})
    return d


# --------------------------------------------------------------------------
# the folder
# --------------------------------------------------------------------------

def machines(rng, k):
    """k machines: from MACHINES, then invented ones (node_<i>_<n>)."""
    pool = list(MACHINES)
    rng.shuffle(pool)
    out = pool[:k]
    for i in range(k - len(pool)):
        dev = rng.choice(["cpu", "cpu", "cuda", "mps", "rocm"])
        name = "node_%d_%d" % (i + 1, rng.randint(2, 99))
        out.append((name, dev, "Generic CPU %d" % i, 8, 16, 32.0,
                    None if dev in ("cpu", "mps") else "Generic GPU",
                    None if dev in ("cpu", "mps") else 16.0,
                    "Linux-6.1.0-x86_64-with-glibc2.36", "Node %d" % (i + 1)))
    return out


def mix_settings(mix, i, run_no, row, cores):
    """--mixed-settings (issue 16): machine 0, 3, ... runs alternate INT4
    (peak memory x 0.55, RTF and duration x 1.25, tokens/s / 1.25) and INT8, one value per run; machine 1, 4, ...
    picks num_threads per row from all cores, half of them, or empty;
    the others keep one setting. `mix` is a stream of its own, so the
    folder without the option is the same bytes as ever."""
    if i % 3 == 0:
        row["quantization_used"] = "INT4" if run_no % 2 == 0 else "INT8"
        if run_no % 2 == 0:
            row["peak_memory_mb"] *= 0.55
            row["peak_memory_percent"] *= 0.55
            # and 1.25 times slower: RTF and duration up, tokens/s down
            # (end_time stays, so the requests keep their order and gaps)
            row["total_duration_s"] *= 1.25
            if row["rtf"] is not None:
                row["rtf"] *= 1.25
            if row["tokens_per_second"] is not None:
                row["tokens_per_second"] /= 1.25
    elif i % 3 == 1:
        row["num_threads"] = mix.choice([cores, max(1, cores // 2), None])


def generate(outdir, seed, ntiers=None, mixed=False):
    """Write the folder for seed into outdir; return a short description."""
    rng = random.Random(seed)
    mix = random.Random(seed * 7919 + 1)   # --mixed-settings only
    k = ntiers if ntiers is not None else rng.randint(3, 6)
    ms = machines(rng, k)
    log = []
    analysis_only = rng.randrange(k) if k >= 2 and rng.random() < 0.5 else None
    nospecs = None
    if k >= 3:
        nospecs = rng.choice([i for i in range(k) if i != analysis_only])
    second_dev = None
    gpu_tiers = [i for i, m in enumerate(ms) if m[1] not in ("cpu",)
                 and i != analysis_only]
    if gpu_tiers and rng.random() < 0.35:
        second_dev = rng.choice(gpu_tiers)
    dup_mode = rng.choice([None, "same_file", "other_file"])
    dup_tier = rng.choice([i for i in range(k) if i != analysis_only])
    swap_rt = rng.random() < 0.35
    used = set()            # every request_id so far: unique in the folder
    dup_rows = []           # rows given a duplicate id on purpose
    files = {}              # relpath -> ("csv", columns, rows, bom) / ("json", obj)

    t_base = BASE_TIME + rng.uniform(0, 86400.0)
    for i, m in enumerate(ms):
        name, dev = m[0], m[1]
        folder = ""
        if rng.random() < 0.35:
            folder = rng.choice(SUBFOLDERS) + "/"
            if rng.random() < 0.5:
                folder += name + "/"
        configs = [(dev, profile(rng, dev))]
        if i == second_dev:
            configs.append(("cpu", profile(rng, "cpu")))
            log.append("second configuration %s_cpu" % name)
        t = t_base + i * 7 * 86400.0 + rng.uniform(0, 3600.0)
        first_t = t
        config_rows = []
        for dv, p in configs:
            runs = []
            for run_no in range(rng.randint(1, 3)):
                rows = []
                tr = t
                for _ in range(rng.randint(4, 18)):
                    row, end = make_row(rng, m, dv, p, request_id(rng, used),
                                        tr)
                    if mixed:
                        mix_settings(mix, i, run_no, row, m[3])
                    rows.append(row)
                    tr = end + rng.uniform(0.4, 3.0)
                runs.append((t, rows))
                t += rng.randint(1, 3) * 86400.0 + rng.uniform(0, 3000)
            config_rows.append((dv, p, runs))

        # a duplicate request_id: a later row (another request, other
        # values) takes the id of an earlier one of the same configuration
        if dup_mode and i == dup_tier:
            dv, p, runs = config_rows[0]
            if dup_mode == "other_file" and len(runs) >= 2:
                src, dst = runs[0][1], runs[-1][1]
                victim, j = rng.randrange(len(src)), rng.randrange(len(dst))
            else:
                src = dst = runs[0][1]
                victim = rng.randrange(len(src) - 1)
                j = rng.randrange(victim + 1, len(src))
            dst[j]["request_id"] = src[victim]["request_id"]
            dup_rows.append(dst[j])
            log.append("duplicate request_id %s in %s_%s (%s)"
                       % (src[victim]["request_id"], name, dv,
                          "one file" if src is dst else "two files"))

        if i == analysis_only:
            dv, p, runs = config_rows[0]
            rows = [r for _, rr in runs for r in rr]
            if sum(1 for r in rows if r["success"]) < 2:
                for r in rows[:2]:
                    r["success"] = True
                    r["rtf"] = r["rtf"] or 1.0
                    r["tokens_per_second"] = r["tokens_per_second"] or 10.0
            files[folder + "analysis_%s.json" % name] = (
                "json", analysis(name, dv, rows, rng))
            files[folder + "hardware_specs_%s.json" % name] = (
                "json", specs(m, first_t, rng))
            log.append("analysis-only tier %s_%s" % (name, dv))
            continue

        for dv, p, runs in config_rows:
            for ri, (rt0, rows) in enumerate(runs):
                stamp = stamp_of(rt0, rng.random() < 0.6)
                fold = folder
                if ri > 0 and ri == len(runs) - 1 and rng.random() < 0.15:
                    fold = "" if folder else rng.choice(SUBFOLDERS) + "/"
                    log.append("run %s of %s moved to '%s'" % (ri, name, fold))
                cols = list(SYN_COLS)
                if rng.random() < 0.3:
                    rng.shuffle(cols)
                    extra = rng.choice(EXTRA_COLS)
                    cols.insert(rng.randrange(len(cols) + 1), extra[0])
                    for r in rows:
                        r[extra[0]] = rng.choice(extra[1])
                    log.append("shuffled columns, extra '%s': %s_%s"
                               % (extra[0], name, stamp))
                if rng.random() < 0.15:
                    gone = rng.choice(DROPPABLE)
                    cols.remove(gone)
                    log.append("no column %s: %s_%s" % (gone, name, stamp))
                if rng.random() < 0.08:
                    cols.remove("hardware_tier")   # falls back to file name
                    log.append("no column hardware_tier: %s_%s"
                               % (name, stamp))
                bom = rng.random() < 0.2
                files[fold + "synthesis_%s_%s.csv" % (name, stamp)] = (
                    "csv", cols, rows, bom)
                rt = make_realtime(rng, p, rows, m[5])
                if swap_rt and len(rt) > 2 and not log_has(log, "swapped"):
                    rt[-1], rt[-2] = rt[-2], rt[-1]
                    log.append("swapped last realtime rows of %s_%s"
                               % (name, stamp))
                files[fold + "realtime_%s_%s.csv" % (name, stamp)] = (
                    "csv", RT_COLS, rt, rng.random() < 0.2)
        if i != nospecs:
            files[folder + "hardware_specs_%s.json" % name] = (
                "json", specs(m, first_t, rng))
        else:
            log.append("no specs for %s" % name)
        if rng.random() < 0.8:
            dv, p, runs = config_rows[0]
            stale = rng.random() < 0.25 and len(runs) > 1
            rows = runs[0][1] if stale else [r for _, rr in runs for r in rr]
            if sum(1 for r in rows if r["success"]) >= 2:
                files[folder + "analysis_%s.json" % name] = (
                    "json", analysis(name, dv, rows, rng))
                if stale:
                    log.append("stale analysis for %s" % name)
        if rng.random() < 0.2:
            files[folder + "synthesis_%s_backup.csv" % name] = (
                "csv", SYN_COLS, config_rows[0][2][0][1], False)
            log.append("backup copy synthesis_%s_backup.csv" % name)

    # the same request_id in two different tiers (not a duplicate)
    syn = [f[2] for rel, f in sorted(files.items())
           if os.path.basename(rel).startswith("synthesis_")
           and not rel.endswith("_backup.csv")]
    if len(syn) >= 2 and rng.random() < 0.5:
        a, b = syn[0], syn[-1]
        if a[0]["hardware_tier"] != b[0]["hardware_tier"]:
            dup_ids = {d["request_id"] for d in dup_rows}
            target = [r for r in b if r["request_id"] not in dup_ids]
            shared = a[0]["request_id"]
            rng.choice(target)["request_id"] = shared
            log.append("request_id %s in two tiers" % shared)

    if rng.random() < 0.3:
        files["notes.txt"] = ("text", "runs copied from the lab machines\n")
    if rng.random() < 0.25:
        files["hardware_metadata.json"] = ("json", {"generator": "old run",
                                                    "tiers": []})

    for rel, f in sorted(files.items()):
        path = os.path.join(outdir, rel)
        if f[0] == "csv":
            write_csv(path, f[1], f[2], f[3])
        elif f[0] == "json":
            write_json(path, f[1])
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(f[1])
    return log, sorted(files)


def log_has(log, word):
    """True when a line of the generation log contains word."""
    return any(word in line for line in log)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--tiers", type=int, default=None,
                    help="number of machines (default: 3 to 6, by seed)")
    ap.add_argument("--mixed-settings", action="store_true",
                    help="settings that differ within some tiers (issue 16)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="list what was generated on stderr")
    args = ap.parse_args(argv[1:])
    if args.tiers is not None and args.tiers < 1:
        ap.error("--tiers must be at least 1")
    if os.path.exists(args.outdir) and os.listdir(args.outdir):
        print("genfolder: %s is not empty" % args.outdir, file=sys.stderr)
        return 2
    log, names = generate(args.outdir, args.seed, args.tiers, args.mixed_settings)
    if args.verbose:
        for line in log:
            print("genfolder: " + line, file=sys.stderr)
        for n in names:
            print("genfolder: wrote " + n, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
