/* test_export.c - hardware_metadata.json (export.h) from a tier model
 * built by hand, written into memory and parsed back with jansson: the
 * fields of METRICS.md section 6 and their values, `null` for NaN,
 * infinity and unknown counts, reals with 17 significant digits (0.1 +
 * 0.2 reads back bit for bit), the realtime field names of the contract,
 * tiers in the order given, the specs object as it is, the same bytes
 * on a second call, and an error when the stream cannot be written. */
#include "ts.h"
#include "testutil.h"
#include "export.h"
#include "mem.h"
#include "tiers.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static struct ts_tier *tier_add(struct ts_tiers *t, const char *ht, const char *dev)
{
	struct ts_tier *x;

	TS_GROW(t->v, t->nr + 1, t->alloc);
	x = &t->v[t->nr++];
	memset(x, 0, sizeof(*x));
	x->key = ts_xasprintf("%s_%s", ht, dev);
	x->hardware_tier = ts_xstrdup(ht);
	x->device_type = ts_xstrdup(dev);
	x->label = ts_xstrdup(x->key);
	x->cpu_cores = -1;
	x->total_memory_gb = NAN;
	x->tests = -1;
	x->successful = -1;
	x->success_rate = NAN;
	x->max_temperature_c = NAN;
	x->throttle_events = -1;
	for (int m = 0; m < TS_M_COUNT; m++) {
		struct ts_summary *s = &x->metrics[m];
		s->n = -1;
		s->mean = s->std = s->min = s->max = s->median = NAN;
	}
	x->realtime.duration_s = NAN;
	for (int c = 0; c < TS_RC_COUNT; c++)
		x->realtime.col[c].mean = x->realtime.col[c].min = x->realtime.col[c].max = NAN;
	return x;
}

static void source_add(struct ts_tier *x, const char *rel)
{
	TS_GROW(x->sources, x->nr_sources + 1, x->alloc_sources);
	x->sources[x->nr_sources++] = ts_xstrdup(rel);
}

/* Two tiers, deliberately not in key order ("z" before "a"): the export
 * keeps the order it is given (the model sorts, tiers.h). */
static void model(struct ts_tiers *t)
{
	struct ts_tier *z, *a;

	memset(t, 0, sizeof(*t));
	t->reference = -1;   /* no --reference */
	z = tier_add(t, "zbox", "cuda");
	free(z->label);
	z->label = ts_xstrdup("Z Box \xc3\xa9");
	z->hardware_json = ts_xstrdup("{\"gpu_name\":\"RTX 4090\",\"cpu_cores\":16,\"z\":null,\"a\":1.5}");
	z->tests = 4;
	z->successful = 3;
	z->success_rate = 0.75;
	z->metrics[TS_M_RTF] = (struct ts_summary){ 3, 0.1 + 0.2, 1.0 / 3.0, 0.1, 0.5, 0.3 };
	z->metrics[TS_M_PEAK_MEMORY_MB] = (struct ts_summary){ 1, 2048, NAN, 2048, 2048, 2048 };
	z->max_temperature_c = 71.25;
	z->throttle_events = 2;
	z->realtime.samples = 5;
	z->realtime.duration_s = 0.5;
	z->realtime.col[TS_RC_CPU_PERCENT].mean = 87.5;
	z->realtime.col[TS_RC_CPU_PERCENT].max = 398;
	z->realtime.col[TS_RC_MEMORY_MB].max = 3120;
	z->realtime.col[TS_RC_TEMPERATURE_C].max = INFINITY;   /* not finite: null */
	source_add(z, "synthesis_zbox_20250101.csv");
	source_add(z, "hardware_specs_zbox.json");
	a = tier_add(t, "abox", "cpu");
	a->from = TS_FROM_ANALYSIS_JSON;
	a->tests = 10;
	a->metrics[TS_M_RTF].mean = 1e-300;
}

/* The document for t, as bytes. */
static char *export(const struct ts_tiers *t, const char *dir, size_t *len)
{
	struct tu_diag td;
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	assert_non_null(fp);
	tu_diag_init(&td);
	assert_int_equal(ts_export_json(fp, t, dir, "sd", NULL, &td.d), 0);
	assert_int_equal(fclose(fp), 0);
	assert_string_equal(tu_diag_text(&td), "");
	tu_diag_release(&td);
	return buf;
}

