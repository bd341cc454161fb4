/* mem.h - allocation that never returns NULL.
 *
 * Out of memory is the one fatal error: these print
 * "tierstat: out of memory (N bytes)" and exit TS_EXIT_FAILURE.
 */
#ifndef TS_MEM_H
#define TS_MEM_H

#include "ts.h"

void *ts_xmalloc(size_t n);
void *ts_xcalloc(size_t nmemb, size_t size);
void *ts_xrealloc(void *p, size_t n);
/* realloc of nmemb * size with overflow check. */
void *ts_xreallocarray(void *p, size_t nmemb, size_t size);
char *ts_xstrdup(const char *s);
char *ts_xstrndup(const char *s, size_t n);
/* printf into a new string; caller frees. */
char *ts_xasprintf(const char *fmt, ...) TS_PRINTF(1, 2);

/* Grow array `arr` (with capacity variable `alloc`) to hold at least `nr`
 * elements (git's ALLOC_GROW). */
#define TS_GROW(arr, nr, alloc)                                              \
	do {                                                                 \
		if ((nr) > (alloc)) {                                        \
			size_t ts_grow_n_ = (alloc) < 8 ? 16 : (alloc) * 2;   \
			if (ts_grow_n_ < (nr))                               \
				ts_grow_n_ = (nr);                           \
			(arr) = ts_xreallocarray((arr), ts_grow_n_,          \
						 sizeof(*(arr)));            \
			(alloc) = ts_grow_n_;                                \
		}                                                            \
	} while (0)

#endif /* TS_MEM_H */
