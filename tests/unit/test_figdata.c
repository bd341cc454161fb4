/* test_figdata.c - the data behind each figure as CSV (issue 14 item 4).
 *
 * A model built by hand with numbers that are exact in binary, so the
 * expected CSV is written out here in full: every column, the whisker's
 * two ends as --errorbar chooses them (SD, SE, the t interval, none), the
 * memory unit, fig3's Wilson interval in percent, fig4's ratios, empty
 * fields for no data, RFC 4180 quoting of a name with a comma, a quote
 * and a newline, CRLF line ends; and the table's cells as drawn.
 */
#include "ts.h"
#include "testutil.h"
#include "fig_int.h"
#include "figures.h"
#include "mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A tier of tu_tier_add() with its hardware and success known. */
static void tier_add(struct ts_tiers *t, const char *key, const char *label, const char *dev)
{
	struct ts_tier *x = tu_tier_add(t, key, label, dev);

	x->cpu_model = ts_xstrdup("Test CPU");
	x->cpu_cores = 8;
	x->total_memory_gb = 32;
	x->tests = 10;
	x->successful = 9;
	x->success_rate = 0.9;
	x->success_ci95[0] = 0.75;
	x->success_ci95[1] = 0.96875;
}

/* a_cpu: everything known; "b,q": a name to quote, RTF only; c_mps: no
 * data at all (an analysis file without numbers). */
static void model(struct ts_tiers *t)
{
	memset(t, 0, sizeof(*t));
	t->reference = -1;   /* no --reference */
	tier_add(t, "a_cpu", NULL, "cpu");
	tu_metric(&t->v[0], TS_M_PEAK_MEMORY_MB, 10, 2048, 100, 32, 2000, 2096);
	tu_metric(&t->v[0], TS_M_RTF, 20, 0.5, 0.125, 0.0625, 0.25, 0.75);
	tier_add(t, "b_cuda", "B \"fast\", x\ny", "cuda");
	tu_metric(&t->v[1], TS_M_RTF, 4, 0.25, 0.03125, 0.015625, 0.1875, 0.3125);
	t->v[1].tests = 4;
	t->v[1].successful = 4;
	t->v[1].success_rate = 1;
	t->v[1].success_ci95[0] = 0.5;
	t->v[1].success_ci95[1] = 1;
	tier_add(t, "c_mps", "C", "mps");
	t->v[2].from = TS_FROM_ANALYSIS_JSON;
	t->v[2].tests = -1;
	t->v[2].successful = -1;
	t->v[2].success_rate = NAN;
	t->v[2].success_ci95[0] = t->v[2].success_ci95[1] = NAN;
}

/* The CSV of figure kind (-1: the table) with o. Caller frees. */
static char *csv_of(const struct ts_tiers *t, const struct ts_fig_opts *o, int kind, int *rc)
{
	struct ts_fig_env e;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	memset(&e, 0, sizeof(e));
	e.t = t;
	e.o = o;
	e.other_label = ts_fig_other_label(t);
	ts_fig_mem_unit(t, o->mem_unit, &e.mem_unit, &e.mem_div);
	*rc = kind < 0 ? ts_fig_table_csv(fp, &e) : ts_fig_bars_csv(fp, &e, (enum ts_fig_bar_kind)kind);
	fclose(fp);
	free(e.other_label);
	return buf;
}

static void expect(const struct ts_tiers *t, const struct ts_fig_opts *o, int kind,
		   const char *want)
{
	int rc;
	char *got = csv_of(t, o, kind, &rc);

	assert_int_equal(rc, 0);
	assert_string_equal(got, want);
	free(got);
}

#define HEAD "key,label,device,"
#define B_LABEL "\"B \"\"fast\"\", x\ny\""

static void test_memory(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;

	(void)state;
	model(&t);
	ts_fig_opts_init(&o);
	o.mem_unit = TS_MEM_GIB;
	/* --errorbar sd (default): mean -+ SD, 2048 MiB = 2 GiB */
	expect(&t, &o, TS_FIG_MEMORY,
	       HEAD "n,mean_peak_memory_GiB,err_lo,err_hi\r\n"
	       "a_cpu,a_cpu,cpu,10,2.0,1.90234375,2.09765625\r\n"
	       "b_cuda," B_LABEL ",cuda,0,,,\r\n"
	       "c_mps,C,mps,0,,,\r\n");
	o.errorbar = TS_ERR_SE;
	expect(&t, &o, TS_FIG_MEMORY,
	       HEAD "n,mean_peak_memory_GiB,err_lo,err_hi\r\n"
	       "a_cpu,a_cpu,cpu,10,2.0,1.96875,2.03125\r\n"
	       "b_cuda," B_LABEL ",cuda,0,,,\r\n"
	       "c_mps,C,mps,0,,,\r\n");
	o.errorbar = TS_ERR_CI95;
	o.mem_unit = TS_MEM_MIB;
	expect(&t, &o, TS_FIG_MEMORY,
	       HEAD "n,mean_peak_memory_MiB,err_lo,err_hi\r\n"
	       "a_cpu,a_cpu,cpu,10,2048.0,2000.0,2096.0\r\n"
	       "b_cuda," B_LABEL ",cuda,0,,,\r\n"
	       "c_mps,C,mps,0,,,\r\n");
	o.errorbar = TS_ERR_NONE;
	expect(&t, &o, TS_FIG_MEMORY,
	       HEAD "n,mean_peak_memory_MiB,err_lo,err_hi\r\n"
	       "a_cpu,a_cpu,cpu,10,2048.0,,\r\n"
	       "b_cuda," B_LABEL ",cuda,0,,,\r\n"
	       "c_mps,C,mps,0,,,\r\n");
	ts_tiers_release(&t);
}

