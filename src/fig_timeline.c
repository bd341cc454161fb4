/* fig_timeline.c - the tier model's runs as timeline specs (see
 * fig_int.h): timeline_<key> (every panel of one tier) and
 * fig5_memory_timeline (the memory panel of every tier).
 */
#include "ts.h"
#include "fig_int.h"
#include "csvwrite.h"
#include "mem.h"
#include "repr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The panels a timeline can have, top to bottom. */
static const struct {
	enum ts_rt_col col;
	const char *label;   /* the memory unit follows */
	int memory;          /* divided by the memory unit */
} panels[TS_FIG_TL_PANELS] = {
	{ TS_RC_MEMORY_MB, "Memory", 1 },
	{ TS_RC_CPU_PERCENT, "CPU (%)", 0 },
	{ TS_RC_TEMPERATURE_C, "Temperature (\xc2\xb0" "C)", 0 },
	{ TS_RC_GPU_MEMORY_MB, "GPU memory", 1 },
	{ TS_RC_GPU_PERCENT, "GPU (%)", 0 },
};

/* Does the tier have panel p? Memory and CPU always (a run without
 * them shows an empty panel); temperature when a sensor read above 0;
 * the GPU columns when they have samples. */
static int has_panel(const struct ts_tier *t, size_t p)
{
	const struct ts_rt_stat *st = &t->realtime.col[panels[p].col];

	if (p < 2)
		return 1;
	if (panels[p].col == TS_RC_TEMPERATURE_C)
		return st->n > 0 && st->max > 0;
	return ts_tl_has(&t->timeline, panels[p].col);
}

static void run_heads(struct ts_fig_tl_block *k, size_t r, double t0)
{
	time_t tt = (time_t)floor(t0);
	struct tm tm;
	char date[64], hm[16];

	if (!gmtime_r(&tt, &tm) || !strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", &tm) ||
	    !strftime(hm, sizeof(hm), "%H:%M", &tm)) {
		k->heads[r] = ts_xstrdup("?");
		k->shorts[r] = ts_xstrdup("?");
		return;
	}
	k->heads[r] = ts_xasprintf("%s", date);
	k->shorts[r] = ts_xstrdup(hm);
}

/* The requests of run r as spans: consecutive busy cells of the same
 * flags joined (a failed request inside back-to-back ones is its own
 * span, not a reason to paint the whole stretch red). */
static void run_spans(struct ts_fig_tl_block *k, size_t r, const struct ts_tl_run *run)
{
	size_t n = 0;

	k->spans[r] = ts_xreallocarray(NULL, TS_TL_CELLS / 2 + 1, sizeof(struct ts_tl_span));
	for (size_t i = 0; i < TS_TL_CELLS; ) {
		double lo, hi;
		unsigned flags = 0;
		size_t j = i;
		if (!(run->cells[i] & TS_TL_BUSY)) {
			i++;
			continue;
		}
		while (j < TS_TL_CELLS && run->cells[j] == run->cells[i])
			flags |= run->cells[j++];
		ts_tl_cell(run, i, &lo, &hi);
		k->spans[r][n].t0 = lo - run->t0;
		ts_tl_cell(run, j - 1, &lo, &hi);
		k->spans[r][n].t1 = hi - run->t0;
		k->spans[r][n++].flags = flags;
		i = j;
	}
	k->runs[r].spans = k->spans[r];
	k->runs[r].nr_spans = n;
}

/* How many device pixels run r of tl can get at most: the canvas' whole
 * width (a run never has more) at --dpi, in the share of it its slot
 * takes (chart.h: three quarters by duration, a quarter shared). */
static double run_px(const struct ts_fig_env *e, const struct ts_timeline *tl, size_t r)
{
	double total = 0, d = tl->runs[r].t1 - tl->runs[r].t0;

	for (size_t i = 0; i < tl->nr; i++)
		total += tl->runs[i].t1 - tl->runs[i].t0;
	return ceil(e->o->width_pt * e->o->dpi / 72 *
		    (total > 0 ? 0.75 * d / total + 0.25 / (double)tl->nr : 1 / (double)tl->nr));
}

/* env, or when its buckets are narrower than a device pixel of the run's
 * slot, a copy coarsened (ts_env_coarsen: the same buckets of absolute
 * time a wider width would have had) until they are not: what cannot be
 * seen is neither drawn nor written to the CSV, so the series of a day
 * costs what the screen holds. *copy is released by the caller. */
