/* load_segment.c - a big realtime file parsed in segments on several
 * threads, and merged (see load.h). */
#include "ts.h"
#include "load.h"
#include "load_int.h"
#include "csvread.h"
#include "mem.h"
#include "stats.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The first `cap` bytes of a file at offset off; returns how many. */
static size_t read_at(int fd, long long off, char *buf, size_t cap)
{
	size_t n = 0;

	while (n < cap) {
		ssize_t got = pread(fd, buf + n, cap - n, (off_t)(off + (long long)n));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	return n;
}

size_t ts_load_rt_cuts(const struct ts_input *in, long long *cuts, size_t max)
{
	static char buf[64 << 10];   /* the main thread's only */
	long long size = (long long)in->size, prev;
	size_t n = 0, got;
	char *nl, *cr;
	int fd;

	if (size < TS_RT_SEGMENT + TS_RT_SEGMENT / 2 || max == 0)
		return 0;
	fd = open(in->path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return 0;   /* reading it whole will say why */
	/* a plain header line first (not blank, no quote, no CR but before
	 * its LF: it is the first record), and text (the rest is for the
	 * reader) */
	got = read_at(fd, 0, buf, sizeof(buf));
	nl = memchr(buf, '\n', got);
	cr = nl ? memchr(buf, '\r', (size_t)(nl - buf)) : NULL;
	if (!nl || nl == buf || cr == buf || memchr(buf, '"', (size_t)(nl - buf)) ||
	    (cr && cr + 1 != nl) || memchr(buf, 0, got)) {
		close(fd);
		return 0;
	}
	prev = nl + 1 - buf;
	for (long long off = TS_RT_SEGMENT; off < size - TS_RT_SEGMENT / 2 && n < max;
	     off += TS_RT_SEGMENT) {
		got = read_at(fd, off, buf, sizeof(buf));
		nl = memchr(buf, '\n', got);
		if (!nl || off + (nl + 1 - buf) <= prev)
			continue;   /* no line end here: a longer segment */
		prev = cuts[n++] = off + (nl + 1 - buf);
	}
	close(fd);
	return n;
}

/* The offset just after the header line (its first line end), or -1:
 * looked for in as many bytes as ts_load_rt_cuts looked at. */
static long long header_end(const char *path)
{
	size_t cap = 64 << 10;
	char *buf = ts_xmalloc(cap);   /* any thread: not static */
	long long end = -1;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	size_t got;
	char *nl;

	if (fd >= 0) {
		got = read_at(fd, 0, buf, cap);
		nl = memchr(buf, '\n', got);
		if (nl)
			end = nl + 1 - buf;
		close(fd);
	}
	free(buf);
	return end;
}

void ts_load_realtime_segment(const struct ts_input *in, long long start, long long end,
			      struct ts_rt_parsed *r, struct ts_diag *d)
{
	ts_load_realtime_segment_req(in, start, end, NULL, r, d);
}

void ts_load_realtime_segment_req(const struct ts_input *in, long long start, long long end,
				  const struct ts_reqs *q, struct ts_rt_parsed *r,
				  struct ts_diag *d)
{
	struct rt_range rg = { start, end, 0, 0 };

	ts_rt_scan_init(r, start == 0 ? TS_RT_FIRST : TS_RT_LATER);
	ts_span_init(&r->span, q);
	if (r->part == TS_RT_FIRST)
		ts_diag_file_begin(d, in->rel);   /* ended by the merge */
	else
		rg.header_end = header_end(in->path);
	ts_rt_scan_read(r, in, d, &rg);
}

static double nan_min(double a, double b)
{
	return isnan(a) || b < a ? b : a;
}

static double nan_max(double a, double b)
{
	return isnan(a) || b > a ? b : a;
}

/* Add segment x to r, the segments before it merged; x's lines are
 * numbered from `offset` + 1 in the file. */
static void add_segment(struct ts_rt_parsed *r, struct ts_rt_parsed *x, long offset)
{
	r->agg.samples += x->agg.samples;
	for (int c = 0; c < TS_RC_COUNT; c++) {
		if (!x->odd[c].n)
			continue;
		if (!r->odd[c].n)
			r->odd[c].first_line = offset + x->odd[c].first_line;
		r->odd[c].n += x->odd[c].n;
	}
	for (int c = 0; c < TS_RC_COUNT; c++) {
		struct ts_rt_col_agg *a = &r->agg.col[c];
		const struct ts_rt_col_agg *b = &x->agg.col[c];
		a->n += b->n;
		a->min = nan_min(a->min, b->min);
		a->max = nan_max(a->max, b->max);
		if (ts_realtime_cols[c].aggs & TS_AGG_SUM) {
			ts_ksum_add(&r->sum[c], x->sum[c].sum);
			ts_ksum_add(&r->sum[c], x->sum[c].c);
		}
	}
	for (int c = 0; c < TS_RC_COUNT; c++)
		if (ts_realtime_cols[c].aggs & TS_AGG_ENV)
			ts_env_merge(&r->env[c], &x->env[c]);
	ts_span_merge(&r->span, &x->span);   /* in file order */
	r->rows_used += x->rows_used;
	r->rows_skipped += x->rows_skipped;
	r->n_lf += x->n_lf;
	r->n_crlf += x->n_crlf;
	r->n_cr += x->n_cr;
}

/* Each segment judged the timestamps at its edges without the neighbour
 * beyond the cut. That is what reading the file whole judges as long as
 * none was left out at an edge (edge_unsure) and the plausible
 * timestamps on either side of every cut are within a day of each other
 * (then each edge one has a near neighbour, in the file as in its
 * segment, or had one alone in its segment). */
static int edges_agree(struct ts_rt_parsed *const *seg, size_t n)
{
	double last = NAN;

	for (size_t k = 0; k < n; k++) {
		if (seg[k]->edge_unsure)
			return 0;
		if (isnan(seg[k]->first_ts))
			continue;
		if (!isnan(last) && fabs(seg[k]->first_ts - last) > TS_TS_JUMP)
			return 0;
		last = seg[k]->last_ts;
	}
	return 1;
}

int ts_load_realtime_merge(const struct ts_input *in, struct ts_rt_parsed *const *seg,
			   size_t n, struct ts_diag *d)
{
	struct ts_rt_parsed *r = seg[0];
	double last = r->last_ts;
	long offset = r->lines, at = 0;   /* the lines before segment k */
	double back = NAN;                /* where a timestamp first went back */
	char q[TS_QUOTE_BUF];

	if (!r->ok || !edges_agree(seg, n))
		return -1;   /* whole, to say why as reading it whole does */
	for (size_t k = 1; k < n; k++) {
		const struct ts_rt_parsed *x = seg[k];
		if (!seg[k - 1]->clean_end || !x->ok || !x->quiet)
			return -1;
		if (!r->went_back && !at && x->first_ts < last) {
			at = offset + x->first_line;   /* right after the cut */
			back = x->first_ts;
		} else if (!r->went_back && !at && x->back_line) {
			at = offset + x->back_line;
			back = x->back_ts;
		}
		if (x->last_ts > last)
			last = x->last_ts;
		offset += x->lines;
	}
	if (at)
		ts_diag_note(d, in->rel, at,
			     "timestamp '%s' is earlier than the one before (samples used as they are)",
			     ts_load_shortest(q, sizeof(q), back));
	offset = r->lines;
	for (size_t k = 1; k < n; k++) {
		add_segment(r, seg[k], offset);
		offset += seg[k]->lines;
	}
	r->part = TS_RT_WHOLE;
	ts_rt_finish(r, in, d, 1);   /* the first segment had a header: it is ok */
	ts_diag_file_end(d);
	return 0;
}
