/* test_grouped.c - the grouped bar charts of --by (README "Optimisation
 * settings"; chart_bars.c with ts_bars_spec.groups, fig_bars.c
 * group_bars): with the fake measurer, 1, 4 and 16 machines of 2, 3 and
 * 4 settings at two widths, in colour and in grey (with the fake and
 * with Pango's measurer): nothing off the
 * canvas or overlapping (ts_chart_check), one label per machine centred
 * on its bars, a machine's bars side by side with a wider gap between
 * machines, a paint per setting that differs from the others', the
 * settings' legend; vertical bars where they fit, horizontal for 16
 * machines of 4 settings at 12 cm. The hardware table and its CSV export
 * (RFC 4180: CRLF) with a row per machine. Golden images (tests/golden/grouped) of the
 * same models drawn by cairo, compared as test_figures does.
 */
#include "ts.h"
#include "testutil.h"
#include "chart.h"
#include "draw.h"
#include "fig_int.h"
#include "figures.h"
#include "mem.h"
#include "outfile.h"
#include "settings.h"
#include "stats.h"
#include "tables.h"
#include "tiers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct ts_measure fake = { tu_fake_measure, NULL };

#define GOLDEN_DIR "tests/golden/grouped"
#define GOLDEN_TIME 1762763601   /* 2025-11-10T08:33:21Z, as test_figures */

/* The settings' values, in ts_settings_group_cmp order; NULL is the
 * empty value ("none"). */
static const char *const values[] = { "FP16", "INT4", "INT8", NULL };
static const char *const parts[] = { "FP16", "INT4", "INT8", "none" };
static const char *const devs[] = { "cuda", "cpu", "mps", "xpu" };

/* True for the machines that ran one setting only (the second). */
static int lonely(size_t m, size_t machines)
{
	return machines > 1 && m % 4 == 3;
}

/* `machines` machines (cycling through the device types), each with
 * `settings` tiers of quantization_used (the first `settings` values)
 * but the lonely ones; means grow with the machine and the setting. */
static int long_names;   /* machine labels that must wrap */

static void grouped_tiers(struct ts_tiers *t, size_t machines, size_t settings)
{
	char why[128];

	memset(t, 0, sizeof(*t));
	t->reference = -1;
	assert_int_equal(ts_settings_parse_by("quantization_used", &t->by, why, sizeof(why)), 0);
	for (size_t m = 0; m < machines; m++)
		for (size_t k = 0; k < settings; k++) {
			char hw[32], key[64];
			struct ts_tier *x;
			double mem = 900 + 260.0 * (double)m + 350.0 * (double)k;
			double rtf = (0.15 + 0.2 * (double)(m % 5)) * (1 + 0.4 * (double)k);
			if (lonely(m, machines) && k != 1)
				continue;
			snprintf(hw, sizeof(hw), "lab_%02zu", m);
			snprintf(key, sizeof(key), "%s_%s-%s", hw, devs[m % 4], parts[k]);
			x = tu_tier_add(t, key, NULL, devs[m % 4]);
			free(x->hardware_tier);
			x->hardware_tier = ts_xstrdup(hw);
			x->machine_key = ts_xasprintf("%s_%s", hw, devs[m % 4]);
			x->machine_label = long_names
				? ts_xasprintf("Lab %zu: the workstation by the window (Ryzen 9 7950X)", m)
				: ts_xasprintf("Lab %zu", m);
			x->group = ts_xcalloc(1, sizeof(*x->group));
			x->group[0] = values[k] ? ts_xstrdup(values[k]) : NULL;
			x->label = ts_settings_group_label(x->machine_label, &t->by, x->group);
			x->cpu_model = ts_xstrdup("Intel(R) Core(TM) i7-10700K @ 3.80GHz");
			x->cpu_cores = 8;
			x->total_memory_gb = 32;
			x->tests = 20 + (long)k;
			x->successful = x->tests - (long)((m + k) % 3);
			x->success_rate = (double)x->successful / (double)x->tests;
			ts_stats_wilson(x->successful, x->tests, x->success_ci95);
			tu_metric(x, TS_M_PEAK_MEMORY_MB, x->successful, mem, 40, 40 / sqrt(20),
				  mem - 19, mem + 19);
			tu_metric(x, TS_M_RTF, x->successful, rtf, rtf * 0.1, rtf * 0.1 / sqrt(20),
				  rtf * 0.95, rtf * 1.05);
			x->spread_known = 1;
		}
}

