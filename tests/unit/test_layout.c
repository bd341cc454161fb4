/* test_layout.c - long-label layouts with the fake measurer (chart.h):
 * 120-character display names with and without spaces and in CJK, at
 * 3.5 in and 2.5 in, for 1, 4 and 16 tiers, in every bar chart and the
 * table: nothing off the canvas, nothing overlapping, no text on an error
 * bar (ts_chart_check); bar charts given one shared geometry lay out
 * alike; the table balances its column widths and never leaves a part
 * with one data column.
 */
#include "ts.h"
#include "testutil.h"
#include "chart.h"
#include "stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fake text metrics: every code point 0.55 em wide, lines 1.2 em. */

static const struct ts_measure fake = { tu_fake_measure, NULL };

static void assert_chart_ok(const struct ts_chart *c, const char *what)
{
	char msg[512];

	if (ts_chart_check(c, msg, sizeof(msg)) != 0) {
		print_error("%s: layout problem: %s\n", what, msg);
		fail();
	}
}

/* ====================== labels ====================== */

enum labels { SHORT, LONG, NOSPACE, CJK, NR_LABELS };

static const char *const label_names[] = { "short", "long", "nospace", "cjk" };

#define LONG_TEXT "Intel Core i5-1235U laptop running Windows 11 on battery power " \
		  "with the default balanced power plan, measured in the lab"

/* Tier i's label: short, or 120 code points of words, of one word, of
 * CJK (no spaces); only tier 1 has the long one, as in the report. */
static const char *label(enum labels kind, size_t i, char *buf, size_t size)
{
	static const char *const shorts[] = { "AMD Ryzen 5", "Intel i5", "M1 Air", "RTX 3060" };

	if (kind == SHORT || i % 4 != 1) {
		snprintf(buf, size, "%s%.0zu", shorts[i % 4], i / 4);
		return buf;
	}
	assert_true(size > 3 * 120);
	if (kind == LONG) {
		snprintf(buf, size, "%.120s", LONG_TEXT);
		return buf;
	}
	for (size_t k = 0; k < 120; k++) {
		if (kind == NOSPACE)   /* a..z over and over */
			buf[k] = (char)('a' + k % 26);
		else                   /* U+6027 .. U+6036, 3 bytes each */
			memcpy(buf + 3 * k, (const char[]){ '\xe6', '\x80', (char)(0xa7 + k % 16) }, 3);
	}
	buf[kind == NOSPACE ? 120 : 360] = '\0';
	return buf;
}

static size_t u8_count(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += (*s & 0xc0) != 0x80;
	return n;
}

/* ====================== the checker ====================== */

static void test_check_error_bar(void **state)
{
	struct ts_chart c;
	struct ts_font f = { 8, 0, 0 };
	struct ts_rgb k = { 0, 0, 0 };
	struct ts_item err;
	char msg[256];

	(void)state;
	ts_chart_init(&c);
	c.width = 100;
	c.height = 50;
	memset(&err, 0, sizeof(err));
	err.kind = TS_ITEM_LINE;
	err.role = TS_ROLE_ERR;
	err.tier = 2;
	err.x = 40;           /* a cap across y 20..30 at x = 40 */
	err.y = 20;
	err.h = 10;
	err.line_w = 0.7;
	ts_chart_add(&c, &err);
	/* the text's right edge at 40 - d, 2.5 pt (the gap of a value text
	 * past a bar's end): 2.15 pt clear of the 0.7 pt line's ink */
	ts_chart_text(&c, &fake, TS_ROLE_INNER, 2, "n = 15", &f, k, 40 - 2.5, 20, TS_ALIGN_RIGHT);
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), 0);
	/* 1.08 pt from the middle, 0.73 pt from the ink: the reported case */
	c.items[1].x = 40 - 1.08 - c.items[1].w;
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "'n = 15' overlaps the error bar of tier 2");
	/* 1.9 pt clear of the ink: still too close; 2.1 pt: fine */
	c.items[1].x = 40 - 0.35 - 1.9 - c.items[1].w;
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), -1);
	c.items[1].x = 40 - 0.35 - 2.1 - c.items[1].w;
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), 0);
	/* across the line */
	c.items[1].x = 38;
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), -1);
	/* above the cap's end (y 20..30), 2.1 pt: fine */
	c.items[1].x = 38;
	c.items[1].y = 20 - 0.35 - 2.1 - c.items[1].h;
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), 0);
	c.items[1].y += 0.5;
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), -1);
	/* other lines (grid, reference) still do not count */
	c.items[0].role = TS_ROLE_GRID;
	assert_int_equal(ts_chart_check(&c, msg, sizeof(msg)), 0);
	ts_chart_release(&c);
}

