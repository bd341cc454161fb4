/* ingest.h - bring every input file of a scan into the store.
 *
 * JSON files first (a CSV row without device_type takes the specs'), then
 * synthesis files, in path order, on this thread; meanwhile the realtime
 * files, the big ones, are parsed on a pool of threads and their
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

#define TS_INGEST_PHASES 4   /* seconds: specs, analysis, synthesis, realtime */

/* Returns 0, or -1 when the store failed (reported). `seconds` gets the
 * wall-clock time of each phase. */
int ts_ingest(struct ts_store *s, const struct ts_inputs *in,
	      struct ts_load_totals *tot, struct ts_diag *d,
	      double seconds[TS_INGEST_PHASES]);

#endif /* TS_INGEST_H */
