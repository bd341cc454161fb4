/* texesc.c - text escaped for LaTeX (see texesc.h). */
#include "ts.h"
#include "texesc.h"
#include "mem.h"

#include <string.h>

#define EN_DASH "\xe2\x80\x93"

/* What s starts with, as LaTeX must have it, or NULL when its first byte
 * is itself; *len is set to the bytes of s that the text replaces. */
static const char *replacement(const char *s, size_t *len)
{
	static const struct { const char *from, *to; } seqs[] = {
		{ "\xc2\xb1", "\\ensuremath{\\pm}" }, { "\xc2\xa0", "~" }, { EN_DASH, "--" },
	};
	unsigned char c = (unsigned char)*s;

	*len = 1;
	switch (c) {
	case '\\': return "\\textbackslash{}";
	case '{': return "\\{";
	case '}': return "\\}";
	case '$': return "\\$";
	case '&': return "\\&";
	case '%': return "\\%";
	case '#': return "\\#";
	case '_': return "\\_";
	case '~': return "\\textasciitilde{}";
	case '^': return "\\textasciicircum{}";
	case '<': return "\\textless{}";
	case '>': return "\\textgreater{}";
	case '|': return "\\textbar{}";
	case '[': return "{[}";
	case ']': return "{]}";
	case '*': return "{*}";
	case '-':
		return s[1] == '-' || strncmp(s + 1, EN_DASH, 3) == 0 ? "-{}" : NULL;
	default:
		break;
	}
	if (c < 0x20 || c == 0x7f)
		return " ";
	for (size_t k = 0; k < TS_COUNTOF(seqs); k++) {
		size_t n = strlen(seqs[k].from);
		if (strncmp(s, seqs[k].from, n) == 0) {
			*len = n;
			return seqs[k].to;
		}
	}
	return NULL;
}

void ts_tex_put(FILE *fp, const char *s)
{
	while (*s) {
		size_t len;
		const char *rep = replacement(s, &len);
		if (rep)
			fputs(rep, fp);
		else
			fputc(*s, fp);
		s += len;
	}
}

char *ts_tex_escape(const char *s)
{
	/* the longest replacement, "\textasciicircum{}", is 18 bytes for 1 */
	char *out = ts_xmalloc(strlen(s) * 18 + 1), *o = out;

	while (*s) {
		size_t len;
		const char *rep = replacement(s, &len);
		if (rep) {
			size_t k = strlen(rep);
			memcpy(o, rep, k);
			o += k;
		} else {
			*o++ = *s;
		}
		s += len;
	}
	*o = '\0';
	return out;
}
