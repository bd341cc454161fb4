/* stats.h - n, mean, sample std, min, max, median of a list of values;
 * standard error, confidence intervals, quantiles, Tukey's outlier counts,
 * the Wilson interval of a proportion, the ratio of two means with its
 * interval, and the warm-up test of issue 13 (README "Statistics").
 *
 * Pure (the t and normal quantiles come from GSL, which keeps no state
 * for them). The sums follow numpy's pairwise summation (what pandas' mean()
 * and std() use), so results agree with pandas to the last bits on the
 * same values in the same order, and the variance is two-pass (sum of
 * squared deviations from the mean), never the sum of squares.
 */
#ifndef TS_STATS_H
#define TS_STATS_H

#include "ts.h"

#include <stddef.h>

/* The summary of one list of values (METRICS.md section 4). */
struct ts_summary {
	long n;          /* values used; -1 = unknown (analysis_json tiers) */
	double mean;     /* NAN when undefined */
	double std;      /* sample std, divisor n - 1; NAN for n < 2 */
	double min;
	double max;
	double median;
};

/* Summarise v[0..n): the values must be finite. v is not changed (the
 * median is selected, in O(n), from a copy). n = 0 gives n 0 and NAN
 * elsewhere; n = 1 gives a NAN std (pandas' std() of one value is NaN). */
void ts_stats_summarize(const double *v, size_t n, struct ts_summary *out);

/* numpy's pairwise sum of v[0..n) (numpy/core/src/umath/loops_utils.h). */
double ts_stats_pairwise_sum(const double *v, size_t n);

/* Compensated (Neumaier) running sum, for streams whose length is not
 * known in advance (realtime samples). */
struct ts_ksum { double sum, c; };
static inline void ts_ksum_add(struct ts_ksum *k, double x)
{
	double t = k->sum + x;
	if ((k->sum < 0 ? -k->sum : k->sum) >= (x < 0 ? -x : x))
		k->c += (k->sum - t) + x;
	else
		k->c += (x - t) + k->sum;
	k->sum = t;
}
static inline double ts_ksum_value(const struct ts_ksum *k)
{
	return k->sum + k->c;
}

/* ==== Intervals, quantiles, outliers (README "Statistics") ====
 *
 * Every interval is two-sided at 95 %, written lo, hi into a double[2];
 * "none" is NAN in both. Proportions are fractions (0 to 1), not percent.
 * The quantiles of t and of the normal distribution are GSL's
 * (gsl_cdf_tdist_Pinv, gsl_cdf_ugaussian_Pinv); nothing here calls GSL
 * with an argument outside its domain, so GSL's error handler never runs. */

/* The 0.975 quantile of Student's t with df degrees of freedom, df > 0
 * and finite, fractional allowed (Welch); NAN otherwise. */
double ts_stats_t975(double df);
/* The 0.975 quantile of the standard normal, z = 1.959963984540054. */
double ts_stats_z975(void);

/* A new copy of v[0..n) sorted ascending (values finite), for
 * ts_stats_quantile(); the caller frees it. NULL for n = 0. */
double *ts_stats_sorted(const double *v, size_t n);

/* Quantile p (0 <= p <= 1) of sorted[0..n) (ascending): Hyndman and Fan
 * type 7, numpy's and pandas' default ("linear"): h = (n - 1) p,
 * j = floor(h), g = h - j, then x[j] + g (x[j+1] - x[j]) (x[n-1] when
 * j = n - 1), evaluated as numpy does (from the upper end when
 * g >= 0.5) so that it agrees with Series.quantile to the last bits.
 * NAN for n = 0 or p outside [0, 1]. */
double ts_stats_quantile(const double *sorted, size_t n, double p);

/* Tukey's fences from the quartiles q1, q3, with IQR = q3 - q1: the inner
 * fences are q1 - 1.5 IQR and q3 + 1.5 IQR, the outer q1 - 3 IQR and
 * q3 + 3 IQR (each computed in that order, in double). A value is a
 * severe outlier when it is strictly beyond an outer fence (x < q1 - 3 IQR
 * or x > q3 + 3 IQR), a mild one when it is strictly beyond an inner
 * fence but not severe: the two counts are disjoint, and mild + severe
 * is the number of values outside the inner fences. A value equal to a
 * fence is not beyond it. */
struct ts_tukey {
	long mild, severe;
	long first_mild, first_severe;  /* index into v of the first; -1 none */
};
/* Count v[0..n) (any order; the indices refer to it). n = 0, or q1/q3
 * NAN: zero counts, indices -1. */
void ts_stats_tukey(const double *v, size_t n, double q1, double q3,
		    struct ts_tukey *out);

