/* numbers.c - numbers.tex (see numbers.h). Every value is made in a
 * small buffer as LaTeX text, then written as one definition:
 *     \tierstat@def{KEY}{NAME}{VALUE}
 */
#include "ts.h"
#include "numbers.h"
#include "chart.h"
#include "columns.h"
#include "mem.h"
#include "round.h"
#include "texesc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One value's LaTeX text (a few numbers, signs and a unit). */
#define VAL_MAX 512

/* The metrics numbers.tex has: the JSON's, and the memories in GiB as
 * fig1 draws them (1 GiB = 1024 MiB, the monitor's MB being MiB). */
static const struct metric {
	const char *name;
	enum ts_metric m;
	double scale;       /* the value in this unit is scale * the JSON's */
	const char *unit;   /* LaTeX text; "" for none */
	int ratio;          /* has ratios to the reference */
} metrics[] = {
	{ "rtf", TS_M_RTF, 1, "", 1 },
	{ "peak_memory_mb", TS_M_PEAK_MEMORY_MB, 1, "MiB", 1 },
	{ "peak_memory_gib", TS_M_PEAK_MEMORY_MB, 1.0 / 1024, "GiB", 0 },
	{ "tokens_per_second", TS_M_TOKENS_PER_SECOND, 1, "tokens/s", 1 },
	{ "total_duration_s", TS_M_TOTAL_DURATION_S, 1, "s", 1 },
	{ "peak_gpu_memory_mb", TS_M_PEAK_GPU_MEMORY_MB, 1, "MiB", 0 },
	{ "peak_gpu_memory_gib", TS_M_PEAK_GPU_MEMORY_MB, 1.0 / 1024, "GiB", 0 },
	{ "peak_temperature_c", TS_M_PEAK_TEMPERATURE_C, 1, "\\ensuremath{^\\circ}C", 0 },
};

/* ====================== LaTeX text ====================== */

/* The key (or any text in a comment) with \ { } % # ^ as LaTeX writes
 * them and a control character a space (numbers.h): what a user types
 * in \tsval's argument. */
static void put_key(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f)
			fputc(' ', fp);
		else if (c == '\\')
			fputs("\\textbackslash{}", fp);
		else if (c == '^')
			fputs("\\textasciicircum{}", fp);
		else if (strchr("{}%#", c))
			fprintf(fp, "\\%c", c);
		else
			fputc(c, fp);
	}
}

/* Append text to a value, cut (never overrun) at VAL_MAX. */
static void cat(char *v, const char *text)
{
	size_t n = strlen(v);

	snprintf(v + n, VAL_MAX - n, "%s", text);
}

/* A number of round.h as LaTeX: "--" stays (no value), a minus is
 * \ensuremath{-}, "1.2e-05" is 1.2\ensuremath{\times10^{-5}}. */
static void cat_num(char *v, const char *r)
{
	const char *e = strchr(r, 'e');
	char buf[TS_ROUND_MAX + 64];

	if (strcmp(r, "--") == 0) {
		cat(v, "--");
		return;
	}
	if (*r == '-') {
		cat(v, "\\ensuremath{-}");
		r++;
		if (e)
			e = strchr(r, 'e');
	}
	if (!e) {
		cat(v, r);
		return;
	}
	snprintf(buf, sizeof(buf), "%.*s\\ensuremath{\\times10^{%ld}}", (int)(e - r), r,
		 strtol(e + 1, NULL, 10));
	cat(v, buf);
}

static void cat_unit(char *v, const char *unit)
{
	if (!*unit)
		return;
	cat(v, "\\tierstat@unit{");
	cat(v, unit);
	cat(v, "}");
}

/* ====================== definitions ====================== */

static void def(FILE *fp, const char *key, const char *name, const char *value)
{
	fputs("\\tierstat@def{", fp);
	put_key(fp, key);
	fprintf(fp, "}{%s}{%s}\n", name, value);
}

/* A definition of a number ("--" for NAN), or of a count (-1 unknown). */
static void def_num(FILE *fp, const char *key, const char *name, const char *r)
{
	char v[VAL_MAX] = "";

	cat_num(v, r);
	def(fp, key, name, v);
}

static void def_count(FILE *fp, const char *key, const char *name, long n)
{
	char v[32];

	if (n < 0)
		snprintf(v, sizeof(v), "--");
	else
		snprintf(v, sizeof(v), "%ld", n);
	def(fp, key, name, v);
}

static void def_text(FILE *fp, const char *key, const char *name, const char *text)
{
	char *e = text && *text ? ts_tex_escape(text) : NULL;
	char *v = e ? ts_xasprintf("\\tierstat@text{%s}", e) : ts_xstrdup("--");

	def(fp, key, name, v);
	free(v);
	free(e);
}

