/* test_figures.c - the figures on real cairo surfaces (figures.h, draw.h).
 *
 * PNG size and pHYs for given --width/--dpi, bar heights measured in the
 * decoded pixels, --grayscale without a coloured pixel, byte-identical
 * PNG/PDF/SVG across runs, pdffonts (every font embedded, no Type 3),
 * golden images of the thesis fixture (tests/golden/figures/README.md),
 * unknown-glyph warnings, failures that name the file, GLib's messages
 * in tierstat's format from any thread, and the layout rules again with real Pango metrics for 1, 4 and 16 tiers.
 */
#include "ts.h"
#include "testutil.h"
#include "draw.h"
#include "fig_int.h"
#include "cli.h"
#include "figures.h"
#include "mem.h"
#include "outfile.h"

#include <cairo.h>
#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <pango/pango.h>
#include <pthread.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define THESIS_TIME 1762763601   /* 2025-11-10T08:33:21Z */
/* What every rendering of the thesis fixture says: 8.2 / 0.18 > 30. */
#define THESIS_NOTE "tierstat: note: 'fig2_rtf_comparison': the mean RTFs span 46x " \
	"(0.180 to 8.20), more than 30x: drawn on a log axis (--log-rtf asks for one, " \
	"--linear-rtf for a linear axis)\n"

static const char *const fig_names[] = {
	"fig1_memory_comparison", "fig2_rtf_comparison", "fig3_success_rate",
	"fig_hardware_summary",
};

/* ====================== tier models by hand ====================== */

static void tier_add(struct ts_tiers *t, const char *key, const char *dev,
		     const char *label)
{
	struct ts_tier *x;

	TS_GROW(t->v, t->nr + 1, t->alloc);
	x = &t->v[t->nr++];
	memset(x, 0, sizeof(*x));
	x->key = ts_xstrdup(key);
	x->hardware_tier = ts_xstrdup(key);
	x->device_type = ts_xstrdup(dev);
	x->label = ts_xstrdup(label ? label : key);
	x->cpu_cores = -1;
	x->total_memory_gb = NAN;
	x->tests = 10;
	x->successful = 10;
	x->success_rate = 1;
	ts_stats_wilson(10, 10, x->success_ci95);
	x->throttle_events = -1;
	for (int m = 0; m < TS_M_COUNT; m++) {
		struct ts_summary *s = &x->metrics[m];
		s->n = 0;
		s->mean = s->std = s->min = s->max = s->median = NAN;
	}
}

static void set_metric(struct ts_tier *x, enum ts_metric m, long n,
		       double mean, double std)
{
	x->metrics[m].n = n;
	x->metrics[m].mean = mean;
	x->metrics[m].std = std;
}

static double jnum(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? ts_xstrdup(json_string_value(v)) : NULL;
}

/* The thesis fixture, as the pandas reference computed it. */
static void thesis_tiers(struct ts_tiers *t)
{
	json_error_t err;
	json_t *root = json_load_file("tests/expected_hardware_metadata.json", 0, &err);
	json_t *tiers = json_object_get(root, "tiers");

	assert_non_null(root);
	memset(t, 0, sizeof(*t));
	t->reference = -1;   /* no --reference */
	for (size_t i = 0; i < json_array_size(tiers); i++) {
		json_t *o = json_array_get(tiers, i);
		json_t *hw = json_object_get(o, "hardware");
		json_t *m = json_object_get(o, "metrics");
		struct ts_tier *x;
		tier_add(t, json_string_value(json_object_get(o, "key")),
			 json_string_value(json_object_get(o, "device_type")),
			 json_string_value(json_object_get(o, "label")));
		x = &t->v[t->nr - 1];
		x->cpu_model = jstr(hw, "cpu_model");
		x->gpu_name = jstr(hw, "gpu_name");
		x->cpu_cores = (long)jnum(hw, "cpu_cores");
		x->total_memory_gb = jnum(hw, "total_memory_gb");
		x->tests = (long)jnum(o, "tests");
		x->successful = (long)jnum(o, "successful");
		x->success_rate = jnum(o, "success_rate");
		ts_stats_wilson(x->successful, x->tests, x->success_ci95);   /* fig3's whisker */
		for (int k = 0; k < TS_M_COUNT; k++) {
			json_t *s = json_object_get(m, ts_metric_name((enum ts_metric)k));
			set_metric(x, (enum ts_metric)k, (long)jnum(s, "n"),
				   jnum(s, "mean"), jnum(s, "std"));
		}
	}
	json_decref(root);
	assert_int_equal(t->nr, 4);
}

/* `fmt` with its "%s" replaced by key (NULL: the key). */
static void label_of(char *buf, size_t size, const char *fmt, const char *key)
{
	const char *at = fmt ? strstr(fmt, "%s") : NULL;

	if (!fmt)
		snprintf(buf, size, "%s", key);
	else if (!at)
		snprintf(buf, size, "%s", fmt);
	else
		snprintf(buf, size, "%.*s%s%s", (int)(at - fmt), fmt, key, at + 2);
}

/* n tiers with keys like nvidia_rtx3060_cuda_012, every device class,
 * one "no data" RTF and one from analysis_*.json. */
static void many_tiers(struct ts_tiers *t, size_t n, const char *label_fmt)
{
	static const char *const devs[] = { "cuda", "cpu", "mps", "rocm" };
	char key[64], label[128];

	memset(t, 0, sizeof(*t));
	t->reference = -1;   /* no --reference */
	for (size_t i = 0; i < n; i++) {
		struct ts_tier *x;
		snprintf(key, sizeof(key), "nvidia_rtx3060_%s_%03zu", devs[i % 4], i);
		label_of(label, sizeof(label), label_fmt, key);
		tier_add(t, key, devs[i % 4], label);
		x = &t->v[i];
		x->cpu_model = ts_xstrdup("Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz");
		x->gpu_name = i % 2 ? ts_xstrdup("NVIDIA GeForce RTX 3060 Laptop GPU") : NULL;
		x->cpu_cores = 8 + (long)i;
		x->total_memory_gb = 32;
		x->tests = 25;
		x->successful = 25 - (long)(i % 3);
		x->success_rate = (double)x->successful / 25;
		ts_stats_wilson(x->successful, 25, x->success_ci95);
		set_metric(x, TS_M_PEAK_MEMORY_MB, x->successful, 1000 + 250.0 * i, 80);
		if (i != 5)
			set_metric(x, TS_M_RTF, x->successful, 0.1 + 0.6 * i, 0.05 * i);
		if (i == 7) {
			x->from = TS_FROM_ANALYSIS_JSON;
			x->metrics[TS_M_PEAK_MEMORY_MB].n = -1;
		}
	}
}

