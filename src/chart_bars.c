/* chart_bars.c - bar chart layout (see chart.h, ts_chart_bars).
 *
 * Vertical bars when every tier label fits under its bar in two lines;
 * otherwise horizontal bars with the labels in a column on the left, one
 * row per tier, growing the canvas when the rows need it. The value axis
 * starts at 0 (a log axis: at a tick below the smallest value) and
 * reaches far enough that the texts printed past the end of each bar stay
 * inside the plot.
 */
#include "ts.h"
#include "chart.h"
#include "chart_bars_int.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GOLDEN 1.618
#define TICK_LEN 3.0
#define GROUP_FILL 0.88   /* grouped: a bar's share of its slot (or row) */

static struct ts_rgb grey(double v)
{
	struct ts_rgb c = { v, v, v };
	return c;
}

/* Where v lies along the value axis, in linear axis units (see
 * ts_chart_axis_at); below the axis start it is at the start. */
static double at(const struct bl *L, double v)
{
	return ts_chart_axis_at(L->axis, fmax(v, 0));
}

/* Where each bar lies across the plot (L->pos, L->units): a slot per
 * bar; grouped, the groups in index order (a group's bars in theirs) with
 * half a gap before and after each group. */
static void place(struct bl *L, int horizontal)
{
	const struct ts_bars_spec *s = L->s;
	size_t k = 0;

	if (!s->groups) {
		for (size_t i = 0; i < s->nr; i++)
			L->pos[i] = (double)i + 0.5;
		L->units = (double)s->nr;
		return;
	}
	L->gap = horizontal ? 0.7 : 0.8;
	for (size_t g = 0; g < s->nr_groups; g++)
		for (size_t i = 0; i < s->nr; i++) {
			if (s->bars[i].group != g)
				continue;
			L->pos[i] = (double)k + 0.5 + L->gap * ((double)g + 0.5);
			if (L->g_n[g]++ == 0)
				L->g_lo[g] = L->pos[i];
			L->g_hi[g] = L->pos[i];
			k++;
		}
	L->units = (double)k + L->gap * (double)s->nr_groups;
}

static void bl_init(struct bl *L, const struct ts_bars_spec *s,
		    const struct ts_measure *m, int horizontal)
{
	size_t n = s->nr ? s->nr : 1;
	size_t ng = s->groups && s->nr_groups ? s->nr_groups : 1;
	double w;

	memset(L, 0, sizeof(*L));
	L->s = s;
	L->m = m;
	L->pad = s->frame.pad;
	L->big.size = s->frame.font_size;
	L->small.size = s->frame.font_size - 1;
	L->note_i = L->small;
	L->note_i.italic = 1;
	measure(L, "Ag", &L->small, &w, &L->lh);
	measure(L, "Ag", &L->big, &w, &L->big_h);
	L->value_full = ts_xcalloc(n, sizeof(char *));
	L->ncat = s->groups ? ng : n;
	L->cat = ts_xcalloc(L->ncat, sizeof(char *));
	L->pos = ts_xcalloc(n, sizeof(double));
	L->g_lo = ts_xcalloc(2 * ng, sizeof(double));
	L->g_hi = L->g_lo + ng;
	L->g_n = ts_xcalloc(ng, sizeof(size_t));
	place(L, horizontal);
	L->full_w = ts_xcalloc(n * 6, sizeof(double));
	L->full_h = L->full_w + n;
	L->value_w = L->full_w + 2 * n;
	L->value_h = L->full_w + 3 * n;
	L->inner_w = L->full_w + 4 * n;
	L->inner_h = L->full_w + 5 * n;
	L->inner_in = ts_xcalloc(n, sizeof(int));
	L->paint = ts_xcalloc(n, sizeof(struct ts_paint));
	for (size_t i = 0; i < s->nr; i++) {
		const struct ts_bar_spec *b = &s->bars[i];
		const char *v = b->value_text ? b->value_text : "";
		const char *in = b->inner_text;
		if (in && *in)
			L->value_full[i] = ts_xasprintf("%s%s%s", v, *v ? (horizontal ? "  " : "\n") : "", in);
		else
			L->value_full[i] = ts_xstrdup(v);
		measure(L, L->value_full[i], &L->small, &L->full_w[i], &L->full_h[i]);
		measure(L, v, &L->small, &L->value_w[i], &L->value_h[i]);
		measure(L, in, &L->small, &L->inner_w[i], &L->inner_h[i]);
		if (s->groups)
			ts_chart_paint_shade(b->dev, s->frame.grayscale, b->aggregates_only,
					     b->shade, &L->paint[i]);
		else
			ts_chart_paint(b->dev, s->frame.grayscale, b->aggregates_only,
				       &L->paint[i]);
	}
}

