/* test_chart.c - the pure figure layout (chart.h), with a fake measurer:
 * ticks, number formats, wrapping, colours and contrast, and for 1, 4
 * and 16 tiers, short and long labels, that nothing leaves the canvas
 * and no two texts overlap (ts_chart_check, itself tested first).
 */
#include "ts.h"
#include "testutil.h"
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fake text metrics: every code point 0.55 em wide, lines 1.2 em. */

static const struct ts_measure fake = { tu_fake_measure, NULL };

static void assert_chart_ok(const struct ts_chart *c)
{
	char msg[512];

	if (ts_chart_check(c, msg, sizeof(msg)) != 0) {
		print_error("layout problem: %s\n", msg);
		fail();
	}
}

/* ====================== axes and numbers ====================== */

static void test_axis(void **state)
{
	struct ts_axis a;
	char buf[32];

	(void)state;
	ts_chart_axis(8.7, 5, NAN, &a);
	assert_double_rel(a.step, 2, 1e-12);
	assert_double_rel(a.max, 10, 1e-12);
	assert_int_equal(a.nr_ticks, 6);
	assert_int_equal(a.decimals, 0);

	ts_chart_axis(12.3, 5, NAN, &a);
	assert_double_rel(a.step, 2.5, 1e-12);
	assert_double_rel(a.max, 12.5, 1e-12);
	assert_int_equal(a.decimals, 1);
	ts_chart_tick_text(&a, a.ticks[3], buf, sizeof(buf));
	assert_string_equal(buf, "7.5");

	ts_chart_axis(0.19, 4, NAN, &a);
	assert_double_rel(a.step, 0.05, 1e-12);
	assert_double_rel(a.max, 0.2, 1e-12);
	assert_int_equal(a.decimals, 2);

	/* percentages: the range may pass 100 for labels, the ticks not */
	ts_chart_axis(117, 6, 100, &a);
	assert_double_rel(a.max, 117, 1e-12);
	assert_int_equal(a.nr_ticks, 6);
	assert_double_rel(a.ticks[a.nr_ticks - 1], 100, 1e-12);

	/* nonsense in: still a usable axis */
	ts_chart_axis(NAN, 5, NAN, &a);
	assert_true(a.max > 0 && a.nr_ticks >= 2);
}

/* Log axes (fig2, issue 12 item 6): the start a tick at least 1.5 times
 * below the smallest value, decades or 1-2-5 ticks, positions by their
 * logarithm. */
static void test_log_axis(void **state)
{
	static const char *const decades[] = { "0.1", "1", "10" };
	static const char *const fine[] = { "0.2", "0.5", "1", "2", "5" };
	struct ts_axis a;
	char buf[32];

	(void)state;
	/* the thesis: 0.18 to 8.2 with room for labels: decades */
	ts_chart_log_axis(0.18, 10.5, 5, &a);
	assert_true(a.log);
	assert_double_rel(a.min, 0.1, 1e-12);
	assert_int_equal(a.nr_ticks, 3);
	for (int t = 0; t < 3; t++) {
		ts_chart_tick_text(&a, a.ticks[t], buf, sizeof(buf));
		assert_string_equal(buf, decades[t]);
	}
	/* it ends where the labels need, not a decade further */
	assert_double_rel(a.max, 10.5, 1e-12);
	assert_double_rel(ts_chart_axis_at(&a, 0.1), 0, 0);
	assert_double_rel(ts_chart_axis_at(&a, 10.5), 10.5, 1e-12);
	/* 1 is log10(1 / 0.1) / log10(10.5 / 0.1) of the way */
	assert_double_rel(ts_chart_axis_at(&a, 1), 10.5 * 1 / log10(105), 1e-12);
	/* at or below the start, and 0 or less: at the start */
	assert_true(ts_chart_axis_at(&a, 0.05) == 0);
	assert_true(ts_chart_axis_at(&a, 0) == 0);
	assert_true(ts_chart_axis_at(&a, -3) == 0);

	/* a smallest value on a tick is not at the start: 0.1 -> 0.05 */
	ts_chart_log_axis(0.1, 0.9, 8, &a);
	assert_double_rel(a.min, 0.05, 1e-12);
	assert_double_rel(a.max, 1, 1e-12);
	ts_chart_tick_text(&a, a.ticks[0], buf, sizeof(buf));
	assert_string_equal(buf, "0.05");
	assert_true(ts_chart_axis_at(&a, 0.1) > 0);

	/* less than two decades, room for the ticks: 1, 2 and 5 */
	ts_chart_log_axis(0.5, 4, 6, &a);
	assert_int_equal(a.nr_ticks, 5);
	for (int t = 0; t < 5; t++) {
		ts_chart_tick_text(&a, a.ticks[t], buf, sizeof(buf));
		assert_string_equal(buf, fine[t]);
	}
	assert_double_rel(a.min, 0.2, 1e-12);
	assert_double_rel(a.max, 5, 1e-12);

	/* 600 decades: every k-th, never more ticks than the array holds */
	ts_chart_log_axis(1e-300, 1e300, 8, &a);
	assert_true(a.nr_ticks >= 2 && a.nr_ticks <= 8);
	assert_true(a.min <= 1e-300 && a.max >= 1e300);
	ts_chart_tick_text(&a, a.ticks[0], buf, sizeof(buf));
	assert_string_equal(buf, "1e-301");   /* 1e-300 / 1.5 */
	/* nonsense in: still a usable axis */
	ts_chart_log_axis(NAN, -1, 5, &a);
	assert_true(a.min > 0 && a.max > a.min && a.nr_ticks >= 2);
	/* a linear axis maps values to themselves */
	ts_chart_axis(8.7, 5, NAN, &a);
	assert_false(a.log);
	assert_true(ts_chart_axis_at(&a, 3.25) == 3.25);
}