/* ====================== bar charts ====================== */

/* The thesis fixture's numbers: mean and SD of RTF and peak memory (GB),
 * n, tests; tier 5 has no data when there are more than 5. */
static const double thesis[4][6] = {
	{ 5.10, 0.40, 2900 / 1024.0, 100 / 1024.0, 29, 30 },
	{ 8.20, 0.50, 2856 / 1024.0, 120 / 1024.0, 49, 50 },
	{ 3.50, 0.30, 4200 / 1024.0, 500 / 1024.0, 15, 15 },
	{ 0.18, 0.02, 3400 / 1024.0, 150 / 1024.0, 25, 25 },
};

struct bars_data {
	struct ts_bar_spec bars[16];
	char names[16][400], values[16][16], inner[16][16];
	struct ts_bars_spec s;
};

/* kind: 0 memory, 1 RTF, 2 success rate. */
static void bars_spec(struct bars_data *d, size_t n, enum labels labels, int kind,
		      double width)
{
	struct ts_bars_spec *s = &d->s;

	assert_true(n <= 16);
	memset(d, 0, sizeof(*d));
	s->width = width;
	s->frame.title = kind == 0 ? "Peak memory by tier" : kind == 1
			 ? "Real-time factor by tier" : "Success rate by tier";
	s->frame.font_size = 9;
	s->frame.pad = 4;
	s->frame.notes[0] = kind == 2 ? "k/n = successful / all requests."
			    : "Error bars: +-1 SD; n = successful requests.";
	s->axis_label = kind == 0 ? "Mean peak memory (GB)" : kind == 1
			? "Real-time factor (lower is better)" : "Successful requests (%)";
	s->ref = kind == 1 ? 1.0 : NAN;
	s->ref_label = "real time";
	s->tick_cap = kind == 2 ? 100 : NAN;
	if (kind == 3) {   /* fig4_relative: dots with intervals, log axis */
		s->frame.title = "RTF relative to the reference";
		s->frame.notes[0] = "Dots: each tier's mean RTF over the reference's; error bars: "
				    "95 % CI (delta method on the log ratio, Welch df).";
		s->axis_label = "Mean RTF relative to RTX 3060 (log scale; lower is faster)";
		s->ref_label = d->names[3];   /* the reference's own (long) label */
		s->ref = 1.0;
		s->log_axis = 1;
		s->dots = 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct ts_bar_spec *b = &d->bars[i];
		const double *t = thesis[i % 4];
		b->label = label(labels, i, d->names[i], sizeof(d->names[i]));
		b->dev = (enum ts_dev)(i % TS_DEV_COUNT);
		b->value = kind == 2 ? 100 * t[4] / t[5] : t[kind == 0 ? 2 : 0] * (1 + 0.1 * (double)(i / 4));
		if (kind == 2) {   /* fig3's whisker: Wilson's interval of k/n */
			double ci[2];
			ts_stats_wilson((long)t[4], (long)t[5], ci);
			b->err_lo = 100 * ci[0];
			b->err_hi = 100 * ci[1];
		} else {
			b->err_lo = b->value - t[kind == 0 ? 3 : 1];
			b->err_hi = b->value + t[kind == 0 ? 3 : 1];
		}
		if (kind == 3) {   /* the ratio to tier 3 (0.18), +-5 % on the log */
			b->value = i == 3 ? 1 : b->value / 0.18;
			b->err_lo = i == 3 ? NAN : b->value * exp(-0.05 * (1 + (double)i));
			b->err_hi = i == 3 ? NAN : b->value * exp(0.05 * (1 + (double)i));
		}
		if (i == 5)
			b->value = NAN;
		ts_chart_fmt3(b->value, d->values[i], sizeof(d->values[i]));
		if (kind == 2)
			snprintf(d->inner[i], sizeof(d->inner[i]), "%.0f/%.0f", t[4], t[5]);
		else
			snprintf(d->inner[i], sizeof(d->inner[i]), "n = %.0f", t[4]);
		b->value_text = d->values[i];
		b->inner_text = kind == 3 ? NULL : d->inner[i];
	}
	s->bars = d->bars;
	s->nr = n;
}

/* The case: fig2 at 3.5 in with a 120-character name put
 * "n = 15" into M1 Air's error-bar cap (0.73 pt from its ink with Pango,
 * 1.55 pt with the fake font; test_figures has the Pango one). */
