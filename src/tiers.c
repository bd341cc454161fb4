/* tiers.c - the per-tier model built from the store (see tiers.h). */
#include "ts.h"
#include "tiers.h"
#include "tiers_int.h"
#include "mem.h"
#include "stats.h"
#include "store.h"
#include "utf8.h"   /* labels from the command line */
#include "warmup.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void unknown_summary(struct ts_summary *s, long n)
{
	s->n = n;
	s->mean = s->std = s->min = s->max = s->median = NAN;
}

void ts_tiers_add_source(struct ts_tier *t, const char *path)
{
	for (size_t i = 0; i < t->nr_sources; i++)
		if (strcmp(t->sources[i], path) == 0)
			return;
	TS_GROW(t->sources, t->nr_sources + 1, t->alloc_sources);
	t->sources[t->nr_sources++] = ts_xstrdup(path);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What one pass over the synthesis rows gathers for a tier. */
struct acc {
	double *v[TS_M_COUNT];     /* metric values of successful rows, in order */
	size_t *at[TS_M_COUNT];    /* each value's row: an index into scan.pos */
	size_t n[TS_M_COUNT], alloc[TS_M_COUNT], alloc_at[TS_M_COUNT];
	long long rows, success_known, successful, throttle_known, throttle_events;
	long long warmup_excluded;  /* rows left out by --warmup */
	double max_temperature_c;  /* over all rows; NAN when none */
	long long last_file;       /* to add each file to the sources once */
	double *sx, *sy;           /* tokens, total_duration_s of successful
	                              rows with both finite (ts_scaling) */
	size_t ns, alloc_sx, alloc_sy;
};

/* A configuration (hardware_tier, device_type) and its tiers: one, or
 * with --by one per group of values, made as rows come. */
struct conf {
	size_t *tiers;
	size_t n, alloc;
};

struct scan {
	struct ts_tiers *t;
	struct acc *acc;           /* one per tier, same index */
	size_t alloc_acc;
	struct ts_tier_key *keys;  /* the configurations, sorted (ht, dt) */
	struct conf *conf;         /* same index */
	size_t nk;
	size_t last;               /* the previous row's tier: rows come in runs */
	struct ts_warmup held;     /* the rows of the file being read */
	long long file_id;         /* its id; -1 before the first row */
	struct ts_diag *d;
	/* where each kept row is, for naming an outlier: paths[file], line */
	char **paths;
	size_t npaths, alloc_paths;
	struct row_pos { size_t file; long line; } *pos;
	size_t npos, alloc_pos;
};

static int cmp_key(const struct ts_tier *x, const char *ht, const char *dt)
{
	int c = strcmp(x->hardware_tier, ht);
	return c ? c : strcmp(x->device_type, dt);
}

static void acc_row(struct acc *a, const struct ts_warm_row *r, size_t row)
{
	double temp = r->v[TS_M_PEAK_TEMPERATURE_C];

	a->rows++;
	a->success_known += r->success >= 0;
	a->successful += r->success == 1;
	a->throttle_known += r->throttle >= 0;
	a->throttle_events += r->throttle == 1;
	if (!isnan(temp) && (isnan(a->max_temperature_c) || temp > a->max_temperature_c))
		a->max_temperature_c = temp;
	if (r->success == 1 && isfinite(r->tokens) && isfinite(r->v[TS_M_TOTAL_DURATION_S])) {
		TS_GROW(a->sx, a->ns + 1, a->alloc_sx);
		TS_GROW(a->sy, a->ns + 1, a->alloc_sy);
		a->sx[a->ns] = r->tokens;
		a->sy[a->ns++] = r->v[TS_M_TOTAL_DURATION_S];
	}
	if (r->success == 1)
		for (int m = 0; m < TS_M_COUNT; m++)
			if (!isnan(r->v[m])) {
				TS_GROW(a->v[m], a->n[m] + 1, a->alloc[m]);
				TS_GROW(a->at[m], a->n[m] + 1, a->alloc_at[m]);
				a->at[m][a->n[m]] = row;
				a->v[m][a->n[m]++] = r->v[m];
			}
}

/* The end of a synthesis file: its rows into their tiers' accumulators,
 * in line order, but for those --warmup leaves out (warmup.h). */
static void flush_file(struct scan *c)
{
	ts_warmup_end(&c->held, c->d);
	for (size_t k = 0; k < c->held.nr; k++) {
		const struct ts_warm_row *r = &c->held.rows[k];
		struct ts_settings *set = &c->t->v[r->tier].settings;
		if (r->excluded) {
			c->acc[r->tier].warmup_excluded++;
			continue;
		}
		for (int j = 0; j < TS_SETTINGS_COUNT; j++)
			set->col[j].v[r->setting[j]].rows++;
		TS_GROW(c->pos, c->npos + 1, c->alloc_pos);
		c->pos[c->npos].file = c->npaths - 1;
		c->pos[c->npos].line = r->line;
		acc_row(&c->acc[r->tier], r, c->npos++);
	}
	c->held.nr = 0;
}

static int cmp_conf(const struct ts_tier_key *k, const char *ht, const char *dt)
{
	int c = strcmp(k->hardware_tier, ht);
	return c ? c : strcmp(k->device_type, dt);
}

/* 1 when row r belongs to tier x: its configuration, and with --by its
 * group (r->text after the settings). */
static int row_of(const struct ts_tier *x, const struct ts_syn_row *r, const struct ts_by *by)
{
	if (cmp_key(x, r->hardware_tier, r->device_type) != 0)
		return 0;
	for (size_t k = 0; k < by->n; k++) {
		const char *v = r->text[TS_SETTINGS_COUNT + k];
		if (x->group[k] ? !v || strcmp(x->group[k], v) != 0 : v != NULL)
			return 0;
	}
	return 1;
}

/* A new tier of configuration k, with the group `values` (--by; NULL
 * entries are empty values; `values` NULL without --by): its index. */
static size_t new_tier(struct scan *c, size_t k, const char *const *values)
{
	struct ts_tiers *t = c->t;
	struct ts_tier *x;
	struct acc *a;

	TS_GROW(t->v, t->nr + 1, t->alloc);
	TS_GROW(c->acc, t->nr + 1, c->alloc_acc);
	x = memset(&t->v[t->nr], 0, sizeof(*x));
	a = memset(&c->acc[t->nr], 0, sizeof(*a));
	x->hardware_tier = ts_xstrdup(c->keys[k].hardware_tier);
	x->device_type = ts_xstrdup(c->keys[k].device_type);
	x->key = ts_xasprintf("%s_%s", x->hardware_tier, x->device_type);
	if (t->by.n) {
		x->group = ts_xcalloc(t->by.n, sizeof(*x->group));
		for (size_t j = 0; j < t->by.n; j++)
			x->group[j] = values && values[j] ? ts_xstrdup(values[j]) : NULL;
	}
	for (int m = 0; m < TS_M_COUNT; m++) {
		struct ts_ratio *q = &x->relative[m];
		q->ratio = q->ci95[0] = q->ci95[1] = q->df = q->se_log = NAN;
	}
	x->realtime.duration_s = NAN;
	ts_stats_ols(NULL, NULL, 0, &x->scaling.fit);
	for (int col = 0; col < TS_RC_COUNT; col++)
		x->realtime.col[col].mean = x->realtime.col[col].min = x->realtime.col[col].max = NAN;
	a->max_temperature_c = NAN;
	a->last_file = -1;
	TS_GROW(c->conf[k].tiers, c->conf[k].n + 1, c->conf[k].alloc);
	c->conf[k].tiers[c->conf[k].n++] = t->nr;
	return t->nr++;
}

/* The tier of configuration k for the group `values`: made when new. */
static size_t group_of(struct scan *c, size_t k, const char *const *values)
{
	const struct conf *f = &c->conf[k];
	const struct ts_by *by = &c->t->by;

	for (size_t i = 0; i < f->n; i++) {
		const struct ts_tier *x = &c->t->v[f->tiers[i]];
		size_t j = 0;
		while (j < by->n && (x->group[j] ? values[j] && strcmp(x->group[j], values[j]) == 0
				     : values[j] == NULL))
			j++;
		if (j == by->n)
			return f->tiers[i];
	}
	return new_tier(c, k, values);
}

static int on_row(void *ctx, const struct ts_syn_row *r)
{
	struct scan *c = ctx;
	struct ts_tiers *t = c->t;
	size_t i = c->last;

	if (i >= t->nr || !row_of(&t->v[i], r, &t->by)) {
		size_t lo = 0, hi = c->nk;   /* keys are sorted by (ht, dt) */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (cmp_conf(&c->keys[mid], r->hardware_tier, r->device_type) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == c->nk || cmp_conf(&c->keys[lo], r->hardware_tier, r->device_type) != 0)
			return 0;   /* cannot happen: the keys came from these rows */
		i = c->last = group_of(c, lo, r->text + TS_SETTINGS_COUNT);
	}
	if (r->file_id != c->file_id) {
		if (t->by.n) {   /* its realtime files go with its first row (tiers_int.h) */
			TS_GROW(t->first, t->nfirst + 1, t->alloc_first);
			t->first[t->nfirst].path = ts_xstrdup(r->path);
			t->first[t->nfirst++].tier = i;
		}
		flush_file(c);
		ts_warmup_begin(&c->held, r->path);
		TS_GROW(c->paths, c->npaths + 1, c->alloc_paths);
		c->paths[c->npaths++] = ts_xstrdup(r->path);
		c->file_id = r->file_id;
	}
	ts_warmup_add(&c->held, i, r->line, r->v[TS_M_COUNT], r->success, r->throttle, r->v);
	c->held.rows[c->held.nr - 1].tokens = r->v[TS_M_COUNT + 1];
	for (int k = 0; k < TS_SETTINGS_COUNT; k++)
		c->held.rows[c->held.nr - 1].setting[k] =
			ts_settings_intern(&t->v[i].settings, k, r->text[k]);
	if (r->file_id != c->acc[i].last_file) {
		c->acc[i].last_file = r->file_id;
		ts_tiers_add_source(&t->v[i], r->path);
	}
	return 0;
}

static void acc_release(struct acc *a)
{
	for (int m = 0; m < TS_M_COUNT; m++) {
		free(a->v[m]);
		free(a->at[m]);
	}
	free(a->sx);
	free(a->sy);
}

/* The duration against tokens line, and the points kept for drawing
 * (tiers.h struct ts_scaling). */
static void scaling_from_rows(struct ts_scaling *s, const struct acc *a)
{
	size_t keep = a->ns > TS_SCALING_MAX_POINTS ? TS_SCALING_MAX_POINTS : a->ns;

	ts_stats_ols(a->sx, a->sy, a->ns, &s->fit);
	s->has_line = s->fit.distinct_x >= 3;
	if (!s->has_line) {   /* a line through 2 token counts is no scaling */
		struct ts_ols none;
		ts_stats_ols(NULL, NULL, 0, &none);
		none.n = s->fit.n;
		none.distinct_x = s->fit.distinct_x;
		s->fit = none;
	}
	if (keep == 0)
		return;
	s->tokens = ts_xmalloc(keep * sizeof(*s->tokens));
	s->duration_s = ts_xmalloc(keep * sizeof(*s->duration_s));
	for (size_t i = 0; i < keep; i++) {
		size_t k = (size_t)((unsigned long long)i * a->ns / keep);
		s->tokens[i] = a->sx[k];
		s->duration_s[i] = a->sy[k];
	}
	s->npoints = keep;
}

/* The spread of every metric (stats.h), and where its first severe
 * outlier is. */
static void spread_from_rows(struct ts_tier *t, const struct acc *a, const struct scan *c)
{
	t->spread_known = 1;
	for (int m = 0; m < TS_M_COUNT; m++) {
		struct ts_spread *sp = &t->spread[m];
		size_t n = t->successful >= 0 ? a->n[m] : 0;
		ts_stats_spread(a->v[m], n, &t->metrics[m], sp);
		if (sp->tukey.first_severe >= 0) {
			const struct row_pos *p = &c->pos[a->at[m][sp->tukey.first_severe]];
			t->first_severe[m].path = ts_xstrdup(c->paths[p->file]);
			t->first_severe[m].line = p->line;
		}
	}
}

/* No values: no spread (a tier from analysis JSON alone). */
static void unknown_spread(struct ts_tier *t)
{
	for (int m = 0; m < TS_M_COUNT; m++) {
		struct ts_spread *sp = &t->spread[m];
		sp->se = sp->p05 = sp->q1 = sp->q3 = sp->p95 = NAN;
		sp->ci95[0] = sp->ci95[1] = NAN;
		sp->tukey.mild = sp->tukey.severe = 0;
		sp->tukey.first_mild = sp->tukey.first_severe = -1;
	}
}

/* Issue "statistics" item 6: outliers are counted, never removed; a
 * metric with severe ones is named once, at the first. */
static void note_outliers(const struct ts_tier *t, struct ts_diag *d)
{
	for (int m = 0; m < TS_M_COUNT; m++) {
		const struct ts_tukey *k = &t->spread[m].tukey;
		if (k->severe > 0 && t->first_severe[m].path)
			ts_diag_note(d, t->first_severe[m].path, t->first_severe[m].line,
				     "%s: %s has %ld severe outlier%s (beyond 3 IQR from the quartiles), the first here (kept in every statistic)",
				     t->key, ts_metric_name((enum ts_metric)m), k->severe,
				     k->severe == 1 ? "" : "s");
	}
}

/* Statistics from the synthesis rows (METRICS.md section 4). */
static void from_rows(struct ts_tier *t, const struct acc *a)
{
	t->from = TS_FROM_CSV;
	t->tests = (long)a->rows;
	t->warmup_excluded = (long)a->warmup_excluded;
	t->successful = a->success_known ? (long)a->successful : -1;
	t->success_rate = t->successful >= 0 && t->tests > 0
		? (double)t->successful / (double)t->tests : NAN;
	t->max_temperature_c = a->max_temperature_c;
	t->throttle_events = a->throttle_known ? (long)a->throttle_events : -1;
	for (int m = 0; m < TS_M_COUNT; m++)
		ts_stats_summarize(a->v[m], t->successful >= 0 ? a->n[m] : 0, &t->metrics[m]);
}

/* Statistics from analysis_<tier>.json alone (METRICS.md section 5). */
static void from_analysis(struct ts_tier *t, const struct ts_analysis_row *a)
{
	struct ts_summary *mem = &t->metrics[TS_M_PEAK_MEMORY_MB];

	t->from = TS_FROM_ANALYSIS_JSON;
	t->tests = a->total_runs;
	t->successful = a->successful_runs;
	t->success_rate = a->success_rate;
	for (int m = 0; m < TS_M_COUNT; m++)
		unknown_summary(&t->metrics[m], -1);
	mem->n = a->successful_runs;
	mem->mean = a->avg_peak_mb;
	mem->std = a->std_dev_mb;
	mem->min = a->min_peak_mb;
	mem->max = a->max_peak_mb;
	t->metrics[TS_M_RTF].mean = a->avg_rtf;
	t->metrics[TS_M_TOKENS_PER_SECOND].mean = a->avg_tokens_per_sec;
	t->metrics[TS_M_TOTAL_DURATION_S].mean = a->avg_duration_s;
	t->max_temperature_c = a->max_temperature_c;
	t->throttle_events = a->throttle_events;
}

/* The monitor rounds its aggregates to 2 decimals: a difference beyond
 * that rounding is a disagreement. */
static int differs(double csv, double json)
{
	if (isnan(csv) || isnan(json))
		return 0;
	return fabs(csv - json) > 0.005 + 1e-9 * fabs(csv);
}

static void check_analysis(const struct ts_tier *t, const struct ts_analysis_row *a,
			   const char *path, struct ts_diag *d)
{
	const struct {
		const char *name;
		double csv, json;
	} f[] = {
		{ "total_runs", (double)t->tests, a->total_runs < 0 ? NAN : (double)a->total_runs },
		{ "successful_runs", t->successful < 0 ? NAN : (double)t->successful,
		  a->successful_runs < 0 ? NAN : (double)a->successful_runs },
		{ "success_rate", t->success_rate, a->success_rate },
		{ "memory.avg_peak_mb", t->metrics[TS_M_PEAK_MEMORY_MB].mean, a->avg_peak_mb },
		{ "memory.max_peak_mb", t->metrics[TS_M_PEAK_MEMORY_MB].max, a->max_peak_mb },
		{ "memory.min_peak_mb", t->metrics[TS_M_PEAK_MEMORY_MB].min, a->min_peak_mb },
		{ "memory.std_dev_mb", t->metrics[TS_M_PEAK_MEMORY_MB].std, a->std_dev_mb },
		{ "performance.avg_rtf", t->metrics[TS_M_RTF].mean, a->avg_rtf },
		{ "performance.avg_tokens_per_sec", t->metrics[TS_M_TOKENS_PER_SECOND].mean, a->avg_tokens_per_sec },
		{ "performance.avg_duration_s", t->metrics[TS_M_TOTAL_DURATION_S].mean, a->avg_duration_s },
		{ "thermal.max_temperature_c", t->max_temperature_c, a->max_temperature_c },
		{ "thermal.throttle_events", t->throttle_events < 0 ? NAN : (double)t->throttle_events,
		  a->throttle_events < 0 ? NAN : (double)a->throttle_events },
	};

	char msg[1024];
	size_t n = 0;

	for (size_t i = 0; i < TS_COUNTOF(f) && n < sizeof(msg); i++)
		if (differs(f[i].csv, f[i].json))
			n += (size_t)snprintf(msg + n, sizeof(msg) - n, "%s%s %.10g here, %.10g in the rows",
					      n ? "; " : "", f[i].name, f[i].json, f[i].csv);
	if (n)
		ts_diag_warn(d, TS_DROP_NONE, path, 0,
			     "disagrees with the synthesis rows of %s: %s (the CSV values are used)",
			     t->key, msg);
}

static void set_hardware(struct ts_tier *t, struct ts_store *s)
{
	struct ts_specs_row r;
	char *path;
	long long cores;

	if (ts_store_tier_specs(s, t->hardware_tier, t->device_type, &r, &path) == 1) {
		t->label = r.display_name && *r.display_name ? ts_xstrdup(r.display_name)
			   : ts_xasprintf("%s_%s", t->hardware_tier, t->device_type);
		t->cpu_model = r.cpu_model ? ts_xstrdup(r.cpu_model) : NULL;
		t->gpu_name = r.gpu_name ? ts_xstrdup(r.gpu_name) : NULL;
		t->cpu_cores = (long)r.cpu_cores;
		t->total_memory_gb = r.total_memory_gb;
		t->hardware_json = ts_xstrdup(r.json);
		ts_tiers_add_source(t, path);
		free(path);
		ts_store_free_specs(&r);
		return;
	}
	t->label = ts_xasprintf("%s_%s", t->hardware_tier, t->device_type);   /* the key but a group's */
	ts_store_row_hardware(s, t->hardware_tier, t->device_type, &t->cpu_model,
			      &t->gpu_name, &cores, &t->total_memory_gb);
	t->cpu_cores = (long)cores;
}

static void build_one(struct ts_tier *t, struct ts_store *s, const struct acc *a,
		      const struct scan *c, struct ts_diag *d)
{
	const struct ts_by *by = &c->t->by;
	struct ts_analysis_row an;
	char *apath = NULL;
	int have_analysis;

	have_analysis = ts_store_tier_analysis(s, t->hardware_tier, t->device_type, &an, &apath);
	if (a->rows + a->warmup_excluded > 0) {
		from_rows(t, a);
		spread_from_rows(t, a, c);
		scaling_from_rows(&t->scaling, a);
		/* README "Warm-up"; with --by the file is over every group */
		if (have_analysis == 1 && a->warmup_excluded == 0 && !by->n)
			check_analysis(t, &an, apath, d);
		note_outliers(t, d);
		ts_settings_finish(&t->settings);
		ts_settings_note(&t->settings, t->key, by->n ? by->text : NULL, d);
	} else if (have_analysis == 1) {
		from_analysis(t, &an);
		unknown_spread(t);
		ts_diag_note(d, apath, 0, "no synthesis rows for %s (its statistics come from this file)",
			     t->key);
	}
	if (apath)
		ts_tiers_add_source(t, apath);
	free(apath);
	if (ts_stats_wilson(t->successful, t->tests, t->success_ci95) < 0)
		t->success_ci95[0] = t->success_ci95[1] = NAN;
	set_hardware(t, s);
}

/* Every tier whose success is known, pooled (tiers.h). */
static void pool(struct ts_tiers *t)
{
	t->pooled_tests = t->pooled_successful = t->pooled_tiers = 0;
	for (size_t i = 0; i < t->nr; i++)
		if (t->v[i].successful >= 0 && t->v[i].tests > 0) {
			t->pooled_tests += t->v[i].tests;
			t->pooled_successful += t->v[i].successful;
			t->pooled_tiers++;
		}
	t->pooled_rate = t->pooled_tests > 0
		? (double)t->pooled_successful / (double)t->pooled_tests : NAN;
	if (ts_stats_wilson(t->pooled_successful, t->pooled_tests, t->pooled_ci95) < 0)
		t->pooled_ci95[0] = t->pooled_ci95[1] = NAN;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct ts_tier *)a)->key, ((const struct ts_tier *)b)->key);
}

