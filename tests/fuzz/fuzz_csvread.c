/* fuzz_csvread.c - libFuzzer target for the CSV reader (csvread.c) and,
 * on some inputs, the loader above it (load.c).
 *
 * The first byte chooses the mode, the rest is the file:
 *   bit 0-1  0: ts_csv_read_file with a callback touching every field;
 *            1: the same, asking on the header for a column mask, trimming
 *               and the field-by-field hot path;
 *            2: ts_load_csv as a synthesis file; 3: as a realtime file
 *            (into an in-memory store).
 *   bit 2    modes 0-1: read only a byte range of the file, taken from the
 *            next two bytes; mode 3: read the realtime file also in
 *            segments (the fuzz build cuts every 64 bytes) and abort when
 *            the merge takes them but they say or count other than the
 *            file read whole.
 */
#include "fuzz_util.h"
#include "csvread.h"
#include "load.h"
#include "store.h"

struct touch {
	unsigned long long sum;   /* keeps the reads from being optimised out */
	int header_seen;
	int fast;                 /* mode 1: ask for the hot path */
	unsigned char want[8];
	struct ts_csv_info *info;
};

static void on_field(void *ctx, size_t col, const char *s, size_t len)
{
	struct touch *t = ctx;

	if (col < t->info->nwant && !t->want[col])
		abort();   /* a column not asked for */
	for (size_t i = 0; i < len; i++)
		t->sum += (unsigned char)s[i] + col;
	t->sum += (unsigned char)s[len];   /* the NUL after the field */
}

static int on_end(void *ctx, long line, size_t nf, size_t filled)
{
	struct touch *t = ctx;

	if (filled > nf)
		abort();
	t->sum += (unsigned long long)line + nf;
	return 0;
}

static int on_record(void *ctx, long line, size_t nf, char *const *f, const size_t *len)
{
	struct touch *t = ctx;

	if (line < 1)
		abort();   /* lines are 1-based */
	for (size_t i = 0; i < nf; i++) {
		for (size_t k = 0; k < len[i]; k++)
			t->sum += (unsigned char)f[i][k];
		if (f[i][len[i]] != '\0')
			abort();   /* every field is NUL-terminated */
	}
	if (!t->header_seen++ && t->fast) {
		for (size_t i = 0; i < sizeof(t->want); i++)
			t->want[i] = (unsigned char)(i % 2);
		t->info->want = t->want;
		t->info->nwant = nf < sizeof(t->want) ? nf : sizeof(t->want);
		t->info->trim = 1;
		t->info->field_fn = on_field;
		t->info->end_fn = on_end;
	}
	return 0;
}

static void load(const uint8_t *data, size_t size, int realtime)
{
	struct ts_store *store;
	struct ts_diag d;
	struct ts_load_totals tot;
	struct ts_input in;
	char rel[] = "synthesis_fz_20251101.csv";
	char rel_rt[] = "realtime_fz_20251101.csv";
	char tier[] = "fz", stem[] = "fz_20251101";

	fuzz_diag(&d);
	store = fuzz_store();
	memset(&in, 0, sizeof(in));
	memset(&tot, 0, sizeof(tot));
	in.rel = realtime ? rel_rt : rel;
	in.path = (char *)fuzz_file(in.rel, data, size);
	in.kind = realtime ? TS_KIND_REALTIME : TS_KIND_SYNTHESIS;
	in.tier = tier;
	in.stem = stem;
	in.size = (long long)size;
	if (realtime) {
		struct ts_rt_parsed r;
		ts_load_realtime_parse(&in, 0, &r, &d);
		ts_load_realtime_store(store, &in, &r, &tot);
		ts_rt_parsed_release(&r);
	} else {
		ts_load_synthesis(store, &in, "unknown", &tot, &d);
	}
}

/* Messages of one read, kept to compare. */
struct said {
	char *text;
	size_t len;
	FILE *fp;
	struct ts_diag d;
};

static void said_open(struct said *s)
{
	memset(s, 0, sizeof(*s));
	s->fp = open_memstream(&s->text, &s->len);
	if (!s->fp)
		abort();
	ts_diag_init(&s->d, s->fp);
}

static void said_close(struct said *s)
{
	fclose(s->fp);
	s->d.out = NULL;
}

static int same_number(double a, double b)
{
	if (a != a || b != b)
		return a != a && b != b;
	return a == b || (a - b) / (a > b ? a : b) < 1e-12;
}

