/* cmd_analyze.c - `tierstat analyze METRICS_DIR`.
 *
 * The pipeline, each stage handing one struct to the next:
 *
 *   ts_scan_dir    the folder        -> struct ts_inputs  (scan.h: every input
 *                                       file, classified, in path order)
 *   ts_ingest      struct ts_inputs  -> struct ts_store   (ingest.h: the files
 *                                       read by the loaders of load.h and
 *                                       specs.h into SQLite, store.h)
 *   ts_tiers_*     struct ts_store   -> struct ts_tiers   (tiers.h: per tier
 *                                       configuration, the statistics; the
 *                                       synthesis half is built while the
 *                                       realtime files are still parsed)
 *   outputs        struct ts_tiers   -> one struct ts_outset (outfile.h): the
 *                                       figures (figures.h), the tables
 *                                       (tables.h) and
 *                                       hardware_metadata.json (export.h),
 *                                       renamed into place together
 *   ts_report_*    struct ts_tiers   -> the console report (report.h)
 *
 * Every problem goes to one struct ts_diag (diag.h), whose counts decide
 * the exit status. This file parses the options and runs the stages. */
#include "ts.h"
#include "captions.h"
#include "cli.h"
#include "diag.h"
#include "export.h"
#include "figures.h"
#include "ingest.h"
#include "load.h"
#include "manifest.h"
#include "mem.h"
#include "outfile.h"
#include "report.h"
#include "scan.h"
#include "store.h"
#include "numbers.h"
#include "tables.h"
#include "templates.h"
#include "tiers.h"
#include "utf8.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* --timing: where a run's wall-clock time goes, printed on stderr. */
enum phase {
	PH_SCAN, PH_SPECS, PH_ANALYSIS, PH_SYNTHESIS, PH_REALTIME, PH_STATISTICS,
	PH_HASH, PH_FIGURES, PH_TABLES, PH_JSON, PH_COMMIT, PH_COUNT
};
static const char *const phase_names[PH_COUNT] = {
	"scan", "hardware specs JSON", "analysis JSON", "synthesis CSV",
	"realtime CSV", "statistics", "SHA-256 (what was left)", "figures", "tables",
	"hardware_metadata.json",
	"rename into place",
};

struct timing {
	int on;
	double last;              /* seconds at the previous lap */
	double t[PH_COUNT];       /* seconds spent per phase */
	char fig[40][96];         /* each figure, within PH_FIGURES */
	double fig_s[40];
	int nfig;
};

