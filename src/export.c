/* export.c - hardware_metadata.json (see export.h). */
#include "ts.h"
#include "export.h"
#include "mem.h"
#include "repr.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The model's strings are valid UTF-8 (tiers.h): jansson takes them as
 * they are. */
static json_t *jstr(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;

	return v ? v : json_null();
}

static json_t *jreal(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static json_t *jcount(long n)
{
	return n >= 0 ? json_integer(n) : json_null();
}

/* An interval [lo, hi], or null when there is none. */
static json_t *jinterval(const double ci[2])
{
	if (!isfinite(ci[0]) || !isfinite(ci[1]))
		return json_null();
	return json_pack("[o, o]", json_real(ci[0]), json_real(ci[1]));
}

/* A metric: the six numbers of METRICS.md section 4, then the spread
 * (README "Intervals, quantiles and outliers"); outlier counts are null
 * when the values are unknown (analysis JSON alone). */
static json_t *summary(const struct ts_summary *s, const struct ts_spread *sp, int known)
{
	json_t *o = json_object();

	json_object_set_new(o, "n", jcount(s->n));
	json_object_set_new(o, "mean", jreal(s->mean));
	json_object_set_new(o, "std", jreal(s->std));
	json_object_set_new(o, "min", jreal(s->min));
	json_object_set_new(o, "max", jreal(s->max));
	json_object_set_new(o, "median", jreal(s->median));
	json_object_set_new(o, "se", jreal(sp->se));
	json_object_set_new(o, "ci95", jinterval(sp->ci95));
	json_object_set_new(o, "p05", jreal(sp->p05));
	json_object_set_new(o, "q1", jreal(sp->q1));
	json_object_set_new(o, "q3", jreal(sp->q3));
	json_object_set_new(o, "p95", jreal(sp->p95));
	json_object_set_new(o, "outliers", known
			    ? json_pack("{s:I, s:I}", "mild", (json_int_t)sp->tukey.mild,
					"severe", (json_int_t)sp->tukey.severe)
			    : json_null());
	return o;
}

/* The specs object as read, or null without one (the table still shows
 * what the rows say, but the JSON field means "the specs file"). */
static json_t *hardware(const struct ts_tier *t)
{
	json_t *o = t->hardware_json ? json_loads(t->hardware_json, 0, NULL) : NULL;

	return o ? o : json_null();
}

/* The realtime fields of the contract (METRICS.md section 6), each one
 * statistic of one column of columns.h. */
enum rt_stat { RT_MEAN, RT_MAX };
static const struct {
	const char *name;
	enum ts_rt_col col;
	enum rt_stat stat;
} rt_fields[] = {
	{ "cpu_percent_mean", TS_RC_CPU_PERCENT, RT_MEAN },
	{ "cpu_percent_max", TS_RC_CPU_PERCENT, RT_MAX },
	{ "memory_mb_max", TS_RC_MEMORY_MB, RT_MAX },
	{ "temperature_c_max", TS_RC_TEMPERATURE_C, RT_MAX },
};

/* Samples during requests or idle (README "Synthesis against idle");
 * null when no realtime file of the tier has a partner. */
static json_t *phase(const struct ts_realtime *r, int k)
{
	const struct ts_rt_phase *p = &r->phase[k];

	if (!r->paired)
		return json_null();
	return json_pack("{s:I, s:o, s:o, s:o}", "samples", (json_int_t)p->samples,
			 "memory_mb_mean", jreal(p->memory_mean), "memory_mb_max", jreal(p->memory_max),
			 "cpu_percent_mean", jreal(p->cpu_mean));
}

static json_t *realtime(const struct ts_realtime *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "samples", json_integer(r->samples));
	json_object_set_new(o, "duration_s", jreal(r->duration_s));
	for (size_t i = 0; i < TS_COUNTOF(rt_fields); i++) {
		const struct ts_rt_stat *x = &r->col[rt_fields[i].col];
		json_object_set_new(o, rt_fields[i].name,
				    jreal(rt_fields[i].stat == RT_MEAN ? x->mean : x->max));
	}
	json_object_set_new(o, "during_requests", phase(r, TS_SPAN_DURING));
	json_object_set_new(o, "idle", phase(r, TS_SPAN_IDLE));
	return o;
}

