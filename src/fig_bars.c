/* fig_bars.c - fig1 (memory), fig2 (RTF) and fig3 (success rate): from the
 * tier model to a bar chart spec (see fig_int.h).
 */
#include "ts.h"
#include "fig_int.h"
#include "mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the whiskers are, by --errorbar (fig1 and fig2; fig3's are
 * NOTE_WILSON); NBSP keeps "95 %" together */
static const char *const note_err[] = {
	[TS_ERR_SD] = "Error bars: \xc2\xb1" "1 SD",
	[TS_ERR_SE] = "Error bars: \xc2\xb1" "1 standard error of the mean",
	[TS_ERR_CI95] = "Error bars: 95\xc2\xa0% CI of the mean (t)",
	[TS_ERR_NONE] = "",
};
#define NOTE_WILSON "error bars: 95\xc2\xa0% Wilson interval"
#define NOTE_N "n = successful requests"
#define NOTE_AGG "Hatched: from analysis_*.json aggregates only " \
		 "(no per-request rows)"
#define NOTE_AGG_GROUPED "Cross-hatched: from analysis_*.json aggregates " \
		"only (no per-request rows; settings unknown)"
#define NOTE_AGG_BARE ": the mean alone, without SD or n"
#define NOTE_AGG_BARE_ERR ": the mean alone, without error bar or n"
#define NOTE_SUCCESS "k/n = successful / all requests"
#define NOTE_RELATIVE "Dots: each tier's mean RTF over the reference's; " \
		      "error bars: 95\xc2\xa0% CI (delta method on the log ratio, " \
		      "Welch df)"
#define NOTE_LOG "Logarithmic RTF axis: bar lengths are not proportional " \
		 "to the RTF."
#define NOTE_REF_OFF "Real-time line (RTF = 1) off the scale: every tier " \
		     "is faster than real time."

struct texts {
	char value[32];
	char inner[48];
};

const char *ts_fig_label(const struct ts_tier *tier)
{
	return tier->label && *tier->label ? tier->label : tier->key;
}

const char *ts_fig_title(enum ts_fig_bar_kind kind, int table)
{
	if (table)
		return "Hardware summary";
	switch (kind) {
	case TS_FIG_MEMORY: return "Peak memory by tier";
	case TS_FIG_RTF: return "Real-time factor by tier";
	case TS_FIG_RELATIVE: return "RTF relative to the reference";
	default: return "Success rate by tier";
	}
}

void ts_fig_mem_unit(const struct ts_tiers *t, enum ts_fig_mem want,
		     const char **unit, double *div)
{
	/* the monitor's MiB per unit: 10^6 / 2^20 and 10^9 / 2^20 are exact */
	static const struct { const char *name; double mib; } units[] = {
		[TS_MEM_MB] = { "MB", 1e6 / 1048576 },
		[TS_MEM_GB] = { "GB", 1e9 / 1048576 },
		[TS_MEM_MIB] = { "MiB", 1 },
		[TS_MEM_GIB] = { "GiB", 1024 },
	};
	double top = 0;

	for (size_t i = 0; i < t->nr && want == TS_MEM_AUTO; i++) {
		const struct ts_summary *s = &t->v[i].metrics[TS_M_PEAK_MEMORY_MB];
		double v = s->mean + (isfinite(s->std) ? s->std : 0);
		if (isfinite(v) && v > top)
			top = v;
	}
	if (want == TS_MEM_AUTO || want > TS_MEM_GIB)
		want = top >= 1024 ? TS_MEM_GIB : TS_MEM_MIB;
	*unit = units[want].name;
	*div = units[want].mib;
}

/* A tier's RTF is drawn as a bar (see metric_bar). */
static int rtf_drawn(const struct ts_summary *s)
{
	return s->n != 0 && isfinite(s->mean);
}

void ts_fig_rtf_scale(const struct ts_tiers *t, const struct ts_fig_opts *o,
		      struct ts_fig_rtf *r)
{
	double top = 0;
	int all_positive = 1, drawn = 0;

