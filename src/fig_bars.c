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

#define NOTE_ERR "Error bars: \xc2\xb1" "1 SD; n = successful requests."
#define NOTE_AGG "Hatched: from analysis_*.json aggregates only " \
		 "(no per-request rows)."
#define NOTE_SUCCESS "k/n = successful / all requests."

struct texts {
	char value[32];
	char inner[48];
};

const char *ts_fig_label(const struct ts_tier *tier)
{
	return tier->label && *tier->label ? tier->label : tier->key;
}

void ts_fig_mem_unit(const struct ts_tiers *t, const char **unit,
		     double *div)
{
	double top = 0;

	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_summary *s = &t->v[i].metrics[TS_M_PEAK_MEMORY_MB];
		double v = s->mean + (isfinite(s->std) ? s->std : 0);
		if (isfinite(v) && v > top)
			top = v;
	}
	*unit = top >= 1024 ? "GB" : "MB";
	*div = top >= 1024 ? 1024 : 1;
}

/* One bar of a metric with mean +- SD; no data when n == 0 or no mean. */
static void metric_bar(struct ts_bar_spec *b, struct texts *tx,
		       const struct ts_summary *s, double div)
{
	if (s->n == 0 || !isfinite(s->mean))
		return;
	b->value = s->mean / div;
	b->err = isfinite(s->std) ? s->std / div : NAN;
	ts_chart_fmt3(b->value, tx->value, sizeof(tx->value));
	b->value_text = tx->value;
	if (s->n > 0) {
		snprintf(tx->inner, sizeof(tx->inner), "n = %ld", s->n);
		b->inner_text = tx->inner;
	}
}

static void success_bar(struct ts_bar_spec *b, struct texts *tx,
			const struct ts_tier *tier)
{
	if (!isfinite(tier->success_rate))
		return;
	b->value = tier->success_rate * 100;
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

static void kind_text(struct ts_bars_spec *s, const struct ts_fig_env *e,
		      enum ts_fig_bar_kind kind, char *axis, size_t size)
{
	s->ref = NAN;
	s->tick_cap = NAN;
	switch (kind) {
	case TS_FIG_MEMORY:
		s->frame.title = "Peak memory by tier";
		snprintf(axis, size, "Mean peak memory (%s)", e->mem_unit);
		break;
	case TS_FIG_RTF:
		s->frame.title = "Real-time factor by tier";
		snprintf(axis, size, "Real-time factor (lower is better)");
		s->ref = 1.0;
		s->ref_label = "real time";
		break;
	case TS_FIG_SUCCESS:
		s->frame.title = "Success rate by tier";
		snprintf(axis, size, "Successful requests (%%)");
		s->tick_cap = 100;
		break;
	}
	s->axis_label = axis;
}

int ts_fig_bars(struct ts_chart *c, const struct ts_fig_env *e,
		enum ts_fig_bar_kind kind)
{
	const struct ts_tiers *t = e->t;
	size_t n = t->nr ? t->nr : 1, nn = 0;
	struct ts_bar_spec *bars = ts_xcalloc(n, sizeof(*bars));
	struct texts *tx = ts_xcalloc(n, sizeof(*tx));
	struct ts_bars_spec s;
	char axis[80];
	int agg = 0, rc;

	memset(&s, 0, sizeof(s));
	s.width = e->o->width_pt;
	s.height = e->o->height_pt;
	s.share = e->share;
	s.frame.font_size = e->o->font_size_pt;
	s.frame.grayscale = e->o->grayscale;
	s.frame.other_label = e->other_label;
	s.frame.pad = 4;
	kind_text(&s, e, kind, axis, sizeof(axis));
	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_tier *tier = &t->v[i];
		struct ts_bar_spec *b = &bars[i];
		b->label = ts_fig_label(tier);
		b->dev = ts_chart_dev(tier->device_type);
		b->aggregates_only = tier->from == TS_FROM_ANALYSIS_JSON;
		b->value = NAN;
		b->err = NAN;
		if (kind == TS_FIG_MEMORY)
			metric_bar(b, &tx[i], &tier->metrics[TS_M_PEAK_MEMORY_MB],
				   e->mem_div);
		else if (kind == TS_FIG_RTF)
			metric_bar(b, &tx[i], &tier->metrics[TS_M_RTF], 1);
		else
			success_bar(b, &tx[i], tier);
		agg |= b->aggregates_only;
	}
	s.frame.notes[nn++] = kind == TS_FIG_SUCCESS ? NOTE_SUCCESS : NOTE_ERR;
	if (agg)
		s.frame.notes[nn++] = NOTE_AGG;
	s.bars = bars;
	s.nr = t->nr;
	rc = ts_chart_bars(c, &s, &e->m);
	free(bars);
	free(tx);
	return rc;
}
