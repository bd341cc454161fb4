/* store.c - the SQLite store of one run (see store.h). The only file
 * that includes <sqlite3.h>. */
#include "ts.h"
#include "store.h"
#include "mem.h"
#include "templates.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TS_APPLICATION_ID 0x74737431  /* "ts1" */
#define TS_SCHEMA_VERSION 2

const struct ts_column ts_synthesis_cols[TS_SC_COUNT] = {
	{ "request_id", TS_VAL_TEXT },       { "hardware_tier", TS_VAL_TEXT },
	{ "device_type", TS_VAL_TEXT },      { "cpu_model", TS_VAL_TEXT },
	{ "cpu_cores", TS_VAL_INT },         { "total_memory_gb", TS_VAL_REAL },
	{ "gpu_name", TS_VAL_TEXT },         { "text_length_chars", TS_VAL_INT },
	{ "text_length_tokens", TS_VAL_INT }, { "start_time", TS_VAL_REAL },
	{ "end_time", TS_VAL_REAL },         { "total_duration_s", TS_VAL_REAL },
	{ "peak_memory_mb", TS_VAL_REAL },   { "peak_memory_percent", TS_VAL_REAL },
	{ "peak_gpu_memory_mb", TS_VAL_REAL }, { "peak_temperature_c", TS_VAL_REAL },
	{ "throttle_detected", TS_VAL_BOOL }, { "rtf", TS_VAL_REAL },
	{ "tokens_per_second", TS_VAL_REAL }, { "success", TS_VAL_BOOL },
	{ "error_message", TS_VAL_TEXT },    { "quantization_used", TS_VAL_TEXT },
	{ "torch_compile_used", TS_VAL_BOOL }, { "onnx_used", TS_VAL_BOOL },
	{ "chunk_length", TS_VAL_INT },      { "num_threads", TS_VAL_INT },
};

enum stmt_id {
	ST_ADD_FILE, ST_FILE_STATUS, ST_FILE_LOG, ST_PRIOR, ST_FORGET_PATH,
	ST_FORGET_KIND, ST_ADD_SYN, ST_FIND_DUP, ST_ADD_RT,
	ST_ADD_SPECS, ST_ADD_ANALYSIS, ST_SPECS_DEVICE, ST_KEYS,
	ST_TIER_SPECS, ST_TIER_ANALYSIS, ST_RT_FILES, ST_SYN_FIRST, ST_ROW_HW,
	ST_COUNT
};

struct ts_store {
	sqlite3 *db;
	int reused;               /* opened an existing store of this version */
	int is_file;              /* --db: outlives the run */
	struct ts_diag *d;
	sqlite3_stmt *st[ST_COUNT];
};

