/* stats.h - n, mean, sample std, min, max, median of a list of values.
 *
 * Pure. The sums follow numpy's pairwise summation (what pandas' mean()
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

#endif /* TS_STATS_H */