/* With --reference: this tier's means over the reference's, per metric
 * of ts_relative_metrics; null without one. */
static json_t *relative(const struct ts_tiers *all, const struct ts_tier *t)
{
	const struct ts_tier *ref = ts_tiers_reference(all);
	json_t *o;

	if (!ref)
		return json_null();
	o = json_object();
	json_object_set_new(o, "reference", jstr(ref->key));
	for (int k = 0; k < TS_RELATIVE_COUNT; k++) {
		enum ts_metric m = ts_relative_metrics[k];
		const struct ts_ratio *q = &t->relative[m];
		json_object_set_new(o, ts_metric_name(m),
				    json_pack("{s:o, s:o, s:o}", "ratio", jreal(q->ratio),
					      "ci95", jinterval(q->ci95), "df", jreal(q->df)));
	}
	return o;
}

/* total_duration_s against text_length_tokens (tiers.h struct
 * ts_scaling): the line, or null fields and a note why there is none;
 * counts null too for a tier from analysis JSON (no rows). */
static json_t *scaling(const struct ts_tier *t)
{
	const struct ts_ols *f = &t->scaling.fit;
	int rows = t->from == TS_FROM_CSV;
	json_t *o = json_object();

	json_object_set_new(o, "n", rows ? json_integer(f->n) : json_null());
	json_object_set_new(o, "distinct_tokens", rows ? json_integer(f->distinct_x) : json_null());
	json_object_set_new(o, "slope_s_per_token", jreal(f->slope));
	json_object_set_new(o, "slope_se", jreal(f->slope_se));
	json_object_set_new(o, "slope_ci95", jinterval(f->slope_ci95));
	json_object_set_new(o, "intercept_s", jreal(f->intercept));
	json_object_set_new(o, "intercept_se", jreal(f->intercept_se));
	json_object_set_new(o, "intercept_ci95", jinterval(f->intercept_ci95));
	json_object_set_new(o, "r_squared", jreal(f->r_squared));
	json_object_set_new(o, "note", t->scaling.has_line ? json_null()
			    : json_string(rows ? "fewer than 3 distinct token counts: no line"
					  : "no synthesis rows: no line"));
	return o;
}

/* A setting's value as the JSON has it: a string for a TEXT column,
 * true/false for a BOOL one, a number for an INT one, null for empty. */
static json_t *setting_value(enum ts_syn_col c, const char *text)
{
	if (!text)
		return json_null();
	switch (ts_synthesis_cols[c].type) {
	case TS_VAL_BOOL:
		return json_boolean(strcmp(text, "True") == 0);
	case TS_VAL_INT:
		return json_integer((json_int_t)strtoll(text, NULL, 10));
	default:
		return json_string(text);
	}
}

/* The values each setting takes over the tier's rows (settings.h),
 * in their order; null without rows. */
static json_t *settings(const struct ts_settings *s)
{
	json_t *o;

	if (!s->known)
		return json_null();
	o = json_object();
	for (int k = 0; k < TS_SETTINGS_COUNT; k++) {
		enum ts_syn_col c = ts_settings_cols[k];
		json_t *a = json_array();
		for (size_t i = 0; i < s->col[k].nr; i++)
			json_array_append_new(a, json_pack("{s:o, s:I}", "value",
							   setting_value(c, s->col[k].v[i].text), "rows",
							   (json_int_t)s->col[k].v[i].rows));
		json_object_set_new(o, ts_synthesis_cols[c].name, a);
	}
	return o;
}

/* With --by, the group's value of each column (typed as settings are);
 * null without --by. */
static json_t *group(const struct ts_tiers *all, const struct ts_tier *t)
{
	json_t *o;

	if (!all->by.n || !t->group)
		return json_null();
	o = json_object();
	for (size_t k = 0; k < all->by.n; k++)
		json_object_set_new(o, ts_synthesis_cols[all->by.col[k]].name,
				    setting_value(all->by.col[k], t->group[k]));
	return o;
}

