/* test_figopts.c - figures that fit a thesis (issue 12 item 6).
 *
 * With a fake text measurer (pure layout, fig_int.h): --no-title and
 * --no-footnote keep the figure's size and give the plot the room;
 * --memory-unit converts the monitor's MiB exactly; fig2's log axis
 * (asked for, refused, or chosen over a 30x span); the real-time line
 * left out when every bar ends below a third of it, and said so; the
 * footnotes promise only the error bars and n that are drawn (a tier
 * from analysis_*.json alone); device types in capitals in legends and
 * tables. On real cairo surfaces: --figures writes only the figures
 * asked for; the PDF keeps its title without the drawn one; in the
 * decoded pixels, the smallest bar of a log axis and the bars of an
 * espeak-ng run (RTF 0.002) are tall, and --no-title keeps the PNG size.
 */
#include "ts.h"
#include "testutil.h"
#include "captions.h"
#include "texesc.h"
#include "draw.h"
#include "fig_int.h"
#include "figures.h"
#include "mem.h"
#include "outfile.h"

#include <cairo.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ====================== tiers by hand ====================== */

static void tier_add(struct ts_tiers *t, const char *key, const char *dev)
{
	struct ts_tier *x;

	TS_GROW(t->v, t->nr + 1, t->alloc);
	x = &t->v[t->nr++];
	memset(x, 0, sizeof(*x));
	x->key = ts_xstrdup(key);
	x->hardware_tier = ts_xstrdup(key);
	x->device_type = ts_xstrdup(dev);
	x->label = ts_xstrdup(key);
	x->cpu_model = ts_xstrdup("Test CPU");
	x->cpu_cores = 8;
	x->total_memory_gb = 32;
	x->tests = 10;
	x->successful = 10;
	x->success_rate = 1;
	x->throttle_events = -1;
	for (int m = 0; m < TS_M_COUNT; m++) {
		struct ts_summary *s = &x->metrics[m];
		s->n = 0;
		s->mean = s->std = s->min = s->max = s->median = NAN;
	}
	x->metrics[TS_M_PEAK_MEMORY_MB].n = 10;
	x->metrics[TS_M_PEAK_MEMORY_MB].mean = 2900;
	x->metrics[TS_M_PEAK_MEMORY_MB].std = 100;
}

static void set_rtf(struct ts_tier *x, long n, double mean, double std)
{
	x->metrics[TS_M_RTF].n = n;
	x->metrics[TS_M_RTF].mean = mean;
	x->metrics[TS_M_RTF].std = std;
}

/* The thesis fixture's RTFs: 0.18 (cuda) beside 8.2 (cpu), 46x. */
static void thesis_like(struct ts_tiers *t)
{
	static const struct { const char *key, *dev; double rtf, sd; } v[] = {
		{ "amd_ryzen5_cpu", "cpu", 5.1, 0.3 }, { "intel_i5_cpu", "cpu", 8.2, 0.5 },
		{ "m1_air_mps", "mps", 3.5, 0.3 }, { "rtx3060_cuda", "cuda", 0.18, 0.02 },
	};

	memset(t, 0, sizeof(*t));
	t->reference = -1;   /* no --reference */
	for (size_t i = 0; i < TS_COUNTOF(v); i++) {
		tier_add(t, v[i].key, v[i].dev);
		set_rtf(&t->v[i], 20, v[i].rtf, v[i].sd);
	}
}

/* Recorded from a real espeak-ng run: every RTF about 0.002. */
static void espeak_like(struct ts_tiers *t)
{
	memset(t, 0, sizeof(*t));
	t->reference = -1;   /* no --reference */
	tier_add(t, "espeak_cpu", "cpu");
	tier_add(t, "espeak_xpu", "xpu");
	set_rtf(&t->v[0], 30, 0.0026, 0.0002);
	set_rtf(&t->v[1], 30, 0.0021, 0.0002);
}

/* ====================== fake layout ====================== */

/* Every code point 0.55 em wide, lines 1.2 em (as test_chart.c). */

/* Lay out figure k (0-2 bar charts, 3 the table) of t with o. */
static void lay(struct ts_chart *c, const struct ts_tiers *t,
		const struct ts_fig_opts *o, int k)
{
	struct ts_fig_env e;
	char msg[512];

	memset(&e, 0, sizeof(e));
	e.t = t;
	e.o = o;
	e.m.fn = tu_fake_measure;
	e.other_label = ts_fig_other_label(t);
	ts_fig_mem_unit(t, o->mem_unit, &e.mem_unit, &e.mem_div);
	ts_chart_init(c);
	if (k < 3)
		assert_int_equal(ts_fig_bars(c, &e, (enum ts_fig_bar_kind)k), 0);
	else
		assert_int_equal(ts_fig_table(c, &e), 0);
	if (ts_chart_check(c, msg, sizeof(msg)) != 0) {
		print_error("figure %d: %s\n", k, msg);
		fail();
	}
	free(e.other_label);
}

/* Items of role r whose text holds `needle` (NULL: any item of r). */
static int count(const struct ts_chart *c, enum ts_role r, const char *needle)
{
	int n = 0;

	for (size_t i = 0; i < c->nr; i++)
		if (c->items[i].role == r &&
		    (!needle || (c->items[i].text && strstr(c->items[i].text, needle))))
			n++;
	return n;
}

