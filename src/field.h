/* field.h - parse one CSV cell: numbers, integers, booleans.
 *
 * Pure functions. Numbers are read with strtod under the C locale whatever
 * the user's LC_NUMERIC; the whole cell (less blanks around it, which
 * pandas skips too) must be consumed and the value finite. The markers pandas reads as missing (an empty cell, "nan",
 * "NaN", "NA", "null", "None", ...) are TS_FIELD_MISSING, not errors.
 */
#ifndef TS_FIELD_H
#define TS_FIELD_H

#include "ts.h"

#include <stdbool.h>

enum ts_field_status {
	TS_FIELD_OK,        /* value stored */
	TS_FIELD_MISSING,   /* empty or a missing-value marker: not a problem */
	TS_FIELD_NONFINITE, /* "inf", "-Infinity", or overflow: left out */
	TS_FIELD_BAD        /* not a value of the type: left out with a warning */
};

/* Parse s[0..len) as a double. s need not be NUL-terminated. */
enum ts_field_status ts_field_number(const char *s, size_t len, double *out);

/* Parse an integer (a number with no fractional part, |v| < 2^53, so
 * "10", "10.0" and "1e1" are 10 as pandas reads them). */
enum ts_field_status ts_field_integer(const char *s, size_t len, long long *out);

/* Parse a boolean: True/False, true/false, 1/0, yes/no in any case. */
enum ts_field_status ts_field_bool(const char *s, size_t len, bool *out);

/* True when s[0..len) is a missing-value marker (see above). */
bool ts_field_is_missing(const char *s, size_t len);

#endif /* TS_FIELD_H */
