/* utf8.h - make text valid UTF-8.
 *
 * CSV cells are bytes; the JSON written and the text drawn must be valid
 * UTF-8 (RFC 3629). Pure.
 */
#ifndef TS_UTF8_H
#define TS_UTF8_H

#include "ts.h"

/* Copy s into a new string where every byte that does not start a valid
 * UTF-8 sequence is replaced by U+FFFD. Caller frees. */
char *ts_utf8_clean(const char *s);

/* Length of the valid UTF-8 sequence at s (at most n bytes read), or 0
 * when s does not start one. */
size_t ts_utf8_seq_len(const unsigned char *s, size_t n);

/* 1 when s[0..n) is valid UTF-8, else 0. */
int ts_utf8_valid_n(const char *s, size_t n);

/* 1 when s is valid UTF-8, else 0. */
int ts_utf8_valid(const char *s);

#endif /* TS_UTF8_H */
