/* test_csvread.c - the streaming CSV reader (csvread.h) on real files.
 *
 * Every record the reader delivers is written into a transcript, one
 * line per record: "LINE:field|field|...", with \n, \r, | and NUL bytes
 * inside a field shown as \n, \r, \| and \0. The test build reads 7 bytes
 * at a time (TS_READ_CHUNK), so most records cross a chunk boundary.
 */
#include "ts.h"
#include "testutil.h"
#include "csvread.h"
#include "../fuzz/fastdiff.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct transcript {
	char *text;
	size_t len, alloc;
	unsigned long calls;
	unsigned long stop_after; /* return 1 after this many records; 0 = never */
	size_t first_len;         /* len[0] of the first record */
};

static void put(struct transcript *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->alloc) {
		t->alloc = (t->len + n + 1) * 2;
		t->text = realloc(t->text, t->alloc);
		assert_non_null(t->text);
	}
	memcpy(t->text + t->len, s, n);
	t->len += n;
	t->text[t->len] = '\0';
}

static int record(void *ctx, long line, size_t nf, char *const *f,
		  const size_t *len)
{
	struct transcript *t = ctx;
	char num[32];

	if (t->calls == 0)
		t->first_len = nf ? len[0] : 0;
	t->calls++;
	snprintf(num, sizeof(num), "%ld:", line);
	put(t, num, strlen(num));
	for (size_t i = 0; i < nf; i++) {
		if (i)
			put(t, "|", 1);
		/* each field is NUL-terminated as well */
		assert_int_equal(f[i][len[i]], '\0');
		for (size_t j = 0; j < len[i]; j++) {
			switch (f[i][j]) {
			case '\n': put(t, "\\n", 2); break;
			case '\r': put(t, "\\r", 2); break;
			case '|': put(t, "\\|", 2); break;
			case '\0': put(t, "\\0", 2); break;
			default: put(t, &f[i][j], 1); break;
			}
		}
	}
	put(t, "\n", 1);
	return t->stop_after && t->calls >= t->stop_after;
}

/* One file read: its transcript, return code, info and diagnostics. */
struct run {
	char *dir;
	int rc;
	struct ts_csv_info info;
	struct transcript t;
	struct tu_diag diag;
};

static void run_path(struct run *r, const char *path, const char *name)
{
	r->rc = ts_csv_read_file(path, name, record, &r->t, &r->diag.d, &r->info);
}

/* Write `len` bytes (strlen if (size_t)-1) as dir/name and read it. */
static void run_bytes(struct run *r, const char *name, const char *bytes,
		      size_t len)
{
	char path[4096];

	tu_write_file(r->dir, name, bytes, len);
	snprintf(path, sizeof(path), "%s/%s", r->dir, name);
	run_path(r, path, name);
}

static int setup(void **state)
{
	struct run *r = calloc(1, sizeof(*r));

	assert_non_null(r);
	r->dir = tu_mkdtemp();
	tu_diag_init(&r->diag);
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	struct run *r = *state;

	tu_diag_release(&r->diag);
	tu_rmtree(r->dir);
	free(r->dir);
	free(r->t.text);
	free(r);
	return 0;
}

static const char *transcript(struct run *r)
{
	return r->t.text ? r->t.text : "";
}

static void expect_clean(struct run *r)
{
	assert_int_equal(r->rc, 0);
	assert_string_equal(tu_diag_text(&r->diag), "");
	assert_int_equal(r->diag.d.n.error + r->diag.d.n.warning, 0);
}

static void test_chunk_size(void **state)
{
	(void)state;
#ifdef TS_TEST_BUILD
	assert_int_equal(TS_READ_CHUNK, 7);
#else
	skip();
#endif
}

static void test_lf_basic(void **state)
{
	struct run *r = *state;

	run_bytes(r, "a.csv", "request_id,rtf\nr1,0.5\nr2,0.25\n", (size_t)-1);
	expect_clean(r);
	assert_string_equal(transcript(r), "1:request_id|rtf\n2:r1|0.5\n3:r2|0.25\n");
	assert_int_equal(r->info.records, 3);
	assert_int_equal(r->info.lines, 3);
	assert_int_equal(r->info.bytes, 30);
	assert_int_equal(r->info.n_lf, 3);
	assert_int_equal(r->info.n_crlf, 0);
	assert_int_equal(r->info.n_cr, 0);
	assert_int_equal(r->info.had_bom, 0);
	assert_int_equal(r->info.stopped, 0);
}

/* A newline inside a quoted field counts: the next records start on the
 * right physical lines. */
static void test_quoted_newline_lines(void **state)
{
	struct run *r = *state;

	run_bytes(r, "q.csv",
		  "request_id,text\n"          /* 1 */
		  "r1,\"hello\nworld\"\n"      /* 2-3 */
		  "r2,plain\n"                 /* 4 */
		  "\"r3\n\n\",x\n"             /* 5-7 */
		  "r4,\"a \"\"quoted\"\" word, and a comma\"\n" /* 8 */
		  "r5,y\n",                    /* 9 */
		  (size_t)-1);
	expect_clean(r);
	assert_string_equal(transcript(r),
			    "1:request_id|text\n"
			    "2:r1|hello\\nworld\n"
			    "4:r2|plain\n"
			    "5:r3\\n\\n|x\n"
			    "8:r4|a \"quoted\" word, and a comma\n"
			    "9:r5|y\n");
	assert_int_equal(r->info.records, 6);
	assert_int_equal(r->info.lines, 9);
	/* the three LFs inside quotes are lines, not line-end style */
	assert_int_equal(r->info.n_lf, 6);
}

