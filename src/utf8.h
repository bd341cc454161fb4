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

/* 1 when s is valid UTF-8, else 0. */
int ts_utf8_valid(const char *s);

#endif /* TS_UTF8_H */