	memset(r, 0, sizeof(*r));
	r->lo = r->hi = NAN;
	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_summary *s = &t->v[i].metrics[TS_M_RTF];
		if (!rtf_drawn(s))
			continue;
		drawn++;
		top = fmax(top, s->mean + (isfinite(s->std) && s->std > 0 ? s->std : 0));
		r->hi = isnan(r->hi) ? s->mean : fmax(r->hi, s->mean);
		if (s->mean > 0)
			r->lo = isnan(r->lo) ? s->mean : fmin(r->lo, s->mean);
		else
			all_positive = 0;
	}
	if (o->rtf_axis == TS_RTF_LOG) {
		r->log = !isnan(r->lo);
		r->no_positive = !r->log;
	} else if (o->rtf_axis == TS_RTF_AUTO) {
		r->log = r->auto_log = drawn >= 2 && all_positive &&
				       r->hi > TS_FIG_LOG_SPAN * r->lo;
	}
	r->ref_off = drawn > 0 && top < 1.0 / 3;
}

/* One bar of a metric: its mean, the error bar --errorbar asks for
 * (none where that is unknown: an SE or interval of a tier from analysis
 * JSON alone); no data when n == 0 or no mean. */
static void metric_bar(struct ts_bar_spec *b, struct texts *tx, const struct ts_summary *s,
		       const struct ts_spread *sp, double div, enum ts_fig_errorbar eb)
{
	double half = eb == TS_ERR_SD ? s->std : eb == TS_ERR_SE ? sp->se : NAN;

	if (s->n == 0 || !isfinite(s->mean))
		return;
	b->value = s->mean / div;
	if (isfinite(half)) {
		b->err_lo = (s->mean - half) / div;
		b->err_hi = (s->mean + half) / div;
	} else if (eb == TS_ERR_CI95 && isfinite(sp->ci95[0]) && isfinite(sp->ci95[1])) {
		b->err_lo = sp->ci95[0] / div;
		b->err_hi = sp->ci95[1] / div;
	}
	ts_chart_fmt3(b->value, tx->value, sizeof(tx->value));
	b->value_text = tx->value;
	if (s->n > 0) {
		snprintf(tx->inner, sizeof(tx->inner), "n = %ld", s->n);
		b->inner_text = tx->inner;
	}
}

/* One bar of fig3: the rate, its Wilson interval (unless --errorbar
 * none), k/n inside. */
static void success_bar(struct ts_bar_spec *b, struct texts *tx,
			const struct ts_tier *tier, enum ts_fig_errorbar eb)
{
	if (!isfinite(tier->success_rate))
		return;
	b->value = tier->success_rate * 100;
	if (eb != TS_ERR_NONE && isfinite(tier->success_ci95[0]) && isfinite(tier->success_ci95[1])) {
		b->err_lo = tier->success_ci95[0] * 100;
		b->err_hi = tier->success_ci95[1] * 100;
	}
	ts_chart_fmt3(b->value, tx->value, sizeof(tx->value));
	/* "96.7 %": a no-break space keeps the sign with its number */
	strncat(tx->value, "\xc2\xa0%", sizeof(tx->value) - strlen(tx->value) - 1);
	b->value_text = tx->value;
	if (tier->successful >= 0 && tier->tests > 0) {
		snprintf(tx->inner, sizeof(tx->inner), "%ld/%ld",
			 tier->successful, tier->tests);
		b->inner_text = tx->inner;
	}
}

/* One row of fig4: the ratio of mean RTFs and its interval, "45.6×"
 * past it; the reference itself at 1, "reference". */
