/* load_rt.c - the realtime scanner: the samples of a realtime CSV file
 * streamed field by field into the file's aggregate, which is the
 * scanner's state (see load.h). Never touches the store but to store the
 * result, on the store's thread (ts_load_realtime_store). */
#include "ts.h"
#include "load.h"
#include "load_int.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The scanner: the file being read, and the result it writes in place. */
struct rt_scanner {
	struct load_file f;
	struct ts_rt_parsed *r;
	int col[TS_RC_COUNT];      /* field index of each column, -1 = absent */
	signed char *rt_of;        /* field index -> realtime column, or -1 */
	/* the row being read, field by field: each column's value, and the
	 * text of a bad one, reported once the row's shape is known */
	struct rt_cell {
		enum ts_field_status st;
		double v;
		char text[TS_QUOTE_MAX];   /* as much as a message quotes */
		size_t len;
	} cell[TS_RC_COUNT];
	int bad;                   /* a cell of this row is to be reported */
};

void ts_rt_scan_init(struct ts_rt_parsed *r, enum ts_rt_part part)
{
	memset(r, 0, sizeof(*r));
	r->part = part;
	ts_rt_agg_init(&r->agg);
	r->first_ts = NAN;
	r->last_ts = -INFINITY;
	for (int c = 0; c < TS_RC_COUNT; c++)
		ts_env_init(&r->env[c]);
	ts_span_init(&r->span, NULL);
}

void ts_rt_parsed_release(struct ts_rt_parsed *r)
{
	for (int c = 0; c < TS_RC_COUNT; c++)
		ts_env_release(&r->env[c]);
	ts_span_release(&r->span);
}

/* A field of a data row (ts_csv_field_fn). */
static void rt_field(void *ctx, size_t col, const char *s, size_t n)
{
	struct rt_scanner *sc = ctx;
	struct rt_cell *c;

	if (col >= sc->f.ncols || sc->rt_of[col] < 0)
		return;
	c = &sc->cell[sc->rt_of[col]];
	c->st = ts_field_number(s, n, &c->v);
	if (c->st == TS_FIELD_BAD || c->st == TS_FIELD_NONFINITE) {
		sc->bad = 1;
		c->len = n < sizeof(c->text) ? n : sizeof(c->text);
		memcpy(c->text, s, c->len);
	}
}

/* Fold one finite value of column c into the aggregate. */
static void add_value(struct ts_rt_parsed *r, int c, double v)
{
	struct ts_rt_col_agg *a = &r->agg.col[c];
	unsigned aggs = ts_realtime_cols[c].aggs;

	a->n++;   /* v is finite; !(v >= NAN) holds, so a NAN min is replaced */
	if ((aggs & TS_AGG_MIN) && !(v >= a->min))
		a->min = v;
	if ((aggs & TS_AGG_MAX) && !(v <= a->max))
		a->max = v;
	if (aggs & TS_AGG_SUM)
		ts_ksum_add(&r->sum[c], v);
}

/* Decide the pending timestamp: kept (into the aggregate), unless it is
 * more than a day away from every neighbour it has (next: NAN when it has
 * none). A segment that lacks a neighbour beyond its edge cannot be sure
 * (edge_unsure). */
