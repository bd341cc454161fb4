/* test_tables.c - table_hardware and table_results (tables.h) from a
 * tier model built by hand: the exact text of each format, a label with
 * every LaTeX special character (and a comma and quotes, for the CSV), a
 * label with '|' and a newline, unknown values, each --errorbar, the
 * reference's ratio column; --tables parsing; the tables' names as
 * tierstat's own (ownname.h). Every rounded number below was worked out
 * by hand from the rule of round.h.
 */
#include "ts.h"
#include "testutil.h"
#include "mem.h"
#include "ownname.h"
#include "tables.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_A "x_&%#$ {}~^\\,\"q\""
#define LABEL_B "a|b\nc"

/* Tier A: everything known but tokens per second; tier B: no CPU, no
 * RAM, no success column, an RTF whose SD is 0, one memory value. */
static void model(struct ts_tiers *t)
{
	struct ts_tier *a, *b;

	memset(t, 0, sizeof(*t));
	t->reference = -1;
	a = tu_tier_add(t, "a_cpu", LABEL_A, "cpu");
	a->cpu_model = ts_xstrdup("Test CPU");
	a->cpu_cores = 8;
	a->total_memory_gb = 32;
	a->tests = 10;
	a->successful = 9;
	a->success_rate = 0.9;
	a->success_ci95[0] = 0.5958;
	a->success_ci95[1] = 0.9821;
	tu_metric(a, TS_M_RTF, 9, 0.18, 0.02, 0.0066667, 0.1646, 0.1954);
	tu_metric(a, TS_M_PEAK_MEMORY_MB, 9, 2900, 99.99, 33.33, 2823.1, 2976.9);
	tu_metric(a, TS_M_TOTAL_DURATION_S, 9, 4.1, 0.46, 0.1533, 3.746, 4.454);
	b = tu_tier_add(t, "b_cuda", LABEL_B, "cuda");
	b->gpu_name = ts_xstrdup("GPU 1");
	b->tests = 5;
	tu_metric(b, TS_M_RTF, 5, 0.0095, 0, 0, 0.0095, 0.0095);
	tu_metric(b, TS_M_PEAK_MEMORY_MB, 1, 1000, NAN, NAN, NAN, NAN);
}

static char *write(enum ts_table which, unsigned format, const struct ts_tiers *t,
		   enum ts_fig_errorbar eb)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);

	assert_non_null(fp);
	ts_tables_write(fp, which, format, t, eb);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static void is(enum ts_table which, unsigned format, const struct ts_tiers *t,
	       enum ts_fig_errorbar eb, const char *want)
{
	char *got = write(which, format, t, eb);

	assert_string_equal(got, want);
	free(got);
}

/* `want` is one line of the output, whole. */
static void has_line(enum ts_table which, unsigned format, const struct ts_tiers *t,
		     enum ts_fig_errorbar eb, const char *want)
{
	char *got = write(which, format, t, eb);
	size_t n = strlen(want);
	const char *p = got;

	while ((p = strstr(p, want)) && ((p != got && p[-1] != '\n') || (p[n] != '\n' && p[n] != '\r')))
		p++;
	if (!p)
		fail_msg("no line '%s' in:\n%s", want, got);
	free(got);
}

#define TEX_A "x\\_\\&\\%\\#\\$ \\{\\}\\textasciitilde{}\\textasciicircum{}\\textbackslash{},\"q\""
#define TEX_B "a\\textbar{}b c"
#define MD_A "x_&%#$ {}~^\\\\,\"q\""
#define MD_B "a\\|b c"

