/* figures.h - the four figures of METRICS.md section 6 (issue #4).
 *
 * Public: what the figure modules (figures.c, fig_bars.c, fig_table.c)
 * offer the rest of tierstat; cmd_analyze.c includes it. Their internals
 * are in fig_int.h, which no other module includes.
 *
 * ts_figures_render() draws fig1_memory_comparison, fig2_rtf_comparison,
 * fig3_success_rate and fig_hardware_summary from the tier model, in every
 * format asked for, each into a temporary file of the output set (see
 * outfile.h): nothing is renamed into place here.
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

struct ts_fig_opts {
	double width_pt;      /* canvas width in points (default 6.3 in) */
	double height_pt;     /* 0 = width / golden ratio (bar charts) */
	double font_size_pt;  /* titles and axis labels; ticks are 1 pt less */
	const char *font;     /* Pango family, default "DejaVu Sans" */
	double dpi;           /* PNG only, default 300 */
	unsigned formats;     /* TS_FMT_* bits, default PNG | PDF */
	int grayscale;        /* hatch patterns and greys only */
	time_t creation_time; /* PDF CreationDate: SOURCE_DATE_EPOCH or the
	                         newest input's mtime, never the clock */
	/* Called after each figure (all its formats) with the wall-clock
	 * seconds it took, for --timing; NULL: not called. */
	void (*timing)(void *ctx, const char *figure, double seconds);
	void *timing_ctx;
};

/* Fill in the defaults above. */
void ts_fig_opts_init(struct ts_fig_opts *o);

/* Parse a length such as "6.3in", "16cm", "160mm", "450pt" or "450"
 * (points) into points. Returns 0, or -1 if it is not a positive length. */
int ts_fig_parse_length(const char *s, double *pt);

/* Parse "png,pdf,svg" (any subset, any order) into TS_FMT_* bits.
 * Returns 0, or -1 on an unknown or empty format. */
int ts_fig_parse_formats(const char *s, unsigned *formats);

/* Render every figure in every format of o->formats into `set`, naming
 * each file in the set "<figure>.<ext>". Returns the number of figure
 * files added, or -1 when one failed (reported; the set is then marked
 * failed so nothing will be committed). */
int ts_figures_render(const struct ts_tiers *t, const struct ts_fig_opts *o,
		      struct ts_outset *set, struct ts_diag *d);

#endif /* TS_FIGURES_H */
