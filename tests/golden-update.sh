#!/bin/sh
# Regenerate the golden figure images (tests/golden/figures/*.png) from
# the thesis fixture with the built tool, then show what changed. Run it
# through `make golden-update` only when a change to the figures is
# intended, look at every changed PNG, and commit them with the code.
#
# usage: tests/golden-update.sh TIERSTAT [TEST_GROUPED]
# The unit test test_figures compares its own rendering of the same
# fixture (built from tests/expected_hardware_metadata.json; the
# timelines and fig6, which need the rows, by the whole tool) with these
# files; tests/golden/figures/README.md documents the tolerance.
# With TEST_GROUPED (the test_grouped binary), also the grouped bar
# charts of --by (tests/golden/grouped), which that test draws from
# models it builds (TS_GOLDEN_UPDATE=1 makes it write instead of compare).
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
if [ -n "${2:-}" ]; then
	TS_GOLDEN_UPDATE=1 LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0" \
		"$2" > "$T/grouped.log" 2>&1 || { cat "$T/grouped.log"; exit 1; }
fi
if git rev-parse --git-dir > /dev/null 2>&1; then
	git status --short -- tests/golden/figures tests/golden/grouped
fi
echo "golden images written to tests/golden/figures and tests/golden/grouped: review them before committing"
