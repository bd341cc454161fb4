/* captions.c - captions.tex and captions.md (see captions.h). */
#include "ts.h"
#include "captions.h"
#include "texesc.h"

#include <stdlib.h>
#include <string.h>

/* The figures in the order a thesis shows them, with their bits. */
static const struct { const char *name; unsigned bit; } figs[] = {
	{ "fig1_memory_comparison", TS_FIG_FIG1 }, { "fig2_rtf_comparison", TS_FIG_FIG2 },
	{ "fig3_success_rate", TS_FIG_FIG3 }, { "fig4_relative", TS_FIG_FIG4 },
	{ "fig_hardware_summary", TS_FIG_SUMMARY }, { "fig5_memory_timeline", TS_FIG_FIG5 },
	{ "fig6_duration_vs_tokens", TS_FIG_FIG6 }, { "fig7_setting_effect", TS_FIG_FIG7 },
};

/* Caption i of the run (NULL: none), and its figure's name into name:
 * figs[], then timeline_<key> of each tier with realtime samples (a key
 * that TeX cannot take in a control sequence name as it is, is left
 * out). */
static char *caption_at(const struct ts_tiers *t, const struct ts_fig_opts *o, size_t i,
			char *name, size_t size)
{
	const struct ts_tier *x;

	if (i < TS_COUNTOF(figs)) {
		snprintf(name, size, "%s", figs[i].name);
		return o->figures & figs[i].bit ? ts_fig_caption(t, o, figs[i].bit) : NULL;
	}
	x = &t->v[i - TS_COUNTOF(figs)];
	if (!(o->figures & TS_FIG_TIMELINE) || !x->timeline.nr ||
	    x->key[strspn(x->key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")])
		return NULL;
	snprintf(name, size, "timeline_%s", x->key);
	return ts_fig_tl_caption(t, o, i - TS_COUNTOF(figs));
}

/* s with Markdown's specials backslash-escaped, a newline a space. */
static void put_md(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n') {
			fputc(' ', fp);
			continue;
		}
		if (strchr("\\`*_[]<>#|{}", *s))
			fputc('\\', fp);
		fputc(*s, fp);
	}
}

static void write_tex(FILE *fp, const struct ts_tiers *t, const struct ts_fig_opts *o)
{
	fputs("% captions.tex, written by tierstat " TS_VERSION " with the figures beside it.\n"
	      "% \\input{captions} once, then \\caption{\\tscaption{fig1_memory_comparison}};\n"
	      "% the names are the figures' file names without extension.\n"
	      "\\makeatletter\n"
	      "\\ifdefined\\tscaption\\else\n"
	      "\\DeclareRobustCommand\\tscaption[1]{\\@ifundefined{tierstat@caption@#1}%\n"
	      "  {\\PackageError{tierstat}{No figure `#1' in captions.tex}"
	      "{The names are the figures' file names without extension.}}%\n"
	      "  {\\@nameuse{tierstat@caption@#1}}}\n"
	      "\\fi\n", fp);
	for (size_t i = 0; i < TS_COUNTOF(figs) + t->nr; i++) {
		char name[320], *text = caption_at(t, o, i, name, sizeof(name));
		if (!text)
			continue;
		fprintf(fp, "\\@namedef{tierstat@caption@%s}{", name);
		ts_tex_put(fp, text);
		fputs("}\n", fp);
		free(text);
	}
	fputs("\\makeatother\n", fp);
}

static void write_md(FILE *fp, const struct ts_tiers *t, const struct ts_fig_opts *o)
{
	fputs("# Figure captions\n\nWritten by tierstat " TS_VERSION " with the figures beside this file.\n", fp);
	for (size_t i = 0; i < TS_COUNTOF(figs) + t->nr; i++) {
		char name[320], *text = caption_at(t, o, i, name, sizeof(name));
		if (!text)
			continue;
		fprintf(fp, "\n**`%s`**: ", name);
		put_md(fp, text);
		fputc('\n', fp);
		free(text);
	}
}

int ts_captions_write(struct ts_outset *set, const struct ts_tiers *t,
		      const struct ts_fig_opts *o, struct ts_diag *d)
{
	static const char *const names[] = { "captions.tex", "captions.md" };

	for (int k = 0; k < 2; k++) {
		FILE *fp = ts_outset_open(set, names[k], d);
		if (!fp)
			return -1;
		if (k == 0)
			write_tex(fp, t, o);
		else
			write_md(fp, t, o);
		if (ts_outset_close(set, fp, d) < 0)
			return -1;
	}
	return 0;
}
