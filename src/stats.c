/* stats.c - summary statistics (see stats.h). */
#include "ts.h"
#include "stats.h"
#include "mem.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* numpy's pairwise_sum for doubles: below 8 values a plain loop; up to
 * 128 eight interleaved accumulators; above, split at a multiple of 8 and
 * recurse. Reproduced exactly so that means agree bit for bit. */
double ts_stats_pairwise_sum(const double *v, size_t n)
{
	if (n < 8) {
		double res = 0.;
		for (size_t i = 0; i < n; i++)
			res += v[i];
		return res;
	}
	if (n <= 128) {
		double r[8], res;
		size_t i;

		for (i = 0; i < 8; i++)
			r[i] = v[i];
		for (i = 8; i < n - (n % 8); i += 8)
			for (size_t j = 0; j < 8; j++)
				r[j] += v[i + j];
		res = ((r[0] + r[1]) + (r[2] + r[3])) +
		      ((r[4] + r[5]) + (r[6] + r[7]));
		for (; i < n; i++)
			res += v[i];
		return res;
	}
	{
		size_t n2 = n / 2;
		n2 -= n2 % 8;
		return ts_stats_pairwise_sum(v, n2) +
		       ts_stats_pairwise_sum(v + n2, n - n2);
	}
}

/* The k-th smallest of v[0..n) (0-based), moving values around:
 * Hoare's selection with a median-of-three pivot, O(n) on average. A
 * median by sorting cost a fifth of a re-run over 160,000 rows. */
static double select_kth(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
		double a = v[lo], b = v[mid], c = v[hi], pivot;
		/* median of three */
		pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				double t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return v[k];   /* between the two halves: equal to the pivot */
	}
	return v[k];
}

void ts_stats_summarize(const double *v, size_t n, struct ts_summary *out)
{
	double *tmp;

	out->n = (long)n;
	out->mean = out->std = out->min = out->max = out->median = NAN;
	if (n == 0)
		return;
	tmp = ts_xmalloc(n * sizeof(*tmp));
	/* pandas nanmean: pairwise sum / count */
	out->mean = ts_stats_pairwise_sum(v, n) / (double)n;
	if (n >= 2) {
		/* pandas nanvar: sum((mean - x)^2) / (n - 1), then sqrt */
		for (size_t i = 0; i < n; i++) {
			double dev = out->mean - v[i];
			tmp[i] = dev * dev;
		}
		out->std = sqrt(ts_stats_pairwise_sum(tmp, n) / (double)(n - 1));
	}
	out->min = out->max = v[0];
	for (size_t i = 1; i < n; i++) {
		if (v[i] < out->min)
			out->min = v[i];
		if (v[i] > out->max)
			out->max = v[i];
	}
	/* numpy median: the middle value, or the mean of the middle two
	 * (the lower one is the largest value left of the upper one) */
	memcpy(tmp, v, n * sizeof(*tmp));
	{
		double upper = select_kth(tmp, n, n / 2);
		if (n % 2) {
			out->median = upper;
		} else {
			double lower = tmp[0];
			for (size_t i = 1; i < n / 2; i++)
				if (tmp[i] > lower)
					lower = tmp[i];
			out->median = (lower + upper) / 2.0;
		}
	}
	free(tmp);
}

/* ==== intervals, quantiles, outliers ==== */

double ts_stats_t975(double df)
{
	if (!(df > 0) || !isfinite(df))
		return NAN;
	return gsl_cdf_tdist_Pinv(0.975, df);
}

double ts_stats_z975(void)
{
	return gsl_cdf_ugaussian_Pinv(0.975);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double *ts_stats_sorted(const double *v, size_t n)
{
	double *s;

	if (n == 0)
		return NULL;
	s = ts_xmalloc(n * sizeof(*s));
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	return s;
}

/* numpy 1.22+ _quantile with method "linear": virtual index (n - 1) p,
 * neighbours floor and floor + 1 (both the last one at the top), and
 * _lerp, which computes from the upper neighbour when g >= 0.5. */
double ts_stats_quantile(const double *sorted, size_t n, double p)
{
	double h, j, g, a, b, d;
	size_t lo;

	if (n == 0 || !(p >= 0 && p <= 1))
		return NAN;
	h = (double)(n - 1) * p;
	j = floor(h);
	g = h - j;
	lo = (size_t)j;
	if (lo >= n - 1)
		lo = n - 1;
	a = sorted[lo];
	b = sorted[lo + 1 < n ? lo + 1 : n - 1];
	d = b - a;
	return g >= 0.5 ? b - d * (1 - g) : a + d * g;
}

void ts_stats_tukey(const double *v, size_t n, double q1, double q3,
		    struct ts_tukey *out)
{
	double iqr = q3 - q1;
	double in_lo = q1 - 1.5 * iqr, in_hi = q3 + 1.5 * iqr;
	double out_lo = q1 - 3 * iqr, out_hi = q3 + 3 * iqr;

	out->mild = out->severe = 0;
	out->first_mild = out->first_severe = -1;
	if (isnan(iqr))
		return;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < out_lo || v[i] > out_hi) {
			if (out->severe++ == 0)
				out->first_severe = (long)i;
		} else if (v[i] < in_lo || v[i] > in_hi) {
			if (out->mild++ == 0)
				out->first_mild = (long)i;
		}
	}
}

void ts_stats_mean_ci(const struct ts_summary *s, double *se, double ci95[2])
{
	double t;

	*se = ci95[0] = ci95[1] = NAN;
	if (s->n < 2 || isnan(s->std) || isnan(s->mean))
		return;
	*se = s->std / sqrt((double)s->n);
	t = ts_stats_t975((double)(s->n - 1));
	ci95[0] = s->mean - t * *se;
	ci95[1] = s->mean + t * *se;
}

