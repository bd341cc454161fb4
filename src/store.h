/* store.h - the SQLite store of one run (schema: templates/schema.sql).
 *
 * The store owns the sqlite3 handle and every prepared statement; nothing
 * SQLite leaves this module (store.c writes, store_query.c reads). A
 * private temporary database by default (in memory while small, bounded
 * memory when large), or a file (--db) that a later run reads again.
 *
 * Calling sequence: ts_store_open(); for each input file one transaction
 * (ts_store_begin, ts_store_add_file, the rows, ts_store_file_status,
 * ts_store_commit, or ts_store_rollback on any failure), so that a file
 * that fails half way leaves no rows; then the queries; ts_store_close().
 * One thread at a time.
 *
 * Errors: every function that returns int returns 0 (or 1 as documented)
 * on success and -1 on a SQLite error, which it has reported to the diag
 * given to ts_store_open() as "tierstat: error: store: ..."; a function
 * returning a pointer returns NULL for "none" and on an error (reported).
 * Strings handed in are borrowed for the call; strings handed out are new
 * (the caller frees them) unless said otherwise. Every ts_store_free_*
 * takes what its query returned, also after a failure, and NULL with 0.
 */
#ifndef TS_STORE_H
#define TS_STORE_H

#include "ts.h"
#include "columns.h"
#include "diag.h"
#include "envelope.h"
#include "scan.h"

struct ts_store;

/* Open the store: path NULL for a private temporary database. An
 * existing file must be a tierstat store of this schema version, whose
 * contents are then the previous run's (kept if written by this very
 * version of tierstat, else emptied); anything else is refused and left
 * untouched. Errors are reported to d, which must outlive the store.
 * Returns NULL on failure (reported). */
struct ts_store *ts_store_open(const char *path, struct ts_diag *d);
/* Close and free (NULL is fine). A temporary store is gone then. */
void ts_store_close(struct ts_store *s);
/* 1 for a store in a file (--db), which records each input's hash (for
 * queries with sqlite3: a re-run judges a file by its size and
 * modification time); 0 for the temporary one, which needs no hashes. */
int ts_store_is_file(const struct ts_store *s);

/* One transaction per input file: 0 or -1. rollback does nothing
 * outside one. */
int ts_store_begin(struct ts_store *s);
int ts_store_commit(struct ts_store *s);
void ts_store_rollback(struct ts_store *s);

/* ==== writing: one input file ==== */

/* Record an input file; returns its id (> 0), or -1. */
long long ts_store_add_file(struct ts_store *s, const struct ts_input *in);
/* Record how a file went. status: "read", "skipped" or "copy"; hash of
 * the bytes read, 0 when not known. */
int ts_store_file_status(struct ts_store *s, long long file_id,
			 const char *status, long long rows_used,
			 long long rows_skipped, unsigned long long hash);
/* Record what reading the file at `path` printed (text[0..len), may be
 * NULL when nothing) and counted, for a re-run to replay. */
int ts_store_file_log(struct ts_store *s, const char *path, const char *text,
		      size_t len, const struct ts_diag_counts *counts);

/* Insert one synthesis row: cols[c] is the value of column c (columns.h;
 * TS_SC_COUNT values; hardware_tier and device_type must be text).
 * Returns 0 when inserted; 1 when its (hardware_tier, device_type,
 * request_id) is already stored: not inserted, and *dup_path (new) and
 * *dup_line say where the first one is (*dup_path NULL when unknown);
 * or -1. */
int ts_store_add_synthesis(struct ts_store *s, long long file_id, long line,
			   const struct ts_val *cols, char **dup_path,
			   long *dup_line);
/* A realtime file's aggregate (every column of columns.h; borrowed):
 * 0 or -1. */
/* The envelopes over time of a realtime file's TS_AGG_ENV columns
 * (envelope.h; those with samples), one row of realtime_envelope each:
 * the buckets as a BLOB of TS_ENV_BLOB_BUCKET bytes each, min, max,
 * sum_hi, sum_lo as doubles and n as a 64-bit integer, in this machine's
 * byte order (the store is this machine's own). */
#define TS_ENV_BLOB_BUCKET 40
int ts_store_add_envelopes(struct ts_store *s, long long file_id,
			   const struct ts_envelope env[TS_RC_COUNT]);

