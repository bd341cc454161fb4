/* csvread.c - stream CSV records out of libcsv with physical line
 * numbers (see csvread.h). */
#include "ts.h"
#include "csvread.h"
#include "hash.h"
#include "progress.h"
#include "mem.h"

#include <csv.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct reader {
	struct csv_parser p;
	ts_csv_record_fn fn;
	void *ctx;
	const char *name;
	struct ts_diag *d;
	/* the record being assembled: field bytes, each NUL-terminated */
	char *buf;
	size_t buf_len, buf_alloc;
	size_t *off;            /* offset of field i in buf */
	size_t *len;            /* length of field i */
	char **fields;          /* pointers handed to the callback */
	size_t nf, f_alloc;
	size_t filled;          /* streaming: non-empty fields of the record */
	int oversize;           /* record exceeded TS_RECORD_MAX: drop it */
	long line;              /* physical line being fed (1-based; of a
	                           simple chunk: the line it starts on) */
	long record_line;       /* line where the current record began */
	unsigned char prev;     /* previous byte, to pair CR LF across chunks */
	int simple;             /* feeding a simple chunk whole (simple_chunk) */
	long simple_line;       /* then: the line of the record being read */
	int stop;               /* callback asked to stop */
	int ended;              /* a record ended in the piece last fed */
	long ended_line;        /* the line where the last record ended began */
	struct ts_csv_info *info;   /* the caller's, or ts_csv_read_file's own */
};

/* libcsv field callback when streaming (ts_csv_info.field_fn): no copy,
 * no record, and only the columns asked for. */
static void on_field_stream(void *s, size_t n, void *data)
{
	struct reader *r = data;
	const struct ts_csv_info *info = r->info;
	size_t col = r->nf++;

	r->filled += n != 0;
	if (r->stop || (col < info->nwant && !info->want[col]))
		return;
	info->field_fn(r->ctx, col, s, n);
}

/* libcsv field callback: append the field to the record buffer. */
static void on_field(void *s, size_t n, void *data)
{
	struct reader *r = data;
	const struct ts_csv_info *info = r->info;

	if (r->stop)
		return;
	if (info->field_fn) {   /* set by the header, within this csv_parse() */
		on_field_stream(s, n, data);
		return;
	}
	/* a column the caller does not read is passed on empty */
	if (info->want && r->nf < info->nwant && !info->want[r->nf])
		n = 0;
	if (r->oversize || r->buf_len + n + 1 > TS_RECORD_MAX) {
		r->oversize = 1;
		return;
	}
	if (r->nf + 1 > r->f_alloc) {
		size_t old = r->f_alloc;
		TS_GROW(r->off, r->nf + 1, r->f_alloc);
		if (r->f_alloc != old) {
			r->len = ts_xreallocarray(r->len, r->f_alloc, sizeof(*r->len));
			r->fields = ts_xreallocarray(r->fields, r->f_alloc, sizeof(*r->fields));
		}
	}
	TS_GROW(r->buf, r->buf_len + n + 1, r->buf_alloc);
	if (n)
		memcpy(r->buf + r->buf_len, s, n);
	r->buf[r->buf_len + n] = '\0';
	r->off[r->nf] = r->buf_len;
	r->len[r->nf] = n;
	r->buf_len += n + 1;
	r->nf++;
}

/* libcsv record callback: hand the record to the caller. */
static void on_record(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	r->ended = 1;
	r->ended_line = r->record_line;
	if (r->stop)
		goto reset;
	if (r->info->field_fn) {
		r->info->records++;
		if (r->info->end_fn(r->ctx, r->record_line, r->nf, r->filled) != 0)
			r->stop = 1;
		goto reset;
	}
	if (r->oversize) {
		if (r->info->records == 0) {   /* the header: nothing to map */
			ts_diag_file_error(r->d, r->name, r->record_line,
					   "header longer than %u bytes (file skipped)",
					   (unsigned)TS_RECORD_MAX);
			r->stop = 1;
		} else {
			ts_diag_report(r->d, TS_WARNING, TS_DROP_ROW, r->name,
				       r->record_line, 0,
				       "record longer than %u bytes (row skipped)",
				       (unsigned)TS_RECORD_MAX);
		}
		goto reset;
	}
	for (size_t i = 0; i < r->nf; i++)
		r->fields[i] = r->buf + r->off[i];
	if (r->info)
		r->info->records++;
	if (r->fn(r->ctx, r->record_line, r->nf, r->fields, r->len) != 0)
		r->stop = 1;
reset:
	r->nf = 0;
	r->filled = 0;
	r->buf_len = 0;
	r->oversize = 0;
	if (r->simple)   /* a simple chunk: the next record starts on the next line */
		r->record_line = ++r->simple_line;
}