static void bl_release(struct bl *L)
{
	for (size_t i = 0; i < L->s->nr; i++)
		free(L->value_full[i]);
	for (size_t i = 0; i < L->ncat; i++)
		free(L->cat[i]);
	free(L->value_full);
	free(L->cat);
	free(L->pos);
	free(L->g_lo);
	free(L->g_n);
	free(L->axis_text);
	free(L->full_w);
	free(L->inner_in);
	free(L->paint);
}

static void add_line(struct ts_chart *c, enum ts_role role, long tier,
		     double x0, double y0, double x1, double y1, double lw,
		     struct ts_rgb rgb, int dashed)
{
	struct ts_item it;

	memset(&it, 0, sizeof(it));
	it.kind = TS_ITEM_LINE;
	it.role = role;
	it.tier = tier;
	it.x = x0;
	it.y = y0;
	it.w = x1 - x0;
	it.h = y1 - y0;
	it.line_w = lw;
	it.rgb = rgb;
	it.dashed = dashed;
	it.snap = 1;
	ts_chart_add(c, &it);
}

static void add_bar(struct ts_chart *c, const struct bl *L, size_t i,
		    double x, double y, double w, double h)
{
	struct ts_item it;

	memset(&it, 0, sizeof(it));
	it.kind = TS_ITEM_RECT;
	it.role = TS_ROLE_BAR;
	it.tier = (long)i;
	it.x = x;
	it.y = y;
	it.w = w;
	it.h = h;
	it.paint = L->paint[i];
	it.rgb = it.paint.fill;
	it.snap = 1;
	ts_chart_add(c, &it);
	c->bars[i].x = x;
	c->bars[i].y = y;
	c->bars[i].w = w;
	c->bars[i].h = h;
}

/* A dot of `size` points centred at (cx, cy), for bar i of a row
 * `thick` high whose axis starts at x0 (the bar box of c->bars). */
static void add_dot(struct ts_chart *c, const struct bl *L, size_t i,
		    double cx, double cy, double size, double x0, double thick)
{
	struct ts_item it;

	memset(&it, 0, sizeof(it));
	it.kind = TS_ITEM_DOT;
	it.role = TS_ROLE_DOT;
	it.tier = (long)i;
	it.x = cx - size / 2;
	it.y = cy - size / 2;
	it.w = it.h = size;
	it.paint = L->paint[i];
	it.rgb = it.paint.fill;
	ts_chart_add(c, &it);
	c->bars[i].x = x0;
	c->bars[i].y = cy - thick / 2;
	c->bars[i].w = cx - x0;
	c->bars[i].h = thick;
}

/* Error bar of bar i along the value axis, from err_lo (not below the
 * axis start: 0, or a log axis' min) to err_hi, centred at `mid`
 * across; `sc` maps values to page. */
