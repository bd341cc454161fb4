/* test_intervals.c - intervals, quantiles, outliers, warm-up (stats.h,
 * issue 13).
 *
 * Expected numbers are the check values, hand computations whose
 * answer is exact (compared with ==), and scipy 1.10 results pasted here
 * (t.ppf, norm.ppf, binomtest(...).proportion_ci(method="wilson")); the
 * ratio is computed from the thesis fixture's CSV files through the real
 * pipeline (scan, ingest, tiers). tests/ref/check_stats.py checks the
 * same functions against scipy on generated arrays at every `make test`.
 */
#include "ts.h"
#include "testutil.h"

#include "ingest.h"
#include "scan.h"
#include "stats.h"
#include "store.h"
#include "tiers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* |100 x - pct| < 0.005: the check values, in percent to 2 places */
#define assert_pct2(x, pct) assert_true(fabs(100 * (x) - (pct)) < 0.005)

static void t_and_z_quantiles(void **state)
{
	(void)state;
	/* Exact to the digits shown: tan(0.475 pi) = cot(pi/40) for df 1;
	 * for even df the closed form F(t) = 1/2 + x/2 sum_{j<df/2} a_j
	 * (1 - x^2)^j, x = t / sqrt(df + t^2), a_j = prod_{i<=j} (2i-1)/(2i),
	 * solved for 0.975 with Python's decimal at 50 digits. scipy 1.10's
	 * t.ppf is up to 4e-11 off these (4.302652729911275 for df 2). */
	assert_double_rel(ts_stats_t975(1), 1 / tan(3.14159265358979323846 / 40), 1e-14);
	assert_double_rel(ts_stats_t975(2), 4.302652729749464, 1e-14);
	assert_double_rel(ts_stats_t975(4), 2.7764451051977943, 1e-14);
	assert_double_rel(ts_stats_t975(10), 2.228138851986275, 1e-14);
	/* fractional df (Welch): scipy.stats.t.ppf(0.975, df) */
	assert_double_rel(ts_stats_t975(31.5693), 2.0380237914429022, 1e-10);
	assert_double_rel(ts_stats_t975(1e6), 1.9599663568141066, 1e-10);
	/* scipy.stats.norm.ppf(0.975) */
	assert_double_rel(ts_stats_z975(), 1.959963984540054, 1e-15);
	assert_true(isnan(ts_stats_t975(0)));
	assert_true(isnan(ts_stats_t975(-1)));
	assert_true(isnan(ts_stats_t975(NAN)));
	assert_true(isnan(ts_stats_t975(INFINITY)));
}

static void quantiles_type7(void **state)
{
	const double v[] = { 4, 1, 3, 2 };
	const double two[] = { 20, 10 };
	const double same[] = { 7, 7, 7 };
	double *s = ts_stats_sorted(v, 4), *s2 = ts_stats_sorted(two, 2);
	double *s3 = ts_stats_sorted(same, 3);

	(void)state;
	/* the copy is sorted, the input untouched */
	assert_true(s[0] == 1 && s[1] == 2 && s[2] == 3 && s[3] == 4);
	assert_true(v[0] == 4 && v[1] == 1);
	/* 1, 2, 3, 4: h = 3 p */
	assert_double_rel(ts_stats_quantile(s, 4, 0.05), 1.15, 1e-15);
	assert_double_rel(ts_stats_quantile(s, 4, 0.25), 1.75, 0);
	assert_double_rel(ts_stats_quantile(s, 4, 0.5), 2.5, 0);
	assert_double_rel(ts_stats_quantile(s, 4, 0.75), 3.25, 0);
	assert_double_rel(ts_stats_quantile(s, 4, 0.95), 3.85, 1e-15);
	assert_double_rel(ts_stats_quantile(s, 4, 0), 1, 0);
	assert_double_rel(ts_stats_quantile(s, 4, 1), 4, 0);
	/* 10, 20: h = p */
	assert_double_rel(ts_stats_quantile(s2, 2, 0.05), 10.5, 0);
	assert_double_rel(ts_stats_quantile(s2, 2, 0.25), 12.5, 0);
	assert_double_rel(ts_stats_quantile(s2, 2, 0.75), 17.5, 0);
	assert_double_rel(ts_stats_quantile(s2, 2, 0.95), 19.5, 0);
	/* one value, all equal */
	assert_double_rel(ts_stats_quantile(s2 + 1, 1, 0.05), 20, 0);
	assert_double_rel(ts_stats_quantile(s2 + 1, 1, 0.95), 20, 0);
	assert_double_rel(ts_stats_quantile(s3, 3, 0.05), 7, 0);
	assert_double_rel(ts_stats_quantile(s3, 3, 0.95), 7, 0);
	/* none */
	assert_null(ts_stats_sorted(v, 0));
	assert_true(isnan(ts_stats_quantile(NULL, 0, 0.5)));
	assert_true(isnan(ts_stats_quantile(s, 4, -0.01)));
	assert_true(isnan(ts_stats_quantile(s, 4, 1.01)));
	assert_true(isnan(ts_stats_quantile(s, 4, NAN)));
	free(s);
	free(s2);
	free(s3);
}