/* libcsv gathers a field whole before handing it over, growing its buffer
 * without limit: a file that is one endless field (a quote never closed
 * in a 10 GB log) would take all memory. Refusing to grow past this cap
 * makes libcsv stop with CSV_ENOMEM, reported as one error. */
#define TS_FIELD_HARD_MAX ((size_t)64 << 20)

static void *capped_realloc(void *p, size_t n)
{
	return n > TS_FIELD_HARD_MAX ? NULL : realloc(p, n);
}

/* Never trim: pandas keeps the blanks in " rtf" and " 1.5". */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Where libcsv's parser is within the input fed so far. */
enum parser_at {
	AT_ROW_START,     /* between records: nothing of the next one read */
	AT_IN_RECORD,     /* inside a record, not inside quotes */
	AT_IN_QUOTES,     /* inside a quoted field, its closing quote not seen */
	AT_AFTER_QUOTE,   /* just after a quote inside a quoted field: the
	                     field's end, or the first of a doubled "" */
};

/* libcsv hands over fields and records only once they end, and csv.h has
 * no function that says whether a record or a quoted field is under way;
 * but a record's first line, the meaning of a line end (a record's end or
 * data inside quotes), whether a chunk may be fed whole, where a range may
 * stop, and a file cut inside quotes all need it. So this reads the two
 * members of struct csv_parser that hold it, the only place that does.
 * Checked against libcsv 3.0.3 (Debian 12's libcsv3 3.0.3+dfsg-6, and
 * libcsv.c upstream): pstate is ROW_NOT_BEGUN 0, FIELD_NOT_BEGUN 1,
 * FIELD_BEGUN 2 or FIELD_MIGHT_HAVE_ENDED 3; quoted is set while the
 * field being read began with a quote (cleared with every field and
 * record submitted, so never set in states 0 and 1). */
static enum parser_at parser_at(const struct csv_parser *p)
{
	if (p->pstate == 0 /* ROW_NOT_BEGUN */)
		return AT_ROW_START;
	if (!p->quoted)
		return AT_IN_RECORD;
	return p->pstate == 2 /* FIELD_BEGUN */ ? AT_IN_QUOTES : AT_AFTER_QUOTE;
}

/* Hand bytes to libcsv: a piece that ends at its first line end
 * (feed_lines), or a simple chunk whole or in part (feed_chunk,
 * feed_fast); the callers count the lines, `line` is the one being fed. A parser between records when a piece starts means that the
 * next record, if any, starts on the line being fed: that is how a
 * record's first physical line is known although libcsv reports records
 * only at their end (in a simple chunk, on_record moves it on a line per
 * record). Once the callback has asked for trimming (trim 1), libcsv's
 * own blank test replaces no_space first (trim 2). */
static int feed_at(struct reader *r, const char *s, size_t n, long line)
{
	if (r->info->trim == 1) {
		csv_set_space_func(&r->p, NULL);   /* libcsv's inline blank test */
		r->info->trim = 2;
	}
	if (parser_at(&r->p) == AT_ROW_START)
		r->record_line = line;
	r->ended = 0;
	if (csv_parse(&r->p, s, n, r->info->field_fn ? on_field_stream : on_field,
		      on_record, r) != n)
		return -1;
	return 0;
}

/* feed_at() of bytes on the physical line being fed. */
static int feed(struct reader *r, const char *s, size_t n)
{
	return feed_at(r, s, n, r->line);
}

/* Over u[0..n-1), each byte with the one after it: count LF and CR, and
 * set *bad for a quote, a NUL, a CR not followed by LF, or an LF followed by LF,
 * CR, `sp` or `tab` (a blank line; when libcsv trims, a line of blanks
 * may be one: pass ' ' and '\t', else '\n' twice). The last byte is left
 * to the caller. 16 bytes a step with SSE2 where the compiler has it
 * (every x86-64), one at a time elsewhere. */