/* Items of role r whose text is `text`. */
static int count_exact(const struct ts_chart *c, enum ts_role r, const char *text)
{
	int n = 0;

	for (size_t i = 0; i < c->nr; i++)
		n += c->items[i].role == r && c->items[i].text &&
		     strcmp(c->items[i].text, text) == 0;
	return n;
}

/* The footnotes of c, joined by " | " (lines joined by a space). */
static void notes_of(const struct ts_chart *c, char *buf, size_t size)
{
	*buf = '\0';
	for (size_t i = 0; i < c->nr; i++)
		if (c->items[i].role == TS_ROLE_NOTE)
			snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
				 *buf ? " | " : "", c->items[i].text);
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

static void opts(struct ts_fig_opts *o)
{
	ts_fig_opts_init(o);
	o->creation_time = 1762763601;
}

/* ====================== title and footnotes ====================== */

static void test_no_title_no_footnote(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o, nt, nf;

	(void)state;
	thesis_like(&t);
	opts(&o);
	nt = o;
	nt.no_title = 1;
	nf = o;
	nf.no_footnote = 1;
	for (int k = 0; k < 4; k++) {
		struct ts_chart a, b, f;
		lay(&a, &t, &o, k);
		lay(&b, &t, &nt, k);
		lay(&f, &t, &nf, k);
		assert_int_equal(count(&a, TS_ROLE_TITLE, NULL), 1);
		assert_int_equal(count(&b, TS_ROLE_TITLE, NULL), 0);
		assert_int_equal(count(&f, TS_ROLE_TITLE, NULL), 1);
		/* --no-title keeps the footnotes, --no-footnote drops them */
		assert_int_equal(count(&b, TS_ROLE_NOTE, NULL), count(&a, TS_ROLE_NOTE, NULL));
		assert_true(count(&a, TS_ROLE_NOTE, NULL) > 0);
		assert_int_equal(count(&f, TS_ROLE_NOTE, NULL), 0);
		/* the legend stays */
		assert_int_equal(count(&b, TS_ROLE_LEGEND, NULL), count(&a, TS_ROLE_LEGEND, NULL));
		if (k < 3) {
			/* the figure keeps its size; the plot gets the room */
			assert_true(b.width == a.width && b.height == a.height);
			assert_true(f.width == a.width && f.height == a.height);
			/* the legend shared the title's line: it gains a little */
			assert_true(b.plot_h > a.plot_h);
			assert_true(f.plot_h > a.plot_h + 5);
		} else {
			/* the table is as tall as its rows */
			assert_true(b.height < a.height && f.height < a.height);
		}
		ts_chart_release(&a);
		ts_chart_release(&b);
		ts_chart_release(&f);
	}
	ts_tiers_release(&t);
}

/* ====================== memory units ====================== */

static void test_memory_unit(void **state)
{
	static const struct {
		enum ts_fig_mem unit;
		const char *name, *value;
	} cases[] = {
		/* 4200 MiB = 4200 * 2^20 bytes = 4.404019200 GB = 4.1015625 GiB */
		{ TS_MEM_AUTO, "GiB", "4.10" }, { TS_MEM_GIB, "GiB", "4.10" },
		{ TS_MEM_GB, "GB", "4.40" }, { TS_MEM_MB, "MB", "4404" },
		{ TS_MEM_MIB, "MiB", "4200" },
	};
	struct ts_tiers t;
	struct ts_fig_opts o;
	const char *unit;
	char want[64];
	double div;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.reference = -1;   /* no --reference */
	tier_add(&t, "m1_air_mps", "mps");
	t.v[0].metrics[TS_M_PEAK_MEMORY_MB].mean = 4200;
	for (size_t i = 0; i < TS_COUNTOF(cases); i++) {
		struct ts_chart c;
		opts(&o);
		o.mem_unit = cases[i].unit;
		ts_fig_mem_unit(&t, o.mem_unit, &unit, &div);
		assert_string_equal(unit, cases[i].name);
		lay(&c, &t, &o, 0);
		snprintf(want, sizeof(want), "Mean peak memory (%s)", cases[i].name);
		assert_int_equal(count(&c, TS_ROLE_AXIS_LABEL, want), 1);
		assert_int_equal(count(&c, TS_ROLE_VALUE, cases[i].value), 1);
		ts_chart_release(&c);
		lay(&c, &t, &o, 3);
		snprintf(want, sizeof(want), "Memory (%s)", cases[i].name);
		assert_int_equal(count(&c, TS_ROLE_HEADER, want), 1);
		assert_int_equal(count(&c, TS_ROLE_CELL, cases[i].value), 1);
		ts_chart_release(&c);
	}
	/* exact factors: MiB per unit */
	ts_fig_mem_unit(&t, TS_MEM_MB, &unit, &div);
	assert_true(div == 1e6 / 1048576 && div == 0.95367431640625);
	ts_fig_mem_unit(&t, TS_MEM_GB, &unit, &div);
	assert_true(div == 953.67431640625);
	/* automatic: MiB below 1024 MiB (mean + SD), GiB from there */
	t.v[0].metrics[TS_M_PEAK_MEMORY_MB].mean = 923.9;
	ts_fig_mem_unit(&t, TS_MEM_AUTO, &unit, &div);
	assert_string_equal(unit, "MiB");
	assert_true(div == 1);
	t.v[0].metrics[TS_M_PEAK_MEMORY_MB].mean = 924;
	ts_fig_mem_unit(&t, TS_MEM_AUTO, &unit, &div);
	assert_string_equal(unit, "GiB");
	assert_true(div == 1024);
	ts_tiers_release(&t);
}

