/* figures.c - options, and rendering every figure in every format into
 * the output set (see figures.h). Layout: fig_bars.c, fig_table.c on top
 * of chart.c; painting: draw.c.
 */
#include "ts.h"
#include "figures.h"
#include "cli.h"
#include "draw.h"
#include "fig_int.h"
#include "mem.h"
#include "pool.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>

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
	o->mem_unit = TS_MEM_AUTO;
	o->rtf_axis = TS_RTF_AUTO;
	o->errorbar = TS_ERR_SD;
	o->figures = TS_FIG_ALL;
	o->creation_time = 0;
}

int ts_fig_parse_length(const char *s, double *pt)
{
	static const struct { const char *unit; double pt; } units[] = {
		{ "pt", 1 }, { "in", 72 }, { "cm", 72 / 2.54 }, { "mm", 72 / 25.4 },
	};
	char *end;
	double v;

	if (!s)
		return TS_LEN_BAD;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || !isfinite(v) || v <= 0)
		return TS_LEN_BAD;
	while (*end == ' ')
		end++;
	if (!*end)
		return TS_LEN_NO_UNIT;
	for (size_t i = 0; i < TS_COUNTOF(units); i++)
		if (strcasecmp(end, units[i].unit) == 0) {
			v *= units[i].pt;
			if (v > TS_FIG_LENGTH_MAX_PT)
				return TS_LEN_TOO_LONG;
			*pt = v;
			return 0;
		}
	return TS_LEN_BAD;
}

int ts_fig_parse_formats(const char *s, unsigned *formats)
{
	static const struct ts_cli_word names[] = {
		{ "png", TS_FMT_PNG }, { "pdf", TS_FMT_PDF }, { "svg", TS_FMT_SVG },
	};

	return ts_cli_parse_list(s, names, TS_COUNTOF(names), formats);
}

static const char *const errorbar_names[] = {
	[TS_ERR_SD] = "sd", [TS_ERR_SE] = "se", [TS_ERR_CI95] = "ci95", [TS_ERR_NONE] = "none",
};

int ts_fig_parse_errorbar(const char *s, enum ts_fig_errorbar *e)
{
	for (size_t i = 0; s && i < TS_COUNTOF(errorbar_names); i++)
		if (strcasecmp(s, errorbar_names[i]) == 0) {
			*e = (enum ts_fig_errorbar)i;
			return 0;
		}
	return -1;
}

const char *ts_fig_errorbar_name(enum ts_fig_errorbar e)
{
	return (size_t)e < TS_COUNTOF(errorbar_names) ? errorbar_names[e] : "sd";
}

int ts_fig_parse_mem_unit(const char *s, enum ts_fig_mem *unit)
{
	static const struct { const char *name; enum ts_fig_mem unit; } names[] = {
		{ "MB", TS_MEM_MB }, { "GB", TS_MEM_GB },
		{ "MiB", TS_MEM_MIB }, { "GiB", TS_MEM_GIB },
	};

	for (size_t i = 0; s && i < TS_COUNTOF(names); i++)
		if (strcasecmp(s, names[i].name) == 0) {
			*unit = names[i].unit;
			return 0;
		}
	return -1;
}

int ts_fig_parse_figures(const char *s, unsigned *figures)
{
	static const struct ts_cli_word names[] = {
		{ "fig1_memory_comparison", TS_FIG_FIG1 }, { "fig1", TS_FIG_FIG1 },
		{ "fig2_rtf_comparison", TS_FIG_FIG2 }, { "fig2", TS_FIG_FIG2 },
		{ "fig3_success_rate", TS_FIG_FIG3 }, { "fig3", TS_FIG_FIG3 },
		{ "fig4_relative", TS_FIG_FIG4 }, { "fig4", TS_FIG_FIG4 },
		{ "fig_hardware_summary", TS_FIG_SUMMARY }, { "summary", TS_FIG_SUMMARY },
		{ "fig5_memory_timeline", TS_FIG_FIG5 }, { "fig5", TS_FIG_FIG5 },
		{ "fig6_duration_vs_tokens", TS_FIG_FIG6 }, { "fig6", TS_FIG_FIG6 },
		{ "fig7_setting_effect", TS_FIG_FIG7 }, { "fig7", TS_FIG_FIG7 },
		{ "timeline", TS_FIG_TIMELINE },
	};

	return ts_cli_parse_list(s, names, TS_COUNTOF(names), figures);
}

