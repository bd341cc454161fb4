/* load.c - read synthesis and realtime CSV files into the store
 * (see load.h). */
#include "ts.h"
#include "load.h"
#include "load_int.h"
#include "csvread.h"
#include "field.h"
#include "mem.h"
#include "stats.h"
#include "utf8.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Realtime columns the statistics use (METRICS.md section 3 and 4). */
static const char *const rt_names[RT_COUNT] = {
	"timestamp", "cpu_percent", "memory_mb", "temperature_c",
};

/* Synthesis columns without which a statistic is unknown: a missing one
 * is a warning; the others are merely unknown. */
static const enum ts_syn_col needed_cols[] = {
	TS_SC_SUCCESS, TS_SC_PEAK_MEMORY_MB, TS_SC_RTF, TS_SC_TOKENS_PER_SECOND,
	TS_SC_TOTAL_DURATION_S, TS_SC_PEAK_GPU_MEMORY_MB,
	TS_SC_PEAK_TEMPERATURE_C, TS_SC_THROTTLE_DETECTED,
};

static void rt_field(void *ctx, size_t col, const char *s, size_t n);
static int rt_end(void *ctx, long line, size_t nf, size_t filled);


/* A row whose request_id was already read: kept until the end of the
 * file, so that a file that only repeats another is one message. */
struct dup {
	long line;
	char *request_id, *key;
	char *first_path;         /* where the first one is */
	long first_line;
};

/* Near misses of a column name (" rtf", "Success"): pandas matches names
 * exactly, so they are not used, but say which column was probably meant. */
static const char *near_miss(const char *want, char *const *f, const size_t *len, size_t nf)
{
	size_t wl = strlen(want);

	for (size_t i = 0; i < nf; i++) {
		const char *h = f[i];
		size_t hl = len[i];
		while (hl && isspace((unsigned char)*h)) { h++; hl--; }
		while (hl && isspace((unsigned char)h[hl - 1])) hl--;
		if (hl == wl && strncasecmp(h, want, wl) == 0)
			return f[i];
	}
	return NULL;
}

static int map_header(struct loader *l, size_t nf, char *const *f, const size_t *len)
{
	size_t ncols = l->realtime ? RT_COUNT : TS_SC_COUNT;
	size_t known = 0;

	for (size_t c = 0; c < ncols; c++) {
		const char *name = l->realtime ? rt_names[c] : ts_synthesis_cols[c].name;
		l->col[c] = -1;
		for (size_t i = 0; i < nf; i++) {
			if (strlen(name) != len[i] || memcmp(name, f[i], len[i]) != 0)
				continue;
			if (l->col[c] < 0) {
				l->col[c] = (int)i;
				known++;
			} else {
				ts_diag_report(l->d, TS_WARNING, TS_DROP_NONE, l->in->rel, 1, 0,
					       "column '%s' appears twice (the first one is used)", name);
				break;
			}
		}
	}
	if (known == 0) {
		if (nf == 1 && strchr(f[0], ';'))
			ts_diag_file_error(l->d, l->in->rel, 1,
					   "fields are separated by ';' (a spreadsheet export?); tierstat reads "
					   "comma-separated files with '.' decimals (file skipped)");
		else
			ts_diag_file_error(l->d, l->in->rel, 1,
					   "the header names none of the %s columns (file skipped)",
					   l->realtime ? "realtime" : "synthesis");
		return -1;
	}
	for (size_t c = 0; c < ncols; c++) {
		const char *name, *hint;
		if (l->col[c] >= 0)
			continue;
		if (l->realtime) {
			name = rt_names[c];
		} else {
			size_t k;
			for (k = 0; k < TS_COUNTOF(needed_cols); k++)
				if (needed_cols[k] == (enum ts_syn_col)c)
					break;
			if (k == TS_COUNTOF(needed_cols))
				continue;
			name = ts_synthesis_cols[c].name;
		}
		hint = near_miss(name, f, len, nf);
		if (hint)
			ts_diag_report(l->d, TS_WARNING, TS_DROP_NONE, l->in->rel, 1, 0,
				       "column '%s' is missing; did you mean '%s'? (its statistics are unknown)",
				       name, hint);
		else
			ts_diag_report(l->d, TS_WARNING, TS_DROP_NONE, l->in->rel, 1, 0,
				       "column '%s' is missing (its statistics are unknown)", name);
	}
	/* parse only the columns read: the others arrive empty */
	l->want = ts_xcalloc(nf, 1);
	for (size_t c = 0; c < ncols; c++)
		if (l->col[c] >= 0)
			l->want[l->col[c]] = 1;
	l->info->want = l->want;
	l->info->nwant = nf;
	l->info->trim = l->realtime;   /* realtime columns are all numbers */
	if (l->realtime) {
		l->rt_of = ts_xmalloc(nf);
		memset(l->rt_of, -1, nf);
		for (size_t c = 0; c < RT_COUNT; c++)
			if (l->col[c] >= 0)
				l->rt_of[l->col[c]] = (signed char)c;
		for (size_t c = 0; c < RT_COUNT; c++)
			l->cell[c].st = TS_FIELD_MISSING;
		l->info->field_fn = rt_field;
		l->info->end_fn = rt_end;
	}
	l->ncols = nf;
	return 0;
}