int ts_store_add_realtime(struct ts_store *s, long long file_id,
			  const struct ts_rt_agg *a);

/* A stored realtime file's samples judged against its partner's requests
 * (reqspan.h; nothing without a partner): realtime_file.partner, a row
 * of realtime_phase per phase, and a row of request_samples per request
 * (none when the partner is not in input_file). 0 or -1. */
struct ts_span;
int ts_store_add_span(struct ts_store *s, long long file_id, const struct ts_span *sp);

/* hardware_specs_<tier>.json: the fields the tables use and the object
 * as read (compact text). Strings: NULL = unknown. */
struct ts_specs_row {
	const char *hardware_tier, *device_type, *display_name;
	const char *cpu_model, *gpu_name;  /* NULL = unknown */
	long long cpu_cores;               /* -1 = unknown */
	double total_memory_gb;            /* NAN = unknown */
	const char *json;                  /* compact object text */
};
/* Store r (borrowed) for the file: 0 or -1. */
int ts_store_add_specs(struct ts_store *s, long long file_id,
		       const struct ts_specs_row *r);

/* analysis_<tier>.json: the monitor's aggregate (METRICS.md section 5). */
struct ts_analysis_row {
	const char *hardware_tier, *device_type;
	long long total_runs, successful_runs, throttle_events; /* -1 = unknown */
	double success_rate, avg_peak_mb, max_peak_mb, min_peak_mb, std_dev_mb;
	double avg_rtf, avg_tokens_per_sec, avg_duration_s, max_temperature_c; /* NAN = unknown */
};
/* Store r (borrowed) for the file: 0 or -1. */
int ts_store_add_analysis(struct ts_store *s, long long file_id,
			  const struct ts_analysis_row *r);

/* ==== re-runs with --db: what the previous run read ==== */

struct ts_prior {
	char *path, *kind, *status;   /* kind as ts_store_kind_name() */
	long long size, mtime_ns;
	long long rows_used, rows_skipped;
	char *messages;               /* what reading it printed */
	struct ts_diag_counts counts; /* and counted */
};
/* Every input file of the store, sorted by path, into a new array *v of
 * *nr entries: 0 or -1 (then *v holds what was read before the error).
 * Free with ts_store_free_prior() either way. */
int ts_store_prior_files(struct ts_store *s, struct ts_prior **v, size_t *nr);
void ts_store_free_prior(struct ts_prior *v, size_t nr);
/* Forget a file (or every file of a kind) and all that was read from it. */
int ts_store_forget_path(struct ts_store *s, const char *path);
int ts_store_forget_kind(struct ts_store *s, enum ts_kind kind);
/* The kind's name in the input_file table (static string). */
const char *ts_store_kind_name(enum ts_kind kind);

/* ==== queries (store_query.c), for ingest and the tier model ==== */

/* device_type of the hardware specs of hardware_tier (new string), or
 * NULL when no specs file of that tier says one (or on an error). */
char *ts_store_specs_device(struct ts_store *s, const char *hardware_tier);

struct ts_tier_key { char *hardware_tier, *device_type; };
/* Distinct (hardware_tier, device_type) of synthesis rows and analysis
 * files, sorted, into a new array. Free with ts_store_free_keys(). */
int ts_store_tier_keys(struct ts_store *s, struct ts_tier_key **keys, size_t *nr);
void ts_store_free_keys(struct ts_tier_key *keys, size_t nr);

/* One synthesis row as the statistics read it; strings are borrowed for
 * the duration of the callback. */
struct ts_syn_row {
	long long file_id;
	const char *path;               /* its file */
	long line;                      /* its line in that file */
	const char *hardware_tier, *device_type;
	int success, throttle;          /* 1, 0, or -1 when unknown */
	const double *v;                /* the requested REAL columns; NAN = unknown */
	const char *const *text;        /* the requested text columns
	                                   (ts_store_scan_synthesis_text), NULL
	                                   for an empty cell; NULL without */
};
typedef int (*ts_store_syn_fn)(void *ctx, const struct ts_syn_row *r);

/* Call fn for every synthesis row in file then line order (rows are
 * inserted in that order, so this is rowid order: one sequential pass,
 * whatever the number of tiers). `cols` names the REAL columns wanted in
 * r->v (at most 16: more is a caller's bug, -1 unreported). fn returns 0
 * to go on. Returns 0, or -1 (a SQLite error, reported, or fn's nonzero,
 * not reported). */