static void hardware(void **state)
{
	struct ts_tiers t;

	(void)state;
	model(&t);
	is(TS_TABLE_HARDWARE, TS_TAB_TEX, &t, TS_ERR_SD,
	   "% table_hardware.tex, written by tierstat: \\input it in a document that loads booktabs\n"
	   "\\begin{table}[htbp]\n"
	   "\\centering\n"
	   "\\caption{Hardware configurations: the CPU, its cores, the RAM and the GPU of each "
	   "hardware tier, and the requests it was tested with.}\n"
	   "\\label{tab:hardware}\n"
	   "\\begin{tabular}{lllrrlr}\n"
	   "\\toprule\n"
	   "Tier & Device & CPU & Cores & RAM (GB) & GPU & Tests \\\\\n"
	   "\\midrule\n"
	   TEX_A " & CPU & Test CPU & 8 & 32 & -- & 10 \\\\\n"
	   TEX_B " & CUDA & -- & -- & -- & GPU 1 & 5 \\\\\n"
	   "\\bottomrule\n"
	   "\\end{tabular}\n"
	   "\\end{table}\n");
	is(TS_TABLE_HARDWARE, TS_TAB_MD, &t, TS_ERR_SD,
	   "Table: Hardware configurations: the CPU, its cores, the RAM and the GPU of each "
	   "hardware tier, and the requests it was tested with.\n"
	   "\n"
	   "| Tier | Device | CPU | Cores | RAM (GB) | GPU | Tests |\n"
	   "| :--- | :--- | :--- | ---: | ---: | :--- | ---: |\n"
	   "| " MD_A " | CPU | Test CPU | 8 | 32 | \xe2\x80\x93 | 10 |\n"
	   "| " MD_B " | CUDA | \xe2\x80\x93 | \xe2\x80\x93 | \xe2\x80\x93 | GPU 1 | 5 |\n");
	is(TS_TABLE_HARDWARE, TS_TAB_CSV, &t, TS_ERR_SD,
	   "key,label,device_type,cpu_model,cpu_cores,total_memory_gb,gpu_name,tests\r\n"
	   "a_cpu,\"x_&%#$ {}~^\\,\"\"q\"\"\",cpu,Test CPU,8,32.0,,10\r\n"
	   "b_cuda,\"a|b\nc\",cuda,,,,GPU 1,5\r\n");
	ts_tiers_release(&t);
}

static void results_sd(void **state)
{
	struct ts_tiers t;

	(void)state;
	model(&t);
	is(TS_TABLE_RESULTS, TS_TAB_TEX, &t, TS_ERR_SD,
	   "% table_results.tex, written by tierstat: \\input it in a document that loads booktabs\n"
	   "\\begin{table}[htbp]\n"
	   "\\centering\n"
	   "\\caption{Results per hardware tier: $n$ requests; success $k/n$ with its Wilson "
	   "95\\,\\% interval; mean $\\pm$ 1 SD over the successful requests of the real-time "
	   "factor (RTF), the peak memory (MiB, as the monitor records it), tokens per second "
	   "and the duration.}\n"
	   "\\label{tab:results}\n"
	   "\\begin{tabular}{lrrrrrr}\n"
	   "\\toprule\n"
	   "Tier & $n$ & Success & RTF & Peak memory (MiB) & Tokens/s & Duration (s) \\\\\n"
	   "\\midrule\n"
	   /* 9/10: Wilson 59.58-98.21 %, half width 19 -> units */
	   TEX_A " & 10 & 9/10, 90\\,\\% (60--98) & 0.180 $\\pm$ 0.020 & 2900 $\\pm$ 100 & -- & "
	   "4.10 $\\pm$ 0.46 \\\\\n"
	   TEX_B " & 5 & -- & 0.00950 $\\pm$ 0 & 1000 & -- & -- \\\\\n"
	   "\\bottomrule\n"
	   "\\end{tabular}\n"
	   "\\end{table}\n");
	is(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_SD,
	   "Table: Results per hardware tier: n requests; success k/n with its Wilson 95 % "
	   "interval; mean \xc2\xb1 1 SD over the successful requests of the real-time factor "
	   "(RTF), the peak memory (MiB, as the monitor records it), tokens per second and the "
	   "duration.\n"
	   "\n"
	   "| Tier | n | Success | RTF | Peak memory (MiB) | Tokens/s | Duration (s) |\n"
	   "| :--- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
	   "| " MD_A " | 10 | 9/10, 90 % (60\xe2\x80\x93" "98) | 0.180 \xc2\xb1 0.020 | "
	   "2900 \xc2\xb1 100 | \xe2\x80\x93 | 4.10 \xc2\xb1 0.46 |\n"
	   "| " MD_B " | 5 | \xe2\x80\x93 | 0.00950 \xc2\xb1 0 | 1000 | \xe2\x80\x93 | \xe2\x80\x93 |\n");
	is(TS_TABLE_RESULTS, TS_TAB_CSV, &t, TS_ERR_SD,
	   "key,label,tests,successful,success_rate,success_ci95_lo,success_ci95_hi,"
	   "rtf_n,rtf_mean,rtf_sd,peak_memory_mb_n,peak_memory_mb_mean,peak_memory_mb_sd,"
	   "tokens_per_second_n,tokens_per_second_mean,tokens_per_second_sd,"
	   "total_duration_s_n,total_duration_s_mean,total_duration_s_sd\r\n"
	   "a_cpu,\"x_&%#$ {}~^\\,\"\"q\"\"\",10,9,0.9,0.5958,0.9821,9,0.18,0.02,9,2900.0,99.99,"
	   "0,,,9,4.1,0.46\r\n"
	   "b_cuda,\"a|b\nc\",5,,,,,5,0.0095,0.0,1,1000.0,,0,,,0,,\r\n");
	ts_tiers_release(&t);
}

