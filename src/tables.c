/* tables.c - table_hardware and table_results as LaTeX, Markdown and CSV
 * (see tables.h). Each table is first a grid of cell texts, made for
 * one format (LaTeX and Markdown cells are rounded and escaped, CSV
 * cells are full-precision numbers and plain names); one writer per
 * format then lays the grid out.
 */
#include "ts.h"
#include "tables.h"
#include "chart.h"
#include "cli.h"
#include "columns.h"
#include "csvwrite.h"
#include "mem.h"
#include "repr.h"
#include "round.h"
#include "texesc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ====================== grid ====================== */

/* The most columns a table has: table_results.csv with --errorbar ci95
 * and --reference has 7 + 4 * 4 + 3 + 2 = 28. */
#define MAX_COLS 32

struct grid {
	size_t cols, rows;
	char align[MAX_COLS];  /* 'l' or 'r' per column (LaTeX, Markdown) */
	char **head;           /* cols header texts */
	char **cell;           /* rows * MAX_COLS cell texts, row by row */
};

static void grid_init(struct grid *g, size_t rows)
{
	memset(g, 0, sizeof(*g));
	g->rows = rows;
	g->head = ts_xcalloc(MAX_COLS, sizeof(char *));
	g->cell = ts_xcalloc((rows ? rows : 1) * MAX_COLS, sizeof(char *));
}

/* Add a column: its header (taken), its alignment. Cells follow with
 * set(). */
static size_t add_col(struct grid *g, char *head, char align)
{
	if (g->cols >= MAX_COLS)
		abort();   /* a table of this file with a column too many */
	g->align[g->cols] = align;
	g->head[g->cols] = head;
	return g->cols++;
}

static void set(struct grid *g, size_t row, size_t col, char *text)
{
	g->cell[row * MAX_COLS + col] = text;
}

static void grid_release(struct grid *g)
{
	for (size_t c = 0; c < g->cols; c++) {
		free(g->head[c]);
		for (size_t r = 0; r < g->rows; r++)
			free(g->cell[r * MAX_COLS + c]);
	}
	free(g->head);
	free(g->cell);
}

/* ====================== styles ====================== */

/* How LaTeX and Markdown write what is not a digit. */
struct style {
	unsigned format;      /* TS_TAB_TEX or TS_TAB_MD */
	const char *pm;       /* between a mean and its error */
	const char *times;    /* after a ratio */
	const char *to;       /* between the ends of an interval */
	const char *pct;      /* after a percentage */
	const char *missing;  /* no value */
};

static const struct style tex_style = {
	TS_TAB_TEX, " $\\pm$ ", "$\\times$", "--", "\\,\\%", "--",
};
static const struct style md_style = {
	TS_TAB_MD, " \xc2\xb1 ", "\xc3\x97", "\xe2\x80\x93", " %", "\xe2\x80\x93",
};

