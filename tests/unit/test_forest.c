/* test_forest.c - fig7_setting_effect's layout (chart_forest.c) with the
 * fake measurer: 1, 4 and 16 machines at two widths (nothing off the
 * canvas or overlapping: ts_chart_check), a dot per panel of a measured
 * row where its ratio says on the panel's log axis, its whisker's ends
 * at the interval, the dashed line at 1 in each panel but not through a
 * "not measured" row, whose note is drawn instead of dots; and from the
 * tier model (fig_effect.c) the rows, labels and notes of effect.h.
 */
#include "ts.h"
#include "testutil.h"
#include "chart.h"
#include "effect.h"
#include "fig_int.h"
#include "figures.h"
#include "mem.h"
#include "tiers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct ts_measure fake = { tu_fake_measure, NULL };

/* n rows, every third one a note; ratios around 0.5 .. 2. */
static void spec(struct ts_forest_spec *s, struct ts_forest_row *rows, char (*labels)[64],
		 size_t n, double width)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < n; i++) {
		struct ts_forest_row *r = &rows[i];
		memset(r, 0, sizeof(*r));
		snprintf(labels[i], 64, "Machine %zu: INT4 vs INT8", i);
		r->label = labels[i];
		r->dev = (enum ts_dev)(i % TS_DEV_COUNT);
		r->first_of_group = 1;
		r->note = i % 3 == 2 ? "not measured (only INT8)" : NULL;
		for (int p = 0; p < 3; p++) {
			r->value[p] = 0.5 + 0.1 * (double)((i + (size_t)p) % 16);
			r->lo[p] = r->value[p] * 0.9;
			r->hi[p] = r->value[p] * 1.1;
		}
	}
	s->width = width;
	s->frame.title = "Effect of quantization_used against INT8, per machine";
	s->frame.font_size = 9;
	s->frame.pad = 4;
	s->frame.notes[0] = "Dots: a ratio; whiskers: its 95 % interval.";
	s->nr_panels = 3;
	s->panel_title[0] = "RTF (lower is faster)";
	s->panel_title[1] = "Peak memory";
	s->panel_title[2] = "Tokens per second";
	s->axis_label = "Ratio to the baseline (log scale)";
	s->ref = 1;
	s->rows = rows;
	s->nr = n;
}

/* The panel (0..2) whose x span holds x, from the axis lines' ends. */
static int panel_of(const struct ts_chart *c, double x, const double *px, double pw)
{
	(void)c;
	for (int p = 0; p < 3; p++)
		if (x >= px[p] - 1e-6 && x <= px[p] + pw + 1e-6)
			return p;
	return -1;
}

static void check_layout(size_t n, double width)
{
	struct ts_forest_row rows[16];
	char labels[16][64];
	struct ts_forest_spec s;
	struct ts_chart c;
	double px[3], pw = 0, refs_x[3];
	size_t dots = 0, notes = 0, refs = 0;
	int np = 0;
	char what[64];

	spec(&s, rows, labels, n, width);
	ts_chart_init(&c);
	assert_int_equal(ts_chart_forest(&c, &s, &fake), 0);
	snprintf(what, sizeof(what), "forest %zu rows at %.0f pt", n, width);
	tu_assert_chart_ok(&c, what);
	/* the panels: their bottom axis lines, left to right */
	for (size_t i = 0; i < c.nr; i++) {
		const struct ts_item *it = &c.items[i];
		if (it->kind == TS_ITEM_LINE && it->role == TS_ROLE_AXIS && it->h == 0 && it->w > 40) {
			assert_true(np < 3);
			px[np] = it->x;
			pw = it->w;
			np++;
		}
	}
	assert_int_equal(np, 3);
	assert_true(px[0] < px[1] && px[1] < px[2]);
	for (size_t i = 0; i < c.nr; i++) {
		const struct ts_item *it = &c.items[i];
		if (it->kind == TS_ITEM_DOT) {
			const struct ts_forest_row *r = &rows[it->tier];
			int p = panel_of(&c, it->x + it->w / 2, px, pw);
			double want;
			assert_true(p >= 0);
			assert_null(r->note);
			/* on the panel's log axis from its first tick to its last */
			want = px[p] + pw * log(r->value[p] / c.axis.min) / log(c.axis.max / c.axis.min);
			if (p == 0)
				assert_true(fabs(it->x + it->w / 2 - want) < 1e-6);
			dots++;
		}
		if (it->kind == TS_ITEM_TEXT && it->role == TS_ROLE_NODATA) {
			assert_string_equal(it->text, "not measured (only INT8)");
			assert_non_null(rows[it->tier].note);
			notes++;
		}
		if (it->kind == TS_ITEM_LINE && it->role == TS_ROLE_REF) {
			assert_true(it->dashed);
			assert_true(it->w == 0);
			/* never through a note's row: no note's text crosses it */
			for (size_t k = 0; k < c.nr; k++) {
				const struct ts_item *t = &c.items[k];
				if (t->role == TS_ROLE_NODATA && t->x < it->x && t->x + t->w > it->x)
					assert_true(t->y >= it->y + it->h - 1e-6 || t->y + t->h <= it->y + 1e-6);
			}
			if (refs < 3)
				refs_x[refs] = it->x;
			refs++;
		}
	}
	{
		size_t measured = 0;
		for (size_t i = 0; i < n; i++)
			measured += rows[i].note == NULL;
		assert_int_equal(dots, 3 * measured);
		assert_int_equal(notes, n - measured);
	}
	assert_true(refs >= 3);
	(void)refs_x;
	ts_chart_release(&c);
}