#define QUOTE(buf, s, n) ts_diag_quote((buf), sizeof(buf), (s), (n), TS_QUOTE_MAX)

/* A text cell: a NUL byte makes it unusable (C strings would cut it, and
 * two tiers could share a name); bytes that are not UTF-8 are replaced by
 * U+FFFD (the JSON and the figures need UTF-8), noted once per column. */
static void parse_text(struct loader *l, long line, const char *name,
		       const char *s, size_t n, struct ts_val *v)
{
	char q[TS_QUOTE_BUF];
	int c = (int)(v - l->row);   /* the column, from the value's slot */

	if (memchr(s, 0, n)) {
		ts_diag_report(l->d, TS_WARNING, TS_DROP_CELL, l->in->rel, line, 0,
			       "column '%s': '%s' holds a NUL byte (value left out)",
			       name, QUOTE(q, s, n));
		return;
	}
	v->type = TS_VAL_TEXT;
	v->s = s;
	v->n = n;
	if (ts_utf8_valid_n(s, n))
		return;
	if (!l->utf8_noted[c]) {
		l->utf8_noted[c] = 1;
		ts_diag_note(l->d, l->in->rel, line,
			     "column '%s': '%s' is not UTF-8 (invalid bytes shown as U+FFFD)",
			     name, QUOTE(q, s, n));
	}
	l->clean[c] = ts_utf8_clean(s);   /* s is NUL-terminated (no NUL inside) */
	v->s = l->clean[c];
	v->n = strlen(l->clean[c]);
}

/* Report a value the statistics cannot use (nothing for OK or missing). */
static void report_value(struct loader *l, long line, const char *name,
			 enum ts_val_type type, enum ts_field_status st,
			 const char *s, size_t n)
{
	char q[TS_QUOTE_BUF];

	if (st == TS_FIELD_NONFINITE)
		ts_diag_report(l->d, TS_NOTE, TS_DROP_NONE, l->in->rel, line, 0,
			       "column '%s': '%s' is not a finite number (left out of the statistics)",
			       name, QUOTE(q, s, n));
	else if (st == TS_FIELD_BAD)
		ts_diag_report(l->d, TS_WARNING, TS_DROP_CELL, l->in->rel, line, 0,
			       "column '%s': '%s' is not %s (%s)", name, QUOTE(q, s, n),
			       type == TS_VAL_BOOL ? "a boolean (True/False)" :
			       type == TS_VAL_INT ? "an integer" : "a number",
			       strcmp(name, "success") == 0 ? "row counted as not successful"
							    : "value left out");
}

/* Parse a cell of the given type into v; report a bad one. */
static void parse_cell(struct loader *l, long line, const char *name,
		       enum ts_val_type type, const char *s, size_t n,
		       struct ts_val *v)
{
	enum ts_field_status st = TS_FIELD_OK;
	bool b = false;

	memset(v, 0, sizeof(*v));
	switch (type) {
	case TS_VAL_TEXT:
		if (n)
			parse_text(l, line, name, s, n, v);
		return;
	case TS_VAL_REAL:
		st = ts_field_number(s, n, &v->r);
		break;
	case TS_VAL_INT:
		st = ts_field_integer(s, n, &v->i);
		break;
	case TS_VAL_BOOL:
		st = ts_field_bool(s, n, &b);
		v->i = b;
		break;
	case TS_VAL_NULL:
		return;
	}
	if (st == TS_FIELD_OK)
		v->type = type;
	else
		report_value(l, line, name, type, st, s, n);
}

/* A record whose field count differs from the header's, or that is all
 * empty (`filled` non-empty fields): report it and say whether to skip it. */
