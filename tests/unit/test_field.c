/* test_field.c - cell parsers (field.h): numbers, integers, booleans.
 *
 * Numbers are compared bit for bit with the doubles Python's float()
 * gives for the same text (the values in the tables were printed by
 * struct.pack('<d', float(s))). The same tables are run again under a
 * comma-decimal locale, where a plain strtod would read "0.1" as 0 and
 * accept "1,5".
 */
#include "ts.h"
#include "testutil.h"
#include "field.h"

#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t bits(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof(u));
	return u;
}

/* Parse a NUL-terminated string through the (s, len) interface. */
static enum ts_field_status num(const char *s, double *out)
{
	return ts_field_number(s, strlen(s), out);
}

static const struct {
	const char *text;
	uint64_t bits;
} exact[] = {
	/* repr() forms the monitor writes */
	{ "0.1", 0x3fb999999999999aULL },
	{ "1e-05", 0x3ee4f8b588e368f1ULL },
	{ "1762554661.9804816", 0x41da439cc97ec036ULL },
	{ "-0.0", 0x8000000000000000ULL },
	{ "8.25", 0x4020800000000000ULL },
	{ "1.5", 0x3ff8000000000000ULL },
	{ "0.3", 0x3fd3333333333333ULL },
	{ "0.30000000000000004", 0x3fd3333333333334ULL },
	{ "123.456e-7", 0x3ee9e3fe580f5494ULL },
	/* correct rounding in the hard places */
	{ "3.141592653589793238462643383279502884197", 0x400921fb54442d18ULL },
	{ "9007199254740993", 0x4340000000000000ULL },      /* ties to even */
	{ "2.2250738585072011e-308", 0x000fffffffffffffULL }, /* largest subnormal */
	{ "1.7976931348623157e308", 0x7fefffffffffffffULL },  /* DBL_MAX */
	{ "1.7976931348623158e308", 0x7fefffffffffffffULL },  /* rounds down to it */
	/* underflow keeps the correctly rounded subnormal or zero */
	{ "1e-310", 0x000012688b70e62bULL },
	{ "4.9e-324", 0x0000000000000001ULL },
	{ "2.5e-324", 0x0000000000000001ULL },
	{ "2.4703282292062328e-324", 0x0000000000000001ULL },
	{ "2.4703282292062327e-324", 0x0000000000000000ULL },
	{ "1e-400", 0x0000000000000000ULL },
	{ "-1e-400", 0x8000000000000000ULL },
	/* other spellings strtod and Python both accept */
	{ "42", 0x4045000000000000ULL },
	{ "+1.5", 0x3ff8000000000000ULL },
	{ "1.", 0x3ff0000000000000ULL },
	{ ".5", 0x3fe0000000000000ULL },
	{ "1E5", 0x40f86a0000000000ULL },
};

/* Text that is not a number: the whole field (less blanks around it)
 * must be consumed, and the forms strtod would accept but the monitor
 * never writes are refused. */
static const char *const bad_numbers[] = {
	"8.25ms", " 8.25ms ", "1 5", "- 1", "1.5 x", "0x1p3", "0X10", "1,5",
	"1.5.2", "--1", "1e", "e5", "abc", "true", "1_000", "nan(123)",
	"1e+", "+", "-", ".",
};

/* Blanks (space, tab) around a number are skipped, as pandas' parser
 * skips them (field.h): " 1.5" and "1.5 " are 1.5. */
static const struct {
	const char *text;
	uint64_t bits;
} padded[] = {
	{ " 1.5", 0x3ff8000000000000ULL },
	{ "1.5 ", 0x3ff8000000000000ULL },
	{ "\t1.5", 0x3ff8000000000000ULL },
	{ "  0.1 \t", 0x3fb999999999999aULL },
	{ " -0.0", 0x8000000000000000ULL },
	{ " 1e-05 ", 0x3ee4f8b588e368f1ULL },
};

static const char *const missing_numbers[] = {
	"", "nan", "NaN", "NA", "None", "null", "NULL", "n/a", "N/A",
	"-nan", "-NaN", "#N/A", "<NA>",
};

static const char *const nonfinite_numbers[] = {
	"inf", "-inf", "Infinity", "-Infinity", "+inf", "INF",
	"1e309", "-1e309", "1.7976931348623159e308",
};

static void check_exact_numbers(void)
{
	for (size_t i = 0; i < TS_COUNTOF(exact); i++) {
		double v = 12345.0;
		enum ts_field_status st = num(exact[i].text, &v);

		if (st != TS_FIELD_OK || bits(v) != exact[i].bits)
			print_error("'%s': status %d, bits 0x%016llx, want 0x%016llx\n",
				    exact[i].text, (int)st,
				    (unsigned long long)bits(v),
				    (unsigned long long)exact[i].bits);
		assert_int_equal(st, TS_FIELD_OK);
		assert_true(bits(v) == exact[i].bits);
	}
}

