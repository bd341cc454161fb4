/* test_specs.c - the JSON loaders (specs.c) on real files in a temporary
 * folder, read into a real SQLite store and queried back, with exact
 * messages. The lines and columns of repeated keys, and the JSON kept,
 * were computed by a separate Python walk (json.decoder.scanstring for
 * each key, json.dumps of json.loads for the object), not by tierstat. */
#include "ts.h"
#include "testutil.h"

#include "load.h"
#include "scan.h"
#include "specs.h"
#include "store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct fx {
	char *dir;
	struct tu_diag td;
	struct ts_inputs in;
	struct ts_store *store;
	struct ts_load_totals tot;
	struct ts_specs_row specs;   /* what spec() found */
	char *specs_path;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->dir = tu_mkdtemp();
	tu_diag_init(&f->td);
	f->store = ts_store_open(NULL, &f->td.d);
	assert_non_null(f->store);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	ts_store_free_specs(&f->specs);
	free(f->specs_path);
	ts_store_close(f->store);
	ts_inputs_release(&f->in);
	tu_diag_release(&f->td);
	tu_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* Scan f->dir and load its JSON files, specs before analysis (as
 * ingest.c does); returns how many ts_specs_load() used. */
static int load_dir(struct fx *f)
{
	static const enum ts_kind order[] = { TS_KIND_SPECS, TS_KIND_ANALYSIS };
	int used = 0;

	assert_int_equal(ts_scan_dir(f->dir, &f->in, &f->td.d), 0);
	for (size_t k = 0; k < TS_COUNTOF(order); k++)
		for (size_t i = 0; i < f->in.nr; i++)
			if (f->in.v[i].kind == order[k])
				used += ts_specs_load(f->store, &f->in.v[i], &f->tot, &f->td.d) == 0;
	return used;
}

/* The specs row of (ht, dt) into f->specs; 1 found, 0 not. */
static int spec(struct fx *f, const char *ht, const char *dt)
{
	ts_store_free_specs(&f->specs);
	free(f->specs_path);
	return ts_store_tier_specs(f->store, ht, dt, &f->specs, &f->specs_path);
}

/* The status the store recorded for the file at rel. */
static void assert_status(struct fx *f, const char *rel, const char *status)
{
	struct ts_prior *v;
	size_t nr, i;

	assert_int_equal(ts_store_prior_files(f->store, &v, &nr), 0);
	for (i = 0; i < nr && strcmp(v[i].path, rel) != 0; i++)
		;
	if (i == nr)
		fail_msg("%s is not in the store", rel);
	assert_string_equal(v[i].status, status);
	ts_store_free_prior(v, nr);
}

/* ==== hardware_specs ==== */

/* Every field read, the object kept as it is (order, extra fields). */
static void good_specs(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "lab/hardware_specs_intel_i5.json",
		      "{\n"
		      "  \"hardware_tier\": \"intel_i5\",\n"
		      "  \"device_type\": \"cpu\",\n"
		      "  \"display_name\": \"Intel i5\",\n"
		      "  \"cpu_model\": \"Intel(R) Core(TM) i5-1035G1\",\n"
		      "  \"cpu_cores\": 8,\n"
		      "  \"total_memory_gb\": 15.5,\n"
		      "  \"gpu_name\": null,\n"
		      "  \"os\": {\"name\": \"Linux\", \"cores\": [1, 2]}\n"
		      "}\n", (size_t)-1);
	assert_int_equal(load_dir(f), 1);
	assert_string_equal(tu_diag_text(&f->td), "");
	assert_int_equal(f->tot.files_read, 1);
	assert_int_equal(f->tot.files_skipped, 0);
	assert_int_equal(spec(f, "intel_i5", "cpu"), 1);
	assert_string_equal(f->specs.hardware_tier, "intel_i5");
	assert_string_equal(f->specs.device_type, "cpu");
	assert_string_equal(f->specs.display_name, "Intel i5");
	assert_string_equal(f->specs.cpu_model, "Intel(R) Core(TM) i5-1035G1");
	assert_null(f->specs.gpu_name);
	assert_int_equal(f->specs.cpu_cores, 8);
	assert_double_rel(f->specs.total_memory_gb, 15.5, 0);
	assert_string_equal(f->specs.json,
			    "{\"hardware_tier\":\"intel_i5\",\"device_type\":\"cpu\",\"display_name\":\"Intel i5\","
			    "\"cpu_model\":\"Intel(R) Core(TM) i5-1035G1\",\"cpu_cores\":8,\"total_memory_gb\":15.5,"
			    "\"gpu_name\":null,\"os\":{\"name\":\"Linux\",\"cores\":[1,2]}}");
	assert_string_equal(f->specs_path, "lab/hardware_specs_intel_i5.json");
	/* the specs belong to every configuration of the tier */
	assert_int_equal(spec(f, "intel_i5", "cuda"), 1);
	assert_int_equal(spec(f, "intel_i7", "cpu"), 0);
	assert_status(f, "lab/hardware_specs_intel_i5.json", "read");
	assert_int_equal(ts_diag_exit_status(&f->td.d), TS_EXIT_OK);
}