/* With --by, the tiers in (configuration, group) order and their keys
 * (settings.h ts_settings_group_key; two groups of one key are told apart
 * by "~2", "~3" in that order: the mapping never makes a '~'). */
struct order { size_t i; const struct ts_tiers *t; };

static int by_group(const void *a, const void *b)
{
	const struct order *x = a, *y = b;
	const struct ts_tier *p = &x->t->v[x->i], *q = &y->t->v[y->i];
	int c = strcmp(p->hardware_tier, q->hardware_tier);

	if (!c)
		c = strcmp(p->device_type, q->device_type);
	return c ? c : ts_settings_group_cmp(&x->t->by, p->group, q->group);
}

static int key_taken(const struct ts_tiers *t, size_t j, const char *key)
{
	for (size_t i = 0; i < j; i++)
		if (strcmp(t->v[i].key, key) == 0)
			return 1;
	return 0;
}

static void order_groups(struct scan *c)
{
	struct ts_tiers *t = c->t;
	size_t n = t->nr ? t->nr : 1;
	struct order *o = ts_xmalloc(n * sizeof(*o));
	size_t *where = ts_xmalloc(n * sizeof(*where));
	struct ts_tier *v = ts_xmalloc(n * sizeof(*v));
	struct acc *a = ts_xmalloc(n * sizeof(*a));

	for (size_t i = 0; i < t->nr; i++)
		o[i] = (struct order){ i, t };
	qsort(o, t->nr, sizeof(*o), by_group);
	for (size_t j = 0; j < t->nr; j++) {
		v[j] = t->v[o[j].i];
		a[j] = c->acc[o[j].i];
		where[o[j].i] = j;
	}
	memcpy(t->v, v, t->nr * sizeof(*v));
	memcpy(c->acc, a, t->nr * sizeof(*a));
	for (size_t i = 0; i < t->nfirst; i++)
		t->first[i].tier = where[t->first[i].tier];
	for (size_t j = 0; j < t->nr; j++) {
		struct ts_tier *x = &t->v[j];
		char *base = ts_settings_group_key(x->key, &t->by, x->group);
		x->machine_key = x->key;
		x->key = ts_xstrdup(base);
		for (int k = 2; key_taken(t, j, x->key); k++) {
			free(x->key);
			x->key = ts_xasprintf("%s~%d", base, k);
		}
		free(base);
	}
	free(o);
	free(where);
	free(v);
	free(a);
}

