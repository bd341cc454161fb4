/* load_int.h - what the two loaders share: the header, row shapes, cell
 * values and the checks of a whole file. For load.c, load_syn.c,
 * load_rt.c and load_segment.c only; other modules use load.h.
 */
#ifndef TS_LOAD_INT_H
#define TS_LOAD_INT_H

#include "ts.h"
#include "columns.h"
#include "csvread.h"
#include "diag.h"
#include "field.h"
#include "load.h"
#include "scan.h"

/* One CSV file being read, whatever its kind. */
struct load_file {
	const struct ts_input *in;
	struct ts_diag *d;
	struct ts_csv_info info;  /* the reader's: in and out (csvread.h) */
	size_t ncols;             /* fields of the header; 0: not read yet */
	unsigned char *want;      /* field index -> parse it (info.want) */
};

/* A column to look for in a header. */
struct load_col {
	const char *name;
	int needed;               /* warn when it is missing */
};

/* Map a header (nf fields f[i] of len[i] bytes) onto cols[0..ncols):
 * col[c] = the field index of column c, or -1. Reports a column that
 * appears twice (the first is used), a needed column that is missing
 * (with a near miss such as "Rtf" or " rtf" when there is one), and a
 * header that names none of them (an error: returns -1, the file is to
 * be skipped). Sets f->ncols, f->want and the reader's column mask. `kind`
 * ("synthesis", "realtime") words the last message. */
int ts_load_map_header(struct load_file *f, const struct load_col *cols, size_t ncols,
		       int *col, const char *kind, size_t nf, char *const *fld,
		       const size_t *len);

/* A record whose fields are all empty (`filled` non-empty ones: ",,,,"
 * from a spreadsheet is not a request), or whose field count differs
 * from the header's: reported; returns 1 when the row is to be left out
 * (the caller counts it), else 0. */
int ts_load_bad_shape(struct load_file *f, long line, size_t nf, size_t filled);

/* Report a cell the statistics cannot use (nothing for a value that is
 * fine or missing by the monitor's conventions). */
void ts_load_report_value(struct load_file *f, long line, const char *name,
			  enum ts_val_type type, enum ts_field_status st,
			  const char *s, size_t n);

/* Say, once per column of a file, that o->n of its values cannot be
 * physical (outside [lo, hi]), naming the first one's line: a warning,
 * the values are kept. */
void ts_load_report_odd(struct ts_diag *d, const char *rel, const char *name,
			double lo, double hi, const struct ts_odd *o);
/* Count a value at `line` in o. */
void ts_load_odd(struct ts_odd *o, long line);

/* A file whose records end with CR LF (Python's csv module) and whose
 * last record has no line end: that record may have been cut while being
 * written. When it is the last row used (last_used_line), warn; a row
 * already left out for its shape has said so. */
void ts_load_check_cut(struct ts_diag *d, const char *rel, const struct ts_csv_info *info,
		       long last_used_line);

/* What is odd about a file as a whole, once all of it is read: no header
 * at all, no rows after it, mixed line ends. */
void ts_load_check_file(struct ts_diag *d, const char *rel, int had_header,
			unsigned long long rows_used, unsigned long long rows_skipped,
			unsigned long n_lf, unsigned long n_crlf, unsigned long n_cr);

/* Read f's file through the reader with the callbacks in f->info (or
 * `fn` for records). Returns 0, or -1 when the file could not be read
 * (reported by the reader) or its header was refused. */
int ts_load_read(struct load_file *f, ts_csv_record_fn fn, void *ctx);
void ts_load_file_release(struct load_file *f);

/* Record a file that could not be used (rolling back what its
 * transaction had stored): in the store's inventory, without rows. */
void ts_load_store_skipped(struct ts_store *s, const struct ts_input *in);

/* x as its shortest text that reads back the same (Python's repr). */
const char *ts_load_shortest(char *buf, size_t cap, double x);

/* ==== the realtime scanner (load_rt.c), for load_segment.c ==== */

/* The bytes one scan reads. */
struct rt_range {
	long long start, end;     /* [start, end); end 0: to the end of the file
	                             (the scan then knows it saw the last row) */
	long long header_end;     /* TS_RT_LATER: the offset just after the header */
	int want_hash;            /* hash the bytes read (a whole file) */
};

/* Start *r for a scan of `part`: no samples, no timestamps yet. */
void ts_rt_scan_init(struct ts_rt_parsed *r, enum ts_rt_part part);
/* Scan rg of in's file into *r (started by ts_rt_scan_init) and set
 * r->ok and r->quiet; a whole file is also finished. Returns 0, or -1
 * when the file cannot be used (reported, except for a later segment,
 * which says nothing of its header). */
int ts_rt_scan_read(struct ts_rt_parsed *r, const struct ts_input *in, struct ts_diag *d,
		    const struct rt_range *rg);
/* Finish a whole or merged file: close its sums, say what is odd about
 * it as a whole (had_header: a header was read). */
void ts_rt_finish(struct ts_rt_parsed *r, const struct ts_input *in, struct ts_diag *d,
		  int had_header);

#define QUOTE(buf, s, n) ts_diag_quote((buf), sizeof(buf), (s), (n), TS_QUOTE_MAX)

#endif /* TS_LOAD_INT_H */