static void test_reported_case(void **state)
{
	struct bars_data d;
	struct ts_chart c;

	(void)state;
	bars_spec(&d, 4, LONG, 1, 3.5 * 72);
	assert_int_equal(u8_count(d.bars[1].label), 120);
	ts_chart_init(&c);
	assert_int_equal(ts_chart_bars(&c, &d.s, &fake), 0);
	assert_int_equal(c.horizontal, 1);
	assert_chart_ok(&c, "fig2, 4 tiers, 3.5 in, a 120-character name");
	ts_chart_release(&c);
}

/* fig4: rows across, one dot per value inside the plot, at its place
 * on the log axis (the bar box runs from the axis start to its centre),
 * each error bar's ends inside the plot too. */
static void check_dots(const struct ts_chart *c, const struct ts_bars_spec *s, const char *what)
{
	size_t dots = 0;

	if (!c->horizontal) {
		print_error("%s: dots not in rows\n", what);
		fail();
	}
	for (size_t i = 0; i < c->nr; i++) {
		const struct ts_item *it = &c->items[i];
		double cx = it->x + it->w / 2;
		if (it->role == TS_ROLE_DOT) {
			const struct ts_bar_geom *g = &c->bars[it->tier];
			double want = c->plot_x + c->plot_w * ts_chart_axis_at(&c->axis, s->bars[it->tier].value) /
				      c->axis.max;
			dots++;
			assert_int_equal(it->kind, TS_ITEM_DOT);
			assert_true(fabs(cx - want) < 1e-6 && fabs(g->x + g->w - want) < 1e-6);
		}
		if (it->role == TS_ROLE_DOT || it->role == TS_ROLE_ERR)
			assert_true(it->x >= c->plot_x - 1e-9 && it->x + it->w <= c->plot_x + c->plot_w + 1e-9);
	}
	for (size_t i = 0; i < s->nr; i++)
		dots -= isfinite(s->bars[i].value);
	assert_int_equal(dots, 0);
}

static void test_long_label_bars(void **state)
{
	static const size_t counts[] = { 1, 4, 16 };
	static const double widths[] = { 3.5 * 72, 2.5 * 72, 6.3 * 72 };

	(void)state;
	for (size_t n = 0; n < TS_COUNTOF(counts); n++)
		for (int l = 0; l < NR_LABELS; l++)
			for (size_t w = 0; w < TS_COUNTOF(widths); w++)
				for (int kind = 0; kind < 4; kind++) {
					struct bars_data d;
					struct ts_chart c;
					char what[128];
					snprintf(what, sizeof(what), "kind %d, %zu tiers, %s labels, %g pt",
						 kind, counts[n], label_names[l], widths[w]);
					bars_spec(&d, counts[n], (enum labels)l, kind, widths[w]);
					ts_chart_init(&c);
					if (ts_chart_bars(&c, &d.s, &fake) != 0) {
						print_error("%s: not laid out\n", what);
						fail();
					}
					assert_chart_ok(&c, what);
					if (kind == 3)
						check_dots(&c, &d.s, what);
					ts_chart_release(&c);
				}
}

/* ====================== the table ====================== */

#define NR_COLS 10
#define CELL_PX 3.0   /* chart_table.c: cell padding, each side */

static const char *const headers[NR_COLS] = { "Tier", "Device", "CPU", "Cores",
	"RAM (GB)", "GPU", "Tests", "Success", "RTF", "Memory (GB)" };
static const int numeric[NR_COLS] = { 0, 0, 0, 1, 1, 0, 1, 1, 1, 1 };

struct table_data {
	const char *cells[16 * NR_COLS];
	char names[16][400];
	enum ts_dev devs[16];
	struct ts_table_spec s;
};

/* The thesis fixture's table (CPU names as fig_table.c writes them). */
static void table_spec(struct table_data *d, size_t rows, enum labels labels, double width)
{
	static const char *const cpus[] = { "AMD Ryzen 5 5600X 6-Core Processor",
		"Intel Core i5-1235U @ 1.30GHz", "Apple M1", "Intel Core i7-10700K @ 3.80GHz" };
	static const char *const tests[] = { "30", "50", "15", "25" };
	static const char *const rates[] = { "96.7\xc2\xa0%", "98.0\xc2\xa0%", "100\xc2\xa0%", "100\xc2\xa0%" };
	static const char *const rtf[] = { "5.10", "8.20", "3.50", "0.180" };
	static const char *const mem[] = { "2.83", "2.79", "4.10", "3.32" };

	assert_true(rows <= 16);
	memset(d, 0, sizeof(*d));
	for (size_t r = 0; r < rows; r++) {
		const char **row = &d->cells[r * NR_COLS];
		row[0] = label(labels, r, d->names[r], sizeof(d->names[r]));
		row[1] = r % 4 == 2 ? "MPS" : r % 4 == 3 ? "CUDA" : "CPU";
		row[2] = cpus[r % 4];
		row[3] = r % 4 == 1 ? "10" : r % 4 == 0 ? "6" : "8";
		row[4] = r % 4 == 3 ? "32" : r % 4 == 2 ? "8" : "16";
		row[5] = r % 4 == 3 ? "NVIDIA GeForce RTX 3060" : "\xe2\x80\x93";
		row[6] = tests[r % 4];
		row[7] = rates[r % 4];
		row[8] = rtf[r % 4];
		row[9] = mem[r % 4];
		d->devs[r] = (enum ts_dev)(r % 3);
	}
	d->s.width = width;
	d->s.frame.title = "Hardware summary";
	d->s.frame.font_size = 9;
	d->s.frame.pad = 4;
	d->s.frame.notes[0] = "Success: successful / all requests.";
	d->s.nr_cols = NR_COLS;
	d->s.headers = headers;
	d->s.numeric = numeric;
	d->s.nr_rows = rows;
	d->s.cells = d->cells;
	d->s.row_dev = d->devs;
}