static void add_err(struct ts_chart *c, const struct bl *L, size_t i,
		    int horizontal, double mid, double cap, double origin,
		    double sc)
{
	const struct ts_bar_spec *b = &L->s->bars[i];
	struct ts_rgb k = grey(0.12);
	double lo, hi;
	int clamped;

	if (!has_err(b))
		return;
	clamped = b->err_lo < (L->axis->log ? L->axis->min : 0);
	lo = origin + sc * at(L, b->err_lo);
	hi = origin + sc * at(L, b->err_hi);
	if (horizontal) {
		add_line(c, TS_ROLE_ERR, (long)i, lo, mid, hi, mid, 0.7, k, 0);
		add_line(c, TS_ROLE_ERR, (long)i, hi, mid - cap / 2, hi, mid + cap / 2, 0.7, k, 0);
		if (!clamped)
			add_line(c, TS_ROLE_ERR, (long)i, lo, mid - cap / 2, lo, mid + cap / 2, 0.7, k, 0);
	} else {
		add_line(c, TS_ROLE_ERR, (long)i, mid, lo, mid, hi, 0.7, k, 0);
		add_line(c, TS_ROLE_ERR, (long)i, mid - cap / 2, hi, mid + cap / 2, hi, 0.7, k, 0);
		if (!clamped)
			add_line(c, TS_ROLE_ERR, (long)i, mid - cap / 2, lo, mid + cap / 2, lo, 0.7, k, 0);
	}
}

/* Wrap the axis label to `len` points (the length of its axis). */
static void wrap_axis(struct bl *L, double len)
{
	int lines;

	free(L->axis_text);
	L->axis_text = NULL;
	L->axis_w = L->axis_h = 0;
	if (!L->s->axis_label || !*L->s->axis_label)
		return;
	L->axis_text = ts_chart_wrap(L->m, &L->big, L->s->axis_label,
				     fmax(len, 20), &lines, NULL);
	measure(L, L->axis_text, &L->big, &L->axis_w, &L->axis_h);
}

static double tick_label_w(const struct bl *L, const struct ts_axis *a)
{
	double wmax = 0, w, h;
	char buf[64];

	for (int t = 0; t < a->nr_ticks; t++) {
		ts_chart_tick_text(a, a->ticks[t], buf, sizeof(buf));
		measure(L, buf, &L->small, &w, &h);
		wmax = fmax(wmax, w);
	}
	return wmax;
}

/* The value axis line ends at the last tick (100 % on a capped axis);
 * a log axis' at its end, past its last decade. */
static double axis_end(const struct ts_axis *a)
{
	return a->nr_ticks > 0 && !a->log ? a->ticks[a->nr_ticks - 1] : a->max;
}

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Where bar i's centre lies across the plot, in points from its start,
 * for slots `slot` wide and bars `bw` wide: at its slot; grouped, a
 * group's bars stay `bw / GROUP_FILL` apart around the group's middle when
 * the slots are wider than that (two bars alone on a wide canvas make a
 * pair, not two islands). */
static double centre(const struct bl *L, size_t i, double slot, double bw)
{
	size_t g;
	double mid;

	if (!L->s->groups)
		return slot * L->pos[i];
	g = L->s->bars[i].group;
	mid = (L->g_lo[g] + L->g_hi[g]) / 2;
	return slot * mid + (L->pos[i] - mid) * fmin(slot, bw / GROUP_FILL);
}

/* The label of category i: group i's, or bar i's. */
static const char *cat_label(const struct bl *L, size_t i)
{
	return L->s->groups ? L->s->groups[i] : L->s->bars[i].label;
}

/* ====================== vertical bars ====================== */

/* Wrap the labels for slots `slot` wide; 0 if every text fits. */
static int vertical_fits(struct bl *L, double slot, int *max_lines)
{
	const struct ts_bars_spec *s = L->s;
	double w, h;

	*max_lines = 1;
	measure(L, "no data", &L->note_i, &w, &h);
	if (slot < 14 || w > slot - 2)
		return -1;
	for (size_t i = 0; i < L->ncat; i++) {
		int lines, cut;
		double room = slot - 4;
		if (s->groups)   /* its bars and half a gap each side */
			room = (L->g_hi[i] - L->g_lo[i] + 1 + L->gap) * slot - 4;
		free(L->cat[i]);
		L->cat[i] = ts_chart_wrap(L->m, &L->small, cat_label(L, i), room, &lines, &cut);
		if (cut || lines > 2)
			return -1;
		if (lines > *max_lines)
			*max_lines = lines;
	}
	for (size_t i = 0; i < s->nr; i++) {
		measure(L, L->value_full[i], &L->small, &w, &h);
		if (w > slot - 2)
			return -1;
	}
	return 0;
}