/* A name as the format must have it (see tables.h). Caller frees. */
static char *escape(const char *s, unsigned format)
{
	char *out, *o;

	if (format == TS_TAB_TEX)
		return ts_tex_escape(s);
	out = o = ts_xmalloc(strlen(s) * 2 + 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f) {
			*o++ = ' ';
			continue;
		}
		if (format == TS_TAB_MD && (c == '|' || c == '\\'))
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

/* ====================== cells ====================== */

static char *text_or(const char *s, const struct style *st)
{
	return s && *s ? escape(s, st->format) : ts_xstrdup(st->missing);
}

static char *count(long v, const struct style *st)
{
	return v >= 0 ? ts_xasprintf("%ld", v) : ts_xstrdup(st->missing);
}

/* "value (lo–hi)", or the value alone without an interval. */
static char *with_interval(double v, const double ci[2], const char *unit,
			   const struct style *st)
{
	struct ts_rounded_iv r;

	if (!isfinite(v))
		return ts_xstrdup(st->missing);
	ts_round_interval(v, ci[0], ci[1], &r);
	if (!r.has_iv)
		return ts_xasprintf("%s%s", r.v, unit);
	return ts_xasprintf("%s%s (%s%s%s)", r.v, unit, r.lo, st->to, r.hi);
}

/* A mean with the error of --errorbar. */
static char *mean_cell(const struct ts_summary *s, const struct ts_spread *sp,
		       enum ts_fig_errorbar eb, const struct style *st)
{
	struct ts_rounded r;
	double err = eb == TS_ERR_SD ? s->std : eb == TS_ERR_SE ? sp->se : NAN;

	if (s->n == 0 || !isfinite(s->mean))
		return ts_xstrdup(st->missing);
	if (eb == TS_ERR_CI95)
		return with_interval(s->mean, sp->ci95, "", st);
	ts_round_pair(s->mean, err, &r);
	if (!r.has_err)
		return ts_xstrdup(r.mean);
	return ts_xasprintf("%s%s%s", r.mean, st->pm, r.err);
}

/* "118/120, 98.3 % (94.1–99.5)": k/n, the rate and Wilson's interval. */
static char *success_cell(const struct ts_tier *x, const struct style *st)
{
	double pct[2] = { x->success_ci95[0] * 100, x->success_ci95[1] * 100 };
	char *rate, *cell;

	if (x->successful < 0 || x->tests <= 0 || !isfinite(x->success_rate))
		return ts_xstrdup(st->missing);
	rate = with_interval(x->success_rate * 100, pct, st->pct, st);
	cell = ts_xasprintf("%ld/%ld, %s", x->successful, x->tests, rate);
	free(rate);
	return cell;
}

/* ====================== table_hardware ====================== */

static char *ram(double gb, const struct style *st)
{
	if (!isfinite(gb))
		return ts_xstrdup(st->missing);
	return ts_xasprintf(gb == floor(gb) ? "%.0f" : "%.1f", gb);
}

static char *device(const char *type, const struct style *st)
{
	char *s = ts_chart_dev_text(type), *e;

	if (!s)
		return ts_xstrdup(st->missing);
	e = escape(s, st->format);
	free(s);
	return e;
}

/* The tiers a hardware table has a row for: each tier, or with --by
 * each machine once (its first tier; README "Optimisation settings").
 * Writes their indexes to rows (t->nr of room), returns how many. */
static size_t hardware_rows(const struct ts_tiers *t, size_t *rows)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nr; i++)
		if (!t->by.n || ts_tiers_machine_first(t, i) == i)
			rows[n++] = i;
	return n;
}

static void hardware_grid(struct grid *g, const struct ts_tiers *t, const struct style *st)
{
	static const struct { const char *head; char align; } cols[] = {
		{ "Tier", 'l' }, { "Device", 'l' }, { "CPU", 'l' }, { "Cores", 'r' },
		{ "RAM (GB)", 'r' }, { "GPU", 'l' }, { "Tests", 'r' },
	};
	size_t *rows = ts_xmalloc((t->nr ? t->nr : 1) * sizeof(*rows));
	size_t n = hardware_rows(t, rows);

	grid_init(g, n);
	for (size_t c = 0; c < TS_COUNTOF(cols); c++)
		add_col(g, ts_xstrdup(cols[c].head), cols[c].align);
	if (t->by.n)
		add_col(g, ts_xstrdup("Settings"), 'l');
	for (size_t r = 0; r < n; r++) {
		const struct ts_tier *x = &t->v[rows[r]];
		set(g, r, 0, escape(t->by.n ? x->machine_label : x->label, st->format));
		set(g, r, 1, device(x->device_type, st));
		set(g, r, 2, text_or(x->cpu_model, st));
		set(g, r, 3, count(x->cpu_cores, st));
		set(g, r, 4, ram(x->total_memory_gb, st));
		set(g, r, 5, text_or(x->gpu_name, st));
		if (!t->by.n) {
			set(g, r, 6, count(x->tests, st));
		} else {
			char *v = ts_tiers_machine_settings(t, rows[r]);
			set(g, r, 6, count(ts_tiers_machine_tests(t, rows[r]), st));
			set(g, r, 7, text_or(v, st));
			free(v);
		}
	}
	free(rows);
}

/* ====================== table_results ====================== */

