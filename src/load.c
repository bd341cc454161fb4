/* load.c - what both CSV loaders share (see load_int.h): the header, row
 * shapes, cell values, the checks of a whole file. The loaders
 * themselves are load_syn.c (synthesis rows into the store) and
 * load_rt.c (realtime samples into an aggregate). */
#include "ts.h"
#include "load.h"
#include "load_int.h"
#include "mem.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Near misses of a column name (" rtf", "Success"): pandas matches names
 * exactly, so they are not used, but say which column was probably meant. */
static int near_miss(const char *want, char *const *f, const size_t *len, size_t nf)
{
	size_t wl = strlen(want);

	for (size_t i = 0; i < nf; i++) {
		const char *h = f[i];
		size_t hl = len[i];
		while (hl && isspace((unsigned char)*h)) { h++; hl--; }
		while (hl && isspace((unsigned char)h[hl - 1])) hl--;
		if (hl == wl && strncasecmp(h, want, wl) == 0)
			return (int)i;
	}
	return -1;
}

/* col[c] = the first field named cols[c].name; returns how many found. */
static size_t find_columns(struct load_file *f, const struct load_col *cols, size_t ncols,
			   int *col, size_t nf, char *const *fld, const size_t *len)
{
	size_t known = 0;

	for (size_t c = 0; c < ncols; c++) {
		const char *name = cols[c].name;
		size_t n = strlen(name);
		col[c] = -1;
		for (size_t i = 0; i < nf; i++) {
			if (len[i] != n || memcmp(name, fld[i], n) != 0)
				continue;
			if (col[c] < 0) {
				col[c] = (int)i;
				known++;
			} else {
				ts_diag_warn(f->d, TS_DROP_NONE, f->in->rel, 1,
					     "column '%s' appears twice (the first one is used)", name);
				break;
			}
		}
	}
	return known;
}

int ts_load_map_header(struct load_file *f, const struct load_col *cols, size_t ncols,
		       int *col, const char *kind, size_t nf, char *const *fld,
		       const size_t *len)
{
	if (find_columns(f, cols, ncols, col, nf, fld, len) == 0) {
		if (nf == 1 && strchr(fld[0], ';'))
			ts_diag_file_error(f->d, f->in->rel, 1,
					   "fields are separated by ';' (a spreadsheet export?); tierstat reads "
					   "comma-separated files with '.' decimals (file skipped)");
		else
			ts_diag_file_error(f->d, f->in->rel, 1,
					   "the header names none of the %s columns (file skipped)", kind);
		return -1;
	}
	for (size_t c = 0; c < ncols; c++) {
		char q[TS_QUOTE_BUF];
		int hint;
		if (col[c] >= 0 || !cols[c].needed)
			continue;
		hint = near_miss(cols[c].name, fld, len, nf);
		if (hint >= 0)
			ts_diag_warn(f->d, TS_DROP_NONE, f->in->rel, 1,
				     "column '%s' is missing; did you mean '%s'? (its statistics are unknown)",
				     cols[c].name, QUOTE(q, fld[hint], len[hint]));
		else
			ts_diag_warn(f->d, TS_DROP_NONE, f->in->rel, 1,
				     "column '%s' is missing (its statistics are unknown)", cols[c].name);
	}
	/* parse only the columns read: the others arrive empty */
	f->want = ts_xcalloc(nf, 1);
	for (size_t c = 0; c < ncols; c++)
		if (col[c] >= 0)
			f->want[col[c]] = 1;
	f->info.want = f->want;
	f->info.nwant = nf;
	f->ncols = nf;
	return 0;
}

int ts_load_bad_shape(struct load_file *f, long line, size_t nf, size_t filled)
{
	if (filled == 0) {   /* ",,,," from a spreadsheet: not a request */
		ts_diag_warn(f->d, TS_DROP_ROW, f->in->rel, line,
			     "row has no values, only separators (row skipped)");
		return 1;
	}
	if (nf != f->ncols) {
		ts_diag_warn(f->d, TS_DROP_ROW, f->in->rel, line,
			     "row has %zu field%s, the header has %zu (row skipped)",
			     nf, nf == 1 ? "" : "s", f->ncols);
		return 1;
	}
	return 0;
}

