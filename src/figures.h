/* figures.h - the four figures of METRICS.md section 6 (issue #4).
 *
 * Public: what the figure modules (figures.c, fig_bars.c, fig_table.c)
 * offer the rest of tierstat; cmd_analyze.c includes it. Their internals
 * are in fig_int.h, which no other module includes.
 *
 * ts_figures_render() draws fig1_memory_comparison, fig2_rtf_comparison,
 * fig3_success_rate and fig_hardware_summary from the tier model, in every
 * format asked for, and writes the data behind each as <figure>.csv
 * (whatever the formats), each into a temporary file of the output set
 * (see outfile.h): nothing is renamed into place here.
 */
#ifndef TS_FIGURES_H
#define TS_FIGURES_H

#include "ts.h"
#include "diag.h"
#include "outfile.h"
#include "tiers.h"

#include <time.h>

enum ts_fig_format {
	TS_FMT_PNG = 1u << 0,
	TS_FMT_PDF = 1u << 1,
	TS_FMT_SVG = 1u << 2
};

/* The figures, as --figures names them (bits of ts_fig_opts.figures). */
enum ts_fig_which {
	TS_FIG_FIG1 = 1u << 0,     /* fig1_memory_comparison */
	TS_FIG_FIG2 = 1u << 1,     /* fig2_rtf_comparison */
	TS_FIG_FIG3 = 1u << 2,     /* fig3_success_rate */
	TS_FIG_SUMMARY = 1u << 3,  /* fig_hardware_summary */
	TS_FIG_FIG4 = 1u << 4,     /* fig4_relative (with --reference only) */
	TS_FIG_FIG5 = 1u << 5,     /* fig5_memory_timeline */
	TS_FIG_TIMELINE = 1u << 6, /* timeline_<key> of every tier */
	TS_FIG_FIG6 = 1u << 7,     /* fig6_duration_vs_tokens */
	TS_FIG_FIG7 = 1u << 8,     /* fig7_setting_effect (with --baseline only) */
	TS_FIG_ALL = 0x1ffu
};

/* --memory-unit. The monitor records memory in MiB (2^20 bytes; it calls
 * them MB): MB is 10^6 bytes, GB 10^9, MiB 2^20, GiB 2^30. */
enum ts_fig_mem { TS_MEM_AUTO, TS_MEM_MB, TS_MEM_GB, TS_MEM_MIB, TS_MEM_GIB };

/* --errorbar: what the whiskers of fig1 and fig2 are (mean +- 1 SD, +- 1
 * standard error, the 95 % t interval of the mean, none). fig3's are
 * Wilson's 95 % interval of the rate but with TS_ERR_NONE: a rate has
 * no SD of its own requests. */
enum ts_fig_errorbar { TS_ERR_SD, TS_ERR_SE, TS_ERR_CI95, TS_ERR_NONE };

/* The RTF axis of fig2: --log-rtf, --linear-rtf, or chosen from the data. */
enum ts_fig_rtf_axis { TS_RTF_AUTO, TS_RTF_LOG, TS_RTF_LINEAR };

struct ts_fig_opts {
	double width_pt;      /* canvas width in points (default 6.3 in) */
	double height_pt;     /* 0 = width / golden ratio (bar charts) */
	double font_size_pt;  /* titles and axis labels; ticks are 1 pt less */
	const char *font;     /* Pango family, default "DejaVu Sans" */
	double dpi;           /* PNG only, default 300 */
	unsigned formats;     /* TS_FMT_* bits, default PNG | PDF */
	int grayscale;        /* hatch patterns and greys only */
	int no_title;         /* --no-title: the title goes in \caption */
	int no_footnote;      /* --no-footnote */
	enum ts_fig_mem mem_unit;      /* --memory-unit, default TS_MEM_AUTO */
	enum ts_fig_rtf_axis rtf_axis; /* default TS_RTF_AUTO */
	enum ts_fig_errorbar errorbar; /* default TS_ERR_SD */
	unsigned figures;     /* TS_FIG_* bits to draw, default TS_FIG_ALL */
	time_t creation_time; /* PDF CreationDate: SOURCE_DATE_EPOCH or the
	                         newest input's mtime, never the clock */
	const char *pdf_keywords; /* PDF Keywords: the version and options
	                         (cmd_analyze.c); NULL = none */
	/* Called after each figure (all its formats) with the wall-clock
	 * seconds it took, for --timing; NULL: not called. */
	void (*timing)(void *ctx, const char *figure, double seconds);
	void *timing_ctx;
};

