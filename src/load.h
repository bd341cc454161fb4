/* load.h - read synthesis and realtime CSV files into the store.
 *
 * Columns are found by header name (order varies, unknown ones ignored,
 * the first of two same-named columns wins, as in pandas). Synthesis rows
 * are stored one by one; realtime samples are aggregated while streaming
 * and only the per-file aggregate is stored. Each file is one
 * transaction. Every problem is reported once with file and line, and
 * the smallest wrong unit (cell, row, file) is left out.
 */
#ifndef TS_LOAD_H
#define TS_LOAD_H

#include "ts.h"
#include "diag.h"
#include "scan.h"
#include "store.h"

struct ts_load_totals {
	unsigned long files_read;     /* input files used (any kind) */
	unsigned long files_skipped;  /* input files left out */
	unsigned long long synthesis_rows;  /* synthesis rows stored */
	unsigned long long realtime_rows;   /* realtime samples aggregated */
	unsigned long long rows_skipped;    /* rows left out */
};

/* Load one synthesis or realtime CSV file (in the calling thread).
 * Returns 0 when the file was used (possibly with rows left out), -1 when
 * it was skipped (reported). */
int ts_load_csv(struct ts_store *s, const struct ts_input *in,
		struct ts_load_totals *tot, struct ts_diag *d);

/* A realtime file parsed, not yet stored. */
struct ts_rt_parsed {
	int ok;                        /* 0: the file was skipped (reported) */
	unsigned long long hash;       /* of its bytes, 0 when not read whole */
	struct ts_rt_agg agg;          /* its aggregate */
	unsigned long long rows_used, rows_skipped;
};

/* Parse a realtime CSV file without touching the store: several threads
 * may do this at once, each with its own `r` and `d`. want_hash: hash
 * its bytes (ts_store_is_file()), else r->hash is 0. */
void ts_load_realtime_parse(const struct ts_input *in, int want_hash,
			    struct ts_rt_parsed *r, struct ts_diag *d);
/* Store what ts_load_realtime_parse() read (one transaction), or record
 * the file as skipped. Returns 0 when used, else -1. */
int ts_load_realtime_store(struct ts_store *s, const struct ts_input *in,
			   const struct ts_rt_parsed *r, struct ts_load_totals *tot);

/* 1 when the files at paths a and b hold the same bytes, else 0 (also
 * when either cannot be read: then the load reports it). */
int ts_load_same_content(const char *a, const char *b);

#endif /* TS_LOAD_H */
