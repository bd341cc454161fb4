/* utf8.c - make text valid UTF-8 (see utf8.h). */
#include "ts.h"
#include "utf8.h"
#include "mem.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s, or 0 (RFC 3629: no overlongs,
 * no surrogates, nothing above U+10FFFF). */
static size_t utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		unsigned lo = s[0] == 0xe0 ? 0xa0 : 0x80, hi = s[0] == 0xed ? 0x9f : 0xbf;
		return s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 ? 3 : 0;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		unsigned lo = s[0] == 0xf0 ? 0x90 : 0x80, hi = s[0] == 0xf4 ? 0x8f : 0xbf;
		return s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 &&
		       (s[3] & 0xc0) == 0x80 ? 4 : 0;
	}
	return 0;
}

char *ts_utf8_clean(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *out = ts_xmalloc(3 * n + 1);

	for (size_t i = 0; i < n;) {
		size_t k = utf8_len((const unsigned char *)s + i);
		if (k) {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
		} else {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		}
	}
	out[o] = '\0';
	return out;
}

int ts_utf8_valid(const char *s)
{
	for (size_t i = 0, k; s[i]; i += k)
		if (!(k = utf8_len((const unsigned char *)s + i)))
			return 0;
	return 1;
}

size_t ts_utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned char tmp[4] = { 0, 0, 0, 0 };

	if (n == 0)
		return 0;
	if (n < 4) {   /* utf8_len may look at up to 4 bytes */
		memcpy(tmp, s, n);
		s = tmp;
	}
	return utf8_len(s);
}

int ts_utf8_valid_n(const char *s, size_t n)
{
	for (size_t i = 0, k; i < n; i += k)
		if (!(k = ts_utf8_seq_len((const unsigned char *)s + i, n - i)))
			return 0;
	return 1;
}
