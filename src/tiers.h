/* tiers.h - the per-tier model every output consumes.
 *
 * Built from the store (store.h) by ts_tiers_build_synthesis() and
 * ts_tiers_finish() (below): per tier configuration (hardware_tier,
 * device_type), the statistics of METRICS.md sections 4 and 5. The result
 * is plain data, sorted by key; figures, the JSON export and the console
 * report only read it.
 *
 * Undefined numbers are NAN (test with isnan), undefined counts are -1:
 * both become `null` in the JSON and "no data" in the figures.
 */
#ifndef TS_TIERS_H
#define TS_TIERS_H

#include "ts.h"
#include "columns.h"
#include "diag.h"
#include "effect.h"
#include "reqspan.h"
#include "settings.h"
#include "stats.h"
#include "timeline.h"

#include <string.h>

/* The realtime samples of a tier: every realtime file paired with it. */
struct ts_realtime {
	long samples;            /* rows of the tier's realtime files; 0 = none */
	double duration_s;       /* sum over files of max - min timestamp;
	                            NAN when no file has a timestamp */
	struct ts_rt_stat {      /* per column of columns.h, finite values */
		long long n;
		double mean;     /* TS_AGG_SUM columns; else NAN */
		double min, max; /* where asked for; else NAN */
	} col[TS_RC_COUNT];
	/* README "Synthesis against idle": the kept samples of the files
	 * with a partner, during its requests (TS_SPAN_DURING) and between
	 * them (TS_SPAN_IDLE); nothing when `paired` is 0 */
	long paired;             /* files with a partner */
	struct ts_rt_phase {
		long long samples, n_memory, n_cpu;
		double memory_mean, memory_max, cpu_mean;   /* NAN: no value */
	} phase[TS_SPAN_COUNT];
};

enum ts_tier_from {
	TS_FROM_CSV,             /* synthesis rows */
	TS_FROM_ANALYSIS_JSON    /* analysis_<tier>.json aggregates only */
};

/* total_duration_s against text_length_tokens (issue 15 item 4, README
 * "Statistics"): the least-squares line over the successful rows with
 * both finite (but those --warmup leaves out), and the points to draw. */
#define TS_SCALING_MAX_POINTS 2000
struct ts_scaling {
	struct ts_ols fit;       /* x tokens, y seconds; n 0 and NAN without
	                            rows (and for a tier from analysis JSON) */
	int has_line;            /* fit.distinct_x >= 3: else no line */
	double *tokens, *duration_s;  /* the points: every pair, or when
	                            there are more than TS_SCALING_MAX_POINTS,
	                            that many at evenly spaced ranks of the
	                            row order (pair floor(i n / max)) */
	size_t npoints;
};

struct ts_tier {
	char *key;            /* "<hardware_tier>_<device_type>"; with --by
	                         followed by its group's parts (settings.h
	                         ts_settings_group_key) */
	char **group;         /* with --by: the value of each column of
	                         ts_tiers.by (NULL: empty); NULL without */
	char *hardware_tier;
	char *device_type;    /* "cpu", "cuda", "mps" or anything else */
	char *label;          /* display_name, a --label override, or key */
	char *machine_label;  /* with --by: the label of its configuration
	                         (display_name or key, no group part); else
	                         NULL */
	char *machine_key;    /* with --by: its configuration's key (the key
	                         without the group part); else NULL */
	/* Hardware, for the summary table: from hardware_specs JSON, else the
	 * first synthesis row of the tier. NULL / -1 / NAN when unknown. */
	char *cpu_model;
	char *gpu_name;
	long cpu_cores;
	double total_memory_gb;
	char *hardware_json;  /* the specs JSON object as read (compact text,
	                         keys in file order), NULL without one */
	enum ts_tier_from from;
	long tests;           /* rows (after duplicates are dropped, and
	                         but for those --warmup leaves out) */
	long warmup_excluded; /* rows --warmup left out (0 without it) */
	long successful;      /* -1 when the success column is missing */
	double success_rate;  /* successful / tests; NAN when unknown */
	double success_ci95[2]; /* Wilson 95 % of success_rate; NAN unknown */
	struct ts_summary metrics[TS_M_COUNT];
	/* per metric, what the summary lacks (README "Intervals, quantiles
	 * and outliers"): NAN / counts 0 for a tier from analysis JSON
	 * alone, whose values are unknown (spread_known 0) */
	struct ts_spread spread[TS_M_COUNT];
	int spread_known;
	struct ts_place {         /* the first severe outlier of a metric */
		char *path;       /* NULL when none */
		long line;
	} first_severe[TS_M_COUNT];
	/* with --reference, per metric of ts_relative_metrics: this tier's
	 * mean over the reference's (stats.h ts_stats_ratio); everything NAN
	 * without a reference or where undefined (only the ratio is known
	 * when a side has no SD: analysis JSON) */
	struct ts_ratio relative[TS_M_COUNT];
	double max_temperature_c; /* max peak_temperature_c over all rows */
	long throttle_events;     /* rows with throttle_detected true; -1 unknown */
	struct ts_scaling scaling;
	struct ts_settings settings; /* the settings its rows ran with
	                             (settings.h); known 0 without rows */
	struct ts_realtime realtime;
	struct ts_timeline timeline; /* its realtime files over time */
	char **sources;       /* input files (relative paths), sorted */
	size_t nr_sources, alloc_sources;
};

