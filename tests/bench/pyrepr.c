/* pyrepr.c - Python's repr() of a double, exactly and fast (see pyrepr.h). */
#include "pyrepr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

/* Shortest decimal that reads back as d, the closest such if several, in
 * fixed notation (Python uses it for 1e-4 <= |d| < 1e16). d = m * 2^-q
 * exactly; the decimals that round to d lie in [lo, hi] / 2^(q+2) (ends
 * included when m is even: round-half-even), so "is there one with f
 * fractional digits" is exact integer arithmetic, and monotone in f. */

static const uint64_t P10[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
	100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
	1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
	1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
	1000000000000000000ULL, 10000000000000000000ULL,
};

char *py_put_u64(char *p, uint64_t v)
{
	char t[24];
	int n = 0;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = t[--n];
	return p;
}

/* Candidates n with n / 10^f in the rounding interval: [*a, *b]. */
static int window(uint64_t lo, uint64_t hi, int incl, unsigned sh, unsigned f,
		  u128 *a, u128 *b)
{
	u128 x = (u128)lo * P10[f], y = (u128)hi * P10[f];
	u128 mask = ((u128)1 << sh) - 1;

	*a = (x >> sh) + ((x & mask) != 0 || !incl);
	*b = (y >> sh) - ((y & mask) == 0 && !incl);
	return *a <= *b;
}

char *py_repr(char *p, double d)
{
	uint64_t bits, m, lo, hi, n;
	unsigned e, sh, f, flo = 0, fhi = 19;
	u128 a, b, near, x, half, rem;
	char dig[24];
	char *q;
	int len, incl;

	if (d == 0) {
		memcpy(p, "0.0", 3);
		return p + 3;
	}
	if (!(d >= 1e-3 && d < 1e15)) {
		fprintf(stderr, "py_repr: %.17g out of range\n", d);
		abort();
	}
	memcpy(&bits, &d, sizeof(bits));
	e = (unsigned)(bits >> 52);
	m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
	sh = 1075 - e + 2;              /* q + 2, between 5 and 64 here */
	lo = 4 * m - (m == (1ULL << 52) ? 1 : 2);
	hi = 4 * m + 2;
	incl = (m & 1) == 0;
	while (flo < fhi) {             /* smallest f with a candidate */
		unsigned mid = (flo + fhi) / 2;

		if (window(lo, hi, incl, sh, mid, &a, &b))
			fhi = mid;
		else
			flo = mid + 1;
	}
	f = flo;
	if (!window(lo, hi, incl, sh, f, &a, &b))
		abort();
	x = (u128)(4 * m) * P10[f];     /* d * 10^f = x / 2^sh: round half even */
	half = (u128)1 << (sh - 1);
	near = x >> sh;
	rem = x & ((half << 1) - 1);
	near += rem > half || (rem == half && (near & 1));
	n = (uint64_t)(near < a ? a : near > b ? b : near);
	len = (int)(py_put_u64(dig, n) - dig);
	q = p;
	if (len <= (int)f) {
		*q++ = '0';
		*q++ = '.';
		for (int i = len; i < (int)f; i++)
			*q++ = '0';
		memcpy(q, dig, (size_t)len);
		return q + len;
	}
	memcpy(q, dig, (size_t)len - f);
	q += len - f;
	*q++ = '.';
	if (f == 0) {
		*q++ = '0';
		return q;
	}
	memcpy(q, dig + len - f, f);
	return q + f;
}

/* splitmix64, for the self-test's values */
struct rng {
	uint64_t s;
};

static uint64_t rnext(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double runif(struct rng *r)
{
	return (double)(rnext(r) >> 11) * 0x1.0p-53;
}

/* Slow reference: the first precision that round-trips, via printf and
 * strtod, rewritten in fixed notation. */
static void ref_repr(char *out, double d)
{
	char e[64], dig[32];
	int p, nd = 0, ex;
	char *s, *end;

	for (p = 1; p <= 17; p++) {
		snprintf(e, sizeof(e), "%.*e", p - 1, d);
		if (strtod(e, NULL) == d)
			break;
	}
	for (s = e; *s != 'e'; s++)
		if (*s != '.')
			dig[nd++] = *s;
	ex = (int)strtol(s + 1, &end, 10);
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	dig[nd] = '\0';
	s = out;
	if (ex < 0) {
		*s++ = '0';
		*s++ = '.';
		for (int i = 0; i < -ex - 1; i++)
			*s++ = '0';
		memcpy(s, dig, (size_t)nd);
		s += nd;
	} else {
		for (int i = 0; i <= ex; i++)
			*s++ = i < nd ? dig[i] : '0';
		*s++ = '.';
		if (nd > ex + 1) {
			memcpy(s, dig + ex + 1, (size_t)(nd - ex - 1));
			s += nd - ex - 1;
		} else {
			*s++ = '0';
		}
	}
	*s = '\0';
}

int py_repr_selftest(unsigned long long count)
{
	struct rng r = { 12345 };
	unsigned long long bad = 0;
	char mine[64], ref[64];

	for (unsigned long long i = 0; i < count; i++) {
		double d;

		switch (i % 4) {
		case 0: /* any double in range, uniform in bits */
			do {
				uint64_t b = (rnext(&r) & 0x000fffffffffffffULL) |
					     ((uint64_t)(1013 + rnext(&r) % 62) << 52);
				memcpy(&d, &b, sizeof(d));
			} while (!(d >= 1e-3 && d < 1e15));
			break;
		case 1: /* timestamps and their differences */
			d = 1.76e9 + runif(&r) * 1e7;
			if (i & 4)
				d = (d + runif(&r) * 30) - d;
			if (d < 1e-3)
				d = 1e-3;
			break;
		case 2: /* short decimals: k / 10^j */
			d = (double)(rnext(&r) % 100000000) / (double)P10[rnext(&r) % 9];
			break;
		default: /* dyadics and powers of two, ten */
			d = ldexp((double)(rnext(&r) % (1ULL << 53)), -(int)(rnext(&r) % 60));
			if (i % 64 == 3)
				d = ldexp(1.0, (int)(rnext(&r) % 58) - 9);
			if (i % 64 == 7)
				d = (double)P10[rnext(&r) % 15];
			break;
		}
		if (!(d >= 1e-3 && d < 1e15))
			continue;
		*py_repr(mine, d) = '\0';
		ref_repr(ref, d);
		if (strcmp(mine, ref) != 0 || strtod(mine, NULL) != d) {
			if (bad++ < 10)
				fprintf(stderr, "py_repr_selftest: %a: mine %s, printf %s\n", d, mine, ref);
		}
	}
	printf("selftest: %llu values, %llu differ\n", count, bad);
	return bad != 0;
}