/* ====================== rendering helpers ====================== */

/* Render t with o into dir; returns ts_figures_render's result. */
static int render(const struct ts_tiers *t, const struct ts_fig_opts *o,
		  const char *dir, struct tu_diag *td)
{
	struct ts_outset set;
	int rc;

	ts_outset_init(&set, dir);
	rc = ts_figures_render(t, o, &set, &td->d);
	if (rc >= 0)
		assert_int_equal(ts_outset_commit(&set, &td->d), 0);
	ts_outset_release(&set);
	return rc;
}

static void opts(struct ts_fig_opts *o, unsigned formats, double dpi)
{
	ts_fig_opts_init(o);
	o->formats = formats;
	o->dpi = dpi;
	o->creation_time = THESIS_TIME;
}

static char *path(const char *dir, const char *name, const char *ext)
{
	return ts_xasprintf("%s/%s.%s", dir, name, ext);
}

static uint32_t rgb_u32(struct ts_rgb c)
{
	return (uint32_t)lround(c.r * 255) << 16 | (uint32_t)lround(c.g * 255) << 8 |
	       (uint32_t)lround(c.b * 255);
}

/* ====================== options ====================== */

static void test_options(void **state)
{
	struct ts_fig_opts o;
	double pt = 0;
	unsigned f = 0;

	(void)state;
	ts_fig_opts_init(&o);
	assert_double_rel(o.width_pt, 453.6, 1e-12);
	assert_true(o.height_pt == 0);
	assert_double_rel(o.font_size_pt, 9, 0);
	assert_double_rel(o.dpi, 300, 0);
	assert_int_equal(o.formats, TS_FMT_PNG | TS_FMT_PDF);
	assert_string_equal(o.font, "DejaVu Sans");

	assert_int_equal(ts_fig_parse_length("6.3in", &pt), 0);
	assert_double_rel(pt, 453.6, 1e-12);
	assert_int_equal(ts_fig_parse_length("16cm", &pt), 0);
	assert_double_rel(pt, 16 / 2.54 * 72, 1e-12);
	assert_int_equal(ts_fig_parse_length("160mm", &pt), 0);
	assert_double_rel(pt, 160 / 25.4 * 72, 1e-12);
	assert_int_equal(ts_fig_parse_length("450pt", &pt), 0);
	assert_double_rel(pt, 450, 0);
	assert_int_equal(ts_fig_parse_length("5 IN", &pt), 0);
	assert_double_rel(pt, 360, 0);
	assert_int_equal(ts_fig_parse_length("200in", &pt), 0);
	assert_double_rel(pt, 14400, 0);
	/* a number alone is not taken for points (issue 12: "6.3" meant in) */
	pt = -1;
	assert_int_equal(ts_fig_parse_length("450", &pt), TS_LEN_NO_UNIT);
	assert_int_equal(ts_fig_parse_length("6.3 ", &pt), TS_LEN_NO_UNIT);
	assert_true(pt == -1);
	assert_int_equal(ts_fig_parse_length("1e9in", &pt), TS_LEN_TOO_LONG);
	assert_int_equal(ts_fig_parse_length("200.01in", &pt), TS_LEN_TOO_LONG);
	assert_int_equal(ts_fig_parse_length("14401pt", &pt), TS_LEN_TOO_LONG);
	static const char *const bad[] = { "", "in", "0", "0in", "-3in", "3furlongs",
		"nan", "inf", "infin", "3in4", "3 in ", NULL };
	for (size_t i = 0; bad[i]; i++)
		assert_int_equal(ts_fig_parse_length(bad[i], &pt), TS_LEN_BAD);
	assert_int_equal(ts_fig_parse_length(NULL, &pt), TS_LEN_BAD);

	assert_int_equal(ts_fig_parse_formats("png,pdf,svg", &f), 0);
	assert_int_equal(f, TS_FMT_PNG | TS_FMT_PDF | TS_FMT_SVG);
	assert_int_equal(ts_fig_parse_formats("SVG", &f), 0);
	assert_int_equal(f, TS_FMT_SVG);
	assert_int_equal(ts_fig_parse_formats("pdf,png", &f), 0);
	assert_int_equal(f, TS_FMT_PNG | TS_FMT_PDF);
	static const char *const badf[] = { "", ",", "png,", "png,,pdf", "jpeg",
		"pngx", NULL };
	for (size_t i = 0; badf[i]; i++)
		assert_int_equal(ts_fig_parse_formats(badf[i], &f), -1);
}

/* ====================== PNG size and pHYs ====================== */

/* The pHYs chunk: right after IHDR, CRC correct, the only one. */
static unsigned long png_phys(const char *p)
{
	size_t len, at = 8;
	unsigned char *b = (unsigned char *)tu_read_file(p, &len);
	unsigned long ppu = 0, count = 0;

	assert_true(len > 33 && memcmp(b + 12, "IHDR", 4) == 0);
	assert_memory_equal(b + 33 + 4, "pHYs", 4);
	while (at + 12 <= len) {
		unsigned long n = (unsigned long)b[at] << 24 | (unsigned long)b[at + 1] << 16 |
				  (unsigned long)b[at + 2] << 8 | b[at + 3];
		unsigned long crc = crc32(crc32(0L, Z_NULL, 0), b + at + 4, (uInt)(4 + n));
		const unsigned char *c = b + at + 8 + n;
		assert_true(at + 12 + n <= len);
		assert_int_equal(crc, (unsigned long)c[0] << 24 | (unsigned long)c[1] << 16 |
				 (unsigned long)c[2] << 8 | c[3]);
		if (memcmp(b + at + 4, "pHYs", 4) == 0) {
			const unsigned char *d = b + at + 8;
			unsigned long y = (unsigned long)d[4] << 24 | (unsigned long)d[5] << 16 |
					  (unsigned long)d[6] << 8 | d[7];
			assert_int_equal(n, 9);
			ppu = (unsigned long)d[0] << 24 | (unsigned long)d[1] << 16 |
			      (unsigned long)d[2] << 8 | d[3];
			assert_int_equal(ppu, y);
			assert_int_equal(d[8], 1);   /* metre */
			count++;
		}
		at += 12 + n;
	}
	assert_int_equal(at, len);
	assert_int_equal(count, 1);
	free(b);
	return ppu;
}

