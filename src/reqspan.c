/* reqspan.c - realtime samples during requests and between them (see
 * reqspan.h). */
#include "ts.h"
#include "reqspan.h"
#include "mem.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int by_start(const void *a, const void *b)
{
	const struct ts_req *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

void ts_reqs_index(struct ts_reqs *q)
{
	size_t top = 0, *stack;

	if (q->nr > 1)
		qsort(q->v, q->nr, sizeof(*q->v), by_start);
	free(q->max_end);
	free(q->up);
	q->max_end = ts_xcalloc(q->nr ? q->nr : 1, sizeof(*q->max_end));
	q->up = ts_xcalloc(q->nr ? q->nr : 1, sizeof(*q->up));
	stack = ts_xcalloc(q->nr ? q->nr : 1, sizeof(*stack));
	for (size_t i = 0; i < q->nr; i++) {
		q->max_end[i] = i && q->max_end[i - 1] > q->v[i].end ? q->max_end[i - 1] : q->v[i].end;
		/* the previous greater end: pop those not later than v[i]'s */
		while (top && q->v[stack[top - 1]].end <= q->v[i].end)
			top--;
		q->up[i] = top ? stack[top - 1] : SIZE_MAX;
		stack[top++] = i;
	}
	free(stack);
}

void ts_reqs_release(struct ts_reqs *q)
{
	free(q->partner);
	free(q->v);
	free(q->max_end);
	free(q->up);
	memset(q, 0, sizeof(*q));
}

void ts_phase_init(struct ts_phase *p)
{
	memset(p, 0, sizeof(*p));
	p->memory_max = NAN;
}

static void phase_add(struct ts_phase *p, double memory, double cpu)
{
	p->n++;
	if (isfinite(memory)) {
		p->n_memory++;
		ts_ksum_add(&p->memory, memory);
		if (!(memory <= p->memory_max))   /* NAN max: replaced */
			p->memory_max = memory;
	}
	if (isfinite(cpu)) {
		p->n_cpu++;
		ts_ksum_add(&p->cpu, cpu);
	}
}

void ts_phase_merge(struct ts_phase *a, const struct ts_phase *b)
{
	a->n += b->n;
	a->n_memory += b->n_memory;
	a->n_cpu += b->n_cpu;
	ts_ksum_add(&a->memory, b->memory.sum);
	ts_ksum_add(&a->memory, b->memory.c);
	ts_ksum_add(&a->cpu, b->cpu.sum);
	ts_ksum_add(&a->cpu, b->cpu.c);
	if (!isnan(b->memory_max) && !(b->memory_max <= a->memory_max))
		a->memory_max = b->memory_max;
}

void ts_span_init(struct ts_span *s, const struct ts_reqs *q)
{
	memset(s, 0, sizeof(*s));
	s->q = q && q->partner ? q : NULL;
	for (int p = 0; p < TS_SPAN_COUNT; p++)
		ts_phase_init(&s->phase[p]);
	if (s->q && s->q->nr) {
		s->req = ts_xcalloc(s->q->nr, sizeof(*s->req));
		for (size_t i = 0; i < s->q->nr; i++)
			ts_phase_init(&s->req[i]);
	}
}

/* The last request that starts at or before t, or nr when none does.
 * Samples come in time order, so the one before is tried first. */
static size_t last_started(struct ts_span *s, double t)
{
	const struct ts_reqs *q = s->q;
	size_t h = s->hint, lo = 0, hi = q->nr;

	if (h < q->nr && q->v[h].start <= t && (h + 1 == q->nr || q->v[h + 1].start > t))
		return h;
	if (h + 1 < q->nr && q->v[h + 1].start <= t && (h + 2 == q->nr || q->v[h + 2].start > t))
		return s->hint = h + 1;
	while (lo < hi) {   /* the first that starts after t */
		size_t mid = lo + (hi - lo) / 2;
		if (q->v[mid].start <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return q->nr;
	return s->hint = lo - 1;
}

void ts_span_add(struct ts_span *s, double t, double memory, double cpu)
{
	const struct ts_reqs *q = s->q;
	size_t k;
	int during = 0;

	if (!q)
		return;
	k = last_started(s, t);   /* nr: none has started */
	/* every request that began by t and has not ended before it: walk
	 * back while some earlier one still reaches t; past one that ended
	 * before t, only an earlier one with a later end can (up[]) */
	for (size_t j = k; j < q->nr && q->max_end[j] >= t;) {
		if (q->v[j].end >= t) {
			phase_add(&s->req[j], memory, cpu);
			during = 1;
			j = j ? j - 1 : SIZE_MAX;
		} else {
			j = q->up[j];
		}
	}
	phase_add(&s->phase[during ? TS_SPAN_DURING : TS_SPAN_IDLE], memory, cpu);
}

void ts_span_merge(struct ts_span *a, struct ts_span *b)
{
	for (int p = 0; p < TS_SPAN_COUNT; p++) {
		ts_phase_merge(&a->phase[p], &b->phase[p]);
		ts_phase_init(&b->phase[p]);
	}
	for (size_t i = 0; a->req && b->req && i < a->q->nr; i++) {
		ts_phase_merge(&a->req[i], &b->req[i]);
		ts_phase_init(&b->req[i]);
	}
}

void ts_span_release(struct ts_span *s)
{
	free(s->req);
	s->req = NULL;
	s->q = NULL;
}