static void relative_bar(struct ts_bar_spec *b, struct texts *tx,
			 const struct ts_tier *tier, const struct ts_tier *ref)
{
	const struct ts_ratio *q = &tier->relative[TS_M_RTF];

	if (!(q->ratio > 0) || !isfinite(q->ratio))
		return;
	b->value = q->ratio;
	if (isfinite(q->ci95[0]) && isfinite(q->ci95[1])) {
		b->err_lo = q->ci95[0];
		b->err_hi = q->ci95[1];
	}
	if (tier == ref) {
		snprintf(tx->value, sizeof(tx->value), "reference");
	} else {
		ts_chart_fmt3(b->value, tx->value, sizeof(tx->value));
		strncat(tx->value, "\xc3\x97", sizeof(tx->value) - strlen(tx->value) - 1);
	}
	b->value_text = tx->value;
}

static void kind_text(struct ts_bars_spec *s, const struct ts_fig_env *e,
		      enum ts_fig_bar_kind kind, char *axis, size_t size)
{
	s->ref = NAN;
	s->tick_cap = NAN;
	s->frame.title = e->o->no_title ? NULL : ts_fig_title(kind, 0);
	switch (kind) {
	case TS_FIG_MEMORY:
		snprintf(axis, size, "Mean peak memory (%s)", e->mem_unit);
		break;
	case TS_FIG_RTF:
		snprintf(axis, size, "Real-time factor (lower is better)");
		s->ref = 1.0;
		s->ref_label = "real time";
		break;
	case TS_FIG_SUCCESS:
		snprintf(axis, size, "Successful requests (%%)");
		s->tick_cap = 100;
		break;
	case TS_FIG_RELATIVE:
		snprintf(axis, size, "Mean RTF relative to %s (log scale; lower is faster)",
			 ts_fig_label(ts_tiers_reference(e->t)));
		s->ref = 1.0;   /* unlabelled: the axis label and the row name it */
		s->ref_label = NULL;
		s->log_axis = 1;
		s->dots = 1;
		memset(&s->share, 0, sizeof(s->share));   /* its own geometry */
		break;
	}
	s->axis_label = axis;
}

/* What the bars of fig1 and fig2 show, for their footnotes. */
struct shown {
	int err;        /* some bar has an error bar */
	int n;          /* some bar says its n */
	int agg;        /* some bar is hatched (analysis_*.json only) */
	int agg_bare;   /* ... and one of those has neither error bar nor n */
};

static void shown_add(struct shown *w, const struct ts_bar_spec *b)
{
	int err = isfinite(b->value) && isfinite(b->err_lo) && isfinite(b->err_hi) &&
		  b->err_hi > b->err_lo;

	w->err |= err;
	w->n |= b->inner_text != NULL;
	w->agg |= b->aggregates_only;
	w->agg_bare |= b->aggregates_only && isfinite(b->value) && !err &&
		       !b->inner_text;
}

/* The footnotes: what the error bars and n are (only when some bar has
 * them; fig4's dots, fig3's k/n) with the --warmup requests left out,
 * the hatching (and that a hatched bar is a mean alone), the log axis,
 * the real-time line left out. buf holds the texts. */
static void bar_notes(struct ts_bars_spec *s, enum ts_fig_bar_kind kind,
		      const struct shown *w, const struct ts_fig_rtf *r,
		      enum ts_fig_errorbar eb, long warmup, char (*buf)[256])
{
	size_t nn = 0, len;

