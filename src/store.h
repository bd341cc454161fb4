/* store.h - the SQLite store of one run (schema: templates/schema.sql).
 *
 * The store owns the sqlite3 handle and every prepared statement; nothing
 * SQLite leaves this module. A private temporary database by default
 * (in memory while small, bounded memory when large), or a file (--db). Each
 * input file is loaded inside one transaction (ts_store_begin/commit), so
 * a file that fails half way leaves no rows. Queries return plain C data.
 */
#ifndef TS_STORE_H
#define TS_STORE_H

#include "ts.h"
#include "diag.h"
#include "scan.h"

/* Synthesis columns, in schema order (METRICS.md section 2). */
enum ts_syn_col {
	TS_SC_REQUEST_ID, TS_SC_HARDWARE_TIER, TS_SC_DEVICE_TYPE,
	TS_SC_CPU_MODEL, TS_SC_CPU_CORES, TS_SC_TOTAL_MEMORY_GB, TS_SC_GPU_NAME,
	TS_SC_TEXT_LENGTH_CHARS, TS_SC_TEXT_LENGTH_TOKENS, TS_SC_START_TIME,
	TS_SC_END_TIME, TS_SC_TOTAL_DURATION_S, TS_SC_PEAK_MEMORY_MB,
	TS_SC_PEAK_MEMORY_PERCENT, TS_SC_PEAK_GPU_MEMORY_MB,
	TS_SC_PEAK_TEMPERATURE_C, TS_SC_THROTTLE_DETECTED, TS_SC_RTF,
	TS_SC_TOKENS_PER_SECOND, TS_SC_SUCCESS, TS_SC_ERROR_MESSAGE,
	TS_SC_QUANTIZATION_USED, TS_SC_TORCH_COMPILE_USED, TS_SC_ONNX_USED,
	TS_SC_CHUNK_LENGTH, TS_SC_NUM_THREADS,
	TS_SC_COUNT
};

enum ts_val_type { TS_VAL_NULL, TS_VAL_INT, TS_VAL_REAL, TS_VAL_TEXT, TS_VAL_BOOL };

struct ts_column {
	const char *name;       /* CSV header and SQL column name */
	enum ts_val_type type;  /* how the cell is parsed */
};
extern const struct ts_column ts_synthesis_cols[TS_SC_COUNT];

/* One value to store; text is borrowed for the call. */
struct ts_val {
	enum ts_val_type type;  /* TS_VAL_NULL = unknown; BOOL is stored in i */
	long long i;
	double r;
	const char *s;
	size_t n;
};

/* Per-file realtime aggregate (see the realtime_file table). */
struct ts_rt_agg {
	long long samples;
	double ts_min, ts_max;      /* NAN when no timestamp */
	long long cpu_n;
	double cpu_sum;             /* compensated sum of the cpu_n values */
	double cpu_max, memory_mb_max, temperature_c_max; /* NAN = none */
};

struct ts_specs_row {
	const char *hardware_tier, *device_type, *display_name;
	const char *cpu_model, *gpu_name;  /* NULL = unknown */
	long long cpu_cores;               /* -1 = unknown */
	double total_memory_gb;            /* NAN = unknown */
	const char *json;                  /* compact object text */
};

struct ts_analysis_row {
	const char *hardware_tier, *device_type;
	long long total_runs, successful_runs, throttle_events; /* -1 = unknown */
	double success_rate, avg_peak_mb, max_peak_mb, min_peak_mb, std_dev_mb;
	double avg_rtf, avg_tokens_per_sec, avg_duration_s, max_temperature_c; /* NAN = unknown */
};

struct ts_store;

/* Open the store: path NULL for a private temporary database. An existing file must be a
 * tierstat store of this schema version, whose contents are then the
 * previous run's (kept if written by this very version of tierstat, else
 * emptied); anything else is refused. Returns NULL on failure (reported). */
struct ts_store *ts_store_open(const char *path, struct ts_diag *d);
void ts_store_close(struct ts_store *s);
/* 1 for a store in a file (--db), which remembers each input's hash for
 * the next run; 0 for the temporary one, which needs no hashes. */
int ts_store_is_file(const struct ts_store *s);

int ts_store_begin(struct ts_store *s);
int ts_store_commit(struct ts_store *s);
void ts_store_rollback(struct ts_store *s);

/* Record an input file; returns its id (> 0) or -1 (reported). */
long long ts_store_add_file(struct ts_store *s, const struct ts_input *in);
/* Record how a file went. status: "read", "skipped" or "copy"; hash of
 * the bytes read, 0 when not known. */
int ts_store_file_status(struct ts_store *s, long long file_id,
			 const char *status, long long rows_used,
			 long long rows_skipped, unsigned long long hash);
/* Record what reading the file at `path` printed (text[0..len)) and
 * counted (the counters of c), for a re-run to replay. */
