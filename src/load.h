/* load.h - read synthesis and realtime CSV files (METRICS.md sections 2
 * and 3).
 *
 * Columns are found by header name (order varies, unknown ones ignored,
 * the first of two same-named columns wins, as in pandas); columns.h
 * says which. Every problem is reported once, with file and line, to the
 * struct ts_diag given, and the smallest wrong unit (cell, row, file) is
 * left out.
 *
 * Two loaders, one per kind of file:
 * - synthesis files: ts_load_synthesis() parses each row and inserts it
 *   into the store, the whole file in one transaction;
 * - realtime files: ts_load_realtime_parse() streams the samples into a
 *   per-file aggregate (struct ts_rt_parsed) without touching the store,
 *   so that several threads can parse at once; ts_load_realtime_store()
 *   then stores it on the store's thread. A big file can also be parsed
 *   in segments on several threads and merged (the second half of this
 *   header).
 */
#ifndef TS_LOAD_H
#define TS_LOAD_H

#include "ts.h"
#include "columns.h"
#include "diag.h"
#include "envelope.h"
#include "reqspan.h"
#include "scan.h"
#include "stats.h"
#include "store.h"

/* What the run read, for the summary line (report.h). */
struct ts_load_totals {
	unsigned long files_read;     /* input files used (any kind) */
	unsigned long files_skipped;  /* input files left out */
	unsigned long long synthesis_rows;  /* synthesis rows stored */
	unsigned long long realtime_rows;   /* realtime samples aggregated */
	unsigned long long rows_skipped;    /* rows left out */
};

/* Load one synthesis CSV file into the store, in one transaction: either
 * every usable row is stored and the file recorded as read, or the file
 * is recorded as skipped with no rows. `fallback_device` is the
 * device_type of a row that has none (the tier's hardware specs', or
 * "unknown"; borrowed). Adds to tot. Returns 0 when the file was read
 * (possibly with rows left out; a file whose every row repeats another's
 * is read, but recorded and counted as skipped), -1 when it was skipped
 * (reported; also when the store failed). */
int ts_load_synthesis(struct ts_store *s, const struct ts_input *in,
		      const char *fallback_device, struct ts_load_totals *tot,
		      struct ts_diag *d);

/* ==== realtime files ==== */

/* Values of one column of a file that were kept but cannot be physical
 * (or, for realtime timestamps, left out): how many, and the first. */
struct ts_odd {
	unsigned long long n;
	long first_line;               /* 0: none */
};

/* Which part of a file a scan reads (see ts_load_rt_cuts). */
enum ts_rt_part {
	TS_RT_WHOLE,   /* the whole file */
	TS_RT_FIRST,   /* its first segment: says what it finds, as the whole
	                  file would, except what needs the whole file */
	TS_RT_LATER    /* a later segment: reads the header alone first, then
	                  its bytes, and says nothing it would need its line
	                  numbers for (see `quiet`) */
};

/* A realtime file (or a segment of one) as the scanner leaves it: the
 * scanner's own state, the result of the file, and what the merge needs
 * of a segment, in one place. Plain data, owned by the caller. */
struct ts_rt_parsed {
	int ok;                        /* 0: the file was skipped (reported) */
	unsigned long long hash;       /* of its bytes when asked for, else 0 */
	struct ts_rt_agg agg;          /* its aggregate; the sums are final
	                                  once the file is finished */
	unsigned long long rows_used, rows_skipped;
	/* while scanning */
	enum ts_rt_part part;
	struct ts_ksum sum[TS_RC_COUNT];   /* agg.col[c].sum, still open */
	double first_ts;               /* its first plausible timestamp
	                                  (NAN: none; see judge_pending) */
	long first_line;               /* where first_ts is (its own lines) */
	double last_ts;                /* the last one kept so far
	                                  (-INFINITY: none) */
	int went_back;                 /* a timestamp was earlier than the
	                                  one before it (said, unless LATER) */
	long back_line;                /* LATER: where that was (0: nowhere) */
	double back_ts;                /* LATER: that timestamp */
	/* timestamps are judged against their neighbours (TS_TS_JUMP): the
	 * one before the latest is decided when the latest arrives */
	int have_prev, have_pend;
	double prev_ts;                /* the plausible one before pend_ts */
	double pend_ts;                /* the latest plausible one, undecided */
	long pend_line;
	int edge_unsure;               /* a segment judged a timestamp at its
	                                  edge without the neighbour beyond:
	                                  the merge cannot take it */
	struct ts_odd odd[TS_RC_COUNT];/* values that cannot be physical; for
	                                  the timestamp, those left out */
	/* the envelopes of the TS_AGG_ENV columns (others unused): a row's
	 * values wait with its timestamp (pend_v, the columns it has in
	 * pend_has) until that is judged, and go in only when it is kept */
	struct ts_envelope env[TS_RC_COUNT];
	double pend_v[TS_RC_COUNT];
	unsigned pend_has;
	/* every kept sample's memory_mb and cpu_percent judged against the
	 * partner's requests (reqspan.h; not judged without a set) */
	struct ts_span span;
	/* what the reader saw (struct ts_csv_info) */
	long lines;                    /* physical lines */
	int clean_end;                 /* it ended between two records */
	unsigned long n_lf, n_crlf, n_cr;
	long last_used_line;           /* where the last sample used starts */
	int quiet;                     /* it reported nothing, and (a later
	                                  segment) did not end without a line
	                                  end in what may be a CR LF file */
};