static void figure_time(void *ctx, const char *figure, double seconds)
{
	struct timing *tm = ctx;

	if (tm->nfig < (int)TS_COUNTOF(tm->fig)) {
		snprintf(tm->fig[tm->nfig], sizeof(tm->fig[0]), "%s", figure);
		tm->fig_s[tm->nfig++] = seconds;
	}
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Charge the time since the previous lap to phase p. */
static void lap(struct timing *tm, enum phase p)
{
	double t = now_s();
	tm->t[p] += t - tm->last;
	tm->last = t;
}

static void print_timing(const struct timing *tm, const struct ts_ingest_report *rep,
			 double start)
{
	double total = now_s() - start;

	fprintf(stderr, "tierstat: timing (wall clock):\n");
	for (int p = 0; p < PH_COUNT; p++) {
		fprintf(stderr, "  %-24s %9.4f s %5.1f %%\n", phase_names[p], tm->t[p],
			total > 0 ? 100 * tm->t[p] / total : 0);
		for (int f = 0; p == PH_FIGURES && f < tm->nfig; f++)
			fprintf(stderr, "    %-30s %9.4f s\n", tm->fig[f], tm->fig_s[f]);
	}
	fprintf(stderr, "  %-24s %9.4f s\n", "total", total);
	fprintf(stderr, "tierstat: files read: %lu (%.1f MB); unchanged since the last run, not read: %lu\n",
		rep->files_parsed, (double)rep->bytes_parsed / 1e6, rep->files_replayed);
}

struct analyze_opts {
	const char *metrics_dir;
	char *metrics_dir_text;   /* the same, valid UTF-8, for the JSON */
	const char *out_dir;      /* NULL = metrics_dir */
	const char *db_path;      /* NULL = in memory */
	int quiet;
	int timing;               /* --timing */
	long warmup;              /* --warmup: requests left out per file */
	const char *reference;    /* --reference: a tier key, label or tier */
	struct ts_by by;          /* --by: the columns that split each tier */
	const char *baseline_arg; /* --baseline as given (parsed once --by is) */
	struct ts_baseline baseline; /* --baseline: what each group is compared to */
	struct ts_fig_opts fig;
	unsigned tables;          /* --tables: TS_TAB_* bits (default all) */
	char **labels;            /* "KEY=TEXT", borrowed from argv */
	size_t nr_labels, alloc_labels;
	char **args;              /* the options for the manifest (record_arg),
	                             owned, valid UTF-8 */
	size_t nr_args, alloc_args;
};

enum {
	OPT_DB = 256, OPT_FORMAT, OPT_WIDTH, OPT_HEIGHT, OPT_FONT_SIZE, OPT_FONT,
	OPT_DPI, OPT_GRAYSCALE, OPT_LABEL, OPT_TIMING, OPT_WARMUP,
	OPT_REFERENCE, OPT_NO_TITLE, OPT_NO_FOOTNOTE, OPT_MEMORY_UNIT, OPT_LOG_RTF,
	OPT_LINEAR_RTF, OPT_FIGURES, OPT_ERRORBAR, OPT_TABLES, OPT_BY,
	OPT_BASELINE
};

/* A number from min to max (both included). */
static int parse_number(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= min) || !(v <= max))
		return -1;
	*out = v;
	return 0;
}

/* --warmup N: a whole number of requests, 0 or more. */
static int parse_count(const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || s[0] == '+' || s[0] == ' ')
		return -1;
	*out = v;
	return 0;
}

/* --width or --height (a usage error names the units). */
static int parse_length(const char *opt, const char *arg, double *pt)
{
	switch (ts_fig_parse_length(arg, pt)) {
	case 0:
		return -1;
	case TS_LEN_NO_UNIT:
		return ts_cli_usage_error("analyze", "--%s '%s': a length needs a unit: %sin, %scm, %smm or %spt",
					  opt, arg, arg, arg, arg, arg);
	case TS_LEN_TOO_LONG:
		return ts_cli_usage_error("analyze", "--%s '%s': expected at most 200in (%.0fpt)",
					  opt, arg, TS_FIG_LENGTH_MAX_PT);
	default:
		return ts_cli_usage_error("analyze", "--%s '%s': expected a length such as 6.3in, 16cm, 160mm or 450pt",
					  opt, arg);
	}
}

/* The options of the statistics: --warmup, --reference, --by, --baseline
 * (parsed by baseline_option once every --by is). Returns -1 when
 * done, -2 when c is not one of them, or an exit status. */
static int parse_statistics(int c, const char *arg, struct analyze_opts *o)
{
	switch (c) {
	case OPT_WARMUP:
		if (parse_count(arg, &o->warmup) < 0)
			return ts_cli_usage_error("analyze", "--warmup '%s': expected a whole number of requests, 0 or more", arg);
		return -1;
	case OPT_REFERENCE:
		if (!*arg)
			return ts_cli_usage_error("analyze", "--reference '': expected a tier key, label or file-name tier");
		o->reference = arg;
		return -1;
	case OPT_BY: {
		char why[1024];
		if (ts_settings_parse_by(arg, &o->by, why, sizeof(why)) < 0)
			return ts_cli_usage_error("analyze", "--by '%s': %s", arg, why);
		return -1;
	}
	case OPT_BASELINE:
		o->baseline_arg = arg;
		return -1;
	default:
		return -2;
	}
}

