/* test_diag.c - diagnostics (diag.h): the counts as a value (add, sub,
 * any), the message format of METRICS.md section 7 (file, line, column,
 * a problem of the run), the per-file cap and the severity of its last
 * line, captures (text and counts, nested), replay, ts_diag_quote's
 * escapes, and the exit status rule (notes never change it; any warning
 * or error makes it 1). Every message is compared byte for byte. */
#include "ts.h"
#include "testutil.h"
#include "diag.h"

#include <stdlib.h>
#include <string.h>

static void counts_add_sub_any(void **state)
{
	struct ts_diag_counts a = { 1, 2, 3, 4, 5, 6 }, b = { 10, 20, 30, 40, 50, 60 };
	struct ts_diag_counts zero = { 0 }, x;

	(void)state;
	ts_diag_counts_add(&b, &a);   /* 10+1, 20+2, ... */
	assert_int_equal(b.note, 11);
	assert_int_equal(b.warning, 22);
	assert_int_equal(b.error, 33);
	assert_int_equal(b.cells, 44);
	assert_int_equal(b.rows, 55);
	assert_int_equal(b.files, 66);
	x = ts_diag_counts_sub(&b, &a);   /* back to 10, 20, ... */
	assert_int_equal(x.note, 10);
	assert_int_equal(x.warning, 20);
	assert_int_equal(x.error, 30);
	assert_int_equal(x.cells, 40);
	assert_int_equal(x.rows, 50);
	assert_int_equal(x.files, 60);
	assert_false(ts_diag_counts_any(&zero));
	/* each counter alone makes it nonzero */
	for (int k = 0; k < 6; k++) {
		struct ts_diag_counts one = { 0 };
		unsigned long *f[] = { &one.note, &one.warning, &one.error,
				       &one.cells, &one.rows, &one.files };
		*f[k] = 1;
		assert_true(ts_diag_counts_any(&one));
	}
	x = ts_diag_counts_sub(&a, &a);
	assert_false(ts_diag_counts_any(&x));
}

/* The format: with and without line and column, and for the run. */
static void message_format(void **state)
{
	struct tu_diag t;

	(void)state;
	tu_diag_init(&t);
	ts_diag_note(&t.d, "a/f.csv", 3, "thing %d", 7);
	ts_diag_warn(&t.d, TS_DROP_CELL, "a/f.csv", 0, "whole file");
	ts_diag_report(&t.d, TS_WARNING, TS_DROP_NONE, "x.json", 2, 5, "at column");
	ts_diag_report(&t.d, TS_WARNING, TS_DROP_NONE, "x.json", 0, 5, "no line: no column");
	assert_int_equal(ts_diag_file_error(&t.d, "g.csv", 1, "bad (%s)", "file skipped"), -1);
	ts_diag_run(&t.d, TS_ERROR, "cannot write %s", "out");
	ts_diag_run(&t.d, TS_NOTE, "fine");
	assert_string_equal(tu_diag_text(&t),
			    "tierstat: a/f.csv:3: note: thing 7\n"
			    "tierstat: a/f.csv: warning: whole file\n"
			    "tierstat: x.json:2:5: warning: at column\n"
			    "tierstat: x.json: warning: no line: no column\n"
			    "tierstat: g.csv:1: error: bad (file skipped)\n"
			    "tierstat: error: cannot write out\n"
			    "tierstat: note: fine\n");
	/* notes 2, warnings 3, errors 2; one cell and one file dropped */
	assert_int_equal(t.d.n.note, 2);
	assert_int_equal(t.d.n.warning, 3);
	assert_int_equal(t.d.n.error, 2);
	assert_int_equal(t.d.n.cells, 1);
	assert_int_equal(t.d.n.rows, 0);
	assert_int_equal(t.d.n.files, 1);
	tu_diag_release(&t);
}

