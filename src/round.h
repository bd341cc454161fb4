/* round.h - numbers rounded for reading: the tables (tables.h), and
 * later numbers.tex, so that a number reads the same wherever it is.
 *
 * The rule (README "Tables"; the convention of physics and metrology
 * papers): the error to two significant digits, the mean to the same
 * decimal place. 0.18 +- 0.02 is "0.180" +- "0.020", 4.1 +- 0.46 is
 * "4.10" +- "0.46", 2900 +- 99.99 is "2900" +- "100" (the error rounds up
 * to 1.0e2, and the mean goes to the same place, tens).
 *
 *   - error 0 (all values equal): no digit of the error to go by; the
 *     mean to 3 significant digits, the error "0";
 *   - error NAN, infinite or negative (unknown: n < 2, analysis JSON
 *     alone): the mean alone to 3 significant digits, no error text;
 *   - mean NAN or infinite (no data): "--" (what LaTeX prints as an en
 *     dash), and no error text.
 * 3 significant digits: 0.18 -> "0.180", 45.63 -> "45.6", but an integer
 * part is never cut: 2900 -> "2900", 123456.7 -> "123457".
 * Decimal notation, unless a number is huge or tiny (as Python's repr
 * decides, 1e-4 <= |x| < 1e16 is decimal): then "%e" notation, the
 * mean's last digit still at the error's second digit ("1.234e+10" +-
 * "4.5e+08"), but never more than 16 significant digits.
 * Rounding is of the double's exact binary value, to nearest (printf of
 * glibc): 0.0095 is a little less than 95/10000 and stays "0.0095".
 * A result that reads as zero has no minus sign ("-0.0001" at three
 * decimals is "0.000"; -0.0 is "0").
 *
 * Pure: snprintf in the C locale (the tool never sets another), no state.
 */
#ifndef TS_ROUND_H
#define TS_ROUND_H

#include "ts.h"

/* Longest text of one number, with its NUL (a double in %f notation has
 * at most 16 integer digits here, and at most 20 decimals). */
#define TS_ROUND_MAX 48

/* A mean and its error, rounded by the rule above. */
struct ts_rounded {
	char mean[TS_ROUND_MAX];  /* "--" when the mean is not finite */
	char err[TS_ROUND_MAX];   /* "" when there is no error to show */
	int has_err;              /* err is a number (possibly "0") */
};

/* Round mean +- err by the rule above into *out (always filled). */
void ts_round_pair(double mean, double err, struct ts_rounded *out);

/* A value alone, to 3 significant digits (integer part kept); "--" for
 * NAN or an infinity. Returns buf. */
char *ts_round_value(char buf[TS_ROUND_MAX], double v);

/* A value with a 95 % interval [lo, hi]: the decimal place is the one of
 * the interval's half width, (hi - lo) / 2, to two significant digits,
 * for all three numbers (so 45.56 in [43.39, 47.83] is "45.6", "43.4",
 * "47.8"). An interval of width 0 gives each to 3 significant digits; an
 * interval with an end that is not finite, or lo > hi: the value alone
 * and *has_iv 0. v not finite: "--" and *has_iv 0. */
struct ts_rounded_iv {
	char v[TS_ROUND_MAX];
	char lo[TS_ROUND_MAX];
	char hi[TS_ROUND_MAX];
	int has_iv;
};
void ts_round_interval(double v, double lo, double hi, struct ts_rounded_iv *out);

#endif /* TS_ROUND_H */