	buf[0][0] = '\0';
	if (kind == TS_FIG_RELATIVE)
		snprintf(buf[0], sizeof(buf[0]), "%s", NOTE_RELATIVE);
	else if (kind == TS_FIG_SUCCESS)
		snprintf(buf[0], sizeof(buf[0]), "%s%s", NOTE_SUCCESS, w->err ? "; " NOTE_WILSON : "");
	else if (w->err || w->n)
		snprintf(buf[0], sizeof(buf[0]), "%s%s%s", w->err ? note_err[eb] : "",
			 w->err && w->n ? "; " : "", w->n ? NOTE_N : "");
	len = strlen(buf[0]);
	if (warmup == 1)   /* --warmup: every number drawn is without them */
		snprintf(buf[0] + len, sizeof(buf[0]) - len, "%s first request of each synthesis file left out (warm-up)",
			 len ? "; the" : "The");
	else if (warmup > 1)
		snprintf(buf[0] + len, sizeof(buf[0]) - len, "%s first %ld requests of each synthesis file left out (warm-up)",
			 len ? "; the" : "The", warmup);
	len = strlen(buf[0]);
	if (len) {
		snprintf(buf[0] + len, sizeof(buf[0]) - len, ".");
		s->frame.notes[nn++] = buf[0];
	}
	if (kind == TS_FIG_RELATIVE)
		return;
	if (w->agg) {
		snprintf(buf[1], sizeof(buf[1]), "%s%s.", s->groups ? NOTE_AGG_GROUPED : NOTE_AGG,
			 !w->agg_bare ? "" : eb == TS_ERR_SD ? NOTE_AGG_BARE : NOTE_AGG_BARE_ERR);
		s->frame.notes[nn++] = buf[1];
	}
	if (kind == TS_FIG_RTF && r->log)
		s->frame.notes[nn++] = NOTE_LOG;
	if (kind == TS_FIG_RTF && r->ref_off)
		s->frame.notes[nn++] = NOTE_REF_OFF;
}

/* The distinct groups of the tiers with rows (a tier from analysis JSON
 * alone has none), in ts_settings_group_cmp order, into set; returns how
 * many, or TS_SHADES + 1 when there are more than TS_SHADES. */
static size_t distinct_settings(const struct ts_tiers *t, char *const **set)
{
	size_t nset = 0;

	for (size_t i = 0; i < t->nr; i++) {
		char *const *g = t->v[i].group;
		size_t k = 0;
		if (t->v[i].from == TS_FROM_ANALYSIS_JSON)
			continue;
		while (k < nset && ts_settings_group_cmp(&t->by, set[k], g) < 0)
			k++;
		if (k < nset && ts_settings_group_cmp(&t->by, set[k], g) == 0)
			continue;
		if (nset == TS_SHADES)
			return TS_SHADES + 1;
		memmove(&set[k + 1], &set[k], (nset - k) * sizeof(set[0]));
		set[k] = g;
		nset++;
	}
	return nset;
}

int ts_fig_grouped(const struct ts_tiers *t)
{
	char *const *set[TS_SHADES];

	return t->by.n && distinct_settings(t, set) <= TS_SHADES;
}

void ts_fig_note_grouped(const struct ts_tiers *t, const struct ts_fig_opts *o,
			 struct ts_diag *d)
{
	if (t->by.n && !ts_fig_grouped(t) &&
	    (o->figures & (TS_FIG_FIG1 | TS_FIG_FIG2 | TS_FIG_FIG3)))
		ts_diag_note(d, NULL, 0, "fig1-fig3: --by %s gives more than %d settings, more than "
			     "a grouped bar chart keeps apart by shade: a bar per group, each "
			     "labelled in full", t->by.text, TS_SHADES);
}

/* With --by: group the bars of each machine (README "Grouped figures"),
 * in the order of the machines' first tiers, the settings told apart by
 * shade (distinct_settings; a tier from analysis JSON alone is
 * cross-hatched: ts_chart_paint_shade). Nothing when there are more
 * settings than TS_SHADES: the bars stay one per tier, each labelled in
 * full. */
static void group_bars(struct ts_fig_bars_spec *b, const struct ts_tiers *t)
{
	char *const *set[TS_SHADES];
	size_t nset = distinct_settings(t, set), ng = 0;

	if (nset > TS_SHADES)
		return;
	b->groups = ts_xcalloc(t->nr ? t->nr : 1, sizeof(*b->groups));
	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_tier *x = &t->v[i];
		size_t j = ts_tiers_machine_first(t, i);
		if (j < i) {
			b->bars[i].group = b->bars[j].group;
		} else {
			b->bars[i].group = ng;
			b->groups[ng++] = x->machine_label ? x->machine_label : x->label;
		}
		for (size_t k = 0; k < nset && x->from != TS_FROM_ANALYSIS_JSON; k++)
			if (ts_settings_group_cmp(&t->by, set[k], x->group) == 0)
				b->bars[i].shade = (int)k;
	}
	for (size_t k = 0; k < nset; k++) {
		b->shades[k] = ts_settings_group_parts(&t->by, set[k]);
		b->s.frame.shades[k] = b->shades[k];
	}
	ts_settings_by_names(&t->by, b->shade_title, sizeof(b->shade_title) - 1);
	memcpy(b->shade_title + strlen(b->shade_title), ":", 2);   /* "a, b:" */
	b->s.frame.shade_title = b->shade_title;
	b->s.groups = b->groups;
	b->s.nr_groups = ng;
}