static void check_other_numbers(void)
{
	double v;

	for (size_t i = 0; i < TS_COUNTOF(padded); i++) {
		enum ts_field_status st;
		v = 12345.0;
		st = num(padded[i].text, &v);
		if (st != TS_FIELD_OK || bits(v) != padded[i].bits)
			print_error("'%s': status %d, bits 0x%016llx\n", padded[i].text,
				    (int)st, (unsigned long long)bits(v));
		assert_int_equal(st, TS_FIELD_OK);
		assert_true(bits(v) == padded[i].bits);
	}
	assert_int_equal(num(" nan ", &v), TS_FIELD_MISSING);
	assert_int_equal(num(" inf", &v), TS_FIELD_NONFINITE);

	for (size_t i = 0; i < TS_COUNTOF(bad_numbers); i++) {
		enum ts_field_status st = num(bad_numbers[i], &v);
		if (st != TS_FIELD_BAD)
			print_error("'%s': status %d, want BAD\n", bad_numbers[i], (int)st);
		assert_int_equal(st, TS_FIELD_BAD);
	}
	for (size_t i = 0; i < TS_COUNTOF(missing_numbers); i++) {
		enum ts_field_status st = num(missing_numbers[i], &v);
		if (st != TS_FIELD_MISSING)
			print_error("'%s': status %d, want MISSING\n", missing_numbers[i], (int)st);
		assert_int_equal(st, TS_FIELD_MISSING);
		assert_true(ts_field_is_missing(missing_numbers[i],
						strlen(missing_numbers[i])));
	}
	for (size_t i = 0; i < TS_COUNTOF(nonfinite_numbers); i++) {
		enum ts_field_status st = num(nonfinite_numbers[i], &v);
		if (st != TS_FIELD_NONFINITE)
			print_error("'%s': status %d, want NONFINITE\n", nonfinite_numbers[i], (int)st);
		assert_int_equal(st, TS_FIELD_NONFINITE);
	}
}

static void test_number_exact_bits(void **state)
{
	(void)state;
	check_exact_numbers();
}

static void test_number_bad_missing_nonfinite(void **state)
{
	(void)state;
	check_other_numbers();
}

/* s need not be NUL-terminated: only s[0..len) is read. */
static void test_number_not_terminated(void **state)
{
	const char a[] = { '1', '.', '5', 'm', 's' };
	const char b[] = { '1', '2', '3', '4', '5' };
	const char c[] = { '8', '.', '2', '5', '\0', '1' };
	double v = 0;

	(void)state;
	assert_int_equal(ts_field_number(a, 3, &v), TS_FIELD_OK);
	assert_true(v == 1.5);
	assert_int_equal(ts_field_number(b, 2, &v), TS_FIELD_OK);
	assert_true(v == 12.0);
	assert_int_equal(ts_field_number(a, 4, &v), TS_FIELD_BAD);
	/* an embedded NUL is part of the cell: not a number */
	assert_int_equal(ts_field_number(c, 6, &v), TS_FIELD_BAD);
	assert_int_equal(ts_field_number(c, 4, &v), TS_FIELD_OK);
	assert_true(v == 8.25);
	/* "nan" followed by more bytes that are not part of the cell */
	assert_int_equal(ts_field_number("nanx", 3, &v), TS_FIELD_MISSING);
	assert_int_equal(ts_field_number("1.5", 0, &v), TS_FIELD_MISSING);
}

static void test_is_missing(void **state)
{
	(void)state;
	assert_true(ts_field_is_missing("", 0));
	assert_true(ts_field_is_missing("nan", 3));
	assert_true(ts_field_is_missing("NaN", 3));
	assert_true(ts_field_is_missing("NA", 2));
	assert_true(ts_field_is_missing("None", 4));
	assert_true(ts_field_is_missing("null", 4));
	assert_true(ts_field_is_missing("NAx", 2));
	assert_false(ts_field_is_missing("NAx", 3));
	assert_false(ts_field_is_missing("0", 1));
	assert_false(ts_field_is_missing(" ", 1));
	assert_false(ts_field_is_missing(" nan", 4));
	assert_false(ts_field_is_missing("none!", 5));
	assert_false(ts_field_is_missing("False", 5));
}

/* The first comma-decimal locale installed, or NULL. */
static const char *comma_locale(void)
{
	static const char *const names[] = {
		"de_DE.UTF-8", "fr_FR.UTF-8", "ru_RU.UTF-8",
		"de_DE.utf8", "fr_FR.utf8", "ru_RU.utf8",
	};

	for (size_t i = 0; i < TS_COUNTOF(names); i++) {
		if (setlocale(LC_ALL, names[i]) &&
		    strcmp(localeconv()->decimal_point, ",") == 0)
			return names[i];
	}
	setlocale(LC_ALL, "C");
	return NULL;
}