/* No output stream: counted all the same. */
static void counted_without_output(void **state)
{
	struct ts_diag d;

	(void)state;
	ts_diag_init(&d, NULL);
	assert_int_equal(d.per_file_cap, 20);
	ts_diag_warn(&d, TS_DROP_ROW, "f", 1, "x");
	ts_diag_warn(&d, TS_DROP_ROW, "f", 2, "x");
	assert_int_equal(d.n.warning, 2);
	assert_int_equal(d.n.rows, 2);
}

/* Cap of 2: the 3rd to 5th messages of f.csv are hidden, counted, and
 * the last line carries the worst hidden severity (a warning, although
 * the last hidden one is a note and the shown ones include an error).
 * Another file's message and a run message are not capped. */
static void per_file_cap(void **state)
{
	struct tu_diag t;

	(void)state;
	tu_diag_init(&t);
	t.d.per_file_cap = 2;
	ts_diag_file_begin(&t.d, "f.csv");
	ts_diag_report(&t.d, TS_ERROR, TS_DROP_NONE, "f.csv", 1, 0, "one");
	ts_diag_note(&t.d, "f.csv", 2, "two");
	ts_diag_note(&t.d, "f.csv", 3, "three");
	ts_diag_warn(&t.d, TS_DROP_ROW, "f.csv", 4, "four");
	ts_diag_note(&t.d, "f.csv", 5, "five");
	ts_diag_note(&t.d, "other.csv", 6, "not capped");
	ts_diag_run(&t.d, TS_NOTE, "run");
	ts_diag_file_end(&t.d);
	assert_string_equal(tu_diag_text(&t),
			    "tierstat: f.csv:1: error: one\n"
			    "tierstat: f.csv:2: note: two\n"
			    "tierstat: other.csv:6: note: not capped\n"
			    "tierstat: note: run\n"
			    "tierstat: f.csv: warning: 3 more problems in this file not shown\n");
	/* every message counted once, the cap line not at all: 5 notes
	 * (two, three, five, not capped, run), 1 warning, 1 error */
	assert_int_equal(t.d.n.note, 5);
	assert_int_equal(t.d.n.warning, 1);
	assert_int_equal(t.d.n.error, 1);
	assert_int_equal(t.d.n.rows, 1);
	/* one hidden note: singular, severity note; a fresh file starts at 0 */
	ts_diag_file_begin(&t.d, "g.csv");
	ts_diag_note(&t.d, "g.csv", 1, "a");
	ts_diag_note(&t.d, "g.csv", 2, "b");
	ts_diag_note(&t.d, "g.csv", 3, "c");
	ts_diag_file_end(&t.d);
	assert_non_null(strstr(tu_diag_text(&t),
			       "tierstat: g.csv:2: note: b\n"
			       "tierstat: g.csv: note: 1 more problem in this file not shown\n"));
	/* nothing hidden: no cap line */
	ts_diag_file_begin(&t.d, "h.csv");
	ts_diag_file_end(&t.d);
	assert_null(strstr(tu_diag_text(&t), "h.csv"));
	tu_diag_release(&t);
}

/* A hidden error after a hidden warning: the worst is the error. */
static void cap_worst_is_error(void **state)
{
	struct tu_diag t;

	(void)state;
	tu_diag_init(&t);
	t.d.per_file_cap = 0;
	ts_diag_file_begin(&t.d, "e.csv");
	ts_diag_warn(&t.d, TS_DROP_NONE, "e.csv", 1, "w");
	ts_diag_file_error(&t.d, "e.csv", 2, "e");
	ts_diag_note(&t.d, "e.csv", 3, "n");
	ts_diag_file_end(&t.d);
	assert_string_equal(tu_diag_text(&t),
			    "tierstat: e.csv: error: 3 more problems in this file not shown\n");
	tu_diag_release(&t);
}

