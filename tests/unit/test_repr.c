/* test_repr.c - numbers as Python's repr() writes them: a table of
 * doubles (given by their bits) with the text Python 3 printed for each,
 * every power of two and random bit patterns reading back exactly, and
 * the JSON rewrite leaving strings and integers alone. */
#include "ts.h"
#include "testutil.h"

#include "repr.h"
#include "../bench/pyrepr.c"   /* the exact reference, compiled in */

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static double of_bits(uint64_t b)
{
	double d;
	memcpy(&d, &b, sizeof(d));
	return d;
}

/* repr() in Python 3.11 of each (tests/unit/test_repr.c was generated
 * with it; the comment repeats the text for the reader). */
static const struct { uint64_t bits; const char *want; } table[] = {
	{ 0x3fb999999999999aULL, "0.1" },
	{ 0x40378a3d70a3d70aULL, "23.54" },
	{ 0x3feeeeeeeeeeeeefULL, "0.9666666666666667" },
	{ 0x0000000000000001ULL, "5e-324" },
	{ 0x7fefffffffffffffULL, "1.7976931348623157e+308" },
	{ 0x4059000000000000ULL, "100.0" },
	{ 0x8000000000000000ULL, "-0.0" },
	{ 0x0000000000000000ULL, "0.0" },
	{ 0x4341c37937e08000ULL, "1e+16" },
	{ 0x3f1a36e2eb1c432dULL, "0.0001" },
	{ 0x3ee4f8b588e368f1ULL, "1e-05" },
	{ 0x4341c37937e08000ULL, "1e+16" },
	{ 0x42dc12218377de66ULL, "123456789012345.6" },
	{ 0x4480f0cf064dd592ULL, "1e+22" },
	{ 0x44b52d02c7e14af6ULL, "1e+23" },
	{ 0x43b0000000000000ULL, "1.152921504606847e+18" },
	{ 0x3fd3333333333333ULL, "0.3" },
	{ 0x3fe5555555555555ULL, "0.6666666666666666" },
	{ 0x3e7ad7f29abcaf48ULL, "1e-07" },
	{ 0x81b01297d23ab683ULL, "-1.5e-300" },
	{ 0x0010000000000000ULL, "2.2250738585072014e-308" },
	{ 0x0000000000000010ULL, "8e-323" },
	{ 0x7e70000000000000ULL, "1.0715086071862673e+301" },
	{ 0x4340000000000000ULL, "9007199254740992.0" },
	{ 0x3f1f75104d551d69ULL, "0.00012" },
	{ 0x40934a0000000000ULL, "1234.5" },
	{ 0x0010000000000000ULL, "2.2250738585072014e-308" },
	{ 0x4011666666666666ULL, "4.35" },
	{ 0x3f0a36e2eb1c432dULL, "5e-05" },
};

static void python_table(void **state)
{
	char buf[TS_REPR_MAX];

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(table); i++)
		assert_string_equal(ts_repr(buf, of_bits(table[i].bits)), table[i].want);
}

/* The text reads back as d, and has no more digits than needed: one
 * digit fewer (the nearest such decimal, and its neighbours) does not. */
static void reads_back(double d)
{
	char buf[TS_REPR_MAX], t[48], sig[TS_REPR_MAX];
	int digits = 0;

	ts_repr(buf, d);
	assert_true(strtod(buf, NULL) == d);
	assert_true(signbit(strtod(buf, NULL)) == signbit(d));
	for (const char *p = buf; *p && *p != 'e'; p++)   /* significant digits */
		if ((*p >= '1' && *p <= '9') || (*p == '0' && digits > 0))
			sig[digits++] = *p;
	while (digits > 1 && sig[digits - 1] == '0')
		digits--;
	if (digits > 1) {
		snprintf(t, sizeof(t), "%.*e", digits - 2, d);
		assert_true(strtod(t, NULL) != d);
	}
	assert_true(strlen(buf) < TS_REPR_MAX);
}

static void powers_of_two_and_random_bits(void **state)
{
	uint64_t r = 88172645463325252ULL;

	(void)state;
	for (int e = -1074; e <= 1023; e++)
		reads_back(ldexp(1, e));
	for (int i = 0; i < 200000; i++) {
		double d;
		r ^= r << 13;
		r ^= r >> 7;
		r ^= r << 17;
		d = of_bits(r);
		if (isfinite(d))
			reads_back(d);
	}
}

/* Against tests/bench/pyrepr.c, an exact 128-bit integer repr() (made
 * another way: no printf, no strtod): short decimals of every length,
 * timestamps and random doubles in its range, 1e-3 to 1e15. */
static void against_exact_repr(void **state)
{
	uint64_t r = 2463534242ULL;
	char buf[TS_REPR_MAX], want[32];

	(void)state;
	for (int i = 0; i < 300000; i++) {
		double d;
		char *end;
		r ^= r << 13;
		r ^= r >> 7;
		r ^= r << 17;
		switch (i % 3) {
		case 0: {   /* p digits, a decimal point somewhere */
			int p = (int)(r % 17) + 1, e = (int)((r >> 8) % 18) - 3;
			snprintf(want, sizeof(want), "%llue%d", (unsigned long long)((r >> 16) % 100000000000000000ULL) %
				 (unsigned long long)pow(10, p), e - p);
			d = strtod(want, NULL);
			break;
		}
		case 1:     /* Unix timestamps to the microsecond and beyond */
			d = 1.7e9 + (double)(r % 100000000000ULL) / 1e4;
			break;
		default:
			d = of_bits((r & 0x000fffffffffffffULL) | ((uint64_t)(1013 + r % 56) << 52));
		}
		if (!(d >= 1e-3 && d < 1e15))
			continue;
		end = py_repr(want, d);
		*end = '\0';
		assert_string_equal(ts_repr(buf, d), want);
	}
}

static void json_reals_only(void **state)
{
	char *s;

	(void)state;
	s = ts_json_short_reals("{\"a\": 23.539999999999999, \"b\": [0.96666666666666667, -0.0, 100.0, "
				"1.0000000000000001e-05, 42, -7], \"c\": \"0.10000000000000001 \\\" 2.5000000000000000\", "
				"\"d\": null, \"e\\\\\": 1e+16, \"f\": 10000000000000000.0}");
	assert_string_equal(s, "{\"a\": 23.54, \"b\": [0.9666666666666667, -0.0, 100.0, "
			       "1e-05, 42, -7], \"c\": \"0.10000000000000001 \\\" 2.5000000000000000\", "
			       "\"d\": null, \"e\\\\\": 1e+16, \"f\": 1e+16}");
	free(s);
	s = ts_json_short_reals("");
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(python_table),
		cmocka_unit_test(powers_of_two_and_random_bits),
		cmocka_unit_test(against_exact_repr),
		cmocka_unit_test(json_reals_only),
	};
	return cmocka_run_group_tests_name("repr", tests, NULL, NULL);
}