static void check_png_size(const char *width, const char *height, double dpi,
			   int want_w, int want_h, unsigned long want_ppm)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct tu_diag td;
	char *dir = tu_mkdtemp(), *p;
	cairo_surface_t *s;

	thesis_tiers(&t);
	opts(&o, TS_FMT_PNG, dpi);
	assert_int_equal(ts_fig_parse_length(width, &o.width_pt), 0);
	if (height)
		assert_int_equal(ts_fig_parse_length(height, &o.height_pt), 0);
	tu_diag_init(&td);
	assert_int_equal(render(&t, &o, dir, &td), 8);   /* and each one's CSV */
	for (size_t f = 0; f < TS_COUNTOF(fig_names); f++) {
		p = path(dir, fig_names[f], "png");
		s = tu_load_png(p);
		assert_int_equal(cairo_image_surface_get_width(s), want_w);
		if (f < 3)   /* the table is as tall as it needs */
			assert_int_equal(cairo_image_surface_get_height(s), want_h);
		assert_int_equal(png_phys(p), want_ppm);
		cairo_surface_destroy(s);
		free(p);
	}
	assert_string_equal(tu_diag_text(&td), THESIS_NOTE);
	tu_diag_release(&td);
	ts_tiers_release(&t);
	tu_rmtree(dir);
	free(dir);
}

static void test_png_size_phys(void **state)
{
	(void)state;
	/* 6.3 in at 300 dpi: 1890 px; height 6.3 / 1.618 in = 1168.1 px */
	check_png_size("6.3in", NULL, 300, 1890, 1168, 11811);
	/* 10 cm x 7 cm at 150 dpi: 590.6 x 413.4 px; 150 / 0.0254 = 5905.5 */
	check_png_size("10cm", "7cm", 150, 591, 413, 5906);
}

/* ====================== bar heights in pixels ====================== */

/* Rows [top, bottom] of the run of colour `want` in column x that
 * contains row y (or -1 if (x, y) is not that colour). */
static int run_at(cairo_surface_t *s, int x, int y, uint32_t want, int *bottom)
{
	int top = y, h = cairo_image_surface_get_height(s);

	if (tu_pixel(s, x, y) != want)
		return -1;
	while (top > 0 && tu_pixel(s, x, top - 1) == want)
		top--;
	*bottom = y;
	while (*bottom + 1 < h && tu_pixel(s, x, *bottom + 1) == want)
		(*bottom)++;
	return top;
}

static void test_bar_heights(void **state)
{
	static const double mb[] = { 200, 400, 800 };
	static const char *const devs[] = { "cpu", "cuda", "mps" };
	struct ts_tiers t = { .reference = -1 };
	struct ts_fig_opts o;
	struct ts_fig_env e;
	struct ts_draw_text *tx = ts_draw_text_new("DejaVu Sans");
	struct ts_chart c;
	struct tu_diag td;
	char *dir = tu_mkdtemp(), *p;
	cairo_surface_t *s;
	double px = 300 / 72.0, tops[3];

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		char key[16];
		snprintf(key, sizeof(key), "t%zu_%s", i, devs[i]);
		tier_add(&t, key, devs[i], NULL);
		set_metric(&t.v[i], TS_M_PEAK_MEMORY_MB, 10, mb[i], 15);
	}
	opts(&o, TS_FMT_PNG, 300);
	tu_diag_init(&td);
	assert_int_equal(render(&t, &o, dir, &td), 8);   /* and each one's CSV */
	p = path(dir, fig_names[0], "png");
	s = tu_load_png(p);

	/* the layout the renderer used (pure, same measurer) */
	memset(&e, 0, sizeof(e));
	e.t = &t;
	e.o = &o;
	e.m = ts_draw_measurer(tx);
	ts_fig_mem_unit(&t, TS_MEM_AUTO, &e.mem_unit, &e.mem_div);
	assert_string_equal(e.mem_unit, "MiB");
	ts_fig_share(&e);   /* as the renderer does */
	ts_chart_init(&c);
	assert_int_equal(ts_fig_bars(&c, &e, TS_FIG_MEMORY), 0);
	assert_int_equal(c.horizontal, 0);
	for (size_t i = 0; i < 3; i++) {
		struct ts_paint pt;
		const struct ts_bar_geom *g = &c.bars[i];
		int x = (int)((g->x + 2) * px), y = (int)((g->y + g->h / 2) * px);
		int top, bottom;
		double want_top = g->y * px, want_bottom = (g->y + g->h) * px;

		ts_chart_paint(ts_chart_dev(devs[i]), 0, 0, &pt);
		top = run_at(s, x, y, rgb_u32(pt.fill), &bottom);
		if (top < 0)
			print_error("bar %zu: pixel %d,%d is %06x, not the bar colour %06x\n",
				    i, x, y, tu_pixel(s, x, y), rgb_u32(pt.fill));
		assert_true(top >= 0);
		/* the top edge where the value puts it, to a pixel */
		assert_true(fabs(top - want_top) <= 1.0);
		/* the bottom edge on the baseline (the 0.6 pt axis line
		 * covers its lowest pixels) */
		assert_true(bottom + 1 <= want_bottom + 0.5);
		assert_true(bottom + 1 >= want_bottom - 0.6 * px);
		tops[i] = top;
	}
	/* value differences map to pixel differences: 200 MB apart each */
	{
		double per_mb = c.plot_h / c.axis.max * px;
		assert_true(fabs((tops[0] - tops[1]) - 200 * per_mb) <= 1.5);
		assert_true(fabs((tops[1] - tops[2]) - 400 * per_mb) <= 1.5);
	}
	ts_chart_release(&c);
	cairo_surface_destroy(s);
	free(p);
	ts_draw_text_free(tx);
	tu_diag_release(&td);
	ts_tiers_release(&t);
	tu_rmtree(dir);
	free(dir);
}

/* ====================== grayscale ====================== */

static size_t coloured_pixels(const char *p)
{
	cairo_surface_t *s = tu_load_png(p);
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	size_t n = 0;

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t v = tu_pixel(s, x, y);
			if ((v >> 16 & 0xff) != (v >> 8 & 0xff) || (v >> 8 & 0xff) != (v & 0xff))
				n++;
		}
	cairo_surface_destroy(s);
	return n;
}

