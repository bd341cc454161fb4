#!/bin/sh
# Self-test of the reference tools (python3 standard library only):
#  1. reference.py reproduces the pandas reference on the thesis fixture;
#  2. genfolder.py writes the same bytes twice for one seed;
#  3. reference.py runs on generated folders, compare.py accepts its own
#     output and rejects a perturbed copy.
# Usage: sh tests/ref/selftest.sh   (from the repository root or anywhere)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

python3 "$here/reference.py" "$top/fixtures/thesis/metrics" >"$tmp/thesis.json"
python3 "$here/compare.py" "$tmp/thesis.json" "$top/tests/expected_hardware_metadata.json"

python3 "$here/genfolder.py" "$tmp/a" --seed 42
python3 "$here/genfolder.py" "$tmp/b" --seed 42
diff -r "$tmp/a" "$tmp/b" >/dev/null || { echo "selftest: genfolder is not deterministic"; exit 1; }

for seed in 1 2 3 4 5; do
	python3 "$here/genfolder.py" "$tmp/s$seed" --seed $seed
	python3 "$here/reference.py" "$tmp/s$seed" >"$tmp/s$seed.json" 2>/dev/null
	python3 "$here/compare.py" "$tmp/s$seed.json" "$tmp/s$seed.json" >/dev/null
done
python3 - "$tmp/s1.json" "$tmp/bad.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["tiers"][0]["metrics"]["peak_memory_mb"]["mean"] *= 1 + 1e-8
json.dump(d, open(sys.argv[2], "w"))
PY
if python3 "$here/compare.py" "$tmp/bad.json" "$tmp/s1.json" >/dev/null; then
	echo "selftest: compare.py missed a 1e-8 relative error"; exit 1
fi
echo "selftest: reference tools OK"