/* x to two significant digits (an error's rounding); "--" for NAN. */
static void two_sig(char buf[TS_ROUND_MAX], double x)
{
	struct ts_rounded r;

	ts_round_pair(x, x, &r);
	snprintf(buf, TS_ROUND_MAX, "%s", isfinite(x) && r.has_err ? r.err : "--");
}

/* A value with its 95 % interval, the three rounded together (round.h):
 * `name` the value with `unit` (unless NULL), PREFIX.ci the interval
 * ("lo--hi" and the unit), PREFIX.lo and PREFIX.hi its ends; "--" for
 * what is not known. */
static void def_interval(FILE *fp, const char *key, const char *name, const char *prefix,
			 double x, const double ci[2], const char *unit)
{
	struct ts_rounded_iv r;
	char n[96], v[VAL_MAX] = "";

	ts_round_interval(x, ci[0], ci[1], &r);
	if (name) {
		cat_num(v, r.v);
		if (isfinite(x))
			cat(v, unit);
		def(fp, key, name, v);
		v[0] = '\0';
	}
	if (r.has_iv) {
		cat_num(v, r.lo);
		cat(v, "\\tierstat@to ");
		cat_num(v, r.hi);
		cat(v, unit);
	} else {
		cat(v, "--");
	}
	snprintf(n, sizeof(n), "%s.ci", prefix);
	def(fp, key, n, v);
	snprintf(n, sizeof(n), "%s.lo", prefix);
	def_num(fp, key, n, r.has_iv ? r.lo : "--");
	snprintf(n, sizeof(n), "%s.hi", prefix);
	def_num(fp, key, n, r.has_iv ? r.hi : "--");
}

/* success ("k/n"), success.pct, success.ci, .lo, .hi. */
static void def_success(FILE *fp, const char *key, long k, long n, double rate,
			const double ci95[2])
{
	double pct[2] = { ci95[0] * 100, ci95[1] * 100 };
	int known = k >= 0 && n > 0 && isfinite(rate);
	char v[64];

	if (known)
		snprintf(v, sizeof(v), "%ld/%ld", k, n);
	else
		snprintf(v, sizeof(v), "--");
	def(fp, key, "success", v);
	def_interval(fp, key, "success.pct", "success", known ? rate * 100 : NAN, pct, "\\,\\%");
}

/* ====================== a metric of a tier ====================== */

/* METRIC, METRIC.mean and METRIC.err: the mean and the error of
 * --errorbar rounded together, and the value as table_results shows it,
 * with the unit. */
static void def_mean(FILE *fp, const char *key, const struct metric *mt,
		     const struct ts_tier *x, enum ts_fig_errorbar eb, const char *unit)
{
	const struct ts_summary *s = &x->metrics[mt->m];
	const struct ts_spread *sp = &x->spread[mt->m];
	double mean = s->n > 0 ? s->mean * mt->scale : NAN;
	double err = eb == TS_ERR_SD ? s->std : eb == TS_ERR_SE ? sp->se
		     : eb == TS_ERR_CI95 ? (sp->ci95[1] - sp->ci95[0]) / 2 : NAN;
	struct ts_rounded r;
	char n[96], v[VAL_MAX] = "";

	ts_round_pair(mean, err * mt->scale, &r);
	cat_num(v, r.mean);
	if (isfinite(mean)) {
		if (r.has_err && eb != TS_ERR_CI95) {
			cat(v, "\\tierstat@pm ");
			cat_num(v, r.err);
		}
		cat(v, unit);
	}
	if (isfinite(mean) && eb == TS_ERR_CI95) {
		double ci[2] = { sp->ci95[0] * mt->scale, sp->ci95[1] * mt->scale };
		struct ts_rounded_iv iv;
		ts_round_interval(mean, ci[0], ci[1], &iv);
		if (iv.has_iv) {
			cat(v, " (");
			cat_num(v, iv.lo);
			cat(v, "\\tierstat@to ");
			cat_num(v, iv.hi);
			cat(v, ")");
		}
	}
	def(fp, key, mt->name, v);
	snprintf(n, sizeof(n), "%s.mean", mt->name);
	def_num(fp, key, n, r.mean);
	snprintf(n, sizeof(n), "%s.err", mt->name);
	def_num(fp, key, n, isfinite(mean) && r.has_err ? r.err : "--");
}

/* The ratio of this tier's mean to the reference's (METRIC.ratio), and
 * its inverse (METRIC.inverse), each with its interval. */
static void def_ratio(FILE *fp, const char *key, const struct metric *mt,
		      const struct ts_tier *x)
{
	const struct ts_ratio *q = &x->relative[mt->m];
	double inv = q->ratio > 0 ? 1 / q->ratio : NAN;
	double inv_ci[2] = { 1 / q->ci95[1], 1 / q->ci95[0] };
	char n[96];

	snprintf(n, sizeof(n), "%s.ratio", mt->name);
	def_interval(fp, key, n, n, q->ratio, q->ci95, "");
	snprintf(n, sizeof(n), "%s.inverse", mt->name);
	def_interval(fp, key, n, n, inv, inv_ci, "");
}