void ts_stats_spread(const double *v, size_t n, const struct ts_summary *s,
		     struct ts_spread *out)
{
	double *sorted = ts_stats_sorted(v, n);

	ts_stats_mean_ci(s, &out->se, out->ci95);
	out->p05 = ts_stats_quantile(sorted, n, 0.05);
	out->q1 = ts_stats_quantile(sorted, n, 0.25);
	out->q3 = ts_stats_quantile(sorted, n, 0.75);
	out->p95 = ts_stats_quantile(sorted, n, 0.95);
	ts_stats_tukey(v, n, out->q1, out->q3, &out->tukey);
	free(sorted);
}

int ts_stats_wilson(long k, long n, double ci95[2])
{
	double z, z2, p, nn, denom, centre, half;

	ci95[0] = ci95[1] = NAN;
	if (n <= 0 || k < 0 || k > n)
		return -1;
	z = ts_stats_z975();
	z2 = z * z;
	nn = (double)n;
	p = (double)k / nn;
	denom = 1 + z2 / nn;
	centre = (p + z2 / (2 * nn)) / denom;
	half = z / denom * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
	ci95[0] = k == 0 ? 0 : centre - half;
	ci95[1] = k == n ? 1 : centre + half;
	return 0;
}

int ts_stats_ratio(const struct ts_summary *a, const struct ts_summary *b,
		   struct ts_ratio *out)
{
	double va, vb, t;

	out->ratio = out->ci95[0] = out->ci95[1] = out->df = out->se_log = NAN;
	if (a->n < 2 || b->n < 2 || !(a->mean > 0) || !(b->mean > 0) ||
	    isnan(a->std) || isnan(b->std))
		return -1;
	/* delta method: var(log mean) ~ (std / mean)^2 / n */
	va = a->std / a->mean;
	va = va * va / (double)a->n;
	vb = b->std / b->mean;
	vb = vb * vb / (double)b->n;
	out->ratio = a->mean / b->mean;
	out->se_log = sqrt(va + vb);
	if (va + vb == 0) {
		out->ci95[0] = out->ci95[1] = out->ratio;
		return 0;
	}
	out->df = (va + vb) * (va + vb) /
		  (va * va / (double)(a->n - 1) + vb * vb / (double)(b->n - 1));
	t = ts_stats_t975(out->df);
	out->ci95[0] = out->ratio * exp(-t * out->se_log);
	out->ci95[1] = out->ratio * exp(t * out->se_log);
	return 0;
}

int ts_stats_warmup_suspect(const double *rtf, size_t n)
{
	struct ts_summary s;

	if (n < 2)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!(rtf[0] > rtf[i]))
			return 0;
	ts_stats_summarize(rtf, n, &s);
	return rtf[0] > 2 * s.median;
}

/* ==== least squares ==== */

/* The mean of v[0..n) (n > 0): numpy's pairwise sum over n, then the
 * compensated mean of the deviations from it added back. */
static double careful_mean(const double *v, size_t n)
{
	double m = ts_stats_pairwise_sum(v, n) / (double)n;
	struct ts_ksum k = { 0, 0 };

	for (size_t i = 0; i < n; i++)
		ts_ksum_add(&k, v[i] - m);
	return m + ts_ksum_value(&k) / (double)n;
}

static long count_distinct(const double *v, size_t n)
{
	double *s = ts_stats_sorted(v, n);
	long d = n > 0;

	for (size_t i = 1; i < n; i++)
		d += s[i] != s[i - 1];
	free(s);
	return d;
}

int ts_stats_ols(const double *x, const double *y, size_t n, struct ts_ols *out)
{
	struct ts_ksum kxx = { 0, 0 }, kxy = { 0, 0 }, kyy = { 0, 0 }, kee = { 0, 0 };
	double mx, my, sxx, sxy, syy, t, r2;

	out->n = (long)n;
	out->distinct_x = count_distinct(x, n);
	out->slope = out->intercept = out->slope_se = out->intercept_se = NAN;
	out->slope_ci95[0] = out->slope_ci95[1] = NAN;
	out->intercept_ci95[0] = out->intercept_ci95[1] = NAN;
	out->r_squared = NAN;
	if (n < 3 || out->distinct_x < 2)
		return -1;
	mx = careful_mean(x, n);
	my = careful_mean(y, n);
	for (size_t i = 0; i < n; i++) {
		double dx = x[i] - mx, dy = y[i] - my;
		ts_ksum_add(&kxx, dx * dx);
		ts_ksum_add(&kxy, dx * dy);
		ts_ksum_add(&kyy, dy * dy);
	}
	sxx = ts_ksum_value(&kxx);
	sxy = ts_ksum_value(&kxy);
	syy = ts_ksum_value(&kyy);
	out->slope = sxy / sxx;
	out->intercept = my - out->slope * mx;
	for (size_t i = 0; i < n; i++) {
		double e = (y[i] - my) - out->slope * (x[i] - mx);
		ts_ksum_add(&kee, e * e);
	}
	out->slope_se = sqrt(ts_ksum_value(&kee) / (double)(n - 2) / sxx);
	out->intercept_se = out->slope_se * sqrt(sxx / (double)n + mx * mx);
	t = ts_stats_t975((double)(n - 2));
	out->slope_ci95[0] = out->slope - t * out->slope_se;
	out->slope_ci95[1] = out->slope + t * out->slope_se;
	out->intercept_ci95[0] = out->intercept - t * out->intercept_se;
	out->intercept_ci95[1] = out->intercept + t * out->intercept_se;
	if (syy > 0) {
		r2 = sxy / sxx * (sxy / syy);
		out->r_squared = r2 > 1 ? 1 : r2;
	}
	return 0;
}
