/* chart_forest.c - a forest plot of ratios in panels side by side (see
 * chart.h, "forest plots"): fig7_setting_effect.
 *
 * Geometry, top to bottom: the frame (title, device legend), the panel
 * titles, the rows (one per comparison; a thin rule above the first row
 * of each group), the tick labels of each panel's log axis, the axis
 * label, the footnotes. Left to right: the row labels (wrapped at a
 * third of the width), then the panels, each with its own log axis and
 * a dashed line at s->ref. A row with a note has its text across the
 * panels instead of dots.
 */
#include "ts.h"
#include "chart.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TICK_LEN 3.0
#define PANEL_GAP 20.0
#define DOT_MAX 6.0

static struct ts_rgb grey(double v)
{
	return (struct ts_rgb){ v, v, v };
}

struct fl {
	const struct ts_forest_spec *s;
	const struct ts_measure *m;
	struct ts_font small, bold, note;
	double lh;                        /* small text's line height */
	char **label;                     /* wrapped row labels */
	char *title[TS_FOREST_PANELS];    /* wrapped panel titles */
	double *row_h;                    /* each row's height */
	double label_w;
	double left, top, bottom;         /* panels' area, rows' span */
	double px[TS_FOREST_PANELS], pw;  /* each panel's left edge, width */
	struct ts_axis axis[TS_FOREST_PANELS];
};

static void line(struct ts_chart *c, enum ts_role role, long row, double x0, double y0,
		 double x1, double y1, double lw, struct ts_rgb rgb, int dashed)
{
	struct ts_item *it = ts_chart_line(c, role, row, x0, y0, x1 - x0, y1 - y0, rgb, lw);

	it->dashed = dashed;
}

/* Each panel's axis: every value, interval end and the reference. */
static void axes(struct fl *L)
{
	const struct ts_forest_spec *s = L->s;

	for (size_t p = 0; p < s->nr_panels; p++) {
		double lo = s->ref, hi = s->ref;
		for (size_t i = 0; i < s->nr; i++) {
			const struct ts_forest_row *r = &s->rows[i];
			double v[3] = { r->value[p], r->lo[p], r->hi[p] };
			if (r->note)
				continue;
			for (int k = 0; k < 3; k++)
				if (v[k] > 0 && isfinite(v[k])) {
					lo = fmin(lo, v[k]);
					hi = fmax(hi, v[k]);
				}
		}
		/* the dots not on the axis' ends: a margin of 10 % each way */
		ts_chart_log_axis(lo / 1.1 * 1.5, hi * 1.1, (int)fmax(4, L->pw / 18), &L->axis[p]);
	}
}

static double at(const struct fl *L, size_t p, double v)
{
	const struct ts_axis *a = &L->axis[p];

	return L->px[p] + L->pw * ts_chart_axis_at(a, v) / a->max;
}

/* The rows' labels wrapped, their heights; returns the rows' total. */
static double rows(struct fl *L)
{
	const struct ts_forest_spec *s = L->s;
	double nat = 0, w, h, sum = 0;

	for (size_t i = 0; i < s->nr; i++) {
		L->m->fn(L->m->ctx, s->rows[i].label, &L->small, &w, &h);
		nat = fmax(nat, w);
	}
	L->label_w = fmin(nat, s->width / 3);
	for (size_t i = 0; i < s->nr; i++) {
		int lines;
		L->label[i] = ts_chart_wrap(L->m, &L->small, s->rows[i].label, L->label_w, &lines, NULL);
		L->m->fn(L->m->ctx, L->label[i], &L->small, &w, &h);
		L->label_w = fmax(L->label_w, w);
		L->row_h[i] = fmax(h, L->lh) + 5;
		sum += L->row_h[i];
	}
	return sum;
}