void ts_load_report_value(struct load_file *f, long line, const char *name,
			  enum ts_val_type type, enum ts_field_status st,
			  const char *s, size_t n)
{
	char q[TS_QUOTE_BUF];

	if (st == TS_FIELD_NONFINITE)
		ts_diag_note(f->d, f->in->rel, line,
			     "column '%s': '%s' is not a finite number (left out of the statistics)",
			     name, QUOTE(q, s, n));
	else if (st == TS_FIELD_BAD)
		ts_diag_warn(f->d, TS_DROP_CELL, f->in->rel, line, "column '%s': '%s' is not %s (%s)",
			     name, QUOTE(q, s, n),
			     type == TS_VAL_BOOL ? "a boolean (True/False)" :
			     type == TS_VAL_INT ? "an integer" : "a number",
			     strcmp(name, "success") == 0 ? "row counted as not successful"
							  : "value left out");
}

void ts_load_odd(struct ts_odd *o, long line)
{
	if (!o->n++)
		o->first_line = line;
}

void ts_load_report_odd(struct ts_diag *d, const char *rel, const char *name,
			double lo, double hi, const struct ts_odd *o)
{
	char what[80];
	const char *s = o->n == 1 ? "" : "s";

	if (!o->n)
		return;
	if (lo == 0 && isinf(hi))
		snprintf(what, sizeof(what), "negative value%s", s);
	else
		snprintf(what, sizeof(what), "value%s outside %g to %g", s, lo, hi);
	ts_diag_warn(d, TS_DROP_NONE, rel, 0, "column '%s': %llu %s, %s line %ld (kept)",
		     name, o->n, what, o->n == 1 ? "at" : "first at", o->first_line);
}

void ts_load_check_cut(struct ts_diag *d, const char *rel, const struct ts_csv_info *info,
		       long last_used_line)
{
	if (info->unterminated_line > 0 && info->unterminated_line == last_used_line)
		ts_diag_warn(d, TS_DROP_NONE, rel, info->unterminated_line,
			     "no line end after the last record: cut off while being written? (row kept)");
}

void ts_load_check_file(struct ts_diag *d, const char *rel, int had_header,
			unsigned long long rows_used, unsigned long long rows_skipped,
			unsigned long n_lf, unsigned long n_crlf, unsigned long n_cr)
{
	if (!had_header)
		ts_diag_warn(d, TS_DROP_FILE, rel, 0, "empty file: no header and no rows (file skipped)");
	else if (!rows_used && !rows_skipped)
		ts_diag_note(d, rel, 0, "no rows after the header (nothing to count)");
	if ((n_cr > 0) + (n_lf > 0) + (n_crlf > 0) > 1)
		ts_diag_note(d, rel, 0, "mixed line ends (%lu CR alone, %lu LF, %lu CR LF)",
			     n_cr, n_lf, n_crlf);
}

int ts_load_read(struct load_file *f, ts_csv_record_fn fn, void *ctx)
{
	if (ts_csv_read_file(f->in->path, f->in->rel, fn, ctx, f->d, &f->info) < 0)
		return -1;
	if (f->info.stopped && !f->ncols)
		return -1;   /* the header was refused (reported) */
	return 0;
}

void ts_load_file_release(struct load_file *f)
{
	free(f->want);
	f->want = NULL;
}

const char *ts_load_shortest(char *buf, size_t cap, double x)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, cap, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return buf;
}

void ts_load_store_skipped(struct ts_store *s, const struct ts_input *in)
{
	ts_store_rollback(s);
	if (ts_store_begin(s) == 0) {
		long long id = ts_store_add_file(s, in);
		if (id < 0 || ts_store_file_status(s, id, "skipped", 0, 0, 0) < 0 ||
		    ts_store_commit(s) < 0)
			ts_store_rollback(s);
	}
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
