/* test_numbers.c - numbers.tex (numbers.h) from a tier model built by
 * hand, and the LaTeX escaper every LaTeX output shares (texesc.h).
 * Every value below was worked out by hand from the rule of round.h;
 * tests/check-numbers.py checks whole files of real runs against the
 * JSON with a rounding of its own.
 */
#include "ts.h"
#include "testutil.h"
#include "mem.h"
#include "numbers.h"
#include "texesc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A key with the characters LaTeX cannot take in an argument as they
 * are, and one of plain letters, the reference. */
#define KEY_A "x_1%#{}^\\ \n_cpu"
#define TEX_KEY_A "x_1\\%\\#\\{\\}\\textasciicircum{}\\textbackslash{}  _cpu"

static void model(struct ts_tiers *t)
{
	struct ts_tier *a, *b;

	memset(t, 0, sizeof(*t));
	t->reference = -1;
	a = tu_tier_add(t, KEY_A, "A & B_1", "cpu");
	a->tests = 10;
	a->successful = 9;
	a->success_rate = 0.9;
	a->success_ci95[0] = 0.5958;
	a->success_ci95[1] = 0.9821;
	tu_metric(a, TS_M_RTF, 9, 0.18, 0.02, 0.0066667, 0.1646, 0.1954);
	tu_metric(a, TS_M_PEAK_MEMORY_MB, 9, 2900, 99.99, 33.33, 2823.1, 2976.9);
	tu_metric(a, TS_M_TOKENS_PER_SECOND, 9, 1.234e-5, 3.4e-6, 1.1e-6, 1.0e-5, 1.5e-5);
	tu_metric(a, TS_M_PEAK_TEMPERATURE_C, 9, -0.5, 0.1, 0.033, -0.58, -0.42);
	a->relative[TS_M_RTF].ratio = 4;
	a->relative[TS_M_RTF].ci95[0] = 3.2;
	a->relative[TS_M_RTF].ci95[1] = 5;
	b = tu_tier_add(t, "ref_cuda", NULL, "cuda");
	b->tests = 4;
	b->successful = 4;
	b->success_rate = 1;
	b->success_ci95[0] = 0.5101;
	b->success_ci95[1] = 1;
	tu_metric(b, TS_M_RTF, 4, 0.045, 0, 0, 0.045, 0.045);
	b->relative[TS_M_RTF].ratio = 1;
	t->pooled_tests = 14;
	t->pooled_successful = 13;
	t->pooled_tiers = 2;
	t->pooled_rate = 13.0 / 14;
	t->pooled_ci95[0] = 0.6853;
	t->pooled_ci95[1] = 0.9873;
}

static char *write(const struct ts_tiers *t, enum ts_fig_errorbar eb)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&buf, &size);

	assert_non_null(fp);
	ts_numbers_write(fp, t, eb);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

/* `text` holds `line` as a whole line. */
static void has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line)) && ((p != text && p[-1] != '\n') || p[n] != '\n'))
		p++;
	if (!p)
		fail_msg("no line %s", line);
}

#define DEF_A(name, value) "\\tierstat@def{" TEX_KEY_A "}{" name "}{" value "}"

