/* test_reqspan.c - samples during requests and between them (reqspan.h).
 *
 * Generated request sets (overlapping, nested, zero-length, repeated
 * starts) and samples (in time order and shuffled, some without memory
 * or CPU) against a brute force written here: every sample tested
 * against every request. Values are multiples of 1/8 below 2^20, so
 * every sum is exact in a double and compared with ==. Then each set is
 * accumulated in two to five segments merged in order: the same counts,
 * sums and maxima as the whole.
 */
#include "ts.h"
#include "testutil.h"
#include "reqspan.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng;

static uint64_t rnd(void)
{
	return tu_splitmix64(&rng);
}

static double eighths(uint64_t max)   /* k/8, k in [0, max) */
{
	return (double)(rnd() % max) / 8.0;
}

struct sample {
	double t, mem, cpu;
};

/* What the brute force finds over some samples. */
struct want {
	unsigned long long n, n_memory, n_cpu;
	double memory, cpu, memory_max;
};

static void want_add(struct want *w, const struct sample *s)
{
	w->n++;
	if (!isnan(s->mem)) {
		w->n_memory++;
		w->memory += s->mem;
		if (isnan(w->memory_max) || s->mem > w->memory_max)
			w->memory_max = s->mem;
	}
	if (!isnan(s->cpu)) {
		w->n_cpu++;
		w->cpu += s->cpu;
	}
}

static void check_phase(const struct ts_phase *p, const struct want *w)
{
	assert_int_equal(p->n, w->n);
	assert_int_equal(p->n_memory, w->n_memory);
	assert_int_equal(p->n_cpu, w->n_cpu);
	assert_true(ts_ksum_value(&p->memory) == w->memory);
	assert_true(ts_ksum_value(&p->cpu) == w->cpu);
	if (isnan(w->memory_max))
		assert_true(isnan(p->memory_max));
	else
		assert_true(p->memory_max == w->memory_max);
}

static void want_init(struct want *w)
{
	memset(w, 0, sizeof(*w));
	w->memory_max = NAN;
}

/* n requests over [0, span) s: starts on a grid of 1/8 s (so that some
 * repeat), lengths 0 to a fifth of the span; from 40 requests on, one
 * of them over the whole span (the walk jumps over the others). */
static void make_reqs(struct ts_reqs *q, size_t n, double span)
{
	memset(q, 0, sizeof(*q));
	q->partner = strdup("synthesis_x_20250101.csv");
	q->v = calloc(n ? n : 1, sizeof(*q->v));
	for (size_t i = 0; i < n; i++) {
		double len = rnd() % 4 == 0 ? 0 : eighths((uint64_t)(span * 8 / 5) + 1);
		q->v[i].start = eighths((uint64_t)(span * 8));
		q->v[i].end = q->v[i].start + len;
		q->v[i].line = (long)i + 2;
		if (n >= 40 && i == n / 2) {   /* one over all the others */
			q->v[i].start = 0;
			q->v[i].end = span;
		}
	}
	q->nr = n;
	ts_reqs_index(q);
}

static void make_samples(struct sample *s, size_t n, double span, int shuffle)
{
	for (size_t i = 0; i < n; i++) {
		s[i].t = span * (double)i / (double)(n ? n : 1) - 1.0;   /* some before all */
		if (rnd() % 7 == 0)
			s[i].t = eighths((uint64_t)(span * 8));             /* on a request's edge */
		s[i].mem = rnd() % 10 == 0 ? NAN : eighths(1u << 23);
		s[i].cpu = rnd() % 10 == 0 ? NAN : eighths(1u << 13);
	}
	for (size_t i = n; shuffle && i > 1; i--) {
		size_t j = (size_t)(rnd() % i);
		struct sample x = s[i - 1];
		s[i - 1] = s[j];
		s[j] = x;
	}
}