static void test_grayscale(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct tu_diag td;
	char *dir = tu_mkdtemp();

	(void)state;
	many_tiers(&t, 5, NULL);   /* every device class, one hatched */
	tu_diag_init(&td);
	for (int gray = 0; gray < 2; gray++) {
		opts(&o, TS_FMT_PNG, 100);
		o.grayscale = gray;
		assert_int_equal(render(&t, &o, dir, &td), 8);   /* and each one's CSV */
		for (size_t f = 0; f < TS_COUNTOF(fig_names); f++) {
			char *p = path(dir, fig_names[f], "png");
			size_t n = coloured_pixels(p);
			if (gray && n)
				print_error("%s: %zu coloured pixels\n", p, n);
			assert_true(gray ? n == 0 : n > 1000);
			free(p);
		}
	}
	tu_diag_release(&td);
	ts_tiers_release(&t);
	tu_rmtree(dir);
	free(dir);
}

/* ====================== reproducible bytes ====================== */

/* Whether needle occurs in buf[0..len) (binary: strstr stops at NUL). */
static int has(const char *buf, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(buf + i, needle, n) == 0)
			return 1;
	return 0;
}

static void test_reproducible(void **state)
{
	static const char *const exts[] = { "png", "pdf", "svg" };
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct tu_diag td;
	char *dir[2] = { tu_mkdtemp(), tu_mkdtemp() };

	(void)state;
	thesis_tiers(&t);
	opts(&o, TS_FMT_PNG | TS_FMT_PDF | TS_FMT_SVG, 150);
	tu_diag_init(&td);
	assert_int_equal(render(&t, &o, dir[0], &td), 16);
	assert_int_equal(render(&t, &o, dir[1], &td), 16);
	for (size_t f = 0; f < TS_COUNTOF(fig_names); f++)
		for (size_t k = 0; k < TS_COUNTOF(exts); k++) {
			char *a = path(dir[0], fig_names[f], exts[k]);
			char *b = path(dir[1], fig_names[f], exts[k]);
			size_t la, lb;
			char *ba = tu_read_file(a, &la), *bb = tu_read_file(b, &lb);
			assert_true(la > 1000);
			assert_int_equal(la, lb);
			assert_memory_equal(ba, bb, la);
			if (k == 1) {
				/* dates from creation_time, never the clock */
				assert_true(has(ba, la, "/CreationDate (20251110083321Z)"));
				assert_true(has(ba, la, "/ModDate (20251110083321Z)"));
				assert_true(has(ba, la, "/Creator (tierstat " TS_VERSION ")"));
				assert_true(has(ba, la, "/Title ("));
				/* pure vector: no image in the PDF */
				assert_false(has(ba, la, "/Subtype /Image"));
			}
			if (k == 2) {
				assert_true(has(ba, la, "width=\"453.6pt\""));
				assert_false(has(ba, la, "<image"));
			}
			free(ba);
			free(bb);
			free(a);
			free(b);
		}
	tu_diag_release(&td);
	ts_tiers_release(&t);
	for (int i = 0; i < 2; i++) {
		tu_rmtree(dir[i]);
		free(dir[i]);
	}
}

/* ====================== pdffonts ====================== */

static void test_pdffonts(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct tu_diag td;
	char *dir = tu_mkdtemp();

	(void)state;
	if (system("pdffonts -v >/dev/null 2>&1") != 0) {
		print_message("pdffonts (poppler-utils) not installed\n");
		skip();
	}
	many_tiers(&t, 6, NULL);   /* bold, regular and italic ("no data") */
	opts(&o, TS_FMT_PDF, 300);
	tu_diag_init(&td);
	assert_int_equal(render(&t, &o, dir, &td), 8);   /* and each one's CSV */
	for (size_t f = 0; f < TS_COUNTOF(fig_names); f++) {
		char *cmd = ts_xasprintf("pdffonts '%s/%s.pdf'", dir, fig_names[f]);
		FILE *p = popen(cmd, "r");
		char line[512];
		int lines = 0, fonts = 0;
		assert_non_null(p);
		while (fgets(line, sizeof(line), p)) {
			char *tok[16];
			int n = 0;
			if (++lines <= 2)   /* header and ---- */
				continue;
			assert_null(strstr(line, "Type 3"));
			for (char *s = line; *s && n < 16;) {
				while (*s == ' ' || *s == '\n')
					*s++ = '\0';
				if (*s)
					tok[n++] = s;
				while (*s && *s != ' ' && *s != '\n')
					s++;
			}
			assert_true(n >= 7);
			/* ... emb sub uni object-number generation */
			assert_string_equal(tok[n - 5], "yes");   /* embedded */
			assert_string_equal(tok[n - 4], "yes");   /* subset */
			fonts++;
		}
		assert_int_equal(pclose(p), 0);
		/* regular and bold everywhere, italic for "no data" (fig2) */
		assert_true(fonts >= (f == 1 ? 3 : 2));
		free(cmd);
	}
	tu_diag_release(&td);
	ts_tiers_release(&t);
	tu_rmtree(dir);
	free(dir);
}

/* ====================== golden images ====================== */

#define GOLDEN_DPI 150

static void golden_compare(const char *dir, const char *name)
{
	tu_golden_compare("tests/golden/figures", dir, name);
}

static void test_golden(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct tu_diag td;
	char *dir = tu_mkdtemp();

	/* the four figures, and fig4 with the RTX 3060 as the reference (as
	 * tests/golden-update.sh draws them) */
	static const char *const golden[] = {
		"fig1_memory_comparison", "fig2_rtf_comparison", "fig3_success_rate",
		"fig_hardware_summary", "fig4_relative",
	};

	(void)state;
	thesis_tiers(&t);
	assert_string_equal(t.v[3].key, "nvidia_rtx3060_cuda");
	ts_tiers_set_reference(&t, 3);
	opts(&o, TS_FMT_PNG, GOLDEN_DPI);
	tu_diag_init(&td);
	assert_int_equal(render(&t, &o, dir, &td), 10);
	for (size_t f = 0; f < TS_COUNTOF(golden); f++)
		golden_compare(dir, golden[f]);
	tu_diag_release(&td);
	ts_tiers_release(&t);
	tu_rmtree(dir);
	free(dir);
}

/* Run the whole tool in this process with these arguments: exit 0. */
static void run_tool(const char *const *args, size_t n)
{
	char **argv = calloc(n + 1, sizeof(*argv));

	assert_non_null(argv);
	for (size_t i = 0; i < n; i++)
		argv[i] = ts_xstrdup(args[i]);
	assert_int_equal(ts_cli_main((int)n, argv), 0);
	for (size_t i = 0; i < n; i++)
		free(argv[i]);
	free(argv);
}

/* The figures of the samples and rows themselves (the timelines, fig6),
 * which the JSON cannot rebuild: the whole tool on the fixture, in this
 * process, as tests/golden-update.sh runs it. */
