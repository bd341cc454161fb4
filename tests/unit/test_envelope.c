/* test_envelope.c - the time-bucketed envelope (envelope.h).
 *
 * Every envelope is checked against a brute force written here without
 * envelope.c's method: the scale found by trying widths from the finest
 * up over the smallest and largest time, the indices in long double, the
 * sums in __float128 (exact for these values: under 113 bits), min and
 * max by comparison. Then the same samples are added shuffled, and split
 * at random points into 2..50 envelopes merged in order, in reverse, in a
 * shuffled order and as a tree, and each result must be bit for bit the
 * envelope of the whole (ts_env_equal).
 */
#include "ts.h"
#include "testutil.h"
#include "envelope.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __float128 f128;

struct sample {
	double t, v;
};

/* ==== a deterministic generator (splitmix64) =========================== */

static uint64_t rng;

static uint64_t rnd(void)
{
	return tu_splitmix64(&rng);
}

/* [0, 1) with 53 random bits. */
static double rnd_unit(void)
{
	return (double)(rnd() >> 11) * 0x1p-53;
}

static size_t rnd_below(size_t n)
{
	return (size_t)(rnd() % n);
}

static void shuffle(struct sample *s, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rnd_below(i);
		struct sample x = s[i - 1];

		s[i - 1] = s[j];
		s[j] = x;
	}
}

/* ==== the brute force ================================================== */

struct ref_bucket {
	double min, max;
	f128 sum;
	long long n;
};

struct ref {
	int scale;
	long long first;
	size_t nr;
	struct ref_bucket b[TS_ENV_BUCKETS];
};

/* 2^s in long double by repeated doubling or halving: exact. */
static long double pow2l(int s)
{
	long double p = 1.0L;

	for (; s > 0; s--)
		p *= 2.0L;
	for (; s < 0; s++)
		p /= 2.0L;
	return p;
}

/* t / 2^s in long double (exact: 64-bit mantissa, 15-bit exponent). */
static long double ref_scaled(double t, int s)
{
	return (long double)t / pow2l(s);
}

static long long ref_index(double t, int s)
{
	return (long long)floorl(ref_scaled(t, s));
}

/* The smallest s >= lowest at which the span from tmin to tmax is at most
 * TS_ENV_BUCKETS buckets and every index is within [-2^53, 2^53). */
static int ref_scale(double tmin, double tmax, int lowest)
{
	const long double lim = 9007199254740992.0L;

	for (int s = lowest;; s++) {
		long double a = ref_scaled(tmin, s), b = ref_scaled(tmax, s);

		if (a < -lim || b >= lim)
			continue;
		if (ref_index(tmax, s) - ref_index(tmin, s) + 1 <= TS_ENV_BUCKETS)
			return s;
	}
}

/* The envelope of s[0..n) at the smallest scale >= lowest; caller frees. */
static struct ref *ref_build(const struct sample *s, size_t n, int lowest)
{
	struct ref *r = calloc(1, sizeof(*r));
	double tmin = INFINITY, tmax = -INFINITY;

	assert_non_null(r);
	r->scale = lowest;
	for (size_t i = 0; i < n; i++) {
		tmin = s[i].t < tmin ? s[i].t : tmin;
		tmax = s[i].t > tmax ? s[i].t : tmax;
	}
	if (n == 0)
		return r;
	r->scale = ref_scale(tmin, tmax, lowest);
	r->first = ref_index(tmin, r->scale);
	r->nr = (size_t)(ref_index(tmax, r->scale) - r->first + 1);
	for (size_t i = 0; i < n; i++) {
		struct ref_bucket *b = &r->b[ref_index(s[i].t, r->scale) - r->first];

		if (b->n == 0 || s[i].v < b->min)
			b->min = s[i].v;
		if (b->n == 0 || s[i].v > b->max)
			b->max = s[i].v;
		b->sum += (f128)s[i].v;
		b->n++;
	}
	return r;
}

/* ==== comparing ======================================================== */

