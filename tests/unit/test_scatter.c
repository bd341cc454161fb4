/* test_scatter.c - fig6_duration_vs_tokens's layout with the fake
 * measurer: 1, 4 and 16 tiers at two widths (nothing off the canvas or
 * overlapping: ts_chart_check), a marker per point where its values
 * say on the axes drawn, the least-squares line through its ends, log
 * axes only past two decades, a tier with fewer than three token counts
 * without a line and saying so, shapes per tier, the CSV of the points.
 */
#include "ts.h"
#include "testutil.h"
#include "chart.h"
#include "fig_int.h"
#include "figures.h"
#include "mem.h"
#include "stats.h"
#include "tiers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


struct fixture {
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_fig_env e;
};

/* Tier x gets n points: tokens lo, lo + step, ..., duration a + b tokens
 * (+ a wobble so the fit is not exact), fitted by ts_stats_ols as tiers.c
 * does. distinct < 3 repeats the first token counts. */
static void set_points(struct ts_tier *x, size_t n, double lo, double step, double a,
		       double b, size_t distinct)
{
	struct ts_scaling *s = &x->scaling;

	s->tokens = ts_xreallocarray(s->tokens, n, sizeof(double));
	s->duration_s = ts_xreallocarray(s->duration_s, n, sizeof(double));
	for (size_t i = 0; i < n; i++) {
		double tok = lo + step * (double)(distinct ? i % distinct : i);
		s->tokens[i] = tok;
		s->duration_s[i] = a + b * tok + (i % 2 ? 0.01 : -0.01) * (a + b * tok);
	}
	s->npoints = n;
	ts_stats_ols(s->tokens, s->duration_s, n, &s->fit);
	s->has_line = s->fit.distinct_x >= 3;
}

static void make(struct fixture *f, size_t n)
{
	static const char *const devs[] = { "cpu", "cuda", "mps", "xpu" };

	memset(&f->t, 0, sizeof(f->t));
	f->t.reference = -1;
	for (size_t i = 0; i < n; i++) {
		char key[64];
		struct ts_tier *x;
		snprintf(key, sizeof(key), "tier_%02zu_%s", i, devs[i % 4]);
		x = tu_tier_add(&f->t, key, NULL, devs[i % 4]);
		set_points(x, 30, 100 + 5 * (double)i, 4, 0.5 + 0.1 * (double)i,
			   0.03 + 0.002 * (double)i, 0);
	}
	ts_fig_opts_init(&f->o);
	memset(&f->e, 0, sizeof(f->e));
	f->e.t = &f->t;
	f->e.o = &f->o;
	f->e.m = (struct ts_measure){ tu_fake_measure, NULL };
	f->e.mem_unit = "MiB";
	f->e.mem_div = 1;
}

static size_t count(const struct ts_chart *c, enum ts_role role, enum ts_item_kind kind, long tier)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nr; i++)
		n += c->items[i].role == role && c->items[i].kind == kind &&
		     (tier < -1 || c->items[i].tier == tier);
	return n;
}

/* The page x of value v on the linear x axis, from the tick labels
 * "100" and "200" as drawn. */
static double page_x(const struct ts_chart *c, double v)
{
	const struct ts_item *a = NULL, *b = NULL;
	double xa, xb;

	for (size_t i = 0; i < c->nr; i++)
		if (c->items[i].role == TS_ROLE_TICK_LABEL && c->items[i].y > c->plot_y + c->plot_h) {
			if (strcmp(c->items[i].text, "100") == 0)
				a = &c->items[i];
			else if (strcmp(c->items[i].text, "200") == 0)
				b = &c->items[i];
		}
	assert_non_null(a);
	assert_non_null(b);
	xa = a->x + a->w / 2;
	xb = b->x + b->w / 2;
	return xa + (v - 100) / 100 * (xb - xa);
}

static double page_y(const struct ts_chart *c, double v)
{
	const struct ts_axis *a = &c->axis;
	double f = a->log ? (log10(v) - log10(a->min)) / (log10(a->max) - log10(a->min))
			  : (v - a->min) / (a->max - a->min);
	return c->plot_y + c->plot_h - f * c->plot_h;
}

/* 1, 4 and 16 tiers at 6.3 and 3.5 in: laid out, checked, a marker per
 * point, a line and a legend entry per tier. */