/* What a figure fits a thesis with: --no-title, --no-footnote,
 * --memory-unit, --log-rtf, --linear-rtf, --figures (issue 12 item 6),
 * --errorbar.
 * Returns -1 when done, -2 when c is not one of them, or an exit status. */
static int thesis_option(int c, const char *arg, struct ts_fig_opts *f)
{
	enum ts_fig_rtf_axis axis = c == OPT_LOG_RTF ? TS_RTF_LOG : TS_RTF_LINEAR;

	switch (c) {
	case OPT_NO_TITLE: f->no_title = 1; return -1;
	case OPT_NO_FOOTNOTE: f->no_footnote = 1; return -1;
	case OPT_MEMORY_UNIT:
		if (ts_fig_parse_mem_unit(arg, &f->mem_unit) < 0)
			return ts_cli_usage_error("analyze", "--memory-unit '%s': expected MB, GB, MiB or GiB", arg);
		return -1;
	case OPT_LOG_RTF:
	case OPT_LINEAR_RTF:
		if (f->rtf_axis != TS_RTF_AUTO && f->rtf_axis != axis)
			return ts_cli_usage_error("analyze", "--log-rtf and --linear-rtf cannot be used together");
		f->rtf_axis = axis;
		return -1;
	case OPT_FIGURES:
		if (ts_fig_parse_figures(arg, &f->figures) < 0)
			return ts_cli_usage_error("analyze", "--figures '%s': expected a list of %s", arg, TS_FIG_NAMES);
		return -1;
	case OPT_ERRORBAR:
		if (ts_fig_parse_errorbar(arg, &f->errorbar) < 0)
			return ts_cli_usage_error("analyze", "--errorbar '%s': expected sd, se, ci95 or none", arg);
		return -1;
	default:
		return -2;
	}
}

/* --tables (issue 14 item 1). Returns -1 when done, -2 when c is not
 * it, or an exit status. */
static int table_option(int c, const char *arg, struct analyze_opts *o)
{
	if (c != OPT_TABLES)
		return -2;
	if (ts_tables_parse(arg, &o->tables) < 0)
		return ts_cli_usage_error("analyze", "--tables '%s': expected a list of tex, md, csv, or none", arg);
	return -1;
}

/* The options of analyze, as getopt_long takes them (their --help text is
 * templates/usage/analyze.txt). */
static const struct option opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "db", required_argument, NULL, OPT_DB },
	{ "quiet", no_argument, NULL, 'q' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "height", required_argument, NULL, OPT_HEIGHT },
	{ "font-size", required_argument, NULL, OPT_FONT_SIZE },
	{ "font", required_argument, NULL, OPT_FONT },
	{ "dpi", required_argument, NULL, OPT_DPI },
	{ "grayscale", no_argument, NULL, OPT_GRAYSCALE },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "timing", no_argument, NULL, OPT_TIMING },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "reference", required_argument, NULL, OPT_REFERENCE },
	{ "no-title", no_argument, NULL, OPT_NO_TITLE },
	{ "no-footnote", no_argument, NULL, OPT_NO_FOOTNOTE },
	{ "memory-unit", required_argument, NULL, OPT_MEMORY_UNIT },
	{ "log-rtf", no_argument, NULL, OPT_LOG_RTF },
	{ "linear-rtf", no_argument, NULL, OPT_LINEAR_RTF },
	{ "figures", required_argument, NULL, OPT_FIGURES },
	{ "errorbar", required_argument, NULL, OPT_ERRORBAR },
	{ "tables", required_argument, NULL, OPT_TABLES },
	{ "by", required_argument, NULL, OPT_BY },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* The usage error of an option given '' (where a name is needed). */
static int empty_path(const char *opt, const char *what)
{
	return ts_cli_usage_error("analyze", "--%s '': expected %s", opt, what);
}

/* Keep option c (parsed without error) for the manifest: "--NAME" by its
 * full name, then its value if it takes one, as given. Not kept: -o,
 * -q, --timing, --db, which decide where the files go and what is
 * printed, not what the outputs hold (two runs that differ only in them
 * write the same bytes). */