struct vgeom {
	double left, right, plot_y, bottom, slot, bw;
	int lines;
	struct ts_axis axis;
};

/* Geometry for vertical bars; -1 when the labels do not fit. */
static int vertical_geom(struct bl *L, struct ts_chart *c, struct vgeom *g)
{
	const struct ts_bars_spec *s = L->s;
	const struct ts_bars_share *sh = &s->share;
	double ref_w = 0, h, tick_w;

	if (isfinite(s->ref) && s->ref_label)
		measure(L, s->ref_label, &L->small, &ref_w, &h);
	tick_w = 0;
	wrap_axis(L, c->height - L->top - L->pad - L->notes_h - 3 * L->lh);
	for (int iter = 0; iter < 4; iter++) {
		double plot_h;
		g->left = fmax(L->pad + L->axis_h + 4 + tick_w + TICK_LEN + 2, sh->left);
		g->right = c->width - fmax(L->pad + (ref_w > 0 ? ref_w + 4 : 2), sh->right);
		g->slot = (g->right - g->left) / L->units;
		if (vertical_fits(L, g->slot, &g->lines) < 0)
			return -1;
		/* the top tick label is centred on plot_y */
		g->plot_y = fmax(L->top + L->lh / 2, sh->top);
		g->bottom = c->height - fmax(L->pad + L->notes_h + g->lines * L->lh + 4, sh->below);
		plot_h = g->bottom - g->plot_y;
		if (plot_h < 5 * L->lh + 20) {
			c->height += 5 * L->lh + 20 - plot_h;
			c->grown = 1;
			g->bottom += 5 * L->lh + 20 - plot_h;
			plot_h = 5 * L->lh + 20;
		}
		g->bw = s->groups ? fmin(g->slot * GROUP_FILL, 40) : fmin(g->slot * 0.68, 60);
		memset(L->inner_in, 0, s->nr * sizeof(int));
		if (ts_bars_choose_axis(L, plot_h, g->bw, clampi((int)(plot_h / 36), 3, 8),
				0, &g->axis) < 0)
			return -1;
		if (fabs(tick_label_w(L, &g->axis) - tick_w) < 1e-9)
			return 0;
		tick_w = tick_label_w(L, &g->axis);
	}
	return 0;
}