static int bad_shape(struct loader *l, long line, size_t nf, size_t filled)
{
	if (filled == 0) {
		ts_diag_note(l->d, l->in->rel, line, "empty row (skipped)");
		return 1;
	}
	if (nf != l->ncols) {
		ts_diag_report(l->d, TS_WARNING, TS_DROP_ROW, l->in->rel, line, 0,
			       "row has %zu field%s, the header has %zu (row skipped)",
			       nf, nf == 1 ? "" : "s", l->ncols);
		l->rows_skipped++;
		return 1;
	}
	return 0;
}

static size_t filled_fields(size_t nf, const size_t *len)
{
	size_t filled = 0;

	for (size_t i = 0; i < nf; i++)
		filled += len[i] != 0;
	return filled;
}

static void free_clean(struct loader *l)
{
	for (int c = 0; c < TS_SC_COUNT; c++) {
		free(l->clean[c]);
		l->clean[c] = NULL;
	}
}

static int on_synthesis(void *ctx, long line, size_t nf, char *const *f, const size_t *len)
{
	struct loader *l = ctx;
	struct ts_val *v = l->row;
	char *dup_path;
	long dup_line;
	char q[TS_QUOTE_BUF];
	int rc;

	if (!l->ncols)
		return map_header(l, nf, f, len);
	if (bad_shape(l, line, nf, filled_fields(nf, len)))
		return 0;
	for (int c = 0; c < TS_SC_COUNT; c++) {
		int i = l->col[c];
		if (i < 0)
			memset(&v[c], 0, sizeof(v[c]));
		else
			parse_cell(l, line, ts_synthesis_cols[c].name, ts_synthesis_cols[c].type,
				   f[i], len[i], &v[c]);
	}
	if (v[TS_SC_HARDWARE_TIER].type == TS_VAL_NULL) {
		v[TS_SC_HARDWARE_TIER].type = TS_VAL_TEXT;
		v[TS_SC_HARDWARE_TIER].s = l->in->tier;
		v[TS_SC_HARDWARE_TIER].n = strlen(l->in->tier);
	} else if (!l->noted_tier && (v[TS_SC_HARDWARE_TIER].n != strlen(l->in->tier) ||
		   memcmp(v[TS_SC_HARDWARE_TIER].s, l->in->tier, v[TS_SC_HARDWARE_TIER].n) != 0)) {
		l->noted_tier = 1;
		ts_diag_note(l->d, l->in->rel, line,
			     "hardware_tier '%s' differs from the file name's '%s' (the column is used)",
			     QUOTE(q, v[TS_SC_HARDWARE_TIER].s, v[TS_SC_HARDWARE_TIER].n), l->in->tier);
	}
	if (v[TS_SC_DEVICE_TYPE].type == TS_VAL_NULL) {
		if (!l->warned_device++)
			ts_diag_report(l->d, TS_WARNING, TS_DROP_NONE, l->in->rel, line, 0,
				       "no device_type (taken as '%s'%s)", l->fallback_device,
				       strcmp(l->fallback_device, "unknown") ? " from the hardware specs" : "");
		v[TS_SC_DEVICE_TYPE].type = TS_VAL_TEXT;
		v[TS_SC_DEVICE_TYPE].s = l->fallback_device;
		v[TS_SC_DEVICE_TYPE].n = strlen(l->fallback_device);
	}
	if (l->col[TS_SC_SUCCESS] >= 0 && v[TS_SC_SUCCESS].type == TS_VAL_NULL &&
	    len[l->col[TS_SC_SUCCESS]] == 0)
		ts_diag_report(l->d, TS_WARNING, TS_DROP_CELL, l->in->rel, line, 0,
			       "column 'success' is empty (row counted as not successful)");
	rc = ts_store_add_synthesis(l->s, l->file_id, line, v, &dup_path, &dup_line);
	if (rc == 1) {
		struct dup *x;
		TS_GROW(l->dups, l->nr_dups + 1, l->alloc_dups);
		x = &l->dups[l->nr_dups++];
		x->line = line;
		x->request_id = ts_xstrdup(QUOTE(q, v[TS_SC_REQUEST_ID].s, v[TS_SC_REQUEST_ID].n));
		x->key = ts_xasprintf("%.*s_%.*s", (int)v[1].n, v[1].s, (int)v[2].n, v[2].s);
		x->first_path = dup_path ? dup_path : ts_xstrdup("?");
		x->first_line = dup_line;
		l->rows_skipped++;
	} else if (rc == 0) {
		l->rows_used++;
		l->last_used_line = line;
	}
	free_clean(l);
	if (rc < 0) {
		l->failed = 1;
		return 1;
	}
	return 0;
}