struct ts_tiers {
	struct ts_tier *v;    /* sorted by key */
	size_t nr, alloc;
	/* the first synthesis file with no more requests than --warmup
	 * leaves out, and how many it has: NULL when none (the command
	 * refuses such a --warmup) */
	char *warmup_short_path;
	long warmup_short_rows;
	/* every tier whose success is known, pooled: sums, and Wilson's
	 * interval of the pooled rate (NAN when no tier is counted) */
	long pooled_tests, pooled_successful, pooled_tiers;
	double pooled_rate, pooled_ci95[2];
	long reference;       /* --reference: index into v; -1 none */
	struct ts_by by;      /* --by (settings.h); by.n 0 without: each
	                         configuration is then one tier */
	/* with --by: the tier of each synthesis file's first row, which its
	 * realtime files belong to (tiers_rt.c) */
	struct ts_first_tier { char *path; size_t tier; } *first;
	size_t nfirst, alloc_first;
	long warmup;          /* --warmup as given (0 without it) */
	struct ts_effect effect; /* --baseline (effect.h); effect.base.n 0
	                         without */
};

/* The metrics compared with --reference, in report order. */
#define TS_RELATIVE_COUNT 4
extern const enum ts_metric ts_relative_metrics[TS_RELATIVE_COUNT];

struct ts_store;

/* The model is built from the store in two steps, so that the first can
 * run while realtime files are still being parsed:
 *
 * ts_tiers_build_synthesis() makes the tiers (every (hardware_tier,
 * device_type) of the synthesis rows and analysis files), their hardware
 * and their synthesis statistics (METRICS.md sections 4 and 5), from the
 * synthesis, hardware_specs and analysis tables; it may report that an
 * analysis file disagrees with the rows, or stands alone. `warmup` is
 * --warmup: the first requests of each synthesis file left out of every
 * statistic (warmup.h; 0: none, but a first request that looks like a
 * cold start is noted). An analysis file is not compared with rows of
 * which some were left out (its numbers are over all of them).
 *
 * ts_tiers_finish(), once the realtime files are stored, pairs each with
 * its tier (README decision 6) and adds its samples, notes a specs file
 * that no tier has data for, then sorts sources and tiers: the model is
 * complete and read-only from then on.
 *
 * Both return 0, or -1 when the store failed (reported); t is to be
 * released with ts_tiers_release() in every case. Strings in the model
 * are valid UTF-8 (made so where they entered: the loaders, the scan, the
 * command line). */
int ts_tiers_build_synthesis(struct ts_tiers *t, struct ts_store *store,
			     long warmup, struct ts_diag *d);
int ts_tiers_finish(struct ts_tiers *t, struct ts_store *store,
		    struct ts_diag *d);
/* The same with --by (by NULL or by->n 0: none): every configuration
 * split by the values of by's columns, each group a tier of its own
 * (README "Optimisation settings"), sorted by configuration then group
 * (ts_settings_group_cmp) before ts_tiers_finish sorts by key. An empty
 * value is a group of its own. A configuration known from its analysis
 * file alone is one tier of empty values; an analysis file is not
 * compared with the rows of a group (it is over all of them). */
int ts_tiers_build_synthesis_by(struct ts_tiers *t, struct ts_store *store,
				long warmup, const struct ts_by *by, struct ts_diag *d);

/* The tier a name given on the command line means: its key, else its
 * label, else its hardware_tier (the file-name tier, "m1_air" for
 * m1_air_mps) when that names one configuration. Returns the index, or
 * -1 with `why` set to the reason ("no tier 'x' (tiers: a, b)", "'m1'
 * names 2 configurations: m1_cpu, m1_mps"). Call after ts_tiers_finish. */
long ts_tiers_find(const struct ts_tiers *t, const char *name, char *why, size_t size);

/* Set the label of v[i] (a --label, its tier found by ts_tiers_find). */
void ts_tiers_set_label(struct ts_tiers *t, long i, const char *text);

/* Make v[ref] the reference: every tier's relative[] (tiers.h above). */
void ts_tiers_set_reference(struct ts_tiers *t, long ref);

/* The reference tier, or NULL without one (also for a model that was
 * zeroed rather than built: only an index inside v counts). */
static inline const struct ts_tier *ts_tiers_reference(const struct ts_tiers *t)
{
	return t->reference >= 0 && (size_t)t->reference < t->nr ? &t->v[t->reference] : NULL;
}

/* Whether a and b are groups (--by) of one machine: the same
 * hardware_tier and device_type. */
static inline int ts_tier_same_machine(const struct ts_tier *a, const struct ts_tier *b)
{
	return strcmp(a->hardware_tier, b->hardware_tier) == 0 &&
	       strcmp(a->device_type, b->device_type) == 0;
}

/* With --by, a machine's tiers (its groups) are those of one
 * ts_tier_same_machine; they need not be adjacent in key order. The
 * index of the first tier of tier i's machine (i when it is the first). */
size_t ts_tiers_machine_first(const struct ts_tiers *t, size_t i);

/* The settings of tier i's machine (new string): the group part of each
 * of its tiers with rows (settings.h ts_settings_group_parts), in
 * ts_settings_group_cmp order, joined by "; "; NULL when it has none (a
 * tier from analysis JSON alone). Its tests: the sum over its tiers (-1
 * when none is known). */
char *ts_tiers_machine_settings(const struct ts_tiers *t, size_t i);
long ts_tiers_machine_tests(const struct ts_tiers *t, size_t i);

void ts_tiers_release(struct ts_tiers *t);

#endif /* TS_TIERS_H */