size_t ts_tiers_machine_first(const struct ts_tiers *t, size_t i)
{
	size_t j = 0;

	while (j < i && !ts_tier_same_machine(&t->v[j], &t->v[i]))
		j++;
	return j;
}

char *ts_tiers_machine_settings(const struct ts_tiers *t, size_t i)
{
	size_t n = 0, *o = ts_xmalloc((t->nr ? t->nr : 1) * sizeof(*o));
	char *out = NULL;

	for (size_t j = 0; j < t->nr; j++) {   /* insertion sort: a few */
		size_t k = n;
		if (t->v[j].from == TS_FROM_ANALYSIS_JSON ||
		    !ts_tier_same_machine(&t->v[i], &t->v[j]))
			continue;
		while (k > 0 && ts_settings_group_cmp(&t->by, t->v[o[k - 1]].group,
						      t->v[j].group) > 0) {
			o[k] = o[k - 1];
			k--;
		}
		o[k] = j;
		n++;
	}
	for (size_t k = 0; k < n; k++) {
		char *part = ts_settings_group_parts(&t->by, t->v[o[k]].group);
		char *joined = out ? ts_xasprintf("%s; %s", out, part) : ts_xstrdup(part);
		free(part);
		free(out);
		out = joined;
	}
	free(o);
	return out;
}