static void scan_bytes(const unsigned char *u, size_t n, size_t *nl, size_t *cr,
		       unsigned *bad, unsigned char sp, unsigned char tab)
{
	size_t i = 0;

#if defined(__SSE2__)
	const __m128i lf = _mm_set1_epi8('\n'), c = _mm_set1_epi8('\r'), q = _mm_set1_epi8('"');
	const __m128i vsp = _mm_set1_epi8((char)sp), vtab = _mm_set1_epi8((char)tab);
	const __m128i zero = _mm_setzero_si128();
	__m128i vbad = zero;
	/* a NUL: never simple (the fast path leaves NULs to libcsv) */
	while (i + 17 <= n) {
		/* per-byte counters (a match is -1: subtract it), summed
		 * before they can wrap at 255 steps */
		__m128i a_lf = zero, a_cr = zero;
		for (int k = 0; k < 255 && i + 17 <= n; k++, i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
			__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 1));
			__m128i is_lf = _mm_cmpeq_epi8(v, lf), is_cr = _mm_cmpeq_epi8(v, c);
			__m128i next_lf = _mm_cmpeq_epi8(w, lf), next_cr = _mm_cmpeq_epi8(w, c);
			__m128i next_blank = _mm_or_si128(_mm_cmpeq_epi8(w, vsp), _mm_cmpeq_epi8(w, vtab));
			a_lf = _mm_sub_epi8(a_lf, is_lf);
			a_cr = _mm_sub_epi8(a_cr, is_cr);
			vbad = _mm_or_si128(vbad, _mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, zero)));
			vbad = _mm_or_si128(vbad, _mm_andnot_si128(next_lf, is_cr));
			vbad = _mm_or_si128(vbad, _mm_and_si128(is_lf, _mm_or_si128(_mm_or_si128(next_lf, next_cr),
										   next_blank)));
		}
		a_lf = _mm_sad_epu8(a_lf, zero);
		a_cr = _mm_sad_epu8(a_cr, zero);
		*nl += (size_t)_mm_cvtsi128_si32(a_lf) + (size_t)_mm_extract_epi16(a_lf, 4);
		*cr += (size_t)_mm_cvtsi128_si32(a_cr) + (size_t)_mm_extract_epi16(a_cr, 4);
	}
	*bad |= (unsigned)_mm_movemask_epi8(vbad);
#endif
	for (; i + 1 < n; i++) {
		unsigned x = u[i], y = u[i + 1];
		*nl += x == '\n';
		*cr += x == '\r';
		*bad |= (x == '"') | (x == 0) | ((x == '\r') & (y != '\n')) |
			((x == '\n') & ((y == '\n') | (y == '\r') | (y == sp) | (y == tab)));
	}
}

/* A simple chunk is one where every line end ends exactly one record: no
 * quote (so no line end inside a field), no NUL, no blank line, no CR but in CR
 * LF, not ending on a CR (its LF may follow in the next chunk), not
 * starting a blank line or after a lone CR, and no quoted field open from
 * before. When libcsv trims (ts_csv_info.trim), a line of spaces and tabs
 * is a blank line too, so no line may start with a blank, nor the chunk
 * go on with a line that has had only blanks so far. Such a chunk, almost every chunk of a realtime file, can be fed
 * to libcsv in one call, a record's line being the previous record's plus
 * one. Returns 1 for a simple chunk, with its LFs in *nl (the last byte
 * included) and its CRs in *cr (each the first half of a CR LF). */
static int simple_chunk(const struct reader *r, const char *s, size_t n,
			size_t *nl, size_t *cr)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned bad = 0;
	size_t c_nl = 0, c_cr = 0;
	/* the blanks libcsv skips at a line start, when it trims */
	unsigned char sp = r->info->trim ? ' ' : '\n', tab = r->info->trim ? '\t' : '\n';
	enum parser_at at = parser_at(&r->p);

	if (n < 2 || at >= AT_IN_QUOTES || u[n - 1] == '\r' ||
	    ((r->prev == '\n' || r->prev == 0) &&
	     (u[0] == '\n' || u[0] == '\r' || u[0] == sp || u[0] == tab)) ||
	    (r->prev == '\r' && u[0] != '\n') ||
	    (at == AT_ROW_START && (r->prev == ' ' || r->prev == '\t')))
		return 0;
	scan_bytes(u, n, &c_nl, &c_cr, &bad, sp, tab);
	c_nl += u[n - 1] == '\n';
	bad |= u[n - 1] == '"' || u[n - 1] == 0;
	if (bad)
		return 0;
	*nl = c_nl;
	*cr = c_cr;
	return 1;
}

