/* diag.h - diagnostics of one run: format, count, never exit.
 *
 * Every problem with the input is one line on d->out (stderr in the tool;
 * a buffer while captured, see below), in the format of METRICS.md
 * section 7:
 *
 *     tierstat: FILE:LINE: SEVERITY: WHAT (WHAT WAS DONE)
 *
 * FILE is relative to the metrics folder, LINE the 1-based physical line
 * (0 = the whole file: left out), COL added for JSON when known. The
 * caller words WHAT and puts WHAT WAS DONE in parentheses. The severity
 * is what the words say: a note when the input was normalised and
 * nothing was lost, a warning when a cell, row, column or file was left
 * out or a value kept is suspect, an error when a whole file could not
 * be used (or the run cannot go on). The counts of the severities
 * printed decide the exit status (ts_diag_exit_status); the counts of
 * what was dropped feed the summary line.
 *
 * Not thread-safe: one struct ts_diag per thread; a thread's messages
 * reach the run's output through a capture and ts_diag_replay().
 */
#ifndef TS_DIAG_H
#define TS_DIAG_H

#include "ts.h"

#include <stdio.h>

enum ts_sev { TS_NOTE, TS_WARNING, TS_ERROR };

/* What a diagnostic says was dropped; it feeds the run summary. */
enum ts_drop {
	TS_DROP_NONE,  /* nothing (a note, or a value kept but suspect) */
	TS_DROP_CELL,  /* one value left out */
	TS_DROP_ROW,   /* one row left out */
	TS_DROP_FILE   /* a whole file left out */
};

/* Counters of the messages made, by severity, and of what they dropped.
 * A value: copy it, add it, subtract it (what one file made is the
 * counts after it less the counts before). */
struct ts_diag_counts {
	unsigned long note, warning, error;   /* messages, by severity */
	unsigned long cells, rows, files;     /* dropped, by enum ts_drop */
};

/* The counters one by one, for code that handles them all alike (the
 * store keeps counter i in the input_file column ts_diag_count_names[i]). */
#define TS_DIAG_NCOUNTS 6
extern const char *const ts_diag_count_names[TS_DIAG_NCOUNTS];
unsigned long *ts_diag_count(struct ts_diag_counts *c, int i);

/* into += x, counter by counter. */
void ts_diag_counts_add(struct ts_diag_counts *into, const struct ts_diag_counts *x);
/* a - b, counter by counter (b must be an earlier state of a). */
struct ts_diag_counts ts_diag_counts_sub(const struct ts_diag_counts *a,
					 const struct ts_diag_counts *b);
/* 1 when any counter is nonzero. */
int ts_diag_counts_any(const struct ts_diag_counts *c);

struct ts_diag {
	FILE *out;                  /* where messages go; not owned; NULL:
	                               counted, not printed */
	struct ts_diag_counts n;    /* everything counted so far */
	unsigned long per_file_cap; /* print at most this many per file */
	/* the open file's messages, for the cap (ts_diag_file_begin/end) */
	const char *cap_file;       /* borrowed; NULL = no file open */
	unsigned long cap_count;
	unsigned long cap_hidden;
	enum ts_sev cap_worst;      /* the worst severity hidden */
};

/* Start with output to `out` (may be NULL) and the default cap of 20
 * messages a file. Nothing to release. */
void ts_diag_init(struct ts_diag *d, FILE *out);

/* Report one problem. `file` may be NULL for a problem of the run (then
 * "tierstat: SEVERITY: ..."). line <= 0 leaves the line out; col <= 0 the
 * column. Both the severity and `drop` are counted whether or not the
 * message is shown (the cap hides it). */
void ts_diag_report(struct ts_diag *d, enum ts_sev sev, enum ts_drop drop,
		    const char *file, long line, long col, const char *fmt, ...)
	TS_PRINTF(7, 8);

/* Shorthands for the common cases. */
#define ts_diag_note(d, file, line, ...) \
	ts_diag_report((d), TS_NOTE, TS_DROP_NONE, (file), (line), 0, __VA_ARGS__)
#define ts_diag_warn(d, drop, file, line, ...) \
	ts_diag_report((d), TS_WARNING, (drop), (file), (line), 0, __VA_ARGS__)
/* A whole file left out: an error that drops the file. Returns -1, so
 * that a caller can `return ts_diag_file_error(...)`. */
int ts_diag_file_error(struct ts_diag *d, const char *file, long line,
		       const char *fmt, ...) TS_PRINTF(4, 5);
/* A problem of the run, not of one input file ("tierstat: error: ...");
 * drops nothing. */
void ts_diag_run(struct ts_diag *d, enum ts_sev sev, const char *fmt, ...)
	TS_PRINTF(3, 4);

/* A message already reported stands for n more units of what it
 * dropped ("3 timestamps left out" drops 3 cells): count them too. */
void ts_diag_add_dropped(struct ts_diag *d, enum ts_drop drop, unsigned long n);

/* Bracket the messages of one input file: after d->per_file_cap messages
 * for `file` the rest are counted but not printed, and ts_diag_file_end()
 * prints one line saying how many were hidden, with the worst severity
 * among them. `file` is borrowed until ts_diag_file_end(). */
void ts_diag_file_begin(struct ts_diag *d, const char *file);
void ts_diag_file_end(struct ts_diag *d);

/* ==== capture: messages held in memory, then replayed ====
 * Between begin and end, what d prints goes into a buffer instead of
 * d->out. After end, c->text[0..c->len) is what was printed (the caller
 * frees c->text; it may be NULL when nothing was) and c->counts what was
 * counted meanwhile; d->out is as before, and d->n still includes the
 * counts (nothing was printed to d->out yet: replay the text, or not).
 * Captures nest. Without memory for the buffer (open_memstream failed),
 * messages go to d->out at once and c->text stays NULL. */
struct ts_diag_capture {
	FILE *out, *mem;
	char *text;
	size_t len;
	struct ts_diag_counts before;  /* d->n at begin */
	struct ts_diag_counts counts;  /* at end: what was counted meanwhile */
};
void ts_diag_capture_begin(struct ts_diag *d, struct ts_diag_capture *c);
void ts_diag_capture_end(struct ts_diag *d, struct ts_diag_capture *c);

/* Print text[0..len) to d->out as it is, and add `counts` to d->n: the
 * messages of another thread, or of a previous run (--db), in their
 * place. counts may be NULL (the counts are d's already: a capture of
 * d itself). */
void ts_diag_replay(struct ts_diag *d, const struct ts_diag_counts *counts,
		    const char *text, size_t len);

/* Quote a value from the input for a message: its first `max` bytes,
 * with NUL, control characters and bytes that are not UTF-8 escaped
 * (\x00, \n, \x1b, \xe9) so that a message stays one readable line.
 * Writes into buf (cap bytes; 4 * max + 1 is always enough) and returns
 * it. */
char *ts_diag_quote(char *buf, size_t cap, const char *s, size_t n, size_t max);
#define TS_QUOTE_MAX 40                  /* bytes of a value a message quotes */
#define TS_QUOTE_BUF (4 * TS_QUOTE_MAX + 1)

/* The exit status the messages printed call for (METRICS.md section 7):
 * TS_EXIT_PARTIAL when a warning or an error was counted, else
 * TS_EXIT_OK. (Whether outputs were written is the caller's to know.) */
int ts_diag_exit_status(const struct ts_diag *d);

#endif /* TS_DIAG_H */
