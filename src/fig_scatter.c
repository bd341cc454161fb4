/* fig_scatter.c - the tier model's scaling as a scatter spec (see
 * fig_int.h): fig6_duration_vs_tokens, total_duration_s against
 * text_length_tokens of every successful request, a marker per tier and
 * its least-squares line (tiers.h ts_scaling).
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

#define NO_LINE "no line: fewer than 3 token counts"
#define NO_POINTS "no successful requests with tokens"

/* The line's ends: the least and the greatest token count drawn. */
static void line_ends(const struct ts_scaling *sc, double *x0, double *x1)
{
	*x0 = INFINITY;
	*x1 = -INFINITY;
	for (size_t i = 0; i < sc->npoints; i++) {
		*x0 = fmin(*x0, sc->tokens[i]);
		*x1 = fmax(*x1, sc->tokens[i]);
	}
}

/* The markers drawn of a tier's points: all, or when there are more
 * than budget, that many at evenly spaced ranks (point floor(i n /
 * budget)), into f->xy (2 * budget doubles at `at`). */
static void pick(struct ts_fig_scatter *f, struct ts_scatter_series *r,
		 const struct ts_scaling *sc, size_t budget, size_t at)
{
	double *x = f->xy + at, *y = x + budget;

	if (sc->npoints <= budget) {
		r->x = sc->tokens;
		r->y = sc->duration_s;
		r->n = sc->npoints;
		return;
	}
	for (size_t i = 0; i < budget; i++) {
		size_t k = (size_t)((unsigned long long)i * sc->npoints / budget);
		x[i] = sc->tokens[k];
		y[i] = sc->duration_s[k];
	}
	r->x = x;
	r->y = y;
	r->n = budget;
}

void ts_fig_scatter_fill(struct ts_fig_scatter *f, const struct ts_fig_env *e)
{
	const struct ts_tiers *t = e->t;
	struct ts_scatter_spec *s = &f->s;
	size_t budget = t->nr ? TS_FIG6_MARKERS / t->nr : TS_FIG6_MARKERS;
	long drawn = 0, fitted = 0;
	char points[128];

	if (budget < TS_FIG6_MIN_MARKERS)
		budget = TS_FIG6_MIN_MARKERS;
	memset(f, 0, sizeof(*f));
	f->series = ts_xcalloc(t->nr ? t->nr : 1, sizeof(*f->series));
	f->xy = ts_xreallocarray(NULL, 2 * budget * (t->nr ? t->nr : 1), sizeof(double));
	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_tier *x = &t->v[i];
		const struct ts_scaling *sc = &x->scaling;
		struct ts_scatter_series *r = &f->series[i];
		r->label = ts_fig_label(x);
		r->dev = ts_chart_dev(x->device_type);
		/* a shape per tier, in tier order; past the shapes, open ones */
		r->marker = (enum ts_marker)(i % TS_MARK_COUNT);
		r->open = (i / TS_MARK_COUNT) % 2 == 1;
		pick(f, r, sc, budget, 2 * budget * i);
		r->has_line = sc->has_line && sc->npoints > 0;
		r->slope = sc->fit.slope;
		r->intercept = sc->fit.intercept;
		line_ends(sc, &r->line_x0, &r->line_x1);
		r->legend_note = !sc->npoints ? NO_POINTS : !r->has_line ? NO_LINE : NULL;
		drawn += (long)r->n;
		fitted += sc->fit.n;
		f->subsampled |= (long)r->n < sc->fit.n;
	}
	s->width = e->o->width_pt;
	s->height = e->o->height_pt;
	s->frame.font_size = e->o->font_size_pt;
	s->frame.grayscale = e->o->grayscale;
	s->frame.pad = 4;
	s->x_label = "Text length (tokens)";
	s->y_label = "Total duration (s)";
	s->series = f->series;
	s->nr = t->nr;
	f->log_x = ts_chart_scatter_log(s, 1);
	f->log_y = ts_chart_scatter_log(s, 0);
	snprintf(f->title, sizeof(f->title), "Duration against text length by tier");
	if (f->subsampled)
		snprintf(points, sizeof(points), "%ld of the %ld requests fitted are drawn, evenly spaced",
			 drawn, fitted);
	else
		snprintf(points, sizeof(points), "%ld request%s", drawn, drawn == 1 ? "" : "s");
	snprintf(f->notes[0], sizeof(f->notes[0]),
		 "A marker per successful request (%s); lines: each tier's ordinary least-squares fit (slope, intercept, their 95 %% intervals and R\xc2\xb2 in hardware_metadata.json, scaling).%s",
		 points,
		 f->log_x && f->log_y ? " Both axes logarithmic."
		 : f->log_x ? " Logarithmic token axis." : f->log_y ? " Logarithmic duration axis." : "");
	s->frame.title = e->o->no_title ? NULL : f->title;
	if (!e->o->no_footnote)
		s->frame.notes[0] = f->notes[0];
}

void ts_fig_scatter_release(struct ts_fig_scatter *f)
{
	free(f->series);
	free(f->xy);
	memset(f, 0, sizeof(*f));
}

int ts_fig_scatter(struct ts_chart *c, const struct ts_fig_env *e)
{
	struct ts_fig_scatter f;
	int rc;

	ts_fig_scatter_fill(&f, e);
	rc = ts_chart_scatter(c, &f.s, &e->m);
	ts_fig_scatter_release(&f);
	return rc;
}

static void real_field(FILE *fp, double v, int last)
{
	char buf[TS_REPR_MAX];

	ts_csv_put_field(fp, isfinite(v) ? ts_repr(buf, v) : NULL, last);
}

/* A token count as an integer when it is one (they are counts). */
static void token_field(FILE *fp, double v)
{
	char buf[TS_REPR_MAX];

	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, sizeof(buf), "%.0f", v);
	else
		ts_repr(buf, v);
	ts_csv_put_field(fp, buf, 0);
}

/* Every point drawn, with its tier's line (empty fields without one). */
int ts_fig_scatter_csv(FILE *fp, const struct ts_fig_env *e)
{
	const struct ts_tiers *t = e->t;
	struct ts_fig_scatter f;

	ts_fig_scatter_fill(&f, e);
	fprintf(fp, "key,label,device,text_length_tokens,total_duration_s,"
		"fit_slope_s_per_token,fit_intercept_s\r\n");
	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_tier *x = &t->v[i];
		const struct ts_scaling *sc = &x->scaling;
		const struct ts_scatter_series *r = &f.series[i];
		for (size_t j = 0; j < r->n; j++) {
			ts_csv_put_field(fp, x->key, 0);
			ts_csv_put_field(fp, ts_fig_label(x), 0);
			ts_csv_put_field(fp, x->device_type, 0);
			token_field(fp, r->x[j]);
			real_field(fp, r->y[j], 0);
			real_field(fp, sc->has_line ? sc->fit.slope : NAN, 0);
			real_field(fp, sc->has_line ? sc->fit.intercept : NAN, 1);
		}
	}
	ts_fig_scatter_release(&f);
	return 0;
}