long ts_tiers_machine_tests(const struct ts_tiers *t, size_t i)
{
	long sum = -1;

	for (size_t j = 0; j < t->nr; j++)
		if (ts_tier_same_machine(&t->v[i], &t->v[j]) && t->v[j].tests >= 0)
			sum = (sum < 0 ? 0 : sum) + t->v[j].tests;
	return sum;
}

int ts_tiers_build_synthesis(struct ts_tiers *t, struct ts_store *s, long warmup,
			     struct ts_diag *d)
{
	return ts_tiers_build_synthesis_by(t, s, warmup, NULL, d);
}

/* The tiers once every row is read: every configuration has one (an
 * analysis file alone makes one of empty values with --by), in order,
 * with their statistics and labels. */
static void build_all(struct scan *c, struct ts_store *s, struct ts_diag *d)
{
	struct ts_tiers *t = c->t;

	for (size_t k = 0; k < c->nk; k++)
		if (c->conf[k].n == 0)
			new_tier(c, k, NULL);
	if (t->by.n)
		order_groups(c);
	for (size_t i = 0; i < t->nr; i++) {
		struct ts_tier *x = &t->v[i];
		build_one(x, s, &c->acc[i], c, d);
		if (t->by.n) {
			x->machine_label = x->label;
			x->label = ts_settings_group_label(x->label, &t->by, x->group);
		}
	}
}

