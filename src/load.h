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
#include "stats.h"

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

/* A realtime file parsed, not yet stored; or a segment of it. */
struct ts_rt_parsed {
	int ok;                        /* 0: the file was skipped (reported) */
	unsigned long long hash;       /* of its bytes, 0 when not read whole */
	struct ts_rt_agg agg;          /* its aggregate */
	unsigned long long rows_used, rows_skipped;
	/* a segment's, for ts_load_realtime_merge() */
	struct ts_ksum cpu;            /* agg.cpu_sum, still open */
	int clean_end;                 /* it ended between two records */
	int quiet;                     /* a later segment reported nothing, and
	                                  did not end without a line end in what
	                                  may be a CR LF file */
	int noted;                     /* the first: a timestamp went back, said */
	long inv_line;                 /* a later one: where one went back, not said */
	double inv_ts;
	long lines;                    /* physical lines */
	long first_line;               /* where its first timestamp is */
	double first_ts, last_ts;      /* its first and last timestamps */
	unsigned long n_lf, n_crlf, n_cr;
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

/* ==== a big realtime file on several threads ====
 * A realtime file of more than 1.5 TS_RT_SEGMENT bytes is cut after a
 * line end about every TS_RT_SEGMENT bytes, and the segments are parsed
 * at once, each by its own parser: the first as usual, a later one after
 * reading the header alone, without saying anything. The merge takes
 * them for the file only when that is sure to give what reading it whole
 * gives: every cut fell between two records (no quoted field across it)
 * and no later segment had anything to report (its messages would need
 * line numbers it does not know), but for a timestamp going back, which
 * the merge says with its line. Else the file is read again, whole.
 * The cuts depend only on the file, so the output does not depend on the
 * threads; the cpu_percent sum of a cut file is the compensated sums of
 * its segments, added in order. */
#ifndef TS_RT_SEGMENT
#define TS_RT_SEGMENT (32LL << 20)
#endif

/* Where to cut: up to max offsets just after a line end, increasing;
 * returns how many (0: read the file whole). One thread at a time (the
 * main thread, before the pool starts): it reads into a static buffer. */
size_t ts_load_rt_cuts(const struct ts_input *in, long long *cuts, size_t max);

/* Parse bytes [start, end) of a realtime file (end 0: to its end): the
 * first segment when start is 0. Several threads may do this at once. */
void ts_load_realtime_segment(const struct ts_input *in, long long start, long long end,
			      struct ts_rt_parsed *r, struct ts_diag *d);

/* Merge the n segments of a file into seg[0] and report what is odd
 * about the file as a whole to d, the first segment's. Returns 0, or -1
 * when the file must be read whole instead (also when it is to be
 * skipped: reading it whole says why); then nothing is reported. */
int ts_load_realtime_merge(const struct ts_input *in, struct ts_rt_parsed *const *seg,
			   size_t n, struct ts_diag *d);

/* 1 when the files at paths a and b hold the same bytes, else 0 (also
 * when either cannot be read: then the load reports it). */
int ts_load_same_content(const char *a, const char *b);

#endif /* TS_LOAD_H */