static void record_arg(struct analyze_opts *o, int c, const char *arg)
{
	const struct option *p = opts;

	if (c == 'o' || c == 'q' || c == OPT_TIMING || c == OPT_DB)
		return;
	while (p->name && p->val != c)
		p++;
	if (!p->name)
		return;
	TS_GROW(o->args, o->nr_args + 2, o->alloc_args);
	o->args[o->nr_args++] = ts_xasprintf("--%s", p->name);
	if (p->has_arg == required_argument)
		o->args[o->nr_args++] = ts_utf8_clean(arg);
}

/* --baseline VALUE[,VALUE...] against the --by columns (effect.h).
 * Returns -1 to go on, or the status of a usage error. */
static int baseline_option(struct analyze_opts *o)
{
	char why[400];

	if (!o->baseline_arg)
		return -1;
	if (!o->by.n)
		return ts_cli_usage_error("analyze", "--baseline '%s' needs --by COLUMN (the setting it compares)",
					  o->baseline_arg);
	if (ts_effect_parse(o->baseline_arg, o->by.n, &o->baseline, why, sizeof(why)) < 0)
		return ts_cli_usage_error("analyze", "--baseline '%s': %s", o->baseline_arg, why);
	return -1;
}

/* Parse argv into o; returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, struct analyze_opts *o)
{
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
		const char *arg = optarg;
		switch (c) {
		case 'o': if (!*arg) return empty_path("output", "a folder"); o->out_dir = arg; break;
		case OPT_DB: if (!*arg) return empty_path("db", "a file"); o->db_path = arg; break;
		case 'q': o->quiet = 1; break;
		case OPT_FORMAT:
			if (ts_fig_parse_formats(arg, &o->fig.formats) < 0)
				return ts_cli_usage_error("analyze", "--format '%s': expected a list of png, pdf, svg", arg);
			break;
		case OPT_WIDTH:
			if ((rc = parse_length("width", arg, &o->fig.width_pt)) >= 0)
				return rc;
			break;
		case OPT_HEIGHT:
			if ((rc = parse_length("height", arg, &o->fig.height_pt)) >= 0)
				return rc;
			break;
		case OPT_FONT_SIZE:
			if (parse_number(arg, TS_FIG_FONT_MIN, TS_FIG_FONT_MAX, &o->fig.font_size_pt) < 0)
				return ts_cli_usage_error("analyze", "--font-size '%s': expected points from %g to %g",
							  arg, TS_FIG_FONT_MIN, TS_FIG_FONT_MAX);
			break;
		case OPT_FONT: if (!*arg) return empty_path("font", "a font family"); o->fig.font = arg; break;
		case OPT_DPI:
			if (parse_number(arg, TS_FIG_DPI_MIN, TS_FIG_DPI_MAX, &o->fig.dpi) < 0)
				return ts_cli_usage_error("analyze", "--dpi '%s': expected a number from %g to %g",
							  arg, TS_FIG_DPI_MIN, TS_FIG_DPI_MAX);
			break;
		case OPT_GRAYSCALE: o->fig.grayscale = 1; break;
		case OPT_TIMING: o->timing = 1; break;
		case OPT_LABEL:
			if (!strchr(arg, '=') || arg[0] == '=')
				return ts_cli_usage_error("analyze", "--label '%s': expected KEY=TEXT", arg);
			if (strchr(arg, '=')[1] == '\0')
				return ts_cli_usage_error("analyze", "--label '%s': the label is empty", arg);
			TS_GROW(o->labels, o->nr_labels + 1, o->alloc_labels);
			o->labels[o->nr_labels++] = optarg;
			break;
		case 'h':
			ts_cli_print_help(ts_tpl_usage_analyze_txt);
			return TS_EXIT_OK;
		default:   /* '?' or ':', or one of the functions' above */
			if ((rc = parse_statistics(c, arg, o)) == -2)
				rc = thesis_option(c, arg, &o->fig);
			if (rc == -2)
				rc = table_option(c, arg, o);
			if (rc != -1)
				return rc == -2 ? ts_cli_option_error("analyze", c, opts, argv) : rc;
			break;
		}
		record_arg(o, c, arg);
	}
	if (o->fig.figures != TS_FIG_ALL && (o->fig.figures & TS_FIG_FIG4) && !o->reference)
		return ts_cli_usage_error("analyze", "--figures fig4_relative needs --reference TIER (the tier it compares with)");
	if ((rc = baseline_option(o)) != -1)
		return rc;
	if (o->fig.figures != TS_FIG_ALL && (o->fig.figures & TS_FIG_FIG7) && !o->baseline.n)
		return ts_cli_usage_error("analyze", "--figures fig7_setting_effect needs --by COLUMN and --baseline VALUE (the setting it compares)");
	if (optind >= argc)
		return ts_cli_usage_error("analyze", "no metrics folder given");
	if (optind + 1 < argc)
		return ts_cli_usage_error("analyze", "one metrics folder expected, got '%s' too", argv[optind + 1]);
	o->metrics_dir = argv[optind];
	return -1;
}