static void test_fmt3(void **state)
{
	static const struct { double v; const char *s; } cases[] = {
		{ 2900, "2900" }, { 8.2, "8.20" }, { 0.18, "0.180" },
		{ 96.6666, "96.7" }, { 100, "100" }, { 0, "0" },
		{ 2.8320, "2.83" }, { 0.0123, "0.0123" },
	};
	char buf[32];

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(cases); i++) {
		ts_chart_fmt3(cases[i].v, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].s);
	}
}

/* ====================== wrapping ====================== */

static void test_wrap(void **state)
{
	struct ts_font f = { 10, 0, 0 };   /* 5.5 pt a character */
	int lines, cut;
	char *s;

	(void)state;
	s = ts_chart_wrap(&fake, &f, "nvidia_rtx3060_cuda_012", 5.5 * 16, &lines, &cut);
	assert_string_equal(s, "nvidia_rtx3060_\ncuda_012");
	assert_int_equal(lines, 2);
	assert_int_equal(cut, 0);
	free(s);

	/* spaces are dropped at a break; '-' never breaks */
	s = ts_chart_wrap(&fake, &f, "Intel Core i5-1235U @ 1.30GHz", 5.5 * 12, &lines, &cut);
	assert_string_equal(s, "Intel Core\ni5-1235U @\n1.30GHz");
	assert_int_equal(cut, 0);
	free(s);

	/* a word wider than the line is cut, and said so */
	s = ts_chart_wrap(&fake, &f, "abcdefghij", 5.5 * 4, &lines, &cut);
	assert_string_equal(s, "abcd\nefgh\nij");
	assert_int_equal(lines, 3);
	assert_int_equal(cut, 1);
	free(s);

	/* UTF-8 is cut between code points, never inside one */
	s = ts_chart_wrap(&fake, &f, "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4", 5.5 * 2, &lines, &cut);
	assert_string_equal(s, "\xed\x95\x9c\xea\xb5\xad\n\xec\x96\xb4");
	free(s);

	s = ts_chart_wrap(&fake, &f, "fits", 100, &lines, NULL);
	assert_string_equal(s, "fits");
	assert_int_equal(lines, 1);
	free(s);
}

/* ====================== colours ====================== */

