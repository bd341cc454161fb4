/* fig_caption.c - what each figure shows, in words (see figures.h
 * ts_fig_caption): the text of captions.tex and captions.md, and of the
 * figures' own metadata.
 */
#include "ts.h"
#include "fig_int.h"
#include "mem.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define PM "\xc2\xb1"          /* ± */
#define NBSP "\xc2\xa0"

/* " n = 15-49 per tier" (an en dash) of metric m over the tiers with a
 * count, into buf; "" when none has one. */
static void n_range(const struct ts_tiers *t, enum ts_metric m, char *buf, size_t size)
{
	long lo = -1, hi = -1;

	for (size_t i = 0; i < t->nr; i++) {
		long n = t->v[i].metrics[m].n;
		if (n <= 0)
			continue;
		lo = lo < 0 || n < lo ? n : lo;
		hi = n > hi ? n : hi;
	}
	if (lo < 0)
		snprintf(buf, size, "%s", "");
	else if (lo == hi)
		snprintf(buf, size, "; n = %ld per tier", lo);
	else
		snprintf(buf, size, "; n = %ld\xe2\x80\x93%ld per tier", lo, hi);
}

static const char *error_words(enum ts_fig_errorbar eb)
{
	switch (eb) {
	case TS_ERR_SE: return "; error bars show " PM "1 standard error of the mean";
	case TS_ERR_CI95: return "; error bars show the 95" NBSP "% confidence interval of the mean (Student t)";
	case TS_ERR_NONE: return "";
	default: return "; error bars show " PM "1 SD";
	}
}

/* The second sentence, of --warmup (or ""). */
static void warmup_words(const struct ts_tiers *t, char *buf, size_t size)
{
	if (t->warmup == 1)
		snprintf(buf, size, " The first request of each synthesis file is left out as warm-up.");
	else if (t->warmup > 1)
		snprintf(buf, size, " The first %ld requests of each synthesis file are left out as warm-up.",
			 t->warmup);
	else
		snprintf(buf, size, "%s", "");
}

/* fig6's, with what its spec says (the axes, the tiers without a line);
 * NULL when it is not drawn (no point). */
static char *fig6_caption(const struct ts_tiers *t, const struct ts_fig_opts *o, const char *warm)
{
	struct ts_fig_env e;
	struct ts_fig_scatter f;
	long points = 0, nolines = 0;
	char *out;

	memset(&e, 0, sizeof(e));
	e.t = t;
	e.o = o;
	ts_fig_scatter_fill(&f, &e);
	for (size_t i = 0; i < t->nr; i++) {
		points += (long)t->v[i].scaling.npoints;
		nolines += t->v[i].scaling.npoints > 0 && !f.series[i].has_line;
	}
	out = points == 0 ? NULL
		: ts_xasprintf("Total duration (s) of each successful request against its text length (tokens), "
			       "a marker shape per hardware tier, coloured by device type%s, with each tier's "
			       "ordinary least-squares line (slope: seconds per token; intercept: fixed seconds "
			       "per request)%s.%s",
			       f.log_x && f.log_y ? ", on logarithmic axes"
			       : f.log_x ? ", on a logarithmic token axis"
			       : f.log_y ? ", on a logarithmic duration axis" : "",
			       nolines ? "; a tier with fewer than three distinct token counts has no line" : "",
			       warm);
	ts_fig_scatter_release(&f);
	return out;
}