int ts_tiers_build_synthesis_by(struct ts_tiers *t, struct ts_store *s, long warmup,
				const struct ts_by *by, struct ts_diag *d)
{
	struct scan sc;
	enum ts_syn_col scan_cols[TS_M_COUNT + 2];   /* the metrics, start_time, tokens */
	enum ts_syn_col text_cols[TS_SETTINGS_COUNT + TS_BY_MAX];
	int rc = -1;

	memcpy(scan_cols, ts_metric_cols, sizeof(ts_metric_cols));
	scan_cols[TS_M_COUNT] = TS_SC_START_TIME;
	scan_cols[TS_M_COUNT + 1] = TS_SC_TEXT_LENGTH_TOKENS;
	memset(t, 0, sizeof(*t));
	t->reference = -1;
	t->warmup = warmup;
	if (by)
		t->by = *by;
	memcpy(text_cols, ts_settings_cols, sizeof(ts_settings_cols));
	for (size_t k = 0; k < t->by.n; k++)
		text_cols[TS_SETTINGS_COUNT + k] = t->by.col[k];
	memset(&sc, 0, sizeof(sc));
	if (ts_store_tier_keys(s, &sc.keys, &sc.nk) < 0) {
		ts_store_free_keys(sc.keys, sc.nk);   /* what was read before the error */
		return -1;
	}
	sc.t = t;
	sc.d = d;
	sc.file_id = -1;
	ts_warmup_init(&sc.held, warmup);
	sc.conf = ts_xcalloc(sc.nk ? sc.nk : 1, sizeof(*sc.conf));
	for (size_t i = 0; i < sc.nk && !t->by.n; i++)
		new_tier(&sc, i, NULL);
	/* one pass over every synthesis row, whatever the number of tiers */
	if (ts_store_scan_synthesis_text(s, scan_cols, TS_COUNTOF(scan_cols), text_cols,
					 TS_SETTINGS_COUNT + t->by.n, on_row, &sc) < 0)
		goto out;
	flush_file(&sc);
	if (sc.held.short_path) {
		t->warmup_short_path = sc.held.short_path;
		t->warmup_short_rows = (long)sc.held.short_rows;
		sc.held.short_path = NULL;
	}
	build_all(&sc, s, d);
	pool(t);
	rc = 0;
out:
	ts_warmup_release(&sc.held);
	for (size_t i = 0; i < sc.npaths; i++)
		free(sc.paths[i]);
	free(sc.paths);
	free(sc.pos);
	for (size_t i = 0; i < t->nr; i++)
		acc_release(&sc.acc[i]);
	free(sc.acc);
	for (size_t k = 0; k < sc.nk; k++)
		free(sc.conf[k].tiers);
	free(sc.conf);
	ts_store_free_keys(sc.keys, sc.nk);
	return rc;
}

