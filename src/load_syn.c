/* load_syn.c - the synthesis loader: each row of a synthesis CSV file
 * parsed, checked and inserted into the store (see load.h). */
#include "ts.h"
#include "load.h"
#include "load_int.h"
#include "mem.h"
#include "utf8.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A row whose request_id was already read: kept until the end of the
 * file, so that a file that only repeats another is one message. */
struct dup {
	long line;
	char *request_id, *key;
	char *first_path;         /* where the first one is */
	long first_line;
};

struct syn_loader {
	struct load_file f;
	struct ts_store *s;
	long long file_id;
	const char *fallback_device;  /* device_type when a row has none */
	int col[TS_SC_COUNT];         /* field index of each column, -1 = absent */
	unsigned long long rows_used, rows_skipped;
	int repeats_file;             /* every row repeats another file's */
	long last_used_line;          /* where the last row used starts */
	int failed;                   /* a store error: abandon the file */
	int warned_device;            /* said that a row has no device_type */
	int noted_tier;               /* said that the tier column differs */
	struct ts_val row[TS_SC_COUNT];       /* the row being read */
	char *clean[TS_SC_COUNT];             /* UTF-8 copies of its text cells */
	unsigned char utf8_noted[TS_SC_COUNT];
	struct dup *dups;             /* duplicate rows, reported at the end */
	size_t nr_dups, alloc_dups;
	struct ts_odd odd[TS_SC_COUNT];  /* values that cannot be physical;
	                                    for end_time: before start_time */
};

/* A text cell: a NUL byte makes it unusable (C strings would cut it, and
 * two tiers could share a name); bytes that are not UTF-8 are replaced by
 * U+FFFD (the JSON and the figures need UTF-8), noted once per column.
 * This is where CSV text enters tierstat: valid UTF-8 from here on. */
static void parse_text(struct syn_loader *l, long line, enum ts_syn_col c,
		       const char *s, size_t n, struct ts_val *v)
{
	const char *name = ts_synthesis_cols[c].name;
	char q[TS_QUOTE_BUF];

	if (memchr(s, 0, n)) {
		ts_diag_warn(l->f.d, TS_DROP_CELL, l->f.in->rel, line,
			     "column '%s': '%s' holds a NUL byte (value left out)", name, QUOTE(q, s, n));
		return;
	}
	v->type = TS_VAL_TEXT;
	v->s = s;
	v->n = n;
	if (ts_utf8_valid_n(s, n))
		return;
	if (!l->utf8_noted[c]) {
		l->utf8_noted[c] = 1;
		ts_diag_warn(l->f.d, TS_DROP_NONE, l->f.in->rel, line,
			     "column '%s': '%s' is not UTF-8 (invalid bytes shown as U+FFFD)",
			     name, QUOTE(q, s, n));
	}
	l->clean[c] = ts_utf8_clean(s);   /* s is NUL-terminated (no NUL inside) */
	v->s = l->clean[c];
	v->n = strlen(l->clean[c]);
}