char *ts_fig_caption(const struct ts_tiers *t, const struct ts_fig_opts *o, unsigned which)
{
	const struct ts_tier *ref = ts_tiers_reference(t);
	const char *unit;
	char n[64], warm[128], per[400];
	struct ts_fig_rtf r;
	double div;

	warmup_words(t, warm, sizeof(warm));
	if (ts_fig_grouped(t)) {   /* "per hardware tier" and how the bars group */
		char cols[300];
		snprintf(per, sizeof(per), "per hardware tier and setting (%s), a tier's settings "
			 "side by side (told apart by shade and hatch)",
			 ts_settings_by_names(&t->by, cols, sizeof(cols)));
	} else {
		snprintf(per, sizeof(per), "per hardware tier");
	}
	switch (which) {
	case TS_FIG_FIG1:
		ts_fig_mem_unit(t, o->mem_unit, &unit, &div);
		n_range(t, TS_M_PEAK_MEMORY_MB, n, sizeof(n));
		return ts_xasprintf("Mean peak memory (%s) of successful requests %s%s%s.%s",
				    unit, per, error_words(o->errorbar), n, warm);
	case TS_FIG_FIG2:
		ts_fig_rtf_scale(t, o, &r);
		n_range(t, TS_M_RTF, n, sizeof(n));
		return ts_xasprintf("Mean real-time factor (synthesis time / audio duration; below 1 is faster than "
				    "real time) of successful requests %s%s%s%s.%s", per,
				    r.log ? ", on a logarithmic axis" : "", error_words(o->errorbar), n, warm);
	case TS_FIG_FIG3:
		return ts_xasprintf("Share of successful requests %s, with k/n on each bar%s.%s", per,
				    o->errorbar == TS_ERR_NONE ? ""
				    : "; error bars show the 95" NBSP "% Wilson score interval", warm);
	case TS_FIG_FIG4:
		if (!ref)
			return NULL;
		return ts_xasprintf("Mean real-time factor of each hardware tier relative to %s's, on a logarithmic "
				    "axis (below 1 is faster); error bars show the 95" NBSP "%% confidence interval "
				    "of the ratio (delta method on the log ratio, Welch-Satterthwaite degrees of "
				    "freedom).%s", ts_fig_label(ref), warm);
	case TS_FIG_SUMMARY:
		if (t->by.n)
			return ts_xasprintf("Hardware of each tier: device, CPU, cores, memory and GPU, with the "
					    "number of requests over all its settings and the settings of %s "
					    "it ran.%s", t->by.text, warm);
		return ts_xasprintf("Hardware of each tier: device, CPU, cores, memory and GPU, with the number "
				    "of requests, the success rate and the mean RTF and peak memory.%s", warm);
	case TS_FIG_FIG5:
		for (size_t i = 0; i < t->nr; i++)
			if (t->v[i].timeline.nr) {
				ts_fig_mem_unit(t, o->mem_unit, &unit, &div);
				return ts_xasprintf("Memory (%s) of each hardware tier over the elapsed time within each "
						    "monitoring run, runs side by side: the band spans the least to the "
						    "greatest 100" NBSP "ms sample in each bucket of time, the line is their mean, "
						    "and shading marks the requests (start to end time). One axis for all tiers.",
						    unit);
			}
		return NULL;
	case TS_FIG_FIG6:
		return fig6_caption(t, o, warm);
	case TS_FIG_FIG7:
		if (!t->effect.base.n)
			return NULL;
		return ts_xasprintf("Effect of a setting on each machine: the mean RTF, peak memory and tokens per "
				    "second of each group over those of the machine's baseline group (--baseline %s), "
				    "on logarithmic axes (1: no effect); error bars show the 95" NBSP "%% confidence "
				    "interval of the ratio (delta method on the log ratio, Welch-Satterthwaite degrees "
				    "of freedom). A machine that ran one value is not measured.%s",
				    t->effect.base.text, warm);
	default:
		return NULL;
	}
}

char *ts_fig_tl_caption(const struct ts_tiers *t, const struct ts_fig_opts *o, size_t i)
{
	const struct ts_tier *x = &t->v[i];
	int temp = x->realtime.col[TS_RC_TEMPERATURE_C].max > 0;
	const char *unit;
	char runs[64];
	double div;

	ts_fig_mem_unit(t, o->mem_unit, &unit, &div);
	if (x->timeline.nr == 1)
		snprintf(runs, sizeof(runs), "one run");
	else
		snprintf(runs, sizeof(runs), "%zu runs, side by side", x->timeline.nr);
	return ts_xasprintf("Memory (%s), CPU%s%s of %s over the elapsed time within each monitoring run (%s): "
			    "the band spans the least to the greatest sample in each bucket of time, the line is "
			    "their mean; shading marks the requests (start to end time), failed ones %s%s.",
			    unit, temp ? ", temperature" : "",
			    ts_tl_has(&x->timeline, TS_RC_GPU_MEMORY_MB) || ts_tl_has(&x->timeline, TS_RC_GPU_PERCENT)
			    ? " and GPU" : "",
			    ts_fig_label(x), runs, o->grayscale ? "in a darker grey" : "in red",
			    temp && x->throttle_events > 0
			    ? "; marks at the foot of the temperature panel show requests with throttle_detected" : "");
}