/* --errorbar se, ci95, none: the cells, the caption and the CSV columns. */
static void results_errorbars(void **state)
{
	struct ts_tiers t;

	(void)state;
	model(&t);
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_SE,
		 "| " MD_A " | 10 | 9/10, 90 % (60\xe2\x80\x93" "98) | 0.1800 \xc2\xb1 0.0067 | "
		 "2900 \xc2\xb1 33 | \xe2\x80\x93 | 4.10 \xc2\xb1 0.15 |");
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_SE,
		 "| " MD_B " | 5 | \xe2\x80\x93 | 0.00950 \xc2\xb1 0 | 1000 | \xe2\x80\x93 | \xe2\x80\x93 |");
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_CI95,
		 "| " MD_A " | 10 | 9/10, 90 % (60\xe2\x80\x93" "98) | 0.180 (0.165\xe2\x80\x93" "0.195) | "
		 "2900 (2823\xe2\x80\x93" "2977) | \xe2\x80\x93 | 4.10 (3.75\xe2\x80\x93" "4.45) |");
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_CI95,
		 "| " MD_B " | 5 | \xe2\x80\x93 | 0.00950 (0.00950\xe2\x80\x93" "0.00950) | 1000 | "
		 "\xe2\x80\x93 | \xe2\x80\x93 |");
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_NONE,
		 "| " MD_A " | 10 | 9/10, 90 % (60\xe2\x80\x93" "98) | 0.180 | 2900 | \xe2\x80\x93 | 4.10 |");
	has_line(TS_TABLE_RESULTS, TS_TAB_TEX, &t, TS_ERR_CI95,
		 TEX_A " & 10 & 9/10, 90\\,\\% (60--98) & 0.180 (0.165--0.195) & 2900 (2823--2977) "
		 "& -- & 4.10 (3.75--4.45) \\\\");
	has_line(TS_TABLE_RESULTS, TS_TAB_TEX, &t, TS_ERR_SE,
		 "\\caption{Results per hardware tier: $n$ requests; success $k/n$ with its Wilson "
		 "95\\,\\% interval; mean $\\pm$ 1 standard error over the successful requests of the "
		 "real-time factor (RTF), the peak memory (MiB, as the monitor records it), tokens per "
		 "second and the duration.}");
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_CI95,
		 "Table: Results per hardware tier: n requests; success k/n with its Wilson 95 % "
		 "interval; mean (95 % t interval of the mean) over the successful requests of the "
		 "real-time factor (RTF), the peak memory (MiB, as the monitor records it), tokens per "
		 "second and the duration.");
	has_line(TS_TABLE_RESULTS, TS_TAB_CSV, &t, TS_ERR_SE,
		 "a_cpu,\"x_&%#$ {}~^\\,\"\"q\"\"\",10,9,0.9,0.5958,0.9821,9,0.18,0.0066667,9,2900.0,"
		 "33.33,0,,,9,4.1,0.1533");
	has_line(TS_TABLE_RESULTS, TS_TAB_CSV, &t, TS_ERR_CI95,
		 "key,label,tests,successful,success_rate,success_ci95_lo,success_ci95_hi,"
		 "rtf_n,rtf_mean,rtf_ci95_lo,rtf_ci95_hi,peak_memory_mb_n,peak_memory_mb_mean,"
		 "peak_memory_mb_ci95_lo,peak_memory_mb_ci95_hi,tokens_per_second_n,"
		 "tokens_per_second_mean,tokens_per_second_ci95_lo,tokens_per_second_ci95_hi,"
		 "total_duration_s_n,total_duration_s_mean,total_duration_s_ci95_lo,"
		 "total_duration_s_ci95_hi");
	has_line(TS_TABLE_RESULTS, TS_TAB_CSV, &t, TS_ERR_NONE,
		 "b_cuda,\"a|b\nc\",5,,,,,5,0.0095,1,1000.0,0,,0,");
	ts_tiers_release(&t);
}

