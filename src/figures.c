/* figures.c - options, and rendering every figure in every format into
 * the output set (see figures.h). Layout: fig_bars.c, fig_table.c on top
 * of chart.c; painting: draw.c.
 */
#include "ts.h"
#include "figures.h"
#include "draw.h"
#include "fig.h"
#include "mem.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>

#define MAX_LENGTH_PT (200.0 * 72)  /* 200 in: a poster, not a typo */

void ts_fig_opts_init(struct ts_fig_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->width_pt = 6.3 * 72;
	o->height_pt = 0;
	o->font_size_pt = 9;
	o->font = "DejaVu Sans";
	o->dpi = 300;
	o->formats = TS_FMT_PNG | TS_FMT_PDF;
	o->grayscale = 0;
	o->creation_time = 0;
}

int ts_fig_parse_length(const char *s, double *pt)
{
	static const struct { const char *unit; double pt; } units[] = {
		{ "", 1 }, { "pt", 1 }, { "in", 72 }, { "cm", 72 / 2.54 },
		{ "mm", 72 / 25.4 },
	};
	char *end;
	double v;

	if (!s)
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || !isfinite(v) || v <= 0)
		return -1;
	while (*end == ' ')
		end++;
	for (size_t i = 0; i < TS_COUNTOF(units); i++)
		if (strcasecmp(end, units[i].unit) == 0) {
			v *= units[i].pt;
			if (v > MAX_LENGTH_PT)
				return -1;
			*pt = v;
			return 0;
		}
	return -1;
}

int ts_fig_parse_formats(const char *s, unsigned *formats)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "png", TS_FMT_PNG }, { "pdf", TS_FMT_PDF }, { "svg", TS_FMT_SVG },
	};
	unsigned bits = 0;

	if (!s || !*s)
		return -1;
	for (;;) {
		size_t n = strcspn(s, ",");
		size_t i;
		for (i = 0; i < TS_COUNTOF(names); i++)
			if (n == strlen(names[i].name) &&
			    strncasecmp(s, names[i].name, n) == 0)
				break;
		if (i == TS_COUNTOF(names))
			return -1;   /* unknown or empty */
		bits |= names[i].bit;
		if (!s[n])
			break;
		s += n + 1;
	}
	*formats = bits;
	return 0;
}

/* ====================== rendering ====================== */

/* Legend text for device types outside cpu/cuda/mps: their names, or
 * "other" when there are many. Caller frees. */
static char *other_label(const struct ts_tiers *t)
{
	char *out = NULL;
	size_t count = 0;

	for (size_t i = 0; i < t->nr; i++) {
		const char *d = t->v[i].device_type ? t->v[i].device_type : "";
		int seen = 0;
		if (ts_chart_dev(d) != TS_DEV_OTHER || !*d)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = t->v[j].device_type && strcmp(t->v[j].device_type, d) == 0;
		if (seen)
			continue;
		if (++count > 3) {
			free(out);
			return ts_xstrdup("other");
		}
		if (out) {
			char *n = ts_xasprintf("%s, %s", out, d);
			free(out);
			out = n;
		} else {
			out = ts_xstrdup(d);
		}
	}
	return out ? out : ts_xstrdup("other");
}

/* Warn when the font asked for is not installed (fontconfig silently
 * substitutes another); generic names are substituted on purpose. */
static void check_font(const char *want, struct ts_draw_text *tx,
		       struct ts_diag *d)
{
	static const char *const generic[] = { "sans", "sans-serif", "serif",
		"monospace", "mono", "system-ui" };
	char *got;

	if (!want || !*want)
		return;
	for (size_t i = 0; i < TS_COUNTOF(generic); i++)
		if (strcasecmp(want, generic[i]) == 0)
			return;
	got = ts_draw_text_family(tx);
	if (strcasecmp(got, want) != 0)
		ts_diag_report(d, TS_WARNING, TS_DROP_NONE, NULL, 0, 0,
			       "font '%s' is not installed (figures drawn with '%s')",
			       want, got);
	free(got);
}

/* Warn once per tier whose label has characters no font can draw. */
static void check_glyphs(const struct ts_tiers *t, struct ts_draw_text *tx,
			 struct ts_diag *d)
{
	for (size_t i = 0; i < t->nr; i++) {
		const char *label = ts_fig_label(&t->v[i]);
		int n = ts_draw_unknown_glyphs(tx, label);
		if (n > 0)
			ts_diag_report(d, TS_WARNING, TS_DROP_NONE, NULL, 0, 0,
				       "tier '%s': no installed font has %d character%s of the label '%s' (drawn as boxes; install a font with them, or use --label)",
				       t->v[i].key, n, n == 1 ? "" : "s", label);
	}
}

