/* chart_bars_int.h - what the bar chart layout's two files share:
 * chart_bars.c lays out the bars, labels and axes (and is the entry,
 * ts_chart_bars); chart_bars_axis.c chooses the value axis for them.
 * Included by those two only.
 */
#ifndef TS_CHART_BARS_INT_H
#define TS_CHART_BARS_INT_H

#include "ts.h"
#include "chart.h"

#include <math.h>

#define LABEL_GAP 2.5   /* between a bar's end and its value text */
#define DOT_MAX 6.0     /* a forest plot dot's largest diameter, points */

/* One layout under way: the spec, the measured texts, the choices. */
struct bl {
	const struct ts_bars_spec *s;
	const struct ts_measure *m;
	struct ts_font big, small, note_i;
	double pad;
	double top;          /* below title and legend */
	double notes_h;      /* footnotes, with their gap */
	double lh;           /* line height, small font */
	double big_h;        /* line height, big font */
	char *axis_text;     /* the axis label, wrapped to the plot */
	double axis_w, axis_h; /* its size, unrotated */
	/* per bar */
	char **value_full;   /* value text with the inner text after it */
	double *full_w, *full_h, *value_w, *value_h;
	double *inner_w, *inner_h;
	int *inner_in;       /* inner text drawn inside the bar */
	char **cat;          /* wrapped labels (grouped: of each group,
	                        s->nr_groups of them) */
	double *pos;         /* where bar i's centre lies across, in slots
	                        from the plot's start: i + 0.5, or grouped
	                        also half a gap before and after each group */
	double units;        /* slots across the plot (nr, grouped more) */
	double gap;          /* grouped: slots between two groups */
	size_t ncat;         /* entries of cat */
	double *g_lo, *g_hi; /* grouped, per group: its first and last
	                        bar's pos */
	size_t *g_n;         /* grouped, per group: its bars */
	struct ts_paint *paint;
	const struct ts_axis *axis;  /* the value axis, once chosen */
};


static inline void measure(const struct bl *L, const char *t, const struct ts_font *f,
			   double *w, double *h)
{
	*w = 0;
	*h = 0;
	if (t && *t)
		L->m->fn(L->m->ctx, t, f, w, h);
}

static inline int has_value(const struct ts_bar_spec *b)
{
	return isfinite(b->value);
}

/* Bar b has an error bar (of some length). */
static inline int has_err(const struct ts_bar_spec *b)
{
	return has_value(b) && isfinite(b->err_lo) && isfinite(b->err_hi) && b->err_hi > b->err_lo;
}

/* Where bar b's drawing ends along the value axis: its value or its
 * error bar's high end, not below 0. */
static inline double bar_end(const struct ts_bar_spec *b)
{
	if (!has_value(b))
		return 0;
	return fmax(fmax(b->value, 0), has_err(b) ? b->err_hi : 0);
}

/* Choose L->axis' axis a for a plot `len` points long whose bars are
 * `thick` points across, about `target` ticks: every bar's end and the
 * texts past it fit; decides L->inner_in (an inner text inside its bar
 * where the bar has room). Returns 0, or -1 when a bar's texts would
 * take most of the axis. */
int ts_bars_choose_axis(struct bl *L, double len, double thick, int target,
			int horizontal, struct ts_axis *a);

#endif /* TS_CHART_BARS_INT_H */
