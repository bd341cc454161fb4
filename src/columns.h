/* columns.h - the columns tierstat reads from the CSV files, and what
 * the statistics make of them (METRICS.md sections 2 to 4).
 *
 * Plain data, with three small helpers in columns.c: the loaders (which
 * columns to look for, how to parse them, their physical bounds), the
 * store (the synthesis table has one SQL column per entry, of the same
 * name, in templates/schema.sql) and the tier model (which column each
 * statistic summarises) all include this file, and it includes none of
 * theirs.
 *
 * To add a statistic over synthesis rows: a TS_M_ entry and its column in
 * ts_metric_cols (columns.c); the JSON picks it up by name (a figure
 * shows a metric that fig_bars.c or fig_table.c asks for). Over realtime
 * samples: a TS_RC_ entry with its name and the aggregates it needs in
 * ts_realtime_cols, and a line in the JSON's realtime field list
 * (export.c). A new CSV column of the synthesis table also needs its SQL
 * column in templates/schema.sql (and TS_SCHEMA_VERSION in store.c).
 */
#ifndef TS_COLUMNS_H
#define TS_COLUMNS_H

#include "ts.h"

#include <stddef.h>

/* How a cell is parsed, and how its value is stored. */
enum ts_val_type { TS_VAL_NULL, TS_VAL_INT, TS_VAL_REAL, TS_VAL_TEXT, TS_VAL_BOOL };

/* One parsed cell. Text is borrowed (valid UTF-8, no NUL inside). */
struct ts_val {
	enum ts_val_type type;  /* TS_VAL_NULL = unknown; a BOOL is kept in i */
	long long i;
	double r;
	const char *s;
	size_t n;               /* bytes of s */
};

/* ==== synthesis CSV (METRICS.md section 2), in store schema order ==== */

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

struct ts_column {
	const char *name;       /* CSV header and SQL column name */
	enum ts_val_type type;  /* how the cell is parsed */
	int needed;             /* a statistic depends on it: a file without
	                           it gets a warning; the others are merely
	                           unknown when absent */
	double lo, hi;          /* REAL: a value outside [lo, hi] cannot be
	                           physical (kept, but warned about); NAN: no
	                           bound */
};
extern const struct ts_column ts_synthesis_cols[TS_SC_COUNT];

/* The optimisation settings of a synthesis row (issue 16, README "The
 * settings"): how the model ran, counted per tier (settings.h). */
#define TS_SETTINGS_COUNT 5
extern const enum ts_syn_col ts_settings_cols[TS_SETTINGS_COUNT];

/* The per-metric statistics of METRICS.md section 4, in contract order:
 * each summarises one REAL synthesis column over the successful rows. */
enum ts_metric {
	TS_M_PEAK_MEMORY_MB,
	TS_M_RTF,
	TS_M_TOKENS_PER_SECOND,
	TS_M_TOTAL_DURATION_S,
	TS_M_PEAK_GPU_MEMORY_MB,
	TS_M_PEAK_TEMPERATURE_C,
	TS_M_COUNT
};
extern const enum ts_syn_col ts_metric_cols[TS_M_COUNT];

/* Column and JSON name of metric m ("peak_memory_mb", ...). */
const char *ts_metric_name(enum ts_metric m);

/* ==== realtime CSV (METRICS.md section 3) ==== */

/* The realtime columns the statistics use; the others are not parsed. */
enum ts_rt_col {
	TS_RC_TIMESTAMP, TS_RC_CPU_PERCENT, TS_RC_MEMORY_MB, TS_RC_TEMPERATURE_C,
	TS_RC_GPU_MEMORY_MB, TS_RC_GPU_PERCENT,
	TS_RC_COUNT
};

/* What is kept of a realtime column while streaming (bits of .aggs):
 * the count of finite values always; their minimum, maximum and
 * compensated sum where asked for; TS_AGG_ENV: its envelope over time
 * (envelope.h), of the samples whose timestamp is kept, for the
 * timelines. */
enum { TS_AGG_MIN = 1, TS_AGG_MAX = 2, TS_AGG_SUM = 4, TS_AGG_ENV = 8 };

struct ts_rt_column {
	const char *name;       /* CSV header */
	unsigned aggs;          /* TS_AGG_* */
	int needed;             /* a file without it gets a warning */
	double lo, hi;          /* physical bounds, as for ts_column */
};
extern const struct ts_rt_column ts_realtime_cols[TS_RC_COUNT];

/* One realtime column over a file, or over a tier: finite values only. */
struct ts_rt_col_agg {
	long long n;            /* values */
	double sum;             /* compensated sum (TS_AGG_SUM), else 0 */
	double min, max;        /* NAN when n is 0 or not asked for */
};

/* A realtime file's aggregate: what the store keeps of it. */
struct ts_rt_agg {
	long long samples;      /* data rows used */
	struct ts_rt_col_agg col[TS_RC_COUNT];
};

/* An aggregate of no samples: every n 0, every min, max NAN. */
void ts_rt_agg_init(struct ts_rt_agg *a);

/* A realtime timestamp is Unix seconds when it is in (0, 1e11]: larger
 * is milliseconds or microseconds (a monitor writing time.time() * 1000),
 * zero or negative is no clock. One more than a day away from both its
 * neighbours is a clock gone wrong. Such timestamps are left out. */
#define TS_TS_MAX 1e11
#define TS_TS_JUMP 86400.0

/* 1 when x lies outside [lo, hi] (a NAN bound is no bound). */
static inline int ts_out_of_bounds(double x, double lo, double hi)
{
	return x < lo || x > hi;   /* false for a NAN bound */
}

#endif /* TS_COLUMNS_H */