static void env(struct ts_fig_env *e, const struct ts_tiers *t, const struct ts_fig_opts *o)
{
	memset(e, 0, sizeof(*e));
	e->t = t;
	e->o = o;
	e->m = fake;
	e->mem_unit = "MiB";
	e->mem_div = 1;
}

/* Where bar i lies across the category axis: [lo, hi]. */
static void across(const struct ts_chart *c, size_t i, double *lo, double *hi)
{
	*lo = c->horizontal ? c->bars[i].y : c->bars[i].x;
	*hi = *lo + (c->horizontal ? c->bars[i].h : c->bars[i].w);
}

static const struct ts_measure *measurer = &fake;   /* or Pango's */

static void check_grouped(size_t machines, size_t settings, double width, int grey,
			  int want_orient)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_fig_env e;
	struct ts_fig_bars_spec b;
	struct ts_chart c;
	double g_lo[16], g_hi[16], within = 0, between = INFINITY;
	size_t cats = 0;
	char what[96];

	grouped_tiers(&t, machines, settings);
	ts_fig_opts_init(&o);
	o.width_pt = width;
	o.grayscale = grey;
	env(&e, &t, &o);
	e.m = *measurer;
	assert_int_equal(ts_fig_bars_fill(&b, &e, TS_FIG_MEMORY), 0);
	assert_int_equal(b.s.nr_groups, machines);
	ts_chart_init(&c);
	snprintf(what, sizeof(what), "%zu machines x %zu settings at %.0f pt%s%s", machines,
		 settings, width, grey ? " grey" : "", measurer == &fake ? "" : " (Pango)");
	assert_int_equal(ts_chart_bars(&c, &b.s, measurer), 0);
	tu_assert_chart_ok(&c, what);
	if (want_orient)
		assert_int_equal(c.horizontal, want_orient == 2);
	/* a machine's bars side by side, in machine order, a wider gap
	 * between two machines than between two settings of one */
	for (size_t g = 0; g < machines; g++) {
		double prev_hi = NAN;
		g_lo[g] = INFINITY;
		g_hi[g] = -INFINITY;
		for (size_t i = 0; i < t.nr; i++) {
			double lo, hi;
			if (b.bars[i].group != g)
				continue;
			across(&c, i, &lo, &hi);
			assert_true(hi > lo);
			if (isfinite(prev_hi)) {
				assert_true(lo >= prev_hi - 1e-9);
				within = fmax(within, lo - prev_hi);
			}
			prev_hi = hi;
			g_lo[g] = fmin(g_lo[g], lo);
			g_hi[g] = fmax(g_hi[g], hi);
		}
		if (g > 0) {
			assert_true(g_lo[g] > g_hi[g - 1]);
			between = fmin(between, g_lo[g] - g_hi[g - 1]);
		}
	}
	if (machines > 1)
		assert_true(between > within + 2);
	/* one label per machine, its name, centred on its bars */
	for (size_t i = 0; i < c.nr; i++) {
		const struct ts_item *it = &c.items[i];
		double mid, g_mid;
		size_t g;
		char *flat;
		if (it->kind != TS_ITEM_TEXT || it->role != TS_ROLE_CATEGORY)
			continue;
		assert_int_equal(sscanf(it->text, "Lab %zu", &g), 1);
		assert_true(g < machines);
		flat = ts_xstrdup(it->text);   /* wrapped: the lines joined */
		for (char *p = flat; *p; p++)
			if (*p == '\n')
				*p = ' ';
		assert_string_equal(flat, b.s.groups[g]);
		free(flat);
		mid = c.horizontal ? it->y + it->h / 2 : it->x + it->w / 2;
		g_mid = (g_lo[g] + g_hi[g]) / 2;
		assert_true(fabs(mid - g_mid) < 0.5);
		cats++;
	}
	assert_int_equal(cats, machines);
	/* within a machine, each setting its own paint; the legend names
	 * every setting with the column */
	for (size_t i = 0; i < t.nr; i++)
		for (size_t j = i + 1; j < t.nr; j++) {
			const struct ts_paint *p = &c.items[0].paint, *q = p;
			if (b.bars[i].group != b.bars[j].group)
				continue;
			for (size_t k = 0; k < c.nr; k++)
				if (c.items[k].kind == TS_ITEM_RECT && c.items[k].role == TS_ROLE_BAR) {
					if (c.items[k].tier == (long)i)
						p = &c.items[k].paint;
					if (c.items[k].tier == (long)j)
						q = &c.items[k].paint;
				}
			assert_true(b.bars[i].shade != b.bars[j].shade);
			assert_true(p->hatch != q->hatch || fabs(p->fill.r - q->fill.r) > 0.05 ||
				    fabs(p->fill.g - q->fill.g) > 0.05);
		}
	assert_non_null(tu_find_text(&c, "quantization_used:"));
	for (size_t k = 0; k < settings; k++)
		assert_non_null(tu_find_text(&c, parts[k]));
	ts_chart_release(&c);
	ts_fig_bars_release(&b);
	ts_tiers_release(&t);
}