static void vertical_axes(struct ts_chart *c, const struct bl *L,
			  const struct vgeom *g, double sc)
{
	const struct ts_bars_spec *s = L->s;
	double plot_h = g->bottom - g->plot_y;
	char buf[64];

	for (int t = 0; t < g->axis.nr_ticks; t++) {
		double y = g->bottom - sc * at(L, g->axis.ticks[t]);
		if (t > 0)
			add_line(c, TS_ROLE_GRID, -1, g->left, y, g->right, y, 0.4, grey(0.87), 0);
		add_line(c, TS_ROLE_AXIS, -1, g->left - TICK_LEN, y, g->left, y, 0.6, grey(0.2), 0);
		ts_chart_tick_text(&g->axis, g->axis.ticks[t], buf, sizeof(buf));
		ts_chart_text(c, L->m, TS_ROLE_TICK_LABEL, -1, buf, &L->small, grey(0.15),
			      g->left - TICK_LEN - 2, y - L->lh / 2, TS_ALIGN_RIGHT);
	}
	add_line(c, TS_ROLE_AXIS, -1, g->left, g->bottom, g->left,
		 g->bottom - sc * at(L, axis_end(&g->axis)), 0.6, grey(0.2), 0);
	add_line(c, TS_ROLE_AXIS, -1, g->left, g->bottom, g->right, g->bottom, 0.6, grey(0.2), 0);
	if (L->axis_text) {
		struct ts_item *t = ts_chart_text(c, L->m, TS_ROLE_AXIS_LABEL, -1,
						  L->axis_text, &L->big, grey(0.0),
						  0, 0, TS_ALIGN_LEFT);
		double len = t->w;
		t->align = TS_ALIGN_CENTRE;
		t->rotated = 1;
		t->w = t->h;
		t->h = len;
		t->x = L->pad;
		t->y = g->plot_y + plot_h / 2 - len / 2;
		if (t->y + t->h > g->bottom)
			t->y = g->bottom - t->h;
		if (t->y < g->plot_y - L->lh / 2)
			t->y = g->plot_y - L->lh / 2;
	}
	if (isfinite(s->ref)) {
		double y = g->bottom - sc * at(L, s->ref);
		add_line(c, TS_ROLE_REF, -1, g->left, y, g->right, y, 0.8, grey(0.25), 1);
		if (s->ref_label)
			ts_chart_text(c, L->m, TS_ROLE_REF_LABEL, -1, s->ref_label,
				      &L->small, grey(0.15), g->right + 3,
				      y - L->lh / 2, TS_ALIGN_LEFT);
	}
}

static void vertical_bar(struct ts_chart *c, const struct bl *L,
			 const struct vgeom *g, double sc, size_t i)
{
	const struct ts_bar_spec *b = &L->s->bars[i];
	double cx = g->left + centre(L, i, g->slot, g->bw);
	double w, h, top;

	if (!L->s->groups)
		ts_chart_text(c, L->m, TS_ROLE_CATEGORY, (long)i, L->cat[i], &L->small,
			      grey(0.0), cx, g->bottom + 4, TS_ALIGN_CENTRE);
	if (!has_value(b)) {
		measure(L, "no data", &L->note_i, &w, &h);
		ts_chart_text(c, L->m, TS_ROLE_NODATA, (long)i, "no data", &L->note_i,
			      grey(0.35), cx, g->bottom - h - 2, TS_ALIGN_CENTRE)->halo = 1;
		c->bars[i].x = cx;
		c->bars[i].y = g->bottom;
		return;
	}
	h = sc * at(L, b->value);
	add_bar(c, L, i, cx - g->bw / 2, g->bottom - h, g->bw, h);
	add_err(c, L, i, 0, cx, fmin(g->bw * 0.35, 7), g->bottom, -sc);
	top = g->bottom - sc * at(L, bar_end(b)) - LABEL_GAP;
	if (L->inner_in[i]) {
		ts_chart_text(c, L->m, TS_ROLE_INNER, (long)i, b->inner_text,
			      &L->small, ts_chart_text_on(L->paint[i].fill),
			      cx, g->bottom - 2 - L->inner_h[i], TS_ALIGN_CENTRE);
		if (L->value_w[i] > 0)
			ts_chart_text(c, L->m, TS_ROLE_VALUE, (long)i, b->value_text,
				      &L->small, grey(0.0), cx, top - L->value_h[i],
				      TS_ALIGN_CENTRE)->halo = 1;
	} else if (L->full_w[i] > 0) {
		ts_chart_text(c, L->m, TS_ROLE_VALUE, (long)i, L->value_full[i],
			      &L->small, grey(0.0), cx, top - L->full_h[i],
			      TS_ALIGN_CENTRE)->halo = 1;
	}
}

