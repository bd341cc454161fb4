/* stats.c - summary statistics (see stats.h). */
#include "ts.h"
#include "stats.h"
#include "mem.h"

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
