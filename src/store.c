/* store.c - the SQLite store of one run: opening it, and writing what
 * the loaders read (see store.h); the queries are in store_query.c. */
#include "ts.h"
#include "store.h"
#include "store_int.h"
#include "mem.h"
#include "reqspan.h"
#include "templates.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TS_APPLICATION_ID 0x74737431  /* "ts1" */
#define TS_SCHEMA_VERSION 5           /* 3: realtime aggregates per column;
                                         4: their envelopes over time;
                                         5: during requests and idle */

/* All the SQL of the store, one statement each, columns named. */
const char *const ts_store_sql[ST_COUNT] = {
	[ST_ADD_FILE] = "INSERT INTO input_file(path, kind, tier, stem, size, mtime_ns, base_stem) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_FILE_STATUS] = "UPDATE input_file SET status = ?2, rows_used = ?3, rows_skipped = ?4, hash = ?5 WHERE id = ?1",
	[ST_FILE_LOG] = NULL, /* built from ts_diag_count_names */
	[ST_PRIOR] = NULL,    /* likewise */
	[ST_FORGET_PATH] = "DELETE FROM input_file WHERE path = ?1",
	[ST_FORGET_KIND] = "DELETE FROM input_file WHERE kind = ?1",
	[ST_ADD_SYN] = NULL, /* built from ts_synthesis_cols */
	[ST_FIND_DUP] = "SELECT f.path, s.line FROM synthesis s JOIN input_file f ON f.id = s.file_id"
		" WHERE s.hardware_tier = ?1 AND s.device_type = ?2 AND s.request_id = ?3",
	[ST_ADD_RT] = "INSERT INTO realtime_file(file_id, samples) VALUES (?1, ?2)",
	[ST_ADD_RT_COL] = "INSERT INTO realtime_column(file_id, name, n, sum, min, max) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_ADD_RT_ENV] = "INSERT INTO realtime_envelope(file_id, name, scale, first, samples, buckets)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_ADD_SPECS] = "INSERT INTO hardware_specs(file_id, hardware_tier, device_type, display_name,"
		" cpu_model, cpu_cores, total_memory_gb, gpu_name, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_ADD_ANALYSIS] = "INSERT INTO analysis(file_id, hardware_tier, device_type, total_runs,"
		" successful_runs, success_rate, avg_peak_mb, max_peak_mb, min_peak_mb, std_dev_mb, avg_rtf,"
		" avg_tokens_per_sec, avg_duration_s, max_temperature_c, throttle_events)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
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
	[ST_TIER_ANALYSIS] = "SELECT a.total_runs, a.successful_runs, a.success_rate, a.avg_peak_mb,"
		" a.max_peak_mb, a.min_peak_mb, a.std_dev_mb, a.avg_rtf, a.avg_tokens_per_sec,"
		" a.avg_duration_s, a.max_temperature_c, a.throttle_events, f.path"
		" FROM analysis a JOIN input_file f ON f.id = a.file_id"
		" WHERE a.hardware_tier = ?1 AND a.device_type = ?2 ORDER BY f.path LIMIT 1",
	/* each realtime file with its columns, one row per column */
	[ST_RT_FILES] = "SELECT f.path, f.tier, f.stem, f.base_stem, r.samples, c.name, c.n, c.sum,"
		" c.min, c.max FROM realtime_file r JOIN input_file f ON f.id = r.file_id"
		" LEFT JOIN realtime_column c ON c.file_id = r.file_id ORDER BY f.path, c.name",
	/* each synthesis file's first row: what a realtime file pairs with */
	[ST_SYN_FIRST] = "SELECT g.stem, g.base_stem, s.hardware_tier, s.device_type, g.path FROM input_file g"
		" JOIN synthesis s ON s.rowid = (SELECT rowid FROM synthesis WHERE file_id = g.id"
		" ORDER BY line LIMIT 1) WHERE g.kind = 'synthesis' ORDER BY g.path",
	[ST_SPECS_FILES] = "SELECT f.path, s.hardware_tier FROM hardware_specs s"
		" JOIN input_file f ON f.id = s.file_id ORDER BY f.path",
	[ST_RT_PARTNER] = "UPDATE realtime_file SET partner = ?2 WHERE file_id = ?1",
	[ST_ADD_RT_PHASE] = "INSERT INTO realtime_phase(file_id, phase, samples, n_memory, memory_sum,"
		" memory_max, n_cpu, cpu_sum) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_ADD_REQ_SAMPLES] = "INSERT INTO request_samples(realtime_file_id, syn_file_id, line, samples,"
		" mean_memory_mb, max_memory_mb, mean_cpu_percent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_SYN_FILE_ID] = "SELECT id FROM input_file WHERE path = ?1",
	[ST_RT_PHASES] = "SELECT r.partner, p.phase, p.samples, p.n_memory, p.memory_sum, p.memory_max,"
		" p.n_cpu, p.cpu_sum FROM realtime_file r JOIN input_file f ON f.id = r.file_id"
		" JOIN realtime_phase p ON p.file_id = r.file_id WHERE f.path = ?1",
	[ST_RT_ENV] = "SELECT e.name, e.scale, e.first, e.samples, e.buckets FROM realtime_envelope e"
		" JOIN input_file f ON f.id = e.file_id WHERE f.path = ?1",
};

int ts_store_db_error(struct ts_store *s, const char *what)
{
	ts_diag_run(s->d, TS_ERROR, "store: %s: %s", what, sqlite3_errmsg(s->db));
	return -1;
}

static int exec(struct ts_store *s, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		ts_diag_run(s->d, TS_ERROR, "store: %s", msg ? msg : sqlite3_errmsg(s->db));
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

/* Refuse the --db file: every refusal in one form, "--db 'PATH': WHY
 * (left untouched; WHAT TO DO)". Returns -1. */
static int refuse(struct ts_store *s, const char *path, const char *why, const char *todo)
{
	ts_diag_run(s->d, TS_ERROR, "--db '%s': %s (left untouched; %s)", path, why, todo);
	return -1;
}

/* A file given with --db: new, empty, or a tierstat store of this
 * version (emptied). Anything else is somebody's data: refuse it. */
static int prepare_file(struct ts_store *s, const char *path)
{
	char why[512];

	long long app = pragma_int(s, "PRAGMA application_id");
	long long ver = pragma_int(s, "PRAGMA user_version");
	long long tables = pragma_int(s, "SELECT count(*) FROM sqlite_schema");

	if (tables < 0) {
		snprintf(why, sizeof(why), "not a tierstat store: %s", sqlite3_errmsg(s->db));
		return refuse(s, path, why, "choose another --db file");
	}
	if (tables == 0)
		return 0;
	if (app != TS_APPLICATION_ID)
		return refuse(s, path, "not a tierstat store: a SQLite database of another program",
			      "choose another --db file");
	if (ver != TS_SCHEMA_VERSION) {
		snprintf(why, sizeof(why), "a tierstat store of schema version %lld; this tierstat writes version %d",
			 ver, TS_SCHEMA_VERSION);
		return refuse(s, path, why, "remove it or choose another --db file");
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

/* The statements that name every diagnostic counter (diag.h): the
 * columns follow ts_diag_count_names, the parameters and result columns
 * from PRIOR_COUNTS and LOG_COUNTS on. */
#define PRIOR_COUNTS 8
#define LOG_COUNTS 3
static char *counts_sql(int i)
{
	char list[256];
	size_t n = 0;

	for (int k = 0; k < TS_DIAG_NCOUNTS; k++)
		n += (size_t)snprintf(list + n, sizeof(list) - n,
				      i == ST_PRIOR ? ", %s" : ", %s = ?%d",
				      ts_diag_count_names[k], LOG_COUNTS + k);
	if (i == ST_PRIOR)
		return ts_xasprintf("SELECT path, kind, size, mtime_ns, status, rows_used, rows_skipped,"
				    " messages%s FROM input_file ORDER BY path", list);
	return ts_xasprintf("UPDATE input_file SET messages = ?2%s WHERE path = ?1", list);
}

static int prepare_all(struct ts_store *s)
{
	for (int i = 0; i < ST_COUNT; i++) {
		char *owned = NULL;
		const char *sql;

		if (i == ST_ADD_SYN) {
			sql = owned = insert_synthesis_sql();
		} else if (i == ST_FILE_LOG || i == ST_PRIOR) {
			sql = owned = counts_sql(i);
		} else {
			sql = ts_store_sql[i];
		}
		if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
				       &s->st[i], NULL) != SQLITE_OK) {
			free(owned);
			return ts_store_db_error(s, "preparing a statement");
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
	struct stat st;
	/* one thread uses the connection: no mutexes (multi-thread mode) */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW |
		    SQLITE_OPEN_NOMUTEX;

	s->d = d;
	s->is_file = path != NULL;
	if (path && lstat(path, &st) == 0 && (S_ISDIR(st.st_mode) || S_ISLNK(st.st_mode))) {
		refuse(s, path, S_ISDIR(st.st_mode) ? "a folder, not a file"
			   : "a symbolic link, which tierstat does not follow", "choose another --db file");
		goto fail;
	}
	if (sqlite3_open_v2(path ? path : "", &s->db, flags, NULL) != SQLITE_OK) {
		char why[512];
		snprintf(why, sizeof(why), "cannot be opened: %s", sqlite3_errmsg(s->db));
		if (path)
			refuse(s, path, why, "choose another --db file");
		else
			ts_diag_run(d, TS_ERROR, "cannot open the temporary store: %s", sqlite3_errmsg(s->db));
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
		return ts_store_db_error(s, what);
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

char *ts_store_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? ts_xstrdup((const char *)t) : NULL;
}

double ts_store_col_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

long long ts_store_col_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, i);
}

void ts_store_done(sqlite3_stmt *st)
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
	bind_text(st, 7, ts_scan_base_stem(in->stem));
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
		      size_t len, const struct ts_diag_counts *c)
{
	sqlite3_stmt *st = s->st[ST_FILE_LOG];

	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, text ? text : "", text ? (int)len : 0, SQLITE_STATIC);
	{
		struct ts_diag_counts x = *c;
		for (int k = 0; k < TS_DIAG_NCOUNTS; k++)
			sqlite3_bind_int64(st, LOG_COUNTS + k, (long long)*ts_diag_count(&x, k));
	}
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
		p->path = ts_store_col_text(st, 0);
		p->kind = ts_store_col_text(st, 1);
		p->size = sqlite3_column_int64(st, 2);
		p->mtime_ns = sqlite3_column_int64(st, 3);
		p->status = ts_store_col_text(st, 4);
		p->rows_used = sqlite3_column_int64(st, 5);
		p->rows_skipped = sqlite3_column_int64(st, 6);
		p->messages = ts_store_col_text(st, 7);
		for (int k = 0; k < TS_DIAG_NCOUNTS; k++)
			*ts_diag_count(&p->counts, k) =
				(unsigned long)sqlite3_column_int64(st, PRIOR_COUNTS + k);
	}
	ts_store_done(s->st[ST_PRIOR]);
	return rc == SQLITE_DONE ? 0 : ts_store_db_error(s, "listing the files of the previous run");
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
	/* only the unique (hardware_tier, device_type, request_id) index
	 * makes a row a duplicate; any other constraint is an error */
	if (sqlite3_extended_errcode(s->db) != SQLITE_CONSTRAINT_UNIQUE)
		return ts_store_db_error(s, "inserting a synthesis row");
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
	if (step_done(s, st, "storing a realtime aggregate") < 0)
		return -1;
	st = s->st[ST_ADD_RT_COL];
	for (int c = 0; c < TS_RC_COUNT; c++) {
		const struct ts_rt_col_agg *x = &a->col[c];
		unsigned aggs = ts_realtime_cols[c].aggs;
		sqlite3_bind_int64(st, 1, file_id);
		sqlite3_bind_text(st, 2, ts_realtime_cols[c].name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, x->n);
		bind_real(st, 4, x->n && (aggs & TS_AGG_SUM) ? x->sum : NAN);
		bind_real(st, 5, x->min);
		bind_real(st, 6, x->max);
		if (step_done(s, st, "storing a realtime aggregate") < 0)
			return -1;
	}
	return 0;
}