static void test_colours(void **state)
{
	struct ts_paint p, q;

	(void)state;
	assert_int_equal(ts_chart_dev("cpu"), TS_DEV_CPU);
	assert_int_equal(ts_chart_dev("CUDA"), TS_DEV_CUDA);
	assert_int_equal(ts_chart_dev("mps"), TS_DEV_MPS);
	assert_int_equal(ts_chart_dev("rocm"), TS_DEV_OTHER);
	assert_int_equal(ts_chart_dev(NULL), TS_DEV_OTHER);

	/* Okabe-Ito, exactly */
	ts_chart_paint(TS_DEV_CPU, 0, 0, &p);
	assert_int_equal((int)lround(p.fill.r * 255), 0x00);
	assert_int_equal((int)lround(p.fill.g * 255), 0x72);
	assert_int_equal((int)lround(p.fill.b * 255), 0xB2);
	assert_int_equal(p.hatch, 0);
	ts_chart_paint(TS_DEV_MPS, 0, 0, &p);
	assert_int_equal((int)lround(p.fill.r * 255), 0xE6);
	assert_int_equal((int)lround(p.fill.g * 255), 0x9F);
	assert_int_equal((int)lround(p.fill.b * 255), 0x00);
	ts_chart_paint(TS_DEV_OTHER, 0, 1, &p);
	assert_int_equal((int)lround(p.fill.r * 255), 0xCC);
	assert_true(p.hatch & TS_HATCH_BACK);

	for (int g = 0; g < 2; g++)
		for (int dv = 0; dv < TS_DEV_COUNT; dv++) {
			struct ts_rgb t;
			ts_chart_paint((enum ts_dev)dv, g, 0, &p);
			/* text inside a bar: WCAG AA for small text */
			t = ts_chart_text_on(p.fill);
			assert_true(ts_chart_contrast(p.fill, t) >= 4.5);
			/* table rows keep black text easy to read */
			t = ts_chart_tint((enum ts_dev)dv, g);
			assert_true(ts_chart_contrast(t, (struct ts_rgb){ 0, 0, 0 }) >= 12);
			if (g) {
				assert_true(p.fill.r == p.fill.g && p.fill.g == p.fill.b);
				assert_true(p.hatch_rgb.r == p.hatch_rgb.g &&
					    p.hatch_rgb.g == p.hatch_rgb.b);
				assert_true(t.r == t.g && t.g == t.b);
				/* classes stay apart in black and white */
				for (int o = 0; o < dv; o++) {
					ts_chart_paint((enum ts_dev)o, 1, 0, &q);
					assert_true(q.fill.r != p.fill.r || q.hatch != p.hatch);
				}
			}
		}
}

/* ====================== the checker ====================== */

static void test_check_catches(void **state)
{
	struct ts_chart c;
	struct ts_font f = { 8, 0, 0 };
	struct ts_rgb k = { 0, 0, 0 };
	struct ts_item bar;
	char msg[256];

	(void)state;
	ts_chart_init(&c);
	c.width = 100;
	c.height = 50;
	ts_chart_text(&c, &fake, TS_ROLE_VALUE, 0, "abc", &f, k, 10, 10, TS_ALIGN_LEFT);
	ts_chart_text(&c, &fake, TS_ROLE_VALUE, 1, "abc", &f, k, 30, 10, TS_ALIGN_LEFT);
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), 0);
	ts_chart_text(&c, &fake, TS_ROLE_VALUE, 1, "xyz", &f, k, 35, 12, TS_ALIGN_LEFT);
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "overlaps"));
	ts_chart_release(&c);

	ts_chart_init(&c);
	c.width = 100;
	c.height = 50;
	ts_chart_text(&c, &fake, TS_ROLE_VALUE, 0, "right edge", &f, k, 99, 10, TS_ALIGN_LEFT);
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "off the"));
	ts_chart_release(&c);

	/* a text on a bar: fine for its own inner text only */
	ts_chart_init(&c);
	c.width = 100;
	c.height = 50;
	memset(&bar, 0, sizeof(bar));
	bar.kind = TS_ITEM_RECT;
	bar.role = TS_ROLE_BAR;
	bar.tier = 0;
	bar.x = 10;
	bar.y = 10;
	bar.w = 30;
	bar.h = 30;
	ts_chart_add(&c, &bar);
	ts_chart_text(&c, &fake, TS_ROLE_INNER, 0, "n=3", &f, k, 12, 20, TS_ALIGN_LEFT);
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), 0);
	ts_chart_text(&c, &fake, TS_ROLE_VALUE, 1, "7", &f, k, 30, 30, TS_ALIGN_LEFT);
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), -1);
	ts_chart_release(&c);
}

/* ====================== bar charts ====================== */

enum labels { SHORT, KEYS, SENTENCE };

static const char *label(enum labels kind, size_t i, char *buf, size_t size)
{
	static const char *const devs[] = { "cuda", "cpu", "mps", "rocm" };

	switch (kind) {
	case SHORT: snprintf(buf, size, "Tier %zu", i); break;
	case KEYS: snprintf(buf, size, "nvidia_rtx3060_%s_%03zu", devs[i % 4], i); break;
	case SENTENCE: snprintf(buf, size, "A rather long display name for machine number %zu", i); break;
	}
	return buf;
}