/* The metrics of table_results, in column order, with their headers. */
static const struct { enum ts_metric m; const char *head; } result_metrics[] = {
	{ TS_M_RTF, "RTF" },
	{ TS_M_PEAK_MEMORY_MB, "Peak memory (MiB)" },
	{ TS_M_TOKENS_PER_SECOND, "Tokens/s" },
	{ TS_M_TOTAL_DURATION_S, "Duration (s)" },
};

static char *ratio_cell(const struct ts_tiers *t, size_t i, const struct style *st)
{
	const struct ts_ratio *q = &t->v[i].relative[TS_M_RTF];

	if ((long)i == t->reference)
		return ts_xstrdup("reference");
	return with_interval(q->ratio, q->ci95, st->times, st);
}

/* The mean memory of a tier's realtime samples during requests or idle
 * (README "Synthesis against idle"), rounded as a mean without error. */
static char *phase_cell(const struct ts_tier *x, int k, const struct style *st)
{
	struct ts_rounded r;
	double v = x->realtime.paired ? x->realtime.phase[k].memory_mean : NAN;

	if (!isfinite(v))
		return ts_xstrdup(st->missing);
	ts_round_pair(v, NAN, &r);
	return ts_xstrdup(r.mean);
}

/* The two columns are there when some tier has a realtime file with a
 * partner. */
static int any_paired(const struct ts_tiers *t)
{
	for (size_t i = 0; i < t->nr; i++)
		if (t->v[i].realtime.paired)
			return 1;
	return 0;
}

static void results_grid(struct grid *g, const struct ts_tiers *t,
			 enum ts_fig_errorbar eb, const struct style *st)
{
	const struct ts_tier *ref = ts_tiers_reference(t);
	int paired = any_paired(t);
	size_t c0;

	grid_init(g, t->nr);
	add_col(g, ts_xstrdup("Tier"), 'l');
	add_col(g, ts_xstrdup(st->format == TS_TAB_TEX ? "$n$" : "n"), 'r');
	add_col(g, ts_xstrdup("Success"), 'r');
	c0 = g->cols;
	for (size_t k = 0; k < TS_COUNTOF(result_metrics); k++)
		add_col(g, ts_xstrdup(result_metrics[k].head), 'r');
	if (ref) {
		char *name = escape(ref->label, st->format);
		add_col(g, ts_xasprintf("RTF vs %s", name), 'r');
		free(name);
	}
	if (paired) {
		/* short: with --reference the LaTeX table is a landscape page
		 * wide already; the caption says what and in which unit */
		add_col(g, ts_xstrdup("Busy"), 'r');
		add_col(g, ts_xstrdup("Idle"), 'r');
	}
	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_tier *x = &t->v[i];
		set(g, i, 0, escape(x->label, st->format));
		set(g, i, 1, count(x->tests, st));
		set(g, i, 2, success_cell(x, st));
		for (size_t k = 0; k < TS_COUNTOF(result_metrics); k++) {
			enum ts_metric m = result_metrics[k].m;
			set(g, i, c0 + k, mean_cell(&x->metrics[m], &x->spread[m], eb, st));
		}
		if (ref)
			set(g, i, c0 + TS_COUNTOF(result_metrics), ratio_cell(t, i, st));
		if (paired) {
			set(g, i, g->cols - 2, phase_cell(x, TS_SPAN_DURING, st));
			set(g, i, g->cols - 1, phase_cell(x, TS_SPAN_IDLE, st));
		}
	}
}

/* What the means' error is, in the caption. */
static char *error_words(enum ts_fig_errorbar eb, const struct style *st)
{
	switch (eb) {
	case TS_ERR_SD: return ts_xasprintf("mean%s1 SD", st->pm);
	case TS_ERR_SE: return ts_xasprintf("mean%s1 standard error", st->pm);
	case TS_ERR_CI95: return ts_xasprintf("mean (95%s t interval of the mean)", st->pct);
	default: return ts_xstrdup("mean");
	}
}

