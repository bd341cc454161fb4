/* chart_timeline.c - pure layout of the timelines (see chart.h): stacked
 * panels over the runs of a tier, the envelope as a band, the mean as a
 * line, requests shaded behind.
 */
#include "ts.h"
#include "chart.h"
#include "mem.h"
#include "timeline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BREAK_W 8.0     /* between the slots of two runs */
#define PANEL_GAP 6.0   /* between stacked panels */
#define BLOCK_GAP 12.0  /* between the blocks of a grid */
#define THROTTLE_H 3.0  /* a throttle mark's height */
#define TS_TL_BLOCK_MIN 100.0  /* narrowest block of a grid, points */

static struct ts_rgb grey(double v)
{
	return (struct ts_rgb){ v, v, v };
}

static struct ts_rgb span_rgb(unsigned flags, int grayscale)
{
	if (flags & TS_TL_FAILED)
		return grayscale ? grey(0.62) : (struct ts_rgb){ 0.98, 0.80, 0.78 };
	return grey(0.90);
}

static struct ts_rgb throttle_rgb(int grayscale)
{
	return grayscale ? grey(0.15) : (struct ts_rgb){ 0.835, 0.369, 0.0 }; /* #D55E00 */
}

double ts_chart_time_unit(double longest, const char **name)
{
	if (!(longest > 180)) {
		*name = "s";
		return 1;
	}
	if (longest <= 3 * 3600) {
		*name = "min";
		return 60;
	}
	*name = "h";
	return 3600;
}

static void rect(struct ts_chart *c, enum ts_role role, double x, double y, double w,
		 double h, struct ts_rgb rgb, int outline)
{
	struct ts_item it;

	memset(&it, 0, sizeof(it));
	it.kind = TS_ITEM_RECT;
	it.role = role;
	it.tier = -1;
	it.x = x;
	it.y = y;
	it.w = w;
	it.h = h;
	it.rgb = rgb;
	it.paint.fill = rgb;
	it.paint.outline = outline;
	ts_chart_add(c, &it);
}

/* ==== one block ==== */

struct geom {
	const struct ts_tl_block_spec *b;
	const struct ts_measure *m;
	struct ts_font small;        /* ticks, heads */
	double line_h;               /* of small text */
	double x, w;                 /* the block */
	double plot_x;               /* where slot 0 starts */
	double slot_x[64], slot_w[64];
	size_t nr_slots;             /* runs drawn (at most 64) */
};

/* The slots of the runs: shares of the time, each at least a quarter of
 * an equal share. */
static void slots(struct geom *g, double plot_w)
{
	size_t n = g->nr_slots;
	double sum = 0, avail = plot_w - BREAK_W * (double)(n - 1), x = g->plot_x;

	for (size_t r = 0; r < n; r++)
		sum += fmax(g->b->runs[r].duration, 0);
	for (size_t r = 0; r < n; r++) {
		double share = sum > 0 ? g->b->runs[r].duration / sum : 1.0 / (double)n;
		g->slot_w[r] = avail * (0.25 / (double)n + 0.75 * fmax(share, 0));
		g->slot_x[r] = x;
		x += g->slot_w[r] + BREAK_W;
	}
}

static double px(const struct geom *g, size_t r, double t)
{
	double d = g->b->runs[r].duration;

	if (!(d > 0))
		return g->slot_x[r] + g->slot_w[r] / 2;
	t = fmin(fmax(t, 0), d);
	return g->slot_x[r] + t / d * g->slot_w[r];
}

/* The band and the mean line of one run's series: a polygon and a
 * polyline per stretch of buckets without a gap of two empty buckets or
 * more (one empty bucket is bridged: samples 100 ms apart can miss a
 * 125 ms bucket when their clock jitters). */
