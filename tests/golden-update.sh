#!/bin/sh
# Regenerate the golden figure images (tests/golden/figures/*.png) from
# the thesis fixture with the built tool, then show what changed. Run it
# through `make golden-update` only when a change to the figures is
# intended, look at every changed PNG, and commit them with the code.
#
# usage: tests/golden-update.sh TIERSTAT
# The unit test test_figures compares its own rendering of the same
# fixture (built from tests/expected_hardware_metadata.json; the
# timelines and fig6, which need the rows, by the whole tool) with these
# files; tests/golden/figures/README.md documents the tolerance.
set -eu
tool=${1:?usage: tests/golden-update.sh TIERSTAT}
top=$(cd "$(dirname "$0")/.." && pwd)
dst="$top/tests/golden/figures"
T=$(mktemp -d "${TMPDIR:-/tmp}/tierstat-golden.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

# 150 dpi keeps the files small; same options as test_golden (which
# draws fig4_relative with the RTX 3060 as the reference).
"$tool" analyze -q "$top/fixtures/thesis/metrics" -o "$T" --format png --dpi 150 \
	--reference nvidia_rtx3060_cuda
mkdir -p "$dst"
for f in fig1_memory_comparison fig2_rtf_comparison fig3_success_rate \
	 fig4_relative fig_hardware_summary fig5_memory_timeline fig6_duration_vs_tokens \
	 timeline_amd_ryzen5_cpu timeline_intel_i5_cpu timeline_m1_air_mps \
	 timeline_nvidia_rtx3060_cuda; do
	cp "$T/$f.png" "$dst/$f.png"
done
cd "$top"
if git rev-parse --git-dir > /dev/null 2>&1; then
	git status --short -- tests/golden/figures
fi
echo "golden images written to tests/golden/figures: review them before committing"