static int layout_vertical(struct ts_chart *c, struct bl *L)
{
	struct vgeom g;
	double sc;

	if (vertical_geom(L, c, &g) < 0)
		return -1;
	sc = (g.bottom - g.plot_y) / g.axis.max;
	c->horizontal = 0;
	c->plot_x = g.left;
	c->plot_y = g.plot_y;
	c->plot_w = g.right - g.left;
	c->plot_h = g.bottom - g.plot_y;
	c->axis = g.axis;
	L->axis = &g.axis;
	vertical_axes(c, L, &g, sc);
	for (size_t i = 0; i < L->s->nr; i++)
		vertical_bar(c, L, &g, sc, i);
	for (size_t k = 0; L->s->groups && k < L->s->nr_groups; k++)
		if (L->g_n[k])   /* a group's label under the middle of its bars */
			ts_chart_text(c, L->m, TS_ROLE_CATEGORY, -1, L->cat[k], &L->small,
				      grey(0.0), g.left + g.slot * (L->g_lo[k] + L->g_hi[k]) / 2,
				      g.bottom + 4, TS_ALIGN_CENTRE);
	return 0;
}

/* ====================== horizontal bars ====================== */

struct hgeom {
	double left, right, plot_y, bottom, row, bw, cat_w;
	struct ts_axis axis;
};

static int horizontal_geom(struct bl *L, struct ts_chart *c, struct hgeom *g)
{
	const struct ts_bars_spec *s = L->s;
	const struct ts_bars_share *sh = &s->share;
	double nat = 0, w, h, row_min = 0, last_w = 0;

	for (size_t i = 0; i < L->ncat; i++) {
		measure(L, cat_label(L, i), &L->small, &w, &h);
		nat = fmax(nat, w);
	}
	g->cat_w = fmin(nat, 0.38 * (c->width - 2 * L->pad));
	for (size_t i = 0; i < L->ncat; i++) {
		int lines;
		free(L->cat[i]);
		L->cat[i] = ts_chart_wrap(L->m, &L->small, cat_label(L, i), g->cat_w, &lines, NULL);
		measure(L, L->cat[i], &L->small, &w, &h);
		g->cat_w = fmax(g->cat_w, w);
		if (!s->groups)
			row_min = fmax(row_min, fmax(h, L->lh) + 3);
		else if (L->g_n[i])   /* a bar's value text; the label its rows */
			row_min = fmax(row_min, fmax(L->lh + 1,
				(h + 3) / ((double)L->g_n[i] + L->gap)));
	}
	wrap_axis(L, c->width - 2 * L->pad);
	for (int iter = 0; iter < 4; iter++) {
		double plot_h;
		g->left = fmax(L->pad + g->cat_w + 5, sh->left);
		g->right = c->width - fmax(L->pad + fmax(last_w / 2, 2), sh->right);
		g->plot_y = fmax(L->top + (isfinite(s->ref) && s->ref_label ? L->lh + 1 : 0), sh->top);
		g->bottom = c->height - fmax(L->pad + L->notes_h + L->axis_h + 2 + L->lh + TICK_LEN + 2,
					     sh->below);
		plot_h = g->bottom - g->plot_y;
		if (plot_h < L->units * row_min) {
			c->height += L->units * row_min - plot_h;
			c->grown = 1;
			g->bottom += L->units * row_min - plot_h;
			plot_h = L->units * row_min;
		}
		if (g->right - g->left < 60)
			return -1;
		g->row = plot_h / L->units;
		g->bw = s->groups ? fmin(g->row * GROUP_FILL, 18) : fmin(g->row * 0.7, 22);
		memset(L->inner_in, 0, s->nr * sizeof(int));
		if (ts_bars_choose_axis(L, g->right - g->left, g->bw,
				clampi((int)((g->right - g->left) / 60), 3, 8), 1,
				&g->axis) < 0)
			return -1;
		{
			char buf[64];
			ts_chart_tick_text(&g->axis, g->axis.max, buf, sizeof(buf));
			measure(L, buf, &L->small, &w, &h);
		}
		if (fabs(w - last_w) < 1e-9)
			return 0;
		last_w = w;
	}
	return 0;
}