/* ====================== rendering ====================== */

char *ts_fig_other_label(const struct ts_tiers *t)
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
			char *up = ts_chart_dev_text(d);
			char *n = ts_xasprintf("%s, %s", out, up);
			free(up);
			free(out);
			out = n;
		} else {
			out = ts_chart_dev_text(d);
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

/* The figures drawn once per run, in their order; then fig5 and one
 * timeline_<key> per tier (see jobs_make). */
enum fig_shape { SHAPE_BARS, SHAPE_TABLE, SHAPE_TIMELINE, SHAPE_SCATTER, SHAPE_FOREST };

static const struct {
	const char *name;
	enum fig_shape shape;
	enum ts_fig_bar_kind kind;
	unsigned bit;      /* in ts_fig_opts.figures */
} figures[] = {
	{ "fig1_memory_comparison", SHAPE_BARS, TS_FIG_MEMORY, TS_FIG_FIG1 },
	{ "fig2_rtf_comparison", SHAPE_BARS, TS_FIG_RTF, TS_FIG_FIG2 },
	{ "fig3_success_rate", SHAPE_BARS, TS_FIG_SUCCESS, TS_FIG_FIG3 },
	{ "fig4_relative", SHAPE_BARS, TS_FIG_RELATIVE, TS_FIG_FIG4 },
	{ "fig_hardware_summary", SHAPE_TABLE, TS_FIG_MEMORY, TS_FIG_SUMMARY },
	{ "fig5_memory_timeline", SHAPE_TIMELINE, TS_FIG_MEMORY, TS_FIG_FIG5 },
	{ "fig6_duration_vs_tokens", SHAPE_SCATTER, TS_FIG_MEMORY, TS_FIG_FIG6 },
	{ "fig7_setting_effect", SHAPE_FOREST, TS_FIG_MEMORY, TS_FIG_FIG7 },
};

/* What one job draws. */
struct fig_def {
	char *name;               /* the file name without extension, owned */
	enum fig_shape shape;
	enum ts_fig_bar_kind kind;
	unsigned bit;
	long tier;                /* SHAPE_TIMELINE: the tier, -1 for fig5 */
};

static int lay_out(struct ts_chart *c, const struct ts_fig_env *e, const struct fig_def *f)
{
	switch (f->shape) {
	case SHAPE_TABLE: return ts_fig_table(c, e);
	case SHAPE_TIMELINE: return ts_fig_timeline(c, e, f->tier);
	case SHAPE_SCATTER: return ts_fig_scatter(c, e);
	case SHAPE_FOREST: return ts_fig_effect(c, e);
	default: return ts_fig_bars(c, e, f->kind);
	}
}

static int write_data(FILE *fp, const struct ts_fig_env *e, const struct fig_def *f)
{
	switch (f->shape) {
	case SHAPE_TABLE: return ts_fig_table_csv(fp, e);
	case SHAPE_TIMELINE: return ts_fig_timeline_csv(fp, e, f->tier);
	case SHAPE_SCATTER: return ts_fig_scatter_csv(fp, e);
	case SHAPE_FOREST: return ts_fig_effect_csv(fp, e);
	default: return ts_fig_bars_csv(fp, e, f->kind);
	}
}

static const char *def_title(const struct ts_fig_env *e, const struct fig_def *f, char *buf,
			     size_t size)
{
	if (f->shape == SHAPE_SCATTER)
		return "Duration against text length by tier";
	if (f->shape == SHAPE_FOREST)
		return "Effect of a setting per machine";
	if (f->shape != SHAPE_TIMELINE)
		return ts_fig_title(f->kind, f->shape == SHAPE_TABLE);
	if (f->tier < 0)
		return "Memory over time by tier";
	snprintf(buf, size, "Timeline of %s", ts_fig_label(&e->t->v[f->tier]));
	return buf;
}

static const struct {
	unsigned bit;
	enum ts_draw_format format;
} formats[] = {
	{ TS_FMT_PNG, TS_DRAW_PNG },
	{ TS_FMT_PDF, TS_DRAW_PDF },
	{ TS_FMT_SVG, TS_DRAW_SVG },
};

/* ==== one geometry for the bar charts ==== */

#define NR_BAR_FIGS 3   /* figures[0..2] */

/* Lay out the bar charts with e->share; their largest insets into *out.
 * Returns -1 when one does not lay out. */
static int share_pass(const struct ts_fig_env *e, struct ts_bars_share *out)
{
	memset(out, 0, sizeof(*out));
	out->orient = e->share.orient;
	for (size_t f = 0; f < NR_BAR_FIGS; f++) {
		struct ts_chart c;
		int rc;
		ts_chart_init(&c);
		rc = ts_fig_bars(&c, e, figures[f].kind);
		if (rc == 0) {
			if (!out->orient || f == 0)
				out->orient = c.horizontal ? 2 : 1;
			else if (out->orient == 1 && c.horizontal)
				out->orient = 2;
			out->top = fmax(out->top, c.plot_y);
			out->below = fmax(out->below, c.height - c.plot_y - c.plot_h);
			out->left = fmax(out->left, c.plot_x);
			out->right = fmax(out->right, c.width - c.plot_x - c.plot_w);
		}
		ts_chart_release(&c);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int same_share(const struct ts_bars_share *a, const struct ts_bars_share *b)
{
	return a->orient == b->orient && fabs(a->top - b->top) < 1e-9 &&
	       fabs(a->below - b->below) < 1e-9 && fabs(a->left - b->left) < 1e-9 &&
	       fabs(a->right - b->right) < 1e-9;
}

void ts_fig_share(struct ts_fig_env *e)
{
	struct ts_bars_share next;

	memset(&e->share, 0, sizeof(e->share));
	if (share_pass(e, &next) < 0)
		return;
	/* the orientation first (with each its own insets), then the insets:
	 * each pass can only widen them, so this ends */
	e->share.orient = next.orient;
	for (int pass = 0; pass < 8; pass++) {
		if (share_pass(e, &next) < 0) {
			if (e->share.orient == 2)
				break;
			memset(&e->share, 0, sizeof(e->share));
			e->share.orient = 2;   /* vertical no longer fits: all horizontal */
			continue;
		}
		if (pass > 0 && same_share(&next, &e->share))
			return;
		next.top = fmax(next.top, e->share.top);
		next.below = fmax(next.below, e->share.below);
		next.left = fmax(next.left, e->share.left);
		next.right = fmax(next.right, e->share.right);
		e->share = next;
	}
	memset(&e->share, 0, sizeof(e->share));
}

/* ==== drawing on two threads ====
 * Each figure is laid out and drawn into memory, the bar charts on one
 * thread and the table, the longest, on another; then this thread writes
 * the files into the set in figure order, with each figure's messages in
 * that order too. The bytes do not depend on the threads: every drawing
 * is its own, from the same fonts. */
struct fig_job {
	struct fig_def def;       /* what it draws */
	int lane;                 /* 0: this thread's fonts, 1: the other's */
	int skip;                 /* not asked for (--figures) */
	int laid_out;             /* 0: too small (reported when written) */
	int grown;                /* taller than --height asked */
	double height;
	struct {
		char *name;       /* "<figure>.<ext>" */
		char *buf;        /* the file's bytes */
		size_t len;
		int ok;
	} out[TS_COUNTOF(formats)];
	char *csv;                /* the data behind it (fig_data.c) */
	size_t csv_len;
	int csv_ok;
	struct ts_diag d;         /* what drawing it reported, in `text` */
	char *text;
	size_t len;
	double seconds;
	/* put into the set as soon as every figure before it is drawn
	 * (struct flush): done, whether each file went in (1) or failed
	 * (-1), and what putting them reported, said by write_job */
	int done;
	int put[TS_COUNTOF(formats)], csv_put;
	struct ts_diag wd;
	char *wtext;
	size_t wlen;
};

/* The drawn figures go into their temporary files in figure order as
 * soon as every one before them is drawn, by whichever lane finishes the
 * last of those (one at a time, under mu): the bytes of a few figures
 * wait in memory, not those of all (21 MB for the 16 tiers of the 1 GB
 * bench folder). What that reports is said later, in order, by
 * write_job. */
struct flush {
	pthread_mutex_t mu;
	struct fig_job *jobs;
	size_t nr, next;        /* jobs[0..next) are in the set */
	int writing;            /* a lane is putting jobs into the set */
	struct ts_outset *set;
};

/* The figures of one lane, drawn by one thread in order with one set of
 * fonts. */
struct lane {
	const struct ts_fig_env *env;  /* m is replaced by this lane's */
	struct ts_draw_text *tx;       /* NULL: the lane makes its own */
	struct fig_job *jobs;
	size_t nr_jobs;
	int id;                        /* draws the jobs of this lane */
	struct flush *flush;
};

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) * 1e-9;
}

/* The figure's data as CSV, from the spec it was laid out from. */
static void data_csv(struct fig_job *j, const struct ts_fig_env *e)
{
	FILE *fp = open_memstream(&j->csv, &j->csv_len);
	int rc;

	if (!fp) {
		ts_diag_report(&j->d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
			       "cannot write '%s.csv': out of memory (not written)", j->def.name);
		return;
	}
	rc = write_data(fp, e, &j->def);
	j->csv_ok = fclose(fp) == 0 && rc == 0;
	if (!j->csv_ok)
		ts_diag_report(&j->d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
			       "cannot write '%s.csv': out of memory (not written)", j->def.name);
}

static void draw_job(struct fig_job *j, const struct ts_fig_env *e, struct ts_draw_text *tx)
{
	const struct ts_fig_opts *o = e->o;
	struct timespec t0;
	struct ts_chart c;
	char *caption, title[320];
	FILE *msg;
	int rc;

	if (j->skip)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	caption = j->def.shape == SHAPE_TIMELINE && j->def.tier >= 0
		? ts_fig_tl_caption(e->t, o, j->def.tier) : ts_fig_caption(e->t, o, j->def.bit);
	msg = open_memstream(&j->text, &j->len);
	ts_diag_init(&j->d, msg);
	ts_chart_init(&c);
	rc = lay_out(&c, e, &j->def);
	if (rc == 0) {
		j->laid_out = 1;
		j->grown = c.grown;
		j->height = c.height;
		for (size_t k = 0; k < TS_COUNTOF(formats); k++) {
			struct ts_draw_opts dop;
			char *name;
			FILE *fp;
			if (!(o->formats & formats[k].bit))
				continue;
			dop.format = formats[k].format;
			dop.dpi = o->dpi;
			dop.creation_time = o->creation_time;
			dop.keywords = o->pdf_keywords;
			/* the document's title, drawn or not (--no-title), and
			 * its caption for screen readers and reference managers */
			dop.title = def_title(e, &j->def, title, sizeof(title));
			dop.subject = caption;
			name = j->out[k].name = ts_xasprintf("%s.%s", j->def.name,
							     ts_draw_ext(dop.format));
			fp = open_memstream(&j->out[k].buf, &j->out[k].len);
			if (!fp)
				ts_diag_report(&j->d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
					       "cannot draw '%s': out of memory (not written)", name);
			else
				j->out[k].ok = ts_draw_chart(&c, tx, &dop, fp, name, &j->d) == 0;
			if (fp && fclose(fp) != 0 && j->out[k].ok) {
				ts_diag_report(&j->d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0,
					       "cannot draw '%s': out of memory (not written)", name);
				j->out[k].ok = 0;
			}
		}
	}
	ts_chart_release(&c);
	free(caption);
	if (rc == 0)
		data_csv(j, e);
	if (msg)
		fclose(msg);
	j->seconds = seconds_since(&t0);
}

/* One file of the set from bytes in memory. Returns 0 or -1 (reported). */
static int put_file(struct ts_outset *set, const char *name, const char *buf, size_t len,
		    struct ts_diag *d)
{
	FILE *fp = ts_outset_open(set, name, d);

	if (!fp)
		return -1;
	fwrite(buf, 1, len, fp);   /* errors: at close */
	return ts_outset_close(set, fp, d);
}

/* Put a drawn figure's files, then its CSV, into the set (struct flush),
 * and free their bytes. */
static void put_job(struct fig_job *j, struct ts_outset *set)
{
	FILE *msg;

	if (j->skip || !j->laid_out)
		return;
	msg = open_memstream(&j->wtext, &j->wlen);
	ts_diag_init(&j->wd, msg);
	for (size_t k = 0; k < TS_COUNTOF(formats); k++) {
		if (!j->out[k].ok)
			continue;
		j->put[k] = put_file(set, j->out[k].name, j->out[k].buf, j->out[k].len, &j->wd) < 0 ? -1 : 1;
		free(j->out[k].buf);
		j->out[k].buf = NULL;
	}
	if (j->csv_ok) {
		char *name = ts_xasprintf("%s.csv", j->def.name);
		j->csv_put = put_file(set, name, j->csv, j->csv_len, &j->wd) < 0 ? -1 : 1;
		free(name);
		free(j->csv);
		j->csv = NULL;
	}
	if (msg)
		fclose(msg);
}

/* Job k is drawn: put it, and every drawn one after it, into the set,
 * unless the other lane is doing so (it will see k before it stops):
 * the files are written outside the lock, so a lane never waits for the
 * other's writes (each ends in an fsync). */
static void flush_done(struct flush *f, size_t k)
{
	pthread_mutex_lock(&f->mu);
	f->jobs[k].done = 1;
	if (!f->writing) {
		f->writing = 1;
		while (f->next < f->nr && f->jobs[f->next].done) {
			struct fig_job *j = &f->jobs[f->next++];
			pthread_mutex_unlock(&f->mu);
			put_job(j, f->set);
			pthread_mutex_lock(&f->mu);
		}
		f->writing = 0;
	}
	pthread_mutex_unlock(&f->mu);
}

static void run_lane(void *ctx, size_t i)
{
	struct lane *l = &((struct lane *)ctx)[i];
	struct ts_draw_text *tx = l->tx ? l->tx : ts_draw_text_new(l->env->o->font);
	struct ts_fig_env e = *l->env;

	e.m = ts_draw_measurer(tx);
	for (size_t k = 0; k < l->nr_jobs; k++)
		if (l->jobs[k].lane == l->id) {
			draw_job(&l->jobs[k], &e, tx);
			flush_done(l->flush, k);
		}
	if (!l->tx)
		ts_draw_text_free(tx);
}

/* Say what drawing a figure and putting its files into the set (put_job)
 * reported, and count them. Returns the
 * number of files added, or -1 when one failed (reported). */
static int write_job(struct fig_job *j, const struct ts_fig_opts *o, size_t ntiers,
		     struct ts_outset *set, struct ts_diag *d)
{
	int count = 0, failed = 0;

	if (j->skip)
		return 0;
	if (!j->laid_out) {   /* reported by report_layout() */
		set->failed = 1;
		return -1;
	}
	if (j->grown && o->height_pt > 0)
		ts_diag_note(d, NULL, 0, "'%s': %zu tiers need more than %.0f pt (drawn %.0f pt high)",
			     j->def.name, ntiers, o->height_pt, j->height);
	ts_diag_replay(d, &j->d.n, j->text, j->len);
	ts_diag_replay(d, &j->wd.n, j->wtext, j->wlen);
	for (size_t k = 0; k < TS_COUNTOF(formats); k++) {
		if (!(o->formats & formats[k].bit))
			continue;
		if (!j->out[k].ok) {
			set->failed = 1;
			failed = 1;
		} else if (j->put[k] < 0) {
			failed = 1;
		} else {
			count++;
		}
	}
	if (!j->csv_ok) {
		set->failed = 1;
		failed = 1;
	} else if (j->csv_put < 0) {
		failed = 1;
	} else {
		count++;
	}
	return failed ? -1 : count;
}

/* Does figure f lay out with text of `size` points? */
static int fits(const struct ts_fig_env *e, const struct fig_def *f, double size)
{
	struct ts_fig_opts o = *e->o;
	struct ts_fig_env e2 = *e;
	struct ts_chart c;
	int rc;

	o.font_size_pt = size;
	e2.o = &o;
	memset(&e2.share, 0, sizeof(e2.share));   /* each its own, as a first pass */
	ts_chart_init(&c);
	rc = lay_out(&c, &e2, f);
	ts_chart_release(&c);
	return rc == 0;
}

static int all_fit(const struct fig_job *jobs, size_t njobs, const struct ts_fig_env *e,
		   double size)
{
	for (size_t f = 0; f < njobs; f++)
		if (!jobs[f].skip && !jobs[f].laid_out && !fits(e, &jobs[f].def, size))
			return 0;
	return 1;
}

/* One message for the figures that could not be laid out, naming the
 * option to change: --font-size when it is above the default and a
 * smaller size fits (the largest whole size that does is said), else
 * --width. Returns -1 when a figure was not laid out. */
static int report_layout(const struct fig_job *jobs, size_t njobs,
			 const struct ts_fig_env *e, struct ts_diag *d)
{
	const struct ts_fig_opts *o = e->o;
	size_t ntiers = e->t->nr;
	const char *s = ntiers == 1 ? "" : "s";
	char names[512] = "", size[64];
	double lo = TS_FIG_FONT_MIN, hi = o->font_size_pt;
	size_t nbad = 0;

	for (size_t f = 0; f < njobs; f++)
		if (!jobs[f].skip && !jobs[f].laid_out)
			snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
				 nbad++ ? ", " : "", jobs[f].def.name);
	if (!nbad)
		return 0;
	if (!all_fit(jobs, njobs, e, lo))
		lo = 0;
	for (double mid; lo > 0 && (mid = floor((lo + hi) / 2)) > lo; )
		*(all_fit(jobs, njobs, e, mid) ? &lo : &hi) = mid;
	if (o->height_pt > 0)
		snprintf(size, sizeof(size), "%.3g x %.3g in", o->width_pt / 72, o->height_pt / 72);
	else
		snprintf(size, sizeof(size), "%.3g in wide", o->width_pt / 72);
	if (lo > 0 && o->font_size_pt > 9)
		ts_diag_run(d, TS_ERROR, "--font-size %g is too large for a %s figure with %zu tier%s (%s: not laid out; %g pt fits)",
			    o->font_size_pt, size, ntiers, s, names, lo);
	else
		ts_diag_run(d, TS_ERROR, "--width %.3gin is too small for %zu tier%s at --font-size %g (%s: not laid out; make --width larger%s)",
			    o->width_pt / 72, ntiers, s, o->font_size_pt, names,
			    lo > 0 ? " or --font-size smaller" : "");
	return -1;
}

