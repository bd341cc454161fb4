/* warmup.h - the first requests of each synthesis file (--warmup).
 *
 * The monitor's first request after the app starts loads the model (and,
 * on CUDA, the context), so it is often slower than the rest. With
 * --warmup N the first N requests of each synthesis file, by start_time
 * (rows without one after those with, in line order), are left out of
 * every statistic; without it nothing is left out, but a first request
 * that looks like a cold start is noted (README "Warm-up").
 *
 * Calling sequence, once per file, the rows in line order:
 *
 *     ts_warmup_begin(&w, path);        -- path is copied
 *     ts_warmup_add(&w, ...);           -- each row of the file
 *     ts_warmup_end(&w, d);             -- marks w.rows[i].excluded,
 *                                          may print the note
 *     for (i = 0; i < w.nr; i++) ... w.rows[i] ...   -- line order
 *
 * then ts_warmup_release(&w) once. The rows stay in line order, so that
 * the sums over what is kept are taken in the order pandas takes them.
 */
#ifndef TS_WARMUP_H
#define TS_WARMUP_H

#include "ts.h"
#include "columns.h"
#include "diag.h"

#include <stddef.h>

/* One synthesis row, as the statistics need it. */
struct ts_warm_row {
	size_t tier;                 /* the caller's index of its tier */
	long line;
	double start;                /* start_time; NAN when unknown */
	int success, throttle;       /* 1, 0, -1 unknown */
	double v[TS_M_COUNT];        /* metric values; NAN when unknown */
	double tokens;               /* text_length_tokens: NAN from
	                                ts_warmup_add, the caller sets it */
	size_t setting[TS_SETTINGS_COUNT]; /* the caller's: not set by
	                                ts_warmup_add, carried along */
	int excluded;                /* set by ts_warmup_end */
};

struct ts_warmup {
	long n;                      /* --warmup: requests to leave out per file */
	char *path;                  /* the file being held */
	struct ts_warm_row *rows;    /* its rows, in line order */
	size_t nr, alloc;
	/* the first file (in the order given) with at most n requests, which
	 * --warmup would leave empty: NULL when none */
	char *short_path;
	size_t short_rows;
};

/* Start with n requests to leave out of each file (0: none). */
void ts_warmup_init(struct ts_warmup *w, long n);
void ts_warmup_begin(struct ts_warmup *w, const char *path);
void ts_warmup_add(struct ts_warmup *w, size_t tier, long line, double start,
		   int success, int throttle, const double *v);
/* Mark the first n rows by start_time as excluded. With n = 0, note a
 * first request that is successful, slower (rtf) than every other
 * successful request of the file and more than twice the file's median
 * rtf (of its successful requests, the first included). */
void ts_warmup_end(struct ts_warmup *w, struct ts_diag *d);
void ts_warmup_release(struct ts_warmup *w);

#endif /* TS_WARMUP_H */
