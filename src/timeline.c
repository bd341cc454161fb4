/* timeline.c - the runs of each tier, their envelopes and requests (see
 * timeline.h).
 */
#include "ts.h"
#include "timeline.h"
#include "mem.h"
#include "store.h"
#include "tiers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ts_tl_add_run(struct ts_timeline *tl, const char *path, double t0, double t1)
{
	struct ts_tl_run *r;

	if (!isfinite(t0) || !isfinite(t1))
		return;
	TS_GROW(tl->runs, tl->nr + 1, tl->alloc);
	r = &tl->runs[tl->nr++];
	memset(r, 0, sizeof(*r));
	r->path = ts_xstrdup(path);
	r->t0 = t0;
	r->t1 = t1;
	for (int c = 0; c < TS_RC_COUNT; c++)
		ts_env_init(&r->env[c]);
}

static int by_start(const void *a, const void *b)
{
	const struct ts_tl_run *x = a, *y = b;

	if (x->t0 != y->t0)
		return x->t0 < y->t0 ? -1 : 1;
	return strcmp(x->path, y->path);
}

void ts_tl_cell(const struct ts_tl_run *r, size_t i, double *lo, double *hi)
{
	double w = (r->t1 - r->t0) / TS_TL_CELLS;

	*lo = r->t0 + w * (double)i;
	*hi = i + 1 == TS_TL_CELLS ? r->t1 : r->t0 + w * (double)(i + 1);
}

/* The cell of time t in run r, clamped to the grid. */
static size_t cell_of(const struct ts_tl_run *r, double t)
{
	double x = (t - r->t0) / (r->t1 - r->t0) * TS_TL_CELLS;

	if (!(x > 0))
		return 0;
	return x >= TS_TL_CELLS ? TS_TL_CELLS - 1 : (size_t)x;
}

/* Mark a request from s to e on every run of tl it meets. */
static void mark(struct ts_timeline *tl, double s, double e, int success, int throttle)
{
	unsigned flags = TS_TL_BUSY | (success == 0 ? TS_TL_FAILED : 0) |
			 (throttle == 1 ? TS_TL_THROTTLE : 0);

	for (size_t k = 0; k < tl->nr; k++) {
		struct ts_tl_run *r = &tl->runs[k];
		if (e < r->t0 || s > r->t1 || !(r->t1 > r->t0))
			continue;
		for (size_t i = cell_of(r, s), j = cell_of(r, e); i <= j; i++)
			r->cells[i] |= (unsigned char)flags;
		r->requests++;
		r->failed += success == 0;
		r->throttled += throttle == 1;
	}
}

struct scan_ctx {
	struct ts_tiers *t;
	size_t last;      /* the tier of the row before, a guess */
};

static int on_row(void *ctx, const struct ts_syn_row *row)
{
	struct scan_ctx *x = ctx;
	struct ts_tiers *t = x->t;
	double s = row->v[0], e = row->v[1];

	if (!isfinite(s) || !isfinite(e) || e < s)
		return 0;
	for (size_t n = 0; n < t->nr; n++) {
		size_t i = (x->last + n) % t->nr;
		struct ts_tier *tier = &t->v[i];
		if (strcmp(tier->hardware_tier, row->hardware_tier) != 0 ||
		    strcmp(tier->device_type, row->device_type) != 0)
			continue;
		x->last = i;
		if (tier->timeline.nr)
			mark(&tier->timeline, s, e, row->success, row->throttle);
		if (!t->by.n)
			return 0;
		/* with --by, every group of the configuration: a run of one
		 * group shows the requests of the others too */
	}
	return 0;
}

int ts_tl_load(struct ts_tiers *t, struct ts_store *s)
{
	static const enum ts_syn_col cols[] = { TS_SC_START_TIME, TS_SC_END_TIME };
	struct scan_ctx ctx = { t, 0 };
	int any = 0;

	for (size_t i = 0; i < t->nr; i++) {
		struct ts_timeline *tl = &t->v[i].timeline;
		if (tl->nr > 1)
			qsort(tl->runs, tl->nr, sizeof(*tl->runs), by_start);
		for (size_t k = 0; k < tl->nr; k++)
			if (ts_store_envelopes(s, tl->runs[k].path, tl->runs[k].env) < 0)
				return -1;
		any |= tl->nr > 0;
	}
	if (!any)
		return 0;
	return ts_store_scan_synthesis(s, cols, TS_COUNTOF(cols), on_row, &ctx) < 0 ? -1 : 0;
}

int ts_tl_has(const struct ts_timeline *tl, enum ts_rt_col c)
{
	for (size_t k = 0; k < tl->nr; k++)
		if (tl->runs[k].env[c].nr)
			return 1;
	return 0;
}

void ts_tl_release(struct ts_timeline *tl)
{
	for (size_t k = 0; k < tl->nr; k++) {
		free(tl->runs[k].path);
		for (int c = 0; c < TS_RC_COUNT; c++)
			ts_env_release(&tl->runs[k].env[c]);
	}
	free(tl->runs);
	memset(tl, 0, sizeof(*tl));
}