static int lines_of(const char *t)
{
	int n = 1;

	for (; *t; t++)
		n += *t == '\n';
	return n;
}

/* A table laid out, read back: its parts (columns) and every cell's
 * item, header at row nr_rows. */
struct table_read {
	size_t nr_parts, nr_cols[NR_COLS], col[NR_COLS][NR_COLS];
	const struct ts_item *item[NR_COLS][17][NR_COLS];  /* part, row, k */
};

static void read_table(const struct ts_chart *c, size_t rows, struct table_read *t)
{
	size_t next[NR_COLS][17];

	memset(t, 0, sizeof(*t));
	memset(next, 0, sizeof(next));
	for (size_t i = 0; i < c->nr; i++) {
		const struct ts_item *it = &c->items[i];
		size_t p;
		if (it->role == TS_ROLE_HEADER) {
			if (!strcmp(it->text, "Tier"))
				t->nr_parts++;
			assert_true(t->nr_parts > 0);
			p = t->nr_parts - 1;
			for (size_t j = 0; j < NR_COLS; j++) {
				char *flat = strdup(it->text);
				for (char *q = flat; *q; q++)
					*q = *q == '\n' ? ' ' : *q;
				if (!strcmp(flat, headers[j]))
					t->col[p][t->nr_cols[p]] = j;
				free(flat);
			}
			t->item[p][rows][t->nr_cols[p]++] = it;
		}
	}
	/* cells come part by part, row by row, column by column */
	for (size_t i = 0, p = 0, r = 0, k = 0; i < c->nr; i++) {
		const struct ts_item *it = &c->items[i];
		if (it->role != TS_ROLE_CELL)
			continue;
		assert_true(p < t->nr_parts);
		assert_int_equal(it->tier, (long)r);
		t->item[p][r][k] = it;
		if (++k == t->nr_cols[p]) {
			k = 0;
			if (++r == rows) {
				r = 0;
				p++;
			}
		}
	}
	(void)next;
}

/* Lines of cell (r, j) wrapped at w (the header at r == nr_rows);
 * *cut: a word had to be cut. */
static int wrap_lines(const struct table_data *d, size_t r, size_t j, double w, int *cut)
{
	struct ts_font f = { 8, r == d->s.nr_rows, 0 };
	int l;
	char *x = ts_chart_wrap(&fake, &f, r == d->s.nr_rows ? headers[j]
				: d->cells[r * NR_COLS + j], w, &l, cut);

	free(x);
	return l;
}

/* Lines of part p (header included), its columns ks[0..nk) wrapped at
 * ws[] instead of as laid out. */
static long part_lines(const struct table_data *d, const struct table_read *t, size_t p,
		       const size_t *ks, const double *ws, size_t nk)
{
	size_t rows = d->s.nr_rows;
	long sum = 0;

	for (size_t r = 0; r <= rows; r++) {
		int top = 1, cut;
		for (size_t k = 0; k < t->nr_cols[p]; k++) {
			int l = lines_of(t->item[p][r][k]->text);
			for (size_t q = 0; q < nk; q++)
				if (ks[q] == k)
					l = wrap_lines(d, r, t->col[p][k], ws[q], &cut);
			top = l > top ? l : top;
		}
		sum += top;
	}
	return sum;
}

/* Column k of part p: the widest line it holds (the width its line
 * breaks need), and whether a cell of it wraps. */