static void panel_frame(struct ts_chart *c, const struct fl *L, size_t p)
{
	const struct ts_axis *a = &L->axis[p];
	double x1 = L->px[p] + L->pw, xr = at(L, p, L->s->ref), y0, y;
	char buf[64];

	if (L->title[p]) {
		double w, h;
		L->m->fn(L->m->ctx, L->title[p], &L->bold, &w, &h);
		ts_chart_text(c, L->m, TS_ROLE_AXIS_LABEL, -1, L->title[p], &L->bold, grey(0),
			      L->px[p] + L->pw / 2, L->top - h - 3, TS_ALIGN_CENTRE);
	}
	for (int t = 0; t < a->nr_ticks; t++) {
		double x = at(L, p, a->ticks[t]);
		if (t > 0 && t < a->nr_ticks - 1)
			line(c, TS_ROLE_GRID, -1, x, L->top, x, L->bottom, 0.4, grey(0.87), 0);
		line(c, TS_ROLE_AXIS, -1, x, L->bottom, x, L->bottom + TICK_LEN, 0.6, grey(0.2), 0);
		ts_chart_tick_text(a, a->ticks[t], buf, sizeof(buf));
		ts_chart_text(c, L->m, TS_ROLE_TICK_LABEL, -1, buf, &L->small, grey(0.15), x,
			      L->bottom + TICK_LEN + 1, TS_ALIGN_CENTRE);
	}
	line(c, TS_ROLE_AXIS, -1, L->px[p], L->bottom, x1, L->bottom, 0.6, grey(0.2), 0);
	line(c, TS_ROLE_AXIS, -1, L->px[p], L->top, L->px[p], L->bottom, 0.6, grey(0.2), 0);
	/* the line at ref, but not through the rows of a note (its text):
	 * a segment per run of rows without one */
	y0 = L->top;
	y = L->top + 1;
	for (size_t i = 0; i <= L->s->nr; i++) {
		int note = i < L->s->nr && L->s->rows[i].note;
		if (i == L->s->nr || note) {
			double end = i == L->s->nr ? L->bottom : y;
			if (end > y0 + 2)
				line(c, TS_ROLE_REF, -1, xr, y0, xr, end, 0.8, grey(0.25), 1);
		}
		if (i < L->s->nr) {
			y += L->row_h[i];
			if (note)
				y0 = y;
		}
	}
}

/* Row i centred at cy: its label, then per panel a whisker and a dot, or
 * its note across the panels. */
static void row(struct ts_chart *c, const struct fl *L, size_t i, double cy, int grayscale)
{
	const struct ts_forest_row *r = &L->s->rows[i];
	struct ts_paint paint;
	double w, h, size = fmin(DOT_MAX, L->row_h[i] * 0.55), cap = size;

	L->m->fn(L->m->ctx, L->label[i], &L->small, &w, &h);
	ts_chart_text(c, L->m, TS_ROLE_CATEGORY, (long)i, L->label[i], &L->small, grey(0),
		      L->left - 6, cy - h / 2, TS_ALIGN_RIGHT);
	if (r->note) {
		ts_chart_text(c, L->m, TS_ROLE_NODATA, (long)i, r->note, &L->note, grey(0.35),
			      L->px[0] + 3, cy - L->lh / 2, TS_ALIGN_LEFT)->halo = 1;
		return;
	}
	ts_chart_paint(r->dev, grayscale, 0, &paint);
	for (size_t p = 0; p < L->s->nr_panels; p++) {
		struct ts_item dot;
		double x;
		if (!(r->value[p] > 0)) {
			ts_chart_text(c, L->m, TS_ROLE_NODATA, (long)i, "no data", &L->note, grey(0.35),
				      L->px[p] + 3, cy - L->lh / 2, TS_ALIGN_LEFT)->halo = 1;
			continue;
		}
		if (r->lo[p] > 0 && r->hi[p] > 0) {
			double lo = at(L, p, r->lo[p]), hi = at(L, p, r->hi[p]);
			line(c, TS_ROLE_ERR, (long)i, lo, cy, hi, cy, 0.7, grey(0.12), 0);
			line(c, TS_ROLE_ERR, (long)i, lo, cy - cap / 2, lo, cy + cap / 2, 0.7, grey(0.12), 0);
			line(c, TS_ROLE_ERR, (long)i, hi, cy - cap / 2, hi, cy + cap / 2, 0.7, grey(0.12), 0);
		}
		x = at(L, p, r->value[p]);
		memset(&dot, 0, sizeof(dot));
		dot.kind = TS_ITEM_DOT;
		dot.role = TS_ROLE_DOT;
		dot.tier = (long)i;
		dot.x = x - size / 2;
		dot.y = cy - size / 2;
		dot.w = dot.h = size;
		dot.paint = paint;
		dot.rgb = paint.fill;
		ts_chart_add(c, &dot);
	}
}