/* A realtime file read whole and in segments (as ingest.c does). */
static void segments(const uint8_t *data, size_t size)
{
	char rel[] = "realtime_fz_20251101.csv", tier[] = "fz", stem[] = "fz_20251101";
	struct ts_rt_parsed whole, *seg, **p;
	struct said a, b;
	struct ts_input in;
	long long cuts[512];
	size_t nc;

	memset(&in, 0, sizeof(in));
	in.rel = rel;
	in.path = (char *)fuzz_file(rel, data, size);
	in.kind = TS_KIND_REALTIME;
	in.tier = tier;
	in.stem = stem;
	in.size = (long long)size;
	nc = ts_load_rt_cuts(&in, cuts, 512);
	if (nc == 0)
		return;
	said_open(&a);
	ts_load_realtime_parse(&in, 0, &whole, &a.d);
	said_close(&a);
	seg = calloc(nc + 1, sizeof(*seg));
	p = calloc(nc + 1, sizeof(*p));
	if (!seg || !p)
		abort();
	said_open(&b);
	for (size_t k = 0; k <= nc; k++) {
		struct said later;
		p[k] = &seg[k];
		if (k == 0) {
			ts_load_realtime_segment(&in, 0, cuts[0], &seg[0], &b.d);
			continue;
		}
		said_open(&later);
		ts_load_realtime_segment(&in, cuts[k - 1], k < nc ? cuts[k] : 0, &seg[k], &later.d);
		said_close(&later);
		if (seg[k].quiet && later.len)
			abort();   /* "quiet" but said something */
		free(later.text);
	}
	if (ts_load_realtime_merge(&in, p, nc + 1, &b.d) == 0) {
		said_close(&b);
		if (a.len != b.len || memcmp(a.text, b.text, a.len) != 0 ||
		    a.d.n.note != b.d.n.note || a.d.n.warning != b.d.n.warning ||
		    a.d.n.rows != b.d.n.rows || a.d.n.cells != b.d.n.cells ||
		    whole.ok != seg[0].ok || whole.rows_used != seg[0].rows_used ||
		    whole.rows_skipped != seg[0].rows_skipped ||
		    whole.agg.samples != seg[0].agg.samples || whole.agg.col[TS_RC_CPU_PERCENT].n != seg[0].agg.col[TS_RC_CPU_PERCENT].n ||
		    !same_number(whole.agg.col[TS_RC_TIMESTAMP].min, seg[0].agg.col[TS_RC_TIMESTAMP].min) ||
		    !same_number(whole.agg.col[TS_RC_TIMESTAMP].max, seg[0].agg.col[TS_RC_TIMESTAMP].max) ||
		    !same_number(whole.agg.col[TS_RC_CPU_PERCENT].sum, seg[0].agg.col[TS_RC_CPU_PERCENT].sum) ||
		    !same_number(whole.agg.col[TS_RC_CPU_PERCENT].max, seg[0].agg.col[TS_RC_CPU_PERCENT].max) ||
		    !same_number(whole.agg.col[TS_RC_MEMORY_MB].max, seg[0].agg.col[TS_RC_MEMORY_MB].max) ||
		    !same_number(whole.agg.col[TS_RC_TEMPERATURE_C].max, seg[0].agg.col[TS_RC_TEMPERATURE_C].max) ||
		    !ts_env_equal(&whole.env[TS_RC_MEMORY_MB], &seg[0].env[TS_RC_MEMORY_MB]) ||
		    !ts_env_equal(&whole.env[TS_RC_CPU_PERCENT], &seg[0].env[TS_RC_CPU_PERCENT])) {
			fprintf(stderr, "whole (rows %llu+%llu, samples %lld) said:\n%.*s\n"
				"segments (rows %llu+%llu, samples %lld; %zu cuts) said:\n%.*s\n",
				whole.rows_used, whole.rows_skipped, whole.agg.samples, (int)a.len, a.text,
				seg[0].rows_used, seg[0].rows_skipped, seg[0].agg.samples, nc, (int)b.len, b.text);
			abort();   /* the merge took segments that differ from the file */
		}
	} else {
		said_close(&b);
	}
	ts_rt_parsed_release(&whole);
	for (size_t k = 0; k <= nc; k++)
		ts_rt_parsed_release(&seg[k]);
	free(a.text);
	free(b.text);
	free(seg);
	free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ts_csv_info info;
	struct ts_diag d;
	struct touch t;
	int mode;

	if (size < 1)
		return 0;
	mode = data[0] & 7;
	data++;
	size--;
	if ((mode & 3) >= 2) {
		load(data, size, (mode & 3) == 3);
		if (mode == 7)
			segments(data, size);
		return 0;
	}
	memset(&t, 0, sizeof(t));
	memset(&info, 0, sizeof(info));
	t.fast = (mode & 3) == 1;
	t.info = &info;
	if ((mode & 4) && size >= 2) {   /* a range: [a/256, a/256 + b/255 of the rest) */
		size_t n = size - 2, start = (size_t)data[0] * n / 256;
		info.range_start = (long long)start;
		info.range_end = data[1] ? (long long)(start + (size_t)data[1] * (n - start) / 255) : 0;
		if (info.range_end && info.range_end <= info.range_start)
			info.range_end = info.range_start + 1;
		data += 2;
		size -= 2;
	}
	fuzz_diag(&d);
	ts_csv_read_file(fuzz_file("synthesis_fz_20251101.csv", data, size),
			 "synthesis_fz_20251101.csv", on_record, &t, &d, &info);
	if (info.bytes > size + 3)
		abort();   /* read more than the file holds */
	if (info.range_end && info.bytes > (unsigned long long)(info.range_end - info.range_start))
		abort();   /* read past the range */
	return 0;
}
