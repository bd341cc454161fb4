/* ingest.h - bring every input file of a scan into the store.
 *
 * Four steps, in this order:
 *   plan   which files to read: a file with the same bytes as an earlier
 *          one is a copy (one message, not read); with a store kept from
 *          a previous run (--db), a file whose path, size and modification
 *          time are unchanged is not read again (its rows stay and its
 *          messages are replayed). Realtime files are judged one by one;
 *          JSON and synthesis files as a group (a duplicate request_id or
 *          a device type can depend on another file of the group). A file
 *          gone is forgotten.
 *   parse  the realtime files, the big ones, on a pool of threads
 *          (ts_pool_default_threads: one per core, at most 8, or
 *          TIERSTAT_THREADS), a big file in segments (load.h);
 *          meanwhile this thread loads the hardware specs, then the
 *          analysis JSON, then the
 *          synthesis files, in path order, then calls `between`;
 *   merge  the segments of each big file into one result, in path order;
 *   store  each realtime file's result, in path order.
 * Every file's messages come out in path order within its kind, as on one
 * thread, and are kept in the store with its counts (for --db re-runs).
 */
#ifndef TS_INGEST_H
#define TS_INGEST_H

#include "ts.h"
#include "diag.h"
#include "load.h"
#include "scan.h"
#include "store.h"

/* What ts_ingest did: wall-clock seconds per step, and what was read. */
struct ts_ingest_report {
	double specs_s;          /* hardware_specs JSON */
	double analysis_s;       /* analysis JSON */
	double synthesis_s;      /* synthesis CSV */
	double realtime_s;       /* waiting for, merging and storing realtime CSV */
	double between_s;        /* the `between` callback */
	unsigned long files_parsed;   /* files read from disk in this run */
	unsigned long long bytes_parsed;
	unsigned long files_replayed; /* unchanged since the last run (--db):
	                                 not read, their messages replayed */
};

/* Called on this thread as soon as the JSON and synthesis files are in
 * the store, while realtime files may still be parsed on other threads:
 * it may read the store but not its realtime tables, and whatever it
 * reports to d comes out after the realtime files' messages. */
typedef void (*ts_ingest_between_fn)(void *ctx, struct ts_diag *d);

/* Read the inputs `in` (from ts_scan_dir) into the store s, reporting
 * every problem to d and adding what was read to tot. `between` may be
 * NULL. Fills *rep. Returns 0, or -1 when the plan could not be made
 * from the store (reported; `between` was not called). A store error
 * while a file is loaded is reported and leaves that file out, and the
 * run goes on. */
int ts_ingest(struct ts_store *s, const struct ts_inputs *in,
	      struct ts_load_totals *tot, struct ts_diag *d,
	      struct ts_ingest_report *rep,
	      ts_ingest_between_fn between, void *between_ctx);

#endif /* TS_INGEST_H */