int ts_tiers_finish(struct ts_tiers *t, struct ts_store *s, struct ts_diag *d)
{
	if (ts_tiers_add_realtime(t, s, d) < 0 || ts_tiers_note_lonely_specs(t, s, d) < 0)
		return -1;
	for (size_t i = 0; i < t->nr; i++)
		if (t->v[i].nr_sources)
			qsort(t->v[i].sources, t->v[i].nr_sources, sizeof(char *), by_string);
	/* the key sorts as a whole string ("a_b_cpu" vs "a_cpu"), not by pair */
	if (t->nr)
		qsort(t->v, t->nr, sizeof(*t->v), by_key);
	return ts_tl_load(t, s);
}

void ts_tiers_set_label(struct ts_tiers *t, long i, const char *text)
{
	free(t->v[i].label);
	t->v[i].label = ts_utf8_clean(text);
}

/* ==== names from the command line, and the reference tier ==== */

const enum ts_metric ts_relative_metrics[TS_RELATIVE_COUNT] = {
	TS_M_RTF, TS_M_PEAK_MEMORY_MB, TS_M_TOKENS_PER_SECOND, TS_M_TOTAL_DURATION_S,
};

/* "a, b, c" of the tiers whose field (key or hardware_tier) is `only`
 * (NULL: every tier), into buf. */