/* q1 2, q3 4: IQR 2, inner fences -1 and 7, outer -4 and 10. */
static void tukey_fences(void **state)
{
	const double v[] = { 3, 7, -1, 7.5, 10, 2, 10.5, -1.5, -4, -4.5, 4 };
	struct ts_tukey t;

	(void)state;
	ts_stats_tukey(v, TS_COUNTOF(v), 2, 4, &t);
	/* on a fence is not beyond it: 7, -1 (inner), 10, -4 (outer) */
	assert_int_equal(t.mild, 4);      /* 7.5, 10, -1.5, -4 */
	assert_int_equal(t.severe, 2);    /* 10.5, -4.5 */
	assert_int_equal(t.first_mild, 3);
	assert_int_equal(t.first_severe, 6);
	ts_stats_tukey(v, 3, 2, 4, &t);
	assert_int_equal(t.mild, 0);
	assert_int_equal(t.severe, 0);
	assert_int_equal(t.first_mild, -1);
	assert_int_equal(t.first_severe, -1);
	/* all equal: IQR 0, anything else is severe */
	{
		const double w[] = { 5, 5, 5, 5.000001, 4.999999 };
		ts_stats_tukey(w, TS_COUNTOF(w), 5, 5, &t);
		assert_int_equal(t.mild, 0);
		assert_int_equal(t.severe, 2);
		assert_int_equal(t.first_severe, 3);
	}
	ts_stats_tukey(NULL, 0, NAN, NAN, &t);
	assert_int_equal(t.mild + t.severe, 0);
	assert_int_equal(t.first_mild, -1);
}

static void mean_interval(void **state)
{
	const double two[] = { 1, 3 }, same[] = { 5, 5, 5 };
	struct ts_summary s;
	double se, ci[2];

	(void)state;
	/* 1, 3: mean 2, std sqrt 2, se 1, t(1) */
	ts_stats_summarize(two, 2, &s);
	ts_stats_mean_ci(&s, &se, ci);
	assert_double_rel(se, 1, 1e-15);
	assert_double_rel(ci[0], 2 - 12.706204736174707, 1e-13);
	assert_double_rel(ci[1], 2 + 12.706204736174707, 1e-13);
	/* all equal: se 0, the interval is the mean */
	ts_stats_summarize(same, 3, &s);
	ts_stats_mean_ci(&s, &se, ci);
	assert_true(se == 0 && ci[0] == 5 && ci[1] == 5);
	/* n = 1, n = 0, unknown n: none */
	ts_stats_summarize(same, 1, &s);
	ts_stats_mean_ci(&s, &se, ci);
	assert_true(isnan(se) && isnan(ci[0]) && isnan(ci[1]));
	ts_stats_summarize(same, 0, &s);
	ts_stats_mean_ci(&s, &se, ci);
	assert_true(isnan(se) && isnan(ci[0]) && isnan(ci[1]));
	s.n = -1;
	s.mean = 3;
	s.std = 1;
	ts_stats_mean_ci(&s, &se, ci);
	assert_true(isnan(se) && isnan(ci[0]));
}

