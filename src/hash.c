/* hash.c - a fast 64-bit hash of a file's bytes (see hash.h).
 *
 * 32-byte blocks over four independent lanes, multiply-xorshift mixing:
 * the lanes keep the multiplier busy instead of waiting on one chain, so
 * hashing every byte read costs about 1 % of parsing them. */
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

static unsigned long long word(const unsigned char *s)
{
	unsigned long long w;

	memcpy(&w, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);   /* little-endian by definition */
#endif
	return w;
}

static void block(struct ts_hash *x, const unsigned char *s)
{
	for (int k = 0; k < 4; k++)
		x->lane[k] = mix(x->lane[k], word(s + 8 * k));
}

void ts_hash_init(struct ts_hash *x)
{
	memset(x, 0, sizeof(*x));
	for (int k = 0; k < 4; k++)
		x->lane[k] = K2 + (unsigned long long)k;
}

void ts_hash_update(struct ts_hash *x, const void *p, size_t n)
{
	const unsigned char *s = p;

	x->len += n;
	if (x->nbuf) {   /* finish the block begun by the last piece */
		size_t k = 32 - x->nbuf < n ? 32 - x->nbuf : n;
		memcpy(x->buf + x->nbuf, s, k);
		x->nbuf += (unsigned)k;
		s += k;
		n -= k;
		if (x->nbuf < 32)
			return;
		block(x, x->buf);
		x->nbuf = 0;
	}
	for (; n >= 32; s += 32, n -= 32)
		block(x, s);
	memcpy(x->buf, s, n);
	x->nbuf = (unsigned)n;
}

unsigned long long ts_hash_final(const struct ts_hash *x)
{
	unsigned long long h = x->len;
	unsigned char tail[32] = { 0 };

	memcpy(tail, x->buf, x->nbuf);
	for (int k = 0; k < 4; k++)
		h = mix(h, mix(x->lane[k], word(tail + 8 * k)));
	h = (h ^ (h >> 31)) * K2;
	h ^= h >> 33;
	return h ? h : 1;
}
