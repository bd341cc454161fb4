/* pyrepr.h - Python's repr() of a double, for the benchmark generator.
 *
 * The monitor writes floats with Python's repr: the shortest decimal that
 * reads back as the same double (the closest one if several, ties to even),
 * in fixed notation. py_repr computes it exactly with 128-bit integer
 * arithmetic, about 20 times faster than trying printf precisions with
 * strtod. Only what the generator needs: 0, or 1e-3 <= d < 1e15 (anything
 * else aborts).
 */
#ifndef TS_BENCH_PYREPR_H
#define TS_BENCH_PYREPR_H

#include <stdint.h>

/* Write repr(d) at p, no NUL (at most 24 bytes); return the end. */
char *py_repr(char *p, double d);

/* Write v in decimal at p, no NUL; return the end. */
char *py_put_u64(char *p, uint64_t v);

/* Compare py_repr with printf + strtod on count generated doubles (any
 * bits, timestamps, short decimals, dyadics, powers of 2 and 10); print
 * the first differences and a summary line. Returns 0 when none differ. */
int py_repr_selftest(unsigned long long count);

#endif
