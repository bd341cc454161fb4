/* test_store.c - the SQLite store (store.h) on a real temporary store and
 * real store files (--db): input files, synthesis rows (one struct ts_val
 * per column of columns.h) and realtime aggregates read back through the
 * queries; a duplicate row says where the first one is; a rolled-back
 * file leaves nothing; messages and counts round-trip for a re-run; a
 * file forgotten takes its rows along; a file that is not a store is
 * refused with the exact message and left byte-identical; reopening a
 * store keeps what it holds. */
#include "ts.h"
#include "testutil.h"
#include "store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct fx {
	char *dir;
	struct tu_diag td;
	struct ts_store *s;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->dir = tu_mkdtemp();
	tu_diag_init(&f->td);
	f->s = ts_store_open(NULL, &f->td.d);
	assert_non_null(f->s);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	ts_store_close(f->s);
	tu_diag_release(&f->td);
	tu_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* An input as the scan makes it (only what the store reads). */
static struct ts_input input(const char *rel, enum ts_kind kind, const char *tier,
			     const char *stem, long long size, long long mtime_s)
{
	struct ts_input in;

	memset(&in, 0, sizeof(in));
	in.path = (char *)rel;
	in.rel = (char *)rel;
	in.kind = kind;
	in.tier = (char *)tier;
	in.stem = (char *)stem;
	in.size = size;
	in.mtime.tv_sec = mtime_s;
	in.mtime.tv_nsec = 5;
	return in;
}

static struct ts_val text(const char *s)
{
	struct ts_val v = { TS_VAL_TEXT, 0, 0, s, strlen(s) };
	return v;
}

static struct ts_val real(double r)
{
	struct ts_val v = { TS_VAL_REAL, 0, r, NULL, 0 };
	return v;
}

static struct ts_val integer(enum ts_val_type type, long long i)
{
	struct ts_val v = { type, i, 0, NULL, 0 };
	return v;
}

/* A synthesis row: every column unknown but the key, rtf, success. */
static void row(struct ts_val *v, const char *id, const char *ht, const char *dt,
		double rtf, int success)
{
	memset(v, 0, TS_SC_COUNT * sizeof(*v));
	v[TS_SC_REQUEST_ID] = text(id);
	v[TS_SC_HARDWARE_TIER] = text(ht);
	v[TS_SC_DEVICE_TYPE] = text(dt);
	v[TS_SC_RTF] = real(rtf);
	v[TS_SC_SUCCESS] = integer(TS_VAL_BOOL, success);
}

/* One file in one transaction: add, rows, status, commit. */
static long long add_syn_file(struct ts_store *s, const struct ts_input *in,
			      struct ts_val rows[][TS_SC_COUNT], size_t n)
{
	long long id;
	char *dp = NULL;
	long dl = 0;

	assert_int_equal(ts_store_begin(s), 0);
	id = ts_store_add_file(s, in);
	assert_true(id > 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ts_store_add_synthesis(s, id, (long)i + 2, rows[i], &dp, &dl), 0);
	assert_int_equal(ts_store_file_status(s, id, "read", (long long)n, 0, 0), 0);
	assert_int_equal(ts_store_commit(s), 0);
	return id;
}

struct seen { int n; double rtf[8]; int success[8]; char path[8][64]; char dt[8][16]; };

static int collect(void *ctx, const struct ts_syn_row *r)
{
	struct seen *x = ctx;

	assert_true(x->n < 8);
	x->rtf[x->n] = r->v[0];
	x->success[x->n] = r->success;
	snprintf(x->path[x->n], sizeof(x->path[0]), "%s", r->path);
	snprintf(x->dt[x->n], sizeof(x->dt[0]), "%s", r->device_type);
	x->n++;
	return 0;
}

