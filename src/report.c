/* report.c - the console report (see report.h). */
#include "ts.h"
#include "report.h"
#include "round.h"

#include <math.h>
#include <stdlib.h>

/* " (96.7 %, 95 % CI 83.3-99.4 %)": a rate and its Wilson interval. */
static void rate(FILE *out, double r, const double ci[2])
{
	if (isnan(r))
		return;
	fprintf(out, " (%.1f %%", 100 * r);
	if (!isnan(ci[0]))
		fprintf(out, ", 95 %% CI %.1f-%.1f %%", 100 * ci[0], 100 * ci[1]);
	fputc(')', out);
}

/* A ratio to three significant digits, never in e-notation above 1. */
static void sig3(FILE *out, double v)
{
	fprintf(out, v >= 100 ? "%.0f" : "%#.3g", v);
}

static const char *const metric_name[TS_M_COUNT] = {
	[TS_M_RTF] = "RTF", [TS_M_PEAK_MEMORY_MB] = "peak memory",
	[TS_M_TOKENS_PER_SECOND] = "tokens per second",
	[TS_M_TOTAL_DURATION_S] = "duration",
};

/* ": RTF 45.6x (95 % CI 43.4-47.8), peak memory 0.52x (0.50-0.55)" for
 * the ratios q[k] of metrics m[k] that are known, and the line's end;
 * ": no ratio (no mean)" when none is. */
static void ratios(FILE *out, const enum ts_metric *m, const struct ts_ratio *const *q, int n)
{
	const char *sep = ": ";
	int first = 1;

	for (int k = 0; k < n; k++) {
		if (isnan(q[k]->ratio))
			continue;
		fprintf(out, "%s%s ", sep, metric_name[m[k]]);
		sig3(out, q[k]->ratio);
		fputc('x', out);
		if (!isnan(q[k]->ci95[0])) {
			fputs(first ? " (95 % CI " : " (", out);
			sig3(out, q[k]->ci95[0]);
			fputc('-', out);
			sig3(out, q[k]->ci95[1]);
			fputc(')', out);
			first = 0;
		}
		sep = ", ";
	}
	fputs(*sep == ':' ? ": no ratio (no mean)\n" : "\n", out);
}

/* "Intel i5 vs RTX 3060: RTF 45.6x (95 % CI 43.4-47.8), ..." for every
 * tier but the reference. */
static void report_relative(FILE *out, const struct ts_tiers *t)
{
	const struct ts_tier *r = ts_tiers_reference(t);

	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_ratio *q[TS_RELATIVE_COUNT];
		if (&t->v[i] == r)
			continue;
		fprintf(out, "%s vs %s", t->v[i].label, r->label);
		for (int k = 0; k < TS_RELATIVE_COUNT; k++)
			q[k] = &t->v[i].relative[ts_relative_metrics[k]];
		ratios(out, ts_relative_metrics, q, TS_RELATIVE_COUNT);
	}
}

/* --baseline (effect.h): "Intel i5: INT4 vs INT8: RTF 1.10x (95 % CI
 * 1.02-1.19), ..." per comparison, "Intel i5: INT4 vs INT8: not measured
 * (no INT8 rows)", "M1: not measured (only INT8)". */
static void report_effect(FILE *out, const struct ts_tiers *t)
{
	const struct ts_effect *e = &t->effect;

	for (size_t j = 0; j < e->nr; j++) {
		const struct ts_effect_machine *m = &e->m[j];
		char *only = ts_effect_only_text(t, m);
		if (only)
			fprintf(out, "%s: not measured (%s)\n", m->label, only);
		for (size_t i = 0; !only && i < m->nr; i++) {
			const struct ts_effect_cmp *c = &m->cmp[i];
			const struct ts_ratio *q[TS_EFFECT_COUNT];
			char *g = ts_effect_group_text(t, c->tier), *b = ts_effect_base_text(t, c->tier);
			fprintf(out, "%s: %s vs %s", m->label, g, b);
			for (int k = 0; k < TS_EFFECT_COUNT; k++)
				q[k] = &c->r[k];
			if (c->base < 0)
				fprintf(out, ": not measured (no %s rows)\n", b);
			else
				ratios(out, ts_effect_metrics, q, TS_EFFECT_COUNT);
			free(g);
			free(b);
		}
		free(only);
	}
}

