/* export.c - hardware_metadata.json (see export.h). */
#include "ts.h"
#include "export.h"
#include "mem.h"
#include "utf8.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static json_t *jstr(const char *s)
{
	char *clean;
	json_t *v;

	if (!s)
		return json_null();
	clean = ts_utf8_clean(s);
	v = json_string(clean);
	free(clean);
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

static json_t *summary(const struct ts_summary *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "n", jcount(s->n));
	json_object_set_new(o, "mean", jreal(s->mean));
	json_object_set_new(o, "std", jreal(s->std));
	json_object_set_new(o, "min", jreal(s->min));
	json_object_set_new(o, "max", jreal(s->max));
	json_object_set_new(o, "median", jreal(s->median));
	return o;
}

/* The specs object as read, or null without one (the table still shows
 * what the rows say, but the JSON field means "the specs file"). */
static json_t *hardware(const struct ts_tier *t)
{
	json_t *o = t->hardware_json ? json_loads(t->hardware_json, 0, NULL) : NULL;

	return o ? o : json_null();
}

static json_t *tier_object(const struct ts_tier *t)
{
	json_t *o = json_object(), *m = json_object(), *th = json_object();
	json_t *rt = json_object(), *src = json_array();
	const struct ts_realtime *r = &t->realtime;

	json_object_set_new(o, "key", jstr(t->key));
	json_object_set_new(o, "hardware_tier", jstr(t->hardware_tier));
	json_object_set_new(o, "device_type", jstr(t->device_type));
	json_object_set_new(o, "label", jstr(t->label));
	json_object_set_new(o, "from", json_string(t->from == TS_FROM_CSV ? "csv" : "analysis_json"));
	json_object_set_new(o, "hardware", hardware(t));
	json_object_set_new(o, "tests", jcount(t->tests));
	json_object_set_new(o, "successful", jcount(t->successful));
	json_object_set_new(o, "success_rate", jreal(t->success_rate));
	for (int k = 0; k < TS_M_COUNT; k++)
		json_object_set_new(m, ts_metric_name(k), summary(&t->metrics[k]));
	json_object_set_new(o, "metrics", m);
	json_object_set_new(th, "max_temperature_c", jreal(t->max_temperature_c));
	json_object_set_new(th, "throttle_events", jcount(t->throttle_events));
	json_object_set_new(o, "thermal", th);
	json_object_set_new(rt, "samples", json_integer(r->samples));
	json_object_set_new(rt, "duration_s", jreal(r->duration_s));
	json_object_set_new(rt, "cpu_percent_mean", jreal(r->cpu_percent_mean));
	json_object_set_new(rt, "cpu_percent_max", jreal(r->cpu_percent_max));
	json_object_set_new(rt, "memory_mb_max", jreal(r->memory_mb_max));
	json_object_set_new(rt, "temperature_c_max", jreal(r->temperature_c_max));
	json_object_set_new(o, "realtime", rt);
	for (size_t i = 0; i < t->nr_sources; i++)
		json_array_append_new(src, jstr(t->sources[i]));
	json_object_set_new(o, "sources", src);
	return o;
}

int ts_export_json(FILE *fp, const struct ts_tiers *t, const char *metrics_dir,
		   struct ts_diag *d)
{
	json_t *root = json_object(), *tiers = json_array();
	int rc;

	json_object_set_new(root, "generator", json_string("tierstat " TS_VERSION));
	json_object_set_new(root, "metrics_dir", jstr(metrics_dir));
	for (size_t i = 0; i < t->nr; i++)
		json_array_append_new(tiers, tier_object(&t->v[i]));
	json_object_set_new(root, "tiers", tiers);
	rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
	json_decref(root);
	if (rc != 0 || fputc('\n', fp) == EOF) {
		ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
			       "cannot write hardware_metadata.json");
		return -1;
	}
	return 0;
}
