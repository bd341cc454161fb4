/* test_timeline.c - the timelines' layout with the fake measurer:
 * timeline_<key> and fig5_memory_timeline for 1, 4 and 16 tiers, runs of
 * a day (864,000 samples at 100 ms) and of 3 seconds, several runs side
 * by side, a tier without samples; nothing off the canvas or overlapping
 * (ts_chart_check), the band around the mean line where the values say,
 * the requests shaded where their times say, one y axis in fig5.
 */
#include "ts.h"
#include "testutil.h"
#include "chart.h"
#include "fig_int.h"
#include "figures.h"
#include "mem.h"
#include "tiers.h"
#include "timeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define T0 1762732800.0   /* 2025-11-10 00:00:00 UTC */

/* A run of `seconds` at 100 ms: memory rising from 2000 to 2000 + leak
 * MiB, CPU 400 % inside [req0, req1) and 10 % outside, temperature 60 C
 * when `temp`; a request marked from req0 to req1 (failed when asked). */
static void add_run(struct ts_tier *x, const char *path, double t0, double seconds,
		    double leak, int temp, double req0, double req1, int failed)
{
	struct ts_tl_run *r;
	long n = (long)llround(seconds * 10);

	ts_tl_add_run(&x->timeline, path, t0, t0 + (double)(n - 1) / 10);
	r = &x->timeline.runs[x->timeline.nr - 1];
	for (long i = 0; i < n; i++) {
		double t = t0 + (double)i / 10, rel = (double)i / 10;
		ts_env_add(&r->env[TS_RC_MEMORY_MB], t, 2000 + leak * (double)i / (double)n);
		ts_env_add(&r->env[TS_RC_CPU_PERCENT], t, rel >= req0 && rel < req1 ? 400 : 10);
		if (temp)
			ts_env_add(&r->env[TS_RC_TEMPERATURE_C], t, 60);
	}
	if (temp) {
		x->realtime.col[TS_RC_TEMPERATURE_C].n = n;
		x->realtime.col[TS_RC_TEMPERATURE_C].max = 60;
	}
	for (size_t i = 0; i < TS_TL_CELLS; i++) {
		double lo, hi;
		ts_tl_cell(r, i, &lo, &hi);
		if (hi > t0 + req0 && lo <= t0 + req1)
			r->cells[i] = (unsigned char)(TS_TL_BUSY | (failed ? TS_TL_FAILED : 0) |
						      (temp ? TS_TL_THROTTLE : 0));
	}
	r->requests = 1;
	r->failed = failed;
}

struct fixture {
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_fig_env e;
};

static void env_init(struct fixture *f)
{
	ts_fig_opts_init(&f->o);
	memset(&f->e, 0, sizeof(f->e));
	f->e.t = &f->t;
	f->e.o = &f->o;
	f->e.m = (struct ts_measure){ tu_fake_measure, NULL };
	f->e.mem_unit = "MiB";
	f->e.mem_div = 1;
}

/* n tiers, tier i with i % 3 + 1 runs of `seconds`, the last tier
 * without runs when `lonely`. */
static void make(struct fixture *f, size_t n, double seconds, int lonely)
{
	static const char *const devs[] = { "cpu", "cuda", "mps", "xpu" };

	memset(&f->t, 0, sizeof(f->t));
	for (size_t i = 0; i < n; i++) {
		char key[64], path[96];
		struct ts_tier *x;
		snprintf(key, sizeof(key), "tier_%02zu_%s", i, devs[i % 4]);
		x = tu_tier_add(&f->t, key, NULL, devs[i % 4]);
		for (size_t r = 0; r < i % 3 + 1 && !(lonely && i + 1 == n); r++) {
			snprintf(path, sizeof(path), "realtime_%s_%zu.csv", key, r);
			add_run(x, path, T0 + 90000.0 * (double)r, seconds, 500.0 * (double)i,
				i % 2 == 0, seconds * 0.25, seconds * 0.5, r == 1);
		}
	}
	env_init(f);
}

static void release(struct fixture *f)
{
	ts_tiers_release(&f->t);   /* and their timelines */
}

static size_t count(const struct ts_chart *c, enum ts_role role, enum ts_item_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nr; i++)
		n += c->items[i].role == role && c->items[i].kind == kind;
	return n;
}