static int add_phase(struct ts_store *s, long long file_id, const char *name,
		     const struct ts_phase *p)
{
	sqlite3_stmt *st = s->st[ST_ADD_RT_PHASE];

	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (long long)p->n);
	sqlite3_bind_int64(st, 4, (long long)p->n_memory);
	bind_real(st, 5, p->n_memory ? ts_ksum_value(&p->memory) : NAN);
	bind_real(st, 6, p->memory_max);
	sqlite3_bind_int64(st, 7, (long long)p->n_cpu);
	bind_real(st, 8, p->n_cpu ? ts_ksum_value(&p->cpu) : NAN);
	return step_done(s, st, "storing a realtime phase");
}

/* The id of the stored file at path, or 0 (none), or -1 (error). */
static long long file_id_of(struct ts_store *s, const char *path)
{
	sqlite3_stmt *st = s->st[ST_SYN_FILE_ID];
	long long id = 0;
	int rc;

	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	ts_store_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? id : ts_store_db_error(s, "finding a file");
}

static int add_requests(struct ts_store *s, long long file_id, long long syn_id,
			const struct ts_span *sp)
{
	sqlite3_stmt *st = s->st[ST_ADD_REQ_SAMPLES];

	for (size_t i = 0; sp->req && i < sp->q->nr; i++) {
		const struct ts_phase *p = &sp->req[i];
		sqlite3_bind_int64(st, 1, file_id);
		sqlite3_bind_int64(st, 2, syn_id);
		sqlite3_bind_int64(st, 3, sp->q->v[i].line);
		sqlite3_bind_int64(st, 4, (long long)p->n);
		bind_real(st, 5, p->n_memory ? ts_ksum_value(&p->memory) / (double)p->n_memory : NAN);
		bind_real(st, 6, p->memory_max);
		bind_real(st, 7, p->n_cpu ? ts_ksum_value(&p->cpu) / (double)p->n_cpu : NAN);
		if (step_done(s, st, "storing a request's samples") < 0)
			return -1;
	}
	return 0;
}