static void layouts(void **state)
{
	static const size_t counts[] = { 1, 4, 16 };

	(void)state;
	for (size_t k = 0; k < TS_COUNTOF(counts); k++)
		for (size_t s = 2; s <= 4; s++)
			for (int grey = 0; grey < 2; grey++) {
				check_grouped(counts[k], s, 453.6, grey, 0);   /* 6.3 in */
				check_grouped(counts[k], s, 340.2, grey, 0);   /* 12 cm */
			}
	long_names = 1;   /* wrapped in their clusters, or in the left column */
	for (size_t k = 0; k < TS_COUNTOF(counts); k++)
		for (size_t s = 2; s <= 4; s += 2) {
			check_grouped(counts[k], s, 453.6, 0, 0);
			check_grouped(counts[k], s, 340.2, 1, 0);
		}
	long_names = 0;
	check_grouped(1, 2, 453.6, 0, 1);     /* two bars stand */
	check_grouped(4, 2, 453.6, 0, 1);
	check_grouped(16, 4, 340.2, 0, 2);    /* 60 bars lie down */
}

/* The same layouts measured by Pango with the font the figures use:
 * nothing overlaps or leaves the canvas with real glyph widths either. */
static void layouts_pango(void **state)
{
	static const size_t counts[] = { 1, 4, 16 };
	struct ts_draw_text *tx = ts_draw_text_new(NULL);
	struct ts_measure real = ts_draw_measurer(tx);

	(void)state;
	measurer = &real;
	for (int names = 0; names < 2; names++) {
		long_names = names;
		for (size_t k = 0; k < TS_COUNTOF(counts); k++)
			for (size_t s = 2; s <= 4; s++) {
				check_grouped(counts[k], s, 453.6, 0, 0);
				check_grouped(counts[k], s, 340.2, 1, 0);
			}
	}
	long_names = 0;
	measurer = &fake;
	ts_draw_text_free(tx);
}

/* The paints of a grouped chart: each setting's differs from the
 * others' of one class, in colour and in grey (where the class's grey
 * level stays and the hatch alone tells the setting); a tier from
 * analysis JSON alone is cross-hatched, unlike any setting. */
static void paints(void **state)
{
	(void)state;
	for (int grey = 0; grey < 2; grey++)
		for (int d = 0; d < TS_DEV_COUNT; d++) {
			struct ts_paint p[TS_SHADES];
			for (int k = 0; k < TS_SHADES; k++) {
				ts_chart_paint_shade((enum ts_dev)d, grey, 0, k, &p[k]);
				assert_true(p[k].outline);
				for (int j = 0; j < k; j++)
					assert_true(p[j].hatch != p[k].hatch);
			}
			assert_int_equal(p[0].hatch, 0);
			for (int k = 1; grey && k < TS_SHADES; k++)   /* grey: the class's level */
				assert_true(p[k].fill.r == p[0].fill.r && p[k].fill.g == p[0].fill.g);
			{
				struct ts_paint a;   /* analysis JSON alone: none of the settings' */
				ts_chart_paint_shade((enum ts_dev)d, grey, 1, 2, &a);
				assert_int_equal(a.hatch, TS_HATCH_FWD | TS_HATCH_BACK);
				for (int k = 0; k < TS_SHADES; k++)
					assert_true(a.hatch != p[k].hatch);
			}
		}
}

