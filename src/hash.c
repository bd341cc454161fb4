/* hash.c - a fast 64-bit hash of a file's bytes (see hash.h).
 *
 * Eight bytes at a time, multiply-xorshift mixing: about a twentieth of
 * the cost of parsing the same bytes, so hashing every input is free. */
#include "ts.h"
#include "hash.h"

#include <string.h>

#define K1 0x9e3779b97f4a7c15ULL
#define K2 0xbf58476d1ce4e5b9ULL

static unsigned long long mix(unsigned long long h, unsigned long long w)
{
	h = (h ^ w) * K1;
	return h ^ (h >> 29);
}

void ts_hash_init(struct ts_hash *x)
{
	memset(x, 0, sizeof(*x));
	x->h = K2;
}

void ts_hash_update(struct ts_hash *x, const void *p, size_t n)
{
	const unsigned char *s = p;

	x->len += n;
	while (n && x->ntail) {   /* finish a word begun by the last piece */
		x->tail |= (unsigned long long)*s++ << (8 * x->ntail);
		n--;
		if (++x->ntail == 8) {
			x->h = mix(x->h, x->tail);
			x->tail = 0;
			x->ntail = 0;
		}
	}
	for (; n >= 8; s += 8, n -= 8) {
		unsigned long long w = 0;
		for (int k = 0; k < 8; k++)   /* little-endian by definition */
			w |= (unsigned long long)s[k] << (8 * k);
		x->h = mix(x->h, w);
	}
	for (; n; n--)
		x->tail |= (unsigned long long)*s++ << (8 * x->ntail++);
}

unsigned long long ts_hash_final(const struct ts_hash *x)
{
	unsigned long long h = mix(mix(x->h, x->tail), x->len);

	h = (h ^ (h >> 31)) * K2;
	h ^= h >> 33;
	return h ? h : 1;
}
