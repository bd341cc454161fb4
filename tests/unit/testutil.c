/* testutil.c - helpers shared by the cmocka unit tests (see testutil.h). */
#include "ts.h"
#include "testutil.h"
#include "chart.h"
#include "mem.h"
#include "tiers.h"

#include <cairo.h>
#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void tu_assert_double_rel(double actual, double expected, double rel,
			  const char *file, int line)
{
	double diff = fabs(actual - expected);
	double scale = fmax(fabs(actual), fabs(expected));

	if (actual == expected || (isnan(actual) && isnan(expected)))
		return;
	if (isfinite(actual) && isfinite(expected) && diff <= rel * scale)
		return;
	print_error("%.17g != %.17g (relative tolerance %g)\n", actual,
		    expected, rel);
	_fail(file, line);
}

char *tu_mkdtemp(void)
{
	const char *tmp = getenv("TMPDIR");
	size_t n;
	char *p;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	n = strlen(tmp) + 32;
	p = malloc(n);
	assert_non_null(p);
	snprintf(p, n, "%s/tierstat-test.XXXXXX", tmp);
	assert_non_null(mkdtemp(p));
	return p;
}

static int rm_one(const char *path, const struct stat *sb, int flag,
		  struct FTW *ftw)
{
	(void)sb; (void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void tu_rmtree(const char *path)
{
	if (path)
		nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

void tu_write_file(const char *dir, const char *name, const char *text,
		   size_t len)
{
	char path[4096];
	FILE *fp;

	if (len == (size_t)-1)
		len = strlen(text);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	for (char *s = path + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

void tu_pathf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < size);
}

char *tu_read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!fp)
		print_error("cannot open %s: %s\n", path, strerror(errno));
	assert_non_null(fp);
	do {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		got = fread(buf + n, 1, 4096, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

void tu_diag_init(struct tu_diag *t)
{
	memset(t, 0, sizeof(*t));
	t->fp = open_memstream(&t->buf, &t->len);
	assert_non_null(t->fp);
	ts_diag_init(&t->d, t->fp);
}

const char *tu_diag_text(struct tu_diag *t)
{
	fflush(t->fp);
	return t->buf ? t->buf : "";
}

void tu_diag_release(struct tu_diag *t)
{
	if (t->fp)
		fclose(t->fp);
	free(t->buf);
	memset(t, 0, sizeof(*t));
}

const char *tu_fixture(const char *rel)
{
	static char path[4096];
	snprintf(path, sizeof(path), "fixtures/%s", rel);
	return path;
}

void tu_metric(struct ts_tier *x, int m, long n, double mean, double sd, double se,
	       double lo, double hi)
{
	x->metrics[m].n = n;
	x->metrics[m].mean = mean;
	x->metrics[m].std = sd;
	x->metrics[m].min = x->metrics[m].max = x->metrics[m].median = NAN;
	x->spread[m].se = se;
	x->spread[m].ci95[0] = lo;
	x->spread[m].ci95[1] = hi;
}

struct ts_tier *tu_tier_add(struct ts_tiers *t, const char *key, const char *label,
			    const char *dev)
{
	struct ts_tier *x;

	TS_GROW(t->v, t->nr + 1, t->alloc);
	x = &t->v[t->nr++];
	memset(x, 0, sizeof(*x));
	x->key = ts_xstrdup(key);
	x->hardware_tier = ts_xstrdup(key);
	x->device_type = ts_xstrdup(dev);
	x->label = label ? ts_xstrdup(label) : NULL;
	x->cpu_cores = -1;
	x->total_memory_gb = NAN;
	x->tests = -1;
	x->successful = -1;
	x->success_rate = x->success_ci95[0] = x->success_ci95[1] = NAN;
	x->max_temperature_c = NAN;
	x->throttle_events = -1;
	for (int m = 0; m < TS_M_COUNT; m++) {
		tu_metric(x, m, 0, NAN, NAN, NAN, NAN, NAN);
		x->relative[m].ratio = x->relative[m].ci95[0] = x->relative[m].ci95[1] = NAN;
	}
	return x;
}

uint64_t tu_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

void tu_fake_measure(void *ctx, const char *text, const struct ts_font *f,
			 double *w, double *h)
{
	size_t cur = 0, widest = 0, lines = 1;

	(void)ctx;
	for (const char *s = text; *s; s++) {
		if (*s == '\n') {
			lines++;
			cur = 0;
		} else if ((*s & 0xc0) != 0x80) {
			cur++;
		}
		if (cur > widest)
			widest = cur;
	}
	*w = 0.55 * f->size * (double)widest * (f->bold ? 1.1 : 1.0);
	*h = 1.2 * f->size * (double)lines;
}

void tu_assert_chart_ok(const struct ts_chart *c, const char *what)
{
	char msg[512];

	if (ts_chart_check(c, msg, sizeof(msg)) != 0) {
		print_error("%s: layout problem: %s\n", what, msg);
		fail();
	}
}

const struct ts_item *tu_find_text(const struct ts_chart *c, const char *text)
{
	for (size_t i = 0; i < c->nr; i++)
		if (c->items[i].text && strcmp(c->items[i].text, text) == 0)
			return &c->items[i];
	return NULL;
}

/* ====================== golden images ====================== */

#define GOLDEN_CHANNEL 64       /* a pixel differs: a channel off by more */
#define GOLDEN_MAX_SHARE 0.002  /* at most 0.2 % of the pixels may differ */

cairo_surface_t *tu_load_png(const char *p)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(p);

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		print_error("cannot read %s: %s\n", p,
			    cairo_status_to_string(cairo_surface_status(s)));
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(s);
	return s;
}

uint32_t tu_pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *row = cairo_image_surface_get_data(s) +
				   (size_t)y * (size_t)cairo_image_surface_get_stride(s);
	uint32_t v;

	memcpy(&v, row + 4 * (size_t)x, 4);
	return v & 0xffffff;
}

size_t tu_pixels_differ(cairo_surface_t *a, cairo_surface_t *b, int channel)
{
	int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
	size_t diff = 0;

	assert_int_equal(cairo_image_surface_get_width(b), w);
	assert_int_equal(cairo_image_surface_get_height(b), h);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t u = tu_pixel(a, x, y), v = tu_pixel(b, x, y);
			for (int sh = 0; sh < 24; sh += 8)
				if (abs((int)(u >> sh & 0xff) - (int)(v >> sh & 0xff)) > channel) {
					diff++;
					break;
				}
		}
	return diff;
}

void tu_golden_compare(const char *golden_dir, const char *dir, const char *name)
{
	char *gp = ts_xasprintf("%s/%s.png", golden_dir, name);
	char *np = ts_xasprintf("%s/%s.png", dir, name);
	const char *up = getenv("TS_GOLDEN_UPDATE");
	cairo_surface_t *g, *n;
	size_t diff;
	int w, h;

	if (up && strcmp(up, "1") == 0) {
		size_t len;
		char *data = tu_read_file(np, &len), *base = ts_xasprintf("%s.png", name);
		mkdir(golden_dir, 0755);
		tu_write_file(golden_dir, base, data, len);
		print_message("updated %s\n", gp);
		free(base);
		free(data);
		free(gp);
		free(np);
		return;
	}
	g = tu_load_png(gp);
	n = tu_load_png(np);
	w = cairo_image_surface_get_width(g);
	h = cairo_image_surface_get_height(g);
	diff = tu_pixels_differ(g, n, GOLDEN_CHANNEL);
	if (diff > GOLDEN_MAX_SHARE * w * h)
		print_error("%s: %zu of %d pixels differ from %s (run make golden-update and review the diff if the change is intended)\n",
			    np, diff, w * h, gp);
	assert_true(diff <= GOLDEN_MAX_SHARE * w * h);
	cairo_surface_destroy(g);
	cairo_surface_destroy(n);
	free(gp);
	free(np);
}