static const char *const sql_text[ST_COUNT] = {
	[ST_ADD_FILE] = "INSERT INTO input_file(path, kind, tier, stem, size, mtime_ns, base_stem) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_FILE_STATUS] = "UPDATE input_file SET status = ?2, rows_used = ?3, rows_skipped = ?4, hash = ?5 WHERE id = ?1",
	[ST_FILE_LOG] = "UPDATE input_file SET messages = ?2, n_note = ?3, n_warning = ?4, n_error = ?5,"
		" cells_dropped = ?6, rows_dropped = ?7, files_dropped = ?8 WHERE path = ?1",
	[ST_PRIOR] = "SELECT path, kind, size, mtime_ns, status, rows_used, rows_skipped, messages,"
		" n_note, n_warning, n_error, cells_dropped, rows_dropped, files_dropped FROM input_file ORDER BY path",
	[ST_FORGET_PATH] = "DELETE FROM input_file WHERE path = ?1",
	[ST_FORGET_KIND] = "DELETE FROM input_file WHERE kind = ?1",
	[ST_ADD_SYN] = NULL, /* built from ts_synthesis_cols */
	[ST_FIND_DUP] = "SELECT f.path, s.line FROM synthesis s JOIN input_file f ON f.id = s.file_id"
		" WHERE s.hardware_tier = ?1 AND s.device_type = ?2 AND s.request_id = ?3",
	[ST_ADD_RT] = "INSERT INTO realtime_file VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_ADD_SPECS] = "INSERT INTO hardware_specs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_ADD_ANALYSIS] = "INSERT INTO analysis VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[ST_SPECS_DEVICE] = "SELECT device_type FROM hardware_specs WHERE hardware_tier = ?1"
		" AND device_type IS NOT NULL ORDER BY file_id LIMIT 1",
	[ST_KEYS] = "SELECT hardware_tier, device_type FROM synthesis"
		" UNION SELECT hardware_tier, device_type FROM analysis ORDER BY 1, 2",
	[ST_ROW_HW] = "SELECT cpu_model, gpu_name, cpu_cores, total_memory_gb FROM synthesis"
		" WHERE hardware_tier = ?1 AND device_type = ?2 ORDER BY rowid LIMIT 1",
	[ST_TIER_SPECS] = "SELECT s.hardware_tier, s.device_type, s.display_name, s.cpu_model, s.gpu_name,"
		" s.cpu_cores, s.total_memory_gb, s.json, f.path FROM hardware_specs s"
		" JOIN input_file f ON f.id = s.file_id WHERE s.hardware_tier = ?1"
		" ORDER BY s.device_type IS NOT ?2, f.path LIMIT 1",
	[ST_TIER_ANALYSIS] = "SELECT a.*, f.path FROM analysis a JOIN input_file f ON f.id = a.file_id"
		" WHERE a.hardware_tier = ?1 AND a.device_type = ?2 ORDER BY f.path LIMIT 1",
	/* the synthesis file with the same stem in the same folder, else the
	 * first with the same <tier>_<stamp> anywhere */
	[ST_RT_FILES] = "SELECT f.path, f.tier, f.stem, f.base_stem, r.samples, r.ts_min, r.ts_max,"
		" r.cpu_n, r.cpu_sum, r.cpu_max, r.memory_mb_max, r.temperature_c_max"
		" FROM realtime_file r JOIN input_file f ON f.id = r.file_id ORDER BY f.path",
	/* each synthesis file's first row: what a realtime file pairs with */
	[ST_SYN_FIRST] = "SELECT g.stem, g.base_stem, s.hardware_tier, s.device_type FROM input_file g"
		" JOIN synthesis s ON s.rowid = (SELECT rowid FROM synthesis WHERE file_id = g.id"
		" ORDER BY line LIMIT 1) WHERE g.kind = 'synthesis' ORDER BY g.path",
};

static int db_error(struct ts_store *s, const char *what)
{
	ts_diag_report(s->d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
		       "store: %s: %s", what, sqlite3_errmsg(s->db));
	return -1;
}