static void synthesis_rows_round_trip(void **state)
{
	struct fx *f = *state;
	struct ts_input in = input("a/synthesis_box_20250101.csv", TS_KIND_SYNTHESIS, "box",
				   "a/box_20250101", 100, 1700000000);
	struct ts_val rows[3][TS_SC_COUNT];
	const enum ts_syn_col want[] = { TS_SC_RTF };
	struct seen seen = { 0 };
	struct ts_tier_key *keys;
	struct ts_syn_first *first;
	size_t nk, nf;
	char *cpu, *gpu;
	long long cores;
	double mem;

	row(rows[0], "r1", "box", "cuda", 0.25, 1);
	rows[0][TS_SC_CPU_MODEL] = text("Ryzen 7");
	rows[0][TS_SC_CPU_CORES] = integer(TS_VAL_INT, 8);
	rows[0][TS_SC_TOTAL_MEMORY_GB] = real(31.5);
	row(rows[1], "r2", "box", "cuda", 0.5, 0);
	row(rows[2], "r1", "box", "cpu", 2, 1);   /* same id, other device: not a dup */
	rows[2][TS_SC_RTF].type = TS_VAL_NULL;    /* unknown: NAN */
	add_syn_file(f->s, &in, rows, 3);
	assert_int_equal(ts_store_scan_synthesis(f->s, want, 1, collect, &seen), 0);
	assert_int_equal(seen.n, 3);
	assert_double_rel(seen.rtf[0], 0.25, 0);
	assert_double_rel(seen.rtf[1], 0.5, 0);
	assert_true(isnan(seen.rtf[2]));
	assert_int_equal(seen.success[0], 1);
	assert_int_equal(seen.success[1], 0);
	assert_string_equal(seen.path[0], "a/synthesis_box_20250101.csv");
	assert_string_equal(seen.dt[2], "cpu");
	/* keys sorted: (box, cpu) before (box, cuda) */
	assert_int_equal(ts_store_tier_keys(f->s, &keys, &nk), 0);
	assert_int_equal(nk, 2);
	assert_string_equal(keys[0].device_type, "cpu");
	assert_string_equal(keys[1].device_type, "cuda");
	assert_string_equal(keys[1].hardware_tier, "box");
	ts_store_free_keys(keys, nk);
	/* the first row's hardware (1: found); unknown ones NULL / -1 / NAN */
	assert_int_equal(ts_store_row_hardware(f->s, "box", "cuda", &cpu, &gpu, &cores, &mem), 1);
	assert_string_equal(cpu, "Ryzen 7");
	assert_null(gpu);
	assert_int_equal(cores, 8);
	assert_double_rel(mem, 31.5, 0);
	free(cpu);
	assert_int_equal(ts_store_row_hardware(f->s, "box", "cpu", &cpu, &gpu, &cores, &mem), 1);
	assert_null(cpu);
	assert_int_equal(cores, -1);
	assert_true(isnan(mem));
	/* the file's stems and its first row's key */
	assert_int_equal(ts_store_synthesis_firsts(f->s, &first, &nf), 0);
	assert_int_equal(nf, 1);
	assert_string_equal(first[0].stem, "a/box_20250101");
	assert_string_equal(first[0].base_stem, "box_20250101");
	assert_string_equal(first[0].device_type, "cuda");
	ts_store_free_syn_firsts(first, nf);
	assert_string_equal(tu_diag_text(&f->td), "");
}

/* A second (tier, device, request_id): 1, and where the first one is. */
static void duplicate_row_says_where(void **state)
{
	struct fx *f = *state;
	struct ts_input a = input("synthesis_m_20250101.csv", TS_KIND_SYNTHESIS, "m", "m_20250101", 1, 1);
	struct ts_input b = input("synthesis_m_20250102.csv", TS_KIND_SYNTHESIS, "m", "m_20250102", 1, 1);
	struct ts_val rows[2][TS_SC_COUNT], dup[TS_SC_COUNT];
	char *dp = NULL;
	long dl = 0;
	long long id;

	row(rows[0], "x0", "m", "cpu", 1, 1);
	row(rows[1], "x1", "m", "cpu", 1, 1);   /* stored at line 3 */
	add_syn_file(f->s, &a, rows, 2);
	assert_int_equal(ts_store_begin(f->s), 0);
	id = ts_store_add_file(f->s, &b);
	row(dup, "x1", "m", "cpu", 9, 0);
	assert_int_equal(ts_store_add_synthesis(f->s, id, 7, dup, &dp, &dl), 1);
	assert_string_equal(dp, "synthesis_m_20250101.csv");
	assert_int_equal(dl, 3);
	free(dp);
	/* the statement is usable again: a new row goes in */
	row(dup, "x2", "m", "cpu", 9, 0);
	assert_int_equal(ts_store_add_synthesis(f->s, id, 8, dup, &dp, &dl), 0);
	assert_int_equal(ts_store_commit(f->s), 0);
	assert_string_equal(tu_diag_text(&f->td), "");
}

static int count_rows(void *ctx, const struct ts_syn_row *r)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