static void series(struct ts_chart *c, const struct geom *g, size_t r,
		   const struct ts_tl_series *se, const struct ts_axis *a,
		   double top, double h)
{
	const struct ts_tl_point **p = ts_xreallocarray(NULL, se->n + 1, sizeof(*p));
	double *band = ts_xreallocarray(NULL, 4 * (se->n + 1), sizeof(double));
	double *mean = ts_xreallocarray(NULL, 2 * (se->n + 1), sizeof(double));
	double k = h / a->max, bottom = top + h;
	size_t n = 0;

	for (size_t i = 0; i < se->n; i++)
		if (!isnan(se->p[i].mean))
			p[n++] = &se->p[i];
	for (size_t i = 0; i < n; ) {
		size_t j = i, np = 0;
		while (j + 1 < n && p[j + 1]->t - p[j]->t < 2.5 * se->bucket_s)
			j++;
		if (j == i) {   /* a lone bucket: as wide as it is */
			double x0 = px(g, r, p[i]->t - se->bucket_s / 2);
			double x1 = fmax(px(g, r, p[i]->t + se->bucket_s / 2), x0 + 0.5);
			double pts[8] = { x0, bottom - k * p[i]->hi, x1, bottom - k * p[i]->hi,
					  x1, bottom - k * p[i]->lo, x0, bottom - k * p[i]->lo };
			double ln[4] = { x0, bottom - k * p[i]->mean, x1, bottom - k * p[i]->mean };
			ts_chart_path(c, TS_ROLE_BAND, -1, pts, 4, 1, g->b->band, 0);
			ts_chart_path(c, TS_ROLE_SERIES, -1, ln, 2, 0, g->b->line, 0.8);
			i++;
			continue;
		}
		for (size_t q = i; q <= j; q++, np++) {
			double x = px(g, r, p[q]->t);
			band[2 * np] = x;
			band[2 * np + 1] = bottom - k * p[q]->hi;
			mean[2 * np] = x;
			mean[2 * np + 1] = bottom - k * p[q]->mean;
		}
		for (size_t q = j + 1; q-- > i; np++) {
			band[2 * np] = px(g, r, p[q]->t);
			band[2 * np + 1] = bottom - k * p[q]->lo;
		}
		ts_chart_path(c, TS_ROLE_BAND, -1, band, np, 1, g->b->band, 0);
		ts_chart_path(c, TS_ROLE_SERIES, -1, mean, j - i + 1, 0, g->b->line, 0.8);
		i = j + 1;
	}
	free(p);
	free(band);
	free(mean);
}

/* One panel at `top`: frame, grid, shading, band, line, y ticks. */
static void panel(struct ts_chart *c, const struct geom *g, const struct ts_tl_panel_spec *p,
		  double need, double top, double label_x)
{
	const struct ts_tl_block_spec *b = g->b;
	double h = b->panel_h;
	struct ts_axis a;
	char buf[32];

	ts_chart_axis(need > 0 ? need : 1, h >= 60 ? 4 : 3, NAN, &a);
	for (size_t r = 0; r < g->nr_slots; r++) {
		const struct ts_tl_run_spec *run = &b->runs[r];
		double sx = g->slot_x[r], sw = g->slot_w[r];
		for (size_t i = 0; i < run->nr_spans; i++) {
			const struct ts_tl_span *s = &run->spans[i];
			double x0 = px(g, r, s->t0), x1 = fmax(px(g, r, s->t1), x0 + 0.3);
			x1 = fmin(x1, sx + sw);
			x0 = fmin(x0, x1 - 0.3);
			rect(c, TS_ROLE_SPAN, x0, top, x1 - x0, h, span_rgb(s->flags, b->grayscale), 0);
			if (p->throttle && (s->flags & TS_TL_THROTTLE))
				rect(c, TS_ROLE_SERIES, x0, top + h - THROTTLE_H, x1 - x0, THROTTLE_H,
				     throttle_rgb(b->grayscale), 0);
		}
		for (int t = 1; t < a.nr_ticks; t++)
			ts_chart_line(c, TS_ROLE_GRID, -1, sx, top + h - a.ticks[t] / a.max * h, sw, 0, grey(0.86), 0.4);
		if (p->series[r].n)
			series(c, g, r, &p->series[r], &a, top, h);
		ts_chart_line(c, TS_ROLE_AXIS, -1, sx, top + h, sw, 0, grey(0.25), 0.5);
		ts_chart_line(c, TS_ROLE_AXIS, -1, sx, top, 0, h, grey(0.25), 0.5);
		ts_chart_line(c, TS_ROLE_AXIS, -1, sx + sw, top, 0, h, grey(0.7), 0.4);
		ts_chart_line(c, TS_ROLE_AXIS, -1, sx, top, sw, 0, grey(0.7), 0.4);
	}
	for (int t = 0; t < a.nr_ticks; t++) {
		double y = top + h - a.ticks[t] / a.max * h;
		ts_chart_tick_text(&a, a.ticks[t], buf, sizeof(buf));
		ts_chart_line(c, TS_ROLE_AXIS, -1, g->plot_x - 2.5, y, 2.5, 0, grey(0.25), 0.5);
		/* centred on its tick, but kept within the panel's height (give
		 * or take a point), clear of the time axis' labels below and
		 * of the next panel's */
		ts_chart_text(c, g->m, TS_ROLE_TICK_LABEL, -1, buf, &g->small, grey(0.15),
			      g->plot_x - 4, fmin(fmax(y - g->line_h / 2, top - 1), top + h - g->line_h + 1),
			      TS_ALIGN_RIGHT);
	}
	if (b->y_label && p->axis_label)
		ts_chart_text_up(c, g->m, TS_ROLE_AXIS_LABEL, p->axis_label, &g->small, grey(0.1),
				 label_x, top, h);
}