struct bars_case {
	size_t n;
	enum labels labels;
	int kind;        /* 0 memory, 1 rtf, 2 success */
	double height;   /* 0 = golden ratio */
};

/* Build and check one chart; returns whether it went horizontal. */
static int run_bars(const struct bars_case *k)
{
	struct ts_bar_spec bars[16];
	char names[16][80], values[16][16], inner[16][16];
	struct ts_bars_spec s;
	struct ts_chart c;
	int horizontal;

	assert_true(k->n <= 16);
	memset(&s, 0, sizeof(s));
	s.width = 453.6;
	s.height = k->height;
	s.frame.title = "Peak memory by tier";
	s.frame.font_size = 9;
	s.frame.pad = 4;
	s.frame.notes[0] = "Error bars: +-1 SD; n = successful requests.";
	s.axis_label = k->kind == 1 ? "Real-time factor (lower is better)" : "Mean peak memory (GB)";
	s.ref = k->kind == 1 ? 1.0 : NAN;
	s.ref_label = "real time";
	s.tick_cap = k->kind == 2 ? 100 : NAN;
	for (size_t i = 0; i < k->n; i++) {
		struct ts_bar_spec *b = &bars[i];
		memset(b, 0, sizeof(*b));
		b->label = label(k->labels, i, names[i], sizeof(names[i]));
		b->dev = (enum ts_dev)(i % TS_DEV_COUNT);
		b->aggregates_only = i == 7;
		b->value = k->kind == 2 ? 100.0 - (double)(i % 3) * 4
			   : k->kind == 1 ? (i == 1 ? 0.18 : 0.5 + 0.6 * (double)i)
			   : 1 + 0.25 * (double)i;
		if (k->kind == 2) {   /* a Wilson-like interval: longer below */
			b->err_lo = b->value - 8;
			b->err_hi = fmin(100, b->value + 3);
		} else {
			b->err_lo = b->value * 0.9;
			b->err_hi = b->value * 1.1;
		}
		if (i == 5 && k->n > 5)
			b->value = NAN;   /* no data */
		ts_chart_fmt3(b->value, values[i], sizeof(values[i]));
		snprintf(inner[i], sizeof(inner[i]), "n = %zu", 20 + i);
		b->value_text = values[i];
		b->inner_text = inner[i];
	}
	s.bars = bars;
	s.nr = k->n;
	ts_chart_init(&c);
	assert_int_equal(ts_chart_bars(&c, &s, &fake), 0);
	assert_chart_ok(&c);
	/* bars: length in proportion to the value; no data, no bar */
	for (size_t i = 0; i < k->n; i++) {
		int found = 0, nodata = 0;
		for (size_t j = 0; j < c.nr; j++) {
			const struct ts_item *it = &c.items[j];
			if (it->tier != (long)i)
				continue;
			if (it->role == TS_ROLE_NODATA)
				nodata = 1;
			if (it->role != TS_ROLE_BAR)
				continue;
			found = 1;
			if (c.horizontal)
				assert_double_rel(it->w / c.plot_w, bars[i].value / c.axis.max, 1e-9);
			else
				assert_double_rel(it->h / c.plot_h, bars[i].value / c.axis.max, 1e-9);
		}
		assert_int_equal(found, isfinite(bars[i].value));
		assert_int_equal(nodata, !isfinite(bars[i].value));
	}
	/* the axis covers every bar's end */
	for (size_t i = 0; i < k->n; i++)
		if (isfinite(bars[i].value))
			assert_true(fmax(bars[i].value, bars[i].err_hi) <= c.axis.max);
	if (k->height > 0 && !c.grown)
		assert_double_rel(c.height, k->height, 1e-12);
	horizontal = c.horizontal;
	ts_chart_release(&c);
	return horizontal;
}

static void test_bars_layouts(void **state)
{
	static const size_t counts[] = { 1, 4, 16 };

	(void)state;
	for (size_t n = 0; n < TS_COUNTOF(counts); n++)
		for (int labels = SHORT; labels <= SENTENCE; labels++)
			for (int kind = 0; kind < 3; kind++) {
				struct bars_case k = { counts[n], (enum labels)labels, kind, 0 };
				run_bars(&k);
			}
}

static void test_bars_orientation(void **state)
{
	struct bars_case k = { 4, SHORT, 0, 0 };

	(void)state;
	assert_int_equal(run_bars(&k), 0);      /* short labels: upright */
	k.labels = KEYS;
	assert_int_equal(run_bars(&k), 0);      /* 4 keys wrap in two lines */
	k.n = 16;
	assert_int_equal(run_bars(&k), 1);      /* 16 keys: horizontal */
	k.labels = SENTENCE;
	k.n = 4;
	assert_int_equal(run_bars(&k), 1);
}