static void capture_text_and_counts(void **state)
{
	struct tu_diag t;
	struct ts_diag_capture c, inner;

	(void)state;
	tu_diag_init(&t);
	ts_diag_note(&t.d, "before", 1, "printed");
	ts_diag_capture_begin(&t.d, &c);
	ts_diag_warn(&t.d, TS_DROP_CELL, "f", 2, "held");
	ts_diag_capture_begin(&t.d, &inner);
	ts_diag_file_error(&t.d, "f", 3, "inner");
	ts_diag_capture_end(&t.d, &inner);
	ts_diag_note(&t.d, "f", 4, "after inner");
	ts_diag_capture_end(&t.d, &c);
	/* nothing of either capture reached the output */
	assert_string_equal(tu_diag_text(&t), "tierstat: before:1: note: printed\n");
	assert_int_equal(inner.len, strlen("tierstat: f:3: error: inner\n"));
	assert_memory_equal(inner.text, "tierstat: f:3: error: inner\n", inner.len);
	/* the outer capture holds its own lines, not the inner one's */
	assert_int_equal(c.len, strlen("tierstat: f:2: warning: held\ntierstat: f:4: note: after inner\n"));
	assert_memory_equal(c.text, "tierstat: f:2: warning: held\ntierstat: f:4: note: after inner\n",
			    c.len);
	/* inner counted 1 error, 1 file; outer all three (1 w, 1 e, 1 n) */
	assert_int_equal(inner.counts.error, 1);
	assert_int_equal(inner.counts.files, 1);
	assert_int_equal(inner.counts.warning + inner.counts.note, 0);
	assert_int_equal(c.counts.note, 1);
	assert_int_equal(c.counts.warning, 1);
	assert_int_equal(c.counts.error, 1);
	assert_int_equal(c.counts.cells, 1);
	/* d->n includes them: 2 notes, 1 warning, 1 error */
	assert_int_equal(t.d.n.note, 2);
	assert_int_equal(t.d.n.error, 1);
	assert_ptr_equal(t.d.out, t.fp);
	/* replay with NULL counts: printed, not counted twice */
	ts_diag_replay(&t.d, NULL, inner.text, inner.len);
	assert_int_equal(t.d.n.error, 1);
	assert_string_equal(tu_diag_text(&t),
			    "tierstat: before:1: note: printed\ntierstat: f:3: error: inner\n");
	free(inner.text);
	free(c.text);
	tu_diag_release(&t);
}

/* A capture that printed nothing: len 0, counts zero. */
static void capture_empty(void **state)
{
	struct tu_diag t;
	struct ts_diag_capture c;

	(void)state;
	tu_diag_init(&t);
	ts_diag_capture_begin(&t.d, &c);
	ts_diag_capture_end(&t.d, &c);
	assert_int_equal(c.len, 0);
	assert_false(ts_diag_counts_any(&c.counts));
	free(c.text);
	tu_diag_release(&t);
}

/* Replay from another diag (a thread, a previous run): text as it is,
 * counts added. */
static void replay_adds_counts(void **state)
{
	struct tu_diag t;
	struct ts_diag_counts c = { 2, 1, 0, 0, 3, 0 };
	const char text[] = "tierstat: r.csv:9: warning: old\n";

	(void)state;
	tu_diag_init(&t);
	ts_diag_note(&t.d, NULL, 0, "first");
	ts_diag_replay(&t.d, &c, text, strlen(text));
	ts_diag_replay(&t.d, &c, NULL, 0);   /* no text: counts only */
	assert_string_equal(tu_diag_text(&t), "tierstat: note: first\ntierstat: r.csv:9: warning: old\n");
	/* notes 1 + 2 + 2, warnings 0 + 1 + 1, rows 3 + 3 */
	assert_int_equal(t.d.n.note, 5);
	assert_int_equal(t.d.n.warning, 2);
	assert_int_equal(t.d.n.rows, 6);
	assert_int_equal(ts_diag_exit_status(&t.d), TS_EXIT_PARTIAL);
	tu_diag_release(&t);
}

