/* store_query.c - what ingest and the tier model read from the store
 * (see store.h; the SQL is in store.c's statement table). */
#include "ts.h"
#include "store.h"
#include "store_int.h"
#include "mem.h"
#include "reqspan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void bind_key(sqlite3_stmt *st, const char *ht, const char *dt)
{
	sqlite3_bind_text(st, 1, ht, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, dt, -1, SQLITE_STATIC);
}

/* Step a query of at most one row: 1 a row (read it, then
 * ts_store_done), 0 none, -1 a SQLite error (reported). */
static int step_one(struct ts_store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	ts_store_done(st);
	return rc == SQLITE_DONE ? 0 : ts_store_db_error(s, what);
}

char *ts_store_specs_device(struct ts_store *s, const char *hardware_tier)
{
	sqlite3_stmt *st = s->st[ST_SPECS_DEVICE];
	char *dt = NULL;

	sqlite3_bind_text(st, 1, hardware_tier, -1, SQLITE_STATIC);
	if (step_one(s, st, "reading the device of the hardware specs") == 1) {
		dt = ts_store_col_text(st, 0);
		ts_store_done(st);
	}
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
		(*keys)[*nr].hardware_tier = ts_store_col_text(st, 0);
		(*keys)[*nr].device_type = ts_store_col_text(st, 1);
		(*nr)++;
	}
	ts_store_done(st);
	return rc == SQLITE_DONE ? 0 : ts_store_db_error(s, "listing tiers");
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
	int rc;

	*cpu_model = *gpu_name = NULL;
	*cores = -1;
	*mem_gb = NAN;
	bind_key(st, ht, dt);
	rc = step_one(s, st, "reading a tier's first row");
	if (rc == 1) {
		*cpu_model = ts_store_col_text(st, 0);
		*gpu_name = ts_store_col_text(st, 1);
		*cores = ts_store_col_int(st, 2);
		*mem_gb = ts_store_col_real(st, 3);
		ts_store_done(st);
	}
	return rc;
}

int ts_store_tier_specs(struct ts_store *s, const char *ht, const char *dt,
			struct ts_specs_row *r, char **path)
{
	sqlite3_stmt *st = s->st[ST_TIER_SPECS];
	int found;

	memset(r, 0, sizeof(*r));
	r->cpu_cores = -1;
	r->total_memory_gb = NAN;
	*path = NULL;
	bind_key(st, ht, dt);
	found = step_one(s, st, "reading a tier's hardware specs");
	if (found == 1) {
		r->hardware_tier = ts_store_col_text(st, 0);
		r->device_type = ts_store_col_text(st, 1);
		r->display_name = ts_store_col_text(st, 2);
		r->cpu_model = ts_store_col_text(st, 3);
		r->gpu_name = ts_store_col_text(st, 4);
		r->cpu_cores = ts_store_col_int(st, 5);
		r->total_memory_gb = ts_store_col_real(st, 6);
		r->json = ts_store_col_text(st, 7);
		*path = ts_store_col_text(st, 8);
		ts_store_done(st);
	}
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
	int found;

	memset(r, 0, sizeof(*r));
	*path = NULL;
	bind_key(st, ht, dt);
	found = step_one(s, st, "reading a tier's analysis file");
	if (found == 1) {
		/* in the order the statement names them (tier strings are
		 * the caller's: it asked by them) */
		r->hardware_tier = ht;
		r->device_type = dt;
		r->total_runs = ts_store_col_int(st, 0);
		r->successful_runs = ts_store_col_int(st, 1);
		r->success_rate = ts_store_col_real(st, 2);
		r->avg_peak_mb = ts_store_col_real(st, 3);
		r->max_peak_mb = ts_store_col_real(st, 4);
		r->min_peak_mb = ts_store_col_real(st, 5);
		r->std_dev_mb = ts_store_col_real(st, 6);
		r->avg_rtf = ts_store_col_real(st, 7);
		r->avg_tokens_per_sec = ts_store_col_real(st, 8);
		r->avg_duration_s = ts_store_col_real(st, 9);
		r->max_temperature_c = ts_store_col_real(st, 10);
		r->throttle_events = ts_store_col_int(st, 11);
		*path = ts_store_col_text(st, 12);
		ts_store_done(st);
	}
	return found;
}

int ts_store_synthesis_firsts(struct ts_store *s, struct ts_syn_first **v, size_t *nr)
{
	sqlite3_stmt *st = s->st[ST_SYN_FIRST];
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*nr = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ts_syn_first *x;
		TS_GROW(*v, *nr + 1, alloc);
		x = &(*v)[(*nr)++];
		x->stem = ts_store_col_text(st, 0);
		x->base_stem = ts_store_col_text(st, 1);
		x->hardware_tier = ts_store_col_text(st, 2);
		x->device_type = ts_store_col_text(st, 3);
		x->path = ts_store_col_text(st, 4);
	}
	ts_store_done(st);
	return rc == SQLITE_DONE ? 0 : ts_store_db_error(s, "listing synthesis files");
}