/* The same answers whatever the process locale. */
static void test_number_comma_locale(void **state)
{
	const char *name = comma_locale();
	double v = 0;

	(void)state;
	if (!name) {
		fprintf(stderr, "test_field: no comma-decimal locale installed "
			"(tried de_DE.UTF-8, fr_FR.UTF-8, ru_RU.UTF-8; install "
			"'locales' and generate one): locale test skipped\n");
		skip();
	}
	/* the locale really is in force: the C library's own strtod now
	 * reads "1,5" (proof that the test could fail) */
	assert_true(strtod("1,5", NULL) == 1.5);
	check_exact_numbers();
	check_other_numbers();
	assert_int_equal(num("1,5", &v), TS_FIELD_BAD);
	assert_int_equal(num("0.1", &v), TS_FIELD_OK);
	assert_true(bits(v) == 0x3fb999999999999aULL);
	{
		long long n = 0;
		assert_int_equal(ts_field_integer("10.0", 4, &n), TS_FIELD_OK);
		assert_int_equal(n, 10);
		assert_int_equal(ts_field_integer("10,0", 4, &n), TS_FIELD_BAD);
	}
	setlocale(LC_ALL, "C");
}

static void test_integer(void **state)
{
	static const struct { const char *text; long long value; } good[] = {
		{ "10", 10 }, { "10.0", 10 }, { "1e1", 10 }, { "0", 0 },
		{ "-0", 0 }, { "-3", -3 }, { "+7", 7 }, { "1.0e3", 1000 },
		{ "9007199254740991", 9007199254740991LL },
		{ "-9007199254740991", -9007199254740991LL },
		{ "2000000000000", 2000000000000LL }, { " 10", 10 }, { "10 ", 10 },
	};
	static const char *const bad[] = {
		"10.5", "1e-1", "0.5", "-0.25", "1e20", "1e300", " 10.5 ", "1 0",
		"ten", "1,000", "0x10", "10.0.0",
	};
	long long v;

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(good); i++) {
		v = -999;
		if (ts_field_integer(good[i].text, strlen(good[i].text), &v) != TS_FIELD_OK)
			print_error("'%s' refused\n", good[i].text);
		assert_int_equal(ts_field_integer(good[i].text, strlen(good[i].text), &v),
				 TS_FIELD_OK);
		assert_true(v == good[i].value);
	}
	for (size_t i = 0; i < TS_COUNTOF(bad); i++) {
		if (ts_field_integer(bad[i], strlen(bad[i]), &v) != TS_FIELD_BAD)
			print_error("'%s' not BAD\n", bad[i]);
		assert_int_equal(ts_field_integer(bad[i], strlen(bad[i]), &v), TS_FIELD_BAD);
	}
	assert_int_equal(ts_field_integer("", 0, &v), TS_FIELD_MISSING);
	assert_int_equal(ts_field_integer("nan", 3, &v), TS_FIELD_MISSING);
	assert_int_equal(ts_field_integer("NA", 2, &v), TS_FIELD_MISSING);
	assert_int_equal(ts_field_integer("inf", 3, &v), TS_FIELD_NONFINITE);
	assert_int_equal(ts_field_integer("-1e309", 6, &v), TS_FIELD_NONFINITE);
	/* not terminated */
	assert_int_equal(ts_field_integer("125.5", 3, &v), TS_FIELD_OK);
	assert_int_equal(v, 125);
}

static void test_bool(void **state)
{
	static const struct { const char *text; bool value; } good[] = {
		{ "True", true }, { "False", false }, { "true", true },
		{ "false", false }, { "FALSE", false }, { "TRUE", true },
		{ "tRuE", true }, { "1", true }, { "0", false },
		{ "yes", true }, { "No", false }, { "YES", true }, { "no", false },
	};
	static const char *const bad[] = {
		"maybe", "2", "-1", "t", "f", "y", "n", "tru", "truex", " True",
		"True ", "False\r", "on", "off", "1.5", "00", "yess",
	};
	bool v;

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(good); i++) {
		v = !good[i].value;
		if (ts_field_bool(good[i].text, strlen(good[i].text), &v) != TS_FIELD_OK)
			print_error("'%s' refused\n", good[i].text);
		assert_int_equal(ts_field_bool(good[i].text, strlen(good[i].text), &v),
				 TS_FIELD_OK);
		assert_int_equal(v, good[i].value);
	}
	for (size_t i = 0; i < TS_COUNTOF(bad); i++) {
		if (ts_field_bool(bad[i], strlen(bad[i]), &v) != TS_FIELD_BAD)
			print_error("'%s' not BAD\n", bad[i]);
		assert_int_equal(ts_field_bool(bad[i], strlen(bad[i]), &v), TS_FIELD_BAD);
	}
	assert_int_equal(ts_field_bool("", 0, &v), TS_FIELD_MISSING);
	assert_int_equal(ts_field_bool("nan", 3, &v), TS_FIELD_MISSING);
	/* only s[0..len) counts */
	v = false;
	assert_int_equal(ts_field_bool("Truex", 4, &v), TS_FIELD_OK);
	assert_true(v);
	v = true;
	assert_int_equal(ts_field_bool("nope", 2, &v), TS_FIELD_OK);
	assert_false(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_exact_bits),
		cmocka_unit_test(test_number_bad_missing_nonfinite),
		cmocka_unit_test(test_number_not_terminated),
		cmocka_unit_test(test_is_missing),
		cmocka_unit_test(test_number_comma_locale),
		cmocka_unit_test(test_integer),
		cmocka_unit_test(test_bool),
	};

	return cmocka_run_group_tests_name("field", tests, NULL, NULL);
}