static const char *quote(char *buf, const char *s, size_t n, size_t max)
{
	return ts_diag_quote(buf, 4 * max + 1, s, n, max);
}

static void quote_escapes(void **state)
{
	char b[TS_QUOTE_BUF];

	(void)state;
	assert_string_equal(quote(b, "plain", 5, 40), "plain");
	assert_string_equal(quote(b, "a\0b", 3, 40), "a\\x00b");
	assert_string_equal(quote(b, "l1\nl2\r\t", 7, 40), "l1\\nl2\\r\\t");
	assert_string_equal(quote(b, "\x1b[1m\x7f", 5, 40), "\\x1b[1m\\x7f");
	/* Latin-1 e-acute alone is not UTF-8; the UTF-8 one is kept */
	assert_string_equal(quote(b, "caf\xe9", 4, 40), "caf\\xe9");
	assert_string_equal(quote(b, "caf\xc3\xa9 \xe2\x82\xac", 9, 40), "caf\xc3\xa9 \xe2\x82\xac");
	/* an overlong encoding and a lone continuation byte */
	assert_string_equal(quote(b, "\xc0\xaf\x80", 3, 40), "\\xc0\\xaf\\x80");
	/* the first max bytes only: 45 'x' -> 40 */
	{
		char x45[45];
		memset(x45, 'x', sizeof(x45));
		quote(b, x45, sizeof(x45), 40);
		assert_int_equal(strlen(b), 40);
		assert_int_equal(strspn(b, "x"), 40);
	}
	/* a multibyte character cut by max: its lead byte escaped */
	assert_string_equal(quote(b, "ab\xc3\xa9", 4, 3), "ab\\xc3");
	/* the worst case fits 4 * max + 1: 40 NULs */
	{
		char z[40] = { 0 };
		quote(b, z, sizeof(z), 40);
		assert_int_equal(strlen(b), 160);
	}
}

/* Notes never change the exit status; any warning or error makes it 1. */
static void exit_status_rule(void **state)
{
	struct ts_diag d;

	(void)state;
	assert_int_equal(TS_EXIT_OK, 0);
	assert_int_equal(TS_EXIT_PARTIAL, 1);
	ts_diag_init(&d, NULL);
	assert_int_equal(ts_diag_exit_status(&d), TS_EXIT_OK);
	for (int i = 0; i < 100; i++)
		ts_diag_note(&d, "f", i + 1, "n");
	ts_diag_run(&d, TS_NOTE, "n");
	assert_int_equal(ts_diag_exit_status(&d), TS_EXIT_OK);
	ts_diag_warn(&d, TS_DROP_NONE, "f", 1, "w");
	assert_int_equal(ts_diag_exit_status(&d), TS_EXIT_PARTIAL);
	ts_diag_init(&d, NULL);
	ts_diag_run(&d, TS_ERROR, "e");
	assert_int_equal(ts_diag_exit_status(&d), TS_EXIT_PARTIAL);
	/* a hidden warning (over the cap) counts too */
	ts_diag_init(&d, NULL);
	d.per_file_cap = 0;
	ts_diag_file_begin(&d, "f");
	ts_diag_warn(&d, TS_DROP_NONE, "f", 1, "hidden");
	ts_diag_file_end(&d);
	assert_int_equal(ts_diag_exit_status(&d), TS_EXIT_PARTIAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_add_sub_any),
		cmocka_unit_test(message_format),
		cmocka_unit_test(counted_without_output),
		cmocka_unit_test(per_file_cap),
		cmocka_unit_test(cap_worst_is_error),
		cmocka_unit_test(capture_text_and_counts),
		cmocka_unit_test(capture_empty),
		cmocka_unit_test(replay_adds_counts),
		cmocka_unit_test(quote_escapes),
		cmocka_unit_test(exit_status_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