/* NaN (Python's json writes it) is not JSON: the file is skipped with
 * jansson's line and column and the hint. */
static void nan_skips_the_file(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "hardware_specs_lab.json",
		      "{\n  \"cpu_model\": \"Lab CPU\",\n  \"total_memory_gb\": NaN\n}\n", (size_t)-1);
	assert_int_equal(load_dir(f), 0);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: hardware_specs_lab.json:3:24: error: invalid JSON: invalid token near 'NaN'; "
			    "Python's json module writes NaN and Infinity, which JSON does not allow (file skipped)\n");
	assert_int_equal(f->tot.files_read, 0);
	assert_int_equal(f->tot.files_skipped, 1);
	assert_int_equal(f->td.d.n.files, 1);
	assert_int_equal(spec(f, "lab", "cpu"), 0);
	assert_status(f, "hardware_specs_lab.json", "skipped");
	assert_int_equal(ts_diag_exit_status(&f->td.d), TS_EXIT_PARTIAL);
}

/* Repeated keys: the last value, at every depth, "a" and "\u0069" are
 * one key, one warning at each repeat in file order, the file used. */
static void repeated_keys_keep_the_last(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "hardware_specs_box.json",
		      "{\"display_name\": \"Box A\", \"cpu_cores\": 2,\n"
		      " \"gpu\": {\"name\": \"x\", \"name\": \"y\"}, \"cpu_cores\": 4,\n"
		      " \"d\\u0069splay_name\": \"Box B\", \"cpu_cores\": 8, \"a\\nb\": 1, \"a\\u000ab\": 2}\n",
		      (size_t)-1);
	assert_int_equal(load_dir(f), 1);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: hardware_specs_box.json:2:28: warning: key 'name' appears twice "
			    "(the last one is used, as Python's json does)\n"
			    "tierstat: hardware_specs_box.json:2:47: warning: key 'cpu_cores' appears 3 times, "
			    "here for the 2nd time (the last one is used, as Python's json does)\n"
			    "tierstat: hardware_specs_box.json:3:20: warning: key 'display_name' appears twice "
			    "(the last one is used, as Python's json does)\n"
			    "tierstat: hardware_specs_box.json:3:42: warning: key 'cpu_cores' appears 3 times, "
			    "here for the 3rd time (the last one is used, as Python's json does)\n"
			    "tierstat: hardware_specs_box.json:3:68: warning: key 'a\\nb' appears twice "
			    "(the last one is used, as Python's json does)\n");
	assert_int_equal(f->td.d.n.warning, 5);
	assert_int_equal(f->td.d.n.cells, 5);
	assert_int_equal(f->tot.files_read, 1);
	assert_int_equal(spec(f, "box", "cpu"), 1);
	assert_string_equal(f->specs.display_name, "Box B");
	assert_int_equal(f->specs.cpu_cores, 8);
	/* Python: json.dumps(json.loads(text), separators=(",", ":")) */
	assert_string_equal(f->specs.json,
			    "{\"display_name\":\"Box B\",\"cpu_cores\":8,\"gpu\":{\"name\":\"y\"},\"a\\nb\":2}");
	assert_status(f, "hardware_specs_box.json", "read");
	assert_int_equal(ts_diag_exit_status(&f->td.d), TS_EXIT_PARTIAL);
}

/* What only looks like a key is none: a string value holding '{' and
 * quotes, strings in an array after ',' (three: as keys they would
 * repeat), the same key in two objects of an array, "b\\" (b and a
 * backslash) next to "b". Two real repeats (the scan runs only when
 * jansson saw one): "t", and a surrogate pair against the character
 * written out; columns count characters, not bytes. */