static void list_keys(const struct ts_tiers *t, const char *only, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < t->nr && n < size; i++)
		if (!only || strcmp(t->v[i].hardware_tier, only) == 0)
			n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", t->v[i].key);
}

long ts_tiers_find(const struct ts_tiers *t, const char *name, char *why, size_t size)
{
	char keys[512];
	long found = -1, matches = 0;

	for (size_t i = 0; i < t->nr; i++)
		if (strcmp(t->v[i].key, name) == 0)
			return (long)i;
	for (size_t i = 0; i < t->nr; i++)
		if (t->v[i].label && strcmp(t->v[i].label, name) == 0)
			return (long)i;
	for (size_t i = 0; i < t->nr; i++)
		if (strcmp(t->v[i].hardware_tier, name) == 0) {
			found = (long)i;
			matches++;
		}
	if (matches == 1)
		return found;
	list_keys(t, matches ? name : NULL, keys, sizeof(keys));
	if (matches)
		snprintf(why, size, "'%s' names %ld configurations: %s", name, matches, keys);
	else
		snprintf(why, size, "no tier '%s' (tiers: %s)", name, keys);
	return -1;
}

void ts_tiers_set_reference(struct ts_tiers *t, long ref)
{
	const struct ts_tier *r = &t->v[ref];

	t->reference = ref;
	for (size_t i = 0; i < t->nr; i++)
		for (int k = 0; k < TS_RELATIVE_COUNT; k++) {
			enum ts_metric m = ts_relative_metrics[k];
			const struct ts_summary *a = &t->v[i].metrics[m], *b = &r->metrics[m];
			struct ts_ratio *q = &t->v[i].relative[m];
			if ((long)i == ref) {   /* 1 by definition, not an estimate */
				q->ratio = b->mean > 0 ? 1 : NAN;
				continue;
			}
			if (ts_stats_ratio(a, b, q) < 0 && a->mean > 0 && b->mean > 0)
				q->ratio = a->mean / b->mean;   /* no SD on a side: no interval */
		}
}

void ts_tiers_release(struct ts_tiers *t)
{
	free(t->warmup_short_path);
	for (size_t i = 0; i < t->nr; i++) {
		struct ts_tier *x = &t->v[i];
		free(x->key);
		free(x->hardware_tier);
		free(x->device_type);
		free(x->label);
		free(x->machine_label);
		free(x->machine_key);
		free(x->cpu_model);
		free(x->gpu_name);
		free(x->hardware_json);
		for (int m = 0; m < TS_M_COUNT; m++)
			free(x->first_severe[m].path);
		for (size_t k = 0; k < x->nr_sources; k++)
			free(x->sources[k]);
		free(x->sources);
		ts_tl_release(&x->timeline);
		free(x->scaling.tokens);
		free(x->scaling.duration_s);
		ts_settings_release(&x->settings);
		for (size_t k = 0; x->group && k < t->by.n; k++)
			free(x->group[k]);
		free(x->group);
	}
	ts_effect_release(&t->effect);
	for (size_t i = 0; i < t->nfirst; i++)
		free(t->first[i].path);
	free(t->first);
	free(t->v);
	memset(t, 0, sizeof(*t));
}
