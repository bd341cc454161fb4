/* repr.h - numbers written as Python's repr() writes them.
 *
 * The monitor writes floats with Python's repr: the shortest decimal that
 * reads back as the same double (the closest to it if several have that
 * many digits), fixed notation for 1e-4 <= |d| < 1e16 with at least one
 * digit after the point ("100.0"), else "1e-05", "1.5e+16". tierstat
 * writes its JSON the same way, so that a RAM of 23.54 in a specs file
 * comes out as 23.54, not 23.539999999999999. Pure; needs the C locale
 * (the tool never sets another).
 */
#ifndef TS_REPR_H
#define TS_REPR_H

#include "ts.h"

/* Longest repr, with its NUL: "-1.2345678901234567e-308". */
#define TS_REPR_MAX 32

/* repr(d) into buf, which is returned. d must be finite. */
char *ts_repr(char buf[TS_REPR_MAX], double d);

/* A copy of the JSON text `json` in which every number with a fraction
 * or an exponent (a real; what is inside strings is left alone) is
 * written as ts_repr() writes it: the text jansson dumps with
 * JSON_REAL_PRECISION(17), which reads back exactly, made short. Caller
 * frees. */
char *ts_json_short_reals(const char *json);

#endif /* TS_REPR_H */