/* Split a chunk at line ends (memchr, not a byte loop: this is the path
 * of every chunk that is not simple) and feed each piece, counting
 * physical lines: CR LF, LF and a lone CR each end one line, and those
 * that end a record or a blank line count in n_lf, n_crlf and n_cr. */
static int feed_lines(struct reader *r, const char *s, size_t n)
{
	struct ts_csv_info *info = r->info;
	const char *p = s, *end = s + n;
	int ends_record;

	if (n && r->prev == '\r' && *p != '\n' && parser_at(&r->p) == AT_ROW_START)
		info->n_cr++;   /* a CR ended the previous chunk, alone */
	while (p < end && !r->stop) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		const char *cr = memchr(p, '\r', (size_t)(stop - p));
		const char *t;   /* the terminator ending this piece */

		if (cr && cr + 1 < stop)
			t = cr;           /* a lone CR before the next LF */
		else if (nl)
			t = nl;           /* LF, or CR LF */
		else if (cr)
			t = cr;           /* CR at the end of the chunk */
		else
			t = NULL;
		if (!t) {
			if (feed(r, p, (size_t)(end - p)) < 0)
				return -1;
			r->prev = (unsigned char)end[-1];
			break;
		}
		if (feed(r, p, (size_t)(t + 1 - p)) < 0)
			return -1;
		/* a line end inside a quoted field (the monitor's error
		 * messages) counts as a line, but says nothing of the file's
		 * line-end style */
		ends_record = parser_at(&r->p) == AT_ROW_START;
		if (*t == '\r') {
			r->line++;
			if (t + 1 < end && t[1] != '\n' && ends_record)
				info->n_cr++;
		} else if (t == p && r->prev == '\r') {
			info->n_crlf += ends_record;   /* its CR, last of the previous chunk, counted the line */
		} else if (t > p && t[-1] == '\r') {
			info->n_crlf += ends_record;
			r->line++;
		} else {
			info->n_lf += ends_record;
			r->line++;
		}
		r->prev = (unsigned char)*t;
		p = t + 1;
	}
	return 0;
}

/* See csvread.h. Fed line by line, a realtime file takes about a tenth
 * longer to read. */
int ts_csv_whole_chunks = 1;

/* See csvread.h. */
int ts_csv_fast_path = 1;
size_t ts_csv_read_chunk = TS_READ_CHUNK;

/* Bit i set where u[i] is a comma or an LF, for the 64 bytes at u. */
static uint64_t separators64(const unsigned char *u)
{
	uint64_t m = 0;
#if defined(__SSE2__)
	const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n');
	for (int k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + 16 * k));
		unsigned b = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, comma),
								      _mm_cmpeq_epi8(v, lf)));
		m |= (uint64_t)b << (16 * k);
	}
#else
	for (int i = 0; i < 64; i++)
		m |= (uint64_t)(u[i] == ',' || u[i] == '\n') << i;
#endif
	return m;
}

/* One field of the fast path, s[a, e): trimmed as libcsv trims an
 * unquoted field (blanks and tabs at both ends, when asked for),
 * terminated in place, passed on as on_field_stream does. */