static void test_bars_grow(void **state)
{
	struct bars_case k = { 16, KEYS, 1, 120 };
	struct ts_bar_spec b = { "x", TS_DEV_CPU, 0, 1, NAN, NAN, "1", NULL, 0, 0 };
	struct ts_bars_spec s;
	struct ts_chart c;

	(void)state;
	run_bars(&k);   /* 16 rows in 120 pt: grows, checked by run_bars */

	/* a canvas too narrow for anything is refused */
	memset(&s, 0, sizeof(s));
	s.width = 40;
	s.frame.font_size = 9;
	s.frame.pad = 4;
	s.ref = NAN;
	s.tick_cap = NAN;
	s.bars = &b;
	s.nr = 1;
	ts_chart_init(&c);
	assert_int_equal(ts_chart_bars(&c, &s, &fake), -1);
	ts_chart_release(&c);
}

/* The same chart on a log axis, upright (4 bars) and horizontal (16):
 * every bar starts at the axis start, and its length is its value's
 * share of the decades; an error bar reaching below the start stops
 * there without a cap; a value of 0 is a bar of no length. */
static void check_log_bars(size_t n)
{
	static const double rtf[] = { 5.1, 8.2, 3.5, 0.18 };
	struct ts_bar_spec bars[16];
	char names[16][32], values[16][16];
	struct ts_bars_spec s;
	struct ts_chart c;
	double len, lmin, lmax;
	int errs3 = 0;

	memset(&s, 0, sizeof(s));
	s.width = 453.6;
	s.frame.title = "Real-time factor by tier";
	s.frame.font_size = 9;
	s.frame.pad = 4;
	s.axis_label = "Real-time factor (lower is better)";
	s.ref = 1.0;
	s.ref_label = "real time";
	s.tick_cap = NAN;
	s.log_axis = 1;
	for (size_t i = 0; i < n; i++) {
		struct ts_bar_spec *b = &bars[i];
		memset(b, 0, sizeof(*b));
		snprintf(names[i], sizeof(names[i]), n > 4 ? "nvidia_rtx3060_cuda_%03zu" : "Tier %zu", i);
		b->label = names[i];
		b->dev = (enum ts_dev)(i % TS_DEV_COUNT);
		b->value = i == 9 ? 0 : rtf[i % 4] * (1 + 0.01 * (double)i);
		b->err_lo = b->value - (i == 3 ? 0.5 : b->value * 0.05);   /* 0.18 +- 0.5 */
		b->err_hi = b->value + (i == 3 ? 0.5 : b->value * 0.05);
		ts_chart_fmt3(b->value, values[i], sizeof(values[i]));
		b->value_text = values[i];
	}
	s.bars = bars;
	s.nr = n;
	ts_chart_init(&c);
	assert_int_equal(ts_chart_bars(&c, &s, &fake), 0);
	assert_chart_ok(&c);
	assert_int_equal(c.horizontal, n > 4);
	assert_true(c.axis.log);
	assert_true(c.axis.min < 0.18 / 1.49);
	len = c.horizontal ? c.plot_w : c.plot_h;
	lmin = log10(c.axis.min);
	lmax = log10(c.axis.max);
	for (size_t j = 0; j < c.nr; j++) {
		const struct ts_item *it = &c.items[j];
		double want, got;
		if (it->role == TS_ROLE_ERR && it->tier == 3)
			errs3++;
		if (it->role != TS_ROLE_BAR)
			continue;
		want = bars[it->tier].value > 0
		       ? (log10(bars[it->tier].value) - lmin) / (lmax - lmin) * len : 0;
		got = c.horizontal ? it->w : it->h;
		assert_true(fabs(got - want) < 1e-9);
		/* on the baseline: the left edge, or the bottom of the plot */
		if (c.horizontal)
			assert_true(fabs(it->x - c.plot_x) < 1e-9);
		else
			assert_true(fabs(it->y + it->h - (c.plot_y + c.plot_h)) < 1e-9);
	}
	/* 0.18 - 0.5 < 0: the whisker and the upper cap only */
	assert_int_equal(errs3, 2);
	/* the reference line where 1 lies */
	for (size_t j = 0; j < c.nr; j++)
		if (c.items[j].role == TS_ROLE_REF) {
			double at = (0 - lmin) / (lmax - lmin) * len;
			if (c.horizontal)
				assert_true(fabs(c.items[j].x - (c.plot_x + at)) < 1e-9);
			else
				assert_true(fabs(c.items[j].y - (c.plot_y + c.plot_h - at)) < 1e-9);
		}
	/* the largest end fits inside the axis */
	assert_true(c.axis.max >= 8.2 * (1 + 0.01 * (double)(n > 4 ? 13 : 1)) * 1.05);
	ts_chart_release(&c);
}