void ts_store_free_syn_firsts(struct ts_syn_first *v, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		free(v[i].stem);
		free(v[i].base_stem);
		free(v[i].hardware_tier);
		free(v[i].device_type);
		free(v[i].path);
	}
	free(v);
}

/* The column of ts_realtime_cols named `name`, or -1. */
static int rt_column(const char *name)
{
	for (int c = 0; c < TS_RC_COUNT; c++)
		if (name && strcmp(ts_realtime_cols[c].name, name) == 0)
			return c;
	return -1;
}

/* One row per (file, column), in path order: a file's rows come together. */
int ts_store_realtime_files(struct ts_store *s, struct ts_rt_file **v, size_t *nr)
{
	sqlite3_stmt *st = s->st[ST_RT_FILES];
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*nr = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		struct ts_rt_file *f = *nr ? &(*v)[*nr - 1] : NULL;
		int c;
		if (!f || strcmp(f->path, path) != 0) {
			TS_GROW(*v, *nr + 1, alloc);
			f = &(*v)[(*nr)++];
			f->path = ts_store_col_text(st, 0);
			f->tier = ts_store_col_text(st, 1);
			f->stem = ts_store_col_text(st, 2);
			f->base_stem = ts_store_col_text(st, 3);
			ts_rt_agg_init(&f->a);
			f->a.samples = sqlite3_column_int64(st, 4);
		}
		c = rt_column((const char *)sqlite3_column_text(st, 5));
		if (c < 0)
			continue;
		f->a.col[c].n = sqlite3_column_int64(st, 6);
		f->a.col[c].sum = sqlite3_column_type(st, 7) == SQLITE_NULL ? 0 : sqlite3_column_double(st, 7);
		f->a.col[c].min = ts_store_col_real(st, 8);
		f->a.col[c].max = ts_store_col_real(st, 9);
	}
	ts_store_done(st);
	return rc == SQLITE_DONE ? 0 : ts_store_db_error(s, "listing realtime files");
}

int ts_store_realtime_phases(struct ts_store *s, const char *path, char **partner,
			     struct ts_phase *phase)
{
	sqlite3_stmt *st = s->st[ST_RT_PHASES];
	int rc, found = 0;

	*partner = NULL;
	for (int k = 0; k < TS_SPAN_COUNT; k++)
		ts_phase_init(&phase[k]);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		struct ts_phase *p = &phase[name && !strcmp(name, "idle") ? TS_SPAN_IDLE : TS_SPAN_DURING];
		if (!*partner)
			*partner = ts_store_col_text(st, 0);
		found = *partner != NULL;
		p->n = (unsigned long long)sqlite3_column_int64(st, 2);
		p->n_memory = (unsigned long long)sqlite3_column_int64(st, 3);
		p->memory.sum = p->n_memory ? sqlite3_column_double(st, 4) : 0;
		p->memory_max = ts_store_col_real(st, 5);
		p->n_cpu = (unsigned long long)sqlite3_column_int64(st, 6);
		p->cpu.sum = p->n_cpu ? sqlite3_column_double(st, 7) : 0;
	}
	ts_store_done(st);
	return rc == SQLITE_DONE ? found : ts_store_db_error(s, "reading a realtime file's phases");
}

int ts_store_envelopes(struct ts_store *s, const char *path,
		       struct ts_envelope env[TS_RC_COUNT])
{
	sqlite3_stmt *st = s->st[ST_RT_ENV];
	int rc;

	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int c = rt_column((const char *)sqlite3_column_text(st, 0));
		const unsigned char *blob = sqlite3_column_blob(st, 4);
		size_t size = (size_t)sqlite3_column_bytes(st, 4), nr = size / TS_ENV_BLOB_BUCKET;
		struct ts_envelope *e;
		if (c < 0 || env[c].b)
			continue;
		if (!blob || nr == 0 || nr > TS_ENV_BUCKETS || size % TS_ENV_BLOB_BUCKET) {
			ts_store_done(st);
			ts_diag_run(s->d, TS_ERROR, "store: the envelope of '%s' column '%s' is %zu bytes, not a whole number of buckets",
				    path, ts_realtime_cols[c].name, size);
			return -1;
		}
		e = &env[c];
		e->scale = sqlite3_column_int(st, 1);
		e->first = sqlite3_column_int64(st, 2);
		e->samples = sqlite3_column_int64(st, 3);
		e->nr = nr;
		e->b = ts_xreallocarray(NULL, nr, sizeof(*e->b));
		for (size_t i = 0; i < nr; i++, blob += TS_ENV_BLOB_BUCKET) {
			double v[4];
			memcpy(v, blob, sizeof(v));
			memcpy(&e->b[i].n, blob + sizeof(v), sizeof(e->b[i].n));
			e->b[i].min = v[0];
			e->b[i].max = v[1];
			e->b[i].sum_hi = v[2];
			e->b[i].sum_lo = v[3];
		}
	}
	ts_store_done(st);
	return rc == SQLITE_DONE ? 0 : ts_store_db_error(s, "reading realtime envelopes");
}