/* With a reference (tier B, whose label must be escaped in the header
 * and the caption too): the ratio column. */
static void results_reference(void **state)
{
	struct ts_tiers t;

	(void)state;
	model(&t);
	t.reference = 1;
	t.v[0].relative[TS_M_RTF].ratio = 18.947;
	t.v[0].relative[TS_M_RTF].ci95[0] = 17.2;
	t.v[0].relative[TS_M_RTF].ci95[1] = 20.9;
	t.v[1].relative[TS_M_RTF].ratio = 1;
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_SD,
		 "| Tier | n | Success | RTF | Peak memory (MiB) | Tokens/s | Duration (s) | RTF vs " MD_B " |");
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_SD,
		 "| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_SD,
		 "| " MD_A " | 10 | 9/10, 90 % (60\xe2\x80\x93" "98) | 0.180 \xc2\xb1 0.020 | "
		 "2900 \xc2\xb1 100 | \xe2\x80\x93 | 4.10 \xc2\xb1 0.46 | 18.9\xc3\x97 (17.2\xe2\x80\x93" "20.9) |");
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_SD,
		 "| " MD_B " | 5 | \xe2\x80\x93 | 0.00950 \xc2\xb1 0 | 1000 | \xe2\x80\x93 | \xe2\x80\x93 | reference |");
	has_line(TS_TABLE_RESULTS, TS_TAB_TEX, &t, TS_ERR_SD,
		 "Tier & $n$ & Success & RTF & Peak memory (MiB) & Tokens/s & Duration (s) & RTF vs " TEX_B " \\\\");
	has_line(TS_TABLE_RESULTS, TS_TAB_TEX, &t, TS_ERR_SD,
		 TEX_A " & 10 & 9/10, 90\\,\\% (60--98) & 0.180 $\\pm$ 0.020 & 2900 $\\pm$ 100 & -- & "
		 "4.10 $\\pm$ 0.46 & 18.9$\\times$ (17.2--20.9) \\\\");
	has_line(TS_TABLE_RESULTS, TS_TAB_TEX, &t, TS_ERR_SD, "\\begin{tabular}{lrrrrrrr}");
	has_line(TS_TABLE_RESULTS, TS_TAB_CSV, &t, TS_ERR_SD,
		 "b_cuda,\"a|b\nc\",5,,,,,5,0.0095,0.0,1,1000.0,,0,,,0,,,1.0,,");
	has_line(TS_TABLE_RESULTS, TS_TAB_CSV, &t, TS_ERR_SD,
		 "a_cpu,\"x_&%#$ {}~^\\,\"\"q\"\"\",10,9,0.9,0.5958,0.9821,9,0.18,0.02,9,2900.0,99.99,"
		 "0,,,9,4.1,0.46,18.947,17.2,20.9");
	/* the widest table: ci95 and the ratio, 26 columns */
	has_line(TS_TABLE_RESULTS, TS_TAB_CSV, &t, TS_ERR_CI95,
		 "a_cpu,\"x_&%#$ {}~^\\,\"\"q\"\"\",10,9,0.9,0.5958,0.9821,9,0.18,0.1646,0.1954,"
		 "9,2900.0,2823.1,2976.9,0,,,,9,4.1,3.746,4.454,18.947,17.2,20.9");
	{
		char *got = write(TS_TABLE_RESULTS, TS_TAB_TEX, &t, TS_ERR_SD);
		assert_non_null(strstr(got, " RTF vs " TEX_B ": the ratio of the mean RTFs with its 95\\,\\% interval.}"));
		free(got);
	}
	ts_tiers_release(&t);
}

