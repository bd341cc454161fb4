/* field.c - parse one CSV cell (see field.h). */
#define _GNU_SOURCE 1   /* strtod_l (glibc declares it for GNU only) */
#include "ts.h"
#include "field.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The C locale, made once. strtod_l is glibc's (and the BSDs'); unlike
 * setlocale() it touches no global state, so it is safe in threads. */
static locale_t c_locale(void)
{
	static locale_t loc;

	if (!loc)
		loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return loc;
}

/* pandas' default na_values (pandas.io.parsers), which read_csv turns into
 * NaN: a cell holding one of these is missing, not malformed. */
static const char *const na_values[] = {
	"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan",
	"1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None",
	"n/a", "nan", "null",
};

bool ts_field_is_missing(const char *s, size_t len)
{
	for (size_t i = 0; i < TS_COUNTOF(na_values); i++)
		if (strlen(na_values[i]) == len && memcmp(na_values[i], s, len) == 0)
			return true;
	return false;
}

enum ts_field_status ts_field_number(const char *s, size_t len, double *out)
{
	char buf[512];
	char *end;
	double v;

	/* pandas' parser skips blanks around a number ("  0.5 " is 0.5) */
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (ts_field_is_missing(s, len))
		return TS_FIELD_MISSING;
	/* strtod needs a terminated string and would skip leading blanks,
	 * accept hex floats and read "nan(...)": none of those is a number
	 * the monitor writes, so refuse them before strtod sees them. */
	if (len == 0 || len >= sizeof(buf))
		return TS_FIELD_BAD;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 'x' || c == 'X' || c == '(' || c <= ' ' || c >= 0x7f)
			return TS_FIELD_BAD;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	v = strtod_l(buf, &end, c_locale());
	if (end != buf + len)
		return TS_FIELD_BAD;
	if (isnan(v))
		return TS_FIELD_MISSING;   /* "nan" spelled another way */
	if (!isfinite(v))
		return TS_FIELD_NONFINITE; /* inf, or overflow (ERANGE) */
	/* Underflow (ERANGE with a tiny result) keeps strtod's correctly
	 * rounded subnormal or zero, as Python's float() does. */
	*out = v;
	return TS_FIELD_OK;
}

enum ts_field_status ts_field_integer(const char *s, size_t len, long long *out)
{
	double v;
	enum ts_field_status st = ts_field_number(s, len, &v);

	if (st != TS_FIELD_OK)
		return st;
	if (v != floor(v) || fabs(v) > 9007199254740992.0)
		return TS_FIELD_BAD;
	*out = (long long)v;
	return TS_FIELD_OK;
}

enum ts_field_status ts_field_bool(const char *s, size_t len, bool *out)
{
	static const struct { const char *word; bool value; } words[] = {
		{ "true", true }, { "false", false }, { "1", true },
		{ "0", false }, { "yes", true }, { "no", false },
	};

	if (ts_field_is_missing(s, len))
		return TS_FIELD_MISSING;
	for (size_t i = 0; i < TS_COUNTOF(words); i++) {
		if (strlen(words[i].word) == len &&
		    strncasecmp(words[i].word, s, len) == 0) {
			*out = words[i].value;
			return TS_FIELD_OK;
		}
	}
	return TS_FIELD_BAD;
}