static void only_real_keys_repeat(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "hardware_specs_t.json",
		      "{\"s\": \"{\\\"s\\\": 1, \\\"t\\\"\", \"l\": [\"t\", \"t\", \"t\", {\"t\": 1}],\n"
		      " \"o\": [{\"k\": 1}, {\"k\": 2}], \"b\\\\\": 1, \"b\": 2, \"c\": {}, \"c2\": [],\n"
		      " \"t\": \"b\\\\\", \"t\": 0, \"e\": {\"\\ud83d\\ude00\": 1, \"\xf0\x9f\x98\x80\": 2}}\n",
		      (size_t)-1);
	assert_int_equal(load_dir(f), 1);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: hardware_specs_t.json:3:16: warning: key 't' appears twice "
			    "(the last one is used, as Python's json does)\n"
			    "tierstat: hardware_specs_t.json:3:49: warning: key '\xf0\x9f\x98\x80' appears twice "
			    "(the last one is used, as Python's json does)\n"
			    "tierstat: hardware_specs_t.json: warning: no hardware fields in this file (hardware unknown)\n");
	assert_int_equal(spec(f, "t", "cpu"), 1);
	assert_string_equal(f->specs.json,
			    "{\"s\":\"{\\\"s\\\": 1, \\\"t\\\"\",\"l\":[\"t\",\"t\",\"t\",{\"t\":1}],"
			    "\"o\":[{\"k\":1},{\"k\":2}],\"b\\\\\":1,\"b\":2,\"c\":{},\"c2\":[],\"t\":0,"
			    "\"e\":{\"\xf0\x9f\x98\x80\":2}}");
}

/* A key given 23 times: a warning at each of the 22 repeats, with the
 * right ordinal (21st, 22nd, 23rd but 11th, 12th, 13th). */
static void many_repeats(void **state)
{
	struct fx *f = *state;
	char text[512];
	size_t n = (size_t)snprintf(text, sizeof(text), "{\"cpu_cores\": 0");
	const char *out;

	for (int i = 1; i < 23; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, ",\n\"cpu_cores\": %d", i);
	snprintf(text + n, sizeof(text) - n, "}\n");
	tu_write_file(f->dir, "hardware_specs_m.json", text, (size_t)-1);
	f->td.d.per_file_cap = 100;
	assert_int_equal(load_dir(f), 1);
	out = tu_diag_text(&f->td);
	assert_non_null(strstr(out, "tierstat: hardware_specs_m.json:2:11: warning: key 'cpu_cores' appears 23 times, "
				    "here for the 2nd time (the last one is used, as Python's json does)\n"
				    "tierstat: hardware_specs_m.json:3:11: warning: key 'cpu_cores' appears 23 times, "
				    "here for the 3rd time (the last one is used, as Python's json does)\n"
				    "tierstat: hardware_specs_m.json:4:11: warning: key 'cpu_cores' appears 23 times, "
				    "here for the 4th time (the last one is used, as Python's json does)\n"));
	assert_non_null(strstr(out, ":11:11: warning: key 'cpu_cores' appears 23 times, here for the 11th time ("));
	assert_non_null(strstr(out, ":12:11: warning: key 'cpu_cores' appears 23 times, here for the 12th time ("));
	assert_non_null(strstr(out, ":13:11: warning: key 'cpu_cores' appears 23 times, here for the 13th time ("));
	assert_non_null(strstr(out, ":21:11: warning: key 'cpu_cores' appears 23 times, here for the 21st time ("));
	assert_non_null(strstr(out, ":22:11: warning: key 'cpu_cores' appears 23 times, here for the 22nd time ("));
	assert_non_null(strstr(out, ":23:11: warning: key 'cpu_cores' appears 23 times, here for the 23rd time ("));
	assert_int_equal(f->td.d.n.warning, 22);
	assert_int_equal(f->td.d.n.cells, 22);
	assert_int_equal(spec(f, "m", "cpu"), 1);
	assert_int_equal(f->specs.cpu_cores, 22);
	assert_string_equal(f->specs.json, "{\"cpu_cores\":22}");
}

/* The empty key is a key too; it takes no bytes, yet its place in the
 * file orders the messages. */
static void empty_key_repeated(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "hardware_specs_e.json", "{\"\": 1, \"cpu_cores\": 2, \"\": 3}", (size_t)-1);
	tu_write_file(f->dir, "hardware_specs_f.json",
		      "{\"cpu_cores\": 1, \"x\": {\"\": 1, \"\": 2}, \"cpu_cores\": 2}", (size_t)-1);
	assert_int_equal(load_dir(f), 2);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: hardware_specs_e.json:1:26: warning: key '' appears twice "
			    "(the last one is used, as Python's json does)\n"
			    "tierstat: hardware_specs_f.json:1:32: warning: key '' appears twice "
			    "(the last one is used, as Python's json does)\n"
			    "tierstat: hardware_specs_f.json:1:49: warning: key 'cpu_cores' appears twice "
			    "(the last one is used, as Python's json does)\n");
	assert_int_equal(spec(f, "e", "cpu"), 1);
	assert_string_equal(f->specs.json, "{\"\":3,\"cpu_cores\":2}");
	assert_int_equal(spec(f, "f", "cpu"), 1);
	assert_string_equal(f->specs.json, "{\"cpu_cores\":2,\"x\":{\"\":2}}");
}