static void horizontal_axes(struct ts_chart *c, const struct bl *L,
			    const struct hgeom *g, double sc)
{
	const struct ts_bars_spec *s = L->s;
	char buf[64];

	for (int t = 0; t < g->axis.nr_ticks; t++) {
		double x = g->left + sc * at(L, g->axis.ticks[t]);
		if (t > 0)
			add_line(c, TS_ROLE_GRID, -1, x, g->plot_y, x, g->bottom, 0.4, grey(0.87), 0);
		add_line(c, TS_ROLE_AXIS, -1, x, g->bottom, x, g->bottom + TICK_LEN, 0.6, grey(0.2), 0);
		ts_chart_tick_text(&g->axis, g->axis.ticks[t], buf, sizeof(buf));
		ts_chart_text(c, L->m, TS_ROLE_TICK_LABEL, -1, buf, &L->small, grey(0.15),
			      x, g->bottom + TICK_LEN + 1, TS_ALIGN_CENTRE);
	}
	add_line(c, TS_ROLE_AXIS, -1, g->left, g->bottom, g->left, g->plot_y, 0.6, grey(0.2), 0);
	add_line(c, TS_ROLE_AXIS, -1, g->left, g->bottom,
		 g->left + sc * at(L, axis_end(&g->axis)), g->bottom, 0.6, grey(0.2), 0);
	if (L->axis_text) {
		struct ts_item *t = ts_chart_text(c, L->m, TS_ROLE_AXIS_LABEL, -1,
						  L->axis_text, &L->big, grey(0.0),
						  (g->left + g->right) / 2,
						  g->bottom + TICK_LEN + 1 + L->lh + 2,
						  TS_ALIGN_CENTRE);
		/* centred on the plot, but on the canvas */
		t->x = fmax(L->pad, fmin(t->x, c->width - L->pad - t->w));
	}
	if (isfinite(s->ref)) {
		double x = g->left + sc * at(L, s->ref);
		add_line(c, TS_ROLE_REF, -1, x, g->bottom, x, g->plot_y, 0.8, grey(0.25), 1);
		if (s->ref_label) {
			struct ts_item *t = ts_chart_text(c, L->m, TS_ROLE_REF_LABEL, -1,
							  s->ref_label, &L->small, grey(0.15),
							  x, g->plot_y - L->lh - 1,
							  TS_ALIGN_CENTRE);
			if (t->x + t->w > c->width - L->pad)
				t->x = c->width - L->pad - t->w;
			t->x = fmax(t->x, L->pad);
		}
	}
}

static void horizontal_bar(struct ts_chart *c, const struct bl *L,
			   const struct hgeom *g, double sc, size_t i)
{
	const struct ts_bar_spec *b = &L->s->bars[i];
	double cy = g->plot_y + centre(L, i, g->row, g->bw);
	double w, h, end;

	if (!L->s->groups) {
		measure(L, L->cat[i], &L->small, &w, &h);
		ts_chart_text(c, L->m, TS_ROLE_CATEGORY, (long)i, L->cat[i], &L->small,
			      grey(0.0), g->left - 5, cy - h / 2, TS_ALIGN_RIGHT);
	}
	if (!has_value(b)) {
		ts_chart_text(c, L->m, TS_ROLE_NODATA, (long)i, "no data", &L->note_i,
			      grey(0.35), g->left + 3, cy - L->lh / 2, TS_ALIGN_LEFT)->halo = 1;
		c->bars[i].x = g->left;
		c->bars[i].y = cy;
		return;
	}
	w = sc * at(L, b->value);
	end = g->left + sc * at(L, bar_end(b)) + LABEL_GAP;
	if (L->s->dots) {
		double size = fmin(g->bw * 0.5, DOT_MAX);
		add_dot(c, L, i, g->left + w, cy, size, g->left, g->bw);
		end = fmax(end, g->left + w + size / 2 + LABEL_GAP);
	} else {
		add_bar(c, L, i, g->left, cy - g->bw / 2, w, g->bw);
	}
	add_err(c, L, i, 1, cy, fmin(g->bw * 0.5, 7), g->left, sc);
	if (L->inner_in[i]) {
		ts_chart_text(c, L->m, TS_ROLE_INNER, (long)i, b->inner_text,
			      &L->small, ts_chart_text_on(L->paint[i].fill),
			      g->left + 2, cy - L->inner_h[i] / 2, TS_ALIGN_LEFT);
		if (L->value_w[i] > 0)
			ts_chart_text(c, L->m, TS_ROLE_VALUE, (long)i, b->value_text,
				      &L->small, grey(0.0), end,
				      cy - L->value_h[i] / 2, TS_ALIGN_LEFT)->halo = 1;
	} else if (L->full_w[i] > 0) {
		ts_chart_text(c, L->m, TS_ROLE_VALUE, (long)i, L->value_full[i],
			      &L->small, grey(0.0), end, cy - L->full_h[i] / 2,
			      TS_ALIGN_LEFT)->halo = 1;
	}
}