/* The time ticks of every slot under the panels ending at `y`. Returns
 * the height used. */
static double time_axis(struct ts_chart *c, const struct geom *g, double y)
{
	const struct ts_tl_block_spec *b = g->b;
	double right = -INFINITY;
	char buf[32];

	for (size_t r = 0; r < g->nr_slots; r++) {
		double d = b->runs[r].duration / b->time_unit;
		struct ts_axis a;
		ts_chart_axis(d > 0 ? d : 1, (int)fmax(2, fmin(10, g->slot_w[r] / 38)), NAN, &a);
		for (int t = 0; t < a.nr_ticks; t++) {
			double x;
			struct ts_item *it;
			if (a.ticks[t] > d * (1 + 1e-9) && !(d <= 0 && t == 0))
				break;
			x = px(g, r, a.ticks[t] * b->time_unit);
			ts_chart_line(c, TS_ROLE_AXIS, -1, x, y, 0, 2.5, grey(0.25), 0.5);
			ts_chart_tick_text(&a, a.ticks[t], buf, sizeof(buf));
			it = ts_chart_text(c, g->m, TS_ROLE_TICK_LABEL, -1, buf, &g->small,
					   grey(0.15), x, y + 3, TS_ALIGN_CENTRE);
			if (it->x < right + 6 || it->x + it->w > g->x + g->w) {
				free(it->text);   /* no room: left out */
				c->nr--;
				continue;
			}
			right = it->x + it->w;
		}
		if (r + 1 < g->nr_slots) {   /* the break: two slashes on the axis */
			double bx = g->slot_x[r] + g->slot_w[r] + BREAK_W / 2;
			ts_chart_line(c, TS_ROLE_AXIS, -1, bx - 2.5, y + 2, 2, -4, grey(0.25), 0.5);
			ts_chart_line(c, TS_ROLE_AXIS, -1, bx + 0.5, y + 2, 2, -4, grey(0.25), 0.5);
		}
	}
	return 3 + g->line_h;
}

/* Run heads over the panels at `y`. Returns the height used (0: none). */
static double heads(struct ts_chart *c, const struct geom *g, double y)
{
	int any = 0;

	for (size_t r = 0; r < g->nr_slots; r++) {
		const struct ts_tl_run_spec *run = &g->b->runs[r];
		const char *cand[2] = { run->head, run->short_head };
		for (int k = 0; k < 2; k++) {
			double w, h;
			if (!cand[k])
				continue;
			g->m->fn(g->m->ctx, cand[k], &g->small, &w, &h);
			if (w > g->slot_w[r] + (r + 1 < g->nr_slots ? BREAK_W - 3 : 0))
				continue;
			ts_chart_text(c, g->m, TS_ROLE_CATEGORY, -1, cand[k], &g->small, grey(0.2),
				      g->slot_x[r], y, TS_ALIGN_LEFT);
			any = 1;
			break;
		}
	}
	return any ? g->line_h + 2 : 0;
}

/* Widest y tick label of the panels, to set the left margin. */
static double ticks_w(const struct geom *g, const double *need)
{
	double best = 0, w, h;
	char buf[32];

	for (size_t p = 0; p < g->b->nr_panels; p++) {
		struct ts_axis a;
		ts_chart_axis(need[p] > 0 ? need[p] : 1, g->b->panel_h >= 60 ? 4 : 3, NAN, &a);
		for (int t = 0; t < a.nr_ticks; t++) {
			ts_chart_tick_text(&a, a.ticks[t], buf, sizeof(buf));
			g->m->fn(g->m->ctx, buf, &g->small, &w, &h);
			best = fmax(best, w);
		}
	}
	return best;
}