static json_t *tier_object(const struct ts_tiers *all, const struct ts_tier *t)
{
	json_t *o = json_object(), *m = json_object(), *th = json_object();
	json_t *src = json_array();

	json_object_set_new(o, "key", jstr(t->key));
	json_object_set_new(o, "hardware_tier", jstr(t->hardware_tier));
	json_object_set_new(o, "device_type", jstr(t->device_type));
	json_object_set_new(o, "group", group(all, t));
	json_object_set_new(o, "label", jstr(t->label));
	json_object_set_new(o, "from", json_string(t->from == TS_FROM_CSV ? "csv" : "analysis_json"));
	json_object_set_new(o, "hardware", hardware(t));
	json_object_set_new(o, "tests", jcount(t->tests));
	json_object_set_new(o, "successful", jcount(t->successful));
	json_object_set_new(o, "success_rate", jreal(t->success_rate));
	json_object_set_new(o, "success_ci95", jinterval(t->success_ci95));
	json_object_set_new(o, "warmup_excluded",   /* --warmup; unknown without rows */
			    t->from == TS_FROM_CSV ? json_integer(t->warmup_excluded) : json_null());
	for (int k = 0; k < TS_M_COUNT; k++)
		json_object_set_new(m, ts_metric_name(k), summary(&t->metrics[k], &t->spread[k], t->spread_known));
	json_object_set_new(o, "metrics", m);
	json_object_set_new(th, "max_temperature_c", jreal(t->max_temperature_c));
	json_object_set_new(th, "throttle_events", jcount(t->throttle_events));
	json_object_set_new(o, "thermal", th);
	json_object_set_new(o, "settings", settings(&t->settings));
	json_object_set_new(o, "relative", relative(all, t));
	json_object_set_new(o, "scaling", scaling(t));
	json_object_set_new(o, "realtime", realtime(&t->realtime));
	for (size_t i = 0; i < t->nr_sources; i++)
		json_array_append_new(src, jstr(t->sources[i]));
	json_object_set_new(o, "sources", src);
	return o;
}

/* --by: the columns, in order; null without. */
static json_t *by_list(const struct ts_by *by)
{
	json_t *a;

	if (!by->n)
		return json_null();
	a = json_array();
	for (size_t k = 0; k < by->n; k++)
		json_array_append_new(a, json_string(ts_synthesis_cols[by->col[k]].name));
	return a;
}

/* --baseline's values by column, typed as a group's ("none": null). */
static json_t *baseline_object(const struct ts_tiers *t)
{
	const struct ts_baseline *b = &t->effect.base;
	json_t *o = json_object();

	for (size_t k = 0; k < b->n; k++) {
		enum ts_syn_col c = t->by.col[k];
		json_t *v;
		if (strcmp(b->value[k], "none") == 0)
			v = json_null();
		else if (ts_synthesis_cols[c].type == TS_VAL_BOOL)
			v = json_boolean(strcasecmp(b->value[k], "true") == 0);
		else
			v = setting_value(c, b->value[k]);
		json_object_set_new(o, ts_synthesis_cols[c].name, v);
	}
	return o;
}

/* One comparison of a machine: the group, its baseline group (null and
 * a note when the machine has none), the ratios of effect.h. */
static json_t *comparison(const struct ts_tiers *t, const struct ts_effect_cmp *c)
{
	json_t *o = json_object();
	char *base = ts_effect_base_text(t, c->tier), *note = NULL;

	if (c->base < 0)
		note = ts_xasprintf("no %s rows", base);
	json_object_set_new(o, "tier", jstr(t->v[c->tier].key));
	json_object_set_new(o, "group", group(t, &t->v[c->tier]));
	json_object_set_new(o, "baseline_tier", c->base >= 0 ? jstr(t->v[c->base].key) : json_null());
	json_object_set_new(o, "note", note ? json_string(note) : json_null());
	for (int k = 0; k < TS_EFFECT_COUNT; k++) {
		const struct ts_ratio *q = &c->r[k];
		json_object_set_new(o, ts_metric_name(ts_effect_metrics[k]),
				    json_pack("{s:o, s:o, s:o}", "ratio", jreal(q->ratio),
					      "ci95", jinterval(q->ci95), "df", jreal(q->df)));
	}
	free(base);
	free(note);
	return o;
}

