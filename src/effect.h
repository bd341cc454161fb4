/* effect.h - the effect of a setting: --by with --baseline (issue 16
 * item 4, README "The effect of a setting").
 *
 * A machine is one configuration (hardware_tier, device_type); with --by
 * its rows are split into groups (tiers of their own, tiers.h). Each
 * group is compared with its baseline group: the group of the same
 * machine whose first base->n values (of the --by columns, in order) are
 * the --baseline values and whose other values are its own. Per metric
 * of ts_effect_metrics: the ratio of the group's mean to the baseline's,
 * with the 95 % interval on the log ratio (stats.h ts_stats_ratio;
 * only the ratio when a side has no SD, as from analysis JSON).
 *
 * A baseline group is not compared with itself. A group whose machine
 * has no baseline group is "not measured" (base -1, no ratio), never a
 * ratio of 1. A machine whose groups all have the same first base->n
 * values (it ran one value: the baseline, nr 0, or another, no group
 * measured) is "not measured" as a whole (ts_effect_only_text).
 *
 * Use: ts_effect_parse() on the option's text (the command line), then,
 * once the model is finished, ts_effect_check() (a usage error for a
 * value no row has) and ts_effect_build(). Plain data; release with
 * ts_effect_release().
 */
#ifndef TS_EFFECT_H
#define TS_EFFECT_H

#include "ts.h"
#include "settings.h"
#include "stats.h"

#include <stddef.h>

struct ts_tiers;

/* RTF, peak memory, tokens per second: the order of the report, the
 * JSON and fig7_setting_effect's panels. */
#define TS_EFFECT_COUNT 3
extern const enum ts_metric ts_effect_metrics[TS_EFFECT_COUNT];

struct ts_baseline {
	size_t n;                     /* values given; 0: no --baseline */
	char value[TS_BY_MAX][128];   /* as given; "none" is the empty value */
	char text[256];               /* the option's text */
};

struct ts_effect_cmp {
	size_t tier;                  /* the group compared (index into v) */
	long base;                    /* its baseline group; -1: none */
	struct ts_ratio r[TS_EFFECT_COUNT];
};

struct ts_effect_machine {
	char *key;                    /* "<hardware_tier>_<device_type>" */
	const char *label;            /* its groups' machine_label (borrowed) */
	size_t first;                 /* a group of it (index into v) */
	struct ts_effect_cmp *cmp;    /* its groups but baseline ones, in
	                                 group order (ts_settings_group_cmp) */
	size_t nr;
	size_t measured;              /* comparisons with a baseline group;
	                                 0: the machine is not measured */
};

struct ts_effect {
	struct ts_baseline base;      /* base.n 0: no effect computed */
	struct ts_effect_machine *m;  /* by key */
	size_t nr;
};

/* Parse "VALUE[,VALUE...]" into b: one value for each of the first
 * columns of --by (at most by_n). Returns 0, or -1 with why set. */
int ts_effect_parse(const char *arg, size_t by_n, struct ts_baseline *b,
		    char *why, size_t size);

/* Whether value text v (NULL: empty) of column c is baseline value want
 * ("none" is the empty value; True/False in any case). */
int ts_effect_matches(enum ts_syn_col c, const char *want, const char *v);

/* Every baseline value is one that a row of its column has: 0, or -1
 * with why set ("no row has quantization_used 'INT2' (values: INT4,
 * INT8, none)"). */
int ts_effect_check(const struct ts_tiers *t, const struct ts_baseline *b,
		    char *why, size_t size);

/* Compute t->effect from t's groups (t finished, labels set). */
void ts_effect_build(struct ts_tiers *t, const struct ts_baseline *b);

/* The part of a group's label that tells it from its machine's others:
 * "INT4, threads 4" (new string; settings.h ts_settings_group_label). */
char *ts_effect_group_text(const struct ts_tiers *t, size_t tier);

/* The group a comparison of group `tier` is with, named as
 * ts_effect_group_text names groups ("INT8, threads 4"), whether the
 * machine ran it or not (new string). */
char *ts_effect_base_text(const struct ts_tiers *t, size_t tier);

/* Why machine m is not measured as a whole, new string: "only INT8"
 * when all its groups have one value of the baseline's columns,
 * "settings unknown: analysis JSON only" for a machine without rows;
 * NULL when it ran more than one value. */
char *ts_effect_only_text(const struct ts_tiers *t, const struct ts_effect_machine *m);

void ts_effect_release(struct ts_effect *e);

#endif /* TS_EFFECT_H */