static void judge_pending(struct rt_scanner *sc, double next, int edge)
{
	struct ts_rt_parsed *r = sc->r;
	int far_prev = r->have_prev && fabs(r->pend_ts - r->prev_ts) > TS_TS_JUMP;
	int far_next = !isnan(next) && fabs(r->pend_ts - next) > TS_TS_JUMP;
	int out = isnan(next) ? far_prev : far_next && (!r->have_prev || far_prev);

	if (out && edge)
		r->edge_unsure = 1;
	if (out) {
		ts_load_odd(&r->odd[TS_RC_TIMESTAMP], r->pend_line);
	} else {
		add_value(r, TS_RC_TIMESTAMP, r->pend_ts);
		r->last_ts = r->pend_ts;
		if (r->span.q)
			ts_span_add(&r->span, r->pend_ts,
				    r->pend_has & (1u << TS_RC_MEMORY_MB) ? r->pend_v[TS_RC_MEMORY_MB] : NAN,
				    r->pend_has & (1u << TS_RC_CPU_PERCENT) ? r->pend_v[TS_RC_CPU_PERCENT] : NAN);
		for (int c = 0; r->pend_has; c++)   /* its row's values, in time */
			if (r->pend_has & (1u << c)) {
				ts_env_add(&r->env[c], r->pend_ts, r->pend_v[c]);
				r->pend_has &= ~(1u << c);
			}
	}
	r->pend_has = 0;
	r->prev_ts = r->pend_ts;
	r->have_prev = 1;
	r->have_pend = 0;
}

/* A timestamp read. One that is not Unix seconds is left out at once. A
 * plausible one decides the one before it (now that it has both
 * neighbours), is checked against the last one kept (order does not
 * change the time covered, max - min, but is worth knowing: clock steps,
 * merged files; said now, so that messages stay in line order), and
 * waits for the next to be judged itself. Returns 1 when it waits (its
 * row's values wait with it, for the envelopes), else 0. */
static int timestamp(struct rt_scanner *sc, long line, double t)
{
	struct ts_rt_parsed *r = sc->r;
	char q[TS_QUOTE_BUF];

	if (!(t > 0 && t <= TS_TS_MAX)) {
		ts_load_odd(&r->odd[TS_RC_TIMESTAMP], line);
		return 0;
	}
	if (isnan(r->first_ts)) {
		r->first_ts = t;
		r->first_line = line;
	}
	if (r->have_pend)   /* the first of a later segment lacks its prev */
		judge_pending(sc, t, r->part == TS_RT_LATER && !r->have_prev);
	if (t < r->last_ts && !r->went_back) {
		r->went_back = 1;
		if (r->part == TS_RT_LATER) {   /* said by the merge, with its line */
			r->back_line = line;
			r->back_ts = t;
		} else {
			ts_diag_note(sc->f.d, sc->f.in->rel, line,
				     "timestamp '%s' is earlier than the one before (samples used as they are)",
				     ts_load_shortest(q, sizeof(q), t));
		}
	}
	r->pend_ts = t;
	r->pend_line = line;
	r->have_pend = 1;
	return 1;
}

/* The end of the bytes read: the last timestamp has no next neighbour
 * (it has one in the file when the segment ends before the file does). */
static void flush_timestamps(struct rt_scanner *sc, int at_eof)
{
	if (sc->r->have_pend)
		judge_pending(sc, NAN, !at_eof);
}

/* The end of a data row (ts_csv_end_fn): check its shape, report its bad
 * values, fold the good ones into the aggregate. */
static int rt_end(void *ctx, long line, size_t nf, size_t filled)
{
	struct rt_scanner *sc = ctx;
	struct ts_rt_parsed *r = sc->r;
	struct rt_cell *c = sc->cell;
	int timed;

	if ((filled == 0 || nf != sc->f.ncols) && ts_load_bad_shape(&sc->f, line, nf, filled)) {
		r->rows_skipped++;
		goto reset;
	}
	if (sc->bad)
		for (int k = 0; k < TS_RC_COUNT; k++)
			ts_load_report_value(&sc->f, line, ts_realtime_cols[k].name, TS_VAL_REAL,
					     c[k].st, c[k].text, c[k].len);
	r->agg.samples++;
	timed = c[TS_RC_TIMESTAMP].st == TS_FIELD_OK && timestamp(sc, line, c[TS_RC_TIMESTAMP].v);
	for (int k = TS_RC_TIMESTAMP + 1; k < TS_RC_COUNT; k++) {
		if (c[k].st != TS_FIELD_OK)
			continue;
		add_value(r, k, c[k].v);
		if (timed && (ts_realtime_cols[k].aggs & TS_AGG_ENV)) {
			r->pend_v[k] = c[k].v;
			r->pend_has |= 1u << k;
		}
		if (ts_out_of_bounds(c[k].v, ts_realtime_cols[k].lo, ts_realtime_cols[k].hi))
			ts_load_odd(&r->odd[k], line);
	}
	r->rows_used++;
	r->last_used_line = line;
reset:
	sc->bad = 0;
	for (int k = 0; k < TS_RC_COUNT; k++)
		c[k].st = TS_FIELD_MISSING;
	return 0;
}