static int exec(struct ts_store *s, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		ts_diag_report(s->d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
			       "store: %s", msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static long long pragma_int(struct ts_store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A file given with --db: new, empty, or a tierstat store of this
 * version (emptied). Anything else is somebody's data: refuse it. */
static int prepare_file(struct ts_store *s, const char *path)
{
	long long app = pragma_int(s, "PRAGMA application_id");
	long long ver = pragma_int(s, "PRAGMA user_version");
	long long tables = pragma_int(s, "SELECT count(*) FROM sqlite_schema");

	if (tables < 0)
		return db_error(s, path);
	if (tables == 0)
		return 0;
	if (app != TS_APPLICATION_ID) {
		ts_diag_report(s->d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
			       "'%s' is not a tierstat store (left untouched; choose another --db file)", path);
		return -1;
	}
	if (ver != TS_SCHEMA_VERSION) {
		ts_diag_report(s->d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
			       "'%s' has store schema version %lld, this tierstat writes version %d (left untouched; remove it or choose another --db file)",
			       path, ver, TS_SCHEMA_VERSION);
		return -1;
	}
	s->reused = 1;
	return 0;
}

/* 1 when the store was written by this very version of tierstat. */
static int same_generator(struct ts_store *s)
{
	sqlite3_stmt *st;
	int same = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'generator'",
			       -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		same = strcmp((const char *)sqlite3_column_text(st, 0), "tierstat " TS_VERSION) == 0;
	sqlite3_finalize(st);
	return same;
}

static char *insert_synthesis_sql(void)
{
	size_t cap = 4096, n;
	char *sql = ts_xmalloc(cap);

	n = (size_t)snprintf(sql, cap, "INSERT INTO synthesis(file_id, line");
	for (int i = 0; i < TS_SC_COUNT; i++)
		n += (size_t)snprintf(sql + n, cap - n, ", %s", ts_synthesis_cols[i].name);
	n += (size_t)snprintf(sql + n, cap - n, ") VALUES (?, ?");
	for (int i = 0; i < TS_SC_COUNT; i++)
		n += (size_t)snprintf(sql + n, cap - n, ", ?");
	snprintf(sql + n, cap - n, ")");
	return sql;
}

static int prepare_all(struct ts_store *s)
{
	for (int i = 0; i < ST_COUNT; i++) {
		char *owned = NULL;
		const char *sql;

		if (i == ST_ADD_SYN) {
			sql = owned = insert_synthesis_sql();
		} else {
			sql = sql_text[i];
		}
		if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
				       &s->st[i], NULL) != SQLITE_OK) {
			free(owned);
			return db_error(s, "preparing a statement");
		}
		free(owned);
	}
	return 0;
}

/* Without --db the store is SQLite's private temporary database (the
 * empty file name): in memory while it fits the page cache, spilled to an
 * unnamed temporary file beyond, and gone when closed. Unlike ":memory:"
 * its memory does not grow with the input (1 GB of metrics: 41 MiB peak
 * RSS instead of 81 MiB, and no slower). */
struct ts_store *ts_store_open(const char *path, struct ts_diag *d)
{
	struct ts_store *s = ts_xcalloc(1, sizeof(*s));
	/* one thread uses the connection: no mutexes (multi-thread mode) */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW |
		    SQLITE_OPEN_NOMUTEX;

	s->d = d;
	s->is_file = path != NULL;
	if (sqlite3_open_v2(path ? path : "", &s->db, flags, NULL) != SQLITE_OK) {
		ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0, "cannot open store '%s': %s",
			       path ? path : "(temporary)", sqlite3_errmsg(s->db));
		goto fail;
	}
	if (path && prepare_file(s, path) < 0)
		goto fail;
	/* 16 KiB pages for a new store: the synthesis rows (about 300 bytes
	 * each) go in about 8 % faster than with 4 KiB ones; it must be set
	 * before the first write, and before WAL mode */
	if (!s->reused && exec(s, "PRAGMA page_size = 16384;") < 0)
		goto fail;
	/* a journal is what makes ROLLBACK of a half-read file work: keep
	 * the in-memory default (MEMORY), never OFF */
	if (exec(s, path ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
			 : "PRAGMA synchronous = OFF;") < 0 ||
	    exec(s, "PRAGMA foreign_keys = ON;") < 0)
		goto fail;
	if (!s->reused) {
		char *pragmas = ts_xasprintf("PRAGMA application_id = %d; PRAGMA user_version = %d;"
					     " INSERT INTO meta VALUES ('generator', 'tierstat %s'); COMMIT",
					     TS_APPLICATION_ID, TS_SCHEMA_VERSION, TS_VERSION);
		int rc = exec(s, "BEGIN") < 0 || exec(s, ts_tpl_schema_sql) < 0 || exec(s, pragmas) < 0;
		free(pragmas);
		if (rc)
			goto fail;
	} else if (!same_generator(s) &&
		   (exec(s, "BEGIN; DELETE FROM input_file; DELETE FROM meta;") < 0 ||
		    exec(s, "INSERT INTO meta VALUES ('generator', 'tierstat " TS_VERSION "'); COMMIT") < 0)) {
		goto fail;   /* another version: nothing it stored is reused */
	}
	if (prepare_all(s) < 0)
		goto fail;
	return s;
fail:
	ts_store_close(s);
	return NULL;
}

