/* envelope.h - a time series kept in bounded memory: the envelope of its
 * samples in buckets of time (issue 15 item 1), for the timelines.
 *
 * A bucket holds, of the samples whose time falls in it, the minimum,
 * the maximum, the sum and the count. Buckets are aligned to absolute
 * time: with a width of 2^scale seconds (scale >= TS_ENV_MIN_SCALE),
 * bucket k holds the times t with floor(t / 2^scale) = k (the division
 * by a power of two is exact). An envelope has at most TS_ENV_BUCKETS
 * buckets from its first to its last non-empty one; when a sample falls
 * outside that span, the width doubles (each pair 2j, 2j+1 merges into
 * bucket j) until it fits. So the width is always the smallest that the
 * times seen so far allow, and it does not depend on their order.
 *
 * The sum of a bucket is a double-double (hi + lo, TwoSum): exact while
 * the exact sum of its values fits in 106 bits (memory in MB or CPU in %
 * over a day of 100 ms samples does, by far). Then the envelope of a set
 * of samples does not depend on the order they were added in, nor on how
 * they were split between envelopes later merged: a file read whole and
 * in segments on several threads gives identical buckets.
 *
 * Memory: one allocation of TS_ENV_BUCKETS buckets per envelope (at the
 * first sample), whatever the length of the series. Not thread-safe:
 * one envelope per thread, merged afterwards.
 */
#ifndef TS_ENVELOPE_H
#define TS_ENVELOPE_H

#include "ts.h"

#define TS_ENV_BUCKETS 2048    /* most buckets of an envelope */
#define TS_ENV_MIN_SCALE (-3)  /* the finest width: 2^-3 = 0.125 s */

struct ts_env_bucket {
	double min, max;       /* NAN when n is 0 */
	double sum_hi, sum_lo; /* the sum of the values, hi + lo exactly */
	long long n;           /* samples in the bucket; 0: empty */
};

struct ts_envelope {
	int scale;             /* bucket width 2^scale s */
	long long first;       /* absolute index of b[0]: floor(t0 / 2^scale) */
	size_t nr;             /* buckets b[0..nr), first and last non-empty;
	                          0 when no sample was added */
	long long samples;     /* samples added in all */
	struct ts_env_bucket *b; /* TS_ENV_BUCKETS of them; NULL before the
	                            first sample */
	/* private: the bucket the last sample went to, b[cur], holds the
	 * times [cur_lo, cur_hi): the next sample in it skips the division
	 * (samples 100 ms apart share a bucket of a long file's width). Not
	 * part of what ts_env_equal compares. */
	size_t cur;
	double cur_lo, cur_hi;
};

/* An empty envelope (no allocation yet). */
void ts_env_init(struct ts_envelope *e);

/* Add a sample: time t in seconds (finite, any order), value v (finite;
 * the caller leaves out missing values). */
void ts_env_add(struct ts_envelope *e, double t, double v);

/* Add every sample of `from` to `into` (from is not changed): the result
 * is the envelope of both sets of samples, as if added to one. */
void ts_env_merge(struct ts_envelope *into, const struct ts_envelope *from);

/* Coarsen e to width 2^scale (no-op when already as coarse). For drawing
 * several envelopes on one axis at one width. */
void ts_env_coarsen(struct ts_envelope *e, int scale);

/* The width of e's buckets in seconds, the start time of bucket i, and
 * its sum (hi + lo) and mean (NAN when empty). */
double ts_env_width(const struct ts_envelope *e);
double ts_env_start(const struct ts_envelope *e, size_t i);
double ts_env_sum(const struct ts_env_bucket *b);
double ts_env_mean(const struct ts_env_bucket *b);

/* 1 when a and b hold identical buckets (scale, first, nr, every field of
 * every bucket bit for bit), else 0. */
int ts_env_equal(const struct ts_envelope *a, const struct ts_envelope *b);

void ts_env_release(struct ts_envelope *e);

#endif /* TS_ENVELOPE_H */
