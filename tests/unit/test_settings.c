/* test_settings.c - the optimisation settings of a tier (settings.h):
 * the order of values (integers by number, booleans False first, text by
 * bytes, the empty value last), values of 0 rows dropped, and the note's
 * exact words (with and without --by, one value: no note; the exit
 * status stays 0). */
#include "ts.h"
#include "testutil.h"
#include "settings.h"

#include <stdlib.h>
#include <string.h>

enum { Q, TC, ONNX, CHUNK, THREADS };   /* the indices of ts_settings_cols */

static void count(struct ts_settings *s, int k, const char *text, long rows)
{
	size_t i = ts_settings_intern(s, k, text);   /* before v is read: it may move */

	s->col[k].v[i].rows += rows;
}

static void order_of_values(void **state)
{
	(void)state;
	assert_true(ts_settings_cmp(TS_SC_NUM_THREADS, "8", "16") < 0);   /* not by text */
	assert_true(ts_settings_cmp(TS_SC_NUM_THREADS, "16", "8") > 0);
	assert_true(ts_settings_cmp(TS_SC_NUM_THREADS, "-1", "0") < 0);
	assert_true(ts_settings_cmp(TS_SC_TORCH_COMPILE_USED, "False", "True") < 0);
	assert_true(ts_settings_cmp(TS_SC_QUANTIZATION_USED, "INT4", "INT8") < 0);
	assert_true(ts_settings_cmp(TS_SC_QUANTIZATION_USED, "Z", "a") < 0);   /* bytes */
	assert_true(ts_settings_cmp(TS_SC_QUANTIZATION_USED, NULL, "INT4") > 0);
	assert_true(ts_settings_cmp(TS_SC_NUM_THREADS, "1", NULL) < 0);
	assert_int_equal(ts_settings_cmp(TS_SC_QUANTIZATION_USED, NULL, NULL), 0);
	assert_int_equal(ts_settings_cmp(TS_SC_QUANTIZATION_USED, "x", "x"), 0);
}

static void finish_sorts_and_drops(void **state)
{
	struct ts_settings s;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(ts_settings_intern(&s, THREADS, "16"), 0);
	assert_int_equal(ts_settings_intern(&s, THREADS, NULL), 1);
	assert_int_equal(ts_settings_intern(&s, THREADS, "8"), 2);
	assert_int_equal(ts_settings_intern(&s, THREADS, "16"), 0);   /* the same one */
	assert_int_equal(ts_settings_intern(&s, THREADS, NULL), 1);
	assert_int_equal(ts_settings_intern(&s, THREADS, "4"), 3);    /* stays at 0 rows */
	s.col[THREADS].v[0].rows = 2;
	s.col[THREADS].v[1].rows = 1;
	s.col[THREADS].v[2].rows = 3;
	ts_settings_finish(&s);
	assert_true(s.known);
	assert_int_equal(s.col[THREADS].nr, 3);
	assert_string_equal(s.col[THREADS].v[0].text, "8");
	assert_int_equal(s.col[THREADS].v[0].rows, 3);
	assert_string_equal(s.col[THREADS].v[1].text, "16");
	assert_null(s.col[THREADS].v[2].text);
	assert_int_equal(s.col[Q].nr, 0);
	ts_settings_release(&s);
	ts_settings_finish(&s);
	assert_false(s.known);   /* nothing counted: unknown */
}

static void the_note(void **state)
{
	struct ts_settings s;
	struct tu_diag d;

	(void)state;
	memset(&s, 0, sizeof(s));
	tu_diag_init(&d);
	count(&s, Q, "INT8", 25);
	count(&s, Q, "INT4", 25);
	count(&s, TC, "False", 50);
	count(&s, THREADS, NULL, 1);
	count(&s, THREADS, "4", 49);
	ts_settings_finish(&s);
	ts_settings_note(&s, "intel_i5_cpu", NULL, &d.d);
	assert_string_equal(tu_diag_text(&d),
		"tierstat: note: intel_i5_cpu: quantization_used takes 2 values: INT4 (25 rows), INT8 (25 rows); --by quantization_used compares them\n"
		"tierstat: note: intel_i5_cpu: num_threads takes 2 values: 4 (49 rows), none (1 row); --by num_threads compares them\n");
	assert_int_equal(ts_diag_exit_status(&d.d), TS_EXIT_OK);
	tu_diag_release(&d);
	tu_diag_init(&d);   /* with --by: the option suggested keeps it */
	ts_settings_note(&s, "k", "onnx_used", &d.d);
	assert_non_null(strstr(tu_diag_text(&d), "; --by onnx_used,quantization_used compares them\n"));
	tu_diag_release(&d);
	ts_settings_release(&s);
	memset(&s, 0, sizeof(s));
	tu_diag_init(&d);   /* one value each: nothing to say */
	count(&s, Q, "INT8", 3);
	count(&s, CHUNK, "200", 3);
	ts_settings_finish(&s);
	ts_settings_note(&s, "k", NULL, &d.d);
	assert_string_equal(tu_diag_text(&d), "");
	tu_diag_release(&d);
	ts_settings_release(&s);
}

