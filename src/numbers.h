/* numbers.h - numbers.tex: every number a thesis writes in its sentences,
 * from the same run as the figures and tables (issue 14 item 2).
 *
 * A thesis \input's it once and writes \tsval{TIER}{NAME}:
 *
 *     \input{numbers}
 *     The M1 needs \tsval{m1_air_mps}{peak_memory_gib} at its peak
 *     ($n = \tsval{m1_air_mps}{peak_memory_gib.n}$).
 *
 * TIER is a tier's key as hardware_metadata.json has it (any characters:
 * digits, underscores, any script), or `all` for the pooled totals (a
 * key always holds an underscore, so `all` is never a tier's). Five
 * characters that LaTeX cannot take in an argument as they are, are
 * written as LaTeX writes them: \textbackslash{} \{ \} \% \# and ^ as
 * \textasciicircum{}; a control character is a space. numbers.tex lists
 * its tiers and names in its opening comment; a TIER or NAME it does not
 * have stops LaTeX with "Package tierstat Error: No value `NAME' of
 * `TIER' in numbers.tex" (\tsval never prints nothing).
 *
 * NAMEs of a tier (numbers rounded as the tables, round.h; "--" where the
 * run has no value, as the tables print it):
 *   label, device; tests (n), successful (k), success ("k/n"),
 *   success.pct ("98.3 %"), success.ci ("94.1--99.5 %"), success.lo,
 *   success.hi (numbers, in per cent);
 *   for each METRIC of the JSON (rtf, peak_memory_mb, tokens_per_second,
 *   total_duration_s, peak_gpu_memory_mb, peak_temperature_c) and the two
 *   memories in GiB (peak_memory_gib, peak_gpu_memory_gib, the unit of
 *   fig1):
 *     METRIC       the mean with the error of --errorbar and the unit, as
 *                  table_results shows it ("4200 ± 500 MiB");
 *     METRIC.mean  the mean, rounded as in METRIC;
 *     METRIC.err   that error (SD, or SE with --errorbar se; the interval's
 *                  half width with ci95; "--" with none);
 *     METRIC.sd, METRIC.se, METRIC.n, METRIC.unit;
 *     METRIC.ci    the 95 % t interval of the mean with the unit, and
 *     METRIC.lo, METRIC.hi its ends;
 *   rtf.faster: 1 / mean RTF ("5.56": times faster than real time);
 *   with --reference, for rtf, peak_memory_mb, tokens_per_second and
 *   total_duration_s: METRIC.ratio (this tier's mean over the reference's,
 *   1 for the reference itself), METRIC.ratio.ci, .ratio.lo, .ratio.hi
 *   (95 % interval on the log ratio), and METRIC.inverse with .inverse.ci,
 *   .inverse.lo, .inverse.hi (the reference's over this tier's: "45.6
 *   times faster").
 * NAMEs of `all`: tiers, requests, successful, success, success.pct,
 * success.ci, success.lo, success.hi (every tier whose success is known,
 * pooled; Wilson's interval), success.tiers (how many tiers that is),
 * errorbar (the words of the error: "1 SD"), warmup (--warmup, 0 without),
 * reference (the reference's label; "--" without one).
 *
 * Signs come out right in text and in math mode: ± and the minus through
 * \ensuremath, a range's dash an en dash in both, a unit upright after a
 * thin space, 1e-05 as 1\times10^{-5}. Digits are in the font of the
 * mode they are used in. Text is escaped by texesc.h.
 */
#ifndef TS_NUMBERS_H
#define TS_NUMBERS_H

#include "ts.h"
#include "figures.h"
#include "tiers.h"

#include <stdio.h>

/* Write numbers.tex for the model t, the means' error being `eb`. */
void ts_numbers_write(FILE *fp, const struct ts_tiers *t, enum ts_fig_errorbar eb);

#endif /* TS_NUMBERS_H */