/* The brute force, then the accumulator whole and in segments. */
static void check_case(size_t nreq, size_t nsamp, int shuffle)
{
	double span = 100.0;
	struct ts_reqs q;
	struct sample *s = calloc(nsamp ? nsamp : 1, sizeof(*s));
	struct want phase[TS_SPAN_COUNT], *req;
	struct ts_span whole, seg[5];
	size_t nseg = 2 + (size_t)(rnd() % 4), cut[6];

	make_reqs(&q, nreq, span);
	make_samples(s, nsamp, span, shuffle);
	req = calloc(nreq ? nreq : 1, sizeof(*req));
	for (int p = 0; p < TS_SPAN_COUNT; p++)
		want_init(&phase[p]);
	for (size_t j = 0; j < nreq; j++)
		want_init(&req[j]);
	for (size_t i = 0; i < nsamp; i++) {
		int during = 0;
		for (size_t j = 0; j < nreq; j++)   /* q.v sorted: same order as the accumulator's */
			if (q.v[j].start <= s[i].t && s[i].t <= q.v[j].end) {
				want_add(&req[j], &s[i]);
				during = 1;
			}
		want_add(&phase[during ? TS_SPAN_DURING : TS_SPAN_IDLE], &s[i]);
	}
	ts_span_init(&whole, &q);
	for (size_t i = 0; i < nsamp; i++)
		ts_span_add(&whole, s[i].t, s[i].mem, s[i].cpu);
	for (int p = 0; p < TS_SPAN_COUNT; p++)
		check_phase(&whole.phase[p], &phase[p]);
	for (size_t j = 0; j < nreq; j++)
		check_phase(&whole.req[j], &req[j]);
	/* segments: cut at sorted random points, merged in order */
	cut[0] = 0;
	cut[nseg] = nsamp;
	for (size_t k = 1; k < nseg; k++)
		cut[k] = nsamp ? (size_t)(rnd() % (nsamp + 1)) : 0;
	for (size_t a = 1; a < nseg; a++)
		for (size_t b = a + 1; b < nseg; b++)
			if (cut[b] < cut[a]) {
				size_t x = cut[a];
				cut[a] = cut[b];
				cut[b] = x;
			}
	for (size_t k = 0; k < nseg; k++) {
		ts_span_init(&seg[k], &q);
		for (size_t i = cut[k]; i < cut[k + 1]; i++)
			ts_span_add(&seg[k], s[i].t, s[i].mem, s[i].cpu);
		if (k)
			ts_span_merge(&seg[0], &seg[k]);
	}
	for (int p = 0; p < TS_SPAN_COUNT; p++) {
		assert_int_equal(seg[0].phase[p].n_memory, whole.phase[p].n_memory);
		assert_int_equal(seg[0].phase[p].n_cpu, whole.phase[p].n_cpu);
		assert_true(ts_ksum_value(&seg[0].phase[p].memory) == phase[p].memory);
		assert_true(ts_ksum_value(&seg[0].phase[p].cpu) == phase[p].cpu);
	}
	for (size_t j = 0; j < nreq; j++)
		check_phase(&seg[0].req[j], &req[j]);
	for (size_t k = 0; k < nseg; k++)
		ts_span_release(&seg[k]);
	ts_span_release(&whole);
	ts_reqs_release(&q);
	free(req);
	free(s);
}

static void test_generated(void **state)
{
	static const size_t nreq[] = { 0, 1, 2, 3, 7, 40, 300 };
	static const size_t nsamp[] = { 0, 1, 5, 1000, 20000 };

	(void)state;
	rng = 15;
	for (size_t a = 0; a < TS_COUNTOF(nreq); a++)
		for (size_t b = 0; b < TS_COUNTOF(nsamp); b++)
			for (int shuffle = 0; shuffle < 2; shuffle++)
				check_case(nreq[a], nsamp[b], shuffle);
}

/* By hand: a request nested in another, one of zero length, the edges. */
static void test_by_hand(void **state)
{
	struct ts_reqs q = { 0 };
	struct ts_span sp;

	(void)state;
	q.partner = strdup("p.csv");
	q.v = calloc(3, sizeof(*q.v));
	q.v[0] = (struct ts_req){ 10, 20, 2 };
	q.v[1] = (struct ts_req){ 12, 14, 3 };
	q.v[2] = (struct ts_req){ 30, 30, 4 };
	q.nr = 3;
	ts_reqs_index(&q);
	ts_span_init(&sp, &q);
	ts_span_add(&sp, 9.5, 100, 1);    /* idle */
	ts_span_add(&sp, 10, 200, 2);     /* the first's start */
	ts_span_add(&sp, 13, 300, 3);     /* both */
	ts_span_add(&sp, 20, 400, NAN);   /* the first's end */
	ts_span_add(&sp, 29.9, 500, 5);   /* idle */
	ts_span_add(&sp, 30, NAN, 6);     /* the zero-length one */
	assert_int_equal(sp.phase[TS_SPAN_DURING].n_memory, 3);
	assert_int_equal(sp.phase[TS_SPAN_DURING].n_cpu, 3);
	assert_true(ts_ksum_value(&sp.phase[TS_SPAN_DURING].memory) == 900);
	assert_true(ts_ksum_value(&sp.phase[TS_SPAN_DURING].cpu) == 11);
	assert_true(sp.phase[TS_SPAN_DURING].memory_max == 400);
	assert_true(ts_ksum_value(&sp.phase[TS_SPAN_IDLE].memory) == 600);
	assert_true(sp.phase[TS_SPAN_IDLE].memory_max == 500);
	assert_int_equal(sp.req[0].n_memory, 3);   /* 10 to 20 */
	assert_int_equal(sp.req[1].n_memory, 1);   /* 12 to 14 */
	assert_true(ts_ksum_value(&sp.req[1].cpu) == 3);
	assert_int_equal(sp.req[2].n_memory, 0);
	assert_int_equal(sp.req[2].n_cpu, 1);
	assert_true(isnan(sp.req[2].memory_max));
	ts_span_release(&sp);
	/* no partner: nothing is judged */
	free(q.partner);
	q.partner = NULL;
	ts_span_init(&sp, &q);
	ts_span_add(&sp, 13, 300, 3);
	assert_int_equal(sp.phase[TS_SPAN_DURING].n_memory + sp.phase[TS_SPAN_IDLE].n_memory, 0);
	ts_span_release(&sp);
	ts_reqs_release(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_hand),
		cmocka_unit_test(test_generated),
	};
	return cmocka_run_group_tests_name("reqspan", tests, NULL, NULL);
}