void ts_store_free_rt_files(struct ts_rt_file *v, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		free(v[i].path);
		free(v[i].tier);
		free(v[i].stem);
		free(v[i].base_stem);
	}
	free(v);
}

int ts_store_specs_files(struct ts_store *s, struct ts_specs_file **v, size_t *nr)
{
	sqlite3_stmt *st = s->st[ST_SPECS_FILES];
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*nr = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		TS_GROW(*v, *nr + 1, alloc);
		(*v)[*nr].path = ts_store_col_text(st, 0);
		(*v)[*nr].hardware_tier = ts_store_col_text(st, 1);
		(*nr)++;
	}
	ts_store_done(st);
	return rc == SQLITE_DONE ? 0 : ts_store_db_error(s, "listing hardware specs");
}

void ts_store_free_specs_files(struct ts_specs_file *v, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		free(v[i].path);
		free(v[i].hardware_tier);
	}
	free(v);
}

/* A column as the text of ts_syn_row.text: BOOL as the monitor writes
 * it (True, False), INT in decimal, TEXT as stored; NULL stays NULL. */
static size_t text_expr(char *sql, size_t size, enum ts_syn_col c)
{
	const char *name = ts_synthesis_cols[c].name;

	if (ts_synthesis_cols[c].type == TS_VAL_BOOL)
		return (size_t)snprintf(sql, size, ", CASE WHEN %s IS NULL THEN NULL WHEN %s THEN 'True' ELSE 'False' END",
					name, name);
	return (size_t)snprintf(sql, size, ", CAST(%s AS TEXT)", name);
}

int ts_store_scan_synthesis(struct ts_store *s, const enum ts_syn_col *cols,
			    size_t ncols, ts_store_syn_fn fn, void *ctx)
{
	return ts_store_scan_synthesis_text(s, cols, ncols, NULL, 0, fn, ctx);
}

int ts_store_scan_synthesis_text(struct ts_store *s, const enum ts_syn_col *cols,
				 size_t ncols, const enum ts_syn_col *tcols, size_t ntcols,
				 ts_store_syn_fn fn, void *ctx)
{
	char sql[4096];
	size_t n;
	sqlite3_stmt *st = NULL, *file = NULL;
	double v[16];
	const char *text[16];
	char *path = NULL;
	long long last_file = -1;
	int rc = SQLITE_ERROR;

	if (ncols > TS_COUNTOF(v) || ntcols > TS_COUNTOF(text))
		return -1;
	/* no join and no text but the key per row: a file's path is looked
	 * up only where it changes (the hot loop of the statistics) */
	n = (size_t)snprintf(sql, sizeof(sql),
			     "SELECT file_id, hardware_tier, device_type, success, throttle_detected, line");
	for (size_t i = 0; i < ncols; i++)
		n += (size_t)snprintf(sql + n, sizeof(sql) - n, ", %s", ts_synthesis_cols[cols[i]].name);
	for (size_t i = 0; i < ntcols && n < sizeof(sql); i++)
		n += text_expr(sql + n, sizeof(sql) - n, tcols[i]);
	if (n < sizeof(sql))
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
				path = ts_store_col_text(file, 0);
			sqlite3_reset(file);
			last_file = r.file_id;
		}
		r.path = path ? path : "?";
		r.hardware_tier = (const char *)sqlite3_column_text(st, 1);
		r.device_type = (const char *)sqlite3_column_text(st, 2);
		r.success = (int)ts_store_col_int(st, 3);
		r.throttle = (int)ts_store_col_int(st, 4);
		r.line = (long)sqlite3_column_int64(st, 5);
		for (size_t i = 0; i < ncols; i++)
			v[i] = ts_store_col_real(st, 6 + (int)i);
		for (size_t i = 0; i < ntcols; i++)
			text[i] = (const char *)sqlite3_column_text(st, 6 + (int)(ncols + i));
		r.v = v;
		r.text = ntcols ? text : NULL;
		if (fn(ctx, &r) != 0) {
			rc = SQLITE_ABORT;
			break;
		}
	}
out:
	if (rc != SQLITE_DONE && rc != SQLITE_ABORT)
		ts_store_db_error(s, "reading the synthesis rows");
	sqlite3_finalize(st);
	sqlite3_finalize(file);
	free(path);
	return rc == SQLITE_DONE ? 0 : -1;
}