int ts_store_file_log(struct ts_store *s, const char *path, const char *text,
		      size_t len, const struct ts_diag *c);

/* ==== re-runs with --db: what the previous run read ==== */

struct ts_prior {
	char *path, *kind, *status;   /* kind as ts_store_kind_name() */
	long long size, mtime_ns;
	long long rows_used, rows_skipped;
	char *messages;               /* what reading it printed */
	struct ts_diag counts;        /* only the counters are set */
};
/* Every input file of the store, sorted by path. Caller frees with
 * ts_store_free_prior(). */
int ts_store_prior_files(struct ts_store *s, struct ts_prior **v, size_t *nr);
void ts_store_free_prior(struct ts_prior *v, size_t nr);
/* Forget a file (or every file of a kind) and all that was read from it. */
int ts_store_forget_path(struct ts_store *s, const char *path);
int ts_store_forget_kind(struct ts_store *s, enum ts_kind kind);
const char *ts_store_kind_name(enum ts_kind kind);

/* Insert one synthesis row (cols has TS_SC_COUNT values). Returns 0, 1
 * when its (hardware_tier, device_type, request_id) is already stored
 * (not inserted; *dup_path (caller frees) and *dup_line say where the
 * first one is), or -1 (reported). */
int ts_store_add_synthesis(struct ts_store *s, long long file_id, long line,
			   const struct ts_val *cols, char **dup_path,
			   long *dup_line);
int ts_store_add_realtime(struct ts_store *s, long long file_id,
			  const struct ts_rt_agg *a);
int ts_store_add_specs(struct ts_store *s, long long file_id,
		       const struct ts_specs_row *r);
int ts_store_add_analysis(struct ts_store *s, long long file_id,
			  const struct ts_analysis_row *r);

/* ==== queries for tiers.c ==== */

/* Device type in the specs of hardware_tier (borrowed copy: caller
 * frees), or NULL. Used when a row has no device_type. */
char *ts_store_specs_device(struct ts_store *s, const char *hardware_tier);

struct ts_tier_key { char *hardware_tier, *device_type; };
/* Distinct (hardware_tier, device_type) of synthesis rows and analysis
 * files, sorted. Caller frees with ts_store_free_keys(). */
int ts_store_tier_keys(struct ts_store *s, struct ts_tier_key **keys, size_t *nr);
void ts_store_free_keys(struct ts_tier_key *keys, size_t nr);

/* One synthesis row as the statistics read it; strings are borrowed for
 * the duration of the callback. */
struct ts_syn_row {
	long long file_id;
	const char *path;               /* its file */
	const char *hardware_tier, *device_type;
	int success, throttle;          /* 1, 0, or -1 when unknown */
	const double *v;                /* the requested REAL columns; NAN = unknown */
};
typedef int (*ts_store_syn_fn)(void *ctx, const struct ts_syn_row *r);

/* Call fn for every synthesis row in file then line order (rows are
 * inserted in that order, so this is rowid order: one sequential pass,
 * whatever the number of tiers). `cols` names the REAL columns wanted in
 * r->v (at most 16). fn returns 0 to go on. Returns 0, or -1 (reported,
 * or fn's nonzero). */
int ts_store_scan_synthesis(struct ts_store *s, const enum ts_syn_col *cols,
			    size_t ncols, ts_store_syn_fn fn, void *ctx);

/* The first synthesis row's hardware fields, for tiers without specs.
 * Strings are new (caller frees); NULL / -1 / NAN when unknown. */
int ts_store_row_hardware(struct ts_store *s, const char *ht, const char *dt,
			  char **cpu_model, char **gpu_name, long long *cores,
			  double *mem_gb);

/* The specs and analysis row of (ht, dt). A specs file belongs to every
 * configuration of its hardware_tier (one machine measured on cpu and on
 * cuda has one specs file); one whose device_type is dt is preferred.
 * Strings are new; returns 1 found, 0 none, -1 error. */
int ts_store_tier_specs(struct ts_store *s, const char *ht, const char *dt,
			struct ts_specs_row *r, char **path);
void ts_store_free_specs(struct ts_specs_row *r);
int ts_store_tier_analysis(struct ts_store *s, const char *ht, const char *dt,
			   struct ts_analysis_row *r, char **path);

/* Realtime files with the (ht, dt) that their paired synthesis file's
 * first row has (same stem); or, with no such file, the single tier whose
 * hardware_tier is the file's tier. */
struct ts_rt_file { char *path; char *tier; char *ht, *dt; struct ts_rt_agg a; };
int ts_store_realtime_files(struct ts_store *s, struct ts_rt_file **v, size_t *nr);
void ts_store_free_rt_files(struct ts_rt_file *v, size_t nr);

#endif /* TS_STORE_H */