int ts_store_is_file(const struct ts_store *s)
{
	return s->is_file;
}

void ts_store_close(struct ts_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	sqlite3_close(s->db);
	free(s);
}

int ts_store_begin(struct ts_store *s) { return exec(s, "BEGIN"); }
int ts_store_commit(struct ts_store *s) { return exec(s, "COMMIT"); }

void ts_store_rollback(struct ts_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Run a write statement to completion and reset it. */
static int step_done(struct ts_store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return db_error(s, what);
	return 0;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isfinite(v))
		sqlite3_bind_double(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static void bind_int(sqlite3_stmt *st, int i, long long v)
{
	if (v >= 0)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? ts_xstrdup((const char *)t) : NULL;
}

static double col_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

static long long col_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, i);
}

static void bind_key(sqlite3_stmt *st, const char *ht, const char *dt)
{
	sqlite3_bind_text(st, 1, ht, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, dt, -1, SQLITE_STATIC);
}

static void done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static const char *const kind_names[] = {
	[TS_KIND_SYNTHESIS] = "synthesis", [TS_KIND_REALTIME] = "realtime",
	[TS_KIND_SPECS] = "hardware_specs", [TS_KIND_ANALYSIS] = "analysis",
	[TS_KIND_OTHER] = "other",
};

long long ts_store_add_file(struct ts_store *s, const struct ts_input *in)
{
	sqlite3_stmt *st = s->st[ST_ADD_FILE];

	bind_text(st, 1, in->rel);
	bind_text(st, 2, kind_names[in->kind]);
	bind_text(st, 3, in->tier);
	bind_text(st, 4, in->stem);
	sqlite3_bind_int64(st, 5, in->size);
	sqlite3_bind_int64(st, 6, (long long)in->mtime.tv_sec * 1000000000LL + in->mtime.tv_nsec);
	bind_text(st, 7, in->stem ? (strrchr(in->stem, '/') ? strrchr(in->stem, '/') + 1 : in->stem) : NULL);
	if (step_done(s, st, in->rel) < 0)
		return -1;
	return sqlite3_last_insert_rowid(s->db);
}

int ts_store_file_status(struct ts_store *s, long long file_id,
			 const char *status, long long rows_used,
			 long long rows_skipped, unsigned long long hash)
{
	sqlite3_stmt *st = s->st[ST_FILE_STATUS];

	sqlite3_bind_int64(st, 1, file_id);
	bind_text(st, 2, status);
	sqlite3_bind_int64(st, 3, rows_used);
	sqlite3_bind_int64(st, 4, rows_skipped);
	if (hash)
		sqlite3_bind_int64(st, 5, (long long)hash);
	else
		sqlite3_bind_null(st, 5);
	return step_done(s, st, "recording a file");
}

int ts_store_file_log(struct ts_store *s, const char *path, const char *text,
		      size_t len, const struct ts_diag *c)
{
	sqlite3_stmt *st = s->st[ST_FILE_LOG];

	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, text ? text : "", text ? (int)len : 0, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (long long)c->n_note);
	sqlite3_bind_int64(st, 4, (long long)c->n_warning);
	sqlite3_bind_int64(st, 5, (long long)c->n_error);
	sqlite3_bind_int64(st, 6, (long long)c->cells_dropped);
	sqlite3_bind_int64(st, 7, (long long)c->rows_dropped);
	sqlite3_bind_int64(st, 8, (long long)c->files_dropped);
	return step_done(s, st, "recording a file's messages");
}