/* Fill in the defaults above. */
void ts_fig_opts_init(struct ts_fig_opts *o);

/* What the options accept (checked when parsed, before Pango sees them).
 * The smallest text is 1 pt below --font-size (ticks, table cells): at
 * 4 pt that is 3 pt, about the smallest type that still prints legibly
 * (and Pango refuses a size below 0). 72 pt is one inch. */
#define TS_FIG_FONT_MIN 4.0
#define TS_FIG_FONT_MAX 72.0
#define TS_FIG_DPI_MIN 1.0
#define TS_FIG_DPI_MAX 2400.0
#define TS_FIG_LENGTH_MAX_PT (200.0 * 72)  /* 200 in: a poster, not a typo */

/* Parse a length with its unit, "6.3in", "16cm", "160mm" or "450pt"
 * (case and a space before the unit do not matter), into points.
 * Returns 0; TS_LEN_BAD when it is not a positive number with a unit,
 * TS_LEN_NO_UNIT for a number alone ("6.3"), TS_LEN_TOO_LONG beyond
 * TS_FIG_LENGTH_MAX_PT. */
enum { TS_LEN_BAD = -1, TS_LEN_NO_UNIT = -2, TS_LEN_TOO_LONG = -3 };
int ts_fig_parse_length(const char *s, double *pt);

/* Parse "png,pdf,svg" (any subset, any order) into TS_FMT_* bits.
 * Returns 0, or -1 on an unknown or empty format. */
int ts_fig_parse_formats(const char *s, unsigned *formats);

/* Parse --memory-unit: "MB", "GB", "MiB" or "GiB" (any case). Returns
 * 0, or -1 for anything else. */
int ts_fig_parse_mem_unit(const char *s, enum ts_fig_mem *unit);

/* Parse --errorbar: "sd", "se", "ci95" or "none" (any case). Returns 0,
 * or -1 for anything else. ts_fig_errorbar_name() is the word again, for
 * the JSON. */
int ts_fig_parse_errorbar(const char *s, enum ts_fig_errorbar *e);
const char *ts_fig_errorbar_name(enum ts_fig_errorbar e);

/* Parse --figures: a comma-separated list of the figures' names
 * (fig1_memory_comparison, ...; or fig1, fig2, fig3, summary; any case)
 * into TS_FIG_* bits. Returns 0, or -1 on an unknown or empty name. */
int ts_fig_parse_figures(const char *s, unsigned *figures);

/* The names --figures accepts, for its usage message. */
#define TS_FIG_NAMES "fig1_memory_comparison, fig2_rtf_comparison, " \
	"fig3_success_rate, fig4_relative, fig_hardware_summary, " \
	"fig5_memory_timeline, fig6_duration_vs_tokens, fig7_setting_effect, " \
	"timeline (or fig1, fig2, fig3, fig4, summary, fig5, fig6, fig7)"

/* What figure `which` (one TS_FIG_* bit) shows, in one or two plain
 * sentences (UTF-8): the quantity, the estimator, the error bars, n,
 * the warm-up, the reference. For captions.tex and captions.md and the
 * figures' own metadata. Caller frees; NULL for fig4 without a
 * reference (it is not drawn). */
char *ts_fig_caption(const struct ts_tiers *t, const struct ts_fig_opts *o, unsigned which);
/* The caption of timeline_<key> of tier i. Caller frees. */
char *ts_fig_tl_caption(const struct ts_tiers *t, const struct ts_fig_opts *o, size_t i);

/* Render every figure of o->figures in every format of o->formats into `set`, naming
 * each file in the set "<figure>.<ext>", and its data as "<figure>.csv"
 * (fig_int.h: ts_fig_bars_csv, ts_fig_table_csv). Returns the number of figure
 * files added, or -1 when one failed (reported; the set is then marked
 * failed so nothing will be committed). */
int ts_figures_render(const struct ts_tiers *t, const struct ts_fig_opts *o,
		      struct ts_outset *set, struct ts_diag *d);

#endif /* TS_FIGURES_H */