static int layout_horizontal(struct ts_chart *c, struct bl *L)
{
	struct hgeom g;
	double sc;

	if (horizontal_geom(L, c, &g) < 0)
		return -1;
	sc = (g.right - g.left) / g.axis.max;
	c->horizontal = 1;
	c->plot_x = g.left;
	c->plot_y = g.plot_y;
	c->plot_w = g.right - g.left;
	c->plot_h = g.bottom - g.plot_y;
	c->axis = g.axis;
	L->axis = &g.axis;
	horizontal_axes(c, L, &g, sc);
	for (size_t i = 0; i < L->s->nr; i++)
		horizontal_bar(c, L, &g, sc, i);
	for (size_t k = 0; L->s->groups && k < L->s->nr_groups; k++) {
		double w, h;   /* a group's label left of the middle of its rows */
		if (!L->g_n[k])
			continue;
		measure(L, L->cat[k], &L->small, &w, &h);
		ts_chart_text(c, L->m, TS_ROLE_CATEGORY, -1, L->cat[k], &L->small, grey(0.0),
			      g.left - 5, g.plot_y + g.row * (L->g_lo[k] + L->g_hi[k]) / 2 - h / 2,
			      TS_ALIGN_RIGHT);
	}
	return 0;
}

/* ====================== entry ====================== */

int ts_chart_bars(struct ts_chart *c, const struct ts_bars_spec *s,
		  const struct ts_measure *m)
{
	struct ts_frame fr = s->frame;
	struct bl L;
	int rc = -1;

	c->width = s->width;
	c->height = s->height > 0 ? s->height : s->width / GOLDEN;
	c->nr_bars = s->nr;
	c->bars = ts_xcalloc(s->nr ? s->nr : 1, sizeof(*c->bars));
	for (size_t i = 0; i < s->nr; i++)
		c->bars[i].value = s->bars[i].value;
	fr.devs = 0;
	for (size_t i = 0; i < s->nr; i++)
		fr.devs |= 1u << s->bars[i].dev;
	for (int horizontal = 0; horizontal < 2 && rc < 0; horizontal++) {
		size_t keep = c->nr;
		if (s->share.orient == (horizontal ? 1 : 2) || (s->dots && !horizontal))
			continue;
		c->height = s->height > 0 ? s->height : s->width / GOLDEN;
		c->grown = 0;
		bl_init(&L, s, m, horizontal);
		L.top = ts_chart_frame_top(c, m, &fr);
		L.notes_h = ts_chart_notes_height(m, &fr, c->width);
		if (L.notes_h > 0)
			L.notes_h += 4;
		if (s->nr == 0)
			rc = 0;
		else if (horizontal)
			rc = layout_horizontal(c, &L);
		else
			rc = layout_vertical(c, &L);
		if (rc == 0)
			ts_chart_frame_notes(c, m, &fr);
		else
			for (size_t i = keep; i < c->nr; i++)
				free(c->items[i].text);
		if (rc < 0)
			c->nr = keep;
		bl_release(&L);
	}
	ts_chart_sort(c);
	return rc;
}