static void test_crlf(void **state)
{
	struct run *r = *state;

	run_bytes(r, "c.csv",
		  "a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\r\n4,5\r\n", (size_t)-1);
	expect_clean(r);
	/* the CR LF inside the quotes is kept as written */
	assert_string_equal(transcript(r), "1:a|b\n2:1|2\n4:3|x\\r\\ny\n6:4|5\n");
	assert_int_equal(r->info.lines, 6);
	assert_int_equal(r->info.n_crlf, 5);   /* not the one inside quotes */
	assert_int_equal(r->info.n_lf, 0);
	assert_int_equal(r->info.n_cr, 0);
}

/* CR LF split by a read boundary: "abcdef\r" is the first 7-byte chunk. */
static void test_crlf_across_chunks(void **state)
{
	struct run *r = *state;

	run_bytes(r, "c.csv", "abcdef\r\nxy,z\n", (size_t)-1);
	expect_clean(r);
	assert_string_equal(transcript(r), "1:abcdef\n2:xy|z\n");
	assert_int_equal(r->info.lines, 2);
	assert_int_equal(r->info.n_crlf, 1);
	assert_int_equal(r->info.n_lf, 1);
	assert_int_equal(r->info.n_cr, 0);
}

static void test_lone_cr(void **state)
{
	struct run *r = *state;

	run_bytes(r, "m.csv", "a,b\r1,2\r\r3,4\r", (size_t)-1);
	expect_clean(r);
	assert_string_equal(transcript(r), "1:a|b\n2:1|2\n4:3|4\n");
	assert_int_equal(r->info.lines, 4);
	assert_int_equal(r->info.n_cr, 4);
	assert_int_equal(r->info.n_lf, 0);
	assert_int_equal(r->info.n_crlf, 0);
}

static void test_mixed_line_ends(void **state)
{
	struct run *r = *state;

	run_bytes(r, "m.csv", "a\r\nb\nc\rd", (size_t)-1);
	expect_clean(r);
	assert_string_equal(transcript(r), "1:a\n2:b\n3:c\n4:d\n");
	assert_int_equal(r->info.lines, 4);
	assert_int_equal(r->info.n_crlf, 1);
	assert_int_equal(r->info.n_lf, 1);
	assert_int_equal(r->info.n_cr, 1);
}

static void test_utf8_bom(void **state)
{
	struct run *r = *state;

	run_bytes(r, "b.csv", "\xef\xbb\xbfrequest_id,rtf\nr1,0.5\n", (size_t)-1);
	expect_clean(r);
	assert_string_equal(transcript(r), "1:request_id|rtf\n2:r1|0.5\n");
	assert_int_equal(r->t.first_len, 10);
	assert_int_equal(r->info.had_bom, 1);
	assert_int_equal(r->info.lines, 2);
}

static void test_utf8_bom_quoted_header(void **state)
{
	struct run *r = *state;

	run_bytes(r, "b.csv", "\xef\xbb\xbf\"request_id\",rtf\r\nr1,0.5\r\n", (size_t)-1);
	expect_clean(r);
	assert_string_equal(transcript(r), "1:request_id|rtf\n2:r1|0.5\n");
	assert_int_equal(r->t.first_len, 10);
	assert_int_equal(r->info.had_bom, 1);
}

/* A BOM only at the very start: one later in the file is data. */
static void test_bom_not_at_start(void **state)
{
	struct run *r = *state;

	run_bytes(r, "b.csv", "a\n\xef\xbb\xbf" "b\n", (size_t)-1);
	expect_clean(r);
	assert_string_equal(transcript(r), "1:a\n2:\xef\xbb\xbf" "b\n");
	assert_int_equal(r->info.had_bom, 0);
}

/* A last row cut short (the monitor killed mid-write) is still handed
 * over, with the fields it has. */
static void test_last_row_cut_short(void **state)
{
	struct run *r = *state;

	run_bytes(r, "s.csv", "a,b,c\n1,2,3\n4,5", (size_t)-1);
	expect_clean(r);
	assert_string_equal(transcript(r), "1:a|b|c\n2:1|2|3\n3:4|5\n");
	assert_int_equal(r->info.records, 3);
	assert_int_equal(r->info.lines, 3);
}

/* A quote opened on line 3 and never closed: the records before are
 * delivered, the open one is dropped with one warning naming line 3. */
static void test_unterminated_quote(void **state)
{
	struct run *r = *state;

	run_bytes(r, "u.csv", "a,b\n1,2\n3,\"open\nmore\nstuff\n", (size_t)-1);
	assert_string_equal(transcript(r), "1:a|b\n2:1|2\n");
	assert_string_equal(tu_diag_text(&r->diag),
			    "tierstat: u.csv:3: warning: quoted field opened here "
			    "is never closed (row skipped)\n");
	assert_int_equal(r->diag.d.n.warning, 1);
	assert_int_equal(r->diag.d.n.rows, 1);
	assert_int_equal(r->diag.d.n.files, 0);
	/* csvread.h says -1 here, but the loader treats -1 as "file skipped"
	 * while only the row is dropped (METRICS.md section 7: the smallest
	 * wrong unit); 0 is what the rest of the program needs. */
	assert_int_equal(r->rc, 0);
	assert_int_equal(r->info.records, 2);
	assert_int_equal(r->info.lines, 5);
}

