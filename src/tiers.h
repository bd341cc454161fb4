/* tiers.h - the per-tier model every output consumes.
 *
 * ts_tiers_build() reads the store (store.h) and computes, per tier
 * configuration (hardware_tier, device_type), the statistics of
 * METRICS.md sections 4 and 5. The result is plain data, sorted by key;
 * figures, the JSON export and the console report only read it.
 *
 * Undefined numbers are NAN (test with isnan), undefined counts are -1:
 * both become `null` in the JSON and "no data" in the figures.
 */
#ifndef TS_TIERS_H
#define TS_TIERS_H

#include "ts.h"
#include "diag.h"

/* The per-metric statistics of METRICS.md section 4, in contract order. */
enum ts_metric {
	TS_M_PEAK_MEMORY_MB,
	TS_M_RTF,
	TS_M_TOKENS_PER_SECOND,
	TS_M_TOTAL_DURATION_S,
	TS_M_PEAK_GPU_MEMORY_MB,
	TS_M_PEAK_TEMPERATURE_C,
	TS_M_COUNT
};

/* Column / JSON name of metric m ("peak_memory_mb", ...). */
const char *ts_metric_name(enum ts_metric m);

struct ts_summary {
	long n;          /* values used; -1 = unknown (analysis_json tiers) */
	double mean;     /* NAN when undefined */
	double std;      /* sample std, divisor n - 1; NAN for n < 2 */
	double min;
	double max;
	double median;
};

struct ts_realtime {
	long samples;            /* rows of the tier's realtime files; 0 = none */
	double duration_s;       /* sum over files of max - min timestamp */
	double cpu_percent_mean; /* over all finite cpu_percent samples */
	double cpu_percent_max;
	double memory_mb_max;
	double temperature_c_max;
};

enum ts_tier_from {
	TS_FROM_CSV,             /* synthesis rows */
	TS_FROM_ANALYSIS_JSON    /* analysis_<tier>.json aggregates only */
};

struct ts_tier {
	char *key;            /* "<hardware_tier>_<device_type>" */
	char *hardware_tier;
	char *device_type;    /* "cpu", "cuda", "mps" or anything else */
	char *label;          /* display_name, a --label override, or key */
	/* Hardware, for the summary table: from hardware_specs JSON, else the
	 * first synthesis row of the tier. NULL / -1 / NAN when unknown. */
	char *cpu_model;
	char *gpu_name;
	long cpu_cores;
	double total_memory_gb;
	char *hardware_json;  /* the specs JSON object as read (compact text,
	                         keys in file order), NULL without one */
	enum ts_tier_from from;
	long tests;           /* rows (after duplicates are dropped) */
	long successful;      /* -1 when the success column is missing */
	double success_rate;  /* successful / tests; NAN when unknown */
	struct ts_summary metrics[TS_M_COUNT];
	double max_temperature_c; /* max peak_temperature_c over all rows */
	long throttle_events;     /* rows with throttle_detected true; -1 unknown */
	struct ts_realtime realtime;
	char **sources;       /* input files (relative paths), sorted */
	size_t nr_sources, alloc_sources;
};

struct ts_tiers {
	struct ts_tier *v;    /* sorted by key */
	size_t nr, alloc;
};

struct ts_store;

/* Build the model from the store. Problems (tiers without rows, realtime
 * files with no tier) are reported to d. Returns 0 or -1 (reported).
 * Release with ts_tiers_release(). */
int ts_tiers_build(struct ts_tiers *t, struct ts_store *store,
		   struct ts_diag *d);

/* ts_tiers_build() in two steps, so that the first can run while
 * realtime files are still being parsed: the tiers and their synthesis
 * statistics (from the synthesis, hardware_specs and analysis tables),
 * then the realtime aggregates, once they are stored. On failure of
 * either, t is still to be released. */
int ts_tiers_build_synthesis(struct ts_tiers *t, struct ts_store *store,
			     struct ts_diag *d);
int ts_tiers_add_realtime(struct ts_tiers *t, struct ts_store *store,
			  struct ts_diag *d);

/* Set the label of the tier with `key` (a --label KEY=TEXT). Returns 0,
 * or -1 when no tier has that key (not reported). */
int ts_tiers_set_label(struct ts_tiers *t, const char *key, const char *text);

void ts_tiers_release(struct ts_tiers *t);

#endif /* TS_TIERS_H */