static void check_bucket(const struct ts_envelope *e, size_t i,
			 const struct ref_bucket *w, const char *what)
{
	const struct ts_env_bucket *b = &e->b[i];
	double sum = (double)w->sum;

	if (b->n != w->n)
		fail_msg("%s: bucket %zu: n %lld, want %lld", what, i, b->n, w->n);
	if (w->n == 0) {
		if (!isnan(b->min) || !isnan(b->max) || b->sum_hi != 0 || b->sum_lo != 0 ||
		    !isnan(ts_env_mean(b)))
			fail_msg("%s: empty bucket %zu: min %g max %g sum %g + %g", what, i,
				 b->min, b->max, b->sum_hi, b->sum_lo);
		return;
	}
	if (b->min != w->min || b->max != w->max)
		fail_msg("%s: bucket %zu: min %.17g max %.17g, want %.17g %.17g", what, i,
			 b->min, b->max, w->min, w->max);
	if (ts_env_sum(b) != sum || b->sum_hi != sum)
		fail_msg("%s: bucket %zu: sum %.17g (hi %.17g lo %.17g), want %.17g",
			 what, i, ts_env_sum(b), b->sum_hi, b->sum_lo, sum);
	if (ts_env_mean(b) != sum / (double)w->n)
		fail_msg("%s: bucket %zu: mean %.17g, want %.17g", what, i,
			 ts_env_mean(b), sum / (double)w->n);
}

/* e against the brute force over s[0..n), at a scale >= lowest. */
static void check_ref(const struct ts_envelope *e, const struct sample *s, size_t n,
		      int lowest, const char *what)
{
	struct ref *r = ref_build(s, n, lowest);

	if (e->scale != r->scale || e->first != r->first || e->nr != r->nr ||
	    e->samples != (long long)n)
		fail_msg("%s: scale %d first %lld nr %zu samples %lld, want %d %lld %zu %zu",
			 what, e->scale, e->first, e->nr, e->samples, r->scale, r->first,
			 r->nr, n);
	if (ts_env_width(e) != (double)pow2l(r->scale))
		fail_msg("%s: width %g at scale %d", what, ts_env_width(e), r->scale);
	for (size_t i = 0; i < r->nr; i++)
		check_bucket(e, i, &r->b[i], what);
	for (size_t i = 0; i < n; i++) {
		double a = ts_env_start(e, (size_t)(ref_index(s[i].t, r->scale) - r->first));

		if (!(a <= s[i].t && s[i].t < a + ts_env_width(e)))
			fail_msg("%s: time %.17g outside its bucket [%.17g, +%g)", what,
				 s[i].t, a, ts_env_width(e));
	}
	free(r);
}

/* ==== envelopes of sample lists ======================================== */

static void env_of(struct ts_envelope *e, const struct sample *s, size_t n)
{
	ts_env_init(e);
	for (size_t i = 0; i < n; i++)
		ts_env_add(e, s[i].t, s[i].v);
}

static void expect_equal(const struct ts_envelope *got, const struct ts_envelope *want,
			 const char *what, size_t nparts)
{
	if (!ts_env_equal(got, want) || got->samples != want->samples)
		fail_msg("%s (%zu parts): envelopes differ: scale %d/%d first %lld/%lld "
			 "nr %zu/%zu samples %lld/%lld", what, nparts, got->scale,
			 want->scale, got->first, want->first, got->nr, want->nr,
			 got->samples, want->samples);
}

/* Merge parts[order[0..np)] into a fresh envelope. */
static void merge_in(struct ts_envelope *acc, const struct ts_envelope *parts,
		     const size_t *order, size_t np)
{
	ts_env_init(acc);
	for (size_t i = 0; i < np; i++)
		ts_env_merge(acc, &parts[order[i]]);
}

/* Merge neighbours pairwise until one is left (other groupings than a
 * running total); the parts are used up. */
static void merge_tree(struct ts_envelope *parts, size_t np)
{
	for (size_t step = 1; step < np; step *= 2)
		for (size_t i = 0; i + step < np; i += 2 * step)
			ts_env_merge(&parts[i], &parts[i + step]);
}

/* Split s[0..n) at np - 1 random points (empty parts allowed), and merge
 * the parts four ways: each must equal `whole`. */
