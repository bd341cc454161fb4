/* specs.h - read hardware_specs_<tier>.json and analysis_<tier>.json
 * (METRICS.md sections 5 and 6) with jansson into the store.
 *
 * A file that is not a JSON object is skipped with one error naming
 * jansson's line and column. A field of the wrong type is reported and
 * treated as unknown (a string is never read as 0).
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
