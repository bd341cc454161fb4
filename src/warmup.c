/* warmup.c - the first requests of each synthesis file (see warmup.h). */
#include "ts.h"
#include "warmup.h"
#include "mem.h"
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ts_warmup_init(struct ts_warmup *w, long n)
{
	memset(w, 0, sizeof(*w));
	w->n = n;
}

void ts_warmup_begin(struct ts_warmup *w, const char *path)
{
	free(w->path);
	w->path = ts_xstrdup(path);
	w->nr = 0;
}

void ts_warmup_add(struct ts_warmup *w, size_t tier, long line, double start,
		   int success, int throttle, const double *v)
{
	struct ts_warm_row *r;

	TS_GROW(w->rows, w->nr + 1, w->alloc);
	r = &w->rows[w->nr++];
	r->tier = tier;
	r->line = line;
	r->start = start;
	r->success = success;
	r->throttle = throttle;
	memcpy(r->v, v, sizeof(r->v));
	r->tokens = NAN;
	r->excluded = 0;
}

/* Request order: by start_time, rows without one last, ties by line. */
static int before(const struct ts_warm_row *a, const struct ts_warm_row *b)
{
	if (isnan(a->start) != isnan(b->start))
		return isnan(b->start);
	if (!isnan(a->start) && a->start != b->start)
		return a->start < b->start;
	return a->line < b->line;
}

static int by_request_order(const void *x, const void *y)
{
	const struct ts_warm_row *a = *(struct ts_warm_row *const *)x;
	const struct ts_warm_row *b = *(struct ts_warm_row *const *)y;

	return before(a, b) ? -1 : before(b, a);
}

/* The note of warmup.h, for the file's first request `first`: its rtf
 * first, then the other successful requests' (ts_stats_warmup_suspect). */
static void note_cold_start(const struct ts_warmup *w, const struct ts_warm_row *first,
			    struct ts_diag *d)
{
	struct ts_summary s;
	double *rtf;
	size_t k = 0;

	if (first->success != 1 || isnan(first->v[TS_M_RTF]))
		return;
	rtf = ts_xcalloc(w->nr, sizeof(*rtf));
	rtf[k++] = first->v[TS_M_RTF];
	for (size_t i = 0; i < w->nr; i++)
		if (&w->rows[i] != first && w->rows[i].success == 1 && !isnan(w->rows[i].v[TS_M_RTF]))
			rtf[k++] = w->rows[i].v[TS_M_RTF];
	if (ts_stats_warmup_suspect(rtf, k)) {
		ts_stats_summarize(rtf, k, &s);
		ts_diag_note(d, w->path, first->line,
			     "the first request (rtf %.3g) is slower than every other of this file and more than twice its median rtf (%.3g): a cold start? (used; --warmup 1 excludes the first request of each file)",
			     rtf[0], s.median);
	}
	free(rtf);
}

void ts_warmup_end(struct ts_warmup *w, struct ts_diag *d)
{
	struct ts_warm_row **order;

	if (w->nr == 0)
		return;
	if (w->n > 0 && (size_t)w->n >= w->nr && !w->short_path) {
		w->short_path = ts_xstrdup(w->path);
		w->short_rows = w->nr;
	}
	order = ts_xcalloc(w->nr, sizeof(*order));
	for (size_t i = 0; i < w->nr; i++)
		order[i] = &w->rows[i];
	if (w->n == 0) {
		struct ts_warm_row *first = order[0];
		for (size_t i = 1; i < w->nr; i++)
			if (before(order[i], first))
				first = order[i];
		note_cold_start(w, first, d);
	} else {
		qsort(order, w->nr, sizeof(*order), by_request_order);
		for (size_t i = 0; i < w->nr && i < (size_t)w->n; i++)
			order[i]->excluded = 1;
	}
	free(order);
}

void ts_warmup_release(struct ts_warmup *w)
{
	free(w->path);
	free(w->rows);
	free(w->short_path);
	memset(w, 0, sizeof(*w));
}