/* ====================== fig2: the RTF axis ====================== */

static void test_rtf_log_axis(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_fig_rtf r;
	struct ts_chart c;
	char notes[1024];

	(void)state;
	thesis_like(&t);
	opts(&o);
	/* 8.2 / 0.18 = 46 > 30: a log axis by itself, footnoted */
	ts_fig_rtf_scale(&t, &o, &r);
	assert_true(r.log && r.auto_log && !r.no_positive && !r.ref_off);
	assert_double_rel(r.lo, 0.18, 0);
	assert_double_rel(r.hi, 8.2, 0);
	lay(&c, &t, &o, 1);
	assert_true(c.axis.log);
	assert_int_equal(count(&c, TS_ROLE_NOTE, "Logarithmic RTF axis"), 1);
	assert_int_equal(count(&c, TS_ROLE_REF, NULL), 1);   /* 1 is in range */
	/* the 0.18 bar is no sliver: more than a tenth of the plot */
	for (size_t i = 0; i < c.nr; i++)
		if (c.items[i].role == TS_ROLE_BAR && c.items[i].tier == 3)
			assert_true(c.items[i].h > 0.1 * c.plot_h);
	ts_chart_release(&c);
	/* fig1 and fig3 stay linear */
	lay(&c, &t, &o, 0);
	assert_false(c.axis.log);
	ts_chart_release(&c);

	/* --linear-rtf: linear, no note */
	o.rtf_axis = TS_RTF_LINEAR;
	ts_fig_rtf_scale(&t, &o, &r);
	assert_true(!r.log && !r.auto_log);
	lay(&c, &t, &o, 1);
	assert_false(c.axis.log);
	notes_of(&c, notes, sizeof(notes));
	assert_null(strstr(notes, "Logarithmic"));
	ts_chart_release(&c);

	/* 30x exactly is not more than 30x: linear */
	o.rtf_axis = TS_RTF_AUTO;
	t.v[3].metrics[TS_M_RTF].mean = 8.2 / 30;
	ts_fig_rtf_scale(&t, &o, &r);
	assert_false(r.log);
	t.v[3].metrics[TS_M_RTF].mean = 8.2 / 30.01;
	ts_fig_rtf_scale(&t, &o, &r);
	assert_true(r.log);
	/* a mean of 0 cannot go on a log axis: linear, unless asked */
	t.v[3].metrics[TS_M_RTF].mean = 0;
	ts_fig_rtf_scale(&t, &o, &r);
	assert_false(r.log);
	o.rtf_axis = TS_RTF_LOG;
	ts_fig_rtf_scale(&t, &o, &r);
	assert_true(r.log && !r.auto_log && !r.no_positive);
	lay(&c, &t, &o, 1);
	assert_true(c.axis.log);
	ts_chart_release(&c);
	/* --log-rtf with no RTF above 0 at all: linear, said by figures.c */
	for (size_t i = 0; i < t.nr; i++)
		t.v[i].metrics[TS_M_RTF].mean = 0;
	ts_fig_rtf_scale(&t, &o, &r);
	assert_true(!r.log && r.no_positive);
	lay(&c, &t, &o, 1);
	assert_false(c.axis.log);
	ts_chart_release(&c);
	ts_tiers_release(&t);

	/* --log-rtf on a small span: 1, 2, 5 ticks */
	espeak_like(&t);
	opts(&o);
	o.rtf_axis = TS_RTF_LOG;
	lay(&c, &t, &o, 1);
	assert_true(c.axis.log && c.axis.nr_ticks >= 3);
	assert_int_equal(count(&c, TS_ROLE_TICK_LABEL, "0.002"), 1);
	ts_chart_release(&c);
	ts_tiers_release(&t);
}

/* The dashed RTF = 1 line never squeezes the bars: left out (and said
 * so in a footnote) when every bar ends below 1/3. */