/* A tier with a paired realtime file: two more columns, the mean memory
 * during requests and idle (a missing one as a dash), and a sentence in
 * the caption; none without (the tests above). */
static void results_phases(void **state)
{
	struct ts_tiers t;

	(void)state;
	model(&t);
	t.v[0].realtime.paired = 1;
	t.v[0].realtime.phase[TS_SPAN_DURING].memory_mean = 2742.613;
	t.v[0].realtime.phase[TS_SPAN_IDLE].memory_mean = NAN;
	t.v[1].realtime.phase[TS_SPAN_DURING].memory_mean = 99;   /* not paired: not shown */
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_SD,
		 "| Tier | n | Success | RTF | Peak memory (MiB) | Tokens/s | Duration (s) | "
		 "Busy | Idle |");
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_SD,
		 "| " MD_A " | 10 | 9/10, 90 % (60\xe2\x80\x93" "98) | 0.180 \xc2\xb1 0.020 | "
		 "2900 \xc2\xb1 100 | \xe2\x80\x93 | 4.10 \xc2\xb1 0.46 | 2743 | \xe2\x80\x93 |");
	has_line(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_SD,
		 "| " MD_B " | 5 | \xe2\x80\x93 | 0.00950 \xc2\xb1 0 | 1000 | \xe2\x80\x93 | \xe2\x80\x93 | "
		 "\xe2\x80\x93 | \xe2\x80\x93 |");
	has_line(TS_TABLE_RESULTS, TS_TAB_TEX, &t, TS_ERR_SD, "\\begin{tabular}{lrrrrrrrr}");
	has_line(TS_TABLE_RESULTS, TS_TAB_CSV, &t, TS_ERR_SD,
		 "key,label,tests,successful,success_rate,success_ci95_lo,success_ci95_hi,"
		 "rtf_n,rtf_mean,rtf_sd,peak_memory_mb_n,peak_memory_mb_mean,peak_memory_mb_sd,"
		 "tokens_per_second_n,tokens_per_second_mean,tokens_per_second_sd,"
		 "total_duration_s_n,total_duration_s_mean,total_duration_s_sd,"
		 "memory_mb_during_requests_mean,memory_mb_idle_mean");
	has_line(TS_TABLE_RESULTS, TS_TAB_CSV, &t, TS_ERR_SD,
		 "b_cuda,\"a|b\nc\",5,,,,,5,0.0095,0.0,1,1000.0,,0,,,0,,,,");
	{
		char *got = write(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_SD);
		assert_non_null(strstr(got, "and the duration. Busy and Idle: the mean memory (MiB) "
				       "of the real-time samples inside a request's start and end, and "
				       "outside every request.\n"));
		free(got);
	}
	ts_tiers_release(&t);
}