/* The header (ts_csv_record_fn): map the columns, then take the data
 * rows field by field (rt_field, rt_end). */
static int on_header(void *ctx, long line, size_t nf, char *const *f, const size_t *len)
{
	struct rt_scanner *sc = ctx;
	struct load_col cols[TS_RC_COUNT];

	(void)line;
	for (int c = 0; c < TS_RC_COUNT; c++) {
		cols[c].name = ts_realtime_cols[c].name;
		cols[c].needed = ts_realtime_cols[c].needed;
	}
	if (ts_load_map_header(&sc->f, cols, TS_RC_COUNT, sc->col, "realtime", nf, f, len) < 0)
		return -1;
	sc->rt_of = ts_xmalloc(nf);
	memset(sc->rt_of, -1, nf);
	for (int c = 0; c < TS_RC_COUNT; c++) {
		if (sc->col[c] >= 0)
			sc->rt_of[sc->col[c]] = (signed char)c;
		sc->cell[c].st = TS_FIELD_MISSING;
	}
	sc->f.info.trim = 1;   /* every column read is a number */
	sc->f.info.field_fn = rt_field;
	sc->f.info.end_fn = rt_end;
	return 0;
}

/* A later segment: read the header alone, silently (the first segment
 * says what is wrong with it), for the columns; then the segment's own
 * bytes. Returns -1 when the header is not the plain line that
 * ts_load_rt_cuts saw. */
static int read_later(struct rt_scanner *sc, const struct rt_range *rg)
{
	struct ts_diag quiet;
	struct ts_csv_info *info = &sc->f.info;

	ts_diag_init(&quiet, NULL);
	info->range_end = rg->header_end;
	if (rg->header_end <= 0 ||
	    ts_csv_read_file(sc->f.in->path, sc->f.in->rel, on_header, sc, &quiet, info) < 0 ||
	    !sc->f.ncols || !info->clean_end || info->records != 1)
		return -1;
	info->range_start = rg->start;
	info->range_end = rg->end;
	return ts_load_read(&sc->f, on_header, sc);
}

int ts_rt_scan_read(struct ts_rt_parsed *r, const struct ts_input *in, struct ts_diag *d,
		    const struct rt_range *rg)
{
	struct rt_scanner sc;
	struct ts_diag_counts before = d->n;
	int rc;

	memset(&sc, 0, sizeof(sc));
	sc.f.in = in;
	sc.f.d = d;
	sc.f.info.want_hash = rg->want_hash;
	sc.r = r;
	if (r->part == TS_RT_LATER) {
		rc = read_later(&sc, rg);
	} else {
		sc.f.info.range_end = rg->end;
		rc = ts_load_read(&sc.f, on_header, &sc);
	}
	flush_timestamps(&sc, rg->end == 0);
	r->hash = sc.f.info.hash;
	r->clean_end = sc.f.info.clean_end;
	r->lines = sc.f.info.lines;
	r->n_lf = sc.f.info.n_lf;
	r->n_crlf = sc.f.info.n_crlf;
	r->n_cr = sc.f.info.n_cr;
	if (rc == 0 && r->part == TS_RT_WHOLE) {
		ts_load_check_cut(d, in->rel, &sc.f.info, r->last_used_line);
		ts_rt_finish(r, in, d, sc.f.ncols > 0);
	}
	{
		/* a cut last record needs the whole file's line numbers */
		struct ts_diag_counts said = ts_diag_counts_sub(&d->n, &before);
		r->quiet = !ts_diag_counts_any(&said) && !sc.f.info.unterminated_line;
	}
	r->ok = rc == 0 && sc.f.ncols > 0;   /* no header: skipped (said) */
	free(sc.rt_of);
	ts_load_file_release(&sc.f);
	return rc;
}