int ts_fig_bars_fill(struct ts_fig_bars_spec *b, const struct ts_fig_env *e,
		     enum ts_fig_bar_kind kind)
{
	const struct ts_tiers *t = e->t;
	size_t n = t->nr ? t->nr : 1;
	struct ts_bars_spec *s = &b->s;
	struct texts *tx;
	struct shown w = { 0, 0, 0, 0 };
	struct ts_fig_rtf r;

	memset(b, 0, sizeof(*b));
	if (kind == TS_FIG_RELATIVE && !ts_tiers_reference(t))
		return -1;   /* fig4 needs --reference */
	b->bars = ts_xcalloc(n, sizeof(*b->bars));
	b->texts = tx = ts_xcalloc(n, sizeof(*tx));
	s->width = e->o->width_pt;
	s->height = e->o->height_pt;
	s->share = e->share;
	s->frame.font_size = e->o->font_size_pt;
	s->frame.grayscale = e->o->grayscale;
	s->frame.other_label = e->other_label;
	s->frame.pad = 4;
	kind_text(s, e, kind, b->axis, sizeof(b->axis));
	ts_fig_rtf_scale(t, e->o, &r);
	if (kind == TS_FIG_RTF) {
		s->log_axis = r.log;
		if (r.ref_off)
			s->ref = NAN;
	}
	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_tier *tier = &t->v[i];
		struct ts_bar_spec *x = &b->bars[i];
		x->label = ts_fig_label(tier);
		x->dev = ts_chart_dev(tier->device_type);
		x->aggregates_only = tier->from == TS_FROM_ANALYSIS_JSON;
		x->value = x->err_lo = x->err_hi = NAN;
		if (kind == TS_FIG_MEMORY)
			metric_bar(x, &tx[i], &tier->metrics[TS_M_PEAK_MEMORY_MB],
				   &tier->spread[TS_M_PEAK_MEMORY_MB], e->mem_div, e->o->errorbar);
		else if (kind == TS_FIG_RTF)
			metric_bar(x, &tx[i], &tier->metrics[TS_M_RTF], &tier->spread[TS_M_RTF], 1,
				   e->o->errorbar);
		else if (kind == TS_FIG_RELATIVE)
			relative_bar(x, &tx[i], tier, ts_tiers_reference(t));
		else
			success_bar(x, &tx[i], tier, e->o->errorbar);
		shown_add(&w, x);
	}
	if (t->by.n && kind != TS_FIG_RELATIVE)
		group_bars(b, t);
	if (!e->o->no_footnote)
		bar_notes(s, kind, &w, &r, e->o->errorbar, t->warmup, b->notes);
	s->bars = b->bars;
	s->nr = t->nr;
	return 0;
}

void ts_fig_bars_release(struct ts_fig_bars_spec *b)
{
	free(b->bars);
	free(b->texts);
	free(b->groups);
	for (int k = 0; k < TS_SHADES; k++)
		free(b->shades[k]);
	memset(b, 0, sizeof(*b));
}

int ts_fig_bars(struct ts_chart *c, const struct ts_fig_env *e,
		enum ts_fig_bar_kind kind)
{
	struct ts_fig_bars_spec b;
	int rc;

	if (ts_fig_bars_fill(&b, e, kind) < 0)
		return -1;
	rc = ts_chart_bars(c, &b.s, &e->m);
	ts_fig_bars_release(&b);
	return rc;
}