static void check_split(const struct sample *s, size_t n, size_t np,
			const struct ts_envelope *whole, const char *what)
{
	struct ts_envelope *parts = calloc(np, sizeof(*parts)), acc;
	size_t *cut = calloc(np + 1, sizeof(*cut)), *order = calloc(np, sizeof(*order));

	assert_true(parts && cut && order);
	for (size_t i = 1; i < np; i++)
		cut[i] = rnd_below(n + 1);
	cut[np] = n;
	for (size_t i = 1; i < np; i++)     /* sort the cuts (np <= 50) */
		for (size_t j = i; j > 1 && cut[j - 1] > cut[j]; j--) {
			size_t x = cut[j];
			cut[j] = cut[j - 1];
			cut[j - 1] = x;
		}
	for (size_t i = 0; i < np; i++) {
		env_of(&parts[i], s + cut[i], cut[i + 1] - cut[i]);
		order[i] = i;
	}
	merge_in(&acc, parts, order, np);
	expect_equal(&acc, whole, what, np);
	ts_env_release(&acc);
	for (size_t i = 0; i < np; i++)
		order[i] = np - 1 - i;
	merge_in(&acc, parts, order, np);
	expect_equal(&acc, whole, what, np);
	ts_env_release(&acc);
	for (size_t i = np; i > 1; i--) {
		size_t j = rnd_below(i), x = order[i - 1];
		order[i - 1] = order[j];
		order[j] = x;
	}
	merge_in(&acc, parts, order, np);
	expect_equal(&acc, whole, what, np);
	ts_env_release(&acc);
	merge_tree(parts, np);
	expect_equal(&parts[0], whole, what, np);
	for (size_t i = 0; i < np; i++)
		ts_env_release(&parts[i]);
	free(parts);
	free(cut);
	free(order);
}

/* The whole check of one series: brute force, shuffled, `splits` random
 * splits of the series as given and as shuffled. s is shuffled. */
static void check_series(struct sample *s, size_t n, int splits, const char *what)
{
	struct ts_envelope whole, again;

	env_of(&whole, s, n);
	check_ref(&whole, s, n, TS_ENV_MIN_SCALE, what);
	for (int k = 0; k < splits; k++)
		check_split(s, n, 2 + rnd_below(49), &whole, what);
	shuffle(s, n);
	env_of(&again, s, n);
	expect_equal(&again, &whole, what, 1);
	ts_env_release(&again);
	for (int k = 0; k < splits; k++)
		check_split(s, n, 2 + rnd_below(49), &whole, what);
	ts_env_release(&whole);
}

/* ==== series =========================================================== */

/* Memory in MB as a monitor reports it: bytes / 2^20 around 2444 MB. */
static double memory_mb(void)
{
	return 2444.34375 + (double)(rnd() % (1u << 28)) * 0x1p-20;
}

/* CPU percent over 8 cores, with all 53 bits random. */
static double cpu_percent(void)
{
	return rnd_unit() * 800.0;
}

/* 100 ms samples from a Unix time with a little jitter, sorted; a pause
 * of three hours in the middle. */
static void run_with_pause(struct sample *s, size_t n)
{
	double t0 = 1.7e9 + rnd_unit() * 1e6;

	for (size_t i = 0; i < n; i++) {
		s[i].t = t0 + (double)i * 0.1 + rnd_unit() * 0.01 + (i >= n / 2 ? 10800.0 : 0.0);
		s[i].v = memory_mb();
	}
}

/* Uniform times around zero (negative indices), shuffled. */
static void around_zero(struct sample *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		s[i].t = -3000.0 + rnd_unit() * 5000.0;
		s[i].v = cpu_percent();
	}
}

/* Times near -4e14 and +4e14 s: huge, and a span of 8e14 s. */
static void huge_times(struct sample *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		s[i].t = (i % 2 ? 4e14 : -4e14) + rnd_unit() * 100.0;
		s[i].v = memory_mb();
	}
}

/* A few distinct times repeated; values with both signs and both zeros. */
static void duplicates(struct sample *s, size_t n)
{
	static const double v[] = { 0.0, -0.0, 2444.34375, -1.5, 1e-3, 799.9 };

	for (size_t i = 0; i < n; i++) {
		s[i].t = 1.7e9 + 0.05 * (double)rnd_below(17);
		s[i].v = v[rnd_below(TS_COUNTOF(v))];
	}
}

static const struct {
	const char *name;
	void (*gen)(struct sample *s, size_t n);
} kinds[] = {
	{ "run with a pause", run_with_pause },
	{ "around zero", around_zero },
	{ "huge times", huge_times },
	{ "duplicate times", duplicates },
};

static void check_kinds(size_t n, int splits)
{
	struct sample *s = calloc(n, sizeof(*s));
	char what[80];

	assert_non_null(s);
	for (size_t k = 0; k < TS_COUNTOF(kinds); k++) {
		rng = 1000 * k + n;
		kinds[k].gen(s, n);
		snprintf(what, sizeof(what), "%s, n=%zu", kinds[k].name, n);
		check_series(s, n, splits, what);
	}
	free(s);
}