/* Every layout for 1, 4 and 16 tiers, a day and 3 s, at 6.3 and 3.5 in. */
static void test_layouts(void **state)
{
	static const size_t tiers[] = { 1, 4, 16 };
	static const double secs[] = { 86400, 3 };
	static const double widths[] = { 6.3 * 72, 3.5 * 72 };

	(void)state;
	for (size_t a = 0; a < TS_COUNTOF(tiers); a++)
		for (size_t b = 0; b < TS_COUNTOF(secs); b++) {
			struct fixture f;
			make(&f, tiers[a], secs[b], tiers[a] > 1);
			for (size_t w = 0; w < TS_COUNTOF(widths); w++) {
				f.o.width_pt = widths[w];
				for (long k = -1; k < (long)f.t.nr; k++) {
					struct ts_chart c;
					char what[128];
					snprintf(what, sizeof(what), "%zu tiers, %g s, %g pt, figure %ld",
						 tiers[a], secs[b], widths[w], k);
					ts_chart_init(&c);
					if (ts_fig_timeline(&c, &f.e, k) != 0) {
						print_error("%s: not laid out\n", what);
						fail();
					}
					tu_assert_chart_ok(&c, what);
					assert_true(c.height > 100 && c.height < 2000);
					ts_chart_release(&c);
				}
			}
			release(&f);
		}
}

/* A day of samples: one mean line and one band per panel (no gap), the
 * band around the line, the memory line climbing from 2000 to 2500 MiB
 * on the axis drawn; the request (6 h to 12 h) shaded there. */
static void test_day(void **state)
{
	struct fixture f;
	struct ts_chart c;
	const struct ts_item *mem = NULL;
	double bottom, top;

	(void)state;
	make(&f, 2, 86400, 0);   /* tier 1: two runs, leak 500, no temperature */
	ts_chart_init(&c);
	assert_int_equal(ts_fig_timeline(&c, &f.e, 1), 0);
	assert_int_equal(count(&c, TS_ROLE_SERIES, TS_ITEM_PATH), 4);   /* memory, CPU */
	assert_int_equal(count(&c, TS_ROLE_BAND, TS_ITEM_PATH), 4);
	assert_non_null(tu_find_text(&c, "Memory (MiB)"));
	assert_non_null(tu_find_text(&c, "CPU (%)"));
	assert_null(tu_find_text(&c, "Temperature (\xc2\xb0" "C)"));
	assert_non_null(tu_find_text(&c, "Elapsed time within each run (h)"));
	assert_non_null(tu_find_text(&c, "2025-11-10 00:00 UTC"));
	for (size_t i = 0; i < c.nr; i++)
		if (c.items[i].role == TS_ROLE_SERIES && c.items[i].kind == TS_ITEM_PATH) {
			mem = &c.items[i];
			break;
		}
	assert_non_null(mem);
	/* the memory panel: its axis ticks 0..2500 or more; the line's first
	 * point near 2000, its last near 2500; a day is 2048 buckets of 64 s,
	 * drawn no finer than a pixel: the run's slot (of two, equal) is
	 * 6.3 in x 300 dpi x (0.75 / 2 + 0.25 / 2) = 945 px, so 256 s */
	assert_true(mem->npts > 945 / 2 && mem->npts <= 945);
	{
		const struct ts_item *t0 = tu_find_text(&c, "0");
		assert_non_null(t0);
		bottom = t0->y + t0->h / 2;
	}
	top = bottom;
	for (size_t i = 0; i < c.nr; i++)   /* the highest grid line of the panel */
		if (c.items[i].role == TS_ROLE_GRID && c.items[i].y < top && c.items[i].y > mem->y - 80)
			top = c.items[i].y;
	assert_true(mem->pts[1] < mem->pts[2 * mem->npts - 1] + 1e-9 ||
		    mem->pts[1] > mem->pts[2 * mem->npts - 1]);   /* a number */
	assert_true(mem->pts[1] > mem->pts[2 * mem->npts - 1]);  /* climbs: y falls */
	{
		/* the request from 6 h to 12 h: a span a quarter of the way in */
		int found = 0;
		for (size_t i = 0; i < c.nr; i++) {
			const struct ts_item *s = &c.items[i];
			if (s->role != TS_ROLE_SPAN || s->x > mem->x + mem->w)
				continue;   /* the second run's */
			assert_true(fabs((s->x - mem->pts[0]) / (mem->x + mem->w - mem->pts[0]) - 0.25) < 0.01);
			assert_true(fabs((s->x + s->w - mem->pts[0]) / (mem->x + mem->w - mem->pts[0]) - 0.5) < 0.01);
			found++;
		}
		assert_int_equal(found, 2);   /* memory and CPU panel */
		assert_non_null(tu_find_text(&c, "2025-11-11 01:00 UTC"));   /* run 2's head */
	}
	(void)top;
	ts_chart_release(&c);
	release(&f);
}

