/* chart_scatter.c - pure layout of a scatter plot with a fitted line per
 * series (see chart.h ts_chart_scatter): fig6_duration_vs_tokens.
 */
#include "ts.h"
#include "chart.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MARK 4.6        /* a marker's box, points */
#define LEGEND_GAP 9.0  /* between legend entries */
#define LINE_SAMPLES 48 /* a fitted line on a log axis: samples */
#define LOG_SPAN 100.0  /* more than two decades: a log axis */

static struct ts_rgb grey(double v)
{
	return (struct ts_rgb){ v, v, v };
}

static struct ts_rgb series_rgb(const struct ts_scatter_series *s, int grayscale)
{
	struct ts_paint p;

	ts_chart_paint(s->dev, grayscale, 0, &p);
	return p.fill;
}

static void marker(struct ts_chart *c, enum ts_role role, long tier,
		   const struct ts_scatter_series *s, int grayscale, double cx, double cy)
{
	struct ts_item it;

	memset(&it, 0, sizeof(it));
	it.kind = TS_ITEM_MARKER;
	it.role = role;
	it.tier = tier;
	it.x = cx - MARK / 2;
	it.y = cy - MARK / 2;
	it.w = it.h = MARK;
	it.rgb = series_rgb(s, grayscale);
	it.filled = !s->open;
	it.marker = s->marker;
	ts_chart_add(c, &it);
}

/* ==== axes ==== */

/* What one axis shows (the points; the lines end inside them): the
 * least and the greatest finite value (INFINITY, -INFINITY when none). */
struct range { double least, greatest; };

static struct range extent(const struct ts_scatter_spec *s, int want_x)
{
	struct range g = { INFINITY, -INFINITY };

	for (size_t k = 0; k < s->nr; k++) {
		const struct ts_scatter_series *r = &s->series[k];
		const double *v = want_x ? r->x : r->y;
		for (size_t i = 0; i < r->n; i++) {
			if (!isfinite(v[i]))
				continue;
			g.least = fmin(g.least, v[i]);
			g.greatest = fmax(g.greatest, v[i]);
		}
	}
	return g;
}

/* Log when every value is above 0 and they span more than LOG_SPAN. */
static int is_log(const struct range *g)
{
	return g->least > 0 && isfinite(g->least) && g->greatest > LOG_SPAN * g->least;
}

int ts_chart_scatter_log(const struct ts_scatter_spec *s, int x_axis)
{
	struct range g = extent(s, x_axis);

	return is_log(&g);
}

/* A linear axis from 0 when the least value is below a third of the
 * greatest (0 then costs at most a third of the plot), else from the
 * tick at or below the least value: ticks of the step ts_chart_axis
 * chooses for the range, min the first (a->min, a->log 0). */
static void linear_axis(double lo, double hi, int target, struct ts_axis *a)
{
	struct ts_axis span;
	double step, first;
	long n;

	if (!(hi > 0) || !isfinite(lo) || lo < hi / 3) {
		ts_chart_axis(hi > 0 ? hi : 1, target, NAN, a);
		return;
	}
	ts_chart_axis(hi - lo > 0 ? hi - lo : hi, target, NAN, &span);
	step = span.step;
	first = floor(lo / step + 1e-9) * step;
	n = (long)ceil((hi - first) / step - 1e-9);
	if (n < 1)
		n = 1;
	if (n > TS_AXIS_MAX_TICKS - 1)
		n = TS_AXIS_MAX_TICKS - 1;
	memset(a, 0, sizeof(*a));
	a->step = step;
	a->min = first;
	a->max = first + (double)n * step;
	for (long i = 0; i <= n; i++)
		a->ticks[a->nr_ticks++] = first + (double)i * step;
	a->decimals = span.decimals;
}

static void choose_axis(const struct ts_scatter_spec *s, int want_x, int target,
			struct ts_axis *a)
{
	struct range g = extent(s, want_x);

	if (is_log(&g))
		ts_chart_log_axis(g.least, g.greatest, target, a);
	else
		linear_axis(g.least, g.greatest, target, a);
}

/* Where v lies on axis a as a share of its length (0..1; outside for a
 * value outside the range; NAN for v <= 0 on a log axis). */
static double share(const struct ts_axis *a, double v)
{
	if (a->log) {
		if (!(v > 0))
			return NAN;
		return (log10(v) - log10(a->min)) / (log10(a->max) - log10(a->min));
	}
	return (v - a->min) / (a->max - a->min);
}

static int inside(double f)
{
	return f >= -1e-9 && f <= 1 + 1e-9;
}

/* ==== the parts ==== */

struct geom {
	const struct ts_scatter_spec *s;
	const struct ts_measure *m;
	struct ts_font small;
	double lh;                   /* small text's line height */
	double px, py, pw, ph;       /* plot area */
	struct ts_axis ax, ay;
};

static double max_tick_w(const struct geom *g, const struct ts_axis *a)
{
	double best = 0, w, h;
	char buf[32];

	for (int t = 0; t < a->nr_ticks; t++) {
		ts_chart_tick_text(a, a->ticks[t], buf, sizeof(buf));
		g->m->fn(g->m->ctx, buf, &g->small, &w, &h);
		best = fmax(best, w);
	}
	return best;
}