void ts_rt_finish(struct ts_rt_parsed *r, const struct ts_input *in, struct ts_diag *d,
		  int had_header)
{
	const struct ts_odd *ts = &r->odd[TS_RC_TIMESTAMP];

	ts_load_check_file(d, in->rel, had_header, r->rows_used, r->rows_skipped,
			   r->n_lf, r->n_crlf, r->n_cr);
	if (ts->n) {
		ts_diag_warn(d, TS_DROP_CELL, in->rel, 0,
			     "column 'timestamp': %llu value%s not in Unix seconds (milliseconds, zero, "
			     "negative, or a day away from the samples around), %s line %ld "
			     "(timestamp%s left out; the samples are used)",
			     ts->n, ts->n == 1 ? "" : "s", ts->n == 1 ? "at" : "first at",
			     ts->first_line, ts->n == 1 ? "" : "s");
		ts_diag_add_dropped(d, TS_DROP_CELL, (unsigned long)ts->n - 1);
	}
	for (int c = TS_RC_TIMESTAMP + 1; c < TS_RC_COUNT; c++)
		ts_load_report_odd(d, in->rel, ts_realtime_cols[c].name, ts_realtime_cols[c].lo,
				   ts_realtime_cols[c].hi, &r->odd[c]);
	for (int c = 0; c < TS_RC_COUNT; c++)
		if (ts_realtime_cols[c].aggs & TS_AGG_SUM)
			r->agg.col[c].sum = ts_ksum_value(&r->sum[c]);
}

void ts_load_realtime_parse(const struct ts_input *in, int want_hash,
			    struct ts_rt_parsed *r, struct ts_diag *d)
{
	ts_load_realtime_parse_req(in, want_hash, NULL, r, d);
}

void ts_load_realtime_parse_req(const struct ts_input *in, int want_hash,
				const struct ts_reqs *q, struct ts_rt_parsed *r,
				struct ts_diag *d)
{
	struct rt_range whole = { 0, 0, 0, want_hash };

	ts_rt_scan_init(r, TS_RT_WHOLE);
	ts_span_init(&r->span, q);
	ts_diag_file_begin(d, in->rel);
	ts_rt_scan_read(r, in, d, &whole);
	ts_diag_file_end(d);
}

int ts_load_realtime_store(struct ts_store *s, const struct ts_input *in,
			   const struct ts_rt_parsed *r, struct ts_load_totals *tot)
{
	long long id;

	if (!r->ok) {
		ts_load_store_skipped(s, in);
		tot->files_skipped++;
		return -1;
	}
	if (ts_store_begin(s) < 0)
		goto fail;
	id = ts_store_add_file(s, in);
	if (id < 0 || ts_store_add_realtime(s, id, &r->agg) < 0 ||
	    ts_store_add_envelopes(s, id, r->env) < 0 ||
	    ts_store_add_span(s, id, &r->span) < 0 ||
	    ts_store_file_status(s, id, "read", (long long)r->rows_used,
				 (long long)r->rows_skipped, r->hash) < 0 ||
	    ts_store_commit(s) < 0)
		goto fail;
	tot->files_read++;
	tot->realtime_rows += r->rows_used;
	tot->rows_skipped += r->rows_skipped;
	return 0;
fail:
	ts_store_rollback(s);
	tot->files_skipped++;
	return -1;
}
