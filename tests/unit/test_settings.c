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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(order_of_values),
		cmocka_unit_test(finish_sorts_and_drops),
		cmocka_unit_test(the_note),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