/* Lay out block b at (x, y), w wide (c NULL: measure only). need[p]: the
 * y range of panel p. Returns its height, or -1 when it does not fit. */
static double block(struct ts_chart *c, const struct ts_measure *m,
		    const struct ts_tl_block_spec *b, const struct ts_frame *fr,
		    double x, double y, double w, const double *need)
{
	struct geom g;
	struct ts_font tf = { fr->font_size - 1, 1, 0 };
	double y0 = y, dummy, left;

	memset(&g, 0, sizeof(g));
	g.b = b;
	g.m = m;
	g.small = (struct ts_font){ fr->font_size - 1, 0, 0 };
	m->fn(m->ctx, "Ag", &g.small, &dummy, &g.line_h);
	g.x = x;
	g.w = w;
	g.nr_slots = b->nr_runs < 64 ? b->nr_runs : 64;
	if (b->title) {   /* a long one (a --by group's) on two lines */
		int lines = 1, split = 0;
		char *text = ts_chart_wrap(m, &tf, b->title, w, &lines, &split);
		struct ts_item *it = ts_chart_text(c, m, TS_ROLE_TITLE, -1, text, &tf,
						   grey(0), x, y, TS_ALIGN_LEFT);
		free(text);
		if (split || lines > 2 || it->w > w)
			return -1;
		y += it->h + 2;
	}
	if (!g.nr_slots || !b->nr_panels) {
		int lines = 1, split = 0;
		char *text = ts_chart_wrap(m, &g.small, b->empty ? b->empty : "no realtime samples",
					   w - 4, &lines, &split);
		rect(c, TS_ROLE_BG, x, y, w, b->panel_h, grey(0.96), 0);
		ts_chart_text(c, m, TS_ROLE_NODATA, -1, text, &g.small, grey(0.3), x + w / 2,
			      y + (b->panel_h - g.line_h * lines) / 2, TS_ALIGN_CENTRE);
		free(text);
		return split || g.line_h * lines > b->panel_h ? -1 : y + b->panel_h - y0;
	}
	left = ticks_w(&g, need) + 5 + (b->y_label ? g.line_h + 3 : 0);
	g.plot_x = x + left;
	if (w - left - 2 < (double)g.nr_slots * (BREAK_W + 12))
		return -1;
	slots(&g, w - left - 2);
	y += heads(c, &g, y);
	for (size_t p = 0; p < b->nr_panels; p++) {
		panel(c, &g, &b->panels[p], need[p], y, x);
		y += b->panel_h + (p + 1 < b->nr_panels ? PANEL_GAP : 0);
	}
	y += time_axis(c, &g, y);
	if (b->time_label) {
		struct ts_item *it = ts_chart_text(c, m, TS_ROLE_AXIS_LABEL, -1, b->time_label,
						   &g.small, grey(0.1), g.plot_x + (w - left) / 2,
						   y + 1, TS_ALIGN_CENTRE);
		y += it->h + 1;
	}
	return y - y0;
}

/* ==== the legend ==== */

static double legend_entry(struct ts_chart *c, const struct ts_measure *m,
			   const struct ts_font *f, double x, double y, double lh,
			   const char *text, int kind, struct ts_rgb rgb)
{
	double s = f->size * 0.9;
	struct ts_item *it;

	if (kind == 1) {   /* a line */
		ts_chart_line(c, TS_ROLE_SWATCH, -1, x, y + lh / 2, s * 1.6, 0, rgb, 1.0);
		s *= 1.6;
	} else {
		rect(c, TS_ROLE_SWATCH, x, y + (lh - s) / 2, s, kind == 2 ? s / 2.5 : s, rgb, kind == 0);
		if (kind == 2)   /* a throttle mark sits at the foot */
			c->items[c->nr - 1].y = y + (lh + s) / 2 - s / 2.5;
	}
	it = ts_chart_text(c, m, TS_ROLE_LEGEND, -1, text, f, grey(0.1), x + s + 3, y, TS_ALIGN_LEFT);
	return it->x + it->w + 9 - x;
}

/* The legend entries, left to right, wrapped to the width; returns the
 * height used. */