int ts_store_prior_files(struct ts_store *s, struct ts_prior **v, size_t *nr)
{
	sqlite3_stmt *st = s->st[ST_PRIOR];
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*nr = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ts_prior *p;
		TS_GROW(*v, *nr + 1, alloc);
		p = &(*v)[(*nr)++];
		memset(p, 0, sizeof(*p));
		p->path = col_text(st, 0);
		p->kind = col_text(st, 1);
		p->size = sqlite3_column_int64(st, 2);
		p->mtime_ns = sqlite3_column_int64(st, 3);
		p->status = col_text(st, 4);
		p->rows_used = sqlite3_column_int64(st, 5);
		p->rows_skipped = sqlite3_column_int64(st, 6);
		p->messages = col_text(st, 7);
		p->counts.n_note = (unsigned long)sqlite3_column_int64(st, 8);
		p->counts.n_warning = (unsigned long)sqlite3_column_int64(st, 9);
		p->counts.n_error = (unsigned long)sqlite3_column_int64(st, 10);
		p->counts.cells_dropped = (unsigned long)sqlite3_column_int64(st, 11);
		p->counts.rows_dropped = (unsigned long)sqlite3_column_int64(st, 12);
		p->counts.files_dropped = (unsigned long)sqlite3_column_int64(st, 13);
	}
	done(s->st[ST_PRIOR]);
	return rc == SQLITE_DONE ? 0 : db_error(s, "listing the files of the previous run");
}

void ts_store_free_prior(struct ts_prior *v, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		free(v[i].path);
		free(v[i].kind);
		free(v[i].status);
		free(v[i].messages);
	}
	free(v);
}

int ts_store_forget_path(struct ts_store *s, const char *path)
{
	sqlite3_stmt *st = s->st[ST_FORGET_PATH];

	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	return step_done(s, st, "forgetting a file");
}

int ts_store_forget_kind(struct ts_store *s, enum ts_kind kind)
{
	sqlite3_stmt *st = s->st[ST_FORGET_KIND];

	sqlite3_bind_text(st, 1, kind_names[kind], -1, SQLITE_STATIC);
	return step_done(s, st, "forgetting files");
}

const char *ts_store_kind_name(enum ts_kind kind)
{
	return kind_names[kind];
}

int ts_store_add_synthesis(struct ts_store *s, long long file_id, long line,
			   const struct ts_val *cols, char **dup_path,
			   long *dup_line)
{
	sqlite3_stmt *st = s->st[ST_ADD_SYN];
	int rc;

	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int64(st, 2, line);
	for (int i = 0; i < TS_SC_COUNT; i++) {
		const struct ts_val *v = &cols[i];
		switch (v->type) {
		case TS_VAL_NULL: sqlite3_bind_null(st, i + 3); break;
		case TS_VAL_INT:
		case TS_VAL_BOOL: sqlite3_bind_int64(st, i + 3, v->i); break;
		case TS_VAL_REAL: sqlite3_bind_double(st, i + 3, v->r); break;
		case TS_VAL_TEXT:
			sqlite3_bind_text(st, i + 3, v->s, (int)v->n, SQLITE_STATIC);
			break;
		}
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);   /* every parameter is bound again for the next row */
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_CONSTRAINT)
		return db_error(s, "inserting a synthesis row");
	/* the unique (hardware_tier, device_type, request_id): say where */
	st = s->st[ST_FIND_DUP];
	sqlite3_bind_text(st, 1, cols[TS_SC_HARDWARE_TIER].s, (int)cols[TS_SC_HARDWARE_TIER].n, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, cols[TS_SC_DEVICE_TYPE].s, (int)cols[TS_SC_DEVICE_TYPE].n, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, cols[TS_SC_REQUEST_ID].s, (int)cols[TS_SC_REQUEST_ID].n, SQLITE_STATIC);
	*dup_path = NULL;
	*dup_line = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*dup_path = ts_xstrdup((const char *)sqlite3_column_text(st, 0));
		*dup_line = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return 1;
}