/* From the x axis to the top of its tick labels: below the half line
 * by which the lowest y tick label reaches under the axis (the first x
 * label, centred on the corner, would meet it). */
static double tick_gap(const struct geom *g)
{
	return fmax(3, g->lh / 2 + 1);
}

static void x_axis(struct ts_chart *c, const struct geom *g)
{
	double right = -INFINITY, y = g->py + g->ph;
	char buf[32];

	for (int t = 0; t < g->ax.nr_ticks; t++) {
		double f = share(&g->ax, g->ax.ticks[t]), x;
		struct ts_item *it;
		if (!inside(f))
			continue;
		x = g->px + f * g->pw;
		if (t > 0)
			ts_chart_line(c, TS_ROLE_GRID, -1, x, g->py, 0, g->ph, grey(0.88), 0.4);
		ts_chart_line(c, TS_ROLE_AXIS, -1, x, y, 0, 2.5, grey(0.25), 0.5);
		ts_chart_tick_text(&g->ax, g->ax.ticks[t], buf, sizeof(buf));
		it = ts_chart_text(c, g->m, TS_ROLE_TICK_LABEL, -1, buf, &g->small, grey(0.15),
				   x, y + tick_gap(g), TS_ALIGN_CENTRE);
		if (it->x < right + 3 || it->x + it->w > c->width) {
			free(it->text);   /* no room: left out */
			c->nr--;
			continue;
		}
		right = it->x + it->w;
	}
	if (g->s->x_label)
		ts_chart_text(c, g->m, TS_ROLE_AXIS_LABEL, -1, g->s->x_label, &g->small, grey(0.1),
			      g->px + g->pw / 2, y + tick_gap(g) + 1 + g->lh, TS_ALIGN_CENTRE);
	ts_chart_line(c, TS_ROLE_AXIS, -1, g->px, y, g->pw, 0, grey(0.25), 0.5);
	ts_chart_line(c, TS_ROLE_AXIS, -1, g->px, g->py, g->pw, 0, grey(0.7), 0.4);
}

static void y_axis(struct ts_chart *c, const struct geom *g, double label_x)
{
	double bottom = -INFINITY;   /* of the label above */
	char buf[32];

	for (int t = g->ay.nr_ticks - 1; t >= 0; t--) {
		double f = share(&g->ay, g->ay.ticks[t]), y;
		struct ts_item *it;
		if (!inside(f))
			continue;
		y = g->py + g->ph - f * g->ph;
		if (t > 0)
			ts_chart_line(c, TS_ROLE_GRID, -1, g->px, y, g->pw, 0, grey(0.88), 0.4);
		ts_chart_line(c, TS_ROLE_AXIS, -1, g->px - 2.5, y, 2.5, 0, grey(0.25), 0.5);
		ts_chart_tick_text(&g->ay, g->ay.ticks[t], buf, sizeof(buf));
		it = ts_chart_text(c, g->m, TS_ROLE_TICK_LABEL, -1, buf, &g->small, grey(0.15),
				   g->px - 4, y - g->lh / 2, TS_ALIGN_RIGHT);
		if (it->y < bottom + 1) {
			free(it->text);
			c->nr--;
			continue;
		}
		bottom = it->y + it->h;
	}
	if (g->s->y_label)
		ts_chart_text_up(c, g->m, TS_ROLE_AXIS_LABEL, g->s->y_label, &g->small, grey(0.1),
				 label_x, g->py, g->ph);
	ts_chart_line(c, TS_ROLE_AXIS, -1, g->px, g->py, 0, g->ph, grey(0.25), 0.5);
	ts_chart_line(c, TS_ROLE_AXIS, -1, g->px + g->pw, g->py, 0, g->ph, grey(0.7), 0.4);
}

static void points(struct ts_chart *c, const struct geom *g, size_t k)
{
	const struct ts_scatter_series *r = &g->s->series[k];

	for (size_t i = 0; i < r->n; i++) {
		double fx = share(&g->ax, r->x[i]), fy = share(&g->ay, r->y[i]);
		if (!inside(fx) || !inside(fy))
			continue;
		marker(c, TS_ROLE_SERIES, (long)k, r, g->s->frame.grayscale,
		       g->px + fx * g->pw, g->py + g->ph - fy * g->ph);
	}
}

/* The fitted line from line_x0 to line_x1, sampled evenly along the x
 * axis (a straight line on a linear one: its two ends), the part inside
 * the plot (a line is monotone: one stretch). */