/* The band holds the line: at every point of a panel's mean line, the
 * band polygon spans it (the CPU of a 3 s run: 10 % then 400 %). */
static void test_band_holds_line(void **state)
{
	struct fixture f;
	struct ts_chart c;
	size_t checked = 0;

	(void)state;
	make(&f, 1, 3, 0);
	ts_chart_init(&c);
	assert_int_equal(ts_fig_timeline(&c, &f.e, 0), 0);
	assert_non_null(tu_find_text(&c, "Elapsed time within each run (s)"));
	assert_non_null(tu_find_text(&c, "Temperature (\xc2\xb0" "C)"));
	for (size_t i = 0; i + 1 < c.nr; i++) {
		const struct ts_item *band = &c.items[i], *line = NULL;
		if (band->role != TS_ROLE_BAND)
			continue;
		for (size_t j = 0; j < c.nr; j++)
			if (c.items[j].role == TS_ROLE_SERIES && c.items[j].kind == TS_ITEM_PATH &&
			    fabs(c.items[j].x - band->x) < 1e-9 && fabs(c.items[j].w - band->w) < 1e-9 &&
			    c.items[j].y >= band->y - 1e-9 && c.items[j].y + c.items[j].h <= band->y + band->h + 1e-9) {
				line = &c.items[j];
				break;
			}
		assert_non_null(line);
		for (size_t p = 0; p < line->npts; p++) {
			double top = band->pts[2 * p + 1];
			double bottom = band->pts[2 * (2 * line->npts - 1 - p) + 1];
			assert_true(band->pts[2 * p] == line->pts[2 * p]);
			assert_true(top <= line->pts[2 * p + 1] + 1e-9);
			assert_true(bottom >= line->pts[2 * p + 1] - 1e-9);
			checked++;
		}
	}
	assert_true(checked >= 3 * 24);
	/* the throttle marks: at the foot of the temperature panel only */
	assert_true(count(&c, TS_ROLE_SERIES, TS_ITEM_RECT) > 0);
	ts_chart_release(&c);
	release(&f);
}

/* fig5: one y axis for all (the same tick labels in every block), a tier
 * without samples says so, runs side by side with a break. */
static void test_fig5(void **state)
{
	struct fixture f;
	struct ts_chart c;
	size_t tops = 0;

	(void)state;
	make(&f, 4, 600, 1);
	ts_chart_init(&c);
	assert_int_equal(ts_fig_timeline(&c, &f.e, -1), 0);
	tu_assert_chart_ok(&c, "fig5");
	assert_non_null(tu_find_text(&c, "no realtime samples for this tier"));
	/* tier 2's leak reaches 3000 MiB: every block's axis goes to 3000 */
	for (size_t i = 0; i < c.nr; i++)
		tops += c.items[i].text && c.items[i].role == TS_ROLE_TICK_LABEL &&
			strcmp(c.items[i].text, "3000") == 0;
	assert_int_equal(tops, 3);   /* three blocks with runs */
	assert_non_null(tu_find_text(&c, "tier_00_cpu"));
	assert_non_null(tu_find_text(&c, "tier_03_xpu"));
	ts_chart_release(&c);
	release(&f);
}

/* A block title too long for its block (a --by group's label) takes two
 * lines, never more, and never crosses into the next block
 * (tu_assert_chart_ok: no overlap). */