static const struct ts_envelope *drawn_env(const struct ts_envelope *env, double px,
					   struct ts_envelope *copy)
{
	int k = 0;

	ts_env_init(copy);
	while ((double)(env->nr >> k) + 1 > px && k < 62)
		k++;
	if (!k)
		return env;
	ts_env_merge(copy, env);
	ts_env_coarsen(copy, env->scale + k);
	return copy;
}

/* Panel p's series of run r: one point per bucket, in the unit drawn. */
static double run_series(struct ts_fig_tl_block *k, size_t q, size_t r,
			 const struct ts_tl_run *run, enum ts_rt_col col, double div, double px)
{
	struct ts_envelope copy;
	const struct ts_envelope *env = drawn_env(&run->env[col], px, &copy);
	struct ts_tl_point *pt = ts_xreallocarray(NULL, env->nr ? env->nr : 1, sizeof(*pt));
	double w = env->nr ? ts_env_width(env) : 0, hi = 0;

	for (size_t i = 0; i < env->nr; i++) {
		const struct ts_env_bucket *b = &env->b[i];
		pt[i].t = ts_env_start(env, i) + w / 2 - run->t0;
		pt[i].lo = b->n ? b->min / div : NAN;
		pt[i].hi = b->n ? b->max / div : NAN;
		pt[i].mean = b->n ? ts_env_mean(b) / div : NAN;
		pt[i].n = b->n;
		if (b->n)
			hi = fmax(hi, pt[i].hi);
	}
	k->points[q * k->nr_runs + r] = pt;
	k->series[q][r] = (struct ts_tl_series){ pt, env->nr, w };
	k->bucket_lo = k->bucket_lo > 0 && k->bucket_lo <= w ? k->bucket_lo : w > 0 ? w : k->bucket_lo;
	k->bucket_hi = fmax(k->bucket_hi, w);
	ts_env_release(&copy);
	return hi;
}

static struct ts_rgb mix_white(struct ts_rgb c, double k)
{
	return (struct ts_rgb){ 1 - k * (1 - c.r), 1 - k * (1 - c.g), 1 - k * (1 - c.b) };
}

void ts_fig_tl_fill(struct ts_fig_tl_block *k, const struct ts_fig_env *e, size_t tier,
		    int memory_only)
{
	const struct ts_tier *t = &e->t->v[tier];
	const struct ts_timeline *tl = &t->timeline;
	struct ts_tl_block_spec *b = &k->b;
	struct ts_paint paint;

	memset(k, 0, sizeof(*k));
	k->tier = tier;
	k->nr_runs = tl->nr;
	ts_chart_paint(ts_chart_dev(t->device_type), e->o->grayscale, 0, &paint);
	b->line = e->o->grayscale ? (struct ts_rgb){ 0.1, 0.1, 0.1 } : paint.fill;
	b->band = e->o->grayscale ? (struct ts_rgb){ 0.80, 0.80, 0.80 } : mix_white(paint.fill, 0.38);
	b->grayscale = e->o->grayscale;
	b->empty = "no realtime samples for this tier";
	b->nr_runs = tl->nr;
	k->runs = ts_xcalloc(tl->nr ? tl->nr : 1, sizeof(*k->runs));
	k->heads = ts_xcalloc(tl->nr ? tl->nr : 1, sizeof(char *));
	k->shorts = ts_xcalloc(tl->nr ? tl->nr : 1, sizeof(char *));
	k->spans = ts_xcalloc(tl->nr ? tl->nr : 1, sizeof(*k->spans));
	k->points = ts_xcalloc(TS_FIG_TL_PANELS * (tl->nr ? tl->nr : 1), sizeof(*k->points));
	b->runs = k->runs;
	for (size_t r = 0; r < tl->nr; r++) {
		k->runs[r].duration = tl->runs[r].t1 - tl->runs[r].t0;
		run_heads(k, r, tl->runs[r].t0);
		k->runs[r].head = k->heads[r];
		k->runs[r].short_head = k->shorts[r];
		run_spans(k, r, &tl->runs[r]);
		k->requests += tl->runs[r].requests;
		k->failed += tl->runs[r].failed;
		k->throttled += tl->runs[r].throttled;
	}
	for (size_t p = 0; p < TS_FIG_TL_PANELS && tl->nr; p++) {
		size_t q = b->nr_panels;
		double div = panels[p].memory ? e->mem_div : 1, need = 0;
		if ((memory_only && p > 0) || !has_panel(t, p))
			continue;
		k->series[q] = ts_xcalloc(tl->nr, sizeof(struct ts_tl_series));
		for (size_t r = 0; r < tl->nr; r++)
			need = fmax(need, run_series(k, q, r, &tl->runs[r], panels[p].col, div,
						     run_px(e, tl, r)));
		if (panels[p].memory)
			snprintf(k->labels[q], sizeof(k->labels[q]), "%s (%s)", panels[p].label, e->mem_unit);
		else
			snprintf(k->labels[q], sizeof(k->labels[q]), "%s", panels[p].label);
		k->panels[q].axis_label = k->labels[q];
		k->panels[q].need = need;
		k->panels[q].series = k->series[q];
		k->panels[q].throttle = panels[p].col == TS_RC_TEMPERATURE_C;
		k->has_temp |= k->panels[q].throttle;
		k->cols[q] = panels[p].col;
		b->nr_panels++;
	}
	b->panels = k->panels;
}