static void def_metric(FILE *fp, const char *key, const struct metric *mt,
		       const struct ts_tier *x, enum ts_fig_errorbar eb, int ratios)
{
	const struct ts_summary *s = &x->metrics[mt->m];
	const struct ts_spread *sp = &x->spread[mt->m];
	double mean = s->n > 0 ? s->mean * mt->scale : NAN;
	double ci[2] = { sp->ci95[0] * mt->scale, sp->ci95[1] * mt->scale };
	char n[96], r[TS_ROUND_MAX], unit[VAL_MAX] = "";

	cat_unit(unit, mt->unit);
	def_mean(fp, key, mt, x, eb, unit);
	snprintf(n, sizeof(n), "%s.sd", mt->name);
	two_sig(r, isfinite(mean) ? s->std * mt->scale : NAN);
	def_num(fp, key, n, r);
	snprintf(n, sizeof(n), "%s.se", mt->name);
	two_sig(r, isfinite(mean) ? sp->se * mt->scale : NAN);
	def_num(fp, key, n, r);
	snprintf(n, sizeof(n), "%s.n", mt->name);
	def_count(fp, key, n, s->n);
	snprintf(n, sizeof(n), "%s.unit", mt->name);
	def(fp, key, n, mt->unit);
	def_interval(fp, key, NULL, mt->name, mean, ci, unit);
	if (mt->m == TS_M_RTF) {
		char v[TS_ROUND_MAX];
		ts_round_value(v, mean > 0 ? 1 / mean : NAN);
		def_num(fp, key, "rtf.faster", v);
	}
	if (ratios && mt->ratio)
		def_ratio(fp, key, mt, x);
}

/* ====================== synthesis against idle ====================== */

/* A value alone, three significant digits (as rtf.faster), with its
 * unit; "--" for NAN. */
static void def_value(FILE *fp, const char *key, const char *name, double x, const char *unit)
{
	char r[TS_ROUND_MAX], v[VAL_MAX] = "";

	ts_round_value(r, x);
	cat_num(v, r);
	if (isfinite(x))
		cat_unit(v, unit);
	def(fp, key, name, v);
}

/* busy.* and idle.*: the tier's realtime samples during its requests and
 * between them (README "Synthesis against idle"), as the JSON's
 * realtime.during_requests and realtime.idle: -- when no realtime file
 * of the tier has a partner. */
static void def_phases(FILE *fp, const struct ts_tier *x)
{
	static const char *const names[TS_SPAN_COUNT] = {
		[TS_SPAN_DURING] = "busy", [TS_SPAN_IDLE] = "idle",
	};
	int on = x->realtime.paired > 0;
	char n[96];

	for (int k = 0; k < TS_SPAN_COUNT; k++) {
		const struct ts_rt_phase *ph = &x->realtime.phase[k];
		snprintf(n, sizeof(n), "%s.samples", names[k]);
		def_count(fp, x->key, n, on ? (long)ph->samples : -1);
		snprintf(n, sizeof(n), "%s.memory_mb", names[k]);
		def_value(fp, x->key, n, on ? ph->memory_mean : NAN, "MiB");
		snprintf(n, sizeof(n), "%s.memory_mb.max", names[k]);
		def_value(fp, x->key, n, on ? ph->memory_max : NAN, "MiB");
		snprintf(n, sizeof(n), "%s.cpu_percent", names[k]);
		def_value(fp, x->key, n, on ? ph->cpu_mean : NAN, "\\%");
	}
}

/* ====================== the file ====================== */

static const char preamble[] =
	"\\makeatletter\n"
	"\\ifdefined\\tsval\\else\n"
	"\\DeclareRobustCommand\\tsval[2]{%\n"
	"  \\@ifundefined{tierstat@v@\\detokenize{#1}@\\detokenize{#2}}%\n"
	"    {\\PackageError{tierstat}{No value `\\detokenize{#2}' of `\\detokenize{#1}' in numbers.tex}%\n"
	"      {numbers.tex lists the tiers and names it has in its opening comment.}}%\n"
	"    {\\@nameuse{tierstat@v@\\detokenize{#1}@\\detokenize{#2}}}}\n"
	"\\fi\n"
	"\\def\\tierstat@def#1#2{\\expandafter\\def\\csname tierstat@v@\\detokenize{#1}@\\detokenize{#2}\\endcsname}\n"
	"\\def\\tierstat@pm{\\ifmmode\\pm\\else\\nobreakspace\\ensuremath{\\pm}\\nobreakspace\\fi}\n"
	"\\def\\tierstat@to{\\ifmmode\\mbox{--}\\else--\\fi}\n"
	"\\def\\tierstat@unit#1{\\ifmmode\\,\\mbox{#1}\\else\\,#1\\fi}\n"
	"\\def\\tierstat@text#1{\\ifmmode\\mbox{#1}\\else#1\\fi}\n";