/* mkdir -p for the output folder. */
static int make_dir(const char *path, struct ts_diag *d)
{
	char *p = ts_xstrdup(path);
	struct stat st;
	int rc = 0;

	if (!*path) {
		free(p);
		ts_diag_run(d, TS_ERROR, "the output folder name is empty");
		return -1;
	}

	for (char *s = p + 1; ; s++) {
		char c = *s;
		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			ts_diag_run(d, TS_ERROR, "cannot create output folder '%s': %s", p, strerror(errno));
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (rc == 0 && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))) {
		ts_diag_run(d, TS_ERROR, "output '%s' is not a folder", path);
		rc = -1;
	}
	free(p);
	return rc;
}

/* PDF dates: SOURCE_DATE_EPOCH if set (reproducible builds convention),
 * else the newest input's mtime: never the clock. */
static time_t creation_time(const struct ts_inputs *in, struct ts_diag *d)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (sde && *sde) {
		char *end;
		long long v;
		errno = 0;
		v = strtoll(sde, &end, 10);
		if (!errno && !*end && v >= 0)
			return (time_t)v;
		ts_diag_run(d, TS_WARNING, "SOURCE_DATE_EPOCH '%s' is not a number of seconds (ignored)", sde);
	}
	return in->newest_mtime;
}

/* numbers.tex, with the LaTeX tables (numbers.h). */
static int write_numbers(const struct analyze_opts *o, const struct ts_tiers *t,
			 struct ts_outset *set, struct ts_diag *d)
{
	FILE *fp = ts_outset_open(set, "numbers.tex", d);

	if (!fp)
		return -1;
	ts_numbers_write(fp, t, o->fig.errorbar);
	return ts_outset_close(set, fp, d);
}

static int write_outputs(const struct analyze_opts *o, const struct ts_tiers *t,
			 const struct ts_manifest *run_m, struct ts_outset *set,
			 struct ts_diag *d, struct timing *tm)
{
	FILE *fp;
	int rc;

	rc = ts_figures_render(t, &o->fig, set, d);
	lap(tm, PH_FIGURES);
	if (rc < 0)
		return -1;
	rc = ts_tables_render(t, o->tables, o->fig.errorbar, set, d);
	if (rc >= 0 && (o->tables & TS_TAB_TEX))
		rc = write_numbers(o, t, set, d);
	lap(tm, PH_TABLES);
	if (rc < 0)
		return -1;
	fp = ts_outset_open(set, "hardware_metadata.json", d);
	if (!fp)
		return -1;
	if (ts_export_json(fp, t, o->metrics_dir_text, ts_fig_errorbar_name(o->fig.errorbar),
			   run_m, d) < 0) {
		ts_outset_fail(set, fp);
		return -1;
	}
	rc = ts_outset_close(set, fp, d);
	if (rc == 0)
		rc = ts_captions_write(set, t, &o->fig, d);
	lap(tm, PH_JSON);
	if (rc < 0)
		return -1;
	rc = ts_outset_commit(set, d);
	lap(tm, PH_COMMIT);
	return rc;
}