int ts_store_add_realtime(struct ts_store *s, long long file_id,
			  const struct ts_rt_agg *a)
{
	sqlite3_stmt *st = s->st[ST_ADD_RT];

	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int64(st, 2, a->samples);
	bind_real(st, 3, a->ts_min);
	bind_real(st, 4, a->ts_max);
	sqlite3_bind_int64(st, 5, a->cpu_n);
	bind_real(st, 6, a->cpu_n ? a->cpu_sum : NAN);
	bind_real(st, 7, a->cpu_max);
	bind_real(st, 8, a->memory_mb_max);
	bind_real(st, 9, a->temperature_c_max);
	return step_done(s, st, "storing a realtime aggregate");
}

int ts_store_add_specs(struct ts_store *s, long long file_id,
		       const struct ts_specs_row *r)
{
	sqlite3_stmt *st = s->st[ST_ADD_SPECS];

	sqlite3_bind_int64(st, 1, file_id);
	bind_text(st, 2, r->hardware_tier);
	bind_text(st, 3, r->device_type);
	bind_text(st, 4, r->display_name);
	bind_text(st, 5, r->cpu_model);
	bind_int(st, 6, r->cpu_cores);
	bind_real(st, 7, r->total_memory_gb);
	bind_text(st, 8, r->gpu_name);
	bind_text(st, 9, r->json);
	return step_done(s, st, "storing hardware specs");
}

int ts_store_add_analysis(struct ts_store *s, long long file_id,
			  const struct ts_analysis_row *r)
{
	sqlite3_stmt *st = s->st[ST_ADD_ANALYSIS];

	sqlite3_bind_int64(st, 1, file_id);
	bind_text(st, 2, r->hardware_tier);
	bind_text(st, 3, r->device_type);
	bind_int(st, 4, r->total_runs);
	bind_int(st, 5, r->successful_runs);
	bind_real(st, 6, r->success_rate);
	bind_real(st, 7, r->avg_peak_mb);
	bind_real(st, 8, r->max_peak_mb);
	bind_real(st, 9, r->min_peak_mb);
	bind_real(st, 10, r->std_dev_mb);
	bind_real(st, 11, r->avg_rtf);
	bind_real(st, 12, r->avg_tokens_per_sec);
	bind_real(st, 13, r->avg_duration_s);
	bind_real(st, 14, r->max_temperature_c);
	bind_int(st, 15, r->throttle_events);
	return step_done(s, st, "storing an analysis aggregate");
}

/* ==== queries for tiers.c ==== */

char *ts_store_specs_device(struct ts_store *s, const char *hardware_tier)
{
	sqlite3_stmt *st = s->st[ST_SPECS_DEVICE];
	char *dt = NULL;

	sqlite3_bind_text(st, 1, hardware_tier, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		dt = col_text(st, 0);
	done(st);
	return dt;
}

int ts_store_tier_keys(struct ts_store *s, struct ts_tier_key **keys, size_t *nr)
{
	sqlite3_stmt *st = s->st[ST_KEYS];
	size_t alloc = 0;
	int rc;

	*keys = NULL;
	*nr = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		TS_GROW(*keys, *nr + 1, alloc);
		(*keys)[*nr].hardware_tier = col_text(st, 0);
		(*keys)[*nr].device_type = col_text(st, 1);
		(*nr)++;
	}
	done(st);
	return rc == SQLITE_DONE ? 0 : db_error(s, "listing tiers");
}

void ts_store_free_keys(struct ts_tier_key *keys, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		free(keys[i].hardware_tier);
		free(keys[i].device_type);
	}
	free(keys);
}

int ts_store_row_hardware(struct ts_store *s, const char *ht, const char *dt,
			  char **cpu_model, char **gpu_name, long long *cores,
			  double *mem_gb)
{
	sqlite3_stmt *st = s->st[ST_ROW_HW];

	*cpu_model = *gpu_name = NULL;
	*cores = -1;
	*mem_gb = NAN;
	bind_key(st, ht, dt);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*cpu_model = col_text(st, 0);
		*gpu_name = col_text(st, 1);
		*cores = col_int(st, 2);
		*mem_gb = col_real(st, 3);
	}
	done(st);
	return 0;
}