static void write_intro(FILE *fp, const struct ts_tiers *t, int ratios)
{
	fputs("% numbers.tex, written by tierstat " TS_VERSION " with the figures and tables beside it.\n"
	      "% \\input{numbers} once, then write \\tsval{TIER}{NAME} in the text, as in\n"
	      "%   the mean RTF was \\tsval{TIER}{rtf} (\\tsval{TIER}{rtf.faster} times faster than real time).\n"
	      "% Numbers are rounded as in the tables (README \"Tables\"); -- is a value the run lacks.\n"
	      "% TIER: a key below, or all for the pooled totals. NAME of a tier:\n"
	      "%   label device tests successful success success.pct success.ci success.lo success.hi\n"
	      "%   METRIC METRIC.mean METRIC.err METRIC.sd METRIC.se METRIC.n METRIC.unit\n"
	      "%   METRIC.ci METRIC.lo METRIC.hi, rtf.faster,\n"
	      "%   busy.samples busy.memory_mb busy.memory_mb.max busy.cpu_percent (the realtime\n"
	      "%   samples during requests) and the same of idle (between them)\n", fp);
	if (ratios)
		fputs("%   and for rtf, peak_memory_mb, tokens_per_second, total_duration_s:\n"
		      "%   METRIC.ratio METRIC.ratio.ci METRIC.ratio.lo METRIC.ratio.hi\n"
		      "%   METRIC.inverse METRIC.inverse.ci METRIC.inverse.lo METRIC.inverse.hi\n", fp);
	fputs("%   where METRIC is one of", fp);
	for (size_t k = 0; k < TS_COUNTOF(metrics); k++)
		fprintf(fp, " %s", metrics[k].name);
	fputs(".\n% NAME of all: tiers requests successful success success.pct success.ci success.lo\n"
	      "%   success.hi success.tiers errorbar warmup reference\n% TIERs:\n", fp);
	for (size_t i = 0; i < t->nr; i++) {
		fputs("%   ", fp);
		put_key(fp, t->v[i].key);
		if (t->v[i].label) {
			fputs(" (", fp);
			put_key(fp, t->v[i].label);
			fputc(')', fp);
		}
		fputc('\n', fp);
	}
	fputs(preamble, fp);
}

static void write_tier(FILE *fp, const struct ts_tier *x, enum ts_fig_errorbar eb, int ratios)
{
	char *dev = ts_chart_dev_text(x->device_type);

	fputs("% ", fp);
	put_key(fp, x->key);
	fputc('\n', fp);
	def_text(fp, x->key, "label", x->label);
	def_text(fp, x->key, "device", dev);
	free(dev);
	def_count(fp, x->key, "tests", x->tests);
	def_count(fp, x->key, "successful", x->successful);
	def_success(fp, x->key, x->successful, x->tests, x->success_rate, x->success_ci95);
	for (size_t k = 0; k < TS_COUNTOF(metrics); k++)
		def_metric(fp, x->key, &metrics[k], x, eb, ratios);
	def_phases(fp, x);
}

static void write_pooled(FILE *fp, const struct ts_tiers *t, enum ts_fig_errorbar eb)
{
	static const char *const eb_words[] = {
		[TS_ERR_SD] = "SD", [TS_ERR_SE] = "SE", [TS_ERR_CI95] = "95\\,\\% CI", [TS_ERR_NONE] = "--",
	};
	const struct ts_tier *ref = ts_tiers_reference(t);

	fputs("% all: the pooled totals\n", fp);
	def_count(fp, "all", "tiers", (long)t->nr);
	def_count(fp, "all", "requests", t->pooled_tests);
	def_count(fp, "all", "successful", t->pooled_successful);
	def_success(fp, "all", t->pooled_successful, t->pooled_tests, t->pooled_rate, t->pooled_ci95);
	def_count(fp, "all", "success.tiers", t->pooled_tiers);
	def(fp, "all", "errorbar", eb_words[eb]);
	def_count(fp, "all", "warmup", t->warmup);
	def_text(fp, "all", "reference", ref ? ref->label : NULL);
}

void ts_numbers_write(FILE *fp, const struct ts_tiers *t, enum ts_fig_errorbar eb)
{
	int ratios = ts_tiers_reference(t) != NULL;

	write_intro(fp, t, ratios);
	for (size_t i = 0; i < t->nr; i++)
		write_tier(fp, &t->v[i], eb, ratios);
	write_pooled(fp, t, eb);
	fputs("\\makeatother\n", fp);
}