static json_t *parse(const char *text)
{
	json_error_t e;
	json_t *root = json_loads(text, 0, &e);

	if (!root)
		fail_msg("not JSON: %s at line %d", e.text, e.line);
	return root;
}

static json_t *at(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	if (!v)
		fail_msg("no field '%s'", k);
	return v;
}

static double num(json_t *o, const char *k)
{
	json_t *v = at(o, k);

	assert_true(json_is_number(v));
	return json_number_value(v);
}

static void top_level_and_order(void **state)
{
	struct ts_tiers t;
	size_t len;
	char *text;
	json_t *root, *tiers;

	(void)state;
	model(&t);
	text = export(&t, "runs/2025", &len);
	assert_int_equal(strlen(text), len);
	assert_int_equal(text[len - 1], '\n');
	root = parse(text);
	assert_string_equal(json_string_value(at(root, "generator")), "tierstat " TS_VERSION);
	assert_string_equal(json_string_value(at(root, "metrics_dir")), "runs/2025");
	tiers = at(root, "tiers");
	assert_int_equal(json_array_size(tiers), 2);
	assert_string_equal(json_string_value(at(json_array_get(tiers, 0), "key")), "zbox_cuda");
	assert_string_equal(json_string_value(at(json_array_get(tiers, 1), "key")), "abox_cpu");
	/* fields in the contract's order: "key" first, "sources" last */
	assert_true(strstr(text, "\"key\"") < strstr(text, "\"hardware_tier\""));
	assert_true(strstr(text, "\"realtime\"") < strstr(text, "\"sources\""));
	json_decref(root);
	free(text);
	ts_tiers_release(&t);
}

static void tier_fields(void **state)
{
	struct ts_tiers t;
	char *text;
	size_t len;
	json_t *root, *z, *m, *hw;

	(void)state;
	model(&t);
	text = export(&t, "m", &len);
	root = parse(text);
	z = json_array_get(at(root, "tiers"), 0);
	assert_string_equal(json_string_value(at(z, "hardware_tier")), "zbox");
	assert_string_equal(json_string_value(at(z, "device_type")), "cuda");
	assert_string_equal(json_string_value(at(z, "label")), "Z Box \xc3\xa9");
	assert_string_equal(json_string_value(at(z, "from")), "csv");
	assert_int_equal(json_integer_value(at(z, "tests")), 4);
	assert_int_equal(json_integer_value(at(z, "successful")), 3);
	assert_double_rel(num(z, "success_rate"), 0.75, 0);
	/* the specs object as read, keys in its own order */
	hw = at(z, "hardware");
	assert_string_equal(json_string_value(at(hw, "gpu_name")), "RTX 4090");
	assert_int_equal(json_integer_value(at(hw, "cpu_cores")), 16);
	assert_true(json_is_null(at(hw, "z")));
	assert_true(strstr(text, "\"z\": null") < strstr(text, "\"a\": 1.5"));
	m = at(at(z, "metrics"), "rtf");
	assert_int_equal(json_integer_value(at(m, "n")), 3);
	assert_double_rel(num(m, "min"), 0.1, 0);
	assert_double_rel(num(m, "max"), 0.5, 0);
	assert_double_rel(num(m, "median"), 0.3, 0);
	/* std of one value: null */
	m = at(at(z, "metrics"), "peak_memory_mb");
	assert_int_equal(json_integer_value(at(m, "n")), 1);
	assert_true(json_is_null(at(m, "std")));
	assert_double_rel(num(at(z, "thermal"), "max_temperature_c"), 71.25, 0);
	assert_int_equal(json_integer_value(at(at(z, "thermal"), "throttle_events")), 2);
	assert_int_equal(json_array_size(at(z, "sources")), 2);
	assert_string_equal(json_string_value(json_array_get(at(z, "sources"), 1)),
			    "hardware_specs_zbox.json");
	/* every metric of the contract is there, by name */
	assert_int_equal(json_object_size(at(z, "metrics")), TS_M_COUNT);
	at(at(z, "metrics"), "tokens_per_second");
	at(at(z, "metrics"), "total_duration_s");
	at(at(z, "metrics"), "peak_gpu_memory_mb");
	at(at(z, "metrics"), "peak_temperature_c");
	json_decref(root);
	free(text);
	ts_tiers_release(&t);
}