/* The characters LaTeX must not see as they are, beyond the issue's
 * list; the warm-up in the caption. */
static void more_escapes(void **state)
{
	struct ts_tiers t;

	(void)state;
	model(&t);
	free(t.v[0].label);
	t.v[0].label = ts_xstrdup("[x] *y* <a>|b--c\td\r");
	t.warmup = 2;
	has_line(TS_TABLE_HARDWARE, TS_TAB_TEX, &t, TS_ERR_SD,
		 "{[}x{]} {*}y{*} \\textless{}a\\textgreater{}\\textbar{}b-{}-c d  & CPU & Test CPU & 8 & 32 & -- & 10 \\\\");
	has_line(TS_TABLE_HARDWARE, TS_TAB_MD, &t, TS_ERR_SD,
		 "| [x] *y* <a>\\|b--c d  | CPU | Test CPU | 8 | 32 | \xe2\x80\x93 | 10 |");
	{
		char *got = write(TS_TABLE_RESULTS, TS_TAB_MD, &t, TS_ERR_SD);
		assert_non_null(strstr(got, "the duration. The first 2 requests of each synthesis file left out (warm-up).\n"));
		free(got);
	}
	ts_tiers_release(&t);
}

static void parse(void **state)
{
	unsigned f = 99;

	(void)state;
	assert_int_equal(ts_tables_parse("tex,md,csv", &f), 0);
	assert_int_equal(f, TS_TAB_ALL);
	assert_int_equal(ts_tables_parse("CSV", &f), 0);
	assert_int_equal(f, TS_TAB_CSV);
	assert_int_equal(ts_tables_parse("md,tex,md", &f), 0);
	assert_int_equal(f, TS_TAB_MD | TS_TAB_TEX);
	assert_int_equal(ts_tables_parse("none", &f), 0);
	assert_int_equal(f, 0);
	f = 99;
	assert_int_equal(ts_tables_parse("none,tex", &f), -1);
	assert_int_equal(ts_tables_parse("", &f), -1);
	assert_int_equal(ts_tables_parse("tex,", &f), -1);
	assert_int_equal(ts_tables_parse("latex", &f), -1);
	assert_int_equal(ts_tables_parse(",md", &f), -1);
	assert_int_equal(f, 99);   /* unchanged on an error */
}

/* The tables are tierstat's own names: removed when stale, never read. */
static void own_names(void **state)
{
	static const char *const own[] = {
		"table_hardware.tex", "table_hardware.md", "table_hardware.csv",
		"table_results.tex", "table_results.md", "table_results.csv",
	};
	static const char *const others[] = {
		"table_results.png", "table_hardware.csv.bak", "table_results", "fig1_memory_comparison.tex",
		"table_result.csv", "Table_results.csv",
	};

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(own); i++) {
		char temp[80];
		assert_int_equal(ts_own_name(own[i]), TS_OWN_OUTPUT);
		assert_true(ts_own_name_like(own[i]));
		snprintf(temp, sizeof(temp), ".tierstat-%s.a1B2c3", own[i]);
		assert_int_equal(ts_own_name(temp), TS_OWN_TEMP);
	}
	for (size_t i = 0; i < TS_COUNTOF(others); i++)
		assert_int_equal(ts_own_name(others[i]), TS_OWN_NONE);
	assert_int_equal(ts_own_name("fig1_memory_comparison.png"), TS_OWN_OUTPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hardware),
		cmocka_unit_test(results_sd),
		cmocka_unit_test(results_errorbars),
		cmocka_unit_test(results_reference),
		cmocka_unit_test(results_phases),
		cmocka_unit_test(more_escapes),
		cmocka_unit_test(parse),
		cmocka_unit_test(own_names),
	};
	return cmocka_run_group_tests_name("tables", tests, NULL, NULL);
}