/* Machine order, shades, the analysis-only machine and the fallback. */
static void from_model(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_fig_env e;
	struct ts_fig_bars_spec b;

	(void)state;
	grouped_tiers(&t, 4, 3);
	ts_fig_opts_init(&o);
	env(&e, &t, &o);
	assert_int_equal(ts_fig_bars_fill(&b, &e, TS_FIG_RTF), 0);
	assert_int_equal(t.nr, 10);   /* 3 + 3 + 3 + lonely 1 */
	assert_int_equal(b.s.nr_groups, 4);
	assert_string_equal(b.s.groups[0], "Lab 0");
	assert_string_equal(b.s.groups[3], "Lab 3");
	assert_int_equal(b.bars[9].group, 3);
	assert_int_equal(b.bars[9].shade, 1);   /* INT4, the second setting */
	assert_int_equal(b.bars[4].shade, 1);
	assert_string_equal(b.s.frame.shade_title, "quantization_used:");
	assert_string_equal(b.s.frame.shades[0], "FP16");
	assert_string_equal(b.s.frame.shades[2], "INT8");
	assert_null(b.s.frame.shades[3]);
	ts_fig_bars_release(&b);
	{
		char *cap = ts_fig_caption(&t, &o, TS_FIG_FIG1);
		assert_non_null(strstr(cap, "successful requests per hardware tier and setting "
				       "(quantization_used), a tier's settings side by side (told "
				       "apart by shade and hatch); "));
		free(cap);
		cap = ts_fig_caption(&t, &o, TS_FIG_SUMMARY);
		assert_non_null(strstr(cap, "requests over all its settings and the settings "
				       "of quantization_used it ran."));
		free(cap);
	}
	/* fig4 stays a row per tier */
	ts_tiers_set_reference(&t, 0);
	t.v[0].relative[TS_M_RTF].ratio = 1;
	assert_int_equal(ts_fig_bars_fill(&b, &e, TS_FIG_RELATIVE), 0);
	assert_null(b.s.groups);
	ts_fig_bars_release(&b);
	ts_tiers_release(&t);
}

/* Five settings are more than the shades: a bar per tier, labelled in
 * full, as without grouping. */
static void too_many_settings(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_fig_env e;
	struct ts_fig_bars_spec b;
	static const char *const five[] = { "A", "B", "C", "D", "E" };

	(void)state;
	grouped_tiers(&t, 1, 1);
	for (int k = 1; k < 5; k++) {
		char key[32];
		struct ts_tier *x;
		snprintf(key, sizeof(key), "lab_00_cuda-%s", five[k]);
		x = tu_tier_add(&t, key, NULL, "cuda");
		free(x->hardware_tier);
		x->hardware_tier = ts_xstrdup(t.v[0].hardware_tier);
		x->machine_label = ts_xstrdup("Lab 0");
		x->label = ts_xasprintf("Lab 0 (%s)", five[k]);
		x->group = ts_xcalloc(1, sizeof(*x->group));
		x->group[0] = ts_xstrdup(five[k]);
	}
	ts_fig_opts_init(&o);
	env(&e, &t, &o);
	assert_int_equal(ts_fig_bars_fill(&b, &e, TS_FIG_MEMORY), 0);
	assert_null(b.s.groups);
	assert_null(b.s.frame.shades[0]);
	ts_fig_bars_release(&b);
	{
		struct tu_diag td;
		char *cap = ts_fig_caption(&t, &o, TS_FIG_FIG2);
		assert_non_null(strstr(cap, "successful requests per hardware tier; "));
		free(cap);
		tu_diag_init(&td);
		ts_fig_note_grouped(&t, &o, &td.d);
		assert_string_equal(tu_diag_text(&td),
			"tierstat: note: fig1-fig3: --by quantization_used gives more than 4 "
			"settings, more than a grouped bar chart keeps apart by shade: a bar per "
			"group, each labelled in full\n");
		tu_diag_release(&td);
	}
	ts_tiers_release(&t);
}

/* The hardware table, drawn and exported: a row per machine, its tests
 * summed over its settings, the settings listed. */
