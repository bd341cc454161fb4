/* timeline.h - what the timelines of a tier draw (issue 15 item 2).
 *
 * A tier's runs are its realtime files (each paired with the tier as
 * README decision 6 says, in tiers.c), sorted by start time. Each run
 * holds the envelopes over time the store kept for its columns
 * (envelope.h: min, max, sum and count per bucket of 2^scale seconds)
 * and the tier's requests that fall within it, as flags on a grid of
 * TS_TL_CELLS equal cells from its first to its last timestamp: at 6.3
 * in that is a cell per 0.2 pt, so the shading is exact at print size
 * and the memory bounded whatever the number of requests.
 *
 * Calling sequence: tiers.c calls ts_tl_add_run() for each realtime file
 * of a tier, then ts_tl_load() once the tiers are sorted; the figures
 * read; ts_tl_release() with the tier.
 */
#ifndef TS_TIMELINE_H
#define TS_TIMELINE_H

#include "ts.h"
#include "columns.h"
#include "diag.h"
#include "envelope.h"

#define TS_TL_CELLS 2048

/* Flags of a cell: some request covers it; a failed one; one with
 * throttle_detected. */
enum { TS_TL_BUSY = 1u, TS_TL_FAILED = 2u, TS_TL_THROTTLE = 4u };

struct ts_tl_run {
	char *path;            /* the realtime file (relative) */
	double t0, t1;         /* its first and last timestamp kept, Unix s */
	struct ts_envelope env[TS_RC_COUNT]; /* per column; nr 0 = none. Read
	                          only: b holds exactly nr buckets */
	unsigned char cells[TS_TL_CELLS];    /* TS_TL_* flags */
	long requests, failed, throttled;    /* rows whose interval meets it */
};

struct ts_timeline {
	struct ts_tl_run *runs;  /* by t0, then path */
	size_t nr, alloc;
};

struct ts_tiers;
struct ts_store;

/* Record a run of file `path` (copied) from t0 to t1 (NAN when the file
 * kept no timestamp: not recorded). */
void ts_tl_add_run(struct ts_timeline *tl, const char *path, double t0, double t1);

/* For every tier: sort its runs, read their envelopes from the store and
 * mark the requests of its synthesis rows (start_time to end_time, both
 * known) on them. Returns 0, or -1 on a store error (reported). */
int ts_tl_load(struct ts_tiers *t, struct ts_store *s);

/* The time covered by cell i of run r: [*lo, *hi), Unix s. */
void ts_tl_cell(const struct ts_tl_run *r, size_t i, double *lo, double *hi);

/* 1 when some run of tl has samples of column c. */
int ts_tl_has(const struct ts_timeline *tl, enum ts_rt_col c);

void ts_tl_release(struct ts_timeline *tl);

#endif /* TS_TIMELINE_H */
