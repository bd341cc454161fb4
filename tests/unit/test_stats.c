/* test_stats.c - summary statistics (stats.h).
 *
 * Hand-computed cases chosen so that the exact answer is a double (so
 * they are compared with ==), sums checked against an exact summation
 * (Shewchuk's partials, as Python's math.fsum), and the pairwise sum
 * checked bit for bit against numpy's algorithm transcribed from
 * numpy/_core/src/umath/loops_utils.h.src (DOUBLE_pairwise_sum).
 */
#include "ts.h"
#include "testutil.h"
#include "stats.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Exact sum of v[0..n), rounded once at the end (to within an ulp):
 * the non-overlapping partials of Shewchuk's algorithm. */
static double exact_sum(const double *v, size_t n)
{
	double p[128];
	size_t np = 0;
	double s = 0;

	for (size_t i = 0; i < n; i++) {
		double x = v[i];
		size_t k = 0;
		for (size_t j = 0; j < np; j++) {
			double y = p[j], hi, lo;
			if (fabs(x) < fabs(y)) {
				double tmp = x; x = y; y = tmp;
			}
			hi = x + y;
			lo = y - (hi - x);
			if (lo != 0.0)
				p[k++] = lo;
			x = hi;
		}
		assert_true(k < TS_COUNTOF(p));
		p[k++] = x;
		np = k;
	}
	for (size_t j = np; j-- > 0;)
		s += p[j];
	return s;
}

/* numpy's DOUBLE_pairwise_sum, PW_BLOCKSIZE 128, stride one element. */
static double numpy_pairwise(const double *a, size_t n)
{
	if (n < 8) {
		double res = 0.;
		for (size_t i = 0; i < n; i++)
			res += a[i];
		return res;
	} else if (n <= 128) {
		double r[8], res;
		size_t i;

		r[0] = a[0]; r[1] = a[1]; r[2] = a[2]; r[3] = a[3];
		r[4] = a[4]; r[5] = a[5]; r[6] = a[6]; r[7] = a[7];
		for (i = 8; i < n - (n % 8); i += 8) {
			r[0] += a[i + 0]; r[1] += a[i + 1];
			r[2] += a[i + 2]; r[3] += a[i + 3];
			r[4] += a[i + 4]; r[5] += a[i + 5];
			r[6] += a[i + 6]; r[7] += a[i + 7];
		}
		res = ((r[0] + r[1]) + (r[2] + r[3])) +
		      ((r[4] + r[5]) + (r[6] + r[7]));
		for (; i < n; i++)
			res += a[i];
		return res;
	} else {
		size_t n2 = n / 2;
		n2 -= n2 % 8;
		return numpy_pairwise(a, n2) + numpy_pairwise(a + n2, n - n2);
	}
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: a double in [0, 1). */
static double rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (double)((rng_state * 0x2545f4914f6cdd1dULL) >> 11) / 9007199254740992.0;
}

static void test_n0(void **state)
{
	struct ts_summary s;

	(void)state;
	memset(&s, 0, sizeof(s));
	ts_stats_summarize(NULL, 0, &s);
	assert_int_equal(s.n, 0);
	assert_true(isnan(s.mean));
	assert_true(isnan(s.std));
	assert_true(isnan(s.min));
	assert_true(isnan(s.max));
	assert_true(isnan(s.median));
	assert_true(ts_stats_pairwise_sum(NULL, 0) == 0.0);
}

static void test_n1(void **state)
{
	const double v[] = { 3.25 };
	struct ts_summary s;

	(void)state;
	ts_stats_summarize(v, 1, &s);
	assert_int_equal(s.n, 1);
	assert_true(s.mean == 3.25);
	assert_true(isnan(s.std));   /* pandas: std of one value is NaN */
	assert_true(s.min == 3.25);
	assert_true(s.max == 3.25);
	assert_true(s.median == 3.25);
}

static void test_n2(void **state)
{
	const double v[] = { 4.0, 1.0 };
	struct ts_summary s;

	(void)state;
	ts_stats_summarize(v, 2, &s);
	assert_int_equal(s.n, 2);
	assert_true(s.mean == 2.5);
	/* deviations 1.5 and -1.5: (2.25 + 2.25) / (2 - 1) */
	assert_true(s.std == sqrt(4.5));
	assert_double_rel(s.std, 2.1213203435596424, 1e-16);
	assert_true(s.min == 1.0);
	assert_true(s.max == 4.0);
	assert_true(s.median == 2.5);
}

