/* envelope.c - the time-bucketed envelope of one series (see envelope.h).
 *
 * Invariants kept by every function below, on which the order
 * independence rests:
 *   - scale is the smallest width (>= the one asked for) at which every
 *     time seen has an index in [-2^53, 2^53) and the span from the first
 *     to the last non-empty bucket is at most TS_ENV_BUCKETS;
 *   - b[0] and b[nr - 1] are non-empty; b[nr..TS_ENV_BUCKETS) are empty
 *     (n 0, min and max NAN, sum +0 + +0), so growing needs no clearing;
 *   - the sum of a bucket is canonical: sum_hi is the exact sum rounded to
 *     nearest, sum_lo the exact rest, zeros positive. Equal exact sums
 *     then have equal bits, and combining buckets in any order and any
 *     grouping gives the same bits.
 */
#include "ts.h"
#include "envelope.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Bucket indices stay within +-2^53: every bucket's start time
 * (index * 2^scale) is then a double exactly, and spans fit in long long
 * with room to spare. Times beyond 2^50 s (35 million years) at the
 * finest width make the width coarser; no real clock gets there. */
#define ENV_INDEX_LIM 9007199254740992.0 /* 2^53 */

/* ==== the exact sum ==================================================== */

/* Knuth's TwoSum: *s + *err == a + b exactly, *s the rounded sum, for any
 * a and b (no ordering by magnitude needed, unlike FastTwoSum, which is
 * not exact when a cancellation leaves the sum smaller than the rest). */
static void two_sum(double a, double b, double *s, double *err)
{
	double x = a + b, bb = x - a;

	*s = x;
	*err = (a - (x - bb)) + (b - bb);
}

/* Add v to the canonical pair (hi, lo) and leave it canonical. The first
 * TwoSum is exact; hi's rounding error plus lo is exact too while the
 * running sum is below 2^105 units of the finest value added (both are
 * multiples of that unit and below an ulp of the sum); the last TwoSum
 * then rounds the exact total to nearest into hi and keeps the rest in lo.
 * No -0 ever appears, whatever the order, so zeros need no care: rounding
 * to nearest, x + y is -0 only when both are -0 and x - y only when x is
 * -0 and y +0; hi and lo start +0, so neither TwoSum makes a -0 from them
 * (a -0 value v only meets nonzero or +0 terms). */
static void dd_add(double *hi, double *lo, double v)
{
	double s, e;

	two_sum(*hi, v, &s, &e);
	two_sum(s, e + *lo, hi, lo);
}

/* ==== buckets ========================================================== */

static void bucket_clear(struct ts_env_bucket *b)
{
	b->min = NAN;
	b->max = NAN;
	b->sum_hi = 0.0;
	b->sum_lo = 0.0;
	b->n = 0;
}

/* The smaller and larger of two finite values, with -0 below +0: fmin
 * may return either zero, and min and max must not depend on order. */
static double min_of(double a, double b)
{
	return b < a || (b == a && signbit(b)) ? b : a;
}

static double max_of(double a, double b)
{
	return b > a || (b == a && !signbit(b)) ? b : a;
}

static void bucket_add(struct ts_env_bucket *b, double v)
{
	b->min = b->n ? min_of(b->min, v) : v;
	b->max = b->n ? max_of(b->max, v) : v;
	dd_add(&b->sum_hi, &b->sum_lo, v);
	b->n++;
}

/* Add the samples of src to dst. src is taken by value, so dst and src
 * may be the same bucket (an envelope merged into itself). */
static void bucket_combine(struct ts_env_bucket *dst, struct ts_env_bucket src)
{
	if (src.n == 0)
		return;
	if (dst->n == 0) {
		*dst = src;
		return;
	}
	dst->min = min_of(dst->min, src.min);
	dst->max = max_of(dst->max, src.max);
	dd_add(&dst->sum_hi, &dst->sum_lo, src.sum_hi);
	dd_add(&dst->sum_hi, &dst->sum_lo, src.sum_lo);
	dst->n += src.n;
}

/* ==== indices ========================================================== */

/* floor(k / 2^d) for d >= 0, rounding towards minus infinity for
 * negative k too (C's / truncates towards zero: -1 / 2 is 0, but bucket
 * -1 of width w lies in bucket -1 of width 2w). */
static long long floor_shift(long long k, int d)
{
	long long m, q;

	if (d <= 0)
		return k;
	if (d >= 62) /* |k| <= 2^54: the quotient is 0 or -1 */
		return k < 0 ? -1 : 0;
	m = 1LL << d;
	q = k / m;
	return k % m < 0 ? q - 1 : q;
}

