/* fig_table.c - fig_hardware_summary: the tier model as a table spec
 * (see fig_int.h). One row per tier, tinted by device type.
 */
#include "ts.h"
#include "fig_int.h"
#include "mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_COLS TS_FIG_TABLE_COLS
#define DASH "\xe2\x80\x93"   /* en dash: not known */
#define DAGGER "\xe2\x80\xa0"

static char *metric(const struct ts_summary *s, double div)
{
	char buf[32];

	if (s->n == 0 || !isfinite(s->mean))
		return ts_xstrdup("no data");
	ts_chart_fmt3(s->mean / div, buf, sizeof(buf));
	return ts_xstrdup(buf);
}

/* A CPU or GPU name without the trademark signs that vendors put in
 * them ("Intel(R) Core(TM) i5" -> "Intel Core i5"); a table in a thesis
 * has no room for them. */
static char *model(const char *name)
{
	static const char *const marks[] = { "(R)", "(TM)", "(r)", "(tm)" };
	char *out, *o;
	const char *s;

	if (!name || !*name)
		return ts_xstrdup(DASH);
	out = ts_xmalloc(strlen(name) + 1);
	for (s = name, o = out; *s;) {
		size_t k, n = 0;
		for (k = 0; k < TS_COUNTOF(marks) && !n; k++)
			if (strncmp(s, marks[k], strlen(marks[k])) == 0)
				n = strlen(marks[k]);
		if (n) {
			s += n;
			continue;
		}
		if (*s == ' ' && (o == out || o[-1] == ' ')) {
			s++;
			continue;
		}
		*o++ = *s++;
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	if (!*out) {
		free(out);
		return ts_xstrdup(name);
	}
	return out;
}

static char *ram(double gb)
{
	if (!isfinite(gb))
		return ts_xstrdup(DASH);
	return ts_xasprintf(gb == floor(gb) ? "%.0f" : "%.1f", gb);
}

/* "CPU", "XPU": as the legends write it. */
static char *device(const char *type)
{
	char *s = ts_chart_dev_text(type);

	return s ? s : ts_xstrdup(DASH);
}

/* The hardware cells 0-6 of a row: `label` (a dagger for a tier from
 * analysis JSON alone), device, CPU, cores, RAM, GPU, `tests`. */
static void hardware_cells(char **cell, const struct ts_tier *tier, const char *label,
			   long tests)
{
	cell[0] = tier->from == TS_FROM_ANALYSIS_JSON ? ts_xasprintf("%s" DAGGER, label)
						      : ts_xstrdup(label);
	cell[1] = device(tier->device_type);
	cell[2] = model(tier->cpu_model);
	cell[3] = tier->cpu_cores >= 0 ? ts_xasprintf("%ld", tier->cpu_cores)
				       : ts_xstrdup(DASH);
	cell[4] = ram(tier->total_memory_gb);
	cell[5] = model(tier->gpu_name);
	cell[6] = tests >= 0 ? ts_xasprintf("%ld", tests) : ts_xstrdup(DASH);
}

static void row(char **cell, const struct ts_tier *tier,
		const struct ts_fig_env *e)
{
	char buf[32];

	hardware_cells(cell, tier, ts_fig_label(tier), tier->tests);
	if (isfinite(tier->success_rate)) {
		ts_chart_fmt3(tier->success_rate * 100, buf, sizeof(buf));
		cell[7] = ts_xasprintf("%s\xc2\xa0%%", buf);
	} else {
		cell[7] = ts_xstrdup(DASH);
	}
	cell[8] = metric(&tier->metrics[TS_M_RTF], 1);
	cell[9] = metric(&tier->metrics[TS_M_PEAK_MEMORY_MB], e->mem_div);
}

/* With --by: the row of tier i's machine (README "Grouped figures"):
 * its hardware, its tests over all its settings, the settings. */
static void machine_row(char **cell, const struct ts_tiers *t, size_t i)
{
	char *v = ts_tiers_machine_settings(t, i);

	hardware_cells(cell, &t->v[i], t->v[i].machine_label, ts_tiers_machine_tests(t, i));
	cell[7] = v ? v : ts_xstrdup(DASH);
}

int ts_fig_table_fill(struct ts_fig_table_spec *b, const struct ts_fig_env *e)
{
	static const int numeric[NR_COLS] = { 0, 0, 0, 1, 1, 0, 1, 1, 1, 1 };
	static const int numeric_by[NR_COLS] = { 0, 0, 0, 1, 1, 0, 1, 0 };
	const struct ts_tiers *t = e->t;
	struct ts_table_spec *s = &b->s;
	size_t n = t->nr ? t->nr : 1, nn = 0, nr_rows = 0;
	size_t cols = t->by.n ? 8 : NR_COLS;   /* --by: to Settings */
	int agg = 0;

	memset(b, 0, sizeof(*b));
	b->mem_h = ts_xasprintf("Memory (%s)", e->mem_unit);
	b->cells = ts_xcalloc(n * NR_COLS, sizeof(char *));
	b->devs = ts_xcalloc(n, sizeof(*b->devs));
	b->headers[0] = "Tier";
	b->headers[1] = "Device";
	b->headers[2] = "CPU";
	b->headers[3] = "Cores";
	b->headers[4] = "RAM (GB)";
	b->headers[5] = "GPU";
	b->headers[6] = "Tests";
	b->headers[7] = "Success";
	b->headers[8] = "RTF";
	b->headers[9] = b->mem_h;
	for (size_t i = 0; i < t->nr; i++) {
		char **cell = &b->cells[nr_rows * cols];
		if (t->by.n && ts_tiers_machine_first(t, i) != i)
			continue;
		if (t->by.n)
			machine_row(cell, t, i);
		else
			row(cell, &t->v[i], e);
		b->devs[nr_rows++] = ts_chart_dev(t->v[i].device_type);
		agg |= t->v[i].from == TS_FROM_ANALYSIS_JSON;
	}
	if (t->by.n)
		b->headers[7] = "Settings";
	s->width = e->o->width_pt;
	s->frame.title = e->o->no_title ? NULL : ts_fig_title(TS_FIG_MEMORY, 1);
	s->frame.font_size = e->o->font_size_pt;
	s->frame.grayscale = e->o->grayscale;
	s->frame.other_label = e->other_label;
	s->frame.pad = 4;
	if (!e->o->no_footnote && t->by.n)
		s->frame.notes[nn++] = "Tests: over all the settings of a tier. Success, "
				       "RTF and memory per setting: fig1 to fig3 and "
				       "table_results.";
	else if (!e->o->no_footnote)
		s->frame.notes[nn++] = "Success: successful / all requests. RTF, Memory: "
				       "means of the RTF and of the peak memory over "
				       "successful requests.";
	if (agg && !e->o->no_footnote)
		s->frame.notes[nn++] = DAGGER " From analysis_*.json aggregates "
				       "only (no per-request rows).";
	s->nr_cols = cols;
	s->headers = b->headers;
	s->numeric = t->by.n ? numeric_by : numeric;
	s->nr_rows = nr_rows;
	s->cells = (const char *const *)b->cells;
	s->row_dev = b->devs;
	return 0;
}

void ts_fig_table_release(struct ts_fig_table_spec *b)
{
	for (size_t i = 0; b->cells && i < b->s.nr_rows * b->s.nr_cols; i++)
		free(b->cells[i]);
	free(b->cells);
	free(b->devs);
	free(b->mem_h);
	memset(b, 0, sizeof(*b));
}

int ts_fig_table(struct ts_chart *c, const struct ts_fig_env *e)
{
	struct ts_fig_table_spec b;
	int rc;

	ts_fig_table_fill(&b, e);
	rc = ts_chart_table(c, &b.s, &e->m);
	ts_fig_table_release(&b);
	return rc;
}