/* Say (a note) when fig2 chose a log axis by itself, or --log-rtf could
 * not have one. */
static void note_rtf_axis(const struct ts_tiers *t, const struct ts_fig_opts *o,
			  struct ts_diag *d)
{
	struct ts_fig_rtf r;
	char lo[32], hi[32];

	if (!(o->figures & TS_FIG_FIG2))
		return;
	ts_fig_rtf_scale(t, o, &r);
	ts_chart_fmt3(r.lo, lo, sizeof(lo));
	ts_chart_fmt3(r.hi, hi, sizeof(hi));
	if (r.auto_log)
		ts_diag_note(d, NULL, 0, "'fig2_rtf_comparison': the mean RTFs span %.0fx (%s to %s), more than %.0fx: drawn on a log axis (--log-rtf asks for one, --linear-rtf for a linear axis)",
			     r.hi / r.lo, lo, hi, TS_FIG_LOG_SPAN);
	if (r.no_positive)
		ts_diag_note(d, NULL, 0, "'fig2_rtf_comparison': --log-rtf, but no mean RTF above 0 to draw on a log axis (drawn on a linear axis)");
}

/* Every figure of the run as a job, in the order the files are written:
 * the figures[] table, then timeline_<key> of each tier with realtime
 * samples. Lanes: the table, fig5 and every other timeline on this
 * thread, the bar charts and the other timelines on the second. fig4
 * needs --reference, fig7 --baseline; fig5 and the timelines need some
 * realtime samples, fig6 a successful request with tokens. Returns the array,
 * *n jobs. */