static void fit_line(struct ts_chart *c, const struct geom *g, size_t k)
{
	const struct ts_scatter_series *r = &g->s->series[k];
	int n = g->ax.log || g->ay.log ? LINE_SAMPLES : 2;
	double pts[2 * LINE_SAMPLES];
	size_t np = 0;

	if (!r->has_line || !(r->line_x1 > r->line_x0))
		return;
	for (int i = 0; i < n; i++) {
		double u = (double)i / (n - 1), x, fx, fy;
		if (g->ax.log && r->line_x0 > 0)
			x = r->line_x0 * pow(r->line_x1 / r->line_x0, u);
		else
			x = r->line_x0 + (r->line_x1 - r->line_x0) * u;
		fx = share(&g->ax, x);
		fy = share(&g->ay, r->intercept + r->slope * x);
		if (!inside(fx) || !inside(fy))
			continue;
		pts[2 * np] = g->px + fx * g->pw;
		pts[2 * np + 1] = g->py + g->ph - fy * g->ph;
		np++;
	}
	/* in grey a light fill would make a faint line: all dark there
	 * (each runs through its own markers) */
	if (np >= 2)
		ts_chart_path(c, TS_ROLE_SERIES, (long)k, pts, np, 0,
			      g->s->frame.grayscale ? grey(0.3) : series_rgb(r, 0), 1.1);
}

/* ==== the legend ==== */

static char *legend_text(const struct ts_scatter_series *r)
{
	return r->legend_note ? ts_xasprintf("%s (%s)", r->label ? r->label : "", r->legend_note)
			      : ts_xstrdup(r->label ? r->label : "");
}

/* Lay the entries out in rows from y, or only measure them when c is
 * NULL. Returns the height used. */
static double legend(struct ts_chart *c, const struct geom *g, double y, double width)
{
	double pad = g->s->frame.pad, x = pad, rows = 1;

	for (size_t k = 0; k < g->s->nr; k++) {
		char *text = legend_text(&g->s->series[k]);
		double w, h, ew;
		g->m->fn(g->m->ctx, text, &g->small, &w, &h);
		ew = MARK + 3 + w;
		if (x > pad && x + ew > width - pad) {
			x = pad;
			rows++;
		}
		if (c) {
			double ly = y + (rows - 1) * (g->lh + 2);
			marker(c, TS_ROLE_SWATCH, (long)k, &g->s->series[k], g->s->frame.grayscale,
			       x + MARK / 2, ly + g->lh / 2);
			ts_chart_text(c, g->m, TS_ROLE_LEGEND, (long)k, text, &g->small, grey(0.1),
				      x + MARK + 3, ly, TS_ALIGN_LEFT);
		}
		x += ew + LEGEND_GAP;
		free(text);
	}
	return g->s->nr ? rows * (g->lh + 2) + 4 : 0;
}

/* ==== the whole ==== */

/* The plot area between top and bottom, the y tick labels (of an axis
 * chosen for the plot's height) at its left. */
static void plot_area(struct geom *g, double width, double top, double bottom, double *label_x)
{
	const struct ts_scatter_spec *s = g->s;
	double ph = bottom - top, left;
	int ty = (int)fmax(3, fmin(8, ph / 32));

	choose_axis(s, 0, ty, &g->ay);
	*label_x = s->frame.pad;
	left = s->frame.pad + (s->y_label ? g->lh + 4 : 0) + max_tick_w(g, &g->ay) + 5;
	g->px = left;
	g->pw = width - s->frame.pad - 12 - left;
	choose_axis(s, 1, (int)fmax(3, fmin(10, g->pw / 55)), &g->ax);
	g->py = top;
	g->ph = ph;
}

int ts_chart_scatter(struct ts_chart *c, const struct ts_scatter_spec *s,
		     const struct ts_measure *m)
{
	struct ts_frame fr = s->frame;
	struct geom g;
	double y, dummy, leg, notes, below, height, label_x;

	memset(&g, 0, sizeof(g));
	g.s = s;
	g.m = m;
	g.small = (struct ts_font){ fr.font_size - 1, 0, 0 };
	m->fn(m->ctx, "Ag", &g.small, &dummy, &g.lh);
	fr.devs = 0;
	c->width = s->width;
	c->height = 10000;   /* room while laying out; set below */
	y = ts_chart_frame_top(c, m, &fr);
	leg = legend(NULL, &g, y, s->width);
	notes = ts_chart_notes_height(m, &fr, s->width);
	below = tick_gap(&g) + g.lh + (s->x_label ? 2 + g.lh : 0) + 4;
	height = s->height > 0 ? s->height : s->width / 1.618;
	if (height - fr.pad - notes - below - (y + leg + g.lh / 2) < 80) {
		height = ceil(y + leg + g.lh / 2 + 80 + below + notes + fr.pad);
		c->grown = 1;
	}
	plot_area(&g, s->width, y + leg + g.lh / 2, height - fr.pad - notes - below, &label_x);
	if (g.pw < 60)
		return -1;
	legend(c, &g, y, s->width);
	x_axis(c, &g);
	y_axis(c, &g, label_x);
	for (size_t k = 0; k < s->nr; k++)
		points(c, &g, k);
	for (size_t k = 0; k < s->nr; k++)
		fit_line(c, &g, k);
	c->height = height;
	c->plot_x = g.px;
	c->plot_y = g.py;
	c->plot_w = g.pw;
	c->plot_h = g.ph;
	c->axis = g.ay;
	ts_chart_frame_notes(c, m, &fr);
	ts_chart_sort(c);
	return 0;
}