/* Unknown counts (-1), NaN and infinity: null, never a number. */
static void nulls(void **state)
{
	struct ts_tiers t;
	char *text;
	size_t len;
	json_t *root, *a, *rtf;

	(void)state;
	model(&t);
	text = export(&t, "m", &len);
	assert_null(strstr(text, "NaN"));
	assert_null(strstr(text, "nan"));
	assert_null(strstr(text, "Infinity"));
	root = parse(text);
	a = json_array_get(at(root, "tiers"), 1);
	assert_string_equal(json_string_value(at(a, "from")), "analysis_json");
	assert_true(json_is_null(at(a, "hardware")));
	assert_int_equal(json_integer_value(at(a, "tests")), 10);
	assert_true(json_is_null(at(a, "successful")));
	assert_true(json_is_null(at(a, "success_rate")));
	rtf = at(at(a, "metrics"), "rtf");
	assert_true(json_is_null(at(rtf, "n")));
	assert_true(json_is_null(at(rtf, "std")));
	assert_true(json_is_null(at(rtf, "median")));
	assert_true(json_is_null(at(at(a, "thermal"), "max_temperature_c")));
	assert_true(json_is_null(at(at(a, "thermal"), "throttle_events")));
	assert_true(json_is_null(at(at(a, "realtime"), "duration_s")));
	assert_true(json_is_null(at(at(a, "realtime"), "cpu_percent_mean")));
	assert_int_equal(json_integer_value(at(at(a, "realtime"), "samples")), 0);
	assert_int_equal(json_array_size(at(a, "sources")), 0);
	json_decref(root);
	free(text);
	ts_tiers_release(&t);
}

/* 17 significant digits: 0.1 + 0.2 = 0.30000000000000004 (not 0.3),
 * 1/3 and 1e-300 read back to the same bits. */
static void reals_round_trip(void **state)
{
	struct ts_tiers t;
	char *text;
	size_t len;
	json_t *root, *rtf;
	double sum = 0.1 + 0.2;

	(void)state;
	model(&t);
	text = export(&t, "m", &len);
	assert_non_null(strstr(text, "\"mean\": 0.30000000000000004"));
	root = parse(text);
	rtf = at(at(json_array_get(at(root, "tiers"), 0), "metrics"), "rtf");
	assert_memory_equal(&(double){ num(rtf, "mean") }, &sum, sizeof(double));
	assert_true(num(rtf, "std") == 1.0 / 3.0);
	rtf = at(at(json_array_get(at(root, "tiers"), 1), "metrics"), "rtf");
	assert_true(num(rtf, "mean") == 1e-300);
	json_decref(root);
	free(text);
	ts_tiers_release(&t);
}

/* The realtime object of section 6: exactly these fields, in this order. */
static void realtime_field_names(void **state)
{
	static const char *const names[] = {
		"samples", "duration_s", "cpu_percent_mean", "cpu_percent_max",
		"memory_mb_max", "temperature_c_max", "during_requests", "idle",
	};
	struct ts_tiers t;
	char *text, *p;
	size_t len, i = 0;
	json_t *root, *rt;
	const char *k;
	json_t *v;

	(void)state;
	model(&t);
	text = export(&t, "m", &len);
	root = parse(text);
	rt = at(json_array_get(at(root, "tiers"), 0), "realtime");
	assert_int_equal(json_object_size(rt), TS_COUNTOF(names));
	json_object_foreach(rt, k, v)
		assert_string_equal(k, names[i++]);
	assert_int_equal(json_integer_value(at(rt, "samples")), 5);
	assert_double_rel(num(rt, "duration_s"), 0.5, 0);
	assert_double_rel(num(rt, "cpu_percent_mean"), 87.5, 0);
	assert_double_rel(num(rt, "cpu_percent_max"), 398, 0);
	assert_double_rel(num(rt, "memory_mb_max"), 3120, 0);
	assert_true(json_is_null(at(rt, "temperature_c_max")));
	assert_true(json_is_null(at(rt, "during_requests")));   /* no partner */
	assert_true(json_is_null(at(rt, "idle")));
	/* in the file, in this order */
	p = strstr(text, "\"realtime\"");
	for (i = 0; i < TS_COUNTOF(names); i++) {
		char quoted[64];
		snprintf(quoted, sizeof(quoted), "\"%s\"", names[i]);
		p = strstr(p, quoted);
		assert_non_null(p);
	}
	json_decref(root);
	free(text);
	ts_tiers_release(&t);
}