int ts_store_add_span(struct ts_store *s, long long file_id, const struct ts_span *sp)
{
	sqlite3_stmt *st = s->st[ST_RT_PARTNER];
	long long syn_id;

	if (!sp->q)
		return 0;
	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_text(st, 2, sp->q->partner, -1, SQLITE_STATIC);
	if (step_done(s, st, "storing a realtime partner") < 0 ||
	    add_phase(s, file_id, "during", &sp->phase[TS_SPAN_DURING]) < 0 ||
	    add_phase(s, file_id, "idle", &sp->phase[TS_SPAN_IDLE]) < 0)
		return -1;
	syn_id = file_id_of(s, sp->q->partner);
	if (syn_id < 0)
		return -1;
	return syn_id ? add_requests(s, file_id, syn_id, sp) : 0;
}

/* One envelope's buckets as the BLOB of realtime_envelope.buckets. */
static unsigned char *env_blob(const struct ts_envelope *e, size_t *size)
{
	unsigned char *blob = ts_xmalloc(e->nr * TS_ENV_BLOB_BUCKET), *p = blob;

	for (size_t i = 0; i < e->nr; i++) {
		const struct ts_env_bucket *b = &e->b[i];
		double v[4] = { b->min, b->max, b->sum_hi, b->sum_lo };
		memcpy(p, v, sizeof(v));
		memcpy(p + sizeof(v), &b->n, sizeof(b->n));
		p += TS_ENV_BLOB_BUCKET;
	}
	*size = e->nr * TS_ENV_BLOB_BUCKET;
	return blob;
}

int ts_store_add_envelopes(struct ts_store *s, long long file_id,
			   const struct ts_envelope env[TS_RC_COUNT])
{
	sqlite3_stmt *st = s->st[ST_ADD_RT_ENV];

	for (int c = 0; c < TS_RC_COUNT; c++) {
		const struct ts_envelope *e = &env[c];
		size_t size;
		unsigned char *blob;
		int rc;
		if (!(ts_realtime_cols[c].aggs & TS_AGG_ENV) || e->nr == 0)
			continue;
		blob = env_blob(e, &size);
		sqlite3_bind_int64(st, 1, file_id);
		sqlite3_bind_text(st, 2, ts_realtime_cols[c].name, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, e->scale);
		sqlite3_bind_int64(st, 4, e->first);
		sqlite3_bind_int64(st, 5, e->samples);
		sqlite3_bind_blob(st, 6, blob, (int)size, free);
		rc = step_done(s, st, "storing a realtime envelope");
		if (rc < 0)
			return -1;
	}
	return 0;
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