void ts_fig_tl_release(struct ts_fig_tl_block *k)
{
	for (size_t r = 0; r < k->nr_runs; r++) {
		free(k->heads[r]);
		free(k->shorts[r]);
		free(k->spans[r]);
	}
	for (size_t i = 0; i < TS_FIG_TL_PANELS * k->nr_runs; i++)
		free(k->points[i]);
	for (size_t q = 0; q < TS_FIG_TL_PANELS; q++)
		free(k->series[q]);
	free(k->heads);
	free(k->shorts);
	free(k->spans);
	free(k->points);
	free(k->runs);
	memset(k, 0, sizeof(*k));
}

/* The longest run of the blocks, for the time unit. */
static double longest(const struct ts_fig_tl_block *k, size_t n)
{
	double d = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t r = 0; r < k[i].nr_runs; r++)
			d = fmax(d, k[i].runs[r].duration);
	return d;
}

static void bucket_text(const struct ts_fig_tl_block *k, size_t n, char *buf, size_t size)
{
	double lo = INFINITY, hi = 0;

	for (size_t i = 0; i < n; i++)
		if (k[i].bucket_hi > 0) {
			lo = fmin(lo, k[i].bucket_lo);
			hi = fmax(hi, k[i].bucket_hi);
		}
	if (!(hi > 0))
		snprintf(buf, size, "each bucket of time");
	else if (lo == hi)
		snprintf(buf, size, "each %g s bucket", hi);
	else
		snprintf(buf, size, "each bucket (%g to %g s)", lo, hi);
}

void ts_fig_tl_spec(struct ts_fig_tl *f, const struct ts_fig_env *e, long tier)
{
	struct ts_timeline_spec *s = &f->s;
	const char *unit;
	char buckets[96];
	size_t n = tier >= 0 ? 1 : e->t->nr;

	memset(f, 0, sizeof(*f));
	f->blocks = ts_xcalloc(n ? n : 1, sizeof(*f->blocks));
	f->specs = ts_xcalloc(n ? n : 1, sizeof(*f->specs));
	f->nr = n;
	for (size_t i = 0; i < n; i++)
		ts_fig_tl_fill(&f->blocks[i], e, tier >= 0 ? (size_t)tier : i, tier < 0);
	f->time_unit = ts_chart_time_unit(longest(f->blocks, n), &unit);
	bucket_text(f->blocks, n, buckets, sizeof(buckets));
	for (size_t i = 0; i < n; i++) {
		struct ts_tl_block_spec *b = &f->specs[i];
		*b = f->blocks[i].b;
		b->time_unit = f->time_unit;
		b->panel_h = tier >= 0 ? 70 : 52;
		b->y_label = tier >= 0;
		b->title = tier >= 0 ? NULL : ts_fig_label(&e->t->v[i]);
		b->time_label = tier >= 0 ? f->time_label : NULL;
	}
	snprintf(f->time_label, sizeof(f->time_label), "Elapsed time within each run (%s)", unit);
	s->width = e->o->width_pt;
	s->frame.font_size = e->o->font_size_pt;
	s->frame.grayscale = e->o->grayscale;
	s->frame.pad = 4;
	s->blocks = f->specs;
	s->nr_blocks = n;
	s->cols = n <= 1 ? 1 : n <= 4 ? 2 : n <= 9 ? 3 : 4;
	s->legend = 1;
	if (tier >= 0) {
		char failed[32] = "none";
		if (f->blocks[0].failed)
			snprintf(failed, sizeof(failed), "%ld", f->blocks[0].failed);
		snprintf(f->title, sizeof(f->title), "Timeline of %s", ts_fig_label(&e->t->v[tier]));
		snprintf(f->notes[0], sizeof(f->notes[0]),
			 "Band: the least to the greatest sample in %s; line: their mean. Shaded: requests, start_time to end_time (%ld, %s failed). Each run from its first sample, its start (UTC) above it.",
			 buckets, f->blocks[0].requests, failed);
		if (f->blocks[0].throttled && !f->blocks[0].has_temp)
			snprintf(f->notes[1], sizeof(f->notes[1]),
				 "%ld request%s with throttle_detected, not marked: no temperature sensor read.",
				 f->blocks[0].throttled, f->blocks[0].throttled == 1 ? "" : "s");
	} else {
		snprintf(f->title, sizeof(f->title), "Memory over time by tier (%s)", e->mem_unit);
		snprintf(f->notes[0], sizeof(f->notes[0]),
			 "Memory (%s, one axis for all) against the elapsed time within each run (%s), runs side by side. Band: the least to the greatest sample in %s; line: their mean; shaded: requests.",
			 e->mem_unit, unit, buckets);
	}
	s->frame.title = e->o->no_title ? NULL : f->title;
	if (!e->o->no_footnote) {
		s->frame.notes[0] = f->notes[0];
		s->frame.notes[1] = f->notes[1][0] ? f->notes[1] : NULL;
	}
	for (size_t i = 0; tier >= 0 && i < n; i++)
		f->specs[i].time_label = f->time_label;
}

