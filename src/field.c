/* field.c - parse one CSV cell (see field.h). */
#define _GNU_SOURCE 1   /* strtod_l (glibc declares it for GNU only) */
#include "ts.h"
#include "field.h"
#include "mem.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The C locale, made once (pthread_once: files are parsed on several
 * threads). strtod_l is glibc's (and the BSDs'); unlike setlocale() it
 * touches no global state. */
static locale_t c_loc;
static pthread_once_t c_loc_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
	c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static locale_t c_locale(void)
{
	pthread_once(&c_loc_once, make_c_locale);
	return c_loc;
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

/* ==== fast path ====
 * Decimal text d1..dn x 10^e with at most 19 significant digits is
 * w x 10^e10 for an integer w < 10^19. Two cases are converted without
 * strtod and give the same bits as strtod, the correctly rounded double:
 *
 * 1. w < 2^53 and |e10| <= 22 (Clinger): w and 10^|e10| are exact
 *    doubles, so one IEEE multiplication or division rounds once.
 * 2. x87 extended precision (64-bit significand), |e10| <= 27: w and
 *    10^|e10| are exact long doubles; the product or quotient q is v
 *    rounded to 64 bits. Rounding q to 53 bits gives round53(v) unless q
 *    is exactly half way between two doubles (then v may lie on either
 *    side): that case, and everything else, falls back to strtod.
 *
 * Python's repr of memory, cpu and temperature values takes path 1;
 * 17-digit timestamps take path 2. */
static const double pow10_d[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

#if defined(__x86_64__) || defined(__i386__)
#include <float.h>
#if LDBL_MANT_DIG == 64
#define TS_FAST_X87 1
static const long double pow10_ld[28] = {
	1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L, 1e6L, 1e7L, 1e8L, 1e9L, 1e10L,
	1e11L, 1e12L, 1e13L, 1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L,
	1e20L, 1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L,
};
#endif
#endif

/* 1 and *out set when s[0..len) is a plain decimal number the fast path
 * converts exactly; 0 to let strtod decide (anything unusual). */
static int fast_number(const char *s, size_t len, double *out)
{
	const char *p = s, *end = s + len;
	unsigned long long w = 0;
	int neg = 0, digits = 0, frac = 0, e10 = 0, any = 0;

	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (; p < end && *p == '0'; p++)
		any = 1;   /* leading zeros are not significant */
	for (; p < end && *p >= '0' && *p <= '9'; p++, any = 1)
		if (++digits > 19)
			return 0;
		else
			w = w * 10 + (unsigned)(*p - '0');
	if (p < end && *p == '.') {
		p++;
		if (!digits)
			for (; p < end && *p == '0'; p++, frac++)
				any = 1;
		for (; p < end && *p >= '0' && *p <= '9'; p++, frac++, any = 1)
			if (++digits > 19)
				return 0;
			else
				w = w * 10 + (unsigned)(*p - '0');
	}
	if (!any)
		return 0;
	if (p < end && (*p == 'e' || *p == 'E')) {
		int eneg = 0, ed = 0, ev = 0;
		p++;
		if (p < end && (*p == '-' || *p == '+'))
			eneg = *p++ == '-';
		for (; p < end && *p >= '0' && *p <= '9' && ed < 4; p++, ed++)
			ev = ev * 10 + (*p - '0');
		if (!ed)
			return 0;
		e10 = eneg ? -ev : ev;
	}
	if (p != end)
		return 0;
	e10 -= frac;
	if (w == 0) {
		*out = neg ? -0.0 : 0.0;
		return 1;
	}
	if (w < (1ULL << 53) && e10 >= -22 && e10 <= 22) {
		double d = (double)w;
		d = e10 < 0 ? d / pow10_d[-e10] : d * pow10_d[e10];
		*out = neg ? -d : d;
		return 1;
	}
#ifdef TS_FAST_X87
	if (e10 >= -27 && e10 <= 27) {
		long double q = (long double)w;
		unsigned long long m;
		q = e10 < 0 ? q / pow10_ld[-e10] : q * pow10_ld[e10];
		/* the 64-bit significand of q; its low 11 bits 100...0 mean
		 * "exactly half way between two doubles" */
		memcpy(&m, &q, sizeof(m));   /* x87: the explicit 64-bit significand */
		if ((m & 0x7ff) == 0x400)
			return 0;
		*out = neg ? -(double)q : (double)q;
		return 1;
	}
#endif
	return 0;
}

enum ts_field_status ts_field_number(const char *s, size_t len, double *out)
{
	char buf[512], *p;
	char *end;
	double v;
	int consumed;

	/* pandas' parser skips blanks around a number ("  0.5 " is 0.5) */
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0)
		return TS_FIELD_MISSING;   /* the first of na_values, at once */
	if (fast_number(s, len, out))
		return TS_FIELD_OK;
	if (ts_field_is_missing(s, len))
		return TS_FIELD_MISSING;
	/* strtod needs a terminated string and would skip leading blanks,
	 * accept hex floats and read "nan(...)": none of those is a number
	 * the monitor writes, so refuse them before strtod sees them. */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 'x' || c == 'X' || c == '(' || c <= ' ' || c >= 0x7f)
			return TS_FIELD_BAD;
	}
	/* a long number ("0.5" and 600 zeros) is still a number, as for
	 * pandas: only its copy needs the heap */
	p = len < sizeof(buf) ? buf : ts_xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	errno = 0;
	v = strtod_l(p, &end, c_locale());
	consumed = end == p + len;
	if (p != buf)
		free(p);
	if (!consumed)
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
