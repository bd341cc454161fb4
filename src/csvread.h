/* csvread.h - stream the records of one CSV file out of libcsv.
 *
 * The file is read in chunks of TS_READ_CHUNK bytes, never whole. Each
 * record goes to a callback with the 1-based physical line where it
 * starts (a newline inside a quoted field counts; CRLF, LF and a lone CR
 * each end one line). A UTF-8 BOM is skipped. Blank lines are skipped.
 * Fields are not trimmed (" rtf" stays " rtf", as pandas reads it) unless
 * the callback asks for it (ts_csv_info.trim). csvread.c is the only file
 * that includes <csv.h>.
 */
#ifndef TS_CSVREAD_H
#define TS_CSVREAD_H

#include "ts.h"
#include "diag.h"

/* One record: nf fields, field i at f[i] (NUL-terminated, len[i] bytes,
 * which may include NUL bytes). Borrowed: valid during the call only.
 * Return 0 to go on, nonzero to stop reading the file (the callback has
 * reported why). */
typedef int (*ts_csv_record_fn)(void *ctx, long line, size_t nf,
				char *const *f, const size_t *len);

/* Streaming alternative to ts_csv_record_fn for data rows (see
 * ts_csv_info.field_fn): each field asked for (ts_csv_info.want) as
 * libcsv delivers it, NUL-terminated, borrowed for the call only; then
 * the end of the record, with its number of fields and how many of them
 * were not empty. */
typedef void (*ts_csv_field_fn)(void *ctx, size_t col, const char *s, size_t len);
typedef int (*ts_csv_end_fn)(void *ctx, long line, size_t nf, size_t filled);

struct ts_csv_info {
	unsigned long records;    /* records handed to the callback */
	unsigned long fast_records; /* of which split by the fast path
	                             (ts_csv_fast_path below) */
	long lines;               /* physical lines read (in the range) */
	unsigned long long bytes; /* bytes read */
	/* ts_hash of every byte read, when want_hash was set and the read went
	 * on to the end of the file (range_end 0, not stopped); else 0 */
	unsigned long long hash;
	int want_hash;            /* in: set before the call to get `hash` */
	/* in: read only bytes [range_start, range_end) of the file (0, 0:
	 * all of it). A range that starts past 0 must start a record: it is
	 * not sniffed, has no BOM, and its first line is numbered 1. A range
	 * that ends before the end of the file ends on a line end; what
	 * follows is left to another reader, so `clean_end` tells whether
	 * the range ended between two records (not inside a quoted field). */
	long long range_start, range_end;
	int clean_end;
	int had_bom;              /* a UTF-8 BOM was skipped */
	/* line ends that end a record or a blank line (not those inside a
	 * quoted field, which are data): LF alone, CR LF, and CR alone */
	unsigned long n_lf;
	unsigned long n_crlf;
	unsigned long n_cr;
	/* The line where the last record starts when no line end follows it
	 * (it is handed over all the same) in a file where every record end
	 * and blank line before it is a CR LF, as Python's csv module writes
	 * them: n_lf and n_cr are 0 and n_crlf is not (a file with no line
	 * end at all gives 0). The writer may have been killed while writing
	 * that record, even if its field count is right. A last record ended
	 * by a lone CR in such a file counts too (its LF never written; that
	 * CR is not counted in n_cr). The header is a record here like any
	 * other. 0 otherwise: a line end after the last record, a last record
	 * dropped for a quote never closed, a read that stopped or did not
	 * reach the end of the file. A range that starts past 0 knows only its
	 * own line ends: with none at all it is taken as CR LF, so that the
	 * caller, who knows the counts before it, decides. */
	long unterminated_line;
	int stopped;              /* the callback asked to stop */
	/* Set by the callback (usually on the header): field i is copied
	 * only if i >= nwant or want[i]; the others arrive empty. Borrowed. */
	const unsigned char *want;
	size_t nwant;
	/* Set by the callback when blanks around unquoted fields no longer
	 * matter (every column read is a number): libcsv then trims them
	 * itself, inline, instead of calling our no-trim hook per byte. */
	int trim;
	/* Set by the callback (on the header) to take the following records
	 * field by field, without copying them into a record first: the hot
	 * path for files of numbers. Then `fn` is no longer called. Like
	 * `want` and `trim`, kept for another call with the same info (the
	 * rest of the file after its header was read alone). */
	ts_csv_field_fn field_fn;
	ts_csv_end_fn end_fn;
};

/* Read the file at `path` (shown as `name` in messages) and call fn for
 * every record, the header included. A file that ends inside a quoted
 * field (a writer killed mid-row) loses that last record, with a warning
 * naming the line where the record starts; a last record cut anywhere
 * else is handed over as it is (see unterminated_line). Returns 0, or -1 when the file could
 * not be opened or read, or is not CSV text (gzip, UTF-16, binary): each
 * reported once for `name`. `info` may be NULL. */
int ts_csv_read_file(const char *path, const char *name, ts_csv_record_fn fn,
		     void *ctx, struct ts_diag *d, struct ts_csv_info *info);

/* 1 (the default): feed simple chunks to libcsv whole; 0: always line
 * by line. The results are the same; tests compare the two. */
extern int ts_csv_whole_chunks;

/* 1 (the default): when the caller streams (field_fn), the whole lines
 * of a simple chunk (no quote, NUL, lone CR or blank line: almost every
 * chunk of a realtime file) are split into fields here, 64 bytes a step,
 * instead of by libcsv's byte-at-a-time loop; 0: libcsv splits every
 * record. libcsv stays the parser of record: a record under way at a
 * chunk's start or end and every chunk that is not simple go to it, and
 * the fields, lines, counts and messages are the same either way (tests
 * and tests/fuzz/fuzz_fastpath.c compare the two). */
extern int ts_csv_fast_path;

/* Bytes read at a time: TS_READ_CHUNK; tests vary it (at least 1). */
extern size_t ts_csv_read_chunk;

#endif /* TS_CSVREAD_H */