static void fast_field(struct reader *r, char *s, size_t a, size_t e)
{
	const struct ts_csv_info *info = r->info;
	size_t col = r->nf++;

	if (info->trim) {
		while (a < e && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
	}
	s[e] = '\0';
	r->filled += e != a;
	if (col < info->nwant && !info->want[col])
		return;
	info->field_fn(r->ctx, col, s + a, e - a);
}

/* The records of s[0, n), whole lines of a simple chunk that start
 * between two records and end with an LF, split here instead of by
 * libcsv: 64 bytes at a time, every comma and LF ends a field (an LF,
 * and a CR before it, the record too). Without a quote, a NUL, a lone CR
 * or a blank line (a simple chunk has none) libcsv reads such a line as
 * exactly these fields; tests/unit/test_csvread.c and
 * tests/fuzz/fuzz_fastpath.c compare the two. The first record is on
 * line r->simple_line; on return, simple_line is the line after the last. */
static void fast_records(struct reader *r, char *s, size_t n)
{
	struct ts_csv_info *info = r->info;
	unsigned char tail[64];
	size_t start = 0;

	for (size_t base = 0; base < n && !r->stop; base += 64) {
		uint64_t m;
		if (n - base >= 64) {
			m = separators64((const unsigned char *)s + base);
		} else {   /* never read past the chunk */
			memset(tail, 0, sizeof(tail));
			memcpy(tail, s + base, n - base);
			m = separators64(tail);
		}
		while (m && !r->stop) {
			size_t i = base + (size_t)__builtin_ctzll(m);
			int lf = s[i] == '\n';
			m &= m - 1;
			fast_field(r, s, start, lf && i > start && s[i - 1] == '\r' ? i - 1 : i);
			start = i + 1;
			if (!lf)
				continue;
			r->ended = 1;
			r->ended_line = r->simple_line;
			info->records++;
			info->fast_records++;
			if (info->end_fn(r->ctx, r->simple_line, r->nf, r->filled) != 0)
				r->stop = 1;
			r->nf = 0;
			r->filled = 0;
			r->simple_line++;
		}
	}
}

/* A simple chunk when the caller streams: a record under way from the
 * chunk before to libcsv up to its line end, the whole lines after it
 * to fast_records(), what is left of a record cut by the chunk's end to
 * libcsv again, which keeps it for the next chunk. */
static int feed_fast(struct reader *r, char *s, size_t n)
{
	char *p = s, *end = s + n, *last;

	r->ended = 0;
	if (parser_at(&r->p) != AT_ROW_START) {
		char *lf = memchr(p, '\n', n);
		if (!lf)
			return feed(r, p, n);
		if (feed(r, p, (size_t)(lf + 1 - p)) < 0)
			return -1;
		p = lf + 1;
	} else if (r->prev == '\r' && *p == '\n') {
		p++;   /* the LF of a CR LF split by the chunks */
	}
	for (last = end; last > p && last[-1] != '\n'; last--)
		;   /* back over a record cut by the chunk's end */
	last = last > p ? last - 1 : NULL;
	if (last && !r->stop)
		fast_records(r, p, (size_t)(last + 1 - p));
	if (last)
		p = last + 1;
	if (p < end) {
		int ended = r->ended;   /* feed_at starts it again */
		if (feed_at(r, p, (size_t)(end - p), r->simple_line) < 0)
			return -1;
		r->ended |= ended;
	}
	return 0;
}

/* Feed one chunk read from the file (the fast path writes NULs into it):
 * whole when it is simple and the header is through (its records split
 * by feed_fast when the caller streams), else line by line. */
static int feed_chunk(struct reader *r, char *s, size_t n)
{
	size_t nl, ncr;

	/* not before the header is through: its callback may ask for trimming,
	 * which libcsv takes from the next csv_parse() call on */
	if (ts_csv_whole_chunks && r->info->records > 0 && simple_chunk(r, s, n, &nl, &ncr)) {
		/* an LF first, after a CR that ended the last chunk: that CR
		 * counted the line already */
		size_t lead = r->prev == '\r' && s[0] == '\n';
		/* read before feed_fast writes NULs over line ends */
		unsigned char last = (unsigned char)s[n - 1];
		int rc;
		r->simple = 1;
		r->simple_line = r->line;
		rc = ts_csv_fast_path && r->info->field_fn ? feed_fast(r, s, n) : feed(r, s, n);
		r->simple = 0;
		r->line += (long)(nl - lead);
		r->info->n_crlf += ncr + lead;
		r->info->n_lf += nl - lead - ncr;
		r->prev = last;
		return rc;
	}
	return feed_lines(r, s, n);
}

/* Refuse, in one message, files that are not CSV text at all. */
static const char *sniff(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0x1f && s[1] == 0x8b)
		return "gzip-compressed data, not CSV text";
	if (n >= 2 && ((s[0] == 0xff && s[1] == 0xfe) || (s[0] == 0xfe && s[1] == 0xff)))
		return "UTF-16 text; tierstat reads UTF-8 (re-save the file as UTF-8)";
	if (n >= 4 && memcmp(s, "PK\3\4", 4) == 0)
		return "a ZIP archive (an .xlsx workbook?), not CSV text";
	/* A stray NUL is a bad cell (field.c refuses it); text where every
	 * other byte is NUL is UTF-16 without a BOM, and more NULs than that
	 * is no text at all. */
	size_t nul = 0, even = 0;
	for (size_t i = 0; i < n; i++) {
		nul += s[i] == 0;
		even += s[i] == 0 && i % 2 == 0;
	}
	if (n >= 16 && nul * 4 >= n && (even * 5 >= nul * 4 || even * 5 <= nul))
		return "UTF-16 text without a byte order mark; tierstat reads UTF-8 (re-save the file as UTF-8)";
	if (n >= 16 && nul * 4 >= n)
		return "binary data (NUL bytes), not CSV text";
	return NULL;
}