static void test_rtf(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	static const struct { enum ts_fig_errorbar eb; const char *a, *b; } v[] = {
		{ TS_ERR_SD, "0.375,0.625", "0.21875,0.28125" },
		{ TS_ERR_SE, "0.4375,0.5625", "0.234375,0.265625" },
		{ TS_ERR_CI95, "0.25,0.75", "0.1875,0.3125" },
		{ TS_ERR_NONE, ",", "," },
	};
	char want[512];

	(void)state;
	model(&t);
	ts_fig_opts_init(&o);
	for (size_t i = 0; i < TS_COUNTOF(v); i++) {
		o.errorbar = v[i].eb;
		snprintf(want, sizeof(want), HEAD "n,mean_rtf,err_lo,err_hi\r\n"
			 "a_cpu,a_cpu,cpu,20,0.5,%s\r\n"
			 "b_cuda," B_LABEL ",cuda,4,0.25,%s\r\n"
			 "c_mps,C,mps,0,,,\r\n", v[i].a, v[i].b);
		expect(&t, &o, TS_FIG_RTF, want);
	}
	ts_tiers_release(&t);
}

static void test_success(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;

	(void)state;
	model(&t);
	ts_fig_opts_init(&o);
	/* Wilson's interval whatever --errorbar says, unless none */
	o.errorbar = TS_ERR_SE;
	expect(&t, &o, TS_FIG_SUCCESS,
	       HEAD "successful,n,success_percent,err_lo,err_hi\r\n"
	       "a_cpu,a_cpu,cpu,9,10,90.0,75.0,96.875\r\n"
	       "b_cuda," B_LABEL ",cuda,4,4,100.0,50.0,100.0\r\n"
	       "c_mps,C,mps,,,,,\r\n");
	o.errorbar = TS_ERR_NONE;
	expect(&t, &o, TS_FIG_SUCCESS,
	       HEAD "successful,n,success_percent,err_lo,err_hi\r\n"
	       "a_cpu,a_cpu,cpu,9,10,90.0,,\r\n"
	       "b_cuda," B_LABEL ",cuda,4,4,100.0,,\r\n"
	       "c_mps,C,mps,,,,,\r\n");
	ts_tiers_release(&t);
}

static void test_relative(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	int rc;
	char *got;

	(void)state;
	model(&t);
	ts_fig_opts_init(&o);
	/* no reference: no fig4, nothing written */
	got = csv_of(&t, &o, TS_FIG_RELATIVE, &rc);
	assert_int_equal(rc, -1);
	assert_string_equal(got, "");
	free(got);
	t.reference = 1;
	t.v[0].relative[TS_M_RTF].ratio = 2;
	t.v[0].relative[TS_M_RTF].ci95[0] = 1.5;
	t.v[0].relative[TS_M_RTF].ci95[1] = 2.5;
	t.v[1].relative[TS_M_RTF].ratio = 1;
	expect(&t, &o, TS_FIG_RELATIVE,
	       HEAD "n,rtf_ratio,err_lo,err_hi\r\n"
	       "a_cpu,a_cpu,cpu,20,2.0,1.5,2.5\r\n"
	       "b_cuda," B_LABEL ",cuda,4,1.0,,\r\n"
	       "c_mps,C,mps,0,,,\r\n");
	ts_tiers_release(&t);
}

static void test_table(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;

	(void)state;
	model(&t);
	ts_fig_opts_init(&o);
	o.mem_unit = TS_MEM_GIB;
	/* as drawn: three significant digits, en dashes, a no-break space
	 * before %, the dagger of a tier from analysis JSON alone */
	expect(&t, &o, -1,
	       "Tier,Device,CPU,Cores,RAM (GB),GPU,Tests,Success,RTF,Memory (GiB)\r\n"
	       "a_cpu,CPU,Test CPU,8,32,\xe2\x80\x93,10,90.0\xc2\xa0%,0.500,2.00\r\n"
	       B_LABEL ",CUDA,Test CPU,8,32,\xe2\x80\x93,4,100\xc2\xa0%,0.250,no data\r\n"
	       "C\xe2\x80\xa0,MPS,Test CPU,8,32,\xe2\x80\x93,\xe2\x80\x93,\xe2\x80\x93,no data,no data\r\n");
	ts_tiers_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_rtf),
		cmocka_unit_test(test_success),
		cmocka_unit_test(test_relative),
		cmocka_unit_test(test_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