/* 10 values 1..10: q1 3.25, q3 7.75, p05 1.45, p95 9.55, no outlier. */
static void spread_of_values(void **state)
{
	const double v[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 100 };
	struct ts_summary s;
	struct ts_spread sp;

	(void)state;
	ts_stats_summarize(v, 10, &s);
	ts_stats_spread(v, 10, &s, &sp);
	assert_double_rel(sp.q1, 3.25, 0);
	assert_double_rel(sp.q3, 7.75, 0);
	assert_double_rel(sp.p05, 1.45, 1e-15);
	assert_double_rel(sp.p95, 9.55, 1e-15);
	assert_double_rel(sp.se, s.std / sqrt(10), 1e-15);
	assert_double_rel(sp.ci95[0], 5.5 - ts_stats_t975(9) * sp.se, 1e-15);
	assert_double_rel(sp.ci95[1], 5.5 + ts_stats_t975(9) * sp.se, 1e-15);
	assert_int_equal(sp.tukey.mild + sp.tukey.severe, 0);
	/* with 100: q1 3.5, q3 8.5, outer fence 23.5 */
	ts_stats_summarize(v, 11, &s);
	ts_stats_spread(v, 11, &s, &sp);
	assert_double_rel(sp.q1, 3.5, 0);
	assert_double_rel(sp.q3, 8.5, 0);
	assert_int_equal(sp.tukey.severe, 1);
	assert_int_equal(sp.tukey.first_severe, 10);
	/* n = 1: quantiles are the value, no interval; n = 0: nothing */
	ts_stats_summarize(v, 1, &s);
	ts_stats_spread(v, 1, &s, &sp);
	assert_true(sp.p05 == 10 && sp.q1 == 10 && sp.q3 == 10 && sp.p95 == 10);
	assert_true(isnan(sp.se) && isnan(sp.ci95[0]));
	assert_int_equal(sp.tukey.mild + sp.tukey.severe, 0);
	ts_stats_summarize(v, 0, &s);
	ts_stats_spread(v, 0, &s, &sp);
	assert_true(isnan(sp.p05) && isnan(sp.q1) && isnan(sp.q3) && isnan(sp.p95));
	assert_int_equal(sp.tukey.first_mild, -1);
}

static void wilson_interval(void **state)
{
	double ci[2];

	(void)state;
	/* the check values, in percent */
	assert_int_equal(ts_stats_wilson(49, 50, ci), 0);
	assert_pct2(ci[0], 89.50);
	assert_pct2(ci[1], 99.65);
	assert_double_rel(ci[0], 0.8950455641036218, 1e-12);
	assert_double_rel(ci[1], 0.9964607407283538, 1e-12);
	assert_int_equal(ts_stats_wilson(15, 15, ci), 0);
	assert_pct2(ci[0], 79.61);
	assert_true(ci[1] == 1);
	assert_double_rel(ci[0], 0.7961166989641515, 1e-12);
	assert_int_equal(ts_stats_wilson(29, 30, ci), 0);
	assert_pct2(ci[0], 83.33);
	assert_pct2(ci[1], 99.41);
	/* pooled fixture: 118/120, 98.3 %, 94.1-99.5 % */
	assert_int_equal(ts_stats_wilson(118, 120, ci), 0);
	assert_true(fabs(100 * ci[0] - 94.1) < 0.05 && fabs(100 * ci[1] - 99.5) < 0.05);
	assert_double_rel(ci[0], 0.941264037027841, 1e-12);
	assert_double_rel(ci[1], 0.9954174354340789, 1e-12);
	/* k = 0, k = n, n = 1 */
	assert_int_equal(ts_stats_wilson(0, 10, ci), 0);
	assert_true(ci[0] == 0);
	assert_double_rel(ci[1], 0.27753279986288926, 1e-12);
	assert_int_equal(ts_stats_wilson(0, 1, ci), 0);
	assert_true(ci[0] == 0);
	assert_double_rel(ci[1], 0.7934506856227626, 1e-12);
	assert_int_equal(ts_stats_wilson(1, 1, ci), 0);
	assert_double_rel(ci[0], 0.20654931437723745, 1e-12);
	assert_true(ci[1] == 1);
	/* none */
	assert_int_equal(ts_stats_wilson(0, 0, ci), -1);
	assert_true(isnan(ci[0]) && isnan(ci[1]));
	assert_int_equal(ts_stats_wilson(3, 2, ci), -1);
	assert_int_equal(ts_stats_wilson(-1, 2, ci), -1);
	assert_true(isnan(ci[0]));
}