static void test_rtf_ref_off_scale(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_fig_rtf r;
	struct ts_chart c;

	(void)state;
	espeak_like(&t);
	opts(&o);
	ts_fig_rtf_scale(&t, &o, &r);
	assert_true(r.ref_off && !r.log);
	lay(&c, &t, &o, 1);
	assert_int_equal(count(&c, TS_ROLE_REF, NULL), 0);
	assert_int_equal(count(&c, TS_ROLE_REF_LABEL, NULL), 0);
	assert_int_equal(count(&c, TS_ROLE_NOTE, "Real-time line (RTF = 1) off the scale: every tier is faster than real time."), 1);
	assert_true(c.axis.max < 0.01);
	for (size_t i = 0; i < c.nr; i++)
		if (c.items[i].role == TS_ROLE_BAR)
			assert_true(c.items[i].h > 0.5 * c.plot_h);
	ts_chart_release(&c);
	/* --no-footnote drops the note, the line stays out */
	o.no_footnote = 1;
	lay(&c, &t, &o, 1);
	assert_int_equal(count(&c, TS_ROLE_REF, NULL) + count(&c, TS_ROLE_NOTE, NULL), 0);
	ts_chart_release(&c);
	o.no_footnote = 0;

	/* the rule: mean + SD below 1/3 (0.33 yes, 0.34 no) */
	set_rtf(&t.v[0], 30, 0.3, 0.03);
	ts_fig_rtf_scale(&t, &o, &r);
	assert_true(r.ref_off);
	set_rtf(&t.v[0], 30, 0.3, 0.04);
	ts_fig_rtf_scale(&t, &o, &r);
	assert_false(r.ref_off);
	lay(&c, &t, &o, 1);
	assert_int_equal(count(&c, TS_ROLE_REF, NULL), 1);
	assert_int_equal(count(&c, TS_ROLE_NOTE, "off the scale"), 0);
	assert_true(c.axis.max >= 1);
	ts_chart_release(&c);
	/* no bar at all: the line stays (nothing to squeeze) */
	set_rtf(&t.v[0], 0, NAN, NAN);
	set_rtf(&t.v[1], 0, NAN, NAN);
	ts_fig_rtf_scale(&t, &o, &r);
	assert_false(r.ref_off);
	ts_tiers_release(&t);
}

/* ====================== footnotes that keep their promise ====================== */

static void test_analysis_footnotes(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_chart c;
	char notes[1024];
	struct ts_tier *x;

	(void)state;
	opts(&o);
	/* a tier from analysis_*.json alone (METRICS.md 5): memory with
	 * n = successful_runs and SD, RTF a mean alone */
	memset(&t, 0, sizeof(t));
	t.reference = -1;   /* no --reference */
	tier_add(&t, "m2_air_mps", "mps");
	x = &t.v[0];
	x->from = TS_FROM_ANALYSIS_JSON;
	x->metrics[TS_M_PEAK_MEMORY_MB].n = 19;
	x->metrics[TS_M_PEAK_MEMORY_MB].std = 210;
	set_rtf(x, -1, 2.5, NAN);
	lay(&c, &t, &o, 1);
	notes_of(&c, notes, sizeof(notes));
	assert_string_equal(notes, "Hatched: from analysis_*.json aggregates only (no per-request rows): "
			    "the mean alone, without SD or n.");
	assert_int_equal(count(&c, TS_ROLE_ERR, NULL), 0);
	ts_chart_release(&c);
	lay(&c, &t, &o, 0);
	notes_of(&c, notes, sizeof(notes));
	assert_string_equal(notes, "Error bars: \xc2\xb1" "1 SD; n = successful requests. | "
			    "Hatched: from analysis_*.json aggregates only (no per-request rows).");
	ts_chart_release(&c);
	/* beside a tier of CSV rows: the error bars are that tier's */
	tier_add(&t, "intel_i5_cpu", "cpu");
	set_rtf(&t.v[1], 20, 8.2, 0.5);
	lay(&c, &t, &o, 1);
	notes_of(&c, notes, sizeof(notes));
	assert_string_equal(notes, "Error bars: \xc2\xb1" "1 SD; n = successful requests. | "
			    "Hatched: from analysis_*.json aggregates only (no per-request rows): "
			    "the mean alone, without SD or n.");
	ts_chart_release(&c);
	/* n known but no SD anywhere (n = 1): no word of error bars */
	set_rtf(&t.v[1], 1, 8.2, NAN);
	t.v[0].from = TS_FROM_CSV;
	set_rtf(&t.v[0], 1, 2.5, NAN);
	lay(&c, &t, &o, 1);
	notes_of(&c, notes, sizeof(notes));
	assert_string_equal(notes, "n = successful requests.");
	ts_chart_release(&c);
	ts_tiers_release(&t);
}

/* ====================== --errorbar ====================== */

/* The length of tier i's whisker along the value axis, in values of a
 * linear axis from 0 (the bar's length over its value); 0 without one. */
static double whisker(const struct ts_chart *c, long i)
{
	const struct ts_bar_geom *g = &c->bars[i];
	double per = (c->horizontal ? g->w : g->h) / g->value;

	for (size_t k = 0; k < c->nr; k++)
		if (c->items[k].role == TS_ROLE_ERR && c->items[k].tier == i)
			return fabs(c->horizontal ? c->items[k].w : c->items[k].h) / per;
	return 0;
}

/* The texts of role r, joined, for "nothing else changed". */
static void texts_of(const struct ts_chart *c, enum ts_role r, char *buf, size_t size)
{
	*buf = '\0';
	for (size_t i = 0; i < c->nr; i++)
		if (c->items[i].role == r)
			snprintf(buf + strlen(buf), size - strlen(buf), "%s|", c->items[i].text);
}