int ts_store_tier_specs(struct ts_store *s, const char *ht, const char *dt,
			struct ts_specs_row *r, char **path)
{
	sqlite3_stmt *st = s->st[ST_TIER_SPECS];
	int found = 0;

	memset(r, 0, sizeof(*r));
	r->cpu_cores = -1;
	r->total_memory_gb = NAN;
	*path = NULL;
	bind_key(st, ht, dt);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->hardware_tier = col_text(st, 0);
		r->device_type = col_text(st, 1);
		r->display_name = col_text(st, 2);
		r->cpu_model = col_text(st, 3);
		r->gpu_name = col_text(st, 4);
		r->cpu_cores = col_int(st, 5);
		r->total_memory_gb = col_real(st, 6);
		r->json = col_text(st, 7);
		*path = col_text(st, 8);
		found = 1;
	}
	done(st);
	return found;
}

void ts_store_free_specs(struct ts_specs_row *r)
{
	free((char *)r->hardware_tier);
	free((char *)r->device_type);
	free((char *)r->display_name);
	free((char *)r->cpu_model);
	free((char *)r->gpu_name);
	free((char *)r->json);
	memset(r, 0, sizeof(*r));
}

int ts_store_tier_analysis(struct ts_store *s, const char *ht, const char *dt,
			   struct ts_analysis_row *r, char **path)
{
	sqlite3_stmt *st = s->st[ST_TIER_ANALYSIS];
	int found = 0;

	memset(r, 0, sizeof(*r));
	*path = NULL;
	bind_key(st, ht, dt);
	if (sqlite3_step(st) == SQLITE_ROW) {
		/* columns as in the schema, then the path (tier strings are
		 * the caller's: it asked by them) */
		r->hardware_tier = ht;
		r->device_type = dt;
		r->total_runs = col_int(st, 3);
		r->successful_runs = col_int(st, 4);
		r->success_rate = col_real(st, 5);
		r->avg_peak_mb = col_real(st, 6);
		r->max_peak_mb = col_real(st, 7);
		r->min_peak_mb = col_real(st, 8);
		r->std_dev_mb = col_real(st, 9);
		r->avg_rtf = col_real(st, 10);
		r->avg_tokens_per_sec = col_real(st, 11);
		r->avg_duration_s = col_real(st, 12);
		r->max_temperature_c = col_real(st, 13);
		r->throttle_events = col_int(st, 14);
		*path = col_text(st, 15);
		found = 1;
	}
	done(st);
	return found;
}

/* The pairing is done here, in C, over one small query per table: as one
 * SQL statement with correlated subqueries it cost 0.1 s on 160,000 rows. */
