/* round.c - numbers rounded for reading (see round.h). */
#include "ts.h"
#include "round.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MISSING "--"

/* The decimal exponent in a "%e" text. */
static int exp_in(const char *buf)
{
	const char *e = strchr(buf, 'e');

	return e ? (int)strtol(e + 1, NULL, 10) : 0;
}

/* The decimal exponent of x (finite, not 0) once rounded to `sig`
 * significant digits: 99.99 to 2 digits is 1.0e+02, exponent 2. */
static int exp_at(double x, int sig)
{
	char buf[TS_ROUND_MAX];

	snprintf(buf, sizeof(buf), "%.*e", sig - 1, x);
	return exp_in(buf);
}

/* "-0.000", "-0", "-0.0e+00": a zero has no sign. */
static void unsign_zero(char *buf)
{
	if (buf[0] != '-')
		return;
	for (const char *s = buf + 1; *s && *s != 'e'; s++)
		if (*s != '0' && *s != '.')
			return;
	memmove(buf, buf + 1, strlen(buf));
}

/* Decimal notation as Python's repr chooses it (repr.h). */
static int decimal_ok(double x)
{
	return fabs(x) < 1e16;
}

/* x rounded so that its last digit is at 10^place, in decimal notation
 * ("%.*f"; a place above the units rounds to it: 2949 at place 2 is
 * "2900"). */
static void fixed_at(char buf[TS_ROUND_MAX], double x, int place)
{
	if (place <= 0) {
		snprintf(buf, TS_ROUND_MAX, "%.*f", -place, x);
	} else {
		double q = pow(10, place);
		snprintf(buf, TS_ROUND_MAX, "%.0f", nearbyint(x / q) * q);
	}
	unsign_zero(buf);
}

/* The same in "%e" notation. A rounding that carries into a new leading
 * digit (9.96e+10 at place 9 is 1.00e+11) keeps the place by one more
 * digit of mantissa. */
static void sci_at(char buf[TS_ROUND_MAX], double x, int place)
{
	int e0, k;

	if (x == 0) {
		snprintf(buf, TS_ROUND_MAX, "0");
		return;
	}
	e0 = exp_at(x, 17);
	k = e0 - place;
	if (k > 15)    /* 16 significant digits: more would show binary noise */
		k = 15;
	if (k < 0) {   /* smaller than one unit of the place */
		if (fabs(x) < 0.5 * pow(10, place))
			snprintf(buf, TS_ROUND_MAX, "0");
		else
			snprintf(buf, TS_ROUND_MAX, "%.0e", copysign(pow(10, place), x));
		return;
	}
	snprintf(buf, TS_ROUND_MAX, "%.*e", k, x);
	if (exp_in(buf) > e0)
		snprintf(buf, TS_ROUND_MAX, "%.*e", k + 1, strtod(buf, NULL));
	unsign_zero(buf);
}

char *ts_round_value(char buf[TS_ROUND_MAX], double v)
{
	int e;

	if (!isfinite(v)) {
		snprintf(buf, TS_ROUND_MAX, MISSING);
		return buf;
	}
	if (v == 0) {
		snprintf(buf, TS_ROUND_MAX, "0");
		return buf;
	}
	if (fabs(v) < 1e-4 || !decimal_ok(v)) {
		snprintf(buf, TS_ROUND_MAX, "%.2e", v);
		unsign_zero(buf);
		return buf;
	}
	e = exp_at(v, 3);
	fixed_at(buf, v, e >= 2 ? 0 : e - 2);
	return buf;
}

/* The place of the second significant digit of err (finite, > 0), once
 * rounded to two digits: 0.02 -> -3 (0.020), 99.99 -> 1 (1.0e+02). */
static int err_place(double err)
{
	return exp_at(err, 2) - 1;
}

/* Whether the numbers at `place` are written in "%e" notation: the place
 * below 1e-5 (an error under 1e-4), or a number of 1e16 or more. */
static int use_sci(int place, const double *x, int nx)
{
	if (place < -5)
		return 1;
	for (int i = 0; i < nx; i++)
		if (!decimal_ok(x[i]))
			return 1;
	return 0;
}

static void at_place(char buf[TS_ROUND_MAX], double x, int place, int sci)
{
	if (sci)
		sci_at(buf, x, place);
	else
		fixed_at(buf, x, place);
}

void ts_round_pair(double mean, double err, struct ts_rounded *out)
{
	double both[2] = { mean, err };
	int place, sci;

	out->err[0] = '\0';
	out->has_err = 0;
	if (!isfinite(mean)) {
		snprintf(out->mean, sizeof(out->mean), MISSING);
		return;
	}
	if (!isfinite(err) || err < 0) {
		ts_round_value(out->mean, mean);
		return;
	}
	out->has_err = 1;
	if (err == 0) {
		ts_round_value(out->mean, mean);
		snprintf(out->err, sizeof(out->err), "0");
		return;
	}
	place = err_place(err);
	sci = use_sci(place, both, 2);
	at_place(out->mean, mean, place, sci);
	at_place(out->err, err, place, sci);
}

void ts_round_interval(double v, double lo, double hi, struct ts_rounded_iv *out)
{
	double all[3] = { v, lo, hi };
	double half = (hi - lo) / 2;
	int place, sci;

	out->lo[0] = out->hi[0] = '\0';
	out->has_iv = 0;
	if (!isfinite(v)) {
		snprintf(out->v, sizeof(out->v), MISSING);
		return;
	}
	if (!isfinite(lo) || !isfinite(hi) || lo > hi || !isfinite(half)) {
		ts_round_value(out->v, v);
		return;
	}
	out->has_iv = 1;
	if (half == 0) {
		ts_round_value(out->v, v);
		ts_round_value(out->lo, lo);
		ts_round_value(out->hi, hi);
		return;
	}
	place = err_place(half);
	sci = use_sci(place, all, 3);
	at_place(out->v, v, place, sci);
	at_place(out->lo, lo, place, sci);
	at_place(out->hi, hi, place, sci);
}
