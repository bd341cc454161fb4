/* settings.h - which optimisation settings a tier's rows ran with
 * (issue 16 item 1, README "The settings").
 *
 * Per tier, for each column of ts_settings_cols (columns.h:
 * quantization_used, torch_compile_used, onnx_used, chunk_length,
 * num_threads), the values its rows take and how many rows take each.
 * The rows counted are the tier's `tests`: after duplicates are dropped
 * and but for those --warmup leaves out, so the counts of a column add
 * up to `tests`. A value is the text ts_store_scan_synthesis_text gives
 * (True/False, a decimal integer, the text as stored), NULL for an empty
 * cell (shown as "none").
 *
 * Use: ts_settings_intern() for each row's value as rows come (a new
 * value starts at 0 rows), count the row on the index it returned
 * (v[i].rows++), then ts_settings_finish() once: values left with 0 rows
 * (every row of theirs left out by --warmup) are dropped and the rest
 * sorted by ts_settings_cmp(). Plain data; ts_settings_release() frees.
 */
#ifndef TS_SETTINGS_H
#define TS_SETTINGS_H

#include "ts.h"
#include "columns.h"
#include "diag.h"

#include <stddef.h>

struct ts_setting_value {
	char *text;          /* NULL: an empty cell */
	long rows;
};

struct ts_setting {
	struct ts_setting_value *v;
	size_t nr, alloc;
};

struct ts_settings {
	int known;           /* 0: no rows were counted (a tier from
	                        analysis JSON alone): the settings are unknown */
	struct ts_setting col[TS_SETTINGS_COUNT];
};

/* The index of value `text` (NULL: empty) in column k of s (an index of
 * ts_settings_cols), added with 0 rows when it is new. */
size_t ts_settings_intern(struct ts_settings *s, int k, const char *text);

/* Drop the values of 0 rows, sort the others; `known` becomes 1 when any
 * row was counted. */
void ts_settings_finish(struct ts_settings *s);

/* The order of two values of column c: an INT column by number, a BOOL
 * column False before True, a TEXT column by bytes (strcmp); the empty
 * value (NULL) last. <0, 0, >0. */
int ts_settings_cmp(enum ts_syn_col c, const char *a, const char *b);

/* A value as a message shows it: its text, or "none" for NULL. */
static inline const char *ts_settings_show(const char *text)
{
	return text ? text : "none";
}

/* One note for each column that takes more than one value, through d
 * (severity note: the exit status stays 0):
 * "KEY: quantization_used takes 2 values: INT4 (25 rows), INT8 (25 rows);
 * --by quantization_used compares them". `by` is the --by list as given
 * (NULL without one): the option suggested keeps it and adds the column. */
void ts_settings_note(const struct ts_settings *s, const char *key, const char *by,
		      struct ts_diag *d);

void ts_settings_release(struct ts_settings *s);

/* ==== --by COLUMN[,COLUMN...]: every tier split by those columns ==== */

#define TS_BY_MAX 8
struct ts_by {
	enum ts_syn_col col[TS_BY_MAX];
	size_t n;                /* 0: no --by */
	char text[256];          /* the column names joined by ',' */
};

/* Parse the --by list into by: any of ts_settings_cols, or another TEXT
 * or BOOL column of the synthesis CSV but hardware_tier and device_type
 * (the tier already) and request_id (a group per row), each once, at most
 * TS_BY_MAX. Returns 0, or -1 with `why` set ("no column 'x' (columns:
 * ...)"; "'x' is given twice"). */
int ts_settings_parse_by(const char *arg, struct ts_by *by, char *why, size_t size);

/* The key of a group (new string, README "Optimisation settings"): the
 * tier's key, then for each column of by "-" and its part: a TEXT value
 * as it is, an INT or BOOL one as COLUMN_VALUE ("num_threads_4",
 * "torch_compile_used_True"); the empty value is "none"; every byte but
 * ASCII letters, digits, '.' and '_' becomes '_', so that the key is
 * safe in a file name. values[k] is column k's value, NULL for empty.
 * Two groups that map to one key are told apart by the caller. */
char *ts_settings_group_key(const char *base, const struct ts_by *by, char *const *values);

/* The label of a group (new string), short for the figures: "LABEL
 * (INT8, no compile, threads 4)": a TEXT value as it is, a BOOL one as
 * the column's short name (compile, ONNX, throttled, else its name) or
 * "no NAME", an INT one as "NAME VALUE" (chunk, threads); the empty value
 * "none" ("threads none"). */
char *ts_settings_group_label(const char *label, const struct ts_by *by, char *const *values);

/* The group part of that label alone (new string): "INT8, no compile,
 * threads 4". */
char *ts_settings_group_parts(const struct ts_by *by, char *const *values);

/* The names of by's columns joined by ", " into buf (for legends and
 * captions: "quantization_used, num_threads"); returns buf. */
char *ts_settings_by_names(const struct ts_by *by, char *buf, size_t size);

/* The order of two groups of one tier: column by column, ts_settings_cmp. */
int ts_settings_group_cmp(const struct ts_by *by, char *const *a, char *const *b);

#endif /* TS_SETTINGS_H */
