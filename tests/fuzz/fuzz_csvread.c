/* fuzz_csvread.c - libFuzzer target for the CSV reader (csvread.c) and,
 * on some inputs, the loader above it (load.c).
 *
 * The first byte chooses the mode, the rest is the file:
 *   bit 0-1  0: ts_csv_read_file with a callback touching every field;
 *            1: the same, asking on the header for a column mask, trimming
 *               and the field-by-field hot path;
 *            2: ts_load_csv as a synthesis file; 3: as a realtime file
 *            (into an in-memory store).
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
	ts_load_csv(store, &in, &tot, &d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ts_csv_info info;
	struct ts_diag d;
	struct touch t;
	int mode;

	if (size < 1)
		return 0;
	mode = data[0] & 3;
	data++;
	size--;
	if (mode >= 2) {
		load(data, size, mode == 3);
		return 0;
	}
	memset(&t, 0, sizeof(t));
	memset(&info, 0, sizeof(info));
	t.fast = mode == 1;
	t.info = &info;
	fuzz_diag(&d);
	ts_csv_read_file(fuzz_file("synthesis_fz_20251101.csv", data, size),
			 "synthesis_fz_20251101.csv", on_record, &t, &d, &info);
	if (info.bytes > size + 3)
		abort();   /* read more than the file holds */
	return 0;
}
