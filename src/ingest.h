/* ingest.h - bring every input file of a scan into the store.
 *
 * JSON files first (a CSV row without device_type takes the specs'), then
 * synthesis files, in path order, on this thread; meanwhile the realtime
 * files, the big ones, are parsed on a pool of one thread per core (this
 * thread only waits for them once its own work is done), and their
 * aggregates stored in path order at the end. Every file's messages come
 * out in the same order as on one thread, and are kept in the store.
 *
 * With a store kept from a previous run (--db), a file whose path, size
 * and modification time are unchanged is not read again: its rows stay and
 * its messages are replayed. Realtime files are reread one by one; JSON
 * and synthesis files as a group (a duplicate request_id or a device
 * type can depend on another file of the group). A file gone is forgotten.
 */
#ifndef TS_INGEST_H
#define TS_INGEST_H

#include "ts.h"
#include "diag.h"
#include "load.h"
#include "scan.h"
#include "store.h"

/* seconds: specs, analysis, synthesis, realtime, and `between` */
#define TS_INGEST_PHASES 5

/* Called on this thread as soon as the JSON and synthesis files are in
 * the store, while realtime files may still be parsed on other threads:
 * it may read the store but not its realtime_file table, and whatever it
 * reports to d comes out after the realtime files' messages. */
typedef void (*ts_ingest_between_fn)(void *ctx, struct ts_diag *d);

/* Returns 0, or -1 when the store failed (reported; then `between` may
 * not have been called). `seconds` gets the wall-clock time of each
 * phase. `between` may be NULL. */
int ts_ingest(struct ts_store *s, const struct ts_inputs *in,
	      struct ts_load_totals *tot, struct ts_diag *d,
	      double seconds[TS_INGEST_PHASES],
	      ts_ingest_between_fn between, void *between_ctx);

#endif /* TS_INGEST_H */