/* Report the duplicate rows of a file: one message when every row of it
 * repeats rows of one other file (a folder copied in twice), else one per
 * row; nothing when `report` is 0 (the file was dropped). Frees the list. */
static void report_dups(struct loader *l, int report)
{
	int whole = l->nr_dups > 0 && l->rows_used == 0 && l->rows_skipped == l->nr_dups;

	for (size_t i = 1; i < l->nr_dups && whole; i++)
		whole = strcmp(l->dups[i].first_path, l->dups[0].first_path) == 0;
	if (whole && report)
		ts_diag_report(l->d, TS_WARNING, TS_DROP_FILE, l->in->rel, 0, 0,
			       "every row repeats a request of %s (file counted once)",
			       l->dups[0].first_path);
	for (size_t i = 0; i < l->nr_dups; i++) {
		struct dup *x = &l->dups[i];
		if (!whole && report)
			ts_diag_report(l->d, TS_WARNING, TS_DROP_ROW, l->in->rel, x->line, 0,
				       "request_id '%s' of tier %s was already read at %s:%ld (row counted once)",
				       x->request_id, x->key, x->first_path, x->first_line);
		free(x->request_id);
		free(x->key);
		free(x->first_path);
	}
	free(l->dups);
	l->dups = NULL;
	l->nr_dups = l->alloc_dups = 0;
}

static void fmax_into(double *m, double x)
{
	if (isnan(*m) || x > *m)
		*m = x;
}

/* The realtime header only: data rows come through rt_field/rt_end. */
int ts_loader_on_realtime(void *ctx, long line, size_t nf, char *const *f, const size_t *len)
{
	struct loader *l = ctx;

	(void)line;
	return map_header(l, nf, f, len);
}

static void rt_field(void *ctx, size_t col, const char *s, size_t n)
{
	struct loader *l = ctx;
	struct rt_cell *c;

	if (col >= l->ncols || l->rt_of[col] < 0)
		return;
	c = &l->cell[l->rt_of[col]];
	c->st = ts_field_number(s, n, &c->v);
	if (c->st == TS_FIELD_BAD || c->st == TS_FIELD_NONFINITE) {
		l->rt_bad = 1;
		c->len = n < sizeof(c->text) ? n : sizeof(c->text);
		memcpy(c->text, s, c->len);
	}
}

/* x as its shortest text that reads back the same (as Python's repr). */
const char *ts_loader_shortest(char *buf, size_t cap, double x)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, cap, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return buf;
}

/* A realtime row is complete: check its shape, report its bad values,
 * fold the good ones into the file's aggregate. */
static int rt_end(void *ctx, long line, size_t nf, size_t filled)
{
	struct loader *l = ctx;
	struct ts_rt_agg *a = &l->agg;
	struct rt_cell *c = l->cell;
	char q[TS_QUOTE_BUF];

	if ((filled == 0 || nf != l->ncols) && bad_shape(l, line, nf, filled))
		goto reset;
	if (l->rt_bad)
		for (int k = 0; k < RT_COUNT; k++)
			report_value(l, line, rt_names[k], TS_VAL_REAL, c[k].st, c[k].text, c[k].len);
	a->samples++;
	if (c[RT_TIMESTAMP].st == TS_FIELD_OK) {
		double t = c[RT_TIMESTAMP].v;
		if (isnan(l->first_ts)) {
			l->first_ts = t;
			l->first_line = line;
		}
		if (t < l->last_ts && !l->noted_order) {
			/* the figures use min and max, so order does not matter;
			 * still worth knowing (clock steps, merged files) */
			l->noted_order = 1;
			if (l->segment == 2) {   /* said by the merge, with its line */
				l->inv_line = line;
				l->inv_ts = t;
			} else
				ts_diag_note(l->d, l->in->rel, line,
					     "timestamp '%s' is earlier than the one before (samples used as they are)",
					     ts_loader_shortest(q, sizeof(q), t));
		}
		l->last_ts = t;
		if (isnan(a->ts_min) || t < a->ts_min)
			a->ts_min = t;
		fmax_into(&a->ts_max, t);
	}
	if (c[RT_CPU_PERCENT].st == TS_FIELD_OK) {
		a->cpu_n++;
		ts_ksum_add(&l->cpu_sum, c[RT_CPU_PERCENT].v);
		fmax_into(&a->cpu_max, c[RT_CPU_PERCENT].v);
	}
	if (c[RT_MEMORY_MB].st == TS_FIELD_OK)
		fmax_into(&a->memory_mb_max, c[RT_MEMORY_MB].v);
	if (c[RT_TEMPERATURE_C].st == TS_FIELD_OK)
		fmax_into(&a->temperature_c_max, c[RT_TEMPERATURE_C].v);
	l->rows_used++;
	l->last_used_line = line;
reset:
	l->rt_bad = 0;
	for (int k = 0; k < RT_COUNT; k++)
		c[k].st = TS_FIELD_MISSING;
	return 0;
}

