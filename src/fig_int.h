/* fig_int.h - internals shared by figures.c, fig_bars.c, fig_table.c and
 * fig_caption.c.
 *
 * Included only by those (and the unit tests of figures); every
 * other module uses figures.h, the public interface.
 *
 * These translate the tier model (tiers.h) into chart specs (chart.h):
 * which numbers, which words, which unit. Layout is chart.c's business,
 * painting draw.c's, files figures.c's.
 */
#ifndef TS_FIG_INT_H
#define TS_FIG_INT_H

#include "ts.h"
#include "chart.h"
#include "figures.h"
#include "tiers.h"

#include <stdio.h>

/* What every figure of one run shares. */
struct ts_fig_env {
	const struct ts_tiers *t;
	const struct ts_fig_opts *o;
	struct ts_measure m;
	const char *mem_unit;     /* "MB", "GB", "MiB" or "GiB", the same in
	                             every figure */
	double mem_div;           /* the monitor's MiB per mem_unit */
	char *other_label;        /* legend text for other device types */
	struct ts_bars_share share; /* fig1-3 lay out alike (ts_fig_share) */
};

/* fig1, fig2, fig3 and fig4_relative (a forest plot of each tier's RTF
 * over the reference's, drawn only with --reference). */
enum ts_fig_bar_kind { TS_FIG_MEMORY, TS_FIG_RTF, TS_FIG_SUCCESS, TS_FIG_RELATIVE };

/* Legend text for device types outside cpu/cuda/mps: their names in
 * capitals ("XPU, ROCM"; see ts_chart_dev_text), or "other" when there
 * are more than three. Caller frees. */
char *ts_fig_other_label(const struct ts_tiers *t);

/* The tier's chart label: its label, else its key. Borrowed. */
const char *ts_fig_label(const struct ts_tier *tier);

/* The memory unit: `want`, or with TS_MEM_AUTO one chosen from the data,
 * GiB when the largest mean peak memory plus its SD reaches 1024 MiB,
 * else MiB. *div is how many of the monitor's MiB make one unit. */
void ts_fig_mem_unit(const struct ts_tiers *t, enum ts_fig_mem want,
		     const char **unit, double *div);

/* How fig2 draws the RTFs (the same for the note figures.c prints). */
struct ts_fig_rtf {
	int log;           /* a log axis */
	int auto_log;      /* ... chosen from the data, not asked for */
	int no_positive;   /* --log-rtf, but no RTF above 0 (drawn linear) */
	int ref_off;       /* the RTF = 1 line is left out: every bar ends
	                      below a third of it */
	double lo, hi;     /* smallest and largest mean RTF drawn (NAN: none) */
};

/* Decide ts_fig_rtf from the tiers and o->rtf_axis: a log axis when asked
 * for, or (TS_RTF_AUTO) when every mean RTF drawn is above 0 and the
 * largest is more than TS_FIG_LOG_SPAN times the smallest. */
#define TS_FIG_LOG_SPAN 30.0
void ts_fig_rtf_scale(const struct ts_tiers *t, const struct ts_fig_opts *o,
		      struct ts_fig_rtf *r);

/* The title of fig1/fig2/fig3 or (table) of the hardware summary, drawn
 * unless --no-title, and the PDF's and SVG's title either way. */
const char *ts_fig_title(enum ts_fig_bar_kind kind, int table);

/* The spec a bar chart is laid out from, with the storage it points
 * into: fill it, read or lay out b->s, release it. */
struct ts_fig_bars_spec {
	struct ts_bars_spec s;
	struct ts_bar_spec *bars;   /* b->s.bars: one per tier, in tier order */
	void *texts;                /* the value and inner texts */
	char axis[320];
	char notes[2][256];
	/* grouped (--by): a label per machine, a legend entry per setting */
	const char **groups;
	char *shades[TS_SHADES];
	char shade_title[300];
};

/* Whether fig1-fig3 group the bars by machine: with --by, and at most
 * TS_SHADES settings (README "Grouped figures"). */