static void test_errorbar(void **state)
{
	static const char *const note1[] = {
		[TS_ERR_SD] = "Error bars: \xc2\xb1" "1 SD; n = successful requests.",
		[TS_ERR_SE] = "Error bars: \xc2\xb1" "1 standard error of the mean; n = successful requests.",
		[TS_ERR_CI95] = "Error bars: 95\xc2\xa0% CI of the mean (t); n = successful requests.",
		[TS_ERR_NONE] = "n = successful requests.",
	};
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_chart c;
	char notes[512], want[4][3][512], got[3][512];

	(void)state;
	thesis_like(&t);
	for (size_t i = 0; i < t.nr; i++) {   /* n = 20, SD 100 MiB */
		struct ts_spread *sp = &t.v[i].spread[TS_M_PEAK_MEMORY_MB];
		sp->se = 100 / sqrt(20);
		sp->ci95[0] = 2900 - 2.093 * sp->se;
		sp->ci95[1] = 2900 + 2.093 * sp->se;
		t.v[i].successful = 9 + (long)(i % 2);
		t.v[i].success_rate = t.v[i].successful / 10.0;
		ts_stats_wilson(t.v[i].successful, 10, t.v[i].success_ci95);
	}
	for (int eb = TS_ERR_SD; eb <= TS_ERR_NONE; eb++) {
		const double half[] = { [TS_ERR_SD] = 100, [TS_ERR_SE] = 100 / sqrt(20),
					[TS_ERR_CI95] = 2.093 * 100 / sqrt(20), [TS_ERR_NONE] = 0 };
		opts(&o);
		o.mem_unit = TS_MEM_MIB;
		o.errorbar = (enum ts_fig_errorbar)eb;
		lay(&c, &t, &o, 0);
		notes_of(&c, notes, sizeof(notes));
		assert_string_equal(notes, note1[eb]);
		for (long i = 0; i < (long)t.nr; i++)
			assert_double_rel(whisker(&c, i), 2 * half[eb], 1e-9);
		texts_of(&c, TS_ROLE_VALUE, want[eb][0], sizeof(want[eb][0]));
		texts_of(&c, TS_ROLE_INNER, want[eb][1], sizeof(want[eb][1]));
		texts_of(&c, TS_ROLE_CATEGORY, want[eb][2], sizeof(want[eb][2]));
		assert_string_equal(want[eb][0], want[0][0]);
		assert_string_equal(want[eb][1], want[0][1]);
		assert_string_equal(want[eb][2], want[0][2]);
		ts_chart_release(&c);
		/* fig3: Wilson's interval whatever the choice, but none */
		lay(&c, &t, &o, 2);
		notes_of(&c, notes, sizeof(notes));
		assert_string_equal(notes, eb == TS_ERR_NONE ? "k/n = successful / all requests."
				    : "k/n = successful / all requests; error bars: 95\xc2\xa0% Wilson interval.");
		for (long i = 0; i < (long)t.nr; i++) {
			const double *ci = t.v[i].success_ci95;
			assert_double_rel(whisker(&c, i), eb == TS_ERR_NONE ? 0 : 100 * (ci[1] - ci[0]), 1e-9);
		}
		texts_of(&c, TS_ROLE_INNER, got[0], sizeof(got[0]));
		assert_string_equal(got[0], "9/10|10/10|9/10|10/10|");
		ts_chart_release(&c);
	}
	/* --warmup: said with the first footnote of every figure */
	opts(&o);
	o.mem_unit = TS_MEM_MIB;
	t.warmup = 1;
	lay(&c, &t, &o, 0);
	notes_of(&c, notes, sizeof(notes));
	assert_string_equal(notes, "Error bars: \xc2\xb1" "1 SD; n = successful requests; "
			    "the first request of each synthesis file left out (warm-up).");
	ts_chart_release(&c);
	t.warmup = 3;
	o.errorbar = TS_ERR_NONE;
	lay(&c, &t, &o, 2);
	notes_of(&c, notes, sizeof(notes));
	assert_string_equal(notes, "k/n = successful / all requests; "
			    "the first 3 requests of each synthesis file left out (warm-up).");
	ts_chart_release(&c);
	/* the check values of the statistics issue, on the bar: 15/15 */
	assert_int_equal(ts_stats_wilson(15, 15, t.v[0].success_ci95), 0);
	assert_double_rel(t.v[0].success_ci95[0], 0.7961, 1e-4);
	ts_tiers_release(&t);
}

/* ====================== captions ====================== */