static void test_layouts(void **state)
{
	static const size_t tiers[] = { 1, 4, 16 };
	static const double widths[] = { 6.3 * 72, 3.5 * 72 };

	(void)state;
	for (size_t a = 0; a < TS_COUNTOF(tiers); a++) {
		struct fixture f;
		make(&f, tiers[a]);
		for (size_t w = 0; w < TS_COUNTOF(widths); w++) {
			struct ts_chart c;
			char what[96];
			snprintf(what, sizeof(what), "%zu tiers at %g pt", tiers[a], widths[w]);
			f.o.width_pt = widths[w];
			ts_chart_init(&c);
			assert_int_equal(ts_fig_scatter(&c, &f.e), 0);
			tu_assert_chart_ok(&c, what);
			assert_int_equal(count(&c, TS_ROLE_SERIES, TS_ITEM_MARKER, -2), 30 * tiers[a]);
			assert_int_equal(count(&c, TS_ROLE_SWATCH, TS_ITEM_MARKER, -2), tiers[a]);
			assert_int_equal(count(&c, TS_ROLE_SERIES, TS_ITEM_PATH, -2), tiers[a]);
			assert_non_null(tu_find_text(&c, "Text length (tokens)"));
			assert_true(c.height >= widths[w] / 1.618 - 1e-9 && c.height < 1000);
			ts_chart_release(&c);
		}
		ts_tiers_release(&f.t);
	}
}

/* Each marker's centre where its values are on the axes drawn; the line
 * from the least to the greatest token count, at intercept + slope x. */
static void test_positions(void **state)
{
	struct fixture f;
	struct ts_chart c;
	struct ts_fig_scatter sp;
	const struct ts_scaling *s;
	size_t k = 0;

	(void)state;
	make(&f, 2);
	s = &f.t.v[1].scaling;
	ts_chart_init(&c);
	assert_int_equal(ts_fig_scatter(&c, &f.e), 0);
	ts_fig_scatter_fill(&sp, &f.e);
	assert_false(sp.log_x);
	assert_false(sp.log_y);
	ts_fig_scatter_release(&sp);
	/* x runs from a tick at or below 100 (not from 0: 100 > 214 / 3) */
	{
		const struct ts_item *lo = tu_find_text(&c, "100");
		assert_non_null(lo);
		assert_true(fabs(lo->x + lo->w / 2 - c.plot_x) < 1e-6);
		assert_null(tu_find_text(&c, "0.0"));   /* y from 0 would be "0.0" */
	}
	for (size_t i = 0; i < c.nr; i++) {
		const struct ts_item *it = &c.items[i];
		if (it->kind != TS_ITEM_MARKER || it->role != TS_ROLE_SERIES || it->tier != 1)
			continue;
		assert_true(fabs(it->x + it->w / 2 - page_x(&c, s->tokens[k])) < 1e-6);
		assert_true(fabs(it->y + it->h / 2 - page_y(&c, s->duration_s[k])) < 1e-6);
		assert_int_equal(it->marker, TS_MARK_SQUARE);   /* tier 1's shape */
		k++;
	}
	assert_int_equal(k, 30);
	for (size_t i = 0; i < c.nr; i++) {
		const struct ts_item *it = &c.items[i];
		if (it->kind != TS_ITEM_PATH || it->tier != 1)
			continue;
		assert_int_equal(it->npts, 2);
		assert_true(fabs(it->pts[0] - page_x(&c, 105)) < 1e-6);
		assert_true(fabs(it->pts[2] - page_x(&c, 221)) < 1e-6);
		assert_true(fabs(it->pts[1] - page_y(&c, s->fit.intercept + s->fit.slope * 105)) < 1e-6);
		assert_true(fabs(it->pts[3] - page_y(&c, s->fit.intercept + s->fit.slope * 221)) < 1e-6);
	}
	ts_chart_release(&c);
	ts_tiers_release(&f.t);
}

/* Over two decades: log axes (said in the note and the caption); two
 * token counts: no line, and the legend says so. */
static void test_log_and_no_line(void **state)
{
	struct fixture f;
	struct ts_chart c;
	struct ts_fig_scatter sp;
	char *cap;

	(void)state;
	make(&f, 3);
	set_points(&f.t.v[0], 40, 2, 50, 0.05, 0.01, 0);    /* 2 .. 1952 tokens */
	set_points(&f.t.v[2], 10, 100, 10, 1, 0.02, 2);     /* two token counts */
	ts_fig_scatter_fill(&sp, &f.e);
	assert_true(sp.log_x);
	assert_true(sp.log_y);
	assert_non_null(strstr(sp.notes[0], "Both axes logarithmic."));
	assert_false(sp.series[2].has_line);
	assert_int_equal(sp.series[1].marker, TS_MARK_SQUARE);
	assert_int_equal(sp.series[2].marker, TS_MARK_TRIANGLE);
	ts_fig_scatter_release(&sp);
	ts_chart_init(&c);
	assert_int_equal(ts_fig_scatter(&c, &f.e), 0);
	tu_assert_chart_ok(&c, "log axes");
	assert_true(c.axis.log);
	assert_int_equal(count(&c, TS_ROLE_SERIES, TS_ITEM_PATH, 2), 0);
	assert_true(count(&c, TS_ROLE_SERIES, TS_ITEM_PATH, 0) == 1);
	assert_non_null(tu_find_text(&c, "tier_02_mps (no line: fewer than 3 token counts)"));
	/* a line on log axes is a sampled curve */
	for (size_t i = 0; i < c.nr; i++)
		if (c.items[i].kind == TS_ITEM_PATH && c.items[i].tier == 0)
			assert_true(c.items[i].npts > 10);
	ts_chart_release(&c);
	cap = ts_fig_caption(&f.t, &f.o, TS_FIG_FIG6);
	assert_non_null(cap);
	assert_non_null(strstr(cap, ", on logarithmic axes"));
	assert_non_null(strstr(cap, "fewer than three distinct token counts has no line"));
	free(cap);
	ts_tiers_release(&f.t);
}