/* --by with --baseline (effect.h): per machine its comparisons; null
 * without --baseline. */
static json_t *setting_effect(const struct ts_tiers *t)
{
	const struct ts_effect *e = &t->effect;
	json_t *o, *machines;

	if (!e->base.n)
		return json_null();
	o = json_object();
	machines = json_array();
	json_object_set_new(o, "by", by_list(&t->by));
	json_object_set_new(o, "baseline", baseline_object(t));
	for (size_t j = 0; j < e->nr; j++) {
		const struct ts_effect_machine *m = &e->m[j];
		json_t *x = json_object(), *cmp = json_array();
		char *only = ts_effect_only_text(t, m);
		json_object_set_new(x, "machine", jstr(m->key));
		json_object_set_new(x, "label", jstr(m->label));
		json_object_set_new(x, "measured", json_boolean(m->measured > 0));
		json_object_set_new(x, "note", only ? json_string(only) : json_null());
		for (size_t i = 0; i < m->nr; i++)
			json_array_append_new(cmp, comparison(t, &m->cmp[i]));
		json_object_set_new(x, "comparisons", cmp);
		json_array_append_new(machines, x);
		free(only);
	}
	json_object_set_new(o, "machines", machines);
	return o;
}

/* Every tier whose success is known, pooled (tiers.h). */
static json_t *pooled(const struct ts_tiers *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "tiers", json_integer(t->pooled_tiers));
	json_object_set_new(o, "tests", json_integer(t->pooled_tests));
	json_object_set_new(o, "successful", json_integer(t->pooled_successful));
	json_object_set_new(o, "success_rate", jreal(t->pooled_rate));
	json_object_set_new(o, "success_ci95", jinterval(t->pooled_ci95));
	return o;
}

/* The manifest (manifest.h): version, options, every input file. */
static json_t *run_object(const struct ts_manifest *m)
{
	json_t *args = json_array(), *inputs = json_array();

	for (size_t i = 0; i < m->nr_args; i++)
		json_array_append_new(args, jstr(m->args[i]));
	for (size_t i = 0; i < m->nr_files; i++) {
		const struct ts_manifest_file *f = &m->files[i];
		json_array_append_new(inputs, json_pack("{s:o, s:I, s:o}", "path", jstr(f->rel),
							"size", (json_int_t)f->size, "sha256",
							f->sha256[0] ? json_string(f->sha256) : json_null()));
	}
	return json_pack("{s:s, s:o, s:o}", "version", TS_VERSION, "args", args, "inputs", inputs);
}

int ts_export_json(FILE *fp, const struct ts_tiers *t, const char *metrics_dir,
		   const char *errorbar, const struct ts_manifest *run, struct ts_diag *d)
{
	const struct ts_tier *ref = ts_tiers_reference(t);
	json_t *root = json_object(), *tiers = json_array();
	char *text, *short_text = NULL;
	int rc = 1;

	json_object_set_new(root, "generator", json_string("tierstat " TS_VERSION));
	json_object_set_new(root, "metrics_dir", jstr(metrics_dir));
	json_object_set_new(root, "options",
			    json_pack("{s:I, s:o, s:s, s:o, s:o}", "warmup", (json_int_t)t->warmup, "reference",
				      ref ? jstr(ref->key) : json_null(), "errorbar", errorbar,
				      "by", by_list(&t->by), "baseline",
				      t->effect.base.n ? json_string(t->effect.base.text) : json_null()));
	if (run)
		json_object_set_new(root, "run", run_object(run));
	json_object_set_new(root, "pooled", pooled(t));
	for (size_t i = 0; i < t->nr; i++)
		json_array_append_new(tiers, tier_object(t, &t->v[i]));
	json_object_set_new(root, "tiers", tiers);
	json_object_set_new(root, "setting_effect", setting_effect(t));
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
	json_decref(root);
	if (text) {
		short_text = ts_json_short_reals(text);
		rc = fputs(short_text, fp) == EOF || fputc('\n', fp) == EOF;
	}
	free(text);
	free(short_text);
	if (rc != 0) {
		ts_diag_run(d, TS_ERROR, "cannot write hardware_metadata.json");
		return -1;
	}
	return 0;
}