static void test_length_1(void **state) { (void)state; check_kinds(1, 4); }
static void test_length_2(void **state) { (void)state; check_kinds(2, 4); }
static void test_length_10(void **state) { (void)state; check_kinds(10, 8); }
static void test_length_1000(void **state) { (void)state; check_kinds(1000, 8); }
static void test_length_1e5(void **state) { (void)state; check_kinds(100000, 3); }

/* A million samples: 100 ms over 27.8 h with a pause of 3 h, CPU. */
static void test_length_1e6(void **state)
{
	size_t n = 1000000;
	struct sample *s = calloc(n, sizeof(*s));

	(void)state;
	assert_non_null(s);
	rng = 42;
	run_with_pause(s, n);
	for (size_t i = 0; i < n; i++)
		s[i].v = cpu_percent();
	check_series(s, n, 1, "run with a pause, n=1e6");
	free(s);
}

/* ==== edges, by hand =================================================== */

/* No sample: nothing allocated, merging and coarsening keep it so. */
static void test_empty(void **state)
{
	struct ts_envelope e, f;

	(void)state;
	ts_env_init(&e);
	ts_env_init(&f);
	assert_int_equal(e.scale, -3);
	assert_int_equal(e.nr, 0);
	assert_int_equal(e.samples, 0);
	assert_null(e.b);
	assert_true(ts_env_width(&e) == 0.125);
	ts_env_merge(&e, &f);
	assert_null(e.b);
	assert_int_equal(e.nr, 0);
	assert_true(ts_env_equal(&e, &f));
	ts_env_coarsen(&f, 2);
	assert_null(f.b);
	assert_int_equal(f.scale, 2);
	assert_false(ts_env_equal(&e, &f));
	ts_env_merge(&e, &f);              /* takes the coarser width */
	assert_int_equal(e.scale, 2);
	assert_null(e.b);
	ts_env_release(&e);
	ts_env_release(&f);
	ts_env_release(&f);                /* released twice: harmless */
	check_ref(&e, NULL, 0, TS_ENV_MIN_SCALE, "empty");
}

/* One sample at -0.3 s: bucket floor(-0.3 * 8) = -3, [-0.375, -0.25). */
static void test_single(void **state)
{
	struct ts_envelope e;
	struct sample s = { -0.3, 2444.34375 };

	(void)state;
	env_of(&e, &s, 1);
	assert_int_equal(e.scale, -3);
	assert_int_equal(e.first, -3);
	assert_int_equal(e.nr, 1);
	assert_int_equal(e.samples, 1);
	assert_true(ts_env_start(&e, 0) == -0.375);
	assert_true(ts_env_width(&e) == 0.125);
	assert_int_equal(e.b[0].n, 1);
	assert_true(e.b[0].min == 2444.34375 && e.b[0].max == 2444.34375);
	assert_true(ts_env_sum(&e.b[0]) == 2444.34375 && ts_env_mean(&e.b[0]) == 2444.34375);
	check_ref(&e, &s, 1, TS_ENV_MIN_SCALE, "single");
	ts_env_release(&e);
	assert_null(e.b);
}

/* Buckets 0 and 2047 at 0.125 s: exactly TS_ENV_BUCKETS, no doubling. */
static void test_2048_buckets(void **state)
{
	struct sample s[] = { { 0.0, 1.0 }, { 2047 * 0.125 + 0.1, 2.0 } };
	struct ts_envelope e;

	(void)state;
	env_of(&e, s, 2);
	assert_int_equal(e.scale, -3);
	assert_int_equal(e.first, 0);
	assert_int_equal(e.nr, 2048);
	assert_true(e.b[2047].n == 1 && e.b[2047].max == 2.0);
	assert_true(ts_env_start(&e, 2047) == 255.875);
	check_ref(&e, s, 2, TS_ENV_MIN_SCALE, "2048 buckets");
	ts_env_release(&e);
}

/* Buckets -1 and 2047: 2049 buckets, one doubling. Floor division puts
 * bucket -1 in -1 (truncation would give 0) and 2047 in 1023. */