static void test_odd_median(void **state)
{
	const double v[] = { 5.0, -1.0, 3.0, 9.0, 1.0 };
	double copy[TS_COUNTOF(v)];
	struct ts_summary s;

	(void)state;
	memcpy(copy, v, sizeof(v));
	ts_stats_summarize(v, TS_COUNTOF(v), &s);
	assert_int_equal(s.n, 5);
	assert_true(s.mean == 3.4);      /* 17 / 5 */
	/* squared deviations 2.56 19.36 0.16 31.36 5.76 = 59.2; / 4 = 14.8 */
	assert_double_rel(s.std, 3.847076812334269, 1e-15);
	assert_true(s.min == -1.0);
	assert_true(s.max == 9.0);
	assert_true(s.median == 3.0);
	/* the input is not sorted in place */
	assert_memory_equal(v, copy, sizeof(v));
}

static void test_even_median(void **state)
{
	const double v[] = { 4.0, 1.0, 3.0, 2.0 };
	struct ts_summary s;

	(void)state;
	ts_stats_summarize(v, 4, &s);
	assert_true(s.mean == 2.5);
	assert_true(s.std == sqrt(5.0 / 3.0));
	assert_true(s.median == 2.5);   /* mean of the middle two, 2 and 3 */
	assert_true(s.min == 1.0);
	assert_true(s.max == 4.0);
}

static void test_even_median_unequal_gap(void **state)
{
	const double v[] = { 10.0, 0.5, 7.0, 0.25, 100.0, 1.0 };
	struct ts_summary s;

	(void)state;
	ts_stats_summarize(v, 6, &s);
	assert_true(s.median == 4.0);   /* (1 + 7) / 2 */
	assert_true(s.min == 0.25);
	assert_true(s.max == 100.0);
}

static void test_constant(void **state)
{
	double v[37];
	struct ts_summary s;

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(v); i++)
		v[i] = 2.75;
	ts_stats_summarize(v, TS_COUNTOF(v), &s);
	assert_int_equal(s.n, 37);
	assert_true(s.mean == 2.75);
	assert_true(s.std == 0.0);
	assert_true(s.median == 2.75);
	assert_true(s.min == 2.75 && s.max == 2.75);
}

/* Two-pass variance: a large common offset does not matter (the sum of
 * squares would lose every digit here: (1e15)^2 needs 100 bits). */
static void test_large_offset(void **state)
{
	const double v[] = { 1e15 + 1, 1e15 + 3, 1e15 + 2 };
	struct ts_summary s;

	(void)state;
	ts_stats_summarize(v, 3, &s);
	assert_true(s.mean == 1e15 + 2);
	assert_true(s.std == 1.0);
	assert_true(s.median == 1e15 + 2);
}

/* 0..1000 shuffled: every intermediate is an exact integer, so the
 * results are exact: mean 500, variance 2 * (500*501*1001/6) / 1000. */
static void test_shuffled_range(void **state)
{
	double v[1001];
	struct ts_summary s;

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(v); i++)
		v[i] = (double)i;
	for (size_t i = TS_COUNTOF(v) - 1; i > 0; i--) {
		size_t j = (size_t)(rnd() * (double)(i + 1));
		double t = v[i]; v[i] = v[j]; v[j] = t;
	}
	ts_stats_summarize(v, TS_COUNTOF(v), &s);
	assert_int_equal(s.n, 1001);
	assert_true(s.mean == 500.0);
	assert_true(s.std == sqrt(83583.5));
	assert_true(s.median == 500.0);
	assert_true(s.min == 0.0);
	assert_true(s.max == 1000.0);
}

/* mean and std are built on the pairwise sum, as numpy's are. */
static void test_mean_std_use_pairwise(void **state)
{
	enum { N = 300 };
	double v[N], dev[N];
	struct ts_summary s;
	double mean, std;

	(void)state;
	for (size_t i = 0; i < N; i++)
		v[i] = 0.1 + rnd() * 1e-3 + (i % 7) * 1e6;
	mean = numpy_pairwise(v, N) / N;
	for (size_t i = 0; i < N; i++)
		dev[i] = (mean - v[i]) * (mean - v[i]);
	std = sqrt(numpy_pairwise(dev, N) / (N - 1));
	ts_stats_summarize(v, N, &s);
	assert_true(s.mean == mean);
	assert_true(s.std == std);
}