/* The same, where the open record started on an earlier line. */
static void test_unterminated_quote_multiline_record(void **state)
{
	struct run *r = *state;

	run_bytes(r, "u.csv", "a,b\n\"x\ny\",\"open\n", (size_t)-1);
	assert_string_equal(transcript(r), "1:a|b\n");
	assert_string_equal(tu_diag_text(&r->diag),
			    "tierstat: u.csv:2: warning: quoted field opened here "
			    "is never closed (row skipped)\n");
}

/* ==== a last record with no line end (ts_csv_info.unterminated_line) ==== */

/* Read `bytes` as u.csv (a fresh transcript and diagnostics) and return
 * unterminated_line. */
static long unterminated(struct run *r, const char *bytes)
{
	free(r->t.text);
	memset(&r->t, 0, sizeof(r->t));
	tu_diag_release(&r->diag);
	tu_diag_init(&r->diag);
	run_bytes(r, "u.csv", bytes, (size_t)-1);
	assert_int_equal(r->rc, 0);
	return r->info.unterminated_line;
}

/* In a file of CR LF line ends, a last record with no line end is handed
 * over and named; so is one ended by a CR alone (its LF never written),
 * which is then no lone CR. */
static void test_unterminated_crlf(void **state)
{
	struct run *r = *state;

	assert_int_equal(unterminated(r, "a,b\r\n1,2\r\n3,4"), 3);
	expect_clean(r);
	assert_string_equal(transcript(r), "1:a|b\n2:1|2\n3:3|4\n");
	assert_int_equal(r->info.n_crlf, 2);
	assert_int_equal(r->info.lines, 3);

	assert_int_equal(unterminated(r, "a,b\r\n1,2\r\n3,4\r"), 3);
	expect_clean(r);
	assert_string_equal(transcript(r), "1:a|b\n2:1|2\n3:3|4\n");
	assert_int_equal(r->info.n_crlf, 2);
	assert_int_equal(r->info.n_cr, 0);
	assert_int_equal(r->info.n_lf, 0);
	assert_int_equal(r->info.lines, 3);

	/* a field count the header does not have changes nothing here */
	assert_int_equal(unterminated(r, "a,b\r\n1,2\r\n3"), 3);
	/* the record's first line, for one over several lines */
	assert_int_equal(unterminated(r, "a,b\r\n\"x\r\ny\",2"), 2);
	assert_int_equal(r->info.lines, 3);
	/* a quote closed at the very end */
	assert_int_equal(unterminated(r, "a,b\r\n1,\"x\""), 2);
	assert_string_equal(transcript(r), "1:a|b\n2:1|x\n");
	/* blank lines before the header: the header is a record like any */
	assert_int_equal(unterminated(r, "\r\n\r\na,b"), 3);
}

/* None: a whole last line end, a file of LF or lone CR line ends, mixed
 * ones, no line end at all, a quote never closed. */
static void test_unterminated_not(void **state)
{
	struct run *r = *state;

	assert_int_equal(unterminated(r, "a,b\r\n1,2\r\n"), 0);
	assert_int_equal(unterminated(r, "a,b\r\n1,2\r\n\r\n"), 0);
	/* a trailing blank line cut after its CR: the record is whole; that
	 * CR is a lone one, as before */
	assert_int_equal(unterminated(r, "a,b\r\n1,2\r\n\r"), 0);
	assert_int_equal(r->info.n_cr, 1);
	assert_int_equal(unterminated(r, "a,b\n1,2\n3,4"), 0);
	expect_clean(r);
	assert_string_equal(transcript(r), "1:a|b\n2:1|2\n3:3|4\n");
	assert_int_equal(unterminated(r, "a,b\r1,2\r3,4"), 0);
	assert_int_equal(unterminated(r, "a,b\r1,2\r3,4\r"), 0);
	assert_int_equal(r->info.n_cr, 3);
	assert_int_equal(unterminated(r, "a,b\r\n1,2\n3,4"), 0);
	assert_int_equal(unterminated(r, "a,b\n1,2\r\n3,4\r"), 0);
	assert_int_equal(r->info.n_cr, 1);
	assert_int_equal(unterminated(r, "a,b"), 0);
	assert_int_equal(unterminated(r, "a,b\r"), 0);
	assert_int_equal(r->info.n_cr, 1);
	assert_int_equal(unterminated(r, ""), 0);
}

/* A quote never closed: the one warning, no record, and a CR inside the
 * quotes at the very end is data, not a lone CR. */
static void test_unterminated_quote_cut(void **state)
{
	struct run *r = *state;

	assert_int_equal(unterminated(r, "a,b\r\n1,\"x\r\ny"), 0);
	assert_string_equal(transcript(r), "1:a|b\n");
	assert_string_equal(tu_diag_text(&r->diag),
			    "tierstat: u.csv:2: warning: quoted field opened here "
			    "is never closed (row skipped)\n");
	assert_int_equal(r->info.n_crlf, 1);
	assert_int_equal(unterminated(r, "a,b\r\n1,\"x\r"), 0);
	assert_int_equal(r->diag.d.n.warning, 1);
	assert_int_equal(r->info.n_cr, 0);
	assert_int_equal(r->info.n_crlf, 1);
}