static void hardware_table(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_fig_env e;
	struct ts_fig_table_spec b;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	grouped_tiers(&t, 4, 3);
	ts_fig_opts_init(&o);
	env(&e, &t, &o);
	assert_int_equal(ts_fig_table_fill(&b, &e), 0);
	assert_int_equal(b.s.nr_rows, 4);
	assert_int_equal(b.s.nr_cols, 8);
	assert_string_equal(b.s.headers[7], "Settings");
	assert_string_equal(b.s.cells[0 * 8 + 0], "Lab 0");
	assert_string_equal(b.s.cells[0 * 8 + 6], "63");   /* 20 + 21 + 22 */
	assert_string_equal(b.s.cells[0 * 8 + 7], "FP16; INT4; INT8");
	assert_string_equal(b.s.cells[3 * 8 + 6], "21");
	assert_string_equal(b.s.cells[3 * 8 + 7], "INT4");
	ts_fig_table_release(&b);
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	ts_tables_write(fp, TS_TABLE_HARDWARE, TS_TAB_CSV, &t, TS_ERR_SD);
	assert_int_equal(fclose(fp), 0);
	assert_string_equal(buf,
		"key,label,device_type,cpu_model,cpu_cores,total_memory_gb,gpu_name,tests,settings\r\n"
		"lab_00_cuda,Lab 0,cuda,Intel(R) Core(TM) i7-10700K @ 3.80GHz,8,32.0,,63,FP16; INT4; INT8\r\n"
		"lab_01_cpu,Lab 1,cpu,Intel(R) Core(TM) i7-10700K @ 3.80GHz,8,32.0,,63,FP16; INT4; INT8\r\n"
		"lab_02_mps,Lab 2,mps,Intel(R) Core(TM) i7-10700K @ 3.80GHz,8,32.0,,63,FP16; INT4; INT8\r\n"
		"lab_03_xpu,Lab 3,xpu,Intel(R) Core(TM) i7-10700K @ 3.80GHz,8,32.0,,21,INT4\r\n");
	free(buf);
	ts_tiers_release(&t);
}

/* ====================== golden images ====================== */

static void render_golden(size_t machines, size_t settings, int grey, unsigned figs,
			  const char *prefix, const char *const *names, size_t nr_names)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct tu_diag td;
	struct ts_outset set;
	char *dir = tu_mkdtemp();

	grouped_tiers(&t, machines, settings);
	ts_fig_opts_init(&o);
	o.formats = TS_FMT_PNG;
	o.dpi = 100;
	o.grayscale = grey;
	o.figures = figs;
	o.creation_time = GOLDEN_TIME;
	tu_diag_init(&td);
	ts_outset_init(&set, dir);
	assert_true(ts_figures_render(&t, &o, &set, &td.d) >= 0);
	assert_int_equal(ts_outset_commit(&set, &td.d), 0);
	ts_outset_release(&set);
	for (size_t k = 0; k < nr_names; k++) {
		char from[512], to[512];
		tu_pathf(from, sizeof(from), "%s/%s.png", dir, names[k]);
		tu_pathf(to, sizeof(to), "%s/%s_%s.png", dir, prefix, names[k]);
		assert_int_equal(rename(from, to), 0);
		tu_pathf(to, sizeof(to), "%s_%s", prefix, names[k]);
		tu_golden_compare(GOLDEN_DIR, dir, to);
	}
	tu_diag_release(&td);
	ts_tiers_release(&t);
	tu_rmtree(dir);
	free(dir);
}

static void golden(void **state)
{
	static const char *const bars[] = {
		"fig1_memory_comparison", "fig2_rtf_comparison", "fig3_success_rate",
	};
	static const char *const fig1[] = { "fig1_memory_comparison" };
	static const char *const fig2[] = { "fig2_rtf_comparison" };
	static const char *const table[] = { "fig_hardware_summary" };

	(void)state;
	render_golden(1, 2, 0, TS_FIG_FIG1, "m1_s2", fig1, 1);
	render_golden(4, 3, 0, TS_FIG_FIG1 | TS_FIG_FIG2 | TS_FIG_FIG3, "m4_s3", bars, 3);
	render_golden(4, 3, 1, TS_FIG_FIG1 | TS_FIG_FIG2 | TS_FIG_FIG3, "m4_s3_grey", bars, 3);
	render_golden(4, 3, 0, TS_FIG_SUMMARY, "m4_s3", table, 1);
	render_golden(16, 4, 0, TS_FIG_FIG1, "m16_s4", fig1, 1);
	render_golden(16, 4, 1, TS_FIG_FIG2, "m16_s4_grey", fig2, 1);
	long_names = 1;
	render_golden(4, 2, 0, TS_FIG_FIG1, "m4_s2_long", fig1, 1);
	long_names = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(layouts),
		cmocka_unit_test(layouts_pango),
		cmocka_unit_test(paints),
		cmocka_unit_test(from_model),
		cmocka_unit_test(too_many_settings),
		cmocka_unit_test(hardware_table),
		cmocka_unit_test(golden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
