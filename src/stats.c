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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
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
	memcpy(tmp, v, n * sizeof(*tmp));
	qsort(tmp, n, sizeof(*tmp), cmp_double);
	out->min = tmp[0];
	out->max = tmp[n - 1];
	/* numpy median: the middle value, or the mean of the middle two */
	out->median = n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2.0;
	free(tmp);
}
