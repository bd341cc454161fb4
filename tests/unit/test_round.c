/* test_round.c - the rounding rule of round.h: the error to two
 * significant digits, the mean to the same decimal place; a value alone
 * to 3 significant digits; an interval at the place of its half width.
 * Every expected text was worked out by hand from the rule. */
#include "ts.h"
#include "testutil.h"

#include "round.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void pair_is(double mean, double err, const char *m, const char *e, int has)
{
	struct ts_rounded r;

	ts_round_pair(mean, err, &r);
	if (strcmp(r.mean, m) != 0 || strcmp(r.err, e) != 0 || r.has_err != has)
		fail_msg("%.17g +- %.17g: got '%s' +- '%s' (%d), want '%s' +- '%s' (%d)",
			 mean, err, r.mean, r.err, r.has_err, m, e, has);
}

static void value_is(double v, const char *want)
{
	char buf[TS_ROUND_MAX];

	ts_round_value(buf, v);
	if (strcmp(buf, want) != 0)
		fail_msg("%.17g: got '%s', want '%s'", v, buf, want);
}

/* The cases of issue 14 and the seed's thesis sentences. */
static void issue_cases(void **state)
{
	(void)state;
	pair_is(0.18, 0.02, "0.180", "0.020", 1);
	pair_is(4.1, 0.46, "4.10", "0.46", 1);
	pair_is(4.2, 0.5, "4.20", "0.50", 1);
	pair_is(2900, 99.99, "2900", "100", 1);      /* 99.99 -> 1.0e2: tens */
	pair_is(2949, 99.99, "2950", "100", 1);
	pair_is(2900, 100, "2900", "100", 1);
	pair_is(2900, 123, "2900", "120", 1);
	pair_is(1.5, 0.0095, "1.5000", "0.0095", 1); /* 0.0095 is below 95e-4 */
	pair_is(0.0123456, 0.0095, "0.0123", "0.0095", 1);
	pair_is(8.2, 0.5, "8.20", "0.50", 1);
	pair_is(45.56, 1.1, "45.6", "1.1", 1);
	pair_is(123.456, 9.96, "123", "10", 1);     /* 9.96 -> 10: units */
	pair_is(123.456, 0.96, "123.46", "0.96", 1);
}

/* An SD of 0, unknown errors, missing means, signs. */
static void edges(void **state)
{
	(void)state;
	pair_is(0.18, 0, "0.180", "0", 1);          /* all values equal */
	pair_is(2900, 0, "2900", "0", 1);
	pair_is(0.18, NAN, "0.180", "", 0);         /* n = 1: no SD */
	pair_is(0.18, INFINITY, "0.180", "", 0);
	pair_is(0.18, -1, "0.180", "", 0);
	pair_is(NAN, 0.02, "--", "", 0);            /* no data */
	pair_is(NAN, NAN, "--", "", 0);
	pair_is(-INFINITY, 1, "--", "", 0);
	pair_is(-0.0001, 0.02, "0.000", "0.020", 1); /* reads as zero: no sign */
	pair_is(-0.0, 0.02, "0.000", "0.020", 1);
	pair_is(-0.18, 0.02, "-0.180", "0.020", 1);
	pair_is(-2900, 99.99, "-2900", "100", 1);
	pair_is(0, 0, "0", "0", 1);
	pair_is(-0.0, 0, "0", "0", 1);
	pair_is(3, 4000, "0", "4000", 1);           /* under the place: 0 */
}

/* Huge and tiny: "%e" notation, the place kept. */
static void huge_and_tiny(void **state)
{
	(void)state;
	pair_is(0.00026, 0.00002, "2.60e-04", "2.0e-05", 1);  /* error < 1e-4 */
	pair_is(0.0026, 0.0001, "0.00260", "0.00010", 1);    /* error 1e-4: decimal */
	pair_is(1.234e16, 4.5e14, "1.234e+16", "4.5e+14", 1);
	pair_is(9.9996e16, 1e14, "1.0000e+17", "1.0e+14", 1);  /* carries: place kept */
	pair_is(1e300, 0.5, "1.000000000000000e+300", "5.0e-01", 1);
	pair_is(1e-300, 1e-301, "1.00e-300", "1.0e-301", 1);
	pair_is(4e-9, 1e-6, "0", "1.0e-06", 1);
	pair_is(7e-7, 1e-6, "7e-07", "1.0e-06", 1);
	pair_is(123456789012345.6, 1234.5, "123456789012300", "1200", 1);
}

static void values_alone(void **state)
{
	(void)state;
	value_is(0.18, "0.180");
	value_is(45.63, "45.6");
	value_is(5.5, "5.50");
	value_is(2900, "2900");
	value_is(123456.7, "123457");    /* an integer part is never cut */
	value_is(99.96, "100");
	value_is(9.996, "10.0");
	value_is(0.0026, "0.00260");
	value_is(0.0001, "0.000100");
	value_is(0.0000999, "9.99e-05");
	value_is(1e16, "1.00e+16");
	value_is(-0.18, "-0.180");
	value_is(-0.0, "0");
	value_is(0, "0");
	value_is(NAN, "--");
	value_is(INFINITY, "--");
}

static void iv_is(double v, double lo, double hi, const char *sv,
		  const char *slo, const char *shi, int has)
{
	struct ts_rounded_iv r;

	ts_round_interval(v, lo, hi, &r);
	if (strcmp(r.v, sv) != 0 || strcmp(r.lo, slo) != 0 || strcmp(r.hi, shi) != 0 ||
	    r.has_iv != has)
		fail_msg("%.17g [%.17g, %.17g]: got '%s' ['%s', '%s'] (%d)", v, lo, hi,
			 r.v, r.lo, r.hi, r.has_iv);
}

static void intervals(void **state)
{
	(void)state;
	/* the fixture's Intel i5 vs RTX 3060 RTF ratio: half width 2.2 */
	iv_is(45.56, 43.39, 47.83, "45.6", "43.4", "47.8", 1);
	/* 118/120 in %: Wilson 94.1-99.5, half width 2.7 */
	iv_is(98.333, 94.131, 99.542, "98.3", "94.1", "99.5", 1);
	/* 10/10: 72.2-100, half width 14 */
	iv_is(100, 72.2467, 100, "100", "72", "100", 1);
	iv_is(0.84, 0.822, 0.858, "0.840", "0.822", "0.858", 1);
	iv_is(1, 1, 1, "1.00", "1.00", "1.00", 1);  /* width 0 */
	iv_is(1, NAN, NAN, "1.00", "", "", 0);
	iv_is(1, 2, 1, "1.00", "", "", 0);        /* lo > hi */
	iv_is(NAN, 1, 2, "--", "", "", 0);
	iv_is(-0.00001, -0.02, 0.02, "0.000", "-0.020", "0.020", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(issue_cases),
		cmocka_unit_test(edges),
		cmocka_unit_test(huge_and_tiny),
		cmocka_unit_test(values_alone),
		cmocka_unit_test(intervals),
	};
	return cmocka_run_group_tests_name("round", tests, NULL, NULL);
}