static void test_golden_tool(void **state)
{
	static const char *const golden[] = {
		"fig5_memory_timeline", "fig6_duration_vs_tokens", "timeline_amd_ryzen5_cpu",
		"timeline_intel_i5_cpu", "timeline_m1_air_mps", "timeline_nvidia_rtx3060_cuda",
	};
	char *dir = tu_mkdtemp();
	const char *args[] = { "tierstat", "analyze", "-q", tu_fixture("thesis/metrics"), "-o", dir,
			       "--format", "png", "--dpi", "150", "--figures", "fig5,fig6,timeline",
			       "--tables", "none" };

	(void)state;
	run_tool(args, TS_COUNTOF(args));
	for (size_t f = 0; f < TS_COUNTOF(golden); f++)
		golden_compare(dir, golden[f]);
	tu_rmtree(dir);
	free(dir);
}

/* A PNG is drawn in bands of rows (draw.c): the fixture's figures drawn
 * 23 rows at a time must be those drawn 512 rows at a time (the whole
 * image at 150 dpi) to the last pixel but for rounding on band edges:
 * an item wrongly skipped by a band (draw.c item_rows) leaves a stripe. */
static void compare_close(const char *da, const char *db, const char *name)
{
	char *pa = path(da, name, "png"), *pb = path(db, name, "png");
	cairo_surface_t *a = tu_load_png(pa), *b = tu_load_png(pb);
	size_t diff = tu_pixels_differ(a, b, 4);

	if (diff > 0)
		print_error("%s: %zu pixels differ from %s\n", pb, diff, pa);
	assert_int_equal(diff, 0);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	free(pa);
	free(pb);
}

static void test_png_bands(void **state)
{
	static const char *const figs[] = {
		"fig1_memory_comparison", "fig2_rtf_comparison", "fig3_success_rate",
		"fig_hardware_summary", "fig5_memory_timeline", "fig6_duration_vs_tokens",
		"timeline_amd_ryzen5_cpu", "timeline_intel_i5_cpu", "timeline_m1_air_mps",
		"timeline_nvidia_rtx3060_cuda",
	};
	char *dir[2] = { tu_mkdtemp(), tu_mkdtemp() };
	static const int bands[2] = { 512, 23 };

	(void)state;
	for (int k = 0; k < 2; k++) {
		const char *args[] = { "tierstat", "analyze", "-q", tu_fixture("thesis/metrics"), "-o", dir[k],
				       "--format", "png", "--dpi", "150", "--tables", "none" };
		ts_draw_band = bands[k];
		run_tool(args, TS_COUNTOF(args));
		ts_draw_band = TS_DRAW_BAND;
	}
	for (size_t f = 0; f < TS_COUNTOF(figs); f++)
		compare_close(dir[0], dir[1], figs[f]);
	for (int k = 0; k < 2; k++) {
		tu_rmtree(dir[k]);
		free(dir[k]);
	}
}

/* ====================== warnings and failures ====================== */

static void test_unknown_glyphs(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct tu_diag td;
	char *dir = tu_mkdtemp();
	struct ts_draw_text *tx = ts_draw_text_new(NULL);

	(void)state;
	assert_int_equal(ts_draw_unknown_glyphs(tx, "Intel i5 \xc2\xb1 \xe2\x80\x93"), 0);
	/* U+10FFFD: private use, no font has it */
	assert_int_equal(ts_draw_unknown_glyphs(tx, "x\xf4\x8f\xbf\xbd"), 1);
	many_tiers(&t, 3, NULL);
	free(t.v[1].label);
	t.v[1].label = ts_xstrdup("Tier \xf4\x8f\xbf\xbd\xf4\x8f\xbf\xbd");
	opts(&o, TS_FMT_PNG, 72);
	tu_diag_init(&td);
	assert_int_equal(render(&t, &o, dir, &td), 8);   /* and each one's CSV */
	assert_non_null(strstr(tu_diag_text(&td),
			       "warning: tier 'nvidia_rtx3060_cpu_001': no installed font has 2 characters"));
	assert_null(strstr(tu_diag_text(&td), "cuda_000"));
	assert_int_equal(td.d.n.warning, 1);
	tu_diag_release(&td);

	/* a font that is not installed is named, with its stand-in */
	tu_diag_init(&td);
	o.font = "No Such Font Family";
	assert_int_equal(render(&t, &o, dir, &td), 8);   /* and each one's CSV */
	assert_non_null(strstr(tu_diag_text(&td),
			       "warning: font 'No Such Font Family' is not installed (figures drawn with 'DejaVu Sans')"));
	tu_diag_release(&td);
	ts_draw_text_free(tx);
	ts_tiers_release(&t);
	tu_rmtree(dir);
	free(dir);
}

static size_t count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."));
	closedir(d);
	return n;
}