static void test_bars_log(void **state)
{
	(void)state;
	check_log_bars(4);
	check_log_bars(16);
}

/* ====================== tables ====================== */

static void run_table(size_t rows, enum labels labels, double width)
{
	static const char *const headers[] = { "Tier", "Device", "CPU", "Cores",
		"RAM (GB)", "GPU", "Tests", "Success", "RTF", "Memory (GB)" };
	static const int numeric[] = { 0, 0, 0, 1, 1, 0, 1, 1, 1, 1 };
	const char *cells[16 * 10];
	char names[16][80];
	enum ts_dev devs[16];
	struct ts_table_spec s;
	struct ts_chart c;
	double prev_bottom = 0;

	for (size_t r = 0; r < rows; r++) {
		const char **row = &cells[r * 10];
		row[0] = label(labels, r, names[r], sizeof(names[r]));
		row[1] = "CUDA";
		row[2] = "Intel Xeon Platinum 8380 CPU @ 2.30GHz";
		row[3] = "40";
		row[4] = "256";
		row[5] = r % 2 ? "NVIDIA GeForce RTX 3060 Laptop GPU" : "\xe2\x80\x93";
		row[6] = "25";
		row[7] = "96.0 %";
		row[8] = "0.180";
		row[9] = "no data";
		devs[r] = (enum ts_dev)(r % TS_DEV_COUNT);
	}
	memset(&s, 0, sizeof(s));
	s.width = width;
	s.frame.title = "Hardware summary";
	s.frame.font_size = 9;
	s.frame.pad = 4;
	s.frame.notes[0] = "Success: successful / all requests.";
	s.nr_cols = 10;
	s.headers = headers;
	s.numeric = numeric;
	s.nr_rows = rows;
	s.cells = cells;
	s.row_dev = devs;
	ts_chart_init(&c);
	assert_int_equal(ts_chart_table(&c, &s, &fake), 0);
	assert_chart_ok(&c);
	/* a table too wide for the page is split, never cutting a word:
	 * the CPU cell wraps at its spaces only */
	for (size_t j = 0; j < c.nr; j++)
		if (c.items[j].role == TS_ROLE_CELL && strstr(c.items[j].text, "Xeon")) {
			char *t = strdup(c.items[j].text);
			for (char *p = t; *p; p++)
				if (*p == '\n')
					*p = ' ';
			assert_string_equal(t, cells[2]);
			free(t);
		}
	/* rows go down the page in order, every cell present */
	for (size_t r = 0; r < rows && width > 400; r++) {
		size_t nr_cells = 0;
		double top = 1e9;
		for (size_t j = 0; j < c.nr; j++)
			if (c.items[j].role == TS_ROLE_CELL && c.items[j].tier == (long)r) {
				nr_cells++;
				top = fmin(top, c.items[j].y);
			}
		assert_int_equal(nr_cells, 10);
		assert_true(top >= prev_bottom);
		prev_bottom = top;
	}
	ts_chart_release(&c);
}

static void test_table_layouts(void **state)
{
	(void)state;
	for (int labels = SHORT; labels <= SENTENCE; labels++) {
		run_table(1, (enum labels)labels, 453.6);
		run_table(4, (enum labels)labels, 453.6);
		run_table(16, (enum labels)labels, 453.6);
		run_table(4, (enum labels)labels, 300);   /* a narrow column */
		run_table(4, (enum labels)labels, 200);   /* split in parts */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_axis),
		cmocka_unit_test(test_log_axis),
		cmocka_unit_test(test_fmt3),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_colours),
		cmocka_unit_test(test_check_catches),
		cmocka_unit_test(test_bars_layouts),
		cmocka_unit_test(test_bars_orientation),
		cmocka_unit_test(test_bars_grow),
		cmocka_unit_test(test_bars_log),
		cmocka_unit_test(test_table_layouts),
	};
	return cmocka_run_group_tests_name("chart", tests, NULL, NULL);
}