/* se = std / sqrt(n) and the interval of the mean,
 * mean -+ t975(n - 1) se, from a summary alone (n, mean, std), so that it
 * serves summaries whose values are gone too. n < 2 (or n -1, unknown):
 * se NAN and no interval. All values equal: se 0, lo = hi = mean. */
void ts_stats_mean_ci(const struct ts_summary *s, double *se, double ci95[2]);

/* What struct ts_summary lacks, for one list of values. */
struct ts_spread {
	double se;                /* ts_stats_mean_ci(); NAN for n < 2 */
	double ci95[2];           /* of the mean; NAN for n < 2 */
	double p05, q1, q3, p95;  /* type 7; NAN for n = 0; n = 1: the value */
	struct ts_tukey tukey;    /* with q1 and q3 */
};
/* The spread of v[0..n) (finite values, v not changed), whose summary s
 * is ts_stats_summarize() of the same v and n. Sorts a copy: O(n log n). */
void ts_stats_spread(const double *v, size_t n, const struct ts_summary *s,
		     struct ts_spread *out);

/* Wilson's score interval of the proportion k/n at 95 %, no continuity
 * correction, z = ts_stats_z975(): with p = k/n,
 *   centre = (p + z^2/(2n)) / (1 + z^2/n),
 *   half   = z / (1 + z^2/n) * sqrt(p (1 - p) / n + z^2 / (4 n^2)),
 * [centre - half, centre + half]; the bound is exactly 0 for k = 0 and
 * exactly 1 for k = n (where the formula gives them up to rounding).
 * Returns 0, or -1 (no interval: NAN) for n <= 0 or k outside 0..n.
 * A pooled interval is the same call with the sums of k and n. */
int ts_stats_wilson(long k, long n, double ci95[2]);

/* The ratio of the mean of a to the mean of b, with a 95 % interval on
 * the log ratio: var(log mean) ~ std^2 / (n mean^2) for each (the delta
 * method), se = sqrt(var_a + var_b), Welch-Satterthwaite degrees of
 * freedom df = (var_a + var_b)^2 / (var_a^2/(n_a - 1) + var_b^2/(n_b - 1)),
 * interval ratio * exp(-+ t975(df) se). */
struct ts_ratio {
	double ratio;    /* mean_a / mean_b */
	double ci95[2];
	double df;       /* NAN when both std are 0 (then lo = hi = ratio) */
	double se_log;   /* se of log(ratio) */
};
/* Returns 0, or -1 (everything NAN) when either n < 2 (or unknown), or
 * a mean is not > 0 (no logarithm), or a std is NAN. */
int ts_stats_ratio(const struct ts_summary *a, const struct ts_summary *b,
		   struct ts_ratio *out);

/* The warm-up test for one synthesis file: rtf[0..n) its RTF values in
 * request order (finite). 1 when the first is strictly larger (slower)
 * than every other and strictly more than twice the median of all n
 * (the numpy median, the first included); else 0, and always 0 for
 * n < 2. */
int ts_stats_warmup_suspect(const double *rtf, size_t n);

/* ==== Least squares (issue 15 item 4, README "Statistics") ====
 *
 * The ordinary least-squares line y = intercept + slope x through the
 * pairs (x[i], y[i]), i < n (finite values), as scipy.stats.linregress
 * fits it, computed from centred sums: mx, my the means (numpy's
 * pairwise sum, then one compensated correction pass), sxx, sxy, syy the
 * sums of products of deviations (Neumaier), slope = sxy / sxx,
 * intercept = my - slope mx; the residual sum of squares
 * sse = sum (dy - slope dx)^2 is summed from the residuals themselves
 * (not (1 - r^2) syy, which cancels when the fit is close),
 * se(slope) = sqrt(sse / (n - 2) / sxx),
 * se(intercept) = se(slope) sqrt(sxx / n + mx^2) (linregress's
 * intercept_stderr), the 95 % intervals estimate -+ t975(n - 2) se, and
 * R^2 = sxy^2 / (sxx syy) (at most 1). */
struct ts_ols {
	long n;                  /* pairs */
	long distinct_x;         /* distinct values among x */
	double slope, intercept; /* NAN when undefined */
	double slope_se, intercept_se;
	double slope_ci95[2], intercept_ci95[2];
	double r_squared;        /* NAN when every y is equal (syy 0;
	                            linregress says 0 there) */
};
/* Fit x[0..n), y[0..n) (not changed). Returns 0, or -1 when no line is
 * defined: n < 3 (no residual degree of freedom) or every x equal; then
 * n and distinct_x are set and everything else is NAN. O(n log n) (the
 * distinct count sorts a copy of x). */
int ts_stats_ols(const double *x, const double *y, size_t n, struct ts_ols *out);

#endif /* TS_STATS_H */