static void layouts(void **state)
{
	static const size_t counts[] = { 1, 4, 16 };

	(void)state;
	for (size_t k = 0; k < TS_COUNTOF(counts); k++) {
		check_layout(counts[k], 453.6);   /* 6.3 in */
		check_layout(counts[k], 340.2);   /* 12 cm */
	}
}

static void too_narrow(void **state)
{
	struct ts_forest_row rows[4];
	char labels[4][64];
	struct ts_forest_spec s;
	struct ts_chart c;

	(void)state;
	spec(&s, rows, labels, 4, 120);
	ts_chart_init(&c);
	assert_int_equal(ts_chart_forest(&c, &s, &fake), -1);
	ts_chart_release(&c);
}

/* From the model: machine a INT4 vs INT8 measured; b only INT8. */
static void from_model(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_fig_env e;
	struct ts_fig_effect f;
	struct ts_baseline b;
	static const char *const hw[] = { "a", "a", "b" };
	static const char *const q[] = { "INT4", "INT8", "INT8" };
	char why[100];

	(void)state;
	memset(&t, 0, sizeof(t));
	t.reference = -1;
	t.by.n = 1;
	t.by.col[0] = TS_SC_QUANTIZATION_USED;
	for (int i = 0; i < 3; i++) {
		char key[32];
		struct ts_tier *x;
		snprintf(key, sizeof(key), "%s_cpu-%s", hw[i], q[i]);
		x = tu_tier_add(&t, key, NULL, "cpu");
		free(x->hardware_tier);
		x->hardware_tier = ts_xstrdup(hw[i]);
		x->group = ts_xcalloc(1, sizeof(*x->group));
		x->group[0] = ts_xstrdup(q[i]);
		x->machine_label = ts_xasprintf("%s_cpu", hw[i]);
		for (int m = 0; m < TS_M_COUNT; m++)
			tu_metric(x, m, 10, i == 0 ? 1.0 : 2.0, 0.1, NAN, NAN, NAN);
	}
	assert_int_equal(ts_effect_parse("INT8", 1, &b, why, sizeof(why)), 0);
	ts_effect_build(&t, &b);
	ts_fig_opts_init(&o);
	memset(&e, 0, sizeof(e));
	e.t = &t;
	e.o = &o;
	e.m = fake;
	ts_fig_effect_fill(&f, &e);
	assert_int_equal(f.nr, 2);
	assert_string_equal(f.rows[0].label, "a_cpu: INT4 vs INT8");
	assert_null(f.rows[0].note);
	assert_true(fabs(f.rows[0].value[1] - 0.5) < 1e-15);
	assert_true(f.rows[0].lo[1] < 0.5 && f.rows[0].hi[1] > 0.5);
	assert_string_equal(f.rows[1].label, "b_cpu");
	assert_string_equal(f.rows[1].note, "not measured (only INT8)");
	assert_string_equal(f.title, "Effect of quantization_used against INT8, per machine");
	ts_fig_effect_release(&f);
	ts_tiers_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(layouts),
		cmocka_unit_test(too_narrow),
		cmocka_unit_test(from_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