static void test_failures(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct tu_diag td;
	struct ts_chart c;
	struct ts_draw_opts dop = { TS_DRAW_PDF, 72, THESIS_TIME, "x", NULL, NULL };
	struct ts_draw_text *tx = ts_draw_text_new(NULL);
	char *dir = tu_mkdtemp(), *missing = ts_xasprintf("%s/no/such/dir", dir);
	FILE *ro = fopen("/dev/null", "r");

	(void)state;
	thesis_tiers(&t);
	tu_diag_init(&td);

	/* a stream that cannot be written: cairo's error, naming the file */
	ts_chart_init(&c);
	c.width = 100;
	c.height = 100;
	assert_non_null(ro);
	assert_int_equal(ts_draw_chart(&c, tx, &dop, ro, "x.pdf", &td.d), -1);
	assert_non_null(strstr(tu_diag_text(&td), "error: cannot draw 'x.pdf': "));
	fclose(ro);
	ts_chart_release(&c);

	/* a PNG too large for cairo (200 in at 300 dpi = 60000 px): the
	 * file is named, the set fails, no file and no temporary remain */
	opts(&o, TS_FMT_PNG | TS_FMT_PDF, 300);
	o.width_pt = 200 * 72;
	assert_int_equal(render(&t, &o, dir, &td), -1);
	assert_non_null(strstr(tu_diag_text(&td), "tierstat: error: cannot draw 'fig1_memory_comparison.png': "
			       "60000 x 37083 px at --dpi 300 is more than cairo's 32767 px a side (not written)\n"));
	assert_int_equal(count_files(dir), 0);

	/* an output folder that does not exist */
	opts(&o, TS_FMT_PNG, 72);
	assert_int_equal(render(&t, &o, missing, &td), -1);

	/* a canvas too small to lay out: one message naming --width */
	o.width_pt = 30;
	tu_diag_release(&td);
	tu_diag_init(&td);
	assert_int_equal(render(&t, &o, dir, &td), -1);
	assert_string_equal(tu_diag_text(&td), THESIS_NOTE "tierstat: error: --width 0.417in is too small for 4 tiers at --font-size 9 "
			    "(fig1_memory_comparison, fig2_rtf_comparison, fig3_success_rate, fig_hardware_summary: "
			    "not laid out; make --width larger)\n");
	assert_int_equal(count_files(dir), 0);

	/* text too large for the width: one message naming --font-size and
	 * the largest whole size that fits, which does fit */
	opts(&o, TS_FMT_PDF, 72);
	o.font_size_pt = 30;
	tu_diag_release(&td);
	tu_diag_init(&td);
	assert_int_equal(render(&t, &o, dir, &td), -1);
	assert_string_equal(tu_diag_text(&td), THESIS_NOTE "tierstat: error: --font-size 30 is too large for a 6.3 in wide figure with 4 tiers "
			    "(fig2_rtf_comparison, fig3_success_rate: not laid out; 26 pt fits)\n");
	assert_int_equal(count_files(dir), 0);
	o.font_size_pt = 27;
	assert_int_equal(render(&t, &o, dir, &td), -1);
	o.font_size_pt = 26;
	tu_diag_release(&td);
	tu_diag_init(&td);
	assert_int_equal(render(&t, &o, dir, &td), 8);   /* and each one's CSV */
	assert_string_equal(tu_diag_text(&td), THESIS_NOTE);
	tu_rmtree(dir);
	free(dir);
	dir = tu_mkdtemp();

	tu_diag_release(&td);
	ts_draw_text_free(tx);
	ts_tiers_release(&t);
	free(missing);
	tu_rmtree(dir);
	free(dir);
}

/* ====================== library messages ====================== */

static void *log_many(void *arg)
{
	for (int i = 0; i < 200; i++)
		g_log("Pango", G_LOG_LEVEL_WARNING, "thread %s: message %d\nsecond line", (char *)arg, i);
	return NULL;
}

/* What GLib-based libraries log goes through tierstat's writer: one
 * line each in tierstat's format, counted, whole even from two threads
 * at once; Pango's own assertion failures too. */
static void test_lib_messages(void **state)
{
	struct ts_draw_text *tx = ts_draw_text_new(NULL);   /* installs it */
	struct ts_diag_counts before = ts_draw_lib_counts(), after;
	char *dir = tu_mkdtemp(), file[4096], *text, *line, *save = NULL;
	int saved = dup(STDERR_FILENO), fd, n[2] = { 0, 0 }, other = 0;
	PangoFontDescription *fd_ = pango_font_description_new();
	pthread_t th[2];
	static char a[] = "a", b[] = "b";
	size_t len;

	(void)state;
	tu_pathf(file, sizeof(file), "%s/stderr", dir);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0 && saved >= 0);
	assert_int_equal(dup2(fd, STDERR_FILENO), STDERR_FILENO);
	pango_font_description_set_absolute_size(fd_, -1);   /* a critical */
	g_log("GLib-GObject", G_LOG_LEVEL_MESSAGE, "just so");
	g_log("Pango", G_LOG_LEVEL_DEBUG, "never shown");
	assert_int_equal(pthread_create(&th[0], NULL, log_many, a), 0);
	assert_int_equal(pthread_create(&th[1], NULL, log_many, b), 0);
	pthread_join(th[0], NULL);
	pthread_join(th[1], NULL);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(fd);
	pango_font_description_free(fd_);
	ts_draw_text_free(tx);

	after = ts_draw_lib_counts();
	assert_int_equal(after.warning - before.warning, 400);
	assert_int_equal(after.error - before.error, 1);
	text = tu_read_file(file, &len);
	line = strtok_r(text, "\n", &save);
	assert_non_null(line);
	assert_string_equal(line, "tierstat: error: Pango: pango_font_description_set_absolute_size: "
			    "assertion 'size >= 0' failed");
	line = strtok_r(NULL, "\n", &save);
	assert_string_equal(line, "tierstat: note: GLib-GObject: just so");
	while ((line = strtok_r(NULL, "\n", &save))) {
		int i = -1, k;
		char who = 0, rest[64] = "";
		k = sscanf(line, "tierstat: warning: Pango: thread %c: message %d %63[^\n]", &who, &i, rest);
		if (k == 3 && (who == 'a' || who == 'b') && i == n[who - 'a'] &&
		    strcmp(rest, "second line") == 0)
			n[who - 'a']++;
		else
			other++;
	}
	assert_int_equal(other, 0);
	assert_int_equal(n[0], 200);
	assert_int_equal(n[1], 200);
	free(text);
	tu_rmtree(dir);
	free(dir);
}

/* ====================== layouts with real metrics ====================== */

/* The bar charts of one run (after ts_fig_share) share canvas, plot
 * area and the bars' place across the value axis. */
static void assert_same_geometry(const struct ts_chart *a, const struct ts_chart *b,
				 const char *what)
{
	int ok = a->height == b->height && a->width == b->width &&
		 a->horizontal == b->horizontal && a->plot_x == b->plot_x &&
		 a->plot_y == b->plot_y && a->plot_w == b->plot_w &&
		 a->plot_h == b->plot_h && a->nr_bars == b->nr_bars;

	for (size_t i = 0; ok && i < a->nr_bars; i++) {
		const struct ts_bar_geom *x = &a->bars[i], *y = &b->bars[i];
		if (!isfinite(x->value) || !isfinite(y->value))
			continue;
		/* the base: bottom - h + h, to rounding */
		ok = a->horizontal ? x->y == y->y && x->h == y->h && x->x == y->x
				   : x->x == y->x && x->w == y->w &&
				     fabs(x->y + x->h - (y->y + y->h)) < 1e-9;
		if (!ok)
			print_error("bar %zu: %.17g,%.17g %.17g x %.17g and %.17g,%.17g %.17g x %.17g\n", i,
				    x->x, x->y, x->w, x->h, y->x, y->y, y->w, y->h);
	}
	if (!ok) {
		print_error("%s: fig1 is %.2f pt high, plot %.2f,%.2f %.2f x %.2f; this one %.2f pt, plot %.2f,%.2f %.2f x %.2f\n",
			    what, a->height, a->plot_x, a->plot_y, a->plot_w, a->plot_h,
			    b->height, b->plot_x, b->plot_y, b->plot_w, b->plot_h);
		fail();
	}
}