static void tier_values(void **state)
{
	struct ts_tiers t;
	char *s;

	(void)state;
	model(&t);
	s = write(&t, TS_ERR_SD);
	has_line(s, DEF_A("label", "\\tierstat@text{A \\& B\\_1}"));
	has_line(s, DEF_A("device", "\\tierstat@text{CPU}"));
	has_line(s, DEF_A("tests", "10"));
	has_line(s, DEF_A("successful", "9"));
	has_line(s, DEF_A("success", "9/10"));
	/* half width 19.315: two digits are the units */
	has_line(s, DEF_A("success.pct", "90\\,\\%"));
	has_line(s, DEF_A("success.ci", "60\\tierstat@to 98\\,\\%"));
	has_line(s, DEF_A("success.lo", "60"));
	has_line(s, DEF_A("success.hi", "98"));
	/* 0.18 +- 0.02 is 0.180 +- 0.020 */
	has_line(s, DEF_A("rtf", "0.180\\tierstat@pm 0.020"));
	has_line(s, DEF_A("rtf.mean", "0.180"));
	has_line(s, DEF_A("rtf.err", "0.020"));
	has_line(s, DEF_A("rtf.sd", "0.020"));
	has_line(s, DEF_A("rtf.se", "0.0067"));
	has_line(s, DEF_A("rtf.n", "9"));
	has_line(s, DEF_A("rtf.unit", ""));
	has_line(s, DEF_A("rtf.ci", "0.165\\tierstat@to 0.195"));
	has_line(s, DEF_A("rtf.faster", "5.56"));
	/* 2900 +- 99.99: the error rounds up to 100, the mean to the tens;
	 * the interval at the place of its half width, 76.9 */
	has_line(s, DEF_A("peak_memory_mb", "2900\\tierstat@pm 100\\tierstat@unit{MiB}"));
	has_line(s, DEF_A("peak_memory_mb.ci", "2823\\tierstat@to 2977\\tierstat@unit{MiB}"));
	/* in GiB: 2.83203125 +- 0.0976465 */
	has_line(s, DEF_A("peak_memory_gib", "2.832\\tierstat@pm 0.098\\tierstat@unit{GiB}"));
	has_line(s, DEF_A("peak_memory_gib.sd", "0.098"));
	/* a tiny number: %e notation, as LaTeX writes a power of ten */
	has_line(s, DEF_A("tokens_per_second",
			  "1.23\\ensuremath{\\times10^{-5}}\\tierstat@pm 3.4\\ensuremath{\\times10^{-6}}"
			  "\\tierstat@unit{tokens/s}"));
	/* a negative number: the minus through \ensuremath */
	has_line(s, DEF_A("peak_temperature_c",
			  "\\ensuremath{-}0.50\\tierstat@pm 0.10\\tierstat@unit{\\ensuremath{^\\circ}C}"));
	has_line(s, DEF_A("peak_temperature_c.lo", "\\ensuremath{-}0.580"));
	/* no data: "--", as the tables print it; a count unknown too */
	has_line(s, DEF_A("total_duration_s", "--"));
	has_line(s, DEF_A("total_duration_s.n", "0"));
	has_line(s, DEF_A("total_duration_s.ci", "--"));
	has_line(s, DEF_A("peak_gpu_memory_mb.sd", "--"));
	/* without a reference, no ratios */
	assert_null(strstr(s, ".ratio}"));
	assert_null(strstr(s, ".inverse}"));
	free(s);
	ts_tiers_release(&t);
}

static void errorbars(void **state)
{
	struct ts_tiers t;
	char *s;

	(void)state;
	model(&t);
	s = write(&t, TS_ERR_SE);
	has_line(s, DEF_A("rtf", "0.1800\\tierstat@pm 0.0067"));
	has_line(s, DEF_A("rtf.err", "0.0067"));
	has_line(s, DEF_A("rtf.sd", "0.020"));
	free(s);
	s = write(&t, TS_ERR_CI95);   /* half width 0.0154 */
	has_line(s, DEF_A("rtf", "0.180 (0.165\\tierstat@to 0.195)"));
	has_line(s, DEF_A("rtf.err", "0.015"));
	has_line(s, DEF_A("peak_memory_mb", "2900\\tierstat@unit{MiB} (2823\\tierstat@to 2977)"));
	free(s);
	s = write(&t, TS_ERR_NONE);
	has_line(s, DEF_A("rtf", "0.180"));
	has_line(s, DEF_A("rtf.err", "--"));
	has_line(s, "\\tierstat@def{all}{errorbar}{--}");
	free(s);
	ts_tiers_release(&t);
}