/* A repeat does not hide a later error, nor one of the top level: the
 * file is skipped with that error alone. */
static void repeat_then_error(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "hardware_specs_a.json",
		      "{\"cpu_cores\": 4, \"cpu_cores\": 8,\n \"total_memory_gb\": Infinity}\n", (size_t)-1);
	tu_write_file(f->dir, "hardware_specs_b.json", "[{\"cpu_cores\": 4, \"cpu_cores\": 8}]\n", (size_t)-1);
	assert_int_equal(load_dir(f), 0);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: hardware_specs_a.json:2:28: error: invalid JSON: invalid token near 'Infinity'; "
			    "Python's json module writes NaN and Infinity, which JSON does not allow (file skipped)\n"
			    "tierstat: hardware_specs_b.json: error: the top level is not a JSON object (file skipped)\n");
	assert_int_equal(f->td.d.n.warning, 0);
	assert_int_equal(f->tot.files_skipped, 2);
	assert_int_equal(spec(f, "a", "cpu"), 0);
}

/* A field of the wrong type is unknown, never 0, and the rest is used. */
static void wrong_types(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "hardware_specs_w.json",
		      "{\"display_name\": 5, \"cpu_model\": \"W CPU\", \"cpu_cores\": \"8\",\n"
		      " \"total_memory_gb\": \"16\", \"gpu_name\": [\"none\"]}\n", (size_t)-1);
	tu_write_file(f->dir, "hardware_specs_x.json", "{\"cpu_cores\": 2.5, \"device_type\": \"cpu\"}\n", (size_t)-1);
	assert_int_equal(load_dir(f), 2);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: hardware_specs_w.json: warning: field 'display_name' is not a string (taken as unknown)\n"
			    "tierstat: hardware_specs_w.json: warning: field 'gpu_name' is not a string (taken as unknown)\n"
			    "tierstat: hardware_specs_w.json: warning: field 'cpu_cores' is not a number (taken as unknown)\n"
			    "tierstat: hardware_specs_w.json: warning: field 'total_memory_gb' is not a number (taken as unknown)\n"
			    "tierstat: hardware_specs_x.json: warning: field 'cpu_cores' is not a count (taken as unknown)\n");
	assert_int_equal(spec(f, "w", "cpu"), 1);
	assert_null(f->specs.display_name);
	assert_string_equal(f->specs.cpu_model, "W CPU");
	assert_null(f->specs.gpu_name);
	assert_int_equal(f->specs.cpu_cores, -1);
	assert_true(isnan(f->specs.total_memory_gb));
	/* kept as it is in the JSON */
	assert_string_equal(f->specs.json,
			    "{\"display_name\":5,\"cpu_model\":\"W CPU\",\"cpu_cores\":\"8\","
			    "\"total_memory_gb\":\"16\",\"gpu_name\":[\"none\"]}");
	assert_int_equal(spec(f, "x", "cpu"), 1);
	assert_int_equal(f->specs.cpu_cores, -1);
	assert_int_equal(ts_diag_exit_status(&f->td.d), TS_EXIT_PARTIAL);
}

/* A UTF-8 BOM is skipped silently; columns on line 1 do not count it. */
static void bom(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "hardware_specs_b.json",
		      "\xef\xbb\xbf{\"device_type\": \"cuda\",\r\n \"gpu_name\": \"RTX 3060\"}\r\n", (size_t)-1);
	tu_write_file(f->dir, "hardware_specs_c.json",
		      "\xef\xbb\xbf{\"gpu_name\": \"a\", \"gpu_name\": \"RTX 4090\"}\n", (size_t)-1);
	assert_int_equal(load_dir(f), 2);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: hardware_specs_c.json:1:28: warning: key 'gpu_name' appears twice "
			    "(the last one is used, as Python's json does)\n");
	assert_int_equal(spec(f, "b", "cuda"), 1);
	assert_string_equal(f->specs.device_type, "cuda");
	assert_string_equal(f->specs.gpu_name, "RTX 3060");
	assert_int_equal(spec(f, "c", "cpu"), 1);
	assert_string_equal(f->specs.gpu_name, "RTX 4090");
}

/* ==== analysis ==== */