static const size_t sizes[] = { 1, 2, 7, 8, 9, 15, 16, 17, 127, 128, 129,
				255, 256, 257, 1000, 4099 };

static void test_pairwise_exact(void **state)
{
	double *v = malloc(5000 * sizeof(*v));

	(void)state;
	assert_non_null(v);
	for (size_t k = 0; k < TS_COUNTOF(sizes); k++) {
		size_t n = sizes[k];
		double got, want;

		/* positive values of mixed magnitude */
		for (size_t i = 0; i < n; i++)
			v[i] = rnd() * (i % 3 == 0 ? 1e3 : 1.0) + 1e-3;
		got = ts_stats_pairwise_sum(v, n);
		want = exact_sum(v, n);
		if (fabs(got - want) > 1e-15 * fabs(want))
			print_error("n = %zu\n", n);
		assert_double_rel(got, want, 1e-15);
		assert_true(got == numpy_pairwise(v, n));

		/* 0.1 repeated: a plain loop is off by 1.4e-14 at n = 1000 */
		for (size_t i = 0; i < n; i++)
			v[i] = 0.1;
		got = ts_stats_pairwise_sum(v, n);
		want = exact_sum(v, n);
		if (fabs(got - want) > 1e-15 * fabs(want))
			print_error("n = %zu (0.1 repeated)\n", n);
		assert_double_rel(got, want, 1e-15);
		assert_true(got == numpy_pairwise(v, n));
	}
	free(v);
}

/* The order of the additions is numpy's: with fewer than 8 values a
 * plain left-to-right loop, so 1e16 + 1 + 1 loses both ones ... */
static void test_pairwise_order(void **state)
{
	const double small[] = { 1e16, 1.0, 1.0, -1e16 };
	double v[16];

	(void)state;
	assert_true(ts_stats_pairwise_sum(small, 4) == 0.0);
	/* ... and from 8 values, eight interleaved partial sums: here
	 * r[0] = 1e16 - 1e16 and r[1..7] collect the ones exactly. */
	for (size_t i = 0; i < 16; i++)
		v[i] = 1.0;
	v[0] = 1e16;
	v[8] = -1e16;
	assert_true(ts_stats_pairwise_sum(v, 16) == 14.0);
	assert_true(numpy_pairwise(v, 16) == 14.0);
}