/* A range: one that stops before the end says nothing; one from past 0 to
 * the end with no line end of its own cannot know the file's, and names
 * its record (in its own numbering). */
static void test_unterminated_range(void **state)
{
	struct run *r = *state;
	static const char file[] = "a,b\r\n1,2\r\n3,4";
	char path[4096];

	tu_write_file(r->dir, "g.csv", file, sizeof(file) - 1);
	snprintf(path, sizeof(path), "%s/g.csv", r->dir);
	memset(&r->info, 0, sizeof(r->info));
	r->info.range_end = 5;
	run_path(r, path, "g.csv");
	assert_int_equal(r->info.unterminated_line, 0);
	assert_int_equal(r->info.clean_end, 1);
	memset(&r->info, 0, sizeof(r->info));
	r->info.range_start = 10;
	run_path(r, path, "g.csv");
	assert_int_equal(r->info.unterminated_line, 1);
	assert_int_equal(r->info.n_crlf, 0);
	memset(&r->info, 0, sizeof(r->info));
	free(r->t.text);
	memset(&r->t, 0, sizeof(r->t));
	r->info.range_start = 5;
	run_path(r, path, "g.csv");
	assert_int_equal(r->info.unterminated_line, 2);
	assert_string_equal(transcript(r), "1:1|2\n2:3|4\n");
}

static void test_blank_lines_skipped(void **state)
{
	struct run *r = *state;

	run_bytes(r, "e.csv", "\na,b\n\n1,2\n\n\n3,4\n\n,\n", (size_t)-1);
	expect_clean(r);
	/* "," is not blank: a record of two empty fields */
	assert_string_equal(transcript(r), "2:a|b\n4:1|2\n7:3|4\n9:|\n");
	assert_int_equal(r->info.records, 4);
	assert_int_equal(r->info.lines, 9);
}

static void test_fields_not_trimmed(void **state)
{
	struct run *r = *state;

	run_bytes(r, "t.csv", "a, rtf ,\"  q  \",\t\nx,y\t,  ,\n", (size_t)-1);
	expect_clean(r);
	assert_string_equal(transcript(r), "1:a| rtf |  q  |\t\n2:x|y\t|  |\n");
}

static void test_empty_file(void **state)
{
	struct run *r = *state;

	run_bytes(r, "z.csv", "", 0);
	expect_clean(r);
	assert_string_equal(transcript(r), "");
	assert_int_equal(r->info.records, 0);
	assert_int_equal(r->info.bytes, 0);
}

/* An empty file has no lines; one holding only a BOM has none either. */
static void test_empty_file_lines(void **state)
{
	struct run *r = *state;

	run_bytes(r, "z.csv", "", 0);
	assert_int_equal(r->info.lines, 0);
	run_bytes(r, "bom.csv", "\xef\xbb\xbf", 3);
	assert_int_equal(r->info.had_bom, 1);
	assert_int_equal(r->info.records, 0);
	assert_int_equal(r->info.lines, 0);
	/* one line without a line end is one line */
	run_bytes(r, "one.csv", "a,b", 3);
	assert_int_equal(r->info.lines, 1);
	assert_string_equal(transcript(r), "1:a|b\n");
	expect_clean(r);
}