/* The panel titles wrapped to a panel's width; returns the tallest. */
static double titles(struct fl *L)
{
	double most = 0, w, h;

	for (size_t p = 0; p < L->s->nr_panels; p++) {
		int lines;
		if (!L->s->panel_title[p])
			continue;
		L->title[p] = ts_chart_wrap(L->m, &L->bold, L->s->panel_title[p], L->pw, &lines, NULL);
		L->m->fn(L->m->ctx, L->title[p], &L->bold, &w, &h);
		if (w > L->pw + PANEL_GAP - 2)
			return -1;
		most = fmax(most, h);
	}
	return most;
}

static void fl_release(struct fl *L)
{
	for (size_t p = 0; p < TS_FOREST_PANELS; p++)
		free(L->title[p]);
	for (size_t i = 0; L->label && i < L->s->nr; i++)
		free(L->label[i]);
	free(L->label);
	free(L->row_h);
}

int ts_chart_forest(struct ts_chart *c, const struct ts_forest_spec *s, const struct ts_measure *m)
{
	struct fl L;
	double y, sum, notes, dummy, title_h;
	int rc = -1;

	memset(&L, 0, sizeof(L));
	L.s = s;
	L.m = m;
	L.small = (struct ts_font){ s->frame.font_size - 1, 0, 0 };
	L.bold = (struct ts_font){ s->frame.font_size - 1, 1, 0 };
	L.note = (struct ts_font){ s->frame.font_size - 1, 0, 1 };
	m->fn(m->ctx, "Ag", &L.small, &dummy, &L.lh);
	L.label = ts_xcalloc(s->nr ? s->nr : 1, sizeof(*L.label));
	L.row_h = ts_xcalloc(s->nr ? s->nr : 1, sizeof(*L.row_h));
	c->width = s->width;
	c->height = 10000;   /* room while laying out; set below */
	y = ts_chart_frame_top(c, m, &s->frame);
	sum = rows(&L);
	L.left = s->frame.pad + L.label_w + 8;
	L.pw = (s->width - s->frame.pad - L.left - PANEL_GAP * (double)(s->nr_panels - 1)) /
	       (double)s->nr_panels;
	if (s->nr_panels == 0 || s->nr_panels > TS_FOREST_PANELS || L.pw < 50)
		goto out;
	for (size_t p = 0; p < s->nr_panels; p++)
		L.px[p] = L.left + (double)p * (L.pw + PANEL_GAP);
	axes(&L);
	if ((title_h = titles(&L)) < 0)
		goto out;
	L.top = y + title_h + 6;
	L.bottom = L.top + sum + 2;
	notes = ts_chart_notes_height(m, &s->frame, s->width);
	c->height = ceil(L.bottom + TICK_LEN + 1 + L.lh + (s->axis_label ? 3 + L.lh : 0) + 4 + notes +
			 s->frame.pad);
	for (size_t p = 0; p < s->nr_panels; p++)
		panel_frame(c, &L, p);
	if (s->axis_label)
		ts_chart_text(c, m, TS_ROLE_AXIS_LABEL, -1, s->axis_label, &L.small, grey(0),
			      L.left + (s->width - s->frame.pad - L.left) / 2, L.bottom + TICK_LEN + 1 + L.lh + 3,
			      TS_ALIGN_CENTRE);
	y = L.top + 1;
	for (size_t i = 0; i < s->nr; i++) {
		if (s->rows[i].first_of_group && i > 0)
			line(c, TS_ROLE_GRID, -1, s->frame.pad, y, s->width - s->frame.pad, y, 0.5,
			     grey(0.75), 0);
		row(c, &L, i, y + L.row_h[i] / 2, s->frame.grayscale);
		y += L.row_h[i];
	}
	c->plot_x = L.left;
	c->plot_y = L.top;
	c->plot_w = s->width - s->frame.pad - L.left;
	c->plot_h = L.bottom - L.top;
	c->axis = L.axis[0];
	ts_chart_frame_notes(c, m, &s->frame);
	ts_chart_sort(c);
	rc = 0;
out:
	fl_release(&L);
	return rc;
}