static void test_captions(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	char *text, *buf = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	thesis_like(&t);   /* memory n = 10, RTF n = 20, a log axis */
	t.v[2].metrics[TS_M_RTF].n = 15;
	opts(&o);
	text = ts_fig_caption(&t, &o, TS_FIG_FIG1);
	assert_string_equal(text, "Mean peak memory (GiB) of successful requests per hardware tier; "
			    "error bars show \xc2\xb1" "1 SD; n = 10 per tier.");
	free(text);
	o.errorbar = TS_ERR_CI95;
	t.warmup = 2;
	text = ts_fig_caption(&t, &o, TS_FIG_FIG2);
	assert_string_equal(text, "Mean real-time factor (synthesis time / audio duration; below 1 is faster "
			    "than real time) of successful requests per hardware tier, on a logarithmic axis; "
			    "error bars show the 95\xc2\xa0% confidence interval of the mean (Student t); "
			    "n = 15\xe2\x80\x93" "20 per tier. The first 2 requests of each synthesis file are "
			    "left out as warm-up.");
	free(text);
	o.errorbar = TS_ERR_NONE;
	t.warmup = 0;
	text = ts_fig_caption(&t, &o, TS_FIG_FIG3);
	assert_string_equal(text, "Share of successful requests per hardware tier, with k/n on each bar.");
	free(text);
	assert_null(ts_fig_caption(&t, &o, TS_FIG_FIG4));   /* no reference: not drawn */
	free(t.v[3].label);
	t.v[3].label = ts_xstrdup("RTX_3060 & co");
	ts_tiers_set_reference(&t, 3);
	text = ts_fig_caption(&t, &o, TS_FIG_FIG4);
	assert_non_null(strstr(text, "relative to RTX_3060 & co's, on a logarithmic axis"));
	/* LaTeX: the specials escaped, the sign and the space made LaTeX's */
	fp = open_memstream(&buf, &len);
	ts_tex_put(fp, "a_b & 50% #1 $x$ {y} ~ ^ \\ <|> \xc2\xb1" "1\xc2\xa0" "SD 15\xe2\x80\x93" "49 \xea\xb0\x80");
	fclose(fp);
	assert_string_equal(buf, "a\\_b \\& 50\\% \\#1 \\$x\\$ \\{y\\} \\textasciitilde{} \\textasciicircum{} "
			    "\\textbackslash{} \\textless{}\\textbar{}\\textgreater{} \\ensuremath{\\pm}1~SD 15--49 "
			    "\xea\xb0\x80");
	free(buf);
	free(text);
	ts_tiers_release(&t);
}

/* ====================== device names ====================== */

static void test_device_names(void **state)
{
	static const struct { const char *in, *out; } names[] = {
		{ "xpu", "XPU" }, { "cpu", "CPU" }, { "Cuda", "CUDA" },
		{ "rocm", "ROCM" }, { "unknown", "unknown" }, { "np\xc3\xbc", "NP\xc3\xbc" },
	};
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_chart c;
	char *s;

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(names); i++) {
		s = ts_chart_dev_text(names[i].in);
		assert_string_equal(s, names[i].out);
		free(s);
	}
	assert_null(ts_chart_dev_text(""));
	assert_null(ts_chart_dev_text(NULL));

	memset(&t, 0, sizeof(t));
	t.reference = -1;   /* no --reference */
	tier_add(&t, "a_cpu", "cpu");
	tier_add(&t, "b_xpu", "xpu");
	tier_add(&t, "c_cuda", "cuda");
	tier_add(&t, "d_hpu", "hpu");
	s = ts_fig_other_label(&t);
	assert_string_equal(s, "XPU, HPU");
	free(s);
	opts(&o);
	for (int k = 0; k < 4; k++) {
		lay(&c, &t, &o, k);
		assert_int_equal(count(&c, TS_ROLE_LEGEND, "CPU"), 1);
		assert_int_equal(count(&c, TS_ROLE_LEGEND, "CUDA"), 1);
		assert_int_equal(count(&c, TS_ROLE_LEGEND, "XPU, HPU"), 1);
		assert_int_equal(count(&c, TS_ROLE_LEGEND, "xpu"), 0);
		if (k == 3) {
			assert_int_equal(count_exact(&c, TS_ROLE_CELL, "XPU"), 1);
			assert_int_equal(count_exact(&c, TS_ROLE_CELL, "HPU"), 1);
			assert_int_equal(count_exact(&c, TS_ROLE_CELL, "CPU"), 1);
			assert_int_equal(count_exact(&c, TS_ROLE_CELL, "CUDA"), 1);
			assert_int_equal(count_exact(&c, TS_ROLE_CELL, "xpu"), 0);
		}
		ts_chart_release(&c);
	}
	ts_tiers_release(&t);
}

/* ====================== option values ====================== */

static void test_parse(void **state)
{
	static const char *const bad_units[] = { "", "KB", "M", "GiBs", "mib ", " MB", "TB", NULL };
	static const char *const bad_figs[] = { "", ",", "fig9", "timelines", "fig1,", "fig1,,fig2",
		"fig", "fig1_memory", "summary.png", NULL };
	enum ts_fig_mem u = TS_MEM_AUTO;
	unsigned f = 0;

	(void)state;
	assert_int_equal(ts_fig_parse_mem_unit("MB", &u), 0);
	assert_int_equal(u, TS_MEM_MB);
	assert_int_equal(ts_fig_parse_mem_unit("gb", &u), 0);
	assert_int_equal(u, TS_MEM_GB);
	assert_int_equal(ts_fig_parse_mem_unit("MiB", &u), 0);
	assert_int_equal(u, TS_MEM_MIB);
	assert_int_equal(ts_fig_parse_mem_unit("GIB", &u), 0);
	assert_int_equal(u, TS_MEM_GIB);
	for (size_t i = 0; bad_units[i]; i++)
		assert_int_equal(ts_fig_parse_mem_unit(bad_units[i], &u), -1);
	assert_int_equal(u, TS_MEM_GIB);

	assert_int_equal(ts_fig_parse_figures("fig2,summary", &f), 0);
	assert_int_equal(f, TS_FIG_FIG2 | TS_FIG_SUMMARY);
	assert_int_equal(ts_fig_parse_figures("fig1_memory_comparison,FIG3_success_rate,fig1", &f), 0);
	assert_int_equal(f, TS_FIG_FIG1 | TS_FIG_FIG3);
	assert_int_equal(ts_fig_parse_figures("fig4,fig4_relative", &f), 0);
	assert_int_equal(f, TS_FIG_FIG4);
	assert_int_equal(ts_fig_parse_figures("fig_hardware_summary,fig2_rtf_comparison", &f), 0);
	assert_int_equal(f, TS_FIG_SUMMARY | TS_FIG_FIG2);
	assert_int_equal(ts_fig_parse_figures("fig5,Timeline", &f), 0);
	assert_int_equal(f, TS_FIG_FIG5 | TS_FIG_TIMELINE);
	assert_int_equal(ts_fig_parse_figures("fig6,FIG6_duration_vs_tokens,fig1", &f), 0);
	assert_int_equal(f, TS_FIG_FIG6 | TS_FIG_FIG1);
	assert_int_equal(ts_fig_parse_figures("fig5_memory_timeline", &f), 0);
	assert_int_equal(f, TS_FIG_FIG5);
	for (size_t i = 0; bad_figs[i]; i++)
		assert_int_equal(ts_fig_parse_figures(bad_figs[i], &f), -1);
	assert_int_equal(f, TS_FIG_FIG5);	/* a refused list leaves it */

	{
		struct ts_fig_opts o;
		ts_fig_opts_init(&o);
		assert_int_equal(o.figures, TS_FIG_ALL);
		assert_int_equal(o.mem_unit, TS_MEM_AUTO);
		assert_int_equal(o.rtf_axis, TS_RTF_AUTO);
		assert_false(o.no_title || o.no_footnote);
	}
}

