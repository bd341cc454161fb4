/* specs.h - read hardware_specs_<tier>.json and analysis_<tier>.json
 * (METRICS.md sections 5 and 6) with jansson into the store.
 *
 * A file that is not a JSON object is skipped with one error naming
 * jansson's line and column. A field of the wrong type is reported and
 * treated as unknown (a string is never read as 0). A UTF-8 BOM is
 * skipped silently.
 *
 * A key repeated in one object (at any depth; "a" and "\u0061" are the
 * same key) keeps its last value, as Python's json module (the monitor's
 * reader) does, and the file is used: one warning at each repeat, at the
 * line and column of its closing quote (jansson's count, in characters),
 * "key 'K' appears twice", or for a key given N > 2 times "appears N
 * times, here for the 2nd time", ... up to the Nth. The stored JSON (the
 * "hardware" of hardware_metadata.json) holds that last value in the
 * place of the first, as a Python dict does.
 */
#ifndef TS_SPECS_H
#define TS_SPECS_H

#include "ts.h"
#include "diag.h"
#include "load.h"
#include "scan.h"
#include "store.h"

/* Load one JSON input (TS_KIND_SPECS or TS_KIND_ANALYSIS). Returns 0 when
 * used, -1 when skipped (reported). */
int ts_specs_load(struct ts_store *s, const struct ts_input *in,
		  struct ts_load_totals *tot, struct ts_diag *d);

#endif /* TS_SPECS_H */
