/* test_fastfloat.c - ts_field_number's fast path gives the bits strtod
 * gives, for millions of generated numbers (issue #6: "the replacement
 * must give the correctly rounded result ... for every input"). */
#define _GNU_SOURCE 1   /* strtod_l */
#include "ts.h"
#include "testutil.h"

#include "field.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned long long next(void)
{
	return tu_splitmix64(&rng);
}

static unsigned long long checked;

/* ts_field_number(text) must equal strtod(text) bit for bit. */
static void same_as_strtod(const char *text)
{
	static locale_t c;
	double want, got = 0;
	char *end;
	enum ts_field_status st;

	if (!c)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	want = strtod_l(text, &end, c);
	st = ts_field_number(text, strlen(text), &got);
	checked++;
	if (!isfinite(want)) {
		if (st == TS_FIELD_OK)
			fail_msg("'%s': got %.17g, strtod says not finite", text, got);
		return;
	}
	if (st != TS_FIELD_OK || memcmp(&want, &got, sizeof(got)) != 0)
		fail_msg("'%s': status %d, %.17g (%a) != strtod %.17g (%a)", text, st,
			 got, got, want, want);
}

/* Doubles of every magnitude, printed as repr would (shortest of 15, 16,
 * 17 digits that reads back) and with all 17 digits. */
static void random_doubles(void **state)
{
	char buf[64];
	(void)state;
	for (int i = 0; i < 500000; i++) {
		unsigned long long bits = next();
		double x;
		memcpy(&x, &bits, sizeof(x));
		if (!isfinite(x))
			continue;
		snprintf(buf, sizeof(buf), "%.17g", x);
		same_as_strtod(buf);
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(buf, sizeof(buf), "%.*g", prec, x);
			if (strtod(buf, NULL) == x)
				break;
		}
		same_as_strtod(buf);
	}
}

/* What the monitor writes: timestamps, memory, percentages, small ints. */
static void monitor_like_values(void **state)
{
	char buf[64];
	(void)state;
	for (int i = 0; i < 500000; i++) {
		double ts = 1.7e9 + (double)(next() % 100000000) / 1000.0 + (double)(next() % 1000000) * 1e-9;
		double mb = (double)(next() % 100000000) / 1024.0;
		double pct = (double)(next() % 100000) / 10.0;
		snprintf(buf, sizeof(buf), "%.17g", ts);
		same_as_strtod(buf);
		snprintf(buf, sizeof(buf), "%.16g", ts);
		same_as_strtod(buf);
		snprintf(buf, sizeof(buf), "%.15g", mb);
		same_as_strtod(buf);
		snprintf(buf, sizeof(buf), "%.4g", pct);
		same_as_strtod(buf);
	}
}

/* Random decimal strings at the fast path's limits: 1 to 20 digits,
 * decimal exponents -30 to 30, with and without a point or exponent. */
static void random_decimals(void **state)
{
	char digits[32], buf[96];
	(void)state;
	for (int i = 0; i < 1000000; i++) {
		int nd = 1 + (int)(next() % 20), e = (int)(next() % 61) - 30;
		int point = (int)(next() % (unsigned)(nd + 1));
		for (int k = 0; k < nd; k++)
			digits[k] = (char)('0' + next() % 10);
		digits[nd] = '\0';
		switch (next() % 3) {
		case 0:
			snprintf(buf, sizeof(buf), "%se%d", digits, e);
			break;
		case 1:
			snprintf(buf, sizeof(buf), "%.*s.%se%d", point, digits, digits + point, e);
			break;
		default:
			snprintf(buf, sizeof(buf), "%s%.*s.%s", next() % 2 ? "-" : "", point,
				 digits, digits + point);
			break;
		}
		same_as_strtod(buf);
	}
}

/* Exactly half way between two doubles, and one unit either side: the
 * x87 path must refuse the ties and get the neighbours right. */
static void halfway_cases(void **state)
{
	char buf[64];
	(void)state;
	for (int i = 0; i < 200000; i++) {
		/* w = odd * 2^k with w in [2^53, 2^64): half way at 53 bits
		 * when the bit below the 53rd is its lowest set bit */
		unsigned long long top = (1ULL << 52) | (next() & ((1ULL << 52) - 1));
		int shift = 1 + (int)(next() % 11);
		unsigned long long w = (top << shift) | (1ULL << (shift - 1));
		for (int d = -1; d <= 1; d++) {
			snprintf(buf, sizeof(buf), "%llu", w + (unsigned long long)d);
			same_as_strtod(buf);
			snprintf(buf, sizeof(buf), "%llue-%d", w + (unsigned long long)d, (int)(next() % 28));
			same_as_strtod(buf);
		}
	}
}

/* Powers of ten and their neighbours, subnormals, extremes, odd forms. */
static void edges(void **state)
{
	static const char *const fixed[] = {
		"0", "-0", "0.0", "-0.0", "00.000", "1", "-1", "+1.5", "1.", ".5",
		"1e22", "1e23", "1e27", "1e28", "9007199254740992", "9007199254740993",
		"9007199254740995", "18446744073709551615", "18446744073709551616",
		"9999999999999999999", "99999999999999999999", "0.1", "0.2", "0.3",
		"2.2250738585072014e-308", "4.9406564584124654e-324", "1e-400",
		"1.7976931348623157e308", "1e308", "123456789012345678e-27",
		"1234567890123456789e27", "1E5", "1e+05", "1e-05", "1e0005",
		"0.000000000000000000000000000001", "1762554661.9804816",
		"2856.34765625", "8.803726414308187",
	};
	char buf[64];
	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(fixed); i++)
		same_as_strtod(fixed[i]);
	for (int k = -30; k <= 30; k++) {
		double p = pow(10, k);
		snprintf(buf, sizeof(buf), "1e%d", k);
		same_as_strtod(buf);
		snprintf(buf, sizeof(buf), "%.17g", nextafter(p, 0));
		same_as_strtod(buf);
		snprintf(buf, sizeof(buf), "%.17g", nextafter(p, INFINITY));
		same_as_strtod(buf);
	}
	fprintf(stderr, "test_fastfloat: %llu numbers compared with strtod\n", checked);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_doubles),
		cmocka_unit_test(monitor_like_values),
		cmocka_unit_test(random_decimals),
		cmocka_unit_test(halfway_cases),
		cmocka_unit_test(edges),
	};
	return cmocka_run_group_tests_name("fastfloat", tests, NULL, NULL);
}