/* The first bytes of a file (at most 512, whatever the chunk size: the
 * test build reads 7 bytes at a time), for the BOM and the sniff, then
 * fed to the parser. Returns how many were read, or -1 (reported). */
static ssize_t read_head(struct reader *r, int fd, struct ts_csv_info *info,
			 struct ts_hash *hash, size_t left)
{
	unsigned char head[512];
	size_t head_n = 0, skip = 0;
	const char *what;

	while (head_n < sizeof(head) && head_n < left) {
		size_t want = sizeof(head) - head_n;
		ssize_t got;
		if (want > left - head_n)
			want = left - head_n;
		got = read(fd, head + head_n, want);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return ts_diag_file_error(r->d, r->name, 0,
						  "cannot read: %s (file skipped)", strerror(errno));
		if (got == 0)
			break;
		head_n += (size_t)got;
	}
	what = sniff(head, head_n);
	if (what)
		return ts_diag_file_error(r->d, r->name, 0, "%s (file skipped)", what);
	if (head_n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0) {
		skip = 3;
		info->had_bom = 1;
	}
	info->bytes += head_n;
	ts_progress_bytes(head_n);
	if (info->want_hash)
		ts_hash_update(hash, head, head_n);
	size_t step = ts_csv_read_chunk ? ts_csv_read_chunk : 1;

	for (size_t i = skip; i < head_n && !r->stop; i += step) {
		size_t n = head_n - i < step ? head_n - i : step;
		if (feed_chunk(r, (char *)head + i, n) < 0)
			return -1;
	}
	return (ssize_t)head_n;
}

/* Read the file, or info's range of it, a chunk at a time and feed it;
 * from offset 0, the first bytes are sniffed first and a BOM is skipped.
 * Returns 0, or -1: a read error or a refused file (reported here), or
 * libcsv stopped (reported by the caller, which knows csv_error()). */
static int read_fd(struct reader *r, int fd, struct ts_csv_info *info)
{
	struct ts_hash hash;
	size_t chunk_size = ts_csv_read_chunk ? ts_csv_read_chunk : 1;
	char *chunk = ts_xmalloc(chunk_size);
	int rc = 0;
	ssize_t got;
	/* bytes still to read: to the end of the range, or of the file */
	size_t left = info->range_end > 0 ? (size_t)(info->range_end - info->range_start) : SIZE_MAX;

	ts_hash_init(&hash);
	if (info->range_start > 0) {   /* a later part of the file: no head */
		if (lseek(fd, (off_t)info->range_start, SEEK_SET) < 0)
			rc = ts_diag_file_error(r->d, r->name, 0,
						"cannot read: %s (file skipped)", strerror(errno));
	} else {
		got = read_head(r, fd, info, &hash, left);
		if (got < 0)
			rc = -1;
		else
			left -= (size_t)got;
	}
	while (rc == 0 && !r->stop && left > 0) {
		got = read(fd, chunk, left < chunk_size ? left : chunk_size);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = ts_diag_file_error(r->d, r->name, 0,
						"cannot read: %s (file skipped)", strerror(errno));
			break;
		}
		if (got == 0)
			break;
		info->bytes += (size_t)got;
		left -= (size_t)got;
		ts_progress_bytes((unsigned long long)got);
		if (info->want_hash)
			ts_hash_update(&hash, chunk, (size_t)got);
		if (feed_chunk(r, chunk, (size_t)got) < 0)
			rc = -1;
	}
	if (rc == 0 && !r->stop && info->want_hash && info->range_end == 0)
		info->hash = ts_hash_final(&hash);   /* only when read to the end */
	free(chunk);
	return rc;
}

/* Keep what the caller (or the callback, in an earlier call) set in
 * info, and clear what a read reports. */
static void info_start(struct ts_csv_info *info)
{
	struct ts_csv_info in = *info;

	memset(info, 0, sizeof(*info));
	info->want_hash = in.want_hash;
	info->range_start = in.range_start;
	info->range_end = in.range_end;
	info->want = in.want;
	info->nwant = in.nwant;
	info->trim = in.trim ? 1 : 0;   /* a new parser: switch it again */
	info->field_fn = in.field_fn;
	info->end_fn = in.end_fn;
}