static char *results_caption(const struct ts_tiers *t, enum ts_fig_errorbar eb,
			     const struct style *st)
{
	const struct ts_tier *ref = ts_tiers_reference(t);
	int tex = st->format == TS_TAB_TEX;
	char *err = error_words(eb, st), *refs = NULL, *warm = NULL, *cap;

	if (ref) {
		char *name = escape(ref->label, st->format);
		refs = ts_xasprintf(" RTF vs %s: the ratio of the mean RTFs with its 95%s interval.",
				    name, st->pct);
		free(name);
	}
	if (t->warmup > 0)
		warm = ts_xasprintf(" The first %ld request%s of each synthesis file left out (warm-up).",
				    t->warmup, t->warmup == 1 ? "" : "s");
	cap = ts_xasprintf("Results per hardware tier: %s requests; success %s with its "
			   "Wilson 95%s interval; %s over the successful requests of the "
			   "real-time factor (RTF), the peak memory (MiB, as the monitor "
			   "records it), tokens per second and the duration.%s%s%s",
			   tex ? "$n$" : "n", tex ? "$k/n$" : "k/n", st->pct, err, refs ? refs : "",
			   any_paired(t) ? " Busy and Idle: the mean memory (MiB) of the real-time "
			   "samples inside a request's start and end, and outside every request." : "",
			   warm ? warm : "");
	free(err);
	free(refs);
	free(warm);
	return cap;
}

/* ====================== writers ====================== */

static void write_tex(FILE *fp, const struct grid *g, const char *name,
		      const char *caption, const char *label)
{
	fprintf(fp, "%% %s.tex, written by tierstat: \\input it in a document that "
		"loads booktabs\n", name);
	fputs("\\begin{table}[htbp]\n\\centering\n", fp);
	fprintf(fp, "\\caption{%s}\n\\label{%s}\n", caption, label);
	fprintf(fp, "\\begin{tabular}{%.*s}\n\\toprule\n", (int)g->cols, g->align);
	for (size_t c = 0; c < g->cols; c++)
		fprintf(fp, "%s%s", c ? " & " : "", g->head[c]);
	fputs(" \\\\\n\\midrule\n", fp);
	for (size_t r = 0; r < g->rows; r++) {
		for (size_t c = 0; c < g->cols; c++)
			fprintf(fp, "%s%s", c ? " & " : "", g->cell[r * MAX_COLS + c]);
		fputs(" \\\\\n", fp);
	}
	fputs("\\bottomrule\n\\end{tabular}\n\\end{table}\n", fp);
}

static void md_row(FILE *fp, char *const *cells, size_t cols)
{
	for (size_t c = 0; c < cols; c++)
		fprintf(fp, "| %s ", cells[c]);
	fputs("|\n", fp);
}

static void write_md(FILE *fp, const struct grid *g, const char *caption)
{
	fprintf(fp, "Table: %s\n\n", caption);
	md_row(fp, g->head, g->cols);
	for (size_t c = 0; c < g->cols; c++)
		fputs(g->align[c] == 'r' ? "| ---: " : "| :--- ", fp);
	fputs("|\n", fp);
	for (size_t r = 0; r < g->rows; r++)
		md_row(fp, &g->cell[r * MAX_COLS], g->cols);
}

static void write_csv(FILE *fp, const struct grid *g)
{
	for (size_t r = 0; r <= g->rows; r++) {
		char *const *row = r == 0 ? g->head : &g->cell[(r - 1) * MAX_COLS];
		for (size_t c = 0; c < g->cols; c++)
			ts_csv_put_field(fp, row[c], c + 1 == g->cols);
	}
}

/* ====================== CSV grids ====================== */

static char *num(double v)
{
	char buf[TS_REPR_MAX];

	return ts_xstrdup(isfinite(v) ? ts_repr(buf, v) : "");
}

static char *plain(const char *s)
{
	return ts_xstrdup(s ? s : "");
}

static char *whole(long v)
{
	return v >= 0 ? ts_xasprintf("%ld", v) : ts_xstrdup("");
}