/* A table split in parts has at least two columns beside the tier in
 * each (headers come part by part, each starting with "Tier"). */
static void assert_parts(const struct ts_chart *c, const char *what)
{
	size_t parts = 0, cols[16] = { 0 };

	for (size_t i = 0; i < c->nr; i++)
		if (c->items[i].role == TS_ROLE_HEADER) {
			if (!strcmp(c->items[i].text, "Tier"))
				parts++;
			assert_true(parts > 0 && parts <= 16);
			cols[parts - 1]++;
		}
	for (size_t p = 0; p < parts && parts > 1; p++)
		if (cols[p] < 3) {
			print_error("%s: part %zu of %zu has %zu column beside the tier\n",
				    what, p + 1, parts, cols[p] - 1);
			fail();
		}
}

static void check_layouts_at(const struct ts_tiers *t, int grayscale,
			     double width, double font_size)
{
	struct ts_fig_opts o;
	struct ts_fig_env e;
	struct ts_draw_text *tx = ts_draw_text_new(NULL);
	struct ts_chart first;
	char msg[512], what[160], rocm[] = "rocm";

	opts(&o, TS_FMT_PNG, 300);
	o.grayscale = grayscale;
	o.width_pt = width;
	o.font_size_pt = font_size;
	memset(&e, 0, sizeof(e));
	e.t = t;
	e.o = &o;
	e.m = ts_draw_measurer(tx);
	e.other_label = rocm;
	ts_fig_mem_unit(t, TS_MEM_AUTO, &e.mem_unit, &e.mem_div);
	ts_fig_share(&e);
	assert_int_not_equal(e.share.orient, 0);
	ts_chart_init(&first);
	for (int k = 0; k < 4; k++) {
		struct ts_chart c;
		ts_chart_init(&c);
		snprintf(what, sizeof(what), "%s, %zu tiers, %g pt wide, %g pt font",
			 fig_names[k], t->nr, width, font_size);
		if (k < 3)
			assert_int_equal(ts_fig_bars(&c, &e, (enum ts_fig_bar_kind)k), 0);
		else
			assert_int_equal(ts_fig_table(&c, &e), 0);
		if (ts_chart_check(&c, msg, sizeof(msg)) != 0) {
			print_error("%s: %s\n", what, msg);
			fail();
		}
		if (k == 3)
			assert_parts(&c, what);
		if (k == 0)
			first = c;
		else if (k < 3)
			assert_same_geometry(&first, &c, what);
		if (k > 0)
			ts_chart_release(&c);
	}
	if (ts_tiers_reference(t)) {   /* fig4_relative: its own geometry */
		struct ts_chart c;
		ts_chart_init(&c);
		snprintf(what, sizeof(what), "fig4_relative, %zu tiers, %g pt wide, %g pt font",
			 t->nr, width, font_size);
		assert_int_equal(ts_fig_bars(&c, &e, TS_FIG_RELATIVE), 0);
		if (ts_chart_check(&c, msg, sizeof(msg)) != 0) {
			print_error("%s: %s\n", what, msg);
			fail();
		}
		assert_int_equal(c.horizontal, 1);
		ts_chart_release(&c);
	}
	ts_chart_release(&first);
	ts_draw_text_free(tx);
}

static void check_layouts(const struct ts_tiers *t, int grayscale)
{
	check_layouts_at(t, grayscale, 453.6, 9);
	check_layouts_at(t, grayscale, 3 * 72, 11);   /* a narrow column */
	check_layouts_at(t, grayscale, 10 * 72, 12);  /* a slide */
}

static void test_real_layouts(void **state)
{
	static const size_t counts[] = { 1, 2, 4, 7, 16 };
	static const char *const labels[] = {
		NULL,                                       /* the key */
		"GPU %s",                                   /* short-ish */
		"A very long display name for %s in the lab",
		"\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 %s",  /* Hangul */
	};
	struct ts_tiers t;

	(void)state;
	for (size_t n = 0; n < TS_COUNTOF(counts); n++)
		for (size_t l = 0; l < TS_COUNTOF(labels); l++) {
			many_tiers(&t, counts[n], labels[l]);
			/* fig4 too: the first tier the reference (its RTF is known) */
			ts_tiers_set_reference(&t, 0);
			check_layouts(&t, (int)(n % 2));
			ts_tiers_release(&t);
		}
	many_tiers(&t, 40, NULL);
	check_layouts(&t, 0);
	ts_tiers_release(&t);
	/* nothing to draw at all: every tier "no data", nothing unknown */
	many_tiers(&t, 3, NULL);
	for (size_t i = 0; i < t.nr; i++) {
		struct ts_tier *x = &t.v[i];
		set_metric(x, TS_M_RTF, 0, NAN, NAN);
		set_metric(x, TS_M_PEAK_MEMORY_MB, 0, NAN, NAN);
		x->tests = 0;
		x->successful = -1;
		x->success_rate = NAN;
		free(x->cpu_model);
		x->cpu_model = NULL;
		x->cpu_cores = -1;
		x->total_memory_gb = NAN;
	}
	check_layouts(&t, 1);
	ts_tiers_release(&t);
	thesis_tiers(&t);
	check_layouts(&t, 0);
	ts_tiers_release(&t);
}

/* ====================== long labels ====================== */

#define LONG120 "Intel Core i5-1235U laptop running Windows 11 on battery power " \
		"with the default balanced power plan, measured in the lab"

/* A 120-code-point label of kind 0 (words), 1 (one word), 2 (CJK). */
static void long_label(char *buf, size_t size, int kind)
{
	assert_true(size > 360);
	if (kind == 0) {
		snprintf(buf, size, "%s", LONG120);
		assert_int_equal(strlen(buf), 120);
		return;
	}
	for (size_t k = 0; k < 120; k++) {
		if (kind == 1)
			buf[k] = (char)('a' + k % 26);
		else   /* U+6027 .. U+6036 */
			memcpy(buf + 3 * k, (const char[]){ '\xe6', '\x80', (char)(0xa7 + k % 16) }, 3);
	}
	buf[kind == 1 ? 120 : 360] = '\0';
}

static void set_label(struct ts_tier *x, const char *label)
{
	free(x->label);
	x->label = ts_xstrdup(label);
}

/* The case, with Pango: the thesis fixture, Intel i5 named with
 * 120 characters, at 3.5 in: "n = 15" sat on M1 Air's error bar in fig2. */
