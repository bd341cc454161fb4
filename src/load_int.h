/* load_int.h - the loader's state, shared by load.c (a CSV file, row by
 * row) and load_segment.c (a big realtime file in segments). Not for
 * other modules: they use load.h.
 */
#ifndef TS_LOAD_INT_H
#define TS_LOAD_INT_H

#include "ts.h"
#include "csvread.h"
#include "diag.h"
#include "field.h"
#include "scan.h"
#include "stats.h"
#include "store.h"

enum rt_col { RT_TIMESTAMP, RT_CPU_PERCENT, RT_MEMORY_MB, RT_TEMPERATURE_C, RT_COUNT };

struct loader {
	struct ts_store *s;
	const struct ts_input *in;
	struct ts_diag *d;
	long long file_id;
	int realtime;             /* which kind of file */
	size_t ncols;             /* header fields; 0 = header not yet read */
	int col[TS_SC_COUNT];     /* field index of each column, -1 = absent */
	char *fallback_device;    /* device_type when a row has none */
	int warned_device;
	unsigned long long rows_used, rows_skipped;
	long last_used_line;      /* where the last row used starts (0: none) */
	struct ts_rt_agg agg;
	struct ts_ksum cpu_sum;
	int failed;               /* a store error: abandon the file */
	int noted_tier;           /* the tier column differs from the name's */
	struct ts_val row[TS_SC_COUNT];       /* the synthesis row being read */
	char *clean[TS_SC_COUNT];             /* UTF-8 copies of its text cells */
	unsigned char utf8_noted[TS_SC_COUNT];
	double last_ts;           /* realtime: the previous timestamp */
	int noted_order;          /* realtime: timestamps went backwards */
	int segment;              /* realtime: 0 the whole file, 1 its first
	                             segment, 2 a later one (see ts_load_rt_cuts) */
	double first_ts;          /* segment: its first timestamp (NAN: none) */
	long first_line;          /* segment: where first_ts is (its own numbering) */
	long inv_line;            /* later segment: where a timestamp first went
	                             back (not said), 0: nowhere */
	double inv_ts;
	long lines;               /* segment: physical lines read */
	int clean_end;            /* segment: ended between two records */
	unsigned long n_lf, n_crlf, n_cr;   /* line ends read (see ts_csv_info) */
	/* realtime rows, field by field: the value of each column read, and
	 * the text of a bad one, reported once the row's shape is known */
	struct rt_cell {
		enum ts_field_status st;
		double v;
		char text[TS_QUOTE_MAX];   /* as much as a message quotes */
		size_t len;
	} cell[RT_COUNT];
	signed char *rt_of;       /* field index -> realtime column, or -1 */
	int rt_bad;               /* a cell of this row is to be reported */
	struct ts_csv_info *info; /* the reader's, to set the column mask */
	unsigned long long hash;  /* of the file's bytes */
	int want_hash;            /* compute `hash` (for a --db store) */
	unsigned char *want;      /* columns read (field index -> 0/1) */
	struct dup *dups;         /* duplicate rows, reported at the end */
	size_t nr_dups, alloc_dups;
};

void ts_loader_init(struct loader *l, struct ts_store *s, const struct ts_input *in,
		    struct ts_diag *d);
void ts_loader_release(struct loader *l);
/* Read the file (or info's range of it) through the loader's callbacks;
 * for a whole file, also say what is odd about it as a whole
 * (ts_loader_finish). Returns 0 when it was used, -1 when skipped. */
int ts_loader_read(struct loader *l, struct ts_csv_info *info);
void ts_loader_finish(struct loader *l);
/* The realtime header callback (ts_csv_record_fn): maps the columns. */
int ts_loader_on_realtime(void *ctx, long line, size_t nf, char *const *f, const size_t *len);
/* x as its shortest text that reads back the same (as Python's repr). */
const char *ts_loader_shortest(char *buf, size_t cap, double x);

#endif /* TS_LOAD_INT_H */