void ts_fig_tl_spec_release(struct ts_fig_tl *f)
{
	for (size_t i = 0; i < f->nr; i++)
		ts_fig_tl_release(&f->blocks[i]);
	free(f->blocks);
	free(f->specs);
	memset(f, 0, sizeof(*f));
}

int ts_fig_timeline(struct ts_chart *c, const struct ts_fig_env *e, long tier)
{
	struct ts_fig_tl f;
	int rc;

	ts_fig_tl_spec(&f, e, tier);
	rc = ts_chart_timeline(c, &f.s, &e->m);
	ts_fig_tl_spec_release(&f);
	return rc;
}

/* The data behind it: every bucket drawn, per tier, run and panel. */
int ts_fig_timeline_csv(FILE *fp, const struct ts_fig_env *e, long tier)
{
	struct ts_fig_tl f;
	char buf[TS_REPR_MAX];

	ts_fig_tl_spec(&f, e, tier);
	fprintf(fp, "key,run,run_start,column,unit,t_s,bucket_s,n,min,max,mean\r\n");
	for (size_t i = 0; i < f.nr; i++) {
		const struct ts_fig_tl_block *k = &f.blocks[i];
		const struct ts_tier *t = &e->t->v[k->tier];
		for (size_t q = 0; q < k->b.nr_panels; q++)
			for (size_t r = 0; r < k->nr_runs; r++) {
				const struct ts_tl_series *se = &k->series[q][r];
				for (size_t j = 0; j < se->n; j++) {
					const struct ts_tl_point *p = &se->p[j];
					enum ts_rt_col col = k->cols[q];
					const char *u = col == TS_RC_MEMORY_MB || col == TS_RC_GPU_MEMORY_MB
						? e->mem_unit : col == TS_RC_TEMPERATURE_C ? "C" : "percent";
					if (isnan(p->mean))
						continue;
					ts_csv_put_field(fp, t->key, 0);
					fprintf(fp, "%zu,", r + 1);
					ts_csv_put_field(fp, k->heads[r], 0);
					ts_csv_put_field(fp, ts_realtime_cols[col].name, 0);
					ts_csv_put_field(fp, u, 0);
					ts_csv_put_field(fp, ts_repr(buf, p->t), 0);
					ts_csv_put_field(fp, ts_repr(buf, se->bucket_s), 0);
					fprintf(fp, "%lld,", p->n);
					ts_csv_put_field(fp, ts_repr(buf, p->lo), 0);
					ts_csv_put_field(fp, ts_repr(buf, p->hi), 0);
					ts_csv_put_field(fp, ts_repr(buf, p->mean), 1);
				}
			}
	}
	ts_fig_tl_spec_release(&f);
	return 0;
}
