/* hash.h - a fast 64-bit hash of a file's bytes, for the store's record
 * of what was read (not cryptographic; pure).
 *
 * Fed in pieces of any size, it gives the same value as in one piece.
 */
#ifndef TS_HASH_H
#define TS_HASH_H

#include "ts.h"

struct ts_hash {
	unsigned long long lane[4];   /* four independent running values */
	unsigned char buf[32];        /* a block begun by the last piece */
	unsigned nbuf;
	unsigned long long len;
};

void ts_hash_init(struct ts_hash *x);
void ts_hash_update(struct ts_hash *x, const void *p, size_t n);
/* The hash of everything fed so far (never 0). */
unsigned long long ts_hash_final(const struct ts_hash *x);

#endif /* TS_HASH_H */