static void test_ksum(void **state)
{
	struct ts_ksum k = { 0, 0 };
	const double a[] = { 1.0, 1e100, 1.0, -1e100 };
	double *v;

	(void)state;
	assert_true(ts_ksum_value(&k) == 0.0);
	/* Neumaier (not Kahan): the big value arrives second */
	for (size_t i = 0; i < TS_COUNTOF(a); i++)
		ts_ksum_add(&k, a[i]);
	assert_true(ts_ksum_value(&k) == 2.0);

	k = (struct ts_ksum){ 0, 0 };
	for (int i = 0; i < 10; i++)
		ts_ksum_add(&k, 0.1);
	assert_true(ts_ksum_value(&k) == 1.0);

	/* a long stream: as good as the exact sum to an ulp */
	v = malloc(100000 * sizeof(*v));
	assert_non_null(v);
	k = (struct ts_ksum){ 0, 0 };
	for (size_t i = 0; i < 100000; i++) {
		v[i] = 1e6 + rnd() - 0.5 + (i % 2 ? 1e-7 : -1e-7);
		ts_ksum_add(&k, v[i]);
	}
	assert_double_rel(ts_ksum_value(&k), exact_sum(v, 100000), 5e-16);
	free(v);
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Median, min and max against sorting, on 20,000 random arrays of 1 to
 * 300 values drawn from small sets (many ties) and wide ranges. */
static void test_median_random(void **state)
{
	unsigned long long r = 12345;
	double v[300], sorted[300];
	struct ts_summary s;

	(void)state;
	for (int t = 0; t < 20000; t++) {
		size_t n = 1 + (size_t)(t % 300);
		unsigned range = (t % 3 == 0) ? 3 : (t % 3 == 1) ? 50 : 1000000;
		double want;
		for (size_t i = 0; i < n; i++) {
			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			v[i] = (double)((r >> 33) % range) - range / 2.0;
		}
		memcpy(sorted, v, n * sizeof(*v));
		qsort(sorted, n, sizeof(*sorted), cmp_dbl);
		want = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
		ts_stats_summarize(v, n, &s);
		if (s.median != want || s.min != sorted[0] || s.max != sorted[n - 1])
			fail_msg("n=%zu: median %.17g (want %.17g), min %.17g (%.17g), max %.17g (%.17g)",
				 n, s.median, want, s.min, sorted[0], s.max, sorted[n - 1]);
	}
}

/* Least squares against scipy.stats.linregress (scipy 1.10.1): the
 * constants are what tests/ref/check_stats.py's ref_ols() prints for
 * these pairs (intervals with its t975(4)); check_stats.py compares
 * many more cases through tests/ref/statsdrv.c. */
static void test_ols(void **state)
{
	const double x[] = { 10, 20, 20, 35, 50, 80 };
	const double y[] = { 1.3, 1.9, 2.1, 2.6, 3.9, 5.2 };
	struct ts_ols o;

	(void)state;
	assert_int_equal(ts_stats_ols(x, y, 6, &o), 0);
	assert_int_equal(o.n, 6);
	assert_int_equal(o.distinct_x, 5);
	assert_double_rel(o.slope, 0.05595984943538268, 1e-9);
	assert_double_rel(o.intercept, 0.8281053952321207, 1e-9);
	assert_double_rel(o.slope_se, 0.0034063338294190166, 1e-9);
	assert_double_rel(o.intercept_se, 0.14601614607400146, 1e-9);
	assert_double_rel(o.slope_ci95[0], 0.0465023505480226, 1e-9);
	assert_double_rel(o.slope_ci95[1], 0.06541734832274276, 1e-9);
	assert_double_rel(o.intercept_ci95[0], 0.4226995811851132, 1e-9);
	assert_double_rel(o.intercept_ci95[1], 1.2335112092791283, 1e-9);
	assert_double_rel(o.r_squared, 0.9853953272339179, 1e-9);
}

/* No line: too few pairs, one x; every y equal: a flat line, no R^2;
 * an exact line: zero standard errors, R^2 1. */
static void test_ols_edges(void **state)
{
	const double x[] = { 4, 4, 4 }, y[] = { 1, 2, 3 };
	const double x2[] = { 1, 2, 3, 4 }, y2[] = { 3, 5, 7, 9 }, flat[] = { 2, 2, 2, 2 };
	struct ts_ols o;

	(void)state;
	assert_int_equal(ts_stats_ols(x2, y2, 2, &o), -1);
	assert_int_equal(o.n, 2);
	assert_true(isnan(o.slope) && isnan(o.r_squared) && isnan(o.slope_ci95[0]));
	assert_int_equal(ts_stats_ols(x, y, 3, &o), -1);
	assert_int_equal(o.distinct_x, 1);
	assert_true(isnan(o.intercept) && isnan(o.intercept_ci95[1]));
	assert_int_equal(ts_stats_ols(x2, flat, 4, &o), 0);
	assert_true(o.slope == 0 && o.intercept == 2 && o.slope_se == 0);
	assert_true(isnan(o.r_squared));
	assert_int_equal(ts_stats_ols(x2, y2, 4, &o), 0);
	assert_true(o.slope == 2 && o.intercept == 1 && o.slope_se == 0 && o.intercept_se == 0);
	assert_true(o.slope_ci95[0] == 2 && o.slope_ci95[1] == 2 && o.r_squared == 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_n0),
		cmocka_unit_test(test_n1),
		cmocka_unit_test(test_n2),
		cmocka_unit_test(test_odd_median),
		cmocka_unit_test(test_even_median),
		cmocka_unit_test(test_even_median_unequal_gap),
		cmocka_unit_test(test_constant),
		cmocka_unit_test(test_large_offset),
		cmocka_unit_test(test_shuffled_range),
		cmocka_unit_test(test_mean_std_use_pairwise),
		cmocka_unit_test(test_pairwise_exact),
		cmocka_unit_test(test_pairwise_order),
		cmocka_unit_test(test_ksum),
		cmocka_unit_test(test_median_random),
		cmocka_unit_test(test_ols),
		cmocka_unit_test(test_ols_edges),
	};

	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
