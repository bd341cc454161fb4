#!/usr/bin/env python3
"""check-figdata.py - the data behind the figures and the run manifest
(issue 14 items 4 and 5), read back another way.

usage: check-figdata.py OUT_DIR METRICS_DIR ERRORBAR [ARG...]

Reads every <figure>.csv in OUT_DIR with Python's csv module and compares
its numbers with hardware_metadata.json's, exactly (the same double
operations: a mean over 1024 for GiB, mean - SD, a rate times 100), under
the --errorbar given; checks CRLF record ends; checks the JSON's `run`
object: the version of src/ts.h, `args` equal to the ARGs given, and the
inputs exactly the input files of METRICS_DIR (by name, sorted), each with
its size and hashlib's SHA-256. Prints what differs; exit 1 if anything
does.
"""
import csv
import hashlib
import io
import json
import os
import re
import sys

bad = []


def fail(msg):
    bad.append(msg)


def read_csv(path):
    raw = open(path, 'rb').read()
    text = raw.decode('utf-8')
    rows = list(csv.reader(io.StringIO(text, newline='')))
    # every record ends with CRLF: as many CRLFs as records, no bare LF
    # outside a quoted field
    ends = text.count('\r\n')
    if ends != len(rows) or not text.endswith('\r\n'):
        fail(f'{path}: {len(rows)} records but {ends} CRLF line ends')
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def num(s):
    return None if s == '' else float(s)


def err_ends(m, errorbar, div):
    mean = m['mean']
    if mean is None:
        return None, None
    if errorbar == 'sd' and m['std'] is not None:
        return (mean - m['std']) / div, (mean + m['std']) / div
    if errorbar == 'se' and m['se'] is not None:
        return (mean - m['se']) / div, (mean + m['se']) / div
    if errorbar == 'ci95' and m['ci95'] is not None:
        return m['ci95'][0] / div, m['ci95'][1] / div
    return None, None


def label(t):
    return t['label'] or t['key']


def same(path, key, what, got, want):
    if got != want:
        fail(f'{path}: {key}: {what} {got!r}, the JSON gives {want!r}')


def check_metric(out, doc, tiers, name, metric, errorbar):
    path = os.path.join(out, name + '.csv')
    head, rows = read_csv(path)
    value_col = head[4]
    div = 1.0
    if metric == 'peak_memory_mb':
        unit = value_col[len('mean_peak_memory_'):]
        div = {'GiB': 1024.0, 'MiB': 1.0, 'MB': 1e6 / 1048576, 'GB': 1e9 / 1048576}[unit]
    same(path, '-', 'header', head, ['key', 'label', 'device', 'n', value_col, 'err_lo', 'err_hi'])
    same(path, '-', 'tiers', [r['key'] for r in rows], [t['key'] for t in tiers])
    for r, t in zip(rows, tiers):
        m = t['metrics'][metric]
        same(path, t['key'], 'label', r['label'], label(t))
        same(path, t['key'], 'device', r['device'], t['device_type'] or '')
        same(path, t['key'], 'n', r['n'], '' if m['n'] is None else str(m['n']))
        want = None if m['mean'] is None or not m['n'] else m['mean'] / div
        same(path, t['key'], 'value', num(r[value_col]), want)
        lo, hi = err_ends(m, errorbar, div) if want is not None else (None, None)
        same(path, t['key'], 'err_lo', num(r['err_lo']), lo)
        same(path, t['key'], 'err_hi', num(r['err_hi']), hi)


def check_success(out, tiers, errorbar):
    path = os.path.join(out, 'fig3_success_rate.csv')
    head, rows = read_csv(path)
    same(path, '-', 'header', head,
         ['key', 'label', 'device', 'successful', 'n', 'success_percent', 'err_lo', 'err_hi'])
    for r, t in zip(rows, tiers):
        same(path, t['key'], 'successful', r['successful'], str(t['successful']))
        same(path, t['key'], 'n', r['n'], str(t['tests']))
        same(path, t['key'], 'value', num(r['success_percent']), t['success_rate'] * 100)
        ci = t['success_ci95'] if errorbar != 'none' else None
        same(path, t['key'], 'err_lo', num(r['err_lo']), ci and ci[0] * 100)
        same(path, t['key'], 'err_hi', num(r['err_hi']), ci and ci[1] * 100)


def check_relative(out, tiers):
    path = os.path.join(out, 'fig4_relative.csv')
    head, rows = read_csv(path)
    same(path, '-', 'header', head, ['key', 'label', 'device', 'n', 'rtf_ratio', 'err_lo', 'err_hi'])
    for r, t in zip(rows, tiers):
        q = t['relative']['rtf']
        same(path, t['key'], 'value', num(r['rtf_ratio']), q['ratio'])
        same(path, t['key'], 'err_lo', num(r['err_lo']), q['ci95'] and q['ci95'][0])
        same(path, t['key'], 'err_hi', num(r['err_hi']), q['ci95'] and q['ci95'][1])


def check_table(out, tiers):
    path = os.path.join(out, 'fig_hardware_summary.csv')
    head, rows = read_csv(path)
    same(path, '-', 'header', head[:9],
         ['Tier', 'Device', 'CPU', 'Cores', 'RAM (GB)', 'GPU', 'Tests', 'Success', 'RTF'])
    same(path, '-', 'tiers', [r['Tier'] for r in rows], [label(t) for t in tiers])
    same(path, '-', 'tests', [r['Tests'] for r in rows], [str(t['tests']) for t in tiers])


INPUT = re.compile(r'^(synthesis|realtime)_.+\.csv$|^(hardware_specs|analysis)_.+\.json$')


def check_run(doc, metrics, args):
    run = doc.get('run')
    if not isinstance(run, dict):
        fail('hardware_metadata.json: no run object')
        return
    ts_h = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'ts.h')).read()
    version = re.search(r'#define TS_VERSION "(.*)"', ts_h).group(1)
    same('run', '-', 'version', run['version'], version)
    same('run', '-', 'args', run['args'], args)
    want = sorted(f for f in os.listdir(metrics)
                  if INPUT.match(f) and os.path.isfile(os.path.join(metrics, f)))
    same('run', '-', 'input paths', [f['path'] for f in run['inputs']], want)
    for f in run['inputs']:
        p = os.path.join(metrics, f['path'])
        if not os.path.isfile(p):
            continue
        data = open(p, 'rb').read()
        same('run', f['path'], 'size', f['size'], len(data))
        same('run', f['path'], 'sha256', f['sha256'], hashlib.sha256(data).hexdigest())


def main():
    out, metrics, errorbar = sys.argv[1:4]
    args = sys.argv[4:]
    doc = json.load(open(os.path.join(out, 'hardware_metadata.json'), encoding='utf-8'))
    tiers = doc['tiers']
    for name, metric in (('fig1_memory_comparison', 'peak_memory_mb'), ('fig2_rtf_comparison', 'rtf')):
        if os.path.exists(os.path.join(out, name + '.csv')):
            check_metric(out, doc, tiers, name, metric, errorbar)
    if os.path.exists(os.path.join(out, 'fig3_success_rate.csv')):
        check_success(out, tiers, errorbar)
    if os.path.exists(os.path.join(out, 'fig4_relative.csv')):
        check_relative(out, tiers)
    if os.path.exists(os.path.join(out, 'fig_hardware_summary.csv')):
        check_table(out, tiers)
    check_run(doc, metrics, args)
    for b in bad:
        print(b)
    sys.exit(1 if bad else 0)


main()