/* Parse cell f[0..n) of column c into v; report a bad one. */
static void parse_cell(struct syn_loader *l, long line, enum ts_syn_col c,
		       const char *s, size_t n, struct ts_val *v)
{
	enum ts_val_type type = ts_synthesis_cols[c].type;
	enum ts_field_status st = TS_FIELD_OK;
	bool b = false;

	memset(v, 0, sizeof(*v));
	switch (type) {
	case TS_VAL_TEXT:
		if (n)
			parse_text(l, line, c, s, n, v);
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
		ts_load_report_value(&l->f, line, ts_synthesis_cols[c].name, type, st, s, n);
}

static void set_text(struct ts_val *v, const char *s)
{
	v->type = TS_VAL_TEXT;
	v->s = s;
	v->n = strlen(s);
}

/* A row without device_type, said once per file: filled in from the
 * specs, nothing is lost (a note); else the device is unknown. */
static void say_no_device(struct syn_loader *l, long line)
{
	if (strcmp(l->fallback_device, "unknown") != 0)
		ts_diag_note(l->f.d, l->f.in->rel, line,
			     "no device_type (taken as '%s' from the hardware specs)",
			     l->fallback_device);
	else
		ts_diag_warn(l->f.d, TS_DROP_NONE, l->f.in->rel, line,
			     "no device_type (taken as 'unknown')");
}

/* The tier and device of a row: the file name's tier when the column is
 * empty (noted once when they differ), the fallback device when none. */
static void fill_key(struct syn_loader *l, long line)
{
	struct ts_val *tier = &l->row[TS_SC_HARDWARE_TIER], *dev = &l->row[TS_SC_DEVICE_TYPE];
	const char *name_tier = l->f.in->tier;
	char q[TS_QUOTE_BUF];

	if (tier->type == TS_VAL_NULL) {
		set_text(tier, name_tier);
	} else if (!l->noted_tier && (tier->n != strlen(name_tier) ||
				      memcmp(tier->s, name_tier, tier->n) != 0)) {
		l->noted_tier = 1;
		ts_diag_note(l->f.d, l->f.in->rel, line,
			     "hardware_tier '%s' differs from the file name's '%s' (the column is used)",
			     QUOTE(q, tier->s, tier->n), name_tier);
	}
	if (dev->type == TS_VAL_NULL) {
		if (!l->warned_device++)
			say_no_device(l, line);
		set_text(dev, l->fallback_device);
	}
}

/* Values kept that cannot be physical (columns.h bounds), and an end
 * before its start: counted, said once per column at the end. */
static void check_values(struct syn_loader *l, long line)
{
	const struct ts_val *v = l->row;

	for (int c = 0; c < TS_SC_COUNT; c++)
		if (v[c].type == TS_VAL_REAL &&
		    ts_out_of_bounds(v[c].r, ts_synthesis_cols[c].lo, ts_synthesis_cols[c].hi))
			ts_load_odd(&l->odd[c], line);
	if (v[TS_SC_START_TIME].type == TS_VAL_REAL && v[TS_SC_END_TIME].type == TS_VAL_REAL &&
	    v[TS_SC_END_TIME].r < v[TS_SC_START_TIME].r)
		ts_load_odd(&l->odd[TS_SC_END_TIME], line);
}

static void report_odd(struct syn_loader *l)
{
	const struct ts_odd *end = &l->odd[TS_SC_END_TIME];

	for (int c = 0; c < TS_SC_COUNT; c++)
		if (c != TS_SC_END_TIME)
			ts_load_report_odd(l->f.d, l->f.in->rel, ts_synthesis_cols[c].name,
					   ts_synthesis_cols[c].lo, ts_synthesis_cols[c].hi, &l->odd[c]);
	if (end->n)
		ts_diag_warn(l->f.d, TS_DROP_NONE, l->f.in->rel, 0,
			     "column 'end_time': %llu value%s before start_time, %s line %ld (kept)",
			     end->n, end->n == 1 ? "" : "s", end->n == 1 ? "at" : "first at",
			     end->first_line);
}

/* A row already stored for its tier: remember it for report_dups. */
static void add_dup(struct syn_loader *l, long line, char *first_path, long first_line)
{
	const struct ts_val *v = l->row;
	char q[TS_QUOTE_BUF];
	struct dup *x;

	TS_GROW(l->dups, l->nr_dups + 1, l->alloc_dups);
	x = &l->dups[l->nr_dups++];
	x->line = line;
	x->request_id = ts_xstrdup(QUOTE(q, v[TS_SC_REQUEST_ID].s, v[TS_SC_REQUEST_ID].n));
	{
		char *key = ts_xasprintf("%.*s_%.*s", (int)v[TS_SC_HARDWARE_TIER].n, v[TS_SC_HARDWARE_TIER].s,
					 (int)v[TS_SC_DEVICE_TYPE].n, v[TS_SC_DEVICE_TYPE].s);
		x->key = ts_xstrdup(QUOTE(q, key, strlen(key)));
		free(key);
	}
	x->first_path = first_path ? first_path : ts_xstrdup("?");
	x->first_line = first_line;
}

/* Fields holding more than blanks: a row of " , , " is no more a request
 * than ",,,," is (the realtime reader trims its fields itself). */
static size_t filled_fields(size_t nf, char *const *f, const size_t *len)
{
	size_t filled = 0;

	for (size_t i = 0; i < nf; i++)
		filled += len[i] > strspn(f[i], " \t");
	return filled;
}

static void free_clean(struct syn_loader *l)
{
	for (int c = 0; c < TS_SC_COUNT; c++) {
		free(l->clean[c]);
		l->clean[c] = NULL;
	}
}

static int map_header(struct syn_loader *l, size_t nf, char *const *f, const size_t *len)
{
	struct load_col cols[TS_SC_COUNT];

	for (int c = 0; c < TS_SC_COUNT; c++) {
		cols[c].name = ts_synthesis_cols[c].name;
		cols[c].needed = ts_synthesis_cols[c].needed;
	}
	return ts_load_map_header(&l->f, cols, TS_SC_COUNT, l->col, "synthesis", nf, f, len);
}

/* One record (ts_csv_record_fn): the header, then each row. */
static int on_record(void *ctx, long line, size_t nf, char *const *f, const size_t *len)
{
	struct syn_loader *l = ctx;
	struct ts_val *v = l->row;
	char *dup_path;
	long dup_line;
	int rc;

	if (!l->f.ncols)
		return map_header(l, nf, f, len);
	if (ts_load_bad_shape(&l->f, line, nf, filled_fields(nf, f, len))) {
		l->rows_skipped++;
		return 0;
	}
	for (int c = 0; c < TS_SC_COUNT; c++) {
		int i = l->col[c];
		if (i < 0)
			memset(&v[c], 0, sizeof(v[c]));
		else
			parse_cell(l, line, (enum ts_syn_col)c, f[i], len[i], &v[c]);
	}
	fill_key(l, line);
	if (l->col[TS_SC_SUCCESS] >= 0 && v[TS_SC_SUCCESS].type == TS_VAL_NULL &&
	    len[l->col[TS_SC_SUCCESS]] == 0)
		ts_diag_warn(l->f.d, TS_DROP_CELL, l->f.in->rel, line,
			     "column 'success' is empty (row counted as not successful)");
	rc = ts_store_add_synthesis(l->s, l->file_id, line, v, &dup_path, &dup_line);
	if (rc == 1) {
		add_dup(l, line, dup_path, dup_line);
		l->rows_skipped++;
	} else if (rc == 0) {
		l->rows_used++;
		l->last_used_line = line;
		check_values(l, line);
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
 * row; nothing when `report` is 0 (the file was dropped). Frees the list.
 * Returns 1 when the whole file repeats another (it counts as skipped). */
static int report_dups(struct syn_loader *l, int report)
{
	int whole = l->nr_dups > 0 && l->rows_used == 0 && l->rows_skipped == l->nr_dups;

	for (size_t i = 1; i < l->nr_dups && whole; i++)
		whole = strcmp(l->dups[i].first_path, l->dups[0].first_path) == 0;
	if (whole && report)
		ts_diag_warn(l->f.d, TS_DROP_FILE, l->f.in->rel, 0,
			     "every row repeats a request of %s (file counted once)",
			     l->dups[0].first_path);
	for (size_t i = 0; i < l->nr_dups; i++) {
		struct dup *x = &l->dups[i];
		if (!whole && report)
			ts_diag_warn(l->f.d, TS_DROP_ROW, l->f.in->rel, x->line,
				     "request_id '%s' of tier %s was already read at %s:%ld (row counted once)",
				     x->request_id, x->key, x->first_path, x->first_line);
		free(x->request_id);
		free(x->key);
		free(x->first_path);
	}
	free(l->dups);
	l->dups = NULL;
	l->nr_dups = l->alloc_dups = 0;
	return whole;
}

/* Parse the file's rows into the store (inside the caller's
 * transaction). Returns 0 when the file was used, -1 when it is to be
 * skipped. */
static int read_rows(struct syn_loader *l)
{
	struct load_file *f = &l->f;

	if (ts_load_read(f, on_record, l) < 0 || l->failed)
		return -1;
	l->repeats_file = report_dups(l, 1);
	ts_load_check_cut(f->d, f->in->rel, &f->info, l->last_used_line);
	report_odd(l);
	ts_load_check_file(f->d, f->in->rel, f->ncols > 0, l->rows_used, l->rows_skipped,
			   f->info.n_lf, f->info.n_crlf, f->info.n_cr);
	return f->ncols ? 0 : -1;   /* no header: the file is skipped (said) */
}

int ts_load_synthesis(struct ts_store *s, const struct ts_input *in,
		      const char *fallback_device, struct ts_load_totals *tot,
		      struct ts_diag *d)
{
	struct syn_loader l;
	int rc = -1;

	memset(&l, 0, sizeof(l));
	l.f.in = in;
	l.f.d = d;
	l.f.info.want_hash = ts_store_is_file(s);
	l.s = s;
	l.fallback_device = fallback_device;
	ts_diag_file_begin(d, in->rel);
	if (ts_store_begin(s) < 0)
		goto out;
	l.file_id = ts_store_add_file(s, in);
	if (l.file_id < 0 || read_rows(&l) < 0) {
		ts_load_store_skipped(s, in);
		goto out;
	}
	if (ts_store_file_status(s, l.file_id, l.repeats_file ? "skipped" : "read", (long long)l.rows_used,
				 (long long)l.rows_skipped, l.f.info.hash) < 0 ||
	    ts_store_commit(s) < 0) {
		ts_store_rollback(s);
		goto out;
	}
	tot->synthesis_rows += l.rows_used;
	tot->rows_skipped += l.rows_skipped;
	rc = 0;
out:
	if (rc == 0 && !l.repeats_file)
		tot->files_read++;
	else
		tot->files_skipped++;
	report_dups(&l, 0);   /* a file skipped half way: its rows are gone */
	free_clean(&l);
	ts_load_file_release(&l.f);
	ts_diag_file_end(d);
	return rc;
}