int ts_store_realtime_files(struct ts_store *s, struct ts_rt_file **v, size_t *nr)
{
	struct first { char *stem, *base, *ht, *dt; } *syn = NULL;
	sqlite3_stmt *st = s->st[ST_SYN_FIRST];
	size_t nsyn = 0, asyn = 0, alloc = 0;
	int rc;

	*v = NULL;
	*nr = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		TS_GROW(syn, nsyn + 1, asyn);
		syn[nsyn].stem = col_text(st, 0);
		syn[nsyn].base = col_text(st, 1);
		syn[nsyn].ht = col_text(st, 2);
		syn[nsyn].dt = col_text(st, 3);
		nsyn++;
	}
	done(st);
	st = s->st[ST_RT_FILES];
	if (rc != SQLITE_DONE)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ts_rt_file *f;
		const char *stem = (const char *)sqlite3_column_text(st, 2);
		const char *base = (const char *)sqlite3_column_text(st, 3);
		const struct first *pair = NULL;

		/* the synthesis file with the same stem in the same folder,
		 * else the first (in path order) with the same <tier>_<stamp> */
		for (size_t i = 0; i < nsyn && stem && !pair; i++)
			if (syn[i].stem && strcmp(syn[i].stem, stem) == 0)
				pair = &syn[i];
		for (size_t i = 0; i < nsyn && base && !pair; i++)
			if (syn[i].base && strcmp(syn[i].base, base) == 0)
				pair = &syn[i];
		TS_GROW(*v, *nr + 1, alloc);
		f = &(*v)[(*nr)++];
		f->path = col_text(st, 0);
		f->tier = col_text(st, 1);
		f->ht = pair && pair->ht ? ts_xstrdup(pair->ht) : NULL;
		f->dt = pair && pair->dt ? ts_xstrdup(pair->dt) : NULL;
		f->a.samples = sqlite3_column_int64(st, 4);
		f->a.ts_min = col_real(st, 5);
		f->a.ts_max = col_real(st, 6);
		f->a.cpu_n = sqlite3_column_int64(st, 7);
		f->a.cpu_sum = col_real(st, 8);
		f->a.cpu_max = col_real(st, 9);
		f->a.memory_mb_max = col_real(st, 10);
		f->a.temperature_c_max = col_real(st, 11);
	}
	done(st);
out:
	for (size_t i = 0; i < nsyn; i++) {
		free(syn[i].stem);
		free(syn[i].base);
		free(syn[i].ht);
		free(syn[i].dt);
	}
	free(syn);
	return rc == SQLITE_DONE ? 0 : db_error(s, "listing realtime files");
}

void ts_store_free_rt_files(struct ts_rt_file *v, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		free(v[i].path);
		free(v[i].tier);
		free(v[i].ht);
		free(v[i].dt);
	}
	free(v);
}

int ts_store_scan_synthesis(struct ts_store *s, const enum ts_syn_col *cols,
			    size_t ncols, ts_store_syn_fn fn, void *ctx)
{
	char sql[2048];
	size_t n;
	sqlite3_stmt *st = NULL, *file = NULL;
	double v[16];
	char *path = NULL;
	long long last_file = -1;
	int rc = SQLITE_ERROR;

	if (ncols > TS_COUNTOF(v))
		return -1;
	/* no join and no text but the key per row: a file's path is looked
	 * up only where it changes (the hot loop of the statistics) */
	n = (size_t)snprintf(sql, sizeof(sql),
			     "SELECT file_id, hardware_tier, device_type, success, throttle_detected");
	for (size_t i = 0; i < ncols; i++)
		n += (size_t)snprintf(sql + n, sizeof(sql) - n, ", %s", ts_synthesis_cols[cols[i]].name);
	snprintf(sql + n, sizeof(sql) - n, " FROM synthesis ORDER BY rowid");
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT path FROM input_file WHERE id = ?1", -1, &file, NULL) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ts_syn_row r;
		r.file_id = sqlite3_column_int64(st, 0);
		if (r.file_id != last_file) {
			free(path);
			path = NULL;
			sqlite3_bind_int64(file, 1, r.file_id);
			if (sqlite3_step(file) == SQLITE_ROW)
				path = col_text(file, 0);
			sqlite3_reset(file);
			last_file = r.file_id;
		}
		r.path = path ? path : "?";
		r.hardware_tier = (const char *)sqlite3_column_text(st, 1);
		r.device_type = (const char *)sqlite3_column_text(st, 2);
		r.success = (int)col_int(st, 3);
		r.throttle = (int)col_int(st, 4);
		for (size_t i = 0; i < ncols; i++)
			v[i] = col_real(st, 5 + (int)i);
		r.v = v;
		if (fn(ctx, &r) != 0) {
			rc = SQLITE_ABORT;
			break;
		}
	}
out:
	if (rc != SQLITE_DONE && rc != SQLITE_ABORT)
		db_error(s, "reading the synthesis rows");
	sqlite3_finalize(st);
	sqlite3_finalize(file);
	free(path);
	return rc == SQLITE_DONE ? 0 : -1;
}
