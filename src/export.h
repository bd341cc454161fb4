/* export.h - hardware_metadata.json (METRICS.md section 6) via jansson.
 *
 * Tiers in key order, `null` for every undefined number (never NaN or
 * Infinity), reals as Python's repr writes them (repr.h: the shortest
 * text that reads back as the same double). Strings are written as they are: the model's are
 * valid UTF-8 (tiers.h), and so must metrics_dir be (a string that is not
 * becomes null). The same model always gives the same bytes.
 */
#ifndef TS_EXPORT_H
#define TS_EXPORT_H

#include "ts.h"
#include "diag.h"
#include "manifest.h"
#include "tiers.h"

#include <stdio.h>

/* Write the document for `t` to fp. metrics_dir is shown as given on
 * the command line (made valid UTF-8 by the caller); errorbar is the
 * --errorbar word the figures were drawn with ("sd", ...), recorded in
 * "options"; run, when not NULL, is the "run" object after "options":
 * {"version", "args": [the options' strings], "inputs": [{"path",
 * "size", "sha256"}, ...]} (sha256 null for a file that could not be
 * read). Returns 0, or -1 when fp could not be written (reported). */
int ts_export_json(FILE *fp, const struct ts_tiers *t, const char *metrics_dir,
		   const char *errorbar, const struct ts_manifest *run, struct ts_diag *d);

#endif /* TS_EXPORT_H */