static void reference_and_pooled(void **state)
{
	struct ts_tiers t;
	char *s;

	(void)state;
	model(&t);
	t.reference = 1;
	s = write(&t, TS_ERR_SD);
	has_line(s, DEF_A("rtf.ratio", "4.00"));   /* half width 0.90 */
	has_line(s, DEF_A("rtf.ratio.ci", "3.20\\tierstat@to 5.00"));
	/* the inverse: 0.25 in [0.2, 0.3125], half width 0.05625 */
	has_line(s, DEF_A("rtf.inverse", "0.250"));
	has_line(s, DEF_A("rtf.inverse.ci", "0.200\\tierstat@to 0.312"));
	has_line(s, DEF_A("peak_memory_mb.ratio", "--"));
	assert_null(strstr(s, "peak_memory_gib.ratio"));   /* ratios of the JSON's metrics */
	/* the reference: 1, with no interval; an SD of 0 */
	has_line(s, "\\tierstat@def{ref_cuda}{rtf.ratio}{1.00}");
	has_line(s, "\\tierstat@def{ref_cuda}{rtf.ratio.ci}{--}");
	has_line(s, "\\tierstat@def{ref_cuda}{rtf}{0.0450\\tierstat@pm 0}");
	has_line(s, "\\tierstat@def{ref_cuda}{label}{--}");
	/* the pooled totals */
	has_line(s, "\\tierstat@def{all}{tiers}{2}");
	has_line(s, "\\tierstat@def{all}{requests}{14}");
	has_line(s, "\\tierstat@def{all}{successful}{13}");
	has_line(s, "\\tierstat@def{all}{success}{13/14}");
	has_line(s, "\\tierstat@def{all}{success.pct}{93\\,\\%}");
	has_line(s, "\\tierstat@def{all}{success.ci}{69\\tierstat@to 99\\,\\%}");
	has_line(s, "\\tierstat@def{all}{success.tiers}{2}");
	has_line(s, "\\tierstat@def{all}{errorbar}{SD}");
	has_line(s, "\\tierstat@def{all}{warmup}{0}");
	has_line(s, "\\tierstat@def{all}{reference}{--}");   /* its label is unknown */
	/* the tiers in the opening comment, as \tsval takes them */
	has_line(s, "%   " TEX_KEY_A " (A & B_1)");
	free(s);
	ts_tiers_release(&t);
}

/* An unknown name is an error of LaTeX's that names it: the preamble. */
static void preamble(void **state)
{
	struct ts_tiers t;
	char *s;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.reference = -1;
	s = write(&t, TS_ERR_SD);
	assert_non_null(strstr(s, "\\PackageError{tierstat}{No value `\\detokenize{#2}' of "
			       "`\\detokenize{#1}' in numbers.tex}"));
	assert_non_null(strstr(s, "\\def\\tierstat@def#1#2{\\expandafter\\def\\csname "
			       "tierstat@v@\\detokenize{#1}@\\detokenize{#2}\\endcsname}\n"));
	has_line(s, "\\tierstat@def{all}{success}{--}");   /* no tier: nothing pooled */
	has_line(s, "\\makeatother");
	free(s);
	ts_tiers_release(&t);
}

static void escaper(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "a_b & 50% #1 $x$ {y} ~ ^ \\", "a\\_b \\& 50\\% \\#1 \\$x\\$ \\{y\\} \\textasciitilde{} "
		  "\\textasciicircum{} \\textbackslash{}" },
		{ "<|>", "\\textless{}\\textbar{}\\textgreater{}" },
		{ "[x] *y*", "{[}x{]} {*}y{*}" },
		{ "b--c -\xe2\x80\x93 -", "b-{}-c -{}-- -" },
		{ "\xc2\xb1" "1\xc2\xa0SD 15\xe2\x80\x93" "49", "\\ensuremath{\\pm}1~SD 15--49" },
		{ "a\nb\tc\x7f", "a b c " },
		{ "\xea\xb0\x80 \xc3\xa9", "\xea\xb0\x80 \xc3\xa9" },   /* UTF-8 as it came */
		{ "", "" },
	};

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(cases); i++) {
		char *got = ts_tex_escape(cases[i].in), *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		assert_string_equal(got, cases[i].out);
		ts_tex_put(fp, cases[i].in);
		assert_int_equal(fclose(fp), 0);
		assert_string_equal(buf, cases[i].out);
		free(got);
		free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tier_values),
		cmocka_unit_test(errorbars),
		cmocka_unit_test(reference_and_pooled),
		cmocka_unit_test(preamble),
		cmocka_unit_test(escaper),
	};
	return cmocka_run_group_tests_name("numbers", tests, NULL, NULL);
}