static struct ts_summary summary(long n, double mean, double std)
{
	struct ts_summary s = { n, mean, std, NAN, NAN, NAN };
	return s;
}

static void ratio_edges(void **state)
{
	struct ts_summary a = summary(10, 4, 1), b = summary(5, 2, 0.5);
	struct ts_ratio r;

	(void)state;
	/* va = (1/4)^2/10 = 1/160, vb = (1/4)^2/5 = 1/80: se^2 = 3/160,
	 * df = (3/160)^2 / ((1/160)^2/9 + (1/80)^2/4) = 9 / (1/9 + 1) = 8.1 */
	assert_int_equal(ts_stats_ratio(&a, &b, &r), 0);
	assert_double_rel(r.ratio, 2, 0);
	assert_double_rel(r.se_log, sqrt(3.0 / 160), 1e-15);
	assert_double_rel(r.df, 8.1, 1e-14);
	assert_double_rel(r.ci95[0], 2 * exp(-ts_stats_t975(8.1) * sqrt(3.0 / 160)), 1e-14);
	assert_double_rel(r.ci95[1] * r.ci95[0], 4, 1e-14);  /* symmetric on the log */
	/* one std 0: df is the other's n - 1 */
	a.std = 0;
	assert_int_equal(ts_stats_ratio(&a, &b, &r), 0);
	assert_double_rel(r.df, 4, 1e-15);
	/* both 0: a point, df undefined */
	b.std = 0;
	assert_int_equal(ts_stats_ratio(&a, &b, &r), 0);
	assert_true(r.ci95[0] == 2 && r.ci95[1] == 2 && isnan(r.df));
	/* none: n < 2, n unknown, a mean not > 0, std unknown */
	a = summary(1, 4, NAN);
	assert_int_equal(ts_stats_ratio(&a, &b, &r), -1);
	assert_true(isnan(r.ratio) && isnan(r.ci95[0]) && isnan(r.df));
	a = summary(-1, 4, 1);
	assert_int_equal(ts_stats_ratio(&a, &b, &r), -1);
	a = summary(10, 0, 1);
	assert_int_equal(ts_stats_ratio(&a, &b, &r), -1);
	a = summary(10, 4, 1);
	b = summary(10, -2, 1);
	assert_int_equal(ts_stats_ratio(&a, &b, &r), -1);
	b = summary(10, 2, NAN);
	assert_int_equal(ts_stats_ratio(&a, &b, &r), -1);
}

static const struct ts_tier *tier(const struct ts_tiers *t, const char *key)
{
	for (size_t i = 0; i < t->nr; i++)
		if (strcmp(t->v[i].key, key) == 0)
			return &t->v[i];
	fail_msg("no tier %s", key);
	return NULL;
}

/* The thesis fixture through the pipeline: RTF of intel_i5_cpu against
 * nvidia_rtx3060_cuda, 45.56 [43.39, 47.83], df 31.6 (the issue), and to
 * 1e-9 the same computed with numpy and scipy from the CSV files; the
 * pooled success 118/120. */
