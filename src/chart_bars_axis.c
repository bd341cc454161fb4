/* chart_bars_axis.c - the value axis of a bar chart (see
 * chart_bars_int.h, ts_bars_choose_axis): from 0, or on a log axis from
 * a tick below the smallest value, far enough that the texts printed
 * past each bar's end stay inside the plot.
 */
#include "ts.h"
#include "chart_bars_int.h"

#include <math.h>
#include <string.h>

/* Extent of bar i's end texts along the value axis. */
static double end_extent(const struct bl *L, size_t i, int horizontal)
{
	int in = L->inner_in[i];
	double e;

	if (horizontal)
		e = in ? L->value_w[i] : L->full_w[i];
	else
		e = in ? L->value_h[i] : L->full_h[i];
	if (L->s->dots)   /* the text starts past the dot (add_dot) */
		e += DOT_MAX / 2;
	return e > 0 ? e + LABEL_GAP + 1 : 0;
}

/* Does bar b's inner text, `along` points long from 2 points past the
 * base, end LABEL_GAP before its error bar starts (err_lo, on axis
 * a over `len` points)? The whisker runs through the text's middle, and
 * a text closer to its cap reads as part of it. */
static int inner_clear(const struct ts_bar_spec *b, const struct ts_axis *a, double len,
		       double along)
{
	if (!has_err(b))
		return 1;
	return ts_chart_axis_at(a, b->err_lo) / a->max * len >= 2 + along + LABEL_GAP;
}

/* How far the axis must reach for every bar's end and its texts to fit
 * in `len` points, on a linear axis from 0 (min 0) or a log axis from
 * min; -1 when a bar's texts would take most of the axis. */
static double axis_need(const struct bl *L, double len, int horizontal,
			double min)
{
	const struct ts_bars_spec *s = L->s;
	double need = 0;

	for (size_t i = 0; i < s->nr; i++) {
		double ext = end_extent(L, i, horizontal), end;
		if (!has_value(&s->bars[i]))
			continue;
		if (len - ext < len * 0.25)
			return -1;
		end = bar_end(&s->bars[i]);
		if (min > 0)   /* log: end's share of the decades grows */
			need = fmax(need, min * pow(fmax(end, min) / min, len / (len - ext)));
		else
			need = fmax(need, end * len / (len - ext));
	}
	if (isfinite(s->ref))
		need = fmax(need, s->ref * 1.08);
	return need;
}

/* The smallest value a log axis shows: the smallest bar above 0 (with
 * dots, or its error bar's low end), or the reference line if lower. */
static double log_lo(const struct ts_bars_spec *s)
{
	double lo = isfinite(s->ref) && s->ref > 0 ? s->ref : INFINITY;

	for (size_t i = 0; i < s->nr; i++) {
		const struct ts_bar_spec *b = &s->bars[i];
		if (has_value(b) && b->value > 0)
			lo = fmin(lo, b->value);
		if (s->dots && has_err(b) && b->err_lo > 0)
			lo = fmin(lo, b->err_lo);
	}
	return isfinite(lo) ? lo : 1;
}

/* The value axis for the current texts (see choose_axis). A log axis
 * starts at a tick below log_lo(); its start decides how far it must
 * reach, so it is chosen again until the start stays. */
static int fit_axis(const struct bl *L, double len, int target, int horizontal,
		    struct ts_axis *a)
{
	const struct ts_bars_spec *s = L->s;
	double need, lo = log_lo(s), min = 0;

	if (!s->log_axis) {
		need = axis_need(L, len, horizontal, 0);
		if (need < 0)
			return -1;
		if (!(need > 0))
			need = isfinite(s->tick_cap) ? s->tick_cap : 1;
		ts_chart_axis(need, target, s->tick_cap, a);
		return 0;
	}
	ts_chart_log_axis(lo, lo, target, a);
	for (int iter = 0; iter < 4 && a->min != min; iter++) {
		min = a->min;
		need = axis_need(L, len, horizontal, min);
		if (need < 0)
			return -1;
		ts_chart_log_axis(lo, need, target, a);
	}
	return 0;
}

/* Axis over a plot `len` points long: every bar's end plus its texts
 * fits. Decides L->inner_in in two passes: first with every inner text
 * outside (the longest axis), then inside where the bar has room; bars
 * only grow in the second pass, so the choice stays valid. */
int ts_bars_choose_axis(struct bl *L, double len, double thick, int target,
			int horizontal, struct ts_axis *a)
{
	const struct ts_bars_spec *s = L->s;

	for (int pass = 0; pass < 2; pass++) {
		if (fit_axis(L, len, target, horizontal, a) < 0)
			return -1;
		if (pass == 1)
			break;
		for (size_t i = 0; i < s->nr; i++) {
			const struct ts_bar_spec *b = &s->bars[i];
			double blen, along, across;
			if (!has_value(b) || !L->inner_w[i] || L->paint[i].hatch)
				continue;
			blen = ts_chart_axis_at(a, fmax(b->value, 0)) / a->max * len;
			along = horizontal ? L->inner_w[i] : L->inner_h[i];
			across = horizontal ? L->inner_h[i] : L->inner_w[i];
			L->inner_in[i] = blen >= along + 4 && thick >= across + 3 &&
					 inner_clear(b, a, len, along);
		}
	}
	return 0;
}
