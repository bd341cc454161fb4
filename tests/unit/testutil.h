/* testutil.h - helpers shared by the cmocka unit tests.
 *
 * cmocka 1.1.5's assert_float_equal casts to float; assert_double_rel
 * compares doubles to a relative tolerance and prints both with %.17g.
 */
#ifndef TS_TESTUTIL_H
#define TS_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "diag.h"

void tu_assert_double_rel(double actual, double expected, double rel,
			  const char *file, int line);
#define assert_double_rel(a, e, rel) \
	tu_assert_double_rel((a), (e), (rel), __FILE__, __LINE__)

/* A fresh directory from mkdtemp under $TMPDIR (or /tmp); caller frees the
 * string and removes the tree with tu_rmtree(). */
char *tu_mkdtemp(void);
/* rm -rf path (nftw, FTW_DEPTH | FTW_PHYS). */
void tu_rmtree(const char *path);
/* Write `len` bytes (or strlen(text) if len is (size_t)-1) to dir/name,
 * creating sub-folders of name as needed. Fails the test on error. */
void tu_write_file(const char *dir, const char *name, const char *text,
		   size_t len);
/* snprintf into a path buffer; a path that does not fit fails the test. */
void tu_pathf(char *buf, size_t size, const char *fmt, ...) TS_PRINTF(3, 4);
/* Read a whole file; caller frees. Fails the test on error. */
char *tu_read_file(const char *path, size_t *len);

/* splitmix64: the next of a deterministic sequence (*state advances), so
 * that a failure reproduces. */
uint64_t tu_splitmix64(uint64_t *state);

/* Diagnostics captured in memory: init, run code, then tu_diag_text()
 * returns everything printed so far (borrowed until tu_diag_release). */
struct tu_diag {
	struct ts_diag d;
	char *buf;
	size_t len;
	FILE *fp;
};
void tu_diag_init(struct tu_diag *t);
const char *tu_diag_text(struct tu_diag *t);
void tu_diag_release(struct tu_diag *t);

/* A tier model built by hand (tiers.h): tu_tier_add() appends a tier
 * with the key (also its hardware_tier), label (NULL: none) and device,
 * everything else unknown (NULL, -1, NAN, metrics of n 0), and returns
 * it; tu_metric() sets one metric's summary and spread. The caller
 * zeroes the model and sets its reference to -1 first; release it with
 * ts_tiers_release(). */
struct ts_tiers;
struct ts_tier *tu_tier_add(struct ts_tiers *t, const char *key, const char *label,
			    const char *dev);
void tu_metric(struct ts_tier *x, int m, long n, double mean, double sd, double se,
	       double lo, double hi);

/* A text measurer for layout tests (chart.h ts_measure_fn), the same on
 * every machine: 0.55 em per character (1.1 times that bold), 1.2 em a
 * line. */
struct ts_font;
void tu_fake_measure(void *ctx, const char *text, const struct ts_font *f, double *w,
		     double *h);

/* Fail the test, naming `what` and the problem, when ts_chart_check()
 * finds an item off the canvas or two that overlap. */
struct ts_chart;
struct ts_item;
void tu_assert_chart_ok(const struct ts_chart *c, const char *what);
/* The first TEXT item of c whose text is `text`, or NULL. */
const struct ts_item *tu_find_text(const struct ts_chart *c, const char *text);

/* A PNG file decoded (fails the test when it cannot be read; the caller
 * destroys it), and one pixel of it as 0xRRGGBB. */
typedef struct _cairo_surface cairo_surface_t;
cairo_surface_t *tu_load_png(const char *path);
uint32_t tu_pixel(cairo_surface_t *s, int x, int y);
/* Pixels of a and b (the same size, else the test fails) with a red,
 * green or blue value more than `channel` apart. */
size_t tu_pixels_differ(cairo_surface_t *a, cairo_surface_t *b, int channel);

/* Fail when dir/name.png differs from golden_dir/name.png by more than
 * the tolerance of tests/golden/figures/README.md (the same size; at most
 * 0.2 % of the pixels with a channel more than 64 apart). With
 * TS_GOLDEN_UPDATE=1 in the environment, copy it there instead (for
 * images drawn from a model built in the test: tests/golden-update.sh). */
void tu_golden_compare(const char *golden_dir, const char *dir, const char *name);

/* Path of fixtures/<rel> from the repository root (tests run there). */
const char *tu_fixture(const char *rel);

#endif /* TS_TESTUTIL_H */