/* Parse a whole realtime CSV file into *r, reporting to d (one thread:
 * several threads may each parse their own file with their own r and
 * d). want_hash: hash its bytes (ts_store_is_file()), else r->hash is
 * 0. r->ok says whether the file can be used. */
void ts_load_realtime_parse(const struct ts_input *in, int want_hash,
			    struct ts_rt_parsed *r, struct ts_diag *d);

/* The same, judging each kept sample against the requests q (NULL: none;
 * borrowed, read-only while r is in use): r->span. */
void ts_load_realtime_parse_req(const struct ts_input *in, int want_hash,
				const struct ts_reqs *q, struct ts_rt_parsed *r,
				struct ts_diag *d);

/* Free what *r holds (its envelopes, its span); r can be parsed into
 * again. */
void ts_rt_parsed_release(struct ts_rt_parsed *r);

/* Store what ts_load_realtime_parse() (or a merge) made of a file, in one
 * transaction, or record the file as skipped when !r->ok. Adds to tot.
 * Returns 0 when used, else -1 (a store error is reported to the store's
 * diag). */
int ts_load_realtime_store(struct ts_store *s, const struct ts_input *in,
			   const struct ts_rt_parsed *r, struct ts_load_totals *tot);

/* ==== a big realtime file on several threads ====
 * A realtime file of more than 1.5 TS_RT_SEGMENT bytes is cut after a
 * line end about every TS_RT_SEGMENT bytes, and the segments are parsed
 * at once, each by its own scanner: the first as usual (TS_RT_FIRST), a
 * later one (TS_RT_LATER) after reading the header alone, without saying
 * anything. The merge takes them for the file only when that is sure to
 * give what reading it whole gives: every cut fell between two records
 * (no quoted field across it) and no later segment had anything to
 * report (its messages would need line numbers it does not know), but
 * for a timestamp going back, which the merge says with its line. Else
 * the file is read again, whole. The cuts depend only on the file, so the
 * output does not depend on the threads; the sums of a cut file are the
 * compensated sums of its segments, added in order. */
#ifndef TS_RT_SEGMENT
#define TS_RT_SEGMENT (32LL << 20)
#endif

/* Where to cut: up to max offsets just after a line end, increasing;
 * returns how many (0: read the file whole). One thread at a time (the
 * main thread, before the pool starts): it reads into a static buffer. */
size_t ts_load_rt_cuts(const struct ts_input *in, long long *cuts, size_t max);

/* Parse bytes [start, end) of a realtime file into *r (end 0: to its
 * end): the first segment when start is 0, else a later one. Several
 * threads may do this at once, each with its own r and d. The first
 * segment opens d's per-file bracket (ts_diag_file_begin), which a
 * successful merge closes; when the merge refuses, d is thrown away. */
void ts_load_realtime_segment(const struct ts_input *in, long long start, long long end,
			      struct ts_rt_parsed *r, struct ts_diag *d);

/* The same, judging each kept sample against the requests q (NULL: none;
 * every segment of a file with the same set). */
void ts_load_realtime_segment_req(const struct ts_input *in, long long start, long long end,
				  const struct ts_reqs *q, struct ts_rt_parsed *r,
				  struct ts_diag *d);

/* Merge the n segments of a file into *seg[0] and report what is odd
 * about the file as a whole to d, the first segment's. Returns 0, or -1
 * when the file must be read whole instead (also when it is to be
 * skipped: reading it whole says why); then nothing is reported. */
int ts_load_realtime_merge(const struct ts_input *in, struct ts_rt_parsed *const *seg,
			   size_t n, struct ts_diag *d);

/* 1 when the files at paths a and b hold the same bytes, else 0 (also
 * when either cannot be read: then loading it reports that). */
int ts_load_same_content(const char *a, const char *b);

#endif /* TS_LOAD_H */