int ts_store_scan_synthesis(struct ts_store *s, const enum ts_syn_col *cols,
			    size_t ncols, ts_store_syn_fn fn, void *ctx);
/* The same, with r->text[i] the value of column tcols[i] as text (at
 * most 16): a BOOL as the monitor writes it ("True", "False"), an INT in
 * decimal, a TEXT as stored (never empty: an empty cell is NULL). */
int ts_store_scan_synthesis_text(struct ts_store *s, const enum ts_syn_col *cols,
				 size_t ncols, const enum ts_syn_col *tcols, size_t ntcols,
				 ts_store_syn_fn fn, void *ctx);

/* The first synthesis row's hardware fields of (ht, dt), for tiers
 * without specs: new strings; NULL / -1 / NAN when unknown. Returns 1
 * found, 0 none, -1 error. */
int ts_store_row_hardware(struct ts_store *s, const char *ht, const char *dt,
			  char **cpu_model, char **gpu_name, long long *cores,
			  double *mem_gb);

/* The specs row of (ht, dt): a specs file belongs to every configuration
 * of its hardware_tier (one machine measured on cpu and on cuda has one
 * specs file); one whose device_type is dt is preferred, then the first
 * by path. Strings are new (free with ts_store_free_specs, *path with
 * free). Returns 1 found, 0 none, -1 error. */
int ts_store_tier_specs(struct ts_store *s, const char *ht, const char *dt,
			struct ts_specs_row *r, char **path);
void ts_store_free_specs(struct ts_specs_row *r);
/* The analysis row of (ht, dt), the first by path: r's tier strings are
 * ht and dt themselves; *path is new. Returns 1 found, 0 none, -1 error. */
int ts_store_tier_analysis(struct ts_store *s, const char *ht, const char *dt,
			   struct ts_analysis_row *r, char **path);

/* Every hardware_specs file stored: its path and hardware_tier (new
 * strings), sorted by path. Free with ts_store_free_specs_files(). */
struct ts_specs_file { char *path, *hardware_tier; };
int ts_store_specs_files(struct ts_store *s, struct ts_specs_file **v, size_t *nr);
void ts_store_free_specs_files(struct ts_specs_file *v, size_t nr);

/* What pairs a realtime file with its tier (README decision 6, done in
 * tiers.c): each synthesis file's stems and the key of its first row, in
 * path order, into a new array: 0 or -1; free with
 * ts_store_free_syn_firsts() either way ... */
struct ts_syn_first { char *stem, *base_stem, *hardware_tier, *device_type, *path; };
int ts_store_synthesis_firsts(struct ts_store *s, struct ts_syn_first **v, size_t *nr);
void ts_store_free_syn_firsts(struct ts_syn_first *v, size_t nr);
/* ... and each stored realtime file: its path, the tier and stems of its
 * name, its aggregate; sorted by path, into a new array: 0 or -1; free
 * with ts_store_free_rt_files() either way. */
struct ts_rt_file { char *path, *tier, *stem, *base_stem; struct ts_rt_agg a; };
int ts_store_realtime_files(struct ts_store *s, struct ts_rt_file **v, size_t *nr);
/* The during and idle samples of the stored realtime file at `path`
 * (ts_store_add_span): its partner's path in *partner (new) and
 * phase[TS_SPAN_DURING], phase[TS_SPAN_IDLE]. Returns 1, 0 when it has no
 * partner (*partner NULL), or -1. */
struct ts_phase;
int ts_store_realtime_phases(struct ts_store *s, const char *path, char **partner,
			     struct ts_phase *phase);
void ts_store_free_rt_files(struct ts_rt_file *v, size_t nr);

/* The envelopes over time of the realtime file at `path`, decoded into
 * env[] (initialised by the caller; a column without one is left
 * empty): each read only, its b holding exactly nr buckets. A BLOB of
 * the wrong size is an error. Returns 0 or -1 (reported); release each
 * with ts_env_release() either way. */
int ts_store_envelopes(struct ts_store *s, const char *path,
		       struct ts_envelope env[TS_RC_COUNT]);

#endif /* TS_STORE_H */
