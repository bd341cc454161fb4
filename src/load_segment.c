/* load_segment.c - a big realtime file parsed in segments on several
 * threads, and merged (see load.h). */
#include "ts.h"
#include "load.h"
#include "load_int.h"
#include "csvread.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
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

/* The offset just after the header line (its first line end), or -1. */
static long long header_end(const char *path)
{
	char buf[4096];
	long long end = -1;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	size_t got;
	char *nl;

	if (fd < 0)
		return -1;
	got = read_at(fd, 0, buf, sizeof(buf));
	nl = memchr(buf, '\n', got);
	if (nl)
		end = nl + 1 - buf;
	close(fd);
	return end;
}

static unsigned long said(const struct ts_diag *d)
{
	return d->n_note + d->n_warning + d->n_error + d->cells_dropped +
	       d->rows_dropped + d->files_dropped;
}

void ts_load_realtime_segment(const struct ts_input *in, long long start, long long end,
			      struct ts_rt_parsed *r, struct ts_diag *d)
{
	struct ts_csv_info info;
	struct loader l;
	unsigned long before = said(d);

	memset(r, 0, sizeof(*r));
	ts_loader_init(&l, NULL, in, d);
	l.segment = start == 0 ? 1 : 2;
	if (l.segment == 1) {
		ts_diag_file_begin(d, in->rel);   /* ended by the merge */
		memset(&info, 0, sizeof(info));
		info.range_end = end;
		r->ok = ts_loader_read(&l, &info) == 0;
	} else {
		/* the header alone, silently (the first segment says what is
		 * wrong with it), for the columns */
		struct ts_diag quiet;
		ts_diag_init(&quiet, NULL);
		memset(&info, 0, sizeof(info));
		info.range_end = header_end(in->path);
		l.info = &info;
		if (info.range_end <= 0 ||
		    ts_csv_read_file(in->path, in->rel, ts_loader_on_realtime, &l, &quiet, &info) < 0 ||
		    !l.ncols || !info.clean_end || info.records != 1)
			goto out;   /* not the plain header line ts_load_rt_cuts saw */
		info.range_start = start;
		info.range_end = end;
		r->ok = ts_loader_read(&l, &info) == 0;
	}
	/* a last record with no line end in what may be a CR LF file: the
	 * whole file's line ends decide whether to say so (ts_loader_read) */
	r->quiet = said(d) == before && !info.unterminated_line;
	r->agg = l.agg;
	r->cpu = l.cpu_sum;
	r->rows_used = l.rows_used;
	r->rows_skipped = l.rows_skipped;
	r->clean_end = l.clean_end;
	r->noted = l.segment == 1 && l.noted_order;
	r->inv_line = l.inv_line;
	r->inv_ts = l.inv_ts;
	r->lines = l.lines;
	r->first_line = l.first_line;
	r->first_ts = l.first_ts;
	r->last_ts = l.last_ts;
	r->n_lf = l.n_lf;
	r->n_crlf = l.n_crlf;
	r->n_cr = l.n_cr;
out:
	ts_loader_release(&l);
}

static double nan_min(double a, double b)
{
	return isnan(a) || b < a ? b : a;
}

static double nan_max(double a, double b)
{
	return isnan(a) || b > a ? b : a;
}

int ts_load_realtime_merge(const struct ts_input *in, struct ts_rt_parsed *const *seg,
			   size_t n, struct ts_diag *d)
{
	struct ts_rt_parsed *r = seg[0];
	struct loader l;
	double last = r->last_ts;
	long offset = r->lines, at = 0;   /* the lines before segment k */
	double back = NAN;                /* where a timestamp first went back */
	char q[TS_QUOTE_BUF];

	if (!r->ok)
		return -1;   /* whole, to say why as reading it whole does */
	for (size_t k = 1; k < n; k++) {
		const struct ts_rt_parsed *x = seg[k];
		if (!seg[k - 1]->clean_end || !x->ok || !x->quiet)
			return -1;
		if (!r->noted && !at && x->first_ts < last) {
			at = offset + x->first_line;   /* right after the cut */
			back = x->first_ts;
		} else if (!r->noted && !at && x->inv_line) {
			at = offset + x->inv_line;
			back = x->inv_ts;
		}
		if (x->last_ts > last)
			last = x->last_ts;
		offset += x->lines;
	}
	if (at)
		ts_diag_note(d, in->rel, at,
			     "timestamp '%s' is earlier than the one before (samples used as they are)",
			     ts_loader_shortest(q, sizeof(q), back));
	ts_loader_init(&l, NULL, in, d);
	l.agg = r->agg;
	l.cpu_sum = r->cpu;
	l.rows_used = r->rows_used;
	l.rows_skipped = r->rows_skipped;
	l.n_lf = r->n_lf;
	l.n_crlf = r->n_crlf;
	l.n_cr = r->n_cr;
	for (size_t k = 1; k < n; k++) {
		const struct ts_rt_parsed *x = seg[k];
		l.agg.samples += x->agg.samples;
		l.agg.ts_min = nan_min(l.agg.ts_min, x->agg.ts_min);
		l.agg.ts_max = nan_max(l.agg.ts_max, x->agg.ts_max);
		l.agg.cpu_n += x->agg.cpu_n;
		ts_ksum_add(&l.cpu_sum, x->cpu.sum);
		ts_ksum_add(&l.cpu_sum, x->cpu.c);
		l.agg.cpu_max = nan_max(l.agg.cpu_max, x->agg.cpu_max);
		l.agg.memory_mb_max = nan_max(l.agg.memory_mb_max, x->agg.memory_mb_max);
		l.agg.temperature_c_max = nan_max(l.agg.temperature_c_max, x->agg.temperature_c_max);
		l.rows_used += x->rows_used;
		l.rows_skipped += x->rows_skipped;
		l.n_lf += x->n_lf;
		l.n_crlf += x->n_crlf;
		l.n_cr += x->n_cr;
	}
	l.ncols = 1;   /* it had a header */
	ts_loader_finish(&l);
	ts_diag_file_end(d);
	r->agg = l.agg;
	r->rows_used = l.rows_used;
	r->rows_skipped = l.rows_skipped;
	ts_loader_release(&l);
	return 0;
}