static const struct {
	const char *name;
	int table;
	enum ts_fig_bar_kind kind;
} figures[] = {
	{ "fig1_memory_comparison", 0, TS_FIG_MEMORY },
	{ "fig2_rtf_comparison", 0, TS_FIG_RTF },
	{ "fig3_success_rate", 0, TS_FIG_SUCCESS },
	{ "fig_hardware_summary", 1, TS_FIG_MEMORY },
};

static const struct {
	unsigned bit;
	enum ts_draw_format format;
} formats[] = {
	{ TS_FMT_PNG, TS_DRAW_PNG },
	{ TS_FMT_PDF, TS_DRAW_PDF },
	{ TS_FMT_SVG, TS_DRAW_SVG },
};

/* Write chart c as figure f in every format asked for. Returns the
 * number of files added, or -1 when one failed (reported). */
static int write_formats(const struct ts_chart *c, size_t f,
			 struct ts_draw_text *tx, const struct ts_fig_opts *o,
			 struct ts_outset *set, struct ts_diag *d)
{
	int count = 0, failed = 0;

	for (size_t k = 0; k < TS_COUNTOF(formats); k++) {
		struct ts_draw_opts dop;
		char *name;
		FILE *fp;
		const struct ts_item *title = NULL;

		if (!(o->formats & formats[k].bit))
			continue;
		for (size_t i = 0; i < c->nr && !title; i++)
			if (c->items[i].role == TS_ROLE_TITLE)
				title = &c->items[i];
		dop.format = formats[k].format;
		dop.dpi = o->dpi;
		dop.creation_time = o->creation_time;
		dop.title = title ? title->text : figures[f].name;
		name = ts_xasprintf("%s.%s", figures[f].name, ts_draw_ext(dop.format));
		fp = ts_outset_open(set, name, d);
		if (!fp) {
			failed = 1;
		} else if (ts_draw_chart(c, tx, &dop, fp, name, d) < 0) {
			ts_outset_fail(set, fp);
			failed = 1;
		} else if (ts_outset_close(set, fp, d) < 0) {
			failed = 1;
		} else {
			count++;
		}
		free(name);
	}
	return failed ? -1 : count;
}

int ts_figures_render(const struct ts_tiers *t, const struct ts_fig_opts *o,
		      struct ts_outset *set, struct ts_diag *d)
{
	struct ts_draw_text *tx = ts_draw_text_new(o->font);
	struct ts_fig_env e;
	int count = 0, failed = 0;

	memset(&e, 0, sizeof(e));
	e.t = t;
	e.o = o;
	e.m = ts_draw_measurer(tx);
	e.other_label = other_label(t);
	ts_fig_mem_unit(t, &e.mem_unit, &e.mem_div);
	check_font(o->font, tx, d);
	check_glyphs(t, tx, d);
	for (size_t f = 0; f < TS_COUNTOF(figures); f++) {
		struct ts_chart c;
		struct timespec t0, t1;
		int rc;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		ts_chart_init(&c);
		rc = figures[f].table ? ts_fig_table(&c, &e)
				      : ts_fig_bars(&c, &e, figures[f].kind);
		if (rc < 0) {
			ts_diag_report(d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
				       "cannot lay out '%s': %.0f x %.0f pt is too small for %zu tier%s (not written)",
				       figures[f].name, o->width_pt, o->height_pt > 0
				       ? o->height_pt : o->width_pt / 1.618, t->nr,
				       t->nr == 1 ? "" : "s");
			set->failed = 1;
			failed = 1;
		} else {
			if (c.grown && o->height_pt > 0)
				ts_diag_note(d, NULL, 0,
					     "'%s': %zu tiers need more than %.0f pt: drawn %.0f pt high",
					     figures[f].name, t->nr, o->height_pt, c.height);
			rc = write_formats(&c, f, tx, o, set, d);
			if (rc < 0)
				failed = 1;
			else
				count += rc;
		}
		ts_chart_release(&c);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (o->timing)
			o->timing(o->timing_ctx, figures[f].name,
				  (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9);
	}
	free(e.other_label);
	ts_draw_text_free(tx);
	return failed ? -1 : count;
}