/* The PDFs' Keywords: "tierstat VERSION analyze OPTIONS" with the
 * options of the manifest, an option with a space or a quote in single
 * quotes as a shell reads it (the metrics folder, a path of this
 * machine, is not said). Caller frees. */
static char *pdf_keywords(const struct analyze_opts *o)
{
	char *s = ts_xstrdup("tierstat " TS_VERSION " analyze");

	for (size_t i = 0; i < o->nr_args; i++) {
		const char *a = o->args[i];
		char *n;
		if (*a && !a[strcspn(a, " \t\n'\"\\$`")]) {
			n = ts_xasprintf("%s %s", s, a);
		} else {
			size_t len = strlen(s), k = len;
			n = ts_xmalloc(len + 4 * strlen(a) + 4);
			memcpy(n, s, len);
			n[k++] = ' ';
			n[k++] = '\'';
			for (; *a; a++) {
				if (*a == '\'') {   /* ' -> '\'' */
					memcpy(n + k, "'\\''", 4);
					k += 4;
				} else {
					n[k++] = *a;
				}
			}
			n[k++] = '\'';
			n[k] = '\0';
		}
		free(s);
		s = n;
	}
	return s;
}

/* The synthesis statistics, computed while the realtime files are still
 * being parsed on the other threads (see ts_ingest). */
struct between {
	struct ts_tiers *tiers;
	struct ts_store *store;
	long warmup;
	const struct ts_by *by;
	int rc;
};

static void synthesis_statistics(void *ctx, struct ts_diag *d)
{
	struct between *b = ctx;

	b->rc = ts_tiers_build_synthesis_by(b->tiers, b->store, b->warmup, b->by, d);
}

/* Apply the --label options, then --reference: each names a tier as
 * ts_tiers_find() reads names; then --baseline. Returns -1 to go on, or
 * the status of the usage error for a name that is no tier or more than
 * one, or a baseline value that no row has. */
static int name_tiers(const struct analyze_opts *o, struct ts_tiers *tiers)
{
	char why[600];
	long k;

	for (size_t i = 0; i < o->nr_labels; i++) {
		char *eq = strchr(o->labels[i], '=');
		*eq = '\0';
		k = ts_tiers_find(tiers, o->labels[i], why, sizeof(why));
		*eq = '=';
		if (k < 0)
			return ts_cli_usage_error("analyze", "--label '%s': %s", o->labels[i], why);
		ts_tiers_set_label(tiers, k, eq + 1);
	}
	if (o->reference) {
		if ((k = ts_tiers_find(tiers, o->reference, why, sizeof(why))) < 0)
			return ts_cli_usage_error("analyze", "--reference: %s", why);
		ts_tiers_set_reference(tiers, k);
	}
	if (o->baseline.n) {
		if (ts_effect_check(tiers, &o->baseline, why, sizeof(why)) < 0)
			return ts_cli_usage_error("analyze", "--baseline '%s': %s", o->baseline.text, why);
		ts_effect_build(tiers, &o->baseline);
	}
	return -1;
}

/* Stages 2 and 3: the inputs into the store, the store into the model.
 * Returns 0, or -1 when the store failed (reported). */
static int read_inputs(struct ts_store *store, const struct ts_inputs *in,
		       const struct analyze_opts *o, struct ts_load_totals *tot,
		       struct ts_tiers *tiers, struct ts_ingest_report *rep, struct timing *tm,
		       struct ts_diag *d)
{
	struct between b = { tiers, store, o->warmup, &o->by, 0 };

	if (ts_ingest(store, in, tot, d, rep, synthesis_statistics, &b) < 0 || b.rc < 0)
		return -1;
	tm->t[PH_SPECS] += rep->specs_s;
	tm->t[PH_ANALYSIS] += rep->analysis_s;
	tm->t[PH_SYNTHESIS] += rep->synthesis_s;
	tm->t[PH_REALTIME] += rep->realtime_s;
	tm->t[PH_STATISTICS] += rep->between_s;
	tm->last = now_s();
	if (ts_tiers_finish(tiers, store, d) < 0)
		return -1;
	lap(tm, PH_STATISTICS);
	return 0;
}