static void hardware_csv(struct grid *g, const struct ts_tiers *t)
{
	static const char *const heads[] = {
		"key", "label", "device_type", "cpu_model", "cpu_cores",
		"total_memory_gb", "gpu_name", "tests",
	};
	size_t *rows = ts_xmalloc((t->nr ? t->nr : 1) * sizeof(*rows));
	size_t n = hardware_rows(t, rows);

	grid_init(g, n);
	for (size_t c = 0; c < TS_COUNTOF(heads); c++)
		add_col(g, ts_xstrdup(heads[c]), 'l');
	if (t->by.n)
		add_col(g, ts_xstrdup("settings"), 'l');
	for (size_t r = 0; r < n; r++) {
		const struct ts_tier *x = &t->v[rows[r]];
		set(g, r, 0, plain(t->by.n ? x->machine_key : x->key));
		set(g, r, 1, plain(t->by.n ? x->machine_label : x->label));
		set(g, r, 2, plain(x->device_type));
		set(g, r, 3, plain(x->cpu_model));
		set(g, r, 4, whole(x->cpu_cores));
		set(g, r, 5, num(x->total_memory_gb));
		set(g, r, 6, plain(x->gpu_name));
		if (!t->by.n) {
			set(g, r, 7, whole(x->tests));
		} else {
			char *v = ts_tiers_machine_settings(t, rows[r]);
			set(g, r, 7, whole(ts_tiers_machine_tests(t, rows[r])));
			set(g, r, 8, plain(v));
			free(v);
		}
	}
	free(rows);
}

/* The columns of one metric: NAME_n, NAME_mean and the error's. */
static void metric_csv_cols(struct grid *g, const char *name, enum ts_fig_errorbar eb)
{
	add_col(g, ts_xasprintf("%s_n", name), 'l');
	add_col(g, ts_xasprintf("%s_mean", name), 'l');
	if (eb == TS_ERR_SD || eb == TS_ERR_SE)
		add_col(g, ts_xasprintf("%s_%s", name, ts_fig_errorbar_name(eb)), 'l');
	if (eb == TS_ERR_CI95) {
		add_col(g, ts_xasprintf("%s_ci95_lo", name), 'l');
		add_col(g, ts_xasprintf("%s_ci95_hi", name), 'l');
	}
}

static size_t metric_csv_cells(struct grid *g, size_t i, size_t c, const struct ts_tier *x,
			       enum ts_metric m, enum ts_fig_errorbar eb)
{
	set(g, i, c++, whole(x->metrics[m].n));
	set(g, i, c++, num(x->metrics[m].mean));
	if (eb == TS_ERR_SD || eb == TS_ERR_SE)
		set(g, i, c++, num(eb == TS_ERR_SD ? x->metrics[m].std : x->spread[m].se));
	if (eb == TS_ERR_CI95) {
		set(g, i, c++, num(x->spread[m].ci95[0]));
		set(g, i, c++, num(x->spread[m].ci95[1]));
	}
	return c;
}

static void results_csv(struct grid *g, const struct ts_tiers *t, enum ts_fig_errorbar eb)
{
	static const char *const heads[] = {
		"key", "label", "tests", "successful", "success_rate",
		"success_ci95_lo", "success_ci95_hi",
	};
	int ref = ts_tiers_reference(t) != NULL, paired = any_paired(t);

	grid_init(g, t->nr);
	for (size_t c = 0; c < TS_COUNTOF(heads); c++)
		add_col(g, ts_xstrdup(heads[c]), 'l');
	for (size_t k = 0; k < TS_COUNTOF(result_metrics); k++)
		metric_csv_cols(g, ts_metric_name(result_metrics[k].m), eb);
	if (ref) {
		add_col(g, ts_xstrdup("rtf_ratio"), 'l');
		add_col(g, ts_xstrdup("rtf_ratio_ci95_lo"), 'l');
		add_col(g, ts_xstrdup("rtf_ratio_ci95_hi"), 'l');
	}
	if (paired) {
		add_col(g, ts_xstrdup("memory_mb_during_requests_mean"), 'l');
		add_col(g, ts_xstrdup("memory_mb_idle_mean"), 'l');
	}
	for (size_t i = 0; i < t->nr; i++) {
		const struct ts_tier *x = &t->v[i];
		size_t c = 7;
		set(g, i, 0, plain(x->key));
		set(g, i, 1, plain(x->label));
		set(g, i, 2, whole(x->tests));
		set(g, i, 3, whole(x->successful));
		set(g, i, 4, num(x->success_rate));
		set(g, i, 5, num(x->success_ci95[0]));
		set(g, i, 6, num(x->success_ci95[1]));
		for (size_t k = 0; k < TS_COUNTOF(result_metrics); k++)
			c = metric_csv_cells(g, i, c, x, result_metrics[k].m, eb);
		if (ref) {
			const struct ts_ratio *q = &x->relative[TS_M_RTF];
			set(g, i, c++, num(q->ratio));
			set(g, i, c++, num(q->ci95[0]));
			set(g, i, c, num(q->ci95[1]));
		}
		for (int k = 0; paired && k < TS_SPAN_COUNT; k++)
			set(g, i, g->cols - 2 + (size_t)k,
			    num(x->realtime.paired ? x->realtime.phase[k].memory_mean : NAN));
	}
}