static void fixture_ratio_and_pooled(void **state)
{
	struct tu_diag td;
	struct ts_inputs in = { 0 };
	struct ts_store *store;
	struct ts_tiers tiers = { 0 };
	struct ts_load_totals tot;
	struct ts_ingest_report rep;
	struct ts_ratio r;
	long k = 0, n = 0;
	double ci[2];

	(void)state;
	tu_diag_init(&td);
	assert_int_equal(ts_scan_dir(tu_fixture("thesis/metrics"), &in, &td.d), 0);
	store = ts_store_open(NULL, &td.d);
	assert_non_null(store);
	assert_int_equal(ts_ingest(store, &in, &tot, &td.d, &rep, NULL, NULL), 0);
	assert_int_equal(ts_tiers_build_synthesis(&tiers, store, 0, &td.d), 0);
	assert_int_equal(ts_tiers_finish(&tiers, store, &td.d), 0);
	assert_int_equal(ts_stats_ratio(&tier(&tiers, "intel_i5_cpu")->metrics[TS_M_RTF],
					&tier(&tiers, "nvidia_rtx3060_cuda")->metrics[TS_M_RTF], &r), 0);
	assert_true(fabs(r.ratio - 45.56) < 0.005);
	assert_true(fabs(r.ci95[0] - 43.39) < 0.005 && fabs(r.ci95[1] - 47.83) < 0.005);
	assert_true(fabs(r.df - 31.6) < 0.05);
	assert_double_rel(r.ratio, 45.55556079513269, 1e-9);
	assert_double_rel(r.ci95[0], 43.39256701894647, 1e-9);
	assert_double_rel(r.ci95[1], 47.826373545793906, 1e-9);
	assert_double_rel(r.df, 31.569316310018284, 1e-9);
	for (size_t i = 0; i < tiers.nr; i++) {
		k += tiers.v[i].successful;
		n += tiers.v[i].tests;
	}
	assert_int_equal(k, 118);
	assert_int_equal(n, 120);
	assert_int_equal(ts_stats_wilson(k, n, ci), 0);
	assert_true(fabs(100.0 * (double)k / (double)n - 98.3) < 0.05);
	ts_tiers_release(&tiers);
	ts_store_close(store);
	ts_inputs_release(&in);
	tu_diag_release(&td);
}

static void warmup_suspect(void **state)
{
	const double cold[] = { 5, 1, 1.2, 0.9 };
	const double tie[] = { 5, 5, 1 };
	const double at2[] = { 2.5, 1, 1.3, 1.2 };     /* median 1.25: 2.5 is not more */
	const double above[] = { 2.6, 1, 1.3, 1.2 };
	const double later[] = { 1, 5, 1.2, 0.9 };
	const double two[] = { 3, 1 };                 /* median 2 */

	(void)state;
	assert_int_equal(ts_stats_warmup_suspect(cold, 4), 1);
	assert_int_equal(ts_stats_warmup_suspect(tie, 3), 0);
	assert_int_equal(ts_stats_warmup_suspect(at2, 4), 0);
	assert_int_equal(ts_stats_warmup_suspect(above, 4), 1);
	assert_int_equal(ts_stats_warmup_suspect(later, 4), 0);
	assert_int_equal(ts_stats_warmup_suspect(two, 2), 0);
	assert_int_equal(ts_stats_warmup_suspect(cold, 1), 0);
	assert_int_equal(ts_stats_warmup_suspect(cold, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_and_z_quantiles),
		cmocka_unit_test(quantiles_type7),
		cmocka_unit_test(tukey_fences),
		cmocka_unit_test(mean_interval),
		cmocka_unit_test(spread_of_values),
		cmocka_unit_test(wilson_interval),
		cmocka_unit_test(ratio_edges),
		cmocka_unit_test(fixture_ratio_and_pooled),
		cmocka_unit_test(warmup_suspect),
	};
	return cmocka_run_group_tests_name("intervals", tests, NULL, NULL);
}