/* A tier with a paired realtime file: during_requests and idle, each
 * {samples, memory_mb_mean, memory_mb_max, cpu_percent_mean}, null
 * where a phase has no value. */
static void realtime_phases(void **state)
{
	static const char *const names[] = {
		"samples", "memory_mb_mean", "memory_mb_max", "cpu_percent_mean",
	};
	struct ts_tiers t;
	struct ts_realtime *r;
	char *text;
	size_t len, i = 0;
	json_t *root, *rt, *dur, *idle, *v;
	const char *k;

	(void)state;
	model(&t);
	r = &t.v[0].realtime;
	r->paired = 1;
	r->phase[TS_SPAN_DURING] = (struct ts_rt_phase){ 4, 4, 3, 2750.5, 3120, 212.25 };
	r->phase[TS_SPAN_IDLE] = (struct ts_rt_phase){ 1, 0, 1, NAN, NAN, 0.5 };
	text = export(&t, "m", &len);
	root = parse(text);
	rt = at(json_array_get(at(root, "tiers"), 0), "realtime");
	dur = at(rt, "during_requests");
	idle = at(rt, "idle");
	assert_int_equal(json_object_size(dur), TS_COUNTOF(names));
	json_object_foreach(dur, k, v)
		assert_string_equal(k, names[i++]);
	assert_int_equal(json_integer_value(at(dur, "samples")), 4);
	assert_double_rel(num(dur, "memory_mb_mean"), 2750.5, 0);
	assert_double_rel(num(dur, "memory_mb_max"), 3120, 0);
	assert_double_rel(num(dur, "cpu_percent_mean"), 212.25, 0);
	assert_int_equal(json_integer_value(at(idle, "samples")), 1);
	assert_true(json_is_null(at(idle, "memory_mb_mean")));
	assert_true(json_is_null(at(idle, "memory_mb_max")));
	assert_double_rel(num(idle, "cpu_percent_mean"), 0.5, 0);
	json_decref(root);
	free(text);
	ts_tiers_release(&t);
}

/* Same model, same bytes; no tier: an empty array; a metrics_dir that
 * is not UTF-8 becomes null. */
static void same_bytes_and_edges(void **state)
{
	struct ts_tiers t, none;
	char *a, *b;
	size_t la, lb;
	json_t *root;

	(void)state;
	model(&t);
	a = export(&t, "m", &la);
	b = export(&t, "m", &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
	ts_tiers_release(&t);
	memset(&none, 0, sizeof(none));
	a = export(&none, "caf\xe9", &la);
	root = parse(a);
	assert_int_equal(json_array_size(at(root, "tiers")), 0);
	assert_true(json_is_null(at(root, "metrics_dir")));
	json_decref(root);
	free(a);
}

/* A stream that cannot be written: -1 and the run's error. */
static void write_error(void **state)
{
	struct ts_tiers t;
	struct tu_diag td;
	FILE *fp = fopen("/dev/full", "w");

	(void)state;
	if (!fp)
		skip();
	setvbuf(fp, NULL, _IONBF, 0);
	model(&t);
	tu_diag_init(&td);
	assert_int_equal(ts_export_json(fp, &t, "m", "sd", NULL, &td.d), -1);
	assert_string_equal(tu_diag_text(&td), "tierstat: error: cannot write hardware_metadata.json\n");
	fclose(fp);
	tu_diag_release(&td);
	ts_tiers_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(top_level_and_order),
		cmocka_unit_test(tier_fields),
		cmocka_unit_test(nulls),
		cmocka_unit_test(reals_round_trip),
		cmocka_unit_test(realtime_field_names),
		cmocka_unit_test(realtime_phases),
		cmocka_unit_test(same_bytes_and_edges),
		cmocka_unit_test(write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