int ts_fig_grouped(const struct ts_tiers *t);
/* Note (once per run) that --by gives too many settings to group. */
void ts_fig_note_grouped(const struct ts_tiers *t, const struct ts_fig_opts *o,
			 struct ts_diag *d);

/* Fill b with the spec of figure `kind` (the numbers, texts and notes
 * drawn). Returns 0, or -1 for fig4 without a reference (b empty).
 * Release with ts_fig_bars_release() either way. */
int ts_fig_bars_fill(struct ts_fig_bars_spec *b, const struct ts_fig_env *e,
		     enum ts_fig_bar_kind kind);
void ts_fig_bars_release(struct ts_fig_bars_spec *b);

/* Lay out fig1/fig2/fig3/fig4 into c (initialised). Returns 0 or -1 (the
 * canvas is too small; not reported). */
int ts_fig_bars(struct ts_chart *c, const struct ts_fig_env *e,
		enum ts_fig_bar_kind kind);

/* Fill e->share so that fig1, fig2 and fig3 get one orientation, one
 * canvas height and one plot area (the same bars for the same tiers):
 * each is laid out, the plot area's largest distances from the edges are
 * taken for all, until that holds. Left all 0 when a chart does not lay
 * out (then each is its own). */
void ts_fig_share(struct ts_fig_env *e);

/* The spec of fig_hardware_summary, with the cells it points to. */
#define TS_FIG_TABLE_COLS 10
struct ts_fig_table_spec {
	struct ts_table_spec s;
	const char *headers[TS_FIG_TABLE_COLS];
	char **cells;               /* nr_rows * TS_FIG_TABLE_COLS, owned */
	enum ts_dev *devs;
	char *mem_h;
};

/* Fill b with the table as drawn. Returns 0. Release with
 * ts_fig_table_release(). */
int ts_fig_table_fill(struct ts_fig_table_spec *b, const struct ts_fig_env *e);
void ts_fig_table_release(struct ts_fig_table_spec *b);

/* Lay out fig_hardware_summary into c. Returns 0 or -1 as above. */
int ts_fig_table(struct ts_chart *c, const struct ts_fig_env *e);

/* ==== timelines (fig_timeline.c) ==== */

#define TS_FIG_TL_PANELS 5   /* memory, CPU, temperature, GPU memory, GPU */

/* One tier's block of panels, with the storage its spec points into. */
struct ts_fig_tl_block {
	struct ts_tl_block_spec b;
	size_t tier, nr_runs;
	struct ts_tl_run_spec *runs;
	struct ts_tl_panel_spec panels[TS_FIG_TL_PANELS];
	struct ts_tl_series *series[TS_FIG_TL_PANELS]; /* [panel][run] */
	enum ts_rt_col cols[TS_FIG_TL_PANELS];         /* each panel's column */
	char labels[TS_FIG_TL_PANELS][64];
	struct ts_tl_point **points;     /* [panel * nr_runs + run] */
	struct ts_tl_span **spans;       /* [run] */
	char **heads, **shorts;          /* [run] */
	double bucket_lo, bucket_hi;     /* narrowest and widest bucket, s */
	long requests, failed, throttled;
	int has_temp;                    /* a temperature panel (throttle marks) */
};

/* Fill k from tier `tier`'s runs: every panel it has, or with
 * memory_only the memory panel alone. Release with ts_fig_tl_release(). */
void ts_fig_tl_fill(struct ts_fig_tl_block *k, const struct ts_fig_env *e, size_t tier,
		    int memory_only);
void ts_fig_tl_release(struct ts_fig_tl_block *k);

/* A whole timeline figure's spec: tier >= 0 for timeline_<key>, -1 for
 * fig5_memory_timeline (every tier, memory only). */
struct ts_fig_tl {
	struct ts_timeline_spec s;
	struct ts_fig_tl_block *blocks;
	struct ts_tl_block_spec *specs;
	size_t nr;
	double time_unit;
	char title[320], time_label[96], notes[2][400];
};
void ts_fig_tl_spec(struct ts_fig_tl *f, const struct ts_fig_env *e, long tier);
void ts_fig_tl_spec_release(struct ts_fig_tl *f);