/* ====================== real surfaces ====================== */

static int render(const struct ts_tiers *t, const struct ts_fig_opts *o,
		  const char *dir, struct tu_diag *td)
{
	struct ts_outset set;
	int rc;

	ts_outset_init(&set, dir);
	rc = ts_figures_render(t, o, &set, &td->d);
	if (rc >= 0)
		assert_int_equal(ts_outset_commit(&set, &td->d), 0);
	ts_outset_release(&set);
	return rc;
}

/* The names in dir, sorted, joined by spaces. */
static void list_dir(const char *dir, char *buf, size_t size)
{
	struct dirent **v;
	int n = scandir(dir, &v, NULL, alphasort);

	*buf = '\0';
	assert_true(n >= 0);
	for (int i = 0; i < n; i++) {
		if (v[i]->d_name[0] != '.')
			snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
				 *buf ? " " : "", v[i]->d_name);
		free(v[i]);
	}
	free(v);
}

static int has(const char *buf, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(buf + i, needle, n) == 0)
			return 1;
	return 0;
}

static void test_figures_subset(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct tu_diag td;
	char *dir = tu_mkdtemp(), names[512], file[4096], *pdf;
	size_t len;

	(void)state;
	thesis_like(&t);
	opts(&o);
	o.formats = TS_FMT_PNG | TS_FMT_PDF;
	o.dpi = 72;
	o.figures = TS_FIG_FIG2 | TS_FIG_SUMMARY;
	o.no_title = 1;
	tu_diag_init(&td);
	assert_int_equal(render(&t, &o, dir, &td), 6);
	list_dir(dir, names, sizeof(names));
	assert_string_equal(names, "fig2_rtf_comparison.csv fig2_rtf_comparison.pdf fig2_rtf_comparison.png "
			    "fig_hardware_summary.csv fig_hardware_summary.pdf fig_hardware_summary.png");
	/* the note of the automatic log axis, only because fig2 is drawn */
	assert_string_equal(tu_diag_text(&td), "tierstat: note: 'fig2_rtf_comparison': the mean RTFs span 46x "
			    "(0.180 to 8.20), more than 30x: drawn on a log axis (--log-rtf asks for one, "
			    "--linear-rtf for a linear axis)\n");
	/* no title drawn, but the document still has one */
	tu_pathf(file, sizeof(file), "%s/fig2_rtf_comparison.pdf", dir);
	pdf = tu_read_file(file, &len);
	assert_true(has(pdf, len, "/Title (Real-time factor by tier)"));
	free(pdf);
	tu_diag_release(&td);
	tu_rmtree(dir);
	free(dir);

	/* fig1 and fig3 only: no note about fig2 */
	dir = tu_mkdtemp();
	o.figures = TS_FIG_FIG1 | TS_FIG_FIG3;
	o.formats = TS_FMT_SVG;
	tu_diag_init(&td);
	assert_int_equal(render(&t, &o, dir, &td), 4);
	list_dir(dir, names, sizeof(names));
	assert_string_equal(names, "fig1_memory_comparison.csv fig1_memory_comparison.svg "
			    "fig3_success_rate.csv fig3_success_rate.svg");
	assert_string_equal(tu_diag_text(&td), "");
	tu_diag_release(&td);
	tu_rmtree(dir);
	free(dir);
	ts_tiers_release(&t);
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *row = cairo_image_surface_get_data(s) +
				   (size_t)y * (size_t)cairo_image_surface_get_stride(s);
	uint32_t v;

	memcpy(&v, row + 4 * (size_t)x, 4);
	return v & 0xffffff;
}

/* Height in pixels of the run of bar i's colour down the middle of its
 * layout box (the layout the renderer used, with the real measurer). */