static int run(struct analyze_opts *o, struct ts_diag *d)
{
	struct ts_inputs in = { 0 };
	struct ts_load_totals tot = { 0 };
	struct ts_ingest_report rep = { 0 };
	struct ts_tiers tiers = { 0 };
	struct ts_outset set;
	struct ts_manifest man = { 0 };
	char *keywords = NULL;
	struct ts_store *store = NULL;
	const char *out_dir = o->out_dir ? o->out_dir : o->metrics_dir;
	int rc = TS_EXIT_FAILURE, named;
	struct timing tm = { .on = o->timing };
	double start = tm.last = now_s();

	ts_outset_init(&set, out_dir);
	o->metrics_dir_text = ts_utf8_clean(o->metrics_dir);
	if (ts_scan_dir(o->metrics_dir, &in, d) < 0)
		goto out;
	lap(&tm, PH_SCAN);
	o->fig.creation_time = creation_time(&in, d);
	if (tm.on) {
		o->fig.timing = figure_time;
		o->fig.timing_ctx = &tm;
	}
	/* the inputs' SHA-256 while they are read (manifest.h) */
	ts_manifest_hash_start(&man, &in);
	store = ts_store_open(o->db_path, d);
	if (!store || read_inputs(store, &in, o, &tot, &tiers, &rep, &tm, d) < 0)
		goto out;
	if (tiers.warmup_short_path) {
		rc = ts_cli_usage_error("analyze", "--warmup %ld: %s has only %ld request%s (nothing of it would be left)",
					o->warmup, tiers.warmup_short_path, tiers.warmup_short_rows,
					tiers.warmup_short_rows == 1 ? "" : "s");
		goto out;
	}
	if (tiers.nr == 0) {
		ts_diag_run(d, TS_ERROR, "no usable tier in '%s' (no synthesis rows and no analysis_*.json)",
			    o->metrics_dir);
		goto out;
	}
	if ((named = name_tiers(o, &tiers)) >= 0) {
		rc = named;
		goto out;
	}
	if (!o->quiet)
		ts_report_tiers(stdout, &tiers);
	man.args = (const char *const *)o->args;
	man.nr_args = o->nr_args;
	ts_manifest_hash_finish(&man);
	lap(&tm, PH_HASH);
	keywords = pdf_keywords(o);
	o->fig.pdf_keywords = keywords;
	if (make_dir(out_dir, d) < 0 || write_outputs(o, &tiers, &man, &set, d, &tm) < 0) {
		ts_diag_run(d, TS_ERROR, "no output written; the files in '%s' are as they were", out_dir);
		goto out;
	}
	if (!o->quiet) {
		ts_report_saved(stdout, &set);
		ts_report_summary(stdout, &tot, d);
	}
	rc = ts_diag_exit_status(d);
out:
	if (tm.on)
		print_timing(&tm, &rep, start);
	ts_outset_release(&set);
	ts_manifest_release(&man);
	free(keywords);
	ts_tiers_release(&tiers);
	ts_store_close(store);
	ts_inputs_release(&in);
	free(o->metrics_dir_text);
	return rc;
}

int ts_cmd_analyze(int argc, char **argv)
{
	struct analyze_opts o;
	struct ts_diag d;
	int rc;

	memset(&o, 0, sizeof(o));
	ts_fig_opts_init(&o.fig);
	o.tables = TS_TAB_ALL;
	rc = parse_args(argc, argv, &o);
	if (rc < 0) {
		ts_diag_init(&d, stderr);
		rc = run(&o, &d);
	}
	free(o.labels);
	for (size_t i = 0; i < o.nr_args; i++)
		free(o.args[i]);
	free(o.args);
	return rc;
}
