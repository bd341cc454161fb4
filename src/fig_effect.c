/* fig_effect.c - the effect of a setting as a forest spec (see
 * fig_int.h): fig7_setting_effect, per machine each group's ratio to its
 * baseline group (effect.h) with its 95 % interval, a panel per metric
 * of ts_effect_metrics, a line at 1; "not measured" where effect.h says
 * so, never a dot at 1.
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

static const char *const panel_title[TS_EFFECT_COUNT] = {
	"RTF (lower is faster)", "Peak memory", "Tokens per second",
};

/* The rows: per machine its comparisons, or one "not measured" row. */
static size_t count_rows(const struct ts_effect *e, const struct ts_tiers *t)
{
	size_t n = 0;

	for (size_t j = 0; j < e->nr; j++) {
		char *only = ts_effect_only_text(t, &e->m[j]);
		n += only || !e->m[j].nr ? 1 : e->m[j].nr;
		free(only);
	}
	return n;
}

static void add_row(struct ts_fig_effect *f, struct ts_forest_row *r, char *label, char *note)
{
	f->strings[f->nr_strings++] = label;
	r->label = label;
	if (note) {
		f->strings[f->nr_strings++] = note;
		r->note = note;
	}
	for (int k = 0; k < TS_FOREST_PANELS; k++)
		r->value[k] = r->lo[k] = r->hi[k] = NAN;
}

/* A machine's rows from row *n on. */
static void machine_rows(struct ts_fig_effect *f, const struct ts_tiers *t,
			 const struct ts_effect_machine *m, size_t *n)
{
	char *only = ts_effect_only_text(t, m);
	enum ts_dev dev = ts_chart_dev(t->v[m->first].device_type);

	if (only || !m->nr) {
		struct ts_forest_row *r = &f->rows[(*n)++];
		add_row(f, r, ts_xstrdup(m->label),
			ts_xasprintf("not measured (%s)", only ? only : "no other value"));
		r->first_of_group = 1;
		free(only);
		return;
	}
	for (size_t i = 0; i < m->nr; i++) {
		const struct ts_effect_cmp *c = &m->cmp[i];
		struct ts_forest_row *r = &f->rows[(*n)++];
		char *g = ts_effect_group_text(t, c->tier), *b = ts_effect_base_text(t, c->tier);
		add_row(f, r, ts_xasprintf("%s: %s vs %s", m->label, g, b),
			c->base < 0 ? ts_xasprintf("not measured (no %s rows)", b) : NULL);
		r->dev = dev;
		r->first_of_group = i == 0;
		for (int k = 0; c->base >= 0 && k < TS_EFFECT_COUNT; k++) {
			r->value[k] = c->r[k].ratio;
			r->lo[k] = c->r[k].ci95[0];
			r->hi[k] = c->r[k].ci95[1];
		}
		free(g);
		free(b);
	}
}

/* "quantization_used" or "quantization_used and num_threads" */
static void columns(const struct ts_tiers *t, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < t->by.n && used < size; k++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
					 k == 0 ? "" : k + 1 == t->by.n ? " and " : ", ",
					 ts_synthesis_cols[t->by.col[k]].name);
}