static void by_list(void **state)
{
	struct ts_by by;
	char why[1024];

	(void)state;
	assert_int_equal(ts_settings_parse_by("quantization_used", &by, why, sizeof(why)), 0);
	assert_int_equal(by.n, 1);
	assert_int_equal(by.col[0], TS_SC_QUANTIZATION_USED);
	assert_string_equal(by.text, "quantization_used");
	assert_int_equal(ts_settings_parse_by("num_threads,cpu_model,success", &by, why, sizeof(why)), 0);
	assert_int_equal(by.n, 3);
	assert_int_equal(by.col[2], TS_SC_SUCCESS);
	assert_string_equal(by.text, "num_threads,cpu_model,success");
	assert_int_equal(ts_settings_parse_by("quant", &by, why, sizeof(why)), -1);
	assert_string_equal(why, "no column 'quant' (columns: quantization_used, torch_compile_used, onnx_used, "
			    "chunk_length, num_threads, cpu_model, gpu_name, throttle_detected, success, error_message)");
	/* a REAL column, the tier's own and request_id are not groups */
	assert_int_equal(ts_settings_parse_by("rtf", &by, why, sizeof(why)), -1);
	assert_int_equal(ts_settings_parse_by("device_type", &by, why, sizeof(why)), -1);
	assert_int_equal(ts_settings_parse_by("request_id", &by, why, sizeof(why)), -1);
	assert_int_equal(ts_settings_parse_by("onnx_used,", &by, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "an empty column name"));
	assert_int_equal(ts_settings_parse_by("onnx_used,onnx_used", &by, why, sizeof(why)), -1);
	assert_string_equal(why, "'onnx_used' is given twice");
}

static void group_keys_and_labels(void **state)
{
	struct ts_by by;
	char why[256], *k, *l;
	char q[] = "INT8", four[] = "4", yes[] = "True", no[] = "False", odd[] = "a b/é-c", n16[] = "16";
	char *v1[] = { q, four, yes }, *v2[] = { NULL, NULL, no }, *v3[] = { odd, n16, NULL };

	(void)state;
	assert_int_equal(ts_settings_parse_by("quantization_used,num_threads,torch_compile_used", &by,
					      why, sizeof(why)), 0);
	k = ts_settings_group_key("intel_i5_cpu", &by, v1);
	assert_string_equal(k, "intel_i5_cpu-INT8-num_threads_4-torch_compile_used_True");
	free(k);
	k = ts_settings_group_key("x_cpu", &by, v2);
	assert_string_equal(k, "x_cpu-none-num_threads_none-torch_compile_used_False");
	free(k);
	k = ts_settings_group_key("x_cpu", &by, v3);   /* 'é' is two bytes */
	assert_string_equal(k, "x_cpu-a_b____c-num_threads_16-torch_compile_used_none");
	free(k);
	l = ts_settings_group_label("Intel i5", &by, v1);
	assert_string_equal(l, "Intel i5 (INT8, threads 4, compile)");
	free(l);
	l = ts_settings_group_label("X", &by, v2);
	assert_string_equal(l, "X (none, threads none, no compile)");
	free(l);
	/* group order: column by column, the empty value last */
	assert_true(ts_settings_group_cmp(&by, v1, v2) < 0);
	assert_true(ts_settings_group_cmp(&by, v3, v1) > 0);   /* by bytes: "a" after "I" */
	assert_int_equal(ts_settings_group_cmp(&by, v1, v1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(order_of_values),
		cmocka_unit_test(finish_sorts_and_drops),
		cmocka_unit_test(the_note),
		cmocka_unit_test(by_list),
		cmocka_unit_test(group_keys_and_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