/* ====================== entry points ====================== */

int ts_tables_parse(const char *s, unsigned *formats)
{
	static const struct ts_cli_word names[] = {
		{ "tex", TS_TAB_TEX }, { "md", TS_TAB_MD }, { "csv", TS_TAB_CSV },
	};

	if (s && strcasecmp(s, "none") == 0) {
		*formats = 0;
		return 0;
	}
	return ts_cli_parse_list(s, names, TS_COUNTOF(names), formats);
}

void ts_tables_write(FILE *fp, enum ts_table which, unsigned format,
		     const struct ts_tiers *t, enum ts_fig_errorbar eb)
{
	const struct style *st = format == TS_TAB_TEX ? &tex_style : &md_style;
	int hw = which == TS_TABLE_HARDWARE;
	struct grid g;
	char *cap;

	if (format == TS_TAB_CSV) {
		if (hw)
			hardware_csv(&g, t);
		else
			results_csv(&g, t, eb);
		write_csv(fp, &g);
		grid_release(&g);
		return;
	}
	if (hw) {
		hardware_grid(&g, t, st);
		cap = ts_xstrdup(t->by.n
			? "Hardware configurations: the CPU, its cores, the RAM and the GPU "
			  "of each hardware tier, the requests it was tested with (over all "
			  "its settings) and the settings it ran."
			: "Hardware configurations: the CPU, its cores, the RAM and the GPU "
			  "of each hardware tier, and the requests it was tested with.");
	} else {
		results_grid(&g, t, eb, st);
		cap = results_caption(t, eb, st);
	}
	if (format == TS_TAB_TEX)
		write_tex(fp, &g, hw ? "table_hardware" : "table_results", cap,
			  hw ? "tab:hardware" : "tab:results");
	else
		write_md(fp, &g, cap);
	free(cap);
	grid_release(&g);
}

int ts_tables_render(const struct ts_tiers *t, unsigned formats,
		     enum ts_fig_errorbar eb, struct ts_outset *set,
		     struct ts_diag *d)
{
	static const struct { unsigned bit; const char *ext; } fmts[] = {
		{ TS_TAB_TEX, "tex" }, { TS_TAB_MD, "md" }, { TS_TAB_CSV, "csv" },
	};
	static const char *const stems[] = { "table_hardware", "table_results" };
	int added = 0;

	for (size_t w = 0; w < TS_COUNTOF(stems); w++) {
		for (size_t f = 0; f < TS_COUNTOF(fmts); f++) {
			char name[64];
			FILE *fp;
			if (!(formats & fmts[f].bit))
				continue;
			snprintf(name, sizeof(name), "%s.%s", stems[w], fmts[f].ext);
			if (!(fp = ts_outset_open(set, name, d)))
				return -1;
			ts_tables_write(fp, w ? TS_TABLE_RESULTS : TS_TABLE_HARDWARE,
					fmts[f].bit, t, eb);
			if (ts_outset_close(set, fp, d) < 0)
				return -1;
			added++;
		}
	}
	return added;
}
