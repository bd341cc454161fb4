/* report.h - the console report of `tierstat analyze` (stdout).
 *
 * Like the monitor's "Example Output": each tier configuration with its
 * tests, CPU and device, then each file written, then one line saying
 * what was read and what was left out.
 */
#ifndef TS_REPORT_H
#define TS_REPORT_H

#include "ts.h"
#include "diag.h"
#include "load.h"
#include "outfile.h"
#include "tiers.h"

#include <stdio.h>

/* "Detected hardware configurations:", then per tier its key, tests
 * (and successful ones), CPU and device, then a blank line. Like the
 * other two, it only writes to `out`: a write error is for the caller to
 * see (ferror) when it closes the stream. */
void ts_report_tiers(FILE *out, const struct ts_tiers *t);
/* "Saved: PATH" for every file of the committed output set, then a blank
 * line. */
void ts_report_saved(FILE *out, const struct ts_outset *set);
/* One line: files read and skipped, rows used and skipped, values left
 * out (from tot and d's counts), and the warnings and errors printed
 * with the exit status they call for (1; none: 0, not said).
 * Nothing here fails: write errors on `out` are the caller's (stdout). */
void ts_report_summary(FILE *out, const struct ts_load_totals *tot,
		       const struct ts_diag *d);

#endif /* TS_REPORT_H */