/* " (mean 2743 MiB, CPU 520 %)": a phase's means, three significant
 * digits as numbers.tex gives them; nothing when neither is known. */
static void phase_means(FILE *out, const struct ts_rt_phase *p)
{
	char m[TS_ROUND_MAX], c[TS_ROUND_MAX];

	ts_round_value(m, p->memory_mean);
	ts_round_value(c, p->cpu_mean);
	if (isfinite(p->memory_mean) && isfinite(p->cpu_mean))
		fprintf(out, " (mean %s MiB, CPU %s %%)", m, c);
	else if (isfinite(p->memory_mean))
		fprintf(out, " (mean %s MiB)", m);
	else if (isfinite(p->cpu_mean))
		fprintf(out, " (CPU %s %%)", c);
}

/* "    Realtime: 1709 samples during requests (mean 2743 MiB, CPU 520 %),
 * 0 idle" (README "Synthesis against idle"), for a tier with a realtime
 * file that has a partner. */
static void report_phases(FILE *out, const struct ts_tier *x)
{
	const struct ts_realtime *r = &x->realtime;

	if (!r->paired)
		return;
	fprintf(out, "    Realtime: %lld samples during requests", r->phase[TS_SPAN_DURING].samples);
	phase_means(out, &r->phase[TS_SPAN_DURING]);
	fprintf(out, ", %lld idle", r->phase[TS_SPAN_IDLE].samples);
	phase_means(out, &r->phase[TS_SPAN_IDLE]);
	fputc('\n', out);
}

void ts_report_tiers(FILE *out, const struct ts_tiers *t)
{
	fprintf(out, "Detected hardware configurations:\n");
	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_tier *x = &t->v[i];
		fprintf(out, "  - %s: %ld test%s", x->key, x->tests, x->tests == 1 ? "" : "s");
		if (x->successful >= 0) {
			fprintf(out, ", %ld successful", x->successful);
			rate(out, x->success_rate, x->success_ci95);
		}
		if (x->from == TS_FROM_ANALYSIS_JSON)
			fprintf(out, " (from analysis JSON only)");
		if (x->warmup_excluded > 0)
			fprintf(out, " (%ld warm-up request%s left out)", x->warmup_excluded,
				x->warmup_excluded == 1 ? "" : "s");
		fprintf(out, "\n    CPU: %s\n    Device: %s\n",
			x->cpu_model ? x->cpu_model : "unknown", x->device_type);
		report_phases(out, x);
	}
	if (t->pooled_tiers > 1) {
		fprintf(out, "Overall: %ld/%ld successful", t->pooled_successful, t->pooled_tests);
		rate(out, t->pooled_rate, t->pooled_ci95);
		fprintf(out, " over %ld tiers\n", t->pooled_tiers);
	}
	if (ts_tiers_reference(t))
		report_relative(out, t);
	if (t->effect.base.n)
		report_effect(out, t);
	fputc('\n', out);
}

void ts_report_saved(FILE *out, const struct ts_outset *set)
{
	for (size_t i = 0; i < set->nr; i++)
		fprintf(out, "Saved: %s\n", set->files[i].final_path);
	fputc('\n', out);
}

void ts_report_summary(FILE *out, const struct ts_load_totals *tot,
		       const struct ts_diag *d)
{
	fprintf(out, "Read %lu file%s (%llu synthesis rows, %llu realtime samples); "
		"skipped %lu file%s and %llu row%s; %lu value%s left out",
		tot->files_read, tot->files_read == 1 ? "" : "s",
		tot->synthesis_rows, tot->realtime_rows,
		tot->files_skipped, tot->files_skipped == 1 ? "" : "s",
		tot->rows_skipped, tot->rows_skipped == 1 ? "" : "s",
		d->n.cells, d->n.cells == 1 ? "" : "s");
	/* the exit status rule (METRICS.md section 7), said where it applies */
	if (d->n.warning || d->n.error)
		fprintf(out, "; %lu warning%s, %lu error%s (see stderr): exit status 1",
			d->n.warning, d->n.warning == 1 ? "" : "s",
			d->n.error, d->n.error == 1 ? "" : "s");
	fprintf(out, ".\n");
}
