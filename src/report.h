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

void ts_report_tiers(FILE *out, const struct ts_tiers *t);
void ts_report_saved(FILE *out, const struct ts_outset *set);
void ts_report_summary(FILE *out, const struct ts_load_totals *tot,
		       const struct ts_diag *d);

#endif /* TS_REPORT_H */