static struct fig_job *jobs_make(const struct ts_tiers *t, const struct ts_fig_opts *o, size_t *n)
{
	struct fig_job *jobs = ts_xcalloc(TS_COUNTOF(figures) + t->nr, sizeof(*jobs));
	int any_rt = 0, any_point = 0, lane = 1;
	size_t nj = 0;

	for (size_t i = 0; i < t->nr; i++) {
		any_rt |= t->v[i].timeline.nr > 0;
		any_point |= t->v[i].scaling.npoints > 0;
	}
	for (size_t f = 0; f < TS_COUNTOF(figures); f++, nj++) {
		struct fig_job *j = &jobs[nj];
		j->def = (struct fig_def){ ts_xstrdup(figures[f].name), figures[f].shape,
					   figures[f].kind, figures[f].bit, -1 };
		j->lane = figures[f].shape == SHAPE_BARS ? 1 : 0;
		j->skip = !(o->figures & figures[f].bit) ||
			  (figures[f].kind == TS_FIG_RELATIVE && !ts_tiers_reference(t)) ||
			  (figures[f].shape == SHAPE_TIMELINE && !any_rt) ||
			  (figures[f].shape == SHAPE_SCATTER && !any_point) ||
			  (figures[f].shape == SHAPE_FOREST && !t->effect.base.n);
	}
	for (size_t i = 0; i < t->nr; i++) {
		struct fig_job *j;
		if (!t->v[i].timeline.nr || !(o->figures & TS_FIG_TIMELINE))
			continue;
		j = &jobs[nj++];
		j->def = (struct fig_def){ ts_xasprintf("timeline_%s", t->v[i].key), SHAPE_TIMELINE,
					   TS_FIG_MEMORY, TS_FIG_TIMELINE, (long)i };
		j->lane = lane;
		lane = !lane;
	}
	*n = nj;
	return jobs;
}

