/* diag.h - diagnostics of one run: format, count, never exit.
 *
 * Every problem with the input is one line on d->out (stderr in the tool,
 * an open_memstream in tests), in the format of METRICS.md section 7:
 *
 *     tierstat: FILE:LINE: SEVERITY: WHAT (WHAT WAS DONE)
 *
 * FILE is relative to the metrics folder, LINE the 1-based physical line
 * (0 = the whole file: left out), COL added for JSON when known. The
 * caller words WHAT and puts WHAT WAS DONE in parentheses. The counters
 * decide the exit status: anything "left out" (a cell, a row, a file)
 * makes it TS_EXIT_PARTIAL; notes and suspect-but-used warnings do not.
 */
#ifndef TS_DIAG_H
#define TS_DIAG_H

#include "ts.h"

#include <stdio.h>

enum ts_sev { TS_NOTE, TS_WARNING, TS_ERROR };

/* What a diagnostic says was dropped; it feeds the run summary. */
enum ts_drop {
	TS_DROP_NONE,  /* note, or warning about data that was still used */
	TS_DROP_CELL,  /* one value left out */
	TS_DROP_ROW,   /* one row left out */
	TS_DROP_FILE   /* a whole file left out */
};

struct ts_diag {
	FILE *out;                  /* where messages go; not owned */
	unsigned long n_note;       /* messages printed, by severity */
	unsigned long n_warning;
	unsigned long n_error;
	unsigned long cells_dropped; /* values left out */
	unsigned long rows_dropped;  /* rows left out */
	unsigned long files_dropped; /* files left out */
	unsigned long per_file_cap; /* print at most this many per file */
	/* current file's message count, for the cap (see ts_diag_file_end) */
	const char *cap_file;       /* borrowed; NULL = no file open */
	unsigned long cap_count;
	unsigned long cap_hidden;
};

/* Start with output to `out` and the default cap of 20 messages a file. */
void ts_diag_init(struct ts_diag *d, FILE *out);

/* Report one problem. `file` may be NULL for a problem of the run (then
 * "tierstat: SEVERITY: ..."). line <= 0 leaves the line out; col <= 0 the
 * column. `drop` is counted whether or not the message is shown. */
void ts_diag_report(struct ts_diag *d, enum ts_sev sev, enum ts_drop drop,
		    const char *file, long line, long col, const char *fmt, ...)
	TS_PRINTF(7, 8);

/* Bracket the messages of one input file: after d->per_file_cap messages
 * for `file` the rest are counted but not printed, and ts_diag_file_end()
 * prints one note saying how many were hidden. `file` is borrowed until
 * ts_diag_file_end(). */
void ts_diag_file_begin(struct ts_diag *d, const char *file);
void ts_diag_file_end(struct ts_diag *d);

/* Shorthands: severity + drop for the common cases. They return -1 so
 * that a caller can `return ts_diag_error(...)`. */
#define ts_diag_note(d, file, line, ...) \
	ts_diag_report((d), TS_NOTE, TS_DROP_NONE, (file), (line), 0, __VA_ARGS__)
int ts_diag_file_error(struct ts_diag *d, const char *file, long line,
		       const char *fmt, ...) TS_PRINTF(4, 5);

/* Add what `from` counted, and the text it printed (text[0..len)), to
 * `into`: how messages made on another thread reach the run's output,
 * in a fixed order. */
void ts_diag_merge(struct ts_diag *into, const struct ts_diag *from,
		   const char *text, size_t len);

/* Quote a value from the input for a message: its first `max` bytes,
 * with NUL, control characters and bytes that are not UTF-8 escaped
 * (\x00, \n, \x1b, \xe9) so that a message stays one readable line.
 * Writes into buf (cap bytes; 4 * max + 1 is always enough) and returns
 * it. */
char *ts_diag_quote(char *buf, size_t cap, const char *s, size_t n, size_t max);
#define TS_QUOTE_MAX 40                  /* bytes of a value a message quotes */
#define TS_QUOTE_BUF (4 * TS_QUOTE_MAX + 1)

/* TS_EXIT_PARTIAL when anything was dropped, else TS_EXIT_OK. */
int ts_diag_exit_status(const struct ts_diag *d);

#endif /* TS_DIAG_H */