/* A file that fails half way: rollback leaves neither it nor its rows. */
static void rollback_leaves_nothing(void **state)
{
	struct fx *f = *state;
	struct ts_input in = input("synthesis_r_20250101.csv", TS_KIND_SYNTHESIS, "r", "r_20250101", 1, 1);
	struct ts_val v[TS_SC_COUNT];
	const enum ts_syn_col want[] = { TS_SC_RTF };
	struct ts_prior *p;
	size_t np;
	char *dp;
	long dl;
	int n = 0;
	long long id;

	assert_int_equal(ts_store_begin(f->s), 0);
	id = ts_store_add_file(f->s, &in);
	row(v, "q", "r", "cpu", 1, 1);
	assert_int_equal(ts_store_add_synthesis(f->s, id, 2, v, &dp, &dl), 0);
	ts_store_rollback(f->s);
	ts_store_rollback(f->s);   /* outside a transaction: nothing */
	assert_int_equal(ts_store_scan_synthesis(f->s, want, 1, count_rows, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(ts_store_prior_files(f->s, &p, &np), 0);
	assert_int_equal(np, 0);
	ts_store_free_prior(p, np);
	assert_string_equal(tu_diag_text(&f->td), "");
}

static void realtime_aggregate_round_trip(void **state)
{
	struct fx *f = *state;
	struct ts_input in = input("d/realtime_box_20250101.csv", TS_KIND_REALTIME, "box",
				   "d/box_20250101", 10, 1);
	struct ts_rt_agg a;
	struct ts_rt_file *v;
	size_t n;
	long long id;

	ts_rt_agg_init(&a);
	a.samples = 4;
	a.col[TS_RC_TIMESTAMP].n = 4;
	a.col[TS_RC_TIMESTAMP].min = 100.5;
	a.col[TS_RC_TIMESTAMP].max = 103.25;
	a.col[TS_RC_CPU_PERCENT].n = 3;
	a.col[TS_RC_CPU_PERCENT].sum = 0.1 + 0.2;   /* kept bit for bit */
	a.col[TS_RC_CPU_PERCENT].max = 250;
	/* memory_mb: no value (n 0, NAN); temperature_c: one */
	a.col[TS_RC_TEMPERATURE_C].n = 1;
	a.col[TS_RC_TEMPERATURE_C].max = 61;
	assert_int_equal(ts_store_begin(f->s), 0);
	id = ts_store_add_file(f->s, &in);
	assert_int_equal(ts_store_add_realtime(f->s, id, &a), 0);
	assert_int_equal(ts_store_file_status(f->s, id, "read", 4, 1, 0), 0);
	assert_int_equal(ts_store_commit(f->s), 0);
	assert_int_equal(ts_store_realtime_files(f->s, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].path, "d/realtime_box_20250101.csv");
	assert_string_equal(v[0].tier, "box");
	assert_string_equal(v[0].stem, "d/box_20250101");
	assert_string_equal(v[0].base_stem, "box_20250101");
	assert_int_equal(v[0].a.samples, 4);
	assert_int_equal(v[0].a.col[TS_RC_TIMESTAMP].n, 4);
	assert_double_rel(v[0].a.col[TS_RC_TIMESTAMP].min, 100.5, 0);
	assert_double_rel(v[0].a.col[TS_RC_TIMESTAMP].max, 103.25, 0);
	assert_int_equal(v[0].a.col[TS_RC_CPU_PERCENT].n, 3);
	assert_true(v[0].a.col[TS_RC_CPU_PERCENT].sum == 0.1 + 0.2);
	assert_double_rel(v[0].a.col[TS_RC_CPU_PERCENT].max, 250, 0);
	assert_true(isnan(v[0].a.col[TS_RC_CPU_PERCENT].min));
	assert_int_equal(v[0].a.col[TS_RC_MEMORY_MB].n, 0);
	assert_true(isnan(v[0].a.col[TS_RC_MEMORY_MB].max));
	assert_double_rel(v[0].a.col[TS_RC_MEMORY_MB].sum, 0, 0);
	assert_double_rel(v[0].a.col[TS_RC_TEMPERATURE_C].max, 61, 0);
	ts_store_free_rt_files(v, n);
}

/* What a file printed and counted comes back for a re-run; a file
 * forgotten is gone with its rows. */
static void file_log_and_forget(void **state)
{
	struct fx *f = *state;
	struct ts_input a = input("synthesis_k_20250101.csv", TS_KIND_SYNTHESIS, "k", "k_20250101", 123, 1700000000);
	struct ts_input b = input("analysis_k.json", TS_KIND_ANALYSIS, "k", NULL, 7, 1);
	struct ts_val rows[1][TS_SC_COUNT];
	struct ts_diag_counts c = { 1, 2, 3, 4, 5, 6 };
	const char msg[] = "tierstat: synthesis_k_20250101.csv:2: warning: x\n";
	const enum ts_syn_col want[] = { TS_SC_RTF };
	struct ts_prior *p;
	size_t np;
	int n = 0;

	row(rows[0], "k1", "k", "cpu", 1, 1);
	add_syn_file(f->s, &a, rows, 1);
	assert_int_equal(ts_store_begin(f->s), 0);
	assert_true(ts_store_add_file(f->s, &b) > 0);
	assert_int_equal(ts_store_commit(f->s), 0);
	assert_int_equal(ts_store_file_log(f->s, a.rel, msg, strlen(msg), &c), 0);
	assert_int_equal(ts_store_prior_files(f->s, &p, &np), 0);
	assert_int_equal(np, 2);   /* sorted by path: analysis_k.json first */
	assert_string_equal(p[0].path, "analysis_k.json");
	assert_string_equal(p[0].kind, "analysis");
	assert_string_equal(p[1].kind, "synthesis");
	assert_string_equal(p[1].status, "read");
	assert_int_equal(p[1].size, 123);
	assert_int_equal(p[1].mtime_ns, 1700000000LL * 1000000000LL + 5);
	assert_int_equal(p[1].rows_used, 1);
	assert_string_equal(p[1].messages, msg);
	assert_int_equal(p[1].counts.note, 1);
	assert_int_equal(p[1].counts.warning, 2);
	assert_int_equal(p[1].counts.error, 3);
	assert_int_equal(p[1].counts.cells, 4);
	assert_int_equal(p[1].counts.rows, 5);
	assert_int_equal(p[1].counts.files, 6);
	ts_store_free_prior(p, np);
	assert_string_equal(ts_store_kind_name(TS_KIND_SPECS), "hardware_specs");
	assert_int_equal(ts_store_forget_path(f->s, a.rel), 0);
	assert_int_equal(ts_store_scan_synthesis(f->s, want, 1, count_rows, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(ts_store_prior_files(f->s, &p, &np), 0);
	assert_int_equal(np, 1);
	assert_string_equal(p[0].path, "analysis_k.json");
	ts_store_free_prior(p, np);
	assert_int_equal(ts_store_forget_kind(f->s, TS_KIND_ANALYSIS), 0);
	assert_int_equal(ts_store_prior_files(f->s, &p, &np), 0);
	assert_int_equal(np, 0);
	ts_store_free_prior(p, np);
}

/* --db on a file that is not a store: refused, exact message, the file
 * byte for byte as it was. */
static void not_a_store_is_refused(void **state)
{
	struct fx *f = *state;
	char path[4096], *before, *after, expect[4400];
	size_t nb, na;
	struct tu_diag t;

	tu_write_file(f->dir, "notes.txt", "my thesis notes\n\0\x01binary", 24);
	tu_pathf(path, sizeof(path), "%s/notes.txt", f->dir);
	before = tu_read_file(path, &nb);
	tu_diag_init(&t);
	assert_null(ts_store_open(path, &t.d));
	after = tu_read_file(path, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(after, before, nb);
	/* SQLite cannot read it: its own words after ours */
	snprintf(expect, sizeof(expect),
		 "tierstat: error: --db '%s': not a tierstat store: file is not a database"
		 " (left untouched; choose another --db file)\n", path);
	assert_string_equal(tu_diag_text(&t), expect);
	assert_int_equal(t.d.n.error, 1);
	tu_diag_release(&t);
	free(before);
	free(after);
}

/* A real SQLite database of somebody else: the exact message. */
static void foreign_sqlite_is_refused(void **state)
{
	struct fx *f = *state;
	char path[4096], cmd[4200], expect[4400], *before, *after;
	size_t nb, na;
	struct tu_diag t;

	tu_pathf(path, sizeof(path), "%s/other.db", f->dir);
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'", path);
	if (system(cmd) != 0)
		skip();   /* the sqlite3 shell is a test dependency (TEST_DEBS) */
	before = tu_read_file(path, &nb);
	tu_diag_init(&t);
	assert_null(ts_store_open(path, &t.d));
	snprintf(expect, sizeof(expect),
		 "tierstat: error: --db '%s': not a tierstat store: a SQLite database of another program"
		 " (left untouched; choose another --db file)\n", path);
	assert_string_equal(tu_diag_text(&t), expect);
	after = tu_read_file(path, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(after, before, nb);
	tu_diag_release(&t);
	free(before);
	free(after);
}

/* Run the sqlite3 shell on path; skip the test without it. */
static void sql(const char *path, const char *stmt)
{
	char cmd[8192];

	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' \"%s\" >/dev/null", path, stmt);
	if (system(cmd) != 0)
		skip();   /* the sqlite3 shell is a test dependency (TEST_DEBS) */
}

/* A file store with one synthesis file in it, closed. */
static void make_store_file(struct fx *f, const char *path)
{
	struct ts_input in = input("synthesis_v_20250101.csv", TS_KIND_SYNTHESIS, "v", "v_20250101", 9, 2);
	struct ts_val rows[1][TS_SC_COUNT];
	struct ts_store *s = ts_store_open(path, &f->td.d);

	assert_non_null(s);
	row(rows[0], "v1", "v", "cpu", 1, 1);
	add_syn_file(s, &in, rows, 1);
	ts_store_close(s);
}

static size_t prior_count(struct ts_store *s)
{
	struct ts_prior *p;
	size_t n;

	assert_int_equal(ts_store_prior_files(s, &p, &n), 0);
	ts_store_free_prior(p, n);
	return n;
}

/* A tierstat store of another schema version: refused, left as it is.
 * (4 is TS_SCHEMA_VERSION of store.c today.) */
static void other_schema_version_refused(void **state)
{
	struct fx *f = *state;
	char path[4096], expect[4400], *before, *after;
	size_t nb, na;
	struct tu_diag t;

	tu_pathf(path, sizeof(path), "%s/old.db", f->dir);
	make_store_file(f, path);
	sql(path, "PRAGMA user_version = 2;");
	before = tu_read_file(path, &nb);
	tu_diag_init(&t);
	assert_null(ts_store_open(path, &t.d));
	snprintf(expect, sizeof(expect),
		 "tierstat: error: --db '%s': a tierstat store of schema version 2; this tierstat writes"
		 " version 5 (left untouched; remove it or choose another --db file)\n", path);
	assert_string_equal(tu_diag_text(&t), expect);
	after = tu_read_file(path, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(after, before, nb);
	tu_diag_release(&t);
	free(before);
	free(after);
}

/* A store written by another version of tierstat: opened, emptied (its
 * files would be read again), and then this version's. */
static void other_generator_emptied(void **state)
{
	struct fx *f = *state;
	char path[4096];
	struct ts_store *s;

	tu_pathf(path, sizeof(path), "%s/gen.db", f->dir);
	make_store_file(f, path);
	s = ts_store_open(path, &f->td.d);
	assert_int_equal(prior_count(s), 1);   /* same version: kept */
	ts_store_close(s);
	sql(path, "UPDATE meta SET value = 'tierstat 0.0' WHERE key = 'generator';");
	s = ts_store_open(path, &f->td.d);
	assert_non_null(s);
	assert_int_equal(prior_count(s), 0);
	ts_store_close(s);
	assert_string_equal(tu_diag_text(&f->td), "");
}

/* A store file closed and opened again holds what it held. */
static void reopened_store_keeps_files(void **state)
{
	struct fx *f = *state;
	char path[4096];
	struct ts_input in = input("synthesis_z_20250101.csv", TS_KIND_SYNTHESIS, "z", "z_20250101", 9, 2);
	struct ts_val rows[2][TS_SC_COUNT];
	const enum ts_syn_col want[] = { TS_SC_RTF };
	struct ts_store *s;
	struct ts_prior *p;
	size_t np;
	int n = 0;

	tu_pathf(path, sizeof(path), "%s/run.db", f->dir);
	s = ts_store_open(path, &f->td.d);
	assert_non_null(s);
	assert_int_equal(ts_store_is_file(s), 1);
	assert_int_equal(ts_store_is_file(f->s), 0);
	row(rows[0], "z1", "z", "cpu", 1, 1);
	row(rows[1], "z2", "z", "cpu", 2, 1);
	add_syn_file(s, &in, rows, 2);
	ts_store_close(s);
	s = ts_store_open(path, &f->td.d);
	assert_non_null(s);
	assert_int_equal(ts_store_prior_files(s, &p, &np), 0);
	assert_int_equal(np, 1);
	assert_string_equal(p[0].path, "synthesis_z_20250101.csv");
	assert_int_equal(p[0].rows_used, 2);
	ts_store_free_prior(p, np);
	assert_int_equal(ts_store_scan_synthesis(s, want, 1, count_rows, &n), 0);
	assert_int_equal(n, 2);
	ts_store_close(s);
	assert_string_equal(tu_diag_text(&f->td), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(synthesis_rows_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(duplicate_row_says_where, setup, teardown),
		cmocka_unit_test_setup_teardown(rollback_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(realtime_aggregate_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(file_log_and_forget, setup, teardown),
		cmocka_unit_test_setup_teardown(not_a_store_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(foreign_sqlite_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(reopened_store_keeps_files, setup, teardown),
		cmocka_unit_test_setup_teardown(other_schema_version_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(other_generator_emptied, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