static void bar_pixels(const struct ts_tiers *t, const struct ts_fig_opts *o,
		       const char *png, size_t i, int *run, double *want,
		       double *plot)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(png);
	struct ts_draw_text *tx = ts_draw_text_new(NULL);
	struct ts_fig_env e;
	struct ts_chart c;
	struct ts_paint pt;
	double px = o->dpi / 72;
	uint32_t fill;
	int x, y, top, bottom;

	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	memset(&e, 0, sizeof(e));
	e.t = t;
	e.o = o;
	e.m = ts_draw_measurer(tx);
	e.other_label = ts_fig_other_label(t);
	ts_fig_mem_unit(t, o->mem_unit, &e.mem_unit, &e.mem_div);
	ts_fig_share(&e);   /* as the renderer does */
	ts_chart_init(&c);
	assert_int_equal(ts_fig_bars(&c, &e, TS_FIG_RTF), 0);
	ts_chart_paint(ts_chart_dev(t->v[i].device_type), 0, 0, &pt);
	fill = (uint32_t)lround(pt.fill.r * 255) << 16 | (uint32_t)lround(pt.fill.g * 255) << 8 |
	       (uint32_t)lround(pt.fill.b * 255);
	x = (int)((c.bars[i].x + 2) * px);   /* beside the error bar */
	y = (int)((c.bars[i].y + 1) * px);   /* just below its top */
	for (top = y; top > 0 && pixel(s, x, top - 1) == fill; top--)
		;
	for (bottom = y; bottom + 1 < cairo_image_surface_get_height(s) &&
	     pixel(s, x, bottom + 1) == fill; bottom++)
		;
	assert_true(pixel(s, x, y) == fill);
	*run = bottom - top + 1;
	*want = c.bars[i].h * px;
	*plot = c.plot_h * px;
	ts_chart_release(&c);
	free(e.other_label);
	ts_draw_text_free(tx);
	cairo_surface_destroy(s);
}

/* In the pixels: the 0.18 bar on the thesis' log axis, and the bars of
 * an espeak-ng run with the real-time line left out, are tall; the PNG
 * keeps its size with --no-title, and its bars grow. */
static void test_pixels(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct tu_diag td;
	char *dir = tu_mkdtemp(), png[4096];
	int run, run_nt, w, h;
	double want, plot;
	cairo_surface_t *s;

	(void)state;
	tu_pathf(png, sizeof(png), "%s/fig2_rtf_comparison.png", dir);
	thesis_like(&t);
	opts(&o);
	o.formats = TS_FMT_PNG;
	o.dpi = 150;
	o.figures = TS_FIG_FIG2;
	tu_diag_init(&td);
	assert_int_equal(render(&t, &o, dir, &td), 2);   /* the PNG and the CSV */
	bar_pixels(&t, &o, png, 3, &run, &want, &plot);
	/* where the layout put it, to 2 px (the axis line covers the base) */
	assert_true(fabs(run - want) <= 2);
	assert_true(run > 0.1 * plot);
	s = cairo_image_surface_create_from_png(png);
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	cairo_surface_destroy(s);

	o.no_title = 1;
	assert_int_equal(render(&t, &o, dir, &td), 2);   /* the PNG and the CSV */
	s = cairo_image_surface_create_from_png(png);
	assert_int_equal(cairo_image_surface_get_width(s), w);
	assert_int_equal(cairo_image_surface_get_height(s), h);
	cairo_surface_destroy(s);
	bar_pixels(&t, &o, png, 3, &run_nt, &want, &plot);
	assert_true(fabs(run_nt - want) <= 2);
	assert_true(run_nt >= run);
	ts_tiers_release(&t);

	espeak_like(&t);
	opts(&o);
	o.formats = TS_FMT_PNG;
	o.dpi = 150;
	o.figures = TS_FIG_FIG2;
	assert_int_equal(render(&t, &o, dir, &td), 2);   /* the PNG and the CSV */
	for (size_t i = 0; i < 2; i++) {
		bar_pixels(&t, &o, png, i, &run, &want, &plot);
		assert_true(fabs(run - want) <= 2);
		assert_true(run > 0.5 * plot);
	}
	assert_string_equal(tu_diag_text(&td), "tierstat: note: 'fig2_rtf_comparison': the mean RTFs span 46x "
			    "(0.180 to 8.20), more than 30x: drawn on a log axis (--log-rtf asks for one, "
			    "--linear-rtf for a linear axis)\n"
			    "tierstat: note: 'fig2_rtf_comparison': the mean RTFs span 46x "
			    "(0.180 to 8.20), more than 30x: drawn on a log axis (--log-rtf asks for one, "
			    "--linear-rtf for a linear axis)\n");
	tu_diag_release(&td);
	ts_tiers_release(&t);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_title_no_footnote),
		cmocka_unit_test(test_memory_unit),
		cmocka_unit_test(test_rtf_log_axis),
		cmocka_unit_test(test_rtf_ref_off_scale),
		cmocka_unit_test(test_analysis_footnotes),
		cmocka_unit_test(test_errorbar),
		cmocka_unit_test(test_captions),
		cmocka_unit_test(test_device_names),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_figures_subset),
		cmocka_unit_test(test_pixels),
	};
	return cmocka_run_group_tests_name("figopts", tests, NULL, NULL);
}
