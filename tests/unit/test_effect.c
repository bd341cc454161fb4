/* test_effect.c - the effect of a setting (effect.h): --baseline's
 * parsing and its exact messages, which values match, the usage error
 * for a value no row has, and which group each group is compared with
 * (the baseline's values for the first columns, its own for the rest;
 * "not measured" where there is none, never a ratio of 1). The ratios'
 * numbers are checked against scipy by tests/check-effect.py. */
#include "ts.h"
#include "testutil.h"
#include "effect.h"
#include "tiers.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void parse_values(void **state)
{
	struct ts_baseline b;
	char why[200];

	(void)state;
	assert_int_equal(ts_effect_parse("INT8", 1, &b, why, sizeof(why)), 0);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.value[0], "INT8");
	assert_string_equal(b.text, "INT8");
	assert_int_equal(ts_effect_parse("INT8,4", 3, &b, why, sizeof(why)), 0);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.value[1], "4");
	assert_int_equal(ts_effect_parse("INT8,4", 1, &b, why, sizeof(why)), -1);
	assert_string_equal(why, "more values than the 1 column of --by");
	assert_int_equal(ts_effect_parse("a,b,c", 2, &b, why, sizeof(why)), -1);
	assert_string_equal(why, "more values than the 2 columns of --by");
	assert_int_equal(ts_effect_parse("", 1, &b, why, sizeof(why)), -1);
	assert_string_equal(why, "an empty value (the empty value is written none)");
	assert_int_equal(ts_effect_parse("INT8,", 2, &b, why, sizeof(why)), -1);
	assert_string_equal(why, "an empty value (the empty value is written none)");
}

static void matching(void **state)
{
	(void)state;
	assert_true(ts_effect_matches(TS_SC_QUANTIZATION_USED, "INT8", "INT8"));
	assert_false(ts_effect_matches(TS_SC_QUANTIZATION_USED, "int8", "INT8"));  /* text: exact */
	assert_true(ts_effect_matches(TS_SC_QUANTIZATION_USED, "none", NULL));
	assert_false(ts_effect_matches(TS_SC_QUANTIZATION_USED, "INT8", NULL));
	assert_true(ts_effect_matches(TS_SC_TORCH_COMPILE_USED, "true", "True"));
	assert_true(ts_effect_matches(TS_SC_TORCH_COMPILE_USED, "FALSE", "False"));
	assert_false(ts_effect_matches(TS_SC_TORCH_COMPILE_USED, "true", "False"));
	assert_true(ts_effect_matches(TS_SC_NUM_THREADS, "04", "4"));             /* by number */
	assert_false(ts_effect_matches(TS_SC_NUM_THREADS, "4x", "4"));
	assert_true(ts_effect_matches(TS_SC_NUM_THREADS, "none", NULL));
}

/* A model of groups (hardware_tier, device_type, values of --by
 * quantization_used,num_threads), means m per metric with SD 10 % and
 * n 10. */
struct g { const char *hw, *q, *th; double m; };

static void make(struct ts_tiers *t, const struct g *gs, size_t n)
{
	memset(t, 0, sizeof(*t));
	t->reference = -1;
	t->by.n = 2;
	t->by.col[0] = TS_SC_QUANTIZATION_USED;
	t->by.col[1] = TS_SC_NUM_THREADS;
	t->v = ts_xcalloc(n, sizeof(*t->v));
	t->nr = t->alloc = n;
	for (size_t i = 0; i < n; i++) {
		struct ts_tier *x = &t->v[i];
		x->hardware_tier = ts_xstrdup(gs[i].hw);
		x->device_type = ts_xstrdup("cpu");
		x->group = ts_xcalloc(2, sizeof(*x->group));
		x->group[0] = gs[i].q ? ts_xstrdup(gs[i].q) : NULL;
		x->group[1] = gs[i].th ? ts_xstrdup(gs[i].th) : NULL;
		x->key = ts_settings_group_key(gs[i].hw, &t->by, x->group);
		x->machine_label = ts_xstrdup(gs[i].hw);
		x->label = ts_xstrdup(x->key);
		x->from = TS_FROM_CSV;
		for (int m = 0; m < TS_M_COUNT; m++) {
			x->metrics[m].n = 10;
			x->metrics[m].mean = gs[i].m;
			x->metrics[m].std = gs[i].m / 10;
		}
	}
}