void ts_fig_effect_fill(struct ts_fig_effect *f, const struct ts_fig_env *e)
{
	const struct ts_tiers *t = e->t;
	struct ts_forest_spec *s = &f->s;
	char cols[200];
	size_t n = 0;

	memset(f, 0, sizeof(*f));
	f->nr = count_rows(&t->effect, t);
	f->rows = ts_xcalloc(f->nr ? f->nr : 1, sizeof(*f->rows));
	f->strings = ts_xcalloc(2 * (f->nr ? f->nr : 1), sizeof(*f->strings));
	for (size_t j = 0; j < t->effect.nr; j++)
		machine_rows(f, t, &t->effect.m[j], &n);
	for (size_t i = 0; i < f->nr; i++)
		if (!f->rows[i].note)
			s->frame.devs |= 1u << f->rows[i].dev;
	columns(t, cols, sizeof(cols));
	snprintf(f->title, sizeof(f->title), "Effect of %s against %s, per machine", cols,
		 t->effect.base.text);
	snprintf(f->notes[0], sizeof(f->notes[0]),
		 "Dots: a group's mean over the mean of the baseline group (--baseline %s) on the same machine; whiskers: 95 %% interval on the log ratio (delta method, Welch df). Logarithmic axes; the dashed line is 1 (no effect).",
		 t->effect.base.text);
	s->width = e->o->width_pt;
	s->frame.font_size = e->o->font_size_pt;
	s->frame.grayscale = e->o->grayscale;
	s->frame.other_label = e->other_label;
	s->frame.pad = 4;
	s->frame.title = e->o->no_title ? NULL : f->title;
	if (!e->o->no_footnote)
		s->frame.notes[0] = f->notes[0];
	s->nr_panels = TS_EFFECT_COUNT;
	for (int k = 0; k < TS_EFFECT_COUNT; k++)
		s->panel_title[k] = panel_title[k];
	s->axis_label = "Ratio to the baseline (log scale)";
	s->ref = 1;
	s->rows = f->rows;
	s->nr = f->nr;
}

void ts_fig_effect_release(struct ts_fig_effect *f)
{
	for (size_t i = 0; i < f->nr_strings; i++)
		free(f->strings[i]);
	free(f->strings);
	free(f->rows);
	memset(f, 0, sizeof(*f));
}

int ts_fig_effect(struct ts_chart *c, const struct ts_fig_env *e)
{
	struct ts_fig_effect f;
	int rc;

	ts_fig_effect_fill(&f, e);
	rc = ts_chart_forest(c, &f.s, &e->m);
	ts_fig_effect_release(&f);
	return rc;
}

static void real_field(FILE *fp, double v, int last)
{
	char buf[TS_REPR_MAX];

	ts_csv_put_field(fp, isfinite(v) ? ts_repr(buf, v) : NULL, last);
}

/* One line per comparison and metric: what is drawn, and the notes. */
int ts_fig_effect_csv(FILE *fp, const struct ts_fig_env *e)
{
	const struct ts_tiers *t = e->t;

	fprintf(fp, "machine,label,tier,baseline_tier,metric,ratio,ci95_lo,ci95_hi,note\r\n");
	for (size_t j = 0; j < t->effect.nr; j++) {
		const struct ts_effect_machine *m = &t->effect.m[j];
		char *only = ts_effect_only_text(t, m);
		if (only || !m->nr) {
			ts_csv_put_field(fp, m->key, 0);
			ts_csv_put_field(fp, m->label, 0);
			fputs(",,,,,,", fp);
			ts_csv_put_field(fp, only ? only : "no other value", 1);
			free(only);
			continue;
		}
		for (size_t i = 0; i < m->nr; i++) {
			const struct ts_effect_cmp *c = &m->cmp[i];
			char *b = ts_effect_base_text(t, c->tier), *note = NULL;
			if (c->base < 0)
				note = ts_xasprintf("no %s rows", b);
			for (int k = 0; k < TS_EFFECT_COUNT; k++) {
				ts_csv_put_field(fp, m->key, 0);
				ts_csv_put_field(fp, m->label, 0);
				ts_csv_put_field(fp, t->v[c->tier].key, 0);
				ts_csv_put_field(fp, c->base >= 0 ? t->v[c->base].key : NULL, 0);
				ts_csv_put_field(fp, ts_metric_name(ts_effect_metrics[k]), 0);
				real_field(fp, c->r[k].ratio, 0);
				real_field(fp, c->r[k].ci95[0], 0);
				real_field(fp, c->r[k].ci95[1], 0);
				ts_csv_put_field(fp, note, 1);
			}
			free(b);
			free(note);
		}
	}
	return 0;
}