static void test_long_label_reported(void **state)
{
	struct ts_tiers t;
	char name[400];

	(void)state;
	thesis_tiers(&t);
	long_label(name, sizeof(name), 0);
	set_label(&t.v[1], name);
	check_layouts_at(&t, 0, 3.5 * 72, 9);
	ts_tiers_release(&t);
}

/* The table: at 3.5 in the CPU names wrapped to up to five
 * lines (AMD Ryzen 5 5600X / 6-Core / Processor ...) while the GPU and
 * Tests columns had room; balanced, none takes more than two. */
static void test_table_narrow(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_fig_env e;
	struct ts_draw_text *tx = ts_draw_text_new(NULL);
	struct ts_chart c;
	size_t cpu = 0;

	(void)state;
	thesis_tiers(&t);
	opts(&o, TS_FMT_PNG, 300);
	o.width_pt = 3.5 * 72;
	memset(&e, 0, sizeof(e));
	e.t = &t;
	e.o = &o;
	e.m = ts_draw_measurer(tx);
	ts_fig_mem_unit(&t, TS_MEM_AUTO, &e.mem_unit, &e.mem_div);
	ts_chart_init(&c);
	assert_int_equal(ts_fig_table(&c, &e), 0);
	for (size_t i = 0; i < c.nr; i++) {
		const struct ts_item *it = &c.items[i];
		int lines = 1;
		if (it->role != TS_ROLE_CELL || !strstr(it->text, "Core"))
			continue;   /* the CPU column: "6-Core", "Intel Core" */
		for (const char *q = it->text; *q; q++)
			lines += *q == '\n';
		if (lines > 2)
			print_error("CPU cell in %d lines:\n%s\n", lines, it->text);
		assert_true(lines <= 2);
		cpu++;
	}
	assert_int_equal(cpu, 3);   /* AMD, and the two Intel Core */
	ts_chart_release(&c);
	ts_draw_text_free(tx);
	ts_tiers_release(&t);
}

static void test_long_label_layouts(void **state)
{
	static const size_t counts[] = { 1, 4, 16 };
	struct ts_tiers t;
	char name[400];

	(void)state;
	for (int kind = 0; kind < 3; kind++) {
		long_label(name, sizeof(name), kind);
		thesis_tiers(&t);
		set_label(&t.v[1], name);
		check_layouts_at(&t, 0, 3.5 * 72, 9);
		check_layouts_at(&t, 0, 2.5 * 72, 9);
		ts_tiers_release(&t);
		for (size_t n = 0; n < TS_COUNTOF(counts); n++) {
			many_tiers(&t, counts[n], NULL);
			for (size_t i = 1; i < t.nr; i += 3)
				set_label(&t.v[i], name);
			if (t.nr == 1)
				set_label(&t.v[0], name);
			check_layouts_at(&t, 0, 3.5 * 72, 9);
			check_layouts_at(&t, 1, 2.5 * 72, 9);
			check_layouts_at(&t, 0, 6.3 * 72, 9);
			ts_tiers_release(&t);
		}
	}
}

/* What the figures say: no data, hatching, one memory unit. */
static void test_figure_content(void **state)
{
	struct ts_tiers t;
	struct ts_fig_opts o;
	struct ts_fig_env e;
	struct ts_draw_text *tx = ts_draw_text_new(NULL);
	struct ts_chart c;
	int hatched = 0, nodata = 0, note = 0, err_note = 0, gb = 0, ref = 0;

	(void)state;
	many_tiers(&t, 8, NULL);
	opts(&o, TS_FMT_PNG, 300);
	memset(&e, 0, sizeof(e));
	e.t = &t;
	e.o = &o;
	e.m = ts_draw_measurer(tx);
	ts_fig_mem_unit(&t, TS_MEM_AUTO, &e.mem_unit, &e.mem_div);
	assert_string_equal(e.mem_unit, "GiB");   /* up to 2750 MiB */
	ts_chart_init(&c);
	assert_int_equal(ts_fig_bars(&c, &e, TS_FIG_RTF), 0);
	for (size_t i = 0; i < c.nr; i++) {
		const struct ts_item *it = &c.items[i];
		if (it->role == TS_ROLE_BAR && it->tier == 7)
			hatched = (it->paint.hatch & TS_HATCH_BACK) != 0;
		if (it->role == TS_ROLE_BAR)
			assert_int_not_equal(it->tier, 5);   /* never a 0 bar */
		if (it->role == TS_ROLE_NODATA && it->tier == 5)
			nodata = !strcmp(it->text, "no data");
		if (it->role == TS_ROLE_NOTE && strstr(it->text, "analysis_*.json"))
			note = 1;
		if (it->role == TS_ROLE_NOTE && strstr(it->text, "1 SD; n = successful requests"))
			err_note = 1;
		if (it->role == TS_ROLE_REF_LABEL && !strcmp(it->text, "real time"))
			ref = 1;
		if (it->role == TS_ROLE_AXIS_LABEL)
			assert_non_null(strstr(it->text, "lower is better"));
	}
	assert_true(hatched && nodata && note && err_note && ref);
	ts_chart_release(&c);

	ts_chart_init(&c);
	assert_int_equal(ts_fig_table(&c, &e), 0);
	for (size_t i = 0; i < c.nr; i++)
		if (c.items[i].role == TS_ROLE_HEADER && strstr(c.items[i].text, "(GiB)") &&
		    strstr(c.items[i].text, "Memory"))
			gb = 1;
	assert_true(gb);
	ts_chart_release(&c);

	/* below 1 GiB everywhere: MiB */
	for (size_t i = 0; i < t.nr; i++)
		t.v[i].metrics[TS_M_PEAK_MEMORY_MB].mean = 500;
	ts_fig_mem_unit(&t, TS_MEM_AUTO, &e.mem_unit, &e.mem_div);
	assert_string_equal(e.mem_unit, "MiB");
	assert_double_rel(e.mem_div, 1, 0);
	ts_draw_text_free(tx);
	ts_tiers_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_png_size_phys),
		cmocka_unit_test(test_bar_heights),
		cmocka_unit_test(test_grayscale),
		cmocka_unit_test(test_reproducible),
		cmocka_unit_test(test_pdffonts),
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_golden_tool),
		cmocka_unit_test(test_png_bands),
		cmocka_unit_test(test_unknown_glyphs),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_lib_messages),
		cmocka_unit_test(test_real_layouts),
		cmocka_unit_test(test_long_label_reported),
		cmocka_unit_test(test_long_label_layouts),
		cmocka_unit_test(test_table_narrow),
		cmocka_unit_test(test_figure_content),
	};
	return cmocka_run_group_tests_name("figures", tests, NULL, NULL);
}
