/* load_req.c - the requests of a realtime file's partner, read on the
 * realtime file's own thread (see reqspan.h, ts_reqs_read). */
#include "ts.h"
#include "reqspan.h"
#include "load_int.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct req_reader {
	struct load_file f;
	struct ts_reqs *q;
	size_t alloc;
	int col[2];                /* start_time, end_time: field index or -1 */
	unsigned long rows;        /* rows of the header's shape */
};

static int on_record(void *ctx, long line, size_t nf, char *const *f, const size_t *len)
{
	struct req_reader *r = ctx;
	double v[2];

	if (!r->f.ncols) {   /* the header */
		static const struct load_col cols[2] = { { "start_time", 0 }, { "end_time", 0 } };
		return ts_load_map_header(&r->f, cols, 2, r->col, "synthesis", nf, f, len) < 0 ? -1 : 0;
	}
	if (nf != r->f.ncols)
		return 0;
	r->rows++;
	for (int k = 0; k < 2; k++)
		if (r->col[k] < 0 ||
		    ts_field_number(f[r->col[k]], len[r->col[k]], &v[k]) != TS_FIELD_OK)
			return 0;
	if (!(v[0] <= v[1]))
		return 0;
	TS_GROW(r->q->v, r->q->nr + 1, r->alloc);
	r->q->v[r->q->nr].start = v[0];
	r->q->v[r->q->nr].end = v[1];
	r->q->v[r->q->nr].line = line;
	r->q->nr++;
	return 0;
}

/* The requests of synthesis file x into q (appended); returns its rows of
 * the header's shape, or -1 when it cannot be read (said nowhere: its
 * own loader says why). A header without start_time nor end_time is
 * refused as the loader refuses it when it names no column at all. */
static long read_one(struct ts_reqs *q, const struct ts_input *x)
{
	struct req_reader r;
	struct ts_diag quiet;
	int rc;

	ts_diag_init(&quiet, NULL);
	memset(&r, 0, sizeof(r));
	r.f.in = x;
	r.f.d = &quiet;
	r.q = q;
	rc = ts_load_read(&r.f, on_record, &r);
	ts_load_file_release(&r.f);
	return rc < 0 || !r.f.ncols ? -1 : (long)r.rows;
}

/* A candidate: a synthesis file that is no copy and has a row (tiers.c
 * partner() takes the first file of the store with a row). */
static int try_partner(struct ts_reqs *q, const struct ts_input *x, const struct ts_input *copy)
{
	if (x->kind != TS_KIND_SYNTHESIS || copy || !x->stem)
		return 0;
	q->nr = 0;
	if (read_one(q, x) <= 0)
		return 0;
	q->partner = ts_xstrdup(x->rel);
	return 1;
}

void ts_reqs_read(struct ts_reqs *q, const struct ts_inputs *in,
		  const struct ts_input *const *copy_of, const struct ts_input *rt)
{
	const struct ts_input *same = NULL;
	const char *base;
	size_t i;

	memset(q, 0, sizeof(*q));
	if (!rt->stem)
		return;
	for (i = 0; i < in->nr; i++)   /* the same stem: the same folder */
		if (in->v[i].kind == TS_KIND_SYNTHESIS && in->v[i].stem &&
		    strcmp(in->v[i].stem, rt->stem) == 0)
			break;
	if (i < in->nr)
		same = &in->v[i];
	if (!(same && try_partner(q, same, copy_of[i]))) {
		base = ts_scan_base_stem(rt->stem);
		for (i = 0; i < in->nr; i++)
			if (&in->v[i] != same && in->v[i].kind == TS_KIND_SYNTHESIS && in->v[i].stem &&
			    strcmp(ts_scan_base_stem(in->v[i].stem), base) == 0 &&
			    try_partner(q, &in->v[i], copy_of[i]))
				break;
	}
	if (!q->partner)
		q->nr = 0;
	ts_reqs_index(q);
}