static double legend(struct ts_chart *c, const struct ts_measure *m,
		     const struct ts_timeline_spec *s, double y)
{
	struct ts_font f = { s->frame.font_size - 1, 0, 0 };
	int failed = 0, throttle = 0, gs = s->frame.grayscale;
	double x = s->frame.pad, lh, dummy, y0 = y;
	const struct ts_tl_block_spec *b0 = s->nr_blocks ? &s->blocks[0] : NULL;
	struct { const char *text; int kind; struct ts_rgb rgb; int on; } e[5] = {
		{ "mean", 1, b0 ? b0->line : grey(0), b0 != NULL },
		{ "min to max", 3, b0 ? b0->band : grey(0), b0 != NULL },
		{ "request", 0, span_rgb(0, gs), 1 },
		{ "failed request", 0, span_rgb(TS_TL_FAILED, gs), 0 },
		{ "throttle_detected", 2, throttle_rgb(gs), 0 },
	};

	for (size_t k = 0; k < s->nr_blocks; k++)
		for (size_t r = 0; r < s->blocks[k].nr_runs; r++)
			for (size_t i = 0; i < s->blocks[k].runs[r].nr_spans; i++) {
				unsigned fl = s->blocks[k].runs[r].spans[i].flags;
				failed |= !!(fl & TS_TL_FAILED);
				for (size_t p = 0; p < s->blocks[k].nr_panels; p++)
					throttle |= (fl & TS_TL_THROTTLE) && s->blocks[k].panels[p].throttle;
			}
	e[3].on = failed;
	e[4].on = throttle;
	m->fn(m->ctx, "Ag", &f, &dummy, &lh);
	for (size_t i = 0; i < TS_COUNTOF(e); i++) {
		double tw, th, need;
		if (!e[i].on)
			continue;
		m->fn(m->ctx, e[i].text, &f, &tw, &th);
		need = f.size * 0.9 * (e[i].kind == 1 ? 1.6 : 1) + 3 + tw;
		if (x > s->frame.pad && x + need > s->width - s->frame.pad) {
			x = s->frame.pad;
			y += lh + 2;
		}
		x += legend_entry(c, m, &f, x, y, lh, e[i].text, e[i].kind, e[i].rgb);
	}
	return y + lh + 6 - y0;
}

int ts_chart_timeline(struct ts_chart *c, const struct ts_timeline_spec *s,
		      const struct ts_measure *m)
{
	double pad = s->frame.pad, avail = s->width - 2 * pad, y, bw;
	size_t cols = s->cols ? s->cols : 1;
	/* blocks at least TS_TL_BLOCK_MIN wide: fewer columns on a narrow page */
	while (cols > 1 && (avail - BLOCK_GAP * (double)(cols - 1)) / (double)cols < TS_TL_BLOCK_MIN)
		cols--;
	double need[8] = { 0 };
	struct ts_frame fr = s->frame;

	c->width = s->width;
	c->height = 10000;   /* room while laying out; set below */
	fr.devs = 0;
	y = ts_chart_frame_top(c, m, &fr);
	if (s->legend)
		y += legend(c, m, s, y);
	bw = (avail - BLOCK_GAP * (double)(cols - 1)) / (double)cols;
	if (s->nr_blocks > 1)   /* one y axis for all: the largest need */
		for (size_t k = 0; k < s->nr_blocks; k++)
			for (size_t p = 0; p < s->blocks[k].nr_panels && p < 8; p++)
				need[p] = fmax(need[p], s->blocks[k].panels[p].need);
	for (size_t k = 0; k < s->nr_blocks; k += cols) {
		double row_h = 0;
		for (size_t j = k; j < k + cols && j < s->nr_blocks; j++) {
			const struct ts_tl_block_spec *b = &s->blocks[j];
			double own[8], h;
			for (size_t p = 0; p < 8; p++)
				own[p] = s->nr_blocks > 1 ? need[p]
					: p < b->nr_panels ? b->panels[p].need : 0;
			if (b->nr_panels > 8)
				return -1;
			h = block(c, m, b, &fr, pad + (double)(j - k) * (bw + BLOCK_GAP), y, bw, own);
			if (h < 0)
				return -1;
			row_h = fmax(row_h, h);
		}
		y += row_h + (k + cols < s->nr_blocks ? BLOCK_GAP : 0);
	}
	c->height = ceil(y + 4 + ts_chart_notes_height(m, &fr, c->width) + pad);
	c->plot_x = pad;
	c->plot_y = 0;
	c->plot_w = avail;
	c->plot_h = y;
	ts_chart_frame_notes(c, m, &fr);
	ts_chart_sort(c);
	return 0;
}