static void test_2049_buckets(void **state)
{
	struct sample s[] = { { -0.1, 1.0 }, { 255.9, 2.0 }, { -0.2, 3.0 } };
	struct ts_envelope e, f;

	(void)state;
	env_of(&e, s, 3);
	assert_int_equal(e.scale, -2);
	assert_int_equal(e.first, -1);
	assert_int_equal(e.nr, 1025);
	assert_true(e.b[0].n == 2 && e.b[0].min == 1.0 && e.b[0].max == 3.0);
	assert_true(e.b[1024].n == 1 && ts_env_start(&e, 1024) == 255.75);
	assert_true(ts_env_start(&e, 0) == -0.25 && ts_env_width(&e) == 0.25);
	check_ref(&e, s, 3, TS_ENV_MIN_SCALE, "2049 buckets");
	shuffle(s, 3);
	env_of(&f, s, 3);
	expect_equal(&f, &e, "2049 buckets shuffled", 1);
	ts_env_release(&e);
	ts_env_release(&f);
}

/* Coarsening by hand: no-op when finer, then as the brute force forced to
 * that width; samples added afterwards keep at least that width. */
static void test_coarsen(void **state)
{
	size_t n = 5000;
	struct sample *s = calloc(n, sizeof(*s));
	struct ts_envelope e, f;

	(void)state;
	assert_non_null(s);
	rng = 7;
	around_zero(s, n);
	env_of(&e, s, n / 2);
	env_of(&f, s, n / 2);
	assert_int_equal(e.scale, 2);         /* 2500 s / 2048 -> 4 s */
	ts_env_coarsen(&e, 1);
	expect_equal(&e, &f, "coarsen to a finer width", 1);
	ts_env_coarsen(&e, 5);
	check_ref(&e, s, n / 2, 5, "coarsened to 32 s");
	ts_env_coarsen(&e, 9);
	check_ref(&e, s, n / 2, 9, "coarsened to 512 s");
	for (size_t i = n / 2; i < n; i++)
		ts_env_add(&e, s[i].t, s[i].v);
	check_ref(&e, s, n, 9, "coarsened, then more samples");
	ts_env_merge(&f, &e);                 /* the finer one takes e's width */
	ts_env_merge(&f, &e);
	assert_int_equal(f.scale, 9);
	ts_env_coarsen(&f, 70);               /* beyond any shift */
	assert_int_equal(f.scale, 70);
	assert_int_equal(f.first, -1);
	assert_int_equal(f.nr, 2);
	assert_int_equal(f.b[0].n + f.b[1].n, (long long)n * 2 + (long long)n / 2);
	ts_env_release(&e);
	ts_env_release(&f);
	free(s);
}

/* An envelope merged into itself: every sample twice. */
static void test_self_merge(void **state)
{
	size_t n = 3000;
	struct sample *s = calloc(2 * n, sizeof(*s));
	struct ts_envelope e, f;

	(void)state;
	assert_non_null(s);
	rng = 11;
	run_with_pause(s, n);
	memcpy(s + n, s, n * sizeof(*s));
	env_of(&e, s, n);
	ts_env_merge(&e, &e);
	env_of(&f, s, 2 * n);
	expect_equal(&e, &f, "self merge", 1);
	check_ref(&e, s, 2 * n, TS_ENV_MIN_SCALE, "self merge");
	ts_env_release(&e);
	ts_env_release(&f);
	free(s);
}

/* Every order of three values whose naive sum rounds twice: the exact
 * 2^53 + 1 + 2^-40 rounds to 2^53 + 2, a double sum from the left gives
 * 2^53. And -0 below +0 whatever came first; a zero sum is +0, even of
 * -0 alone. */
static void test_sum_exact(void **state)
{
	static const int perm[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 }
	};
	const double v[3] = { 0x1p53, 1.0, 0x1p-40 }, z[3] = { 0.0, -0.0, 0.0 };
	struct ts_envelope e[6], zz[6];

	(void)state;
	for (int p = 0; p < 6; p++) {
		ts_env_init(&e[p]);
		ts_env_init(&zz[p]);
		for (int i = 0; i < 3; i++) {
			ts_env_add(&e[p], 5.0, v[perm[p][i]]);
			ts_env_add(&zz[p], 5.0, z[perm[p][i]]);
			ts_env_add(&zz[p], 9.0, -0.0);
		}
		assert_true(ts_env_sum(&e[p].b[0]) == 9007199254740994.0);
		assert_true(e[p].b[0].sum_lo == -1.0 + 0x1p-40);
		assert_true(signbit(zz[p].b[0].min) && !signbit(zz[p].b[0].max));
		assert_true(!signbit(zz[p].b[0].sum_hi) && !signbit(zz[p].b[0].sum_lo));
		assert_true(signbit(zz[p].b[32].min) && !signbit(zz[p].b[32].sum_hi) &&
			    !signbit(zz[p].b[32].sum_lo) && zz[p].b[32].n == 3);
		expect_equal(&e[p], &e[0], "three values in every order", 1);
		expect_equal(&zz[p], &zz[0], "signed zeros in every order", 1);
	}
	for (int p = 0; p < 6; p++) {
		ts_env_release(&e[p]);
		ts_env_release(&zz[p]);
	}
}