int ts_figures_render(const struct ts_tiers *t, const struct ts_fig_opts *o,
		      struct ts_outset *set, struct ts_diag *d)
{
	struct ts_draw_text *tx = ts_draw_text_new(o->font);
	struct fig_job *jobs;
	struct lane lanes[2];
	struct flush flush;
	struct ts_fig_env e;
	struct ts_diag_counts lib = ts_draw_lib_counts(), now;
	int count = 0, failed = 0, laid_out;
	size_t njobs;

	memset(&e, 0, sizeof(e));
	e.t = t;
	e.o = o;
	e.m = ts_draw_measurer(tx);
	e.other_label = ts_fig_other_label(t);
	ts_fig_mem_unit(t, o->mem_unit, &e.mem_unit, &e.mem_div);
	check_font(o->font, tx, d);
	check_glyphs(t, tx, d);
	note_rtf_axis(t, o, d);
	ts_fig_note_grouped(t, o, d);
	ts_fig_share(&e);
	jobs = jobs_make(t, o, &njobs);
	flush.jobs = jobs;
	flush.nr = njobs;
	flush.next = 0;
	flush.writing = 0;
	flush.set = set;
	pthread_mutex_init(&flush.mu, NULL);
	for (size_t f = 0; f < njobs; f++)
		jobs[f].done = jobs[f].skip;
	lanes[0] = (struct lane){ &e, tx, jobs, njobs, 0, &flush };
	lanes[1] = (struct lane){ &e, NULL, jobs, njobs, 1, &flush };
	ts_pool_run(2, ts_pool_default_threads(), run_lane, lanes);
	pthread_mutex_destroy(&flush.mu);
	laid_out = report_layout(jobs, njobs, &e, d) == 0;
	for (size_t f = 0; f < njobs; f++) {
		int rc = laid_out ? write_job(&jobs[f], o, t->nr, set, d) : -1;
		if (rc < 0)
			failed = 1;
		else
			count += rc;
		if (o->timing && !jobs[f].skip)
			o->timing(o->timing_ctx, jobs[f].def.name, jobs[f].seconds);
		for (size_t k = 0; k < TS_COUNTOF(formats); k++) {
			free(jobs[f].out[k].name);
			free(jobs[f].out[k].buf);
		}
		free(jobs[f].text);
		free(jobs[f].wtext);
		free(jobs[f].csv);
		free(jobs[f].def.name);
	}
	free(jobs);
	free(e.other_label);
	ts_draw_text_free(tx);
	/* what GLib, Pango or cairo printed meanwhile (on any thread) counts
	 * for the exit status; an error of theirs spoils the figures */
	now = ts_draw_lib_counts();
	lib = ts_diag_counts_sub(&now, &lib);
	ts_diag_replay(d, &lib, NULL, 0);
	if (lib.error && !failed) {
		ts_diag_run(d, TS_ERROR, "the figures are not written: the drawing libraries reported %lu error%s (above)",
			    lib.error, lib.error == 1 ? "" : "s");
		set->failed = 1;
		failed = 1;
	}
	return failed ? -1 : count;
}