void ts_loader_init(struct loader *l, struct ts_store *s, const struct ts_input *in,
			struct ts_diag *d)
{
	memset(l, 0, sizeof(*l));
	l->s = s;
	l->in = in;
	l->d = d;
	l->realtime = in->kind == TS_KIND_REALTIME;
	l->agg.ts_min = l->agg.ts_max = l->agg.cpu_max = NAN;
	l->agg.memory_mb_max = l->agg.temperature_c_max = NAN;
	l->last_ts = -INFINITY;
	l->first_ts = NAN;
}

/* A last row with no line end after it, in a file of CR LF line ends
 * (ts_csv_info.unterminated_line): Python's csv module, the monitor's
 * writer, ends every record with CR LF, so the monitor may have been
 * killed while writing it, even when its field count is right (a number
 * cut to fewer digits). Said when the row was used; one skipped for its
 * shape (or as a duplicate) has had its message. In a file of LF line
 * ends a missing last line end is common: nothing to say. */
static void warn_cut_last_row(struct loader *l, const struct ts_csv_info *info)
{
	if (info->unterminated_line > 0 && info->unterminated_line == l->last_used_line)
		ts_diag_report(l->d, TS_WARNING, TS_DROP_NONE, l->in->rel, info->unterminated_line, 0,
			       "no line end after the last record: cut off while being written? (row kept)");
}

/* Read the file through the loader's callbacks and say what is odd about
 * it as a whole. Returns 0 when it was used, -1 when skipped (reported). */
int ts_loader_read(struct loader *l, struct ts_csv_info *info)
{
	l->info = info;
	info->want_hash = l->want_hash;
	if (ts_csv_read_file(l->in->path, l->in->rel, l->realtime ? ts_loader_on_realtime : on_synthesis,
			     l, l->d, info) < 0 || l->failed)
		return -1;
	l->hash = info->hash;
	report_dups(l, 1);
	if (info->stopped && !l->ncols)
		return -1;   /* the header was refused (reported) */
	l->clean_end = info->clean_end;
	l->lines = info->lines;
	l->n_lf = info->n_lf;
	l->n_crlf = info->n_crlf;
	l->n_cr = info->n_cr;
	if (l->segment)
		return l->ncols ? 0 : -1;   /* the checks below: ts_load_realtime_merge */
	warn_cut_last_row(l, info);
	ts_loader_finish(l);
	return 0;
}

/* What is odd about a file as a whole, once all of it is read. */
void ts_loader_finish(struct loader *l)
{
	struct ts_diag *d = l->d;
	const char *rel = l->in->rel;

	if (!l->ncols)
		ts_diag_report(d, TS_WARNING, TS_DROP_NONE, rel, 0, 0,
			       "empty file: no header and no rows (file skipped)");
	else if (!l->rows_used && !l->rows_skipped)
		ts_diag_note(d, rel, 0, "no rows after the header");
	if ((l->n_cr > 0) + (l->n_lf > 0) + (l->n_crlf > 0) > 1)
		ts_diag_note(d, rel, 0, "mixed line ends (%lu CR alone, %lu LF, %lu CR LF)",
			     l->n_cr, l->n_lf, l->n_crlf);
	if (l->realtime) {
		/* Unix seconds after the year 5000 are milliseconds: a monitor
		 * writing time.time() * 1000 */
		if (l->agg.ts_min > 1e11) {
			ts_diag_report(d, TS_WARNING, TS_DROP_NONE, rel, 0, 0,
				       "timestamps look like milliseconds, not seconds (divided by 1000)");
			l->agg.ts_min /= 1000;
			l->agg.ts_max /= 1000;
		}
		l->agg.cpu_sum = ts_ksum_value(&l->cpu_sum);
	}
}