static void test_long_titles(void **state)
{
	struct fixture f;
	struct ts_chart c;

	(void)state;
	make(&f, 4, 600, 0);
	free(f.t.v[0].label);
	f.t.v[0].label = strdup("cluster_node_123456_cuda (no compile, threads none, INT8)");
	ts_chart_init(&c);
	assert_int_equal(ts_fig_timeline(&c, &f.e, -1), 0);
	tu_assert_chart_ok(&c, "fig5 long title");
	{
		const struct ts_item *it = NULL;
		for (size_t i = 0; i < c.nr && !it; i++)
			if (c.items[i].text && strncmp(c.items[i].text, "cluster_node", 12) == 0)
				it = &c.items[i];
		assert_non_null(it);
		assert_non_null(strchr(it->text, '\n'));             /* two lines */
		assert_null(strchr(strchr(it->text, '\n') + 1, '\n'));
	}
	ts_chart_release(&c);
	free(f.t.v[0].label);   /* three lines: not laid out */
	f.t.v[0].label = strdup("cluster_node_123456_cuda (no compile, threads none, INT8, chunk 200, "
				"a long text value, another long value)");
	ts_chart_init(&c);
	assert_int_equal(ts_fig_timeline(&c, &f.e, -1), -1);
	ts_chart_release(&c);
	release(&f);
}

/* A pause of the monitor breaks the line; one missing 125 ms bucket
 * does not. */
static void test_gaps(void **state)
{
	struct fixture f;
	struct ts_chart c;
	struct ts_tier *x;
	struct ts_tl_run *r;

	(void)state;
	memset(&f.t, 0, sizeof(f.t));
	x = tu_tier_add(&f.t, "gappy_cpu", NULL, "cpu");
	ts_tl_add_run(&x->timeline, "realtime_gappy.csv", T0, T0 + 30);
	r = &x->timeline.runs[0];
	for (int i = 0; i <= 300; i++) {
		double t = T0 + i * 0.1;
		if ((i >= 100 && i < 200) || i == 250 || i == 251)
			continue;   /* 10 s paused; then two samples (one bucket) missed */
		ts_env_add(&r->env[TS_RC_MEMORY_MB], t, 1000);
		ts_env_add(&r->env[TS_RC_CPU_PERCENT], t, 50);
	}
	assert_int_equal(r->env[TS_RC_MEMORY_MB].scale, -3);
	env_init(&f);
	ts_chart_init(&c);
	assert_int_equal(ts_fig_timeline(&c, &f.e, 0), 0);
	tu_assert_chart_ok(&c, "gaps");
	assert_int_equal(count(&c, TS_ROLE_SERIES, TS_ITEM_PATH), 4);   /* 2 panels x 2 stretches */
	assert_int_equal(count(&c, TS_ROLE_SPAN, TS_ITEM_RECT), 0);
	ts_chart_release(&c);
	ts_tiers_release(&f.t);
}

/* Back-to-back requests over a whole run, one of them failed: three
 * spans (busy, failed, busy), the failed one only as wide as its cells,
 * not the whole stretch painted red. */
static void test_failed_inside_busy(void **state)
{
	struct fixture f;
	struct ts_fig_tl_block k;
	struct ts_tl_run *r;
	double lo, hi, a, b;

	(void)state;
	make(&f, 1, 3600, 0);
	r = &f.t.v[0].timeline.runs[0];
	for (size_t i = 0; i < TS_TL_CELLS; i++)
		r->cells[i] = TS_TL_BUSY | (i >= 1000 && i < 1004 ? TS_TL_FAILED : 0);
	ts_fig_tl_fill(&k, &f.e, 0, 0);
	assert_int_equal(k.runs[0].nr_spans, 3);
	assert_int_equal(k.runs[0].spans[0].flags, TS_TL_BUSY);
	assert_int_equal(k.runs[0].spans[1].flags, TS_TL_BUSY | TS_TL_FAILED);
	assert_int_equal(k.runs[0].spans[2].flags, TS_TL_BUSY);
	ts_tl_cell(r, 1000, &lo, &hi);
	a = lo - r->t0;
	ts_tl_cell(r, 1003, &lo, &hi);
	b = hi - r->t0;
	assert_true(fabs(k.runs[0].spans[1].t0 - a) < 1e-9 && fabs(k.runs[0].spans[1].t1 - b) < 1e-9);
	ts_fig_tl_release(&k);
	release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_day),
		cmocka_unit_test(test_band_holds_line),
		cmocka_unit_test(test_fig5),
		cmocka_unit_test(test_long_titles),
		cmocka_unit_test(test_gaps),
		cmocka_unit_test(test_failed_inside_busy),
	};

	return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
