/* repr.c - numbers written as Python's repr() writes them (see repr.h). */
#include "repr.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

/* n * 10^e read back by strtod (correctly rounded in glibc). When n
 * and 10^|e| are both exact doubles (n <= 2^53, |e| <= 22) one product
 * or quotient rounds the exact value once, which is what strtod's
 * correct rounding gives (Clinger's fast path), without a printf and a
 * strtod: most of what tierstat writes. */
static double value_of(unsigned long long n, int e)
{
	char t[48];

	if (n <= (1ULL << 53) && e >= -22 && e <= 22)
		return e >= 0 ? (double)n * p10[e] : (double)n / p10[-e];
	snprintf(t, sizeof(t), "%llue%d", n, e);
	return strtod(t, NULL);
}

/* The shortest n * 10^e equal to d > 0, n without trailing zeros: for
 * each count of digits p, the p-digit decimal nearest d (printf rounds
 * correctly), else its neighbour on the other side of d, which is the
 * only other p-digit decimal that can lie in d's rounding interval (the
 * interval holds d and is narrower below a power of two than above).
 * 17 digits always read back. */
/* Does a p-digit decimal read back as d? *n, *e get it (else the
 * nearest one). */
static int fits_digits(double d, int p, unsigned long long *n, int *e)
{
	char t[48];
	unsigned long long m = 0;
	char *x;

	snprintf(t, sizeof(t), "%.*e", p - 1, d);
	for (x = t; *x && *x != 'e'; x++)
		if (*x >= '0' && *x <= '9')
			m = m * 10 + (unsigned long long)(*x - '0');
	*e = (int)strtol(x + 1, NULL, 10) - (p - 1);
	*n = m;
	if (value_of(m, *e) == d)
		return 1;
	*n = value_of(m, *e) < d ? m + 1 : m - 1;
	if (*n > 0 && value_of(*n, *e) == d)
		return 1;
	*n = m;
	return 0;
}

/* The fast path of shortest(): d = m / 10^k for an integer m < 10^15
 * and the least such k <= 22 (10^k exact; m the integer nearest
 * d * 10^k, which is m itself when m exists). Then the decimal m * 10^-k
 * reads back as d (the division rounds it as strtod would), it has at
 * most 15 digits, so it is the only one of so few that does (see
 * shortest()), and no shorter one exists (a smaller k would be fewer
 * digits, and was tried). Most numbers tierstat writes are like that:
 * the monitor's own samples, bucket times, counts. Returns 0 when d is
 * not (then the digits are computed). */
static int short_decimal(double d, unsigned long long *n, int *e)
{
	for (int k = 0; k < (int)(sizeof(p10) / sizeof(p10[0])); k++) {
		double m = round(d * p10[k]);   /* the product may round off m */
		if (!(m < 1e15))
			return 0;
		if (m > 0 && m / p10[k] == d) {
			*n = (unsigned long long)m;
			*e = -k;
			return 1;
		}
	}
	return 0;
}

static void shortest(double d, unsigned long long *n, int *e)
{
	/* When a p-digit decimal reads back as d (p < 15), it is, padded
	 * with zeros, the 15-digit decimal nearest d: 15-digit decimals lie
	 * further apart than doubles, so at most one is within half an ulp
	 * of d. So the 15-digit one without its trailing zeros is the
	 * shortest, when it reads back; else 16 or 17 digits are needed.
	 * Not so for subnormals (their ulp is wider): those try every
	 * count of digits from 1. */
	if (d >= 1e-7 && short_decimal(d, n, e)) {
		;
	} else if (d < DBL_MIN) {
		for (int p = 1; p <= 17 && !fits_digits(d, p, n, e); p++)
			;
	} else if (!fits_digits(d, 15, n, e) && !fits_digits(d, 16, n, e)) {
		fits_digits(d, 17, n, e);
	}
	while (*n % 10 == 0) {
		*n /= 10;
		++*e;
	}
}

char *ts_repr(char buf[TS_REPR_MAX], double d)
{
	char dig[24], t[64];             /* t: room gcc can see; 25 bytes used */
	const char *sign = signbit(d) ? "-" : "";
	unsigned long long n;
	int e, len, x;

	d = fabs(d);
	if (d == 0) {
		snprintf(buf, TS_REPR_MAX, "%s0.0", sign);
		return buf;
	}
	shortest(d, &n, &e);
	len = snprintf(dig, sizeof(dig), "%llu", n);
	x = e + len - 1;                 /* d = dig[0].dig[1..] * 10^x */
	if (x < -4 || x >= 16)           /* 1.5e-05, 1e+16 */
		snprintf(t, sizeof(t), "%s%c%s%se%c%02d", sign, dig[0], len > 1 ? "." : "",
			 dig + 1, x < 0 ? '-' : '+', abs(x));
	else if (x < 0)                  /* 0.000ddd */
		snprintf(t, sizeof(t), "%s0.%.*s%s", sign, -x - 1, "0000", dig);
	else if (e >= 0)                 /* ddd000.0 */
		snprintf(t, sizeof(t), "%s%s%.*s.0", sign, dig, e, "000000000000000");
	else                             /* ddd.ddd */
		snprintf(t, sizeof(t), "%s%.*s.%s", sign, x + 1, dig, dig + x + 1);
	len = (int)strlen(t);            /* at most 24: never cut */
	if (len > TS_REPR_MAX - 1)
		len = TS_REPR_MAX - 1;
	memcpy(buf, t, (size_t)len);
	buf[len] = '\0';
	return buf;
}

/* Length of the JSON number at s, 0 when none starts there. */
static size_t number_len(const char *s, int *real)
{
	size_t i = 0;

	*real = 0;
	if (s[i] == '-')
		i++;
	if (s[i] < '0' || s[i] > '9')
		return 0;
	while ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == 'e' || s[i] == 'E' ||
	       ((s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E'))) {
		*real |= s[i] == '.' || s[i] == 'e' || s[i] == 'E';
		i++;
	}
	return i;
}

char *ts_json_short_reals(const char *json)
{
	size_t n = strlen(json), o = 0;
	char *out = ts_xmalloc(n + 1);   /* never longer: 17 digits at most */
	int in_string = 0;

	for (size_t i = 0; i < n;) {
		size_t len;
		int real;

		if (in_string) {
			if (json[i] == '\\' && i + 1 < n)
				out[o++] = json[i++];
			else if (json[i] == '"')
				in_string = 0;
			out[o++] = json[i++];
		} else if (json[i] == '"') {
			in_string = 1;
			out[o++] = json[i++];
		} else if ((len = number_len(json + i, &real)) > 0) {
			char buf[TS_REPR_MAX];
			if (real) {
				size_t k = strlen(ts_repr(buf, strtod(json + i, NULL)));
				if (k <= len) {  /* a repr is never longer than %.17g */
					memcpy(out + o, buf, k);
					o += k;
					i += len;
					continue;
				}
			}
			memcpy(out + o, json + i, len);
			o += len;
			i += len;
		} else {
			out[o++] = json[i++];
		}
	}
	out[o] = '\0';
	return out;
}