#define ANALYSIS_BODY \
	"  \"total_runs\": 20,\n" \
	"  \"successful_runs\": 19,\n" \
	"  \"memory\": {\"avg_peak_mb\": 1.0, \"max_peak_mb\": 4800.0, \"min_peak_mb\": 3900.25,\n" \
	"             \"std_dev_mb\": 210.0, \"avg_peak_mb\": 4100.5},\n" \
	"  \"performance\": {\"avg_rtf\": 9.0},\n" \
	"  \"performance\": {\"avg_rtf\": 2.5, \"avg_tokens_per_sec\": 40.1, \"avg_duration_s\": 3.2},\n" \
	"  \"success_rate\": 0.95,\n" \
	"  \"thermal\": {\"max_temperature_c\": 71.5, \"throttle_events\": 3}\n" \
	"}\n"

/* The analysis file goes through the same loader: every figure read, a
 * nested repeat and a repeated object keep the last one (the object is
 * replaced whole, not merged); device_type missing comes from the specs. */
static void analysis_file(void **state)
{
	struct fx *f = *state;
	struct ts_analysis_row r;
	char *path;

	tu_write_file(f->dir, "hardware_specs_ghost.json", "{\"device_type\": \"mps\"}\n", (size_t)-1);
	tu_write_file(f->dir, "analysis_ghost.json", "{\n  \"hardware_tier\": \"ghost\",\n" ANALYSIS_BODY,
		      (size_t)-1);
	assert_int_equal(load_dir(f), 2);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: analysis_ghost.json:6:47: warning: key 'avg_peak_mb' appears twice "
			    "(the last one is used, as Python's json does)\n"
			    "tierstat: analysis_ghost.json:8:15: warning: key 'performance' appears twice "
			    "(the last one is used, as Python's json does)\n"
			    "tierstat: analysis_ghost.json: note: no device_type (taken as 'mps' from the hardware specs)\n");
	assert_int_equal(ts_store_tier_analysis(f->store, "ghost", "mps", &r, &path), 1);
	assert_string_equal(path, "analysis_ghost.json");
	free(path);
	assert_int_equal(r.total_runs, 20);
	assert_int_equal(r.successful_runs, 19);
	assert_double_rel(r.success_rate, 0.95, 0);
	assert_double_rel(r.avg_peak_mb, 4100.5, 0);
	assert_double_rel(r.max_peak_mb, 4800.0, 0);
	assert_double_rel(r.min_peak_mb, 3900.25, 0);
	assert_double_rel(r.std_dev_mb, 210.0, 0);
	assert_double_rel(r.avg_rtf, 2.5, 0);
	assert_double_rel(r.avg_tokens_per_sec, 40.1, 0);
	assert_double_rel(r.avg_duration_s, 3.2, 0);
	assert_double_rel(r.max_temperature_c, 71.5, 0);
	assert_int_equal(r.throttle_events, 3);
	assert_int_equal(ts_store_tier_analysis(f->store, "ghost", "cpu", &r, &path), 0);
}

/* No device_type here or in any specs: the analysis file is skipped. */
static void analysis_without_device(void **state)
{
	struct fx *f = *state;
	struct ts_analysis_row r;
	char *path;

	tu_write_file(f->dir, "analysis_ghost.json", "{\n  \"hardware_tier\": \"ghost\",\n" ANALYSIS_BODY,
		      (size_t)-1);
	assert_int_equal(load_dir(f), 0);
	assert_non_null(strstr(tu_diag_text(&f->td),
			       "tierstat: analysis_ghost.json: error: no device_type, here or in the hardware specs "
			       "(file skipped)\n"));
	assert_int_equal(ts_store_tier_analysis(f->store, "ghost", "mps", &r, &path), 0);
	assert_status(f, "analysis_ghost.json", "skipped");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(good_specs, setup, teardown),
		cmocka_unit_test_setup_teardown(nan_skips_the_file, setup, teardown),
		cmocka_unit_test_setup_teardown(repeated_keys_keep_the_last, setup, teardown),
		cmocka_unit_test_setup_teardown(only_real_keys_repeat, setup, teardown),
		cmocka_unit_test_setup_teardown(many_repeats, setup, teardown),
		cmocka_unit_test_setup_teardown(empty_key_repeated, setup, teardown),
		cmocka_unit_test_setup_teardown(repeat_then_error, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_types, setup, teardown),
		cmocka_unit_test_setup_teardown(bom, setup, teardown),
		cmocka_unit_test_setup_teardown(analysis_file, setup, teardown),
		cmocka_unit_test_setup_teardown(analysis_without_device, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