static void check_message(void **state)
{
	static const struct g gs[] = {
		{ "a", "INT4", "4", 1 }, { "a", "INT8", "4", 2 }, { "b", NULL, "8", 1 },
	};
	struct ts_tiers t;
	struct ts_baseline b;
	char why[200];

	(void)state;
	make(&t, gs, TS_COUNTOF(gs));
	assert_int_equal(ts_effect_parse("INT2", 2, &b, why, sizeof(why)), 0);
	assert_int_equal(ts_effect_check(&t, &b, why, sizeof(why)), -1);
	assert_string_equal(why, "no row has quantization_used 'INT2' (values: INT4, INT8, none)");
	assert_int_equal(ts_effect_parse("INT8,16", 2, &b, why, sizeof(why)), 0);
	assert_int_equal(ts_effect_check(&t, &b, why, sizeof(why)), -1);
	assert_string_equal(why, "no row has num_threads '16' (values: 4, 8)");
	assert_int_equal(ts_effect_parse("none,8", 2, &b, why, sizeof(why)), 0);
	assert_int_equal(ts_effect_check(&t, &b, why, sizeof(why)), 0);
	t.v[2].from = TS_FROM_ANALYSIS_JSON;   /* its rows are not known: not counted */
	assert_int_equal(ts_effect_check(&t, &b, why, sizeof(why)), -1);
	assert_string_equal(why, "no row has quantization_used 'none' (values: INT4, INT8)");
	ts_tiers_release(&t);
}

static void partners(void **state)
{
	static const struct g gs[] = {
		{ "a", "INT4", "4", 1 }, { "a", "INT4", "8", 3 }, { "a", "INT8", "4", 2 },
		{ "b", "INT8", "4", 5 }, { "b", "INT8", "8", 5 },   /* only INT8 */
		{ "c", "INT4", "4", 1 },                            /* only INT4 */
		{ "d", NULL, "2", 4 }, { "d", "INT4", "2", 3 },      /* no INT8 at all */
	};
	struct ts_tiers t;
	struct ts_baseline b;
	const struct ts_effect_machine *m;
	char why[200], *s;

	(void)state;
	make(&t, gs, TS_COUNTOF(gs));
	assert_int_equal(ts_effect_parse("INT8", 2, &b, why, sizeof(why)), 0);
	ts_effect_build(&t, &b);
	assert_int_equal(t.effect.nr, 4);
	m = &t.effect.m[0];                       /* a: INT4/4 vs INT8/4; INT4/8 has none */
	assert_string_equal(m->key, "a_cpu");
	assert_int_equal(m->nr, 2);
	assert_int_equal(m->measured, 1);
	assert_int_equal(m->cmp[0].tier, 0);
	assert_int_equal(m->cmp[0].base, 2);
	assert_true(fabs(m->cmp[0].r[1].ratio - 0.5) < 1e-15);
	assert_true(m->cmp[0].r[1].ci95[0] < 0.5 && m->cmp[0].r[1].ci95[1] > 0.5);
	assert_int_equal(m->cmp[1].tier, 1);
	assert_int_equal(m->cmp[1].base, -1);
	assert_true(isnan(m->cmp[1].r[0].ratio));   /* never a ratio of 1 */
	s = ts_effect_base_text(&t, 1);
	assert_string_equal(s, "INT8, threads 8");
	free(s);
	s = ts_effect_group_text(&t, 1);
	assert_string_equal(s, "INT4, threads 8");
	free(s);
	assert_null(ts_effect_only_text(&t, m));
	m = &t.effect.m[1];                       /* b: baseline groups only */
	assert_int_equal(m->nr, 0);
	assert_int_equal(m->measured, 0);
	s = ts_effect_only_text(&t, m);
	assert_string_equal(s, "only INT8");
	free(s);
	m = &t.effect.m[2];                       /* c: one other value */
	assert_int_equal(m->nr, 1);
	assert_int_equal(m->measured, 0);
	s = ts_effect_only_text(&t, m);
	assert_string_equal(s, "only INT4");
	free(s);
	m = &t.effect.m[3];                       /* d: two values, no baseline */
	assert_int_equal(m->nr, 2);
	assert_int_equal(m->measured, 0);
	assert_null(ts_effect_only_text(&t, m));
	ts_tiers_release(&t);                     /* the effect with it */
}

static void baseline_of_two_columns(void **state)
{
	static const struct g gs[] = {
		{ "a", "INT4", "4", 1 }, { "a", "INT4", "8", 3 }, { "a", "INT8", "4", 2 },
	};
	struct ts_tiers t;
	struct ts_baseline b;
	char why[200];

	(void)state;
	make(&t, gs, TS_COUNTOF(gs));
	assert_int_equal(ts_effect_parse("INT8,4", 2, &b, why, sizeof(why)), 0);
	ts_effect_build(&t, &b);
	assert_int_equal(t.effect.nr, 1);
	assert_int_equal(t.effect.m[0].nr, 2);       /* both INT4 groups against INT8/4 */
	assert_int_equal(t.effect.m[0].cmp[0].base, 2);
	assert_int_equal(t.effect.m[0].cmp[1].base, 2);
	assert_true(fabs(t.effect.m[0].cmp[1].r[0].ratio - 1.5) < 1e-15);
	ts_tiers_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_values),
		cmocka_unit_test(matching),
		cmocka_unit_test(check_message),
		cmocka_unit_test(partners),
		cmocka_unit_test(baseline_of_two_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