/* The scaled time t / 2^scale (exact: a power of two, unless it falls
 * below the smallest double, where only its sign matters). */
static double scaled(double t, int scale)
{
	return ldexp(t, -scale);
}

static int index_fits(double t, int scale)
{
	double x = scaled(t, scale);

	return x >= -ENV_INDEX_LIM && x < ENV_INDEX_LIM;
}

/* floor(t / 2^scale); the scale must fit t (index_fits). A negative t so
 * small that t / 2^scale underflows to -0 is still in bucket -1. */
static long long index_of(double t, int scale)
{
	long long k = (long long)floor(scaled(t, scale));

	return k == 0 && t < 0 ? -1 : k;
}

/* ==== the span ========================================================= */

static void env_alloc(struct ts_envelope *e)
{
	if (e->b)
		return;
	e->b = ts_xmalloc(TS_ENV_BUCKETS * sizeof(*e->b));
	for (size_t i = 0; i < TS_ENV_BUCKETS; i++)
		bucket_clear(&e->b[i]);
}

/* Coarsen e to `scale` (> e->scale, or nothing to do): bucket i moves
 * into bucket floor((first + i) / 2^d). Targets never pass their sources
 * (j <= i) and rise with i, so it is done in place, front to back: each
 * source is emptied once read, so a slot is empty when it first becomes
 * a target, and the slots past the new nr are left empty. */
static void env_rescale(struct ts_envelope *e, int scale)
{
	int d = scale - e->scale;
	long long first;
	size_t nr = 0;

	if (d <= 0)
		return;
	e->scale = scale;
	if (e->nr == 0)
		return;
	first = floor_shift(e->first, d);
	for (size_t i = 0; i < e->nr; i++) {
		struct ts_env_bucket src = e->b[i];
		size_t j = (size_t)(floor_shift(e->first + (long long)i, d) - first);

		bucket_clear(&e->b[i]);
		bucket_combine(&e->b[j], src);
		nr = j + 1;
	}
	e->first = first;
	e->nr = nr;
}

/* The smallest scale >= `scale` (>= e->scale) at which e's buckets and the
 * indices [lo, hi] (at `scale`) fit in TS_ENV_BUCKETS; e is coarsened to
 * it. Doubling halves a span of m buckets to at most m / 2 + 1, so the
 * first scale that fits is the smallest. */
static int env_fit(struct ts_envelope *e, int scale, long long lo, long long hi)
{
	if (e->nr > 0) {
		int d = scale - e->scale;
		long long elo = floor_shift(e->first, d);
		long long ehi = floor_shift(e->first + (long long)e->nr - 1, d);

		lo = elo < lo ? elo : lo;
		hi = ehi > hi ? ehi : hi;
	}
	while (hi - lo >= TS_ENV_BUCKETS) {
		scale++;
		lo = floor_shift(lo, 1);
		hi = floor_shift(hi, 1);
	}
	env_rescale(e, scale);
	return scale;
}

/* Make b[0..nr) cover the indices [lo, hi] at e's scale (env_fit made
 * room): move the buckets up when lo is below first. */
static void env_extend(struct ts_envelope *e, long long lo, long long hi)
{
	long long last = e->first + (long long)e->nr - 1;

	if (e->nr == 0) {
		e->first = lo;
		e->nr = (size_t)(hi - lo + 1);
		return;
	}
	if (lo < e->first) {
		size_t up = (size_t)(e->first - lo);

		memmove(e->b + up, e->b, e->nr * sizeof(*e->b));
		for (size_t i = 0; i < up; i++)
			bucket_clear(&e->b[i]);
		e->first = lo;
	}
	if (hi > last)
		last = hi;
	e->nr = (size_t)(last - e->first + 1);
}

/* ==== the interface ==================================================== */

/* The cached bucket of ts_env_add no longer stands (the buckets moved). */
static void forget_bucket(struct ts_envelope *e)
{
	e->cur = 0;
	e->cur_lo = INFINITY;
	e->cur_hi = -INFINITY;
}

/* The bucket after the cached one, when t is in it and it is in the span
 * or the span can grow by it (as env_fit and env_extend would have it:
 * within TS_ENV_BUCKETS, its index within the limit; the buckets past nr
 * are clear): made the cached one. The common case of samples in time
 * order, which then needs no division. */
