/* fastdiff.h - read a CSV file as the realtime loader does (the header
 * by record, then field by field) and write down everything the reader
 * says, so that the fast path (csvread.h ts_csv_fast_path) can be
 * compared with libcsv alone: tests/unit/test_csvread.c and
 * tests/fuzz/fuzz_fastpath.c. Header-only, for those two.
 *
 * fastdiff_read() returns a malloc'd text: per data record
 * "LINE:nf/filled:col=FIELD,...", fields escaped (\n \r \0 \\ and the
 * comma), then the return code, the counts of ts_csv_info and every
 * message printed. Two reads of one file that differ only in the path
 * taken must give the same text. *fast_records gets the records split by
 * the fast path.
 */
#ifndef TS_FASTDIFF_H
#define TS_FASTDIFF_H

#include "ts.h"
#include "csvread.h"
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fastdiff {
	FILE *out;
	struct ts_csv_info *info;
	int trim;                 /* ask libcsv to trim, as realtime files do */
	unsigned want_mask;       /* bit i: column i asked for (i < 8) */
	unsigned char want[8];
	unsigned long stop_after; /* end_fn stops after this many; 0 never */
	unsigned long ends;
};

static void fastdiff_field(void *ctx, size_t col, const char *s, size_t len)
{
	struct fastdiff *x = ctx;

	fprintf(x->out, "%zu=", col);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r' || c == 0 || c == '\\' || c == ',')
			fprintf(x->out, "\\%02x", c);
		else
			fputc(c, x->out);
	}
	fprintf(x->out, "%s,", s[len] == '\0' ? "" : "<not terminated>");
}

static int fastdiff_end(void *ctx, long line, size_t nf, size_t filled)
{
	struct fastdiff *x = ctx;

	fprintf(x->out, "|%ld:%zu/%zu\n", line, nf, filled);
	return x->stop_after && ++x->ends >= x->stop_after;
}

static int fastdiff_header(void *ctx, long line, size_t nf, char *const *f,
			   const size_t *len)
{
	struct fastdiff *x = ctx;

	fprintf(x->out, "header %ld:%zu", line, nf);
	for (size_t i = 0; i < nf; i++)
		fprintf(x->out, " %zu", len[i]);
	(void)f;
	fputc('\n', x->out);
	for (size_t i = 0; i < sizeof(x->want); i++)
		x->want[i] = (unsigned char)((x->want_mask >> i) & 1);
	x->info->want = x->want;
	x->info->nwant = nf < sizeof(x->want) ? nf : sizeof(x->want);
	x->info->trim = x->trim;
	x->info->field_fn = fastdiff_field;
	x->info->end_fn = fastdiff_end;
	return 0;
}

/* Read `path` (named `name` in messages) with the fast path on or off,
 * `chunk` bytes at a time; only bytes [0, range_end) when range_end > 0
 * (as a segment of a big file is read: csvread.h range_end). */
static inline char *fastdiff_read(const char *path, const char *name, int fast,
				  size_t chunk, int trim, unsigned want_mask,
				  unsigned long stop_after, long long range_end,
				  unsigned long *fast_records)
{
	struct ts_csv_info info;
	struct fastdiff x;
	struct ts_diag d;
	char *text = NULL, *said = NULL;
	size_t len = 0, said_len = 0;
	FILE *msgs = open_memstream(&said, &said_len);
	int saved_fast = ts_csv_fast_path, rc;
	size_t saved_chunk = ts_csv_read_chunk;

	memset(&info, 0, sizeof(info));
	memset(&x, 0, sizeof(x));
	x.out = open_memstream(&text, &len);
	if (!x.out || !msgs)
		abort();
	info.range_end = range_end;
	x.info = &info;
	x.trim = trim;
	x.want_mask = want_mask;
	x.stop_after = stop_after;
	ts_diag_init(&d, msgs);
	ts_csv_fast_path = fast;
	ts_csv_read_chunk = chunk;
	rc = ts_csv_read_file(path, name, fastdiff_header, &x, &d, &info);
	ts_csv_fast_path = saved_fast;
	ts_csv_read_chunk = saved_chunk;
	fclose(msgs);
	fprintf(x.out, "rc %d records %lu lines %ld bytes %llu bom %d lf %lu crlf %lu cr %lu "
		"unterminated %ld stopped %d clean_end %d\nsaid:\n%s",
		rc, info.records, info.lines, info.bytes, info.had_bom, info.n_lf,
		info.n_crlf, info.n_cr, info.unterminated_line, info.stopped, info.clean_end,
		said ? said : "");
	fclose(x.out);
	free(said);
	if (fast_records)
		*fast_records = info.fast_records;
	return text;
}

#endif /* TS_FASTDIFF_H */