/* Lay out timeline_<key> (tier >= 0) or fig5 (-1) into c: 0 or -1. */
int ts_fig_timeline(struct ts_chart *c, const struct ts_fig_env *e, long tier);
/* Its data: key, run, run_start, column, unit, t_s (the bucket's middle,
 * seconds since the run's first sample), bucket_s, n, min, max, mean of
 * every non-empty bucket drawn. Returns 0. */
int ts_fig_timeline_csv(FILE *fp, const struct ts_fig_env *e, long tier);

/* ==== fig6_duration_vs_tokens (fig_scatter.c) ==== */

/* The scatter plot's spec, with the storage it points into: a series per
 * tier in tier order (its ts_scaling points and line; marker shape by
 * tier, colour by device type), the notes, and which axes are log. */
/* Markers drawn: at most TS_FIG6_MARKERS over all tiers, but at least
 * TS_FIG6_MIN_MARKERS per tier (16 tiers: 250 each); a tier with more
 * points draws that many at evenly spaced ranks. More would be one blot
 * at print size, and cost the PDF a path each. */
#define TS_FIG6_MARKERS 4000
#define TS_FIG6_MIN_MARKERS 250
struct ts_fig_scatter {
	struct ts_scatter_spec s;
	struct ts_scatter_series *series;
	double *xy;               /* the picked points' x then y per series */
	int log_x, log_y;
	int subsampled;           /* a tier has more requests than points */
	char title[128], notes[1][400];
};
void ts_fig_scatter_fill(struct ts_fig_scatter *f, const struct ts_fig_env *e);
void ts_fig_scatter_release(struct ts_fig_scatter *f);
/* Lay out fig6 into c: 0 or -1 (too small; not reported). */
int ts_fig_scatter(struct ts_chart *c, const struct ts_fig_env *e);
/* Its data: key, label, device, text_length_tokens, total_duration_s of
 * every point drawn (the markers), with the tier's fit_slope_s_per_token and
 * fit_intercept_s (empty without a line). Returns 0. */
int ts_fig_scatter_csv(FILE *fp, const struct ts_fig_env *e);

/* ==== fig7_setting_effect (fig_effect.c) ==== */

/* The forest plot's spec, with the storage it points into: per machine
 * of t->effect (effect.h) a row per comparison, or one "not measured"
 * row; a panel per metric of ts_effect_metrics. */
struct ts_fig_effect {
	struct ts_forest_spec s;
	struct ts_forest_row *rows;
	size_t nr;
	char **strings;           /* the rows' labels and notes, owned */
	size_t nr_strings;
	char title[400], notes[1][800];
};
void ts_fig_effect_fill(struct ts_fig_effect *f, const struct ts_fig_env *e);
void ts_fig_effect_release(struct ts_fig_effect *f);
/* Lay out fig7 into c: 0 or -1 (too small; not reported). */
int ts_fig_effect(struct ts_chart *c, const struct ts_fig_env *e);
/* Its data: machine, label, tier, baseline_tier, metric, ratio, ci95_lo,
 * ci95_hi, note: a line per comparison and metric, one per machine not
 * measured. Returns 0. */
int ts_fig_effect_csv(FILE *fp, const struct ts_fig_env *e);

/* ==== the data behind the figures (fig_data.c) ==== */

/* Write the CSV of bar figure `kind` (RFC 4180, CRLF line ends, UTF-8):
 * a header row, then one row per tier in the figure's order: key,
 * label (as drawn), device (the tier's device_type), [successful, for
 * fig3,] n, value, err_lo, err_hi (the bar and its whisker as drawn, in
 * the unit drawn; an empty field where nothing is drawn), unit. Numbers
 * as ts_repr() writes them. Returns 0, or -1 for fig4 without a
 * reference (nothing written); write errors show at the stream's close. */
int ts_fig_bars_csv(FILE *fp, const struct ts_fig_env *e, enum ts_fig_bar_kind kind);

/* Write fig_hardware_summary's header and cells as drawn as CSV (as
 * above). Returns 0. */
int ts_fig_table_csv(FILE *fp, const struct ts_fig_env *e);

#endif /* TS_FIG_INT_H */