/* Past eight tiers the shapes come again, open; the CSV has every point
 * with its tier's line, and empty fit fields for a tier without one. */
static void test_shapes_and_csv(void **state)
{
	struct fixture f;
	struct ts_fig_scatter sp;
	char *buf = NULL, *line;
	size_t len = 0, rows = 0;
	FILE *fp;

	(void)state;
	make(&f, 10);
	ts_fig_scatter_fill(&sp, &f.e);
	assert_int_equal(sp.series[8].marker, TS_MARK_CIRCLE);
	assert_true(sp.series[8].open);
	assert_false(sp.series[7].open);
	assert_int_equal(sp.series[7].marker, TS_MARK_STAR);
	ts_fig_scatter_release(&sp);
	set_points(&f.t.v[3], 4, 50, 1, 1, 0.5, 1);   /* one token count */
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(ts_fig_scatter_csv(fp, &f.e), 0);
	fclose(fp);
	{
		static const char head[] = "key,label,device,text_length_tokens,total_duration_s,"
					   "fit_slope_s_per_token,fit_intercept_s\r\n";
		assert_true(strncmp(buf, head, strlen(head)) == 0);
	}
	for (line = strstr(buf, "\r\n"); line && line[2]; line = strstr(line + 2, "\r\n"))
		rows++;
	assert_int_equal(rows, 9 * 30 + 4);
	line = strstr(buf, "\r\ntier_03_xpu,tier_03_xpu,xpu,50,");
	assert_non_null(line);
	line = strstr(line + 2, "\r\n");
	assert_memory_equal(line - 2, ",,", 2);   /* no line: empty fit fields */
	line = strstr(buf, "\r\ntier_02_mps,tier_02_mps,mps,110,");
	assert_non_null(line);
	line = strstr(line + 2, "\r\n");
	assert_false(line[-1] == ',');
	free(buf);
	ts_tiers_release(&f.t);
}

/* More points than the marker budget: evenly spaced ranks drawn (and in
 * the CSV), the note says how many of how many; 16 tiers get 250 each. */
static void test_budget(void **state)
{
	struct fixture f;
	struct ts_fig_scatter sp;
	struct ts_chart c;

	(void)state;
	make(&f, 1);
	set_points(&f.t.v[0], 5000, 100, 0.01, 0.5, 0.03, 0);
	ts_fig_scatter_fill(&sp, &f.e);
	assert_int_equal(sp.series[0].n, TS_FIG6_MARKERS);
	assert_true(sp.series[0].x[1] == f.t.v[0].scaling.tokens[1]);   /* floor(1 * 5000 / 4000) */
	assert_true(sp.series[0].x[3999] == f.t.v[0].scaling.tokens[4998]);
	assert_true(sp.series[0].y[3999] == f.t.v[0].scaling.duration_s[4998]);
	assert_non_null(strstr(sp.notes[0], "(4000 of the 5000 requests fitted are drawn, evenly spaced)"));
	ts_fig_scatter_release(&sp);
	ts_chart_init(&c);
	assert_int_equal(ts_fig_scatter(&c, &f.e), 0);
	assert_int_equal(count(&c, TS_ROLE_SERIES, TS_ITEM_MARKER, -2), 4000);
	ts_chart_release(&c);
	ts_tiers_release(&f.t);
	make(&f, 16);
	for (size_t i = 0; i < 16; i++)
		set_points(&f.t.v[i], 300, 100, 0.5, 0.5, 0.03, 0);
	ts_fig_scatter_fill(&sp, &f.e);
	for (size_t i = 0; i < 16; i++)
		assert_int_equal(sp.series[i].n, TS_FIG6_MIN_MARKERS);
	ts_fig_scatter_release(&sp);
	ts_tiers_release(&f.t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_log_and_no_line),
		cmocka_unit_test(test_shapes_and_csv),
		cmocka_unit_test(test_budget),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