static void test_gzip_refused(void **state)
{
	struct run *r = *state;
	static const char gz[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"
				 "a,b\n1,2\n3,4\n5,6\n";

	run_bytes(r, "g.csv", gz, sizeof(gz) - 1);
	assert_int_equal(r->rc, -1);
	assert_string_equal(transcript(r), "");
	assert_string_equal(tu_diag_text(&r->diag),
			    "tierstat: g.csv: error: gzip-compressed data, not CSV "
			    "text (file skipped)\n");
	assert_int_equal(r->diag.d.n.error, 1);
	assert_int_equal(r->diag.d.n.files, 1);
}

static void test_utf16_refused(void **state)
{
	struct run *r = *state;
	static const char le[] = "\xff\xfe" "a\0,\0b\0\n\0" "1\0,\0" "2\0\n\0";
	static const char be[] = "\xfe\xff" "\0a\0,\0b\0\n";
	const char *msg = "UTF-16 text; tierstat reads UTF-8 (re-save the file "
			  "as UTF-8) (file skipped)\n";
	char want[512];

	run_bytes(r, "le.csv", le, sizeof(le) - 1);
	assert_int_equal(r->rc, -1);
	run_bytes(r, "be.csv", be, sizeof(be) - 1);
	assert_int_equal(r->rc, -1);
	assert_string_equal(transcript(r), "");
	snprintf(want, sizeof(want), "tierstat: le.csv: error: %stierstat: be.csv: error: %s",
		 msg, msg);
	assert_string_equal(tu_diag_text(&r->diag), want);
	assert_int_equal(r->diag.d.n.error, 2);
	assert_int_equal(r->diag.d.n.files, 2);
}

/* Binary data (here an array of little-endian int32): one error, the
 * file skipped. The wording of WHAT is being refined in csvread.c, so
 * only the frame of the message is pinned here. */
static void test_binary_refused(void **state)
{
	struct run *r = *state;
	char bin[64];
	const char *text, *head = "tierstat: n.csv: error: ";
	const char *tail = ", not CSV text (file skipped)\n";

	memset(bin, 0, sizeof(bin));
	for (size_t i = 0; i < sizeof(bin); i += 4)
		bin[i] = (char)(i + 1);
	run_bytes(r, "n.csv", bin, sizeof(bin));
	assert_int_equal(r->rc, -1);
	assert_string_equal(transcript(r), "");
	text = tu_diag_text(&r->diag);
	assert_int_equal(strncmp(text, head, strlen(head)), 0);
	assert_true(strlen(text) > strlen(head) + strlen(tail));
	assert_string_equal(text + strlen(text) - strlen(tail), tail);
	assert_non_null(strstr(text, "binary data"));
	assert_ptr_equal(strchr(text, '\n'), text + strlen(text) - 1);
	assert_int_equal(r->diag.d.n.error, 1);
	assert_int_equal(r->diag.d.n.files, 1);
}

/* A NUL byte after the sniffed start stays in its field. */
static void test_nul_byte_late_kept(void **state)
{
	struct run *r = *state;
	char buf[1024];
	size_t n = 0;

	for (int i = 0; i < 150; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%d,z\n", i % 10);
	assert_true(n == 600);
	memcpy(buf + n, "x\0y,q\n", 6);
	n += 6;
	run_bytes(r, "late.csv", buf, n);
	expect_clean(r);
	assert_int_equal(r->info.records, 151);
	assert_non_null(strstr(transcript(r), "\n151:x\\0y|q\n"));
}

/* mkfifo: refused at once (no writer, so an open without O_NONBLOCK or a
 * read would block forever: the alarm turns a hang into a failure). */
static void test_fifo_refused(void **state)
{
	struct run *r = *state;
	char path[4096];

	snprintf(path, sizeof(path), "%s/synthesis_x_20251107.csv", r->dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	signal(SIGALRM, SIG_DFL);
	alarm(10);
	run_path(r, path, "synthesis_x_20251107.csv");
	alarm(0);
	assert_int_equal(r->rc, -1);
	assert_string_equal(transcript(r), "");
	assert_string_equal(tu_diag_text(&r->diag),
			    "tierstat: synthesis_x_20251107.csv: error: not a "
			    "regular file (file skipped)\n");
	assert_int_equal(r->diag.d.n.files, 1);
}

static void test_directory_refused(void **state)
{
	struct run *r = *state;

	run_path(r, r->dir, "sub");
	assert_int_equal(r->rc, -1);
	assert_string_equal(tu_diag_text(&r->diag),
			    "tierstat: sub: error: not a regular file (file skipped)\n");
}

static void test_missing_file(void **state)
{
	struct run *r = *state;
	char path[4096];

	snprintf(path, sizeof(path), "%s/nope.csv", r->dir);
	run_path(r, path, "sub/nope.csv");
	assert_int_equal(r->rc, -1);
	assert_string_equal(transcript(r), "");
	assert_string_equal(tu_diag_text(&r->diag),
			    "tierstat: sub/nope.csv: error: cannot open: No such "
			    "file or directory (file skipped)\n");
	assert_int_equal(r->diag.d.n.error, 1);
	assert_int_equal(r->diag.d.n.files, 1);
}

/* Many records, well past the first 512 bytes the reader sniffs, with
 * quoted fields holding newlines and doubled quotes across chunks. */
static void test_long_file(void **state)
{
	struct run *r = *state;
	size_t cap = 64 * 1024, n = 0;
	char *buf = malloc(cap);
	char want[256];

	assert_non_null(buf);
	n += (size_t)snprintf(buf + n, cap - n, "id,text\n");
	for (int i = 1; i <= 500; i++) {
		if (i % 50 == 0)
			n += (size_t)snprintf(buf + n, cap - n,
					      "r%d,\"two\nlines \"\"%d\"\"\"\n", i, i);
		else
			n += (size_t)snprintf(buf + n, cap - n, "r%d,%d.5\n", i, i);
	}
	run_bytes(r, "long.csv", buf, n);
	free(buf);
	expect_clean(r);
	assert_int_equal(r->info.records, 501);
	/* records 1..49 on lines 2..50, record 50 on lines 51-52, so
	 * record i (i > 50, before 100) sits on line i + 2 */
	assert_non_null(strstr(transcript(r), "\n50:r49|49.5\n51:r50|two\\nlines \"50\"\n53:r51|51.5\n"));
	/* ten quoted records each add a line: record 500 starts on 510 */
	snprintf(want, sizeof(want), "\n510:r500|two\\nlines \"500\"\n");
	assert_non_null(strstr(transcript(r), want));
	assert_int_equal(r->info.lines, 511);
}

static void test_callback_stops(void **state)
{
	struct run *r = *state;

	r->t.stop_after = 2;
	run_bytes(r, "s.csv", "a,b\n1,2\n3,4\n5,6\n", (size_t)-1);
	assert_string_equal(transcript(r), "1:a|b\n2:1|2\n");
	assert_int_equal(r->info.records, 2);
	assert_int_equal(r->info.stopped, 1);
	assert_string_equal(tu_diag_text(&r->diag), "");
}

/* A record longer than TS_RECORD_MAX is skipped with one warning; the
 * next record is read normally. */
static void test_oversize_record(void **state)
{
	struct run *r = *state;
	size_t big = TS_RECORD_MAX + 10, n;
	char *buf;
	char want[256];

	if (TS_RECORD_MAX > (1u << 20))
		skip();
	buf = malloc(big + 64);
	assert_non_null(buf);
	n = (size_t)snprintf(buf, 64, "a,b\n1,\"");
	memset(buf + n, 'x', big);
	n += big;
	memcpy(buf + n, "\nz\"\n2,3\n", 8);
	n += 8;
	run_bytes(r, "o.csv", buf, n);
	free(buf);
	assert_int_equal(r->rc, 0);
	assert_string_equal(transcript(r), "1:a|b\n4:2|3\n");
	snprintf(want, sizeof(want),
		 "tierstat: o.csv:2: warning: record longer than %u bytes (row skipped)\n",
		 (unsigned)TS_RECORD_MAX);
	assert_string_equal(tu_diag_text(&r->diag), want);
	assert_int_equal(r->diag.d.n.rows, 1);
}

/* Feeding simple chunks whole must change nothing: 3,000 random files of
 * quoted fields with newlines, doubled quotes, CR LF, LF, lone CR, blank
 * lines and long plain stretches (so that many 7-byte chunks are simple
 * and many are not) give the same records, lines, line-end counts and
 * messages either way. */
static void test_whole_chunks_same_as_lines(void **state)
{
	static const char *const pieces[] = {
		"1.5,", "2,", "abc,", "\"q,\"\"x\"\",", "\"a\nb\",", "\"c\r\nd\",",
		"\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "1762554661.9804816,",
		"long plain text without anything special in it,", ",", "\"\",",
	};
	struct run *r = *state;
	unsigned long long rnd = 99;
	char buf[600], path[4096];

	snprintf(path, sizeof(path), "%s/w.csv", r->dir);
	for (int t = 0; t < 3000; t++) {
		size_t n = 0;
		char *a = NULL, *b = NULL;
		struct ts_csv_info ia, ib;
		while (n < 400) {
			const char *p;
			rnd = rnd * 6364136223846793005ULL + 1442695040888963407ULL;
			/* mostly plain pieces, a quote or a lone CR now and then */
			p = pieces[(rnd >> 33) % (t % 2 ? 15 : 8)];
			if (n + strlen(p) >= sizeof(buf))
				break;
			memcpy(buf + n, p, strlen(p));
			n += strlen(p);
		}
		tu_write_file(r->dir, "w.csv", buf, n);
		for (int whole = 0; whole < 2; whole++) {
			ts_csv_whole_chunks = whole;
			free(r->t.text);
			memset(&r->t, 0, sizeof(r->t));
			run_path(r, path, "w.csv");
			if (whole) {
				b = strdup(transcript(r));
				ib = r->info;
			} else {
				a = strdup(transcript(r));
				ia = r->info;
			}
		}
		ts_csv_whole_chunks = 1;
		if (strcmp(a, b) != 0)
			fail_msg("file %d differs:\nline by line:\n%s\nwhole:\n%s", t, a, b);
		assert_int_equal(ia.lines, ib.lines);
		assert_int_equal(ia.n_lf, ib.n_lf);
		assert_int_equal(ia.n_crlf, ib.n_crlf);
		assert_int_equal(ia.n_cr, ib.n_cr);
		assert_int_equal(ia.records, ib.records);
		assert_int_equal(ia.unterminated_line, ib.unterminated_line);
		free(a);
		free(b);
	}
}

/* The same when libcsv trims (asked for on the header, as the loader does
 * for realtime files): then a line of spaces and tabs is a blank line,
 * and a record after one is still numbered right. */
static struct ts_csv_info *trim_info;

static int record_trim(void *ctx, long line, size_t nf, char *const *f,
		       const size_t *len)
{
	if (((struct transcript *)ctx)->calls == 0)
		trim_info->trim = 1;
	return record(ctx, line, nf, f, len);
}

static void test_whole_chunks_same_as_lines_trim(void **state)
{
	static const char *const pieces[] = {
		"1.5,", "2", "\n", "\r\n", " ", "\t", "  \n", " \r\n",
		" 7,", "1762554661.9804816,", "plain text, more plain text,",
	};
	struct run *r = *state;
	unsigned long long rnd = 7;
	char buf[600], path[4096];
	/* one by hand: the line of blanks in the middle of a chunk */
	static const char hand[] = "a,b\n1,2\n3,4\n   \n5,6\n7,8\n";

	snprintf(path, sizeof(path), "%s/w.csv", r->dir);
	trim_info = &r->info;
	for (int t = 0; t < 2000; t++) {
		size_t n = 0;
		char *a = NULL, *b = NULL;
		struct ts_csv_info ia, ib;
		if (t == 0) {
			memcpy(buf, hand, sizeof(hand) - 1);
			n = sizeof(hand) - 1;
		}
		while (t > 0 && n < 400) {
			const char *p;
			rnd = rnd * 6364136223846793005ULL + 1442695040888963407ULL;
			p = pieces[(rnd >> 33) % TS_COUNTOF(pieces)];
			if (n + strlen(p) >= sizeof(buf))
				break;
			memcpy(buf + n, p, strlen(p));
			n += strlen(p);
		}
		tu_write_file(r->dir, "w.csv", buf, n);
		for (int whole = 0; whole < 2; whole++) {
			ts_csv_whole_chunks = whole;
			free(r->t.text);
			memset(&r->t, 0, sizeof(r->t));
			memset(&r->info, 0, sizeof(r->info));
			r->rc = ts_csv_read_file(path, "w.csv", record_trim, &r->t, &r->diag.d, &r->info);
			if (whole) {
				b = strdup(transcript(r));
				ib = r->info;
			} else {
				a = strdup(transcript(r));
				ia = r->info;
			}
		}
		ts_csv_whole_chunks = 1;
		if (t == 0)
			assert_string_equal(b, "1:a|b\n2:1|2\n3:3|4\n5:5|6\n6:7|8\n");
		if (strcmp(a, b) != 0)
			fail_msg("file %d differs:\nline by line:\n%s\nwhole:\n%s", t, a, b);
		assert_int_equal(ia.lines, ib.lines);
		assert_int_equal(ia.n_lf, ib.n_lf);
		assert_int_equal(ia.n_crlf, ib.n_crlf);
		assert_int_equal(ia.n_cr, ib.n_cr);
		assert_int_equal(ia.records, ib.records);
		assert_int_equal(ia.unterminated_line, ib.unterminated_line);
		free(a);
		free(b);
	}
}

/* ==== the streaming path (ts_csv_info.field_fn) ==== */

/* Asks on the header for columns 0 and 2 only, field by field; writes
 * "LINE:nf/filled:col=value,col=value\n" per data record. */
struct stream {
	struct transcript t;
	struct ts_csv_info *info;
	unsigned char want[3];
};

static void stream_field(void *ctx, size_t col, const char *s, size_t len)
{
	struct stream *x = ctx;
	char num[32];

	assert_int_equal(s[len], '\0');
	snprintf(num, sizeof(num), "%zu=", col);
	put(&x->t, num, strlen(num));
	put(&x->t, s, len);
	put(&x->t, ",", 1);
}

static int stream_end(void *ctx, long line, size_t nf, size_t filled)
{
	struct stream *x = ctx;
	char num[64];

	snprintf(num, sizeof(num), "|%ld:%zu/%zu\n", line, nf, filled);
	put(&x->t, num, strlen(num));
	return 0;
}

static int stream_header(void *ctx, long line, size_t nf, char *const *f,
			 const size_t *len)
{
	struct stream *x = ctx;

	(void)line; (void)f; (void)len;
	assert_int_equal(nf, 3);
	x->want[0] = x->want[2] = 1;
	x->info->want = x->want;
	x->info->nwant = 3;
	x->info->field_fn = stream_field;
	x->info->end_fn = stream_end;
	return 0;
}

static void test_streaming_columns(void **state)
{
	struct run *r = *state;
	struct stream x;
	char path[4096];

	memset(&x, 0, sizeof(x));
	x.info = &r->info;
	/* a fourth field past the header's three is passed on (nwant = 3);
	 * an empty row of commas has nothing filled; a quoted newline moves
	 * the next record's line */
	tu_write_file(r->dir, "s.csv",
		      "a,b,c\r\n1,2,3\r\n,,\r\n4,,\"x\ny\"\r\n5,6,7,8\r\n", (size_t)-1);
	snprintf(path, sizeof(path), "%s/s.csv", r->dir);
	r->rc = ts_csv_read_file(path, "s.csv", stream_header, &x, &r->diag.d, &r->info);
	expect_clean(r);
	assert_string_equal(x.t.text,
			    "0=1,2=3,|2:3/3\n"
			    "0=,2=,|3:3/0\n"
			    "0=4,2=x\ny,|4:3/2\n"
			    "0=5,2=7,3=8,|6:4/4\n");
	assert_int_equal(r->info.records, 5);
	free(x.t.text);
}


/* ==== the fast path (csvread.h ts_csv_fast_path) ==== */

/* Random files of numbers, commas and line ends, with now and then a
 * quote, a NUL, a lone CR, a blank line or blanks around a field: read
 * field by field with the fast path and with libcsv alone, at chunk
 * sizes from 1 byte to more than the file, trimming or not, some columns
 * or all, stopping early or not: the same fields, lines, counts and
 * messages. The fast path must have split records (else the comparison
 * says nothing). */
static void test_fast_path_same_as_libcsv(void **state)
{
	static const char *const pieces[] = {
		"1.5,", "2", ",", "\n", "\r\n", "1762554661.9804816,", "7\n",
		"42.25,3\n", " 8 ,", "\t9\t,", "12,34,56\r\n", "abc,",
		"\"q,\"\"x\"\",", "\"a\nb\",", "\r", "\n\n", "\0", "  \n",
	};
	static const size_t chunks[] = { 1, 3, 7, 16, 63, 64, 65, 200, 4096 };
	struct run *r = *state;
	unsigned long long rnd = 2026;
	unsigned long fast_total = 0;
	char buf[700], path[4096];

	snprintf(path, sizeof(path), "%s/f.csv", r->dir);
	for (int t = 0; t < 600; t++) {
		size_t n = 0;
		/* most files plain (the fast path's own), some of every kind */
		size_t kinds = t % 3 == 0 ? TS_COUNTOF(pieces) : 12;
		memcpy(buf, "ts,a,b\n", 7);
		n = 7;
		while (n < 600) {
			size_t k;
			rnd = rnd * 6364136223846793005ULL + 1442695040888963407ULL;
			k = (size_t)(rnd >> 33) % kinds;
			/* "\0" is one byte; strlen says 0 */
			size_t pl = k == 16 ? 1 : strlen(pieces[k]);
			memcpy(buf + n, pieces[k], pl);
			n += pl;
		}
		tu_write_file(r->dir, "f.csv", buf, n);
		for (size_t c = 0; c < TS_COUNTOF(chunks); c++) {
			int trim = (t + (int)c) % 2;
			unsigned mask = t % 4 == 1 ? 0x5u : 0xffu;
			unsigned long stop = t % 5 == 2 ? 3 : 0, fr = 0, fr0 = 0;
			/* every other read a range, as a segment is read: it must
			 * also say the same of where it ended (clean_end) */
			long long range = (t + (int)c) % 3 == 0 ? (long long)(n / 2 + (size_t)t % 50) : 0;
			char *a = fastdiff_read(path, "f.csv", 0, chunks[c], trim, mask, stop, range, &fr0);
			char *b = fastdiff_read(path, "f.csv", 1, chunks[c], trim, mask, stop, range, &fr);
			if (strcmp(a, b) != 0)
				fail_msg("file %d, chunk %zu, trim %d: libcsv alone:\n%s\nfast path:\n%s",
					 t, chunks[c], trim, a, b);
			assert_int_equal(fr0, 0);
			fast_total += fr;
			free(a);
			free(b);
		}
	}
	assert_true(fast_total > 10000);
}

/* A range that ends after an LF that the fast path's last field ended
 * on (it writes a NUL there): it ended cleanly, as libcsv alone says; a
 * segment that said otherwise would be refused by the merge and its file
 * read again whole (found in review: 0.45 s instead of 0.30 s for a
 * 52 MB LF file). */
static void test_fast_path_range_clean_end(void **state)
{
	struct run *r = *state;
	char path[4096];
	char *a, *b;

	snprintf(path, sizeof(path), "%s/c.csv", r->dir);
	tu_write_file(r->dir, "c.csv", "a,b\n1,2\n3,4\n5,6\n7,8\n", (size_t)-1);
	a = fastdiff_read(path, "c.csv", 0, 4, 1, 0xff, 0, 16, NULL);
	b = fastdiff_read(path, "c.csv", 1, 4, 1, 0xff, 0, 16, NULL);
	assert_non_null(strstr(a, "clean_end 1"));
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* A realtime file of plain numbers read 64 KiB at a time, as tierstat
 * reads it: every record but those cut by a chunk's end goes through the
 * fast path, and only when it is on. This fails if the fast path stops
 * being taken where it should (say a wrong test makes no chunk simple). */
static void test_fast_path_taken(void **state)
{
	struct run *r = *state;
	char path[4096], line[128];
	FILE *fp;
	unsigned long on = 0, off = 0;
	char *a, *b;

	snprintf(path, sizeof(path), "%s/realtime_x_20251101.csv", r->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("timestamp,cpu_percent,memory_mb,gpu_percent\n", fp);
	for (int i = 0; i < 20000; i++) {
		snprintf(line, sizeof(line), "%.7f,%d.%d,%d.25,\n", 1762554661.0 + i * 0.1,
			 i % 100, i % 7, 2000 + i % 333);
		fputs(line, fp);
	}
	assert_int_equal(fclose(fp), 0);
	a = fastdiff_read(path, "realtime_x_20251101.csv", 0, 65536, 1, 0xff, 0, 0, &off);
	b = fastdiff_read(path, "realtime_x_20251101.csv", 1, 65536, 1, 0xff, 0, 0, &on);
	assert_string_equal(a, b);
	assert_int_equal(off, 0);
	/* 20,000 records of about 43 bytes: those of the first 512 bytes (read
	 * before the header is known) and one cut by each of the 13 chunk ends
	 * go to libcsv */
	if (on < 20000 - 40)
		fail_msg("fast records %lu", on);
	assert_true(on < 20000);
	free(a);
	free(b);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_chunk_size),
		T(test_lf_basic),
		T(test_quoted_newline_lines),
		T(test_crlf),
		T(test_crlf_across_chunks),
		T(test_lone_cr),
		T(test_mixed_line_ends),
		T(test_utf8_bom),
		T(test_utf8_bom_quoted_header),
		T(test_bom_not_at_start),
		T(test_last_row_cut_short),
		T(test_unterminated_quote),
		T(test_unterminated_quote_multiline_record),
		T(test_unterminated_crlf),
		T(test_unterminated_not),
		T(test_unterminated_quote_cut),
		T(test_unterminated_range),
		T(test_blank_lines_skipped),
		T(test_fields_not_trimmed),
		T(test_empty_file),
		T(test_empty_file_lines),
		T(test_gzip_refused),
		T(test_utf16_refused),
		T(test_binary_refused),
		T(test_nul_byte_late_kept),
		T(test_fifo_refused),
		T(test_directory_refused),
		T(test_missing_file),
		T(test_long_file),
		T(test_callback_stops),
		T(test_oversize_record),
		T(test_whole_chunks_same_as_lines),
		T(test_whole_chunks_same_as_lines_trim),
		T(test_streaming_columns),
		T(test_fast_path_same_as_libcsv),
		T(test_fast_path_taken),
		T(test_fast_path_range_clean_end),
	};
#undef T

	return cmocka_run_group_tests_name("csvread", tests, NULL, NULL);
}