/* The end of the bytes read (rc: how reading went): the last record, a
 * quoted field never closed, a record cut off, a parser error; then the
 * line counts. */
static void finish(struct reader *r, struct ts_csv_info *info, int rc)
{
	enum parser_at at = parser_at(&r->p);   /* csv_fini() starts it again */
	int half_crlf = 0;
	/* every record end and blank line so far was a CR LF (as Python's
	 * csv module writes them); a range that starts past 0 and has no line
	 * end cannot know, and is taken as one (see unterminated_line) */
	int crlf = info->n_lf == 0 && info->n_cr == 0 &&
		   (info->n_crlf > 0 || info->range_start > 0);

	if (rc == 0 && !r->stop && info->range_end > 0) {
		/* a range ending before the file does: what follows is read
		 * by another reader, from a line start */
		info->clean_end = at == AT_ROW_START && r->prev == '\n';
	} else if (rc == 0 && !r->stop) {
		/* libcsv 3.0.3 honours CSV_STRICT_FINI only with CSV_STRICT
		 * (which would also refuse a stray quote inside a field), so
		 * look at its state: a quoted field still open at the end of
		 * the file is a record cut short, not a record. */
		if (at == AT_IN_QUOTES) {
			ts_diag_warn(r->d, TS_DROP_ROW, r->name, r->record_line,
				     "quoted field opened here is never closed (row skipped)");
			csv_fini(&r->p, NULL, NULL, NULL);
		} else if (at != AT_ROW_START) {
			/* a last record with no line end: handed over all the same */
			long line = r->record_line;
			csv_fini(&r->p, on_field, on_record, r);
			if (crlf)
				info->unterminated_line = line;
		} else if (r->prev == '\r' && r->ended && crlf) {
			/* the last record ended by a CR alone, in a file of CR LF:
			 * the LF was never written */
			half_crlf = 1;
			info->unterminated_line = r->ended_line;
		}
	} else if (rc < 0 && csv_error(&r->p) == CSV_ENOMEM) {
		ts_diag_file_error(r->d, r->name, r->record_line,
				   "a field longer than %zu MiB starts here (file skipped)",
				   TS_FIELD_HARD_MAX >> 20);
	} else if (rc < 0 && csv_error(&r->p) != CSV_SUCCESS) {
		ts_diag_file_error(r->d, r->name, r->record_line, "%s (file skipped)",
				   csv_strerror(csv_error(&r->p)));
	}
	if (r->prev == '\r' && at == AT_ROW_START && !half_crlf)
		info->n_cr++;   /* a CR alone ended the last record or blank line */
	/* the line after the last terminator exists only if it has bytes */
	info->lines = r->line - (r->prev == '\n' || r->prev == '\r' || r->prev == 0 ? 1 : 0);
	info->stopped = r->stop;
}

int ts_csv_read_file(const char *path, const char *name, ts_csv_record_fn fn,
		     void *ctx, struct ts_diag *d, struct ts_csv_info *info)
{
	struct ts_csv_info local;
	struct reader r;
	struct stat st;
	int fd, rc;

	if (!info) {
		memset(&local, 0, sizeof(local));
		info = &local;
	}
	info_start(info);
	memset(&r, 0, sizeof(r));
	r.fn = fn;
	r.ctx = ctx;
	r.name = name;
	r.d = d;
	r.line = 1;
	r.record_line = 1;
	r.info = info;

	/* O_NONBLOCK: opening a FIFO must never wait for a writer. */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return ts_diag_file_error(d, name, 0, "cannot open: %s (file skipped)",
					  strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return ts_diag_file_error(d, name, 0, "not a regular file (file skipped)");
	}
	if (csv_init(&r.p, CSV_APPEND_NULL) != 0) {
		close(fd);
		return ts_diag_file_error(d, name, 0, "cannot start the CSV parser (file skipped)");
	}
	csv_set_space_func(&r.p, no_space);
	csv_set_realloc_func(&r.p, capped_realloc);
	rc = read_fd(&r, fd, info);
	close(fd);
	finish(&r, info, rc);
	csv_free(&r.p);
	free(r.buf);
	free(r.off);
	free(r.len);
	free(r.fields);
	return rc;
}