/* Times beyond 2^50 s: the width grows until every index is within
 * 2^53, and a tiny negative time stays in bucket -1 at a huge width. A
 * time or value that is not finite is left out. */
static void test_beyond(void **state)
{
	struct sample s[] = {
		{ 1e300, 1.0 }, { -1e-300, 2.0 }, { 0.0, 3.0 }, { -1.7e308, 4.0 }, { 1.7e308, 5.0 }
	};
	struct ts_envelope e;

	(void)state;
	env_of(&e, s, 1);
	check_ref(&e, s, 1, TS_ENV_MIN_SCALE, "1e300");
	assert_int_equal(e.scale, 944);       /* 2^996 < 1e300 < 2^(53 + 944) */
	ts_env_release(&e);
	env_of(&e, s, 3);
	check_ref(&e, s, 3, TS_ENV_MIN_SCALE, "1e300, -1e-300, 0");
	assert_int_equal(e.b[0].n, 1);        /* -1e-300 in bucket -1 */
	assert_int_equal(e.first, -1);
	ts_env_release(&e);
	env_of(&e, s, TS_COUNTOF(s));
	check_ref(&e, s, TS_COUNTOF(s), TS_ENV_MIN_SCALE, "+-1.7e308");
	ts_env_release(&e);
	env_of(&e, s + 2, 1);                 /* outside the contract: left out */
	ts_env_add(&e, INFINITY, 1.0);
	ts_env_add(&e, NAN, 1.0);
	ts_env_add(&e, 1.0, NAN);
	ts_env_add(&e, 1.0, -INFINITY);
	check_ref(&e, s + 2, 1, TS_ENV_MIN_SCALE, "not finite");
	ts_env_release(&e);
}

/* ts_env_equal sees one bit anywhere, and ignores buckets past nr. */
static void test_equal(void **state)
{
	struct sample s[] = { { 1.0, 1.0 }, { 1.2, 2.0 }, { 9.0, 0.0 } };
	struct ts_envelope a, b;

	(void)state;
	env_of(&a, s, 3);
	env_of(&b, s, 3);
	assert_true(ts_env_equal(&a, &b));
	b.b[0].sum_lo = 0x1p-1074;
	assert_false(ts_env_equal(&a, &b));
	b.b[0].sum_lo = 0.0;
	b.b[a.nr - 1].min = -0.0;
	assert_false(ts_env_equal(&a, &b));
	b.b[a.nr - 1].min = 0.0;
	b.b[1].n = 7;
	assert_false(ts_env_equal(&a, &b));
	b.b[1].n = 1;
	b.first++;
	assert_false(ts_env_equal(&a, &b));
	b.first--;
	b.nr--;
	assert_false(ts_env_equal(&a, &b));
	b.nr++;
	b.b[a.nr].n = 5;                      /* past nr: not compared */
	assert_true(ts_env_equal(&a, &b));
	b.b[a.nr].n = 0;
	ts_env_release(&a);
	ts_env_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_single),
		cmocka_unit_test(test_2048_buckets),
		cmocka_unit_test(test_2049_buckets),
		cmocka_unit_test(test_coarsen),
		cmocka_unit_test(test_self_merge),
		cmocka_unit_test(test_sum_exact),
		cmocka_unit_test(test_beyond),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_length_1),
		cmocka_unit_test(test_length_2),
		cmocka_unit_test(test_length_10),
		cmocka_unit_test(test_length_1000),
		cmocka_unit_test(test_length_1e5),
		cmocka_unit_test(test_length_1e6),
	};

	return cmocka_run_group_tests_name("envelope", tests, NULL, NULL);
}