static double need_w(const struct table_read *t, size_t p, size_t k, size_t rows, int *wraps)
{
	double w = 0;

	*wraps = 0;
	for (size_t r = 0; r <= rows; r++) {
		w = fmax(w, t->item[p][r][k]->w);
		*wraps |= lines_of(t->item[p][r][k]->text) > 1;
	}
	return w;
}

/* The least widening of column k (from width w) that takes a line off
 * one of its cells, by steps of 0.05 pt up to `most`; INFINITY: none. */
static double least_widening(const struct table_data *d, const struct table_read *t,
			     size_t p, size_t k, double w, double most)
{
	for (double step = 0.05; step <= most; step += 0.05)
		for (size_t r = 0; r <= d->s.nr_rows; r++) {
			int cut;
			if (wrap_lines(d, r, t->col[p][k], w + step, &cut) <
			    lines_of(t->item[p][r][k]->text))
				return step;
		}
	return INFINITY;
}

/* Can column k of part p be `w` wide without cutting a word? */
static int words_fit(const struct table_data *d, const struct table_read *t, size_t p,
		     size_t k, double w)
{
	for (size_t r = 0; r <= d->s.nr_rows; r++) {
		int cut;
		wrap_lines(d, r, t->col[p][k], w, &cut);
		if (cut)
			return 0;
	}
	return 1;
}

/* Balanced, as chart_table.c promises: (1) the room left over (the part's
 * width less what each column's line breaks need) would not take a line
 * off any column that wraps: no column is wider than it needs while
 * another could use it; (2) moving width from one column to another, as
 * much as the receiver needs to lose a line, never makes the part
 * shorter; (3) split in parts, no part has one column beside the tier.
 * `words`: every word fits its column (else only (3) is checked). */
static void check_table(const struct table_data *d, const struct ts_chart *c, int words,
			const char *what)
{
	size_t rows = d->s.nr_rows;
	struct table_read t;

	read_table(c, rows, &t);
	for (size_t p = 0; p < t.nr_parts; p++) {
		size_t n = t.nr_cols[p];
		double avail = d->s.width - 2 * d->s.frame.pad - (double)n * 2 * CELL_PX;
		double need[NR_COLS], left = avail;
		int wraps[NR_COLS];
		long now = part_lines(d, &t, p, NULL, NULL, 0);
		if (t.nr_parts > 1 && n < 3) {
			print_error("%s: part %zu has %zu column beside the tier\n", what, p, n - 1);
			fail();
		}
		for (size_t k = 0; k < n; k++)
			left -= need[k] = need_w(&t, p, k, rows, &wraps[k]);
		assert_true(left > -1e-6);
		for (size_t b = 0; b < n && words; b++) {
			double step;
			if (!wraps[b])
				continue;
			step = least_widening(d, &t, p, b, need[b], avail - need[b]);
			if (step <= left) {
				print_error("%s: part %zu: the %.2f pt left would take a line off '%s'\n",
					    what, p, left, headers[t.col[p][b]]);
				fail();
			}
			for (size_t a = 0; a < n && isfinite(step); a++) {
				size_t ks[2] = { a, b };
				double ws[2] = { need[a] + left - step, need[b] + step };
				long then;
				if (a == b || !words_fit(d, &t, p, a, ws[0]))
					continue;
				then = part_lines(d, &t, p, ks, ws, 2);
				if (then < now) {
					print_error("%s: part %zu: %.2f pt from '%s' to '%s' make it %ld lines, not %ld\n",
						    what, p, step - left, headers[t.col[p][a]],
						    headers[t.col[p][b]], then, now);
					fail();
				}
			}
		}
	}
}

static void test_table_balanced(void **state)
{
	static const size_t counts[] = { 1, 4, 16 };
	static const double widths[] = { 6.3 * 72, 3.5 * 72, 2.5 * 72, 300, 200 };

	(void)state;
	for (size_t n = 0; n < TS_COUNTOF(counts); n++)
		for (int l = 0; l < NR_LABELS; l++)
			for (size_t w = 0; w < TS_COUNTOF(widths); w++) {
				struct table_data d;
				struct ts_chart c;
				char what[128];
				snprintf(what, sizeof(what), "table, %zu tiers, %s labels, %g pt",
					 counts[n], label_names[l], widths[w]);
				table_spec(&d, counts[n], (enum labels)l, widths[w]);
				ts_chart_init(&c);
				assert_int_equal(ts_chart_table(&c, &d.s, &fake), 0);
				assert_chart_ok(&c, what);
				check_table(&d, &c, l == SHORT || l == LONG, what);
				ts_chart_release(&c);
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_error_bar),
		cmocka_unit_test(test_reported_case),
		cmocka_unit_test(test_long_label_bars),
		cmocka_unit_test(test_table_balanced),
	};
	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