static int next_bucket(struct ts_envelope *e, double t)
{
	double w = e->cur_hi - e->cur_lo, hi = e->cur_hi + w;
	size_t next = e->cur + 1;

	if (!(t < hi) || next >= TS_ENV_BUCKETS || next > e->nr || !index_fits(hi, e->scale))
		return 0;
	if (next == e->nr)
		e->nr++;
	e->cur = next;
	e->cur_lo = e->cur_hi;
	e->cur_hi = hi;
	return 1;
}

void ts_env_init(struct ts_envelope *e)
{
	e->scale = TS_ENV_MIN_SCALE;
	e->first = 0;
	e->nr = 0;
	e->samples = 0;
	e->b = NULL;
	forget_bucket(e);
}

/* A time or value that is not finite breaks the contract; it is left out
 * rather than doubling the width forever (an infinite time fits none). */
void ts_env_add(struct ts_envelope *e, double t, double v)
{
	int scale = e->scale;
	long long k;

	if (!isfinite(t) || !isfinite(v))
		return;
	/* k 2^scale <= t < (k + 1) 2^scale is floor(t / 2^scale) = k: the
	 * bounds are exact (|k| < 2^53), the comparison too */
	if (t >= e->cur_lo && t < e->cur_hi) {
		bucket_add(&e->b[e->cur], v);
		e->samples++;
		return;
	}
	if (t >= e->cur_hi && next_bucket(e, t)) {
		bucket_add(&e->b[e->cur], v);
		e->samples++;
		return;
	}
	env_alloc(e);
	while (!index_fits(t, scale))
		scale++;
	k = index_of(t, scale);
	scale = env_fit(e, scale, k, k);
	k = index_of(t, scale);
	env_extend(e, k, k);
	bucket_add(&e->b[k - e->first], v);
	e->samples++;
	e->cur = (size_t)(k - e->first);
	e->cur_lo = ldexp((double)k, e->scale);
	e->cur_hi = ldexp((double)(k + 1), e->scale);
}

/* `from` may be `into`: then the scale and the span do not change, and
 * bucket_combine copies each source before adding it to itself. */
void ts_env_merge(struct ts_envelope *into, const struct ts_envelope *from)
{
	int scale = into->scale > from->scale ? into->scale : from->scale;
	long long first = from->first, last = first + (long long)from->nr - 1;
	size_t nr = from->nr;
	int d;

	forget_bucket(into);
	if (nr == 0) {
		env_rescale(into, scale);
		return;
	}
	env_alloc(into);
	d = scale - from->scale;
	scale = env_fit(into, scale, floor_shift(first, d), floor_shift(last, d));
	d = scale - from->scale;
	env_extend(into, floor_shift(first, d), floor_shift(last, d));
	for (size_t i = 0; i < nr; i++) {
		long long k = floor_shift(first + (long long)i, d);

		bucket_combine(&into->b[k - into->first], from->b[i]);
	}
	into->samples += from->samples;
}

void ts_env_coarsen(struct ts_envelope *e, int scale)
{
	forget_bucket(e);
	env_rescale(e, scale);
}

double ts_env_width(const struct ts_envelope *e)
{
	return ldexp(1.0, e->scale);
}

double ts_env_start(const struct ts_envelope *e, size_t i)
{
	return ldexp((double)(e->first + (long long)i), e->scale);
}

/* sum_hi is the exact sum rounded already (canonical), so this is sum_hi;
 * written as the header says in case a sum ever is not canonical. */
double ts_env_sum(const struct ts_env_bucket *b)
{
	return b->sum_hi + b->sum_lo;
}

double ts_env_mean(const struct ts_env_bucket *b)
{
	return b->n ? ts_env_sum(b) / (double)b->n : NAN;
}

/* Bits, not ==: NAN != NAN, and -0 == +0. */
static int same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

static int bucket_equal(const struct ts_env_bucket *a, const struct ts_env_bucket *b)
{
	return same_bits(a->min, b->min) && same_bits(a->max, b->max) &&
	       same_bits(a->sum_hi, b->sum_hi) && same_bits(a->sum_lo, b->sum_lo) &&
	       a->n == b->n;
}

int ts_env_equal(const struct ts_envelope *a, const struct ts_envelope *b)
{
	if (a->scale != b->scale || a->first != b->first || a->nr != b->nr)
		return 0;
	for (size_t i = 0; i < a->nr; i++)
		if (!bucket_equal(&a->b[i], &b->b[i]))
			return 0;
	return 1;
}

void ts_env_release(struct ts_envelope *e)
{
	free(e->b);
	ts_env_init(e);
}