void ts_loader_release(struct loader *l)
{
	report_dups(l, 0);   /* a file skipped half way: its rows are gone */
	free(l->want);
	free(l->rt_of);
	free_clean(l);
	free(l->fallback_device);
}

/* Record a file that could not be used: in the inventory, without rows. */
static void store_skipped(struct ts_store *s, const struct ts_input *in,
			  struct ts_load_totals *tot)
{
	ts_store_rollback(s);
	if (ts_store_begin(s) == 0) {
		long long id = ts_store_add_file(s, in);
		if (id < 0 || ts_store_file_status(s, id, "skipped", 0, 0, 0) < 0 ||
		    ts_store_commit(s) < 0)
			ts_store_rollback(s);
	}
	tot->files_skipped++;
}

/* Store a read realtime file, or record it as skipped. */
static int store_realtime(struct ts_store *s, const struct ts_input *in,
			  const struct ts_rt_parsed *r, struct ts_load_totals *tot)
{
	long long id;

	if (!r->ok) {
		store_skipped(s, in, tot);
		return -1;
	}
	if (ts_store_begin(s) < 0)
		goto fail;
	id = ts_store_add_file(s, in);
	if (id < 0 || ts_store_add_realtime(s, id, &r->agg) < 0 ||
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

void ts_load_realtime_parse(const struct ts_input *in, int want_hash,
			    struct ts_rt_parsed *r, struct ts_diag *d)
{
	struct ts_csv_info info;
	struct loader l;

	memset(r, 0, sizeof(*r));
	memset(&info, 0, sizeof(info));
	ts_loader_init(&l, NULL, in, d);
	l.want_hash = want_hash;
	ts_diag_file_begin(d, in->rel);
	r->ok = ts_loader_read(&l, &info) == 0;
	r->hash = l.hash;
	r->agg = l.agg;
	r->rows_used = l.rows_used;
	r->rows_skipped = l.rows_skipped;
	ts_diag_file_end(d);
	ts_loader_release(&l);
}

int ts_load_realtime_store(struct ts_store *s, const struct ts_input *in,
			   const struct ts_rt_parsed *r, struct ts_load_totals *tot)
{
	return store_realtime(s, in, r, tot);
}

int ts_load_csv(struct ts_store *s, const struct ts_input *in,
		struct ts_load_totals *tot, struct ts_diag *d)
{
	struct ts_csv_info info;
	struct loader l;
	int rc = -1;

	memset(&info, 0, sizeof(info));
	if (in->kind == TS_KIND_REALTIME) {
		struct ts_rt_parsed r;
		ts_load_realtime_parse(in, ts_store_is_file(s), &r, d);
		return store_realtime(s, in, &r, tot);
	}
	ts_loader_init(&l, s, in, d);
	l.want_hash = ts_store_is_file(s);
	l.fallback_device = ts_store_specs_device(s, in->tier);
	if (!l.fallback_device)
		l.fallback_device = ts_xstrdup("unknown");
	ts_diag_file_begin(d, in->rel);
	if (ts_store_begin(s) < 0) {
		tot->files_skipped++;
		goto out;
	}
	l.file_id = ts_store_add_file(s, in);
	if (l.file_id < 0 || ts_loader_read(&l, &info) < 0) {
		store_skipped(s, in, tot);
		goto out;
	}
	if (ts_store_file_status(s, l.file_id, "read", (long long)l.rows_used,
				 (long long)l.rows_skipped, l.hash) < 0 ||
	    ts_store_commit(s) < 0) {
		ts_store_rollback(s);
		tot->files_skipped++;
		goto out;
	}
	tot->files_read++;
	tot->synthesis_rows += l.rows_used;
	tot->rows_skipped += l.rows_skipped;
	rc = 0;
out:
	ts_diag_file_end(d);
	ts_loader_release(&l);
	return rc;
}

int ts_load_same_content(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	char ba[8192], bb[8192];
	int same = fa && fb;

	while (same) {
		size_t na = fread(ba, 1, sizeof(ba), fa), nb = fread(bb, 1, sizeof(bb), fb);
		if (na != nb || memcmp(ba, bb, na) != 0)
			same = 0;
		if (na == 0 || na < sizeof(ba))
			break;
	}
	if (same && (ferror(fa) || ferror(fb)))
		same = 0;
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}
